"""How a web worker process is tuned for serving (gunicorn calls these from gunicorn.conf.py)."""

from __future__ import annotations

import gc

#: Young-generation collections every 50,000 allocations instead of 700: a large network's page
#: allocates some 100,000 short-lived objects, and with the default threshold the collector ran
#: about 150 times per page, re-scanning everything the request had built so far.
GC_THRESHOLDS = (50_000, 20, 100)


def tune_garbage_collection() -> None:
    """Call once the app is loaded in a worker: what exists by then (modules, templates, the
    app) lives as long as the process, so it is moved out of the collector's sight
    (``gc.freeze``), and young collections are made rarer (:data:`GC_THRESHOLDS`)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
