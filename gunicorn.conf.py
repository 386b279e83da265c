"""gunicorn's settings for Lifelong Connections (gunicorn reads ./gunicorn.conf.py itself; the
command line sets the bind address and the number of workers)."""

from webapp.serving import tune_garbage_collection


def post_worker_init(worker: object) -> None:
    """Each worker, once it has loaded the app."""
    tune_garbage_collection()
