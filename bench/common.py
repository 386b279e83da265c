"""What every benchmark shares: a throwaway Neo4j of its own, a signed-in client and a way to print
figures."""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psutil
from flask import Flask
from flask.testing import FlaskClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from connections import (
    accounts,  # noqa: E402
    devdb,  # noqa: E402
)
from connections.accounts import User, UserRole  # noqa: E402
from connections.store import Settings, Store, connect  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.serving import tune_garbage_collection  # noqa: E402


def add_memory_options(parser: argparse.ArgumentParser) -> None:
    """--pagecache and --heap for the benchmark's Neo4j (default: the project's small sizes,
    or CONNECTIONS_NEO4J_PAGECACHE / CONNECTIONS_NEO4J_HEAP)."""
    parser.add_argument("--pagecache", default=None, help="Neo4j page cache, e.g. 2g")
    parser.add_argument("--heap", default=None, help="Neo4j heap, e.g. 2g")


def memory_of(args: argparse.Namespace) -> devdb.Memory:
    memory = devdb.Memory.from_env(pagecache=args.pagecache, heap=args.heap)
    print(f"Neo4j memory: page cache {memory.pagecache}, heap {memory.heap}", flush=True)
    return memory


@contextmanager
def fresh_database(memory: devdb.Memory | None = None) -> Iterator[tuple[Settings, Store]]:
    """A new, empty Neo4j on a free port, removed afterwards (never the development data)."""
    with (
        tempfile.TemporaryDirectory(prefix="bench-neo4j-") as folder,
        # A shared, busy machine can take minutes to start Neo4j.
        devdb.server_running(Path(folder), memory=memory, timeout=900) as server,
    ):
        settings = Settings(uri=server.uri)
        store = connect(settings)
        try:
            store.apply_schema()
            yield settings, store
        finally:
            store.close()


@dataclass
class Cpu:
    """CPU seconds over a ``with cpu_used()`` block: Neo4j's process, and this one with any
    worker processes it started and saw finish in the block."""

    neo4j: float = 0.0
    python: float = 0.0


def _python_cpu() -> float:
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + workers.ru_utime + workers.ru_stime


@contextmanager
def cpu_used() -> Iterator[Cpu]:
    # The server is this process's child: fresh_database starts it.
    java = [p for p in psutil.Process().children(recursive=True) if "java" in p.name()]
    used = Cpu()
    before = sum(sum(p.cpu_times()[:2]) for p in java), _python_cpu()
    yield used
    used.neo4j = sum(sum(p.cpu_times()[:2]) for p in java) - before[0]
    used.python = _python_cpu() - before[1]


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def figure(label: str, value: str) -> None:
    print(f"  {label:<44} {value}", flush=True)


def signed_in(
    store: Store, role: UserRole, as_of: date, young_people: Sequence[str] = ()
) -> tuple[Flask, FlaskClient]:
    """The app (its date ``as_of``, CSRF on) and Flask's test client with a bench user of
    ``role`` signed in, allocated to ``young_people``; the garbage collector tuned as gunicorn's
    workers tune it, so what is timed next is what a worker does."""
    username = f"bench-{role.value}"
    password = f"{username}-password"
    store.save_user(
        User(username=username, display_name=f"Bench {role.value}", role=role),
        accounts.hash_password(password),
    )
    if young_people:
        store.allocate(username, list(young_people))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench-secret-key",
            "STORE": store,
            "AS_OF": as_of,
            "SESSION_COOKIE_SECURE": False,
        }
    )
    client = app.test_client()
    token = csrf_token(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in", data={"username": username, "password": password, "csrf_token": token}
    )
    if response.status_code != 302:
        raise SystemExit(f"could not sign in: {response.status_code}")
    tune_garbage_collection()
    return app, client


def csrf_token(html: str) -> str:
    """The CSRF token of a page's form."""
    for marker in ('name="csrf_token" type="hidden" value="', 'name="csrf_token" value="'):
        start = html.find(marker)
        if start >= 0:
            start += len(marker)
            return html[start : html.index('"', start)]
    raise SystemExit("no CSRF token on the page")
