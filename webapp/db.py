"""The database connection's lifecycle: one :class:`~connections.store.Store` per process.

The store (and its driver, with its connection pool) is created on first use, after gunicorn has
forked its workers, and closed when the process exits; the schema (constraints and indexes) is
applied then too, idempotently. :func:`get_store` is how views reach it. Tests and benchmarks may
hand the app a store of their own (``STORE`` in the config).

When Neo4j cannot be reached, the error handlers answer 503 (see :mod:`webapp.errors`) and mark
the database as down; for ``DATABASE_RETRY_SECONDS`` after that, requests are answered 503 at once
instead of each waiting for the driver's timeouts and retries. After that, the next request first
makes one quick connection attempt: if Neo4j is back the app carries on (the driver reconnects,
nothing needs a restart), if not it answers 503 at once and waits again.
"""

from __future__ import annotations

import atexit
import threading
import time

from flask import Flask, current_app, g

from connections.store import DatabaseUnavailable, Store, connect

_EXTENSION = "connections_store"


class _StoreHolder:
    """The app's one store, created lazily and safely from several threads."""

    def __init__(self, app: Flask):
        self.settings = app.config["NEO4J_SETTINGS"]
        self.apply_schema = bool(app.config.get("APPLY_SCHEMA", True))
        self.retry_seconds = float(app.config.get("DATABASE_RETRY_SECONDS", 5))
        # A store made elsewhere (tests, benchmarks) is used as it is and never closed here.
        given: Store | None = app.config.get("STORE")
        self.owned = given is None
        self.store = given
        self.schema_applied = given is not None
        self.down_until: float | None = None
        self.lock = threading.Lock()

    def _store(self) -> Store:
        store = self.store
        if store is None:
            with self.lock:
                if self.store is None:
                    self.store = connect(self.settings)  # lazy: connects on first query
                    atexit.register(self.close)
                store = self.store
        return store

    def get(self) -> Store:
        store = self._store()
        if self.apply_schema and not self.schema_applied:
            with self.lock:
                if not self.schema_applied:
                    store.apply_schema()  # raises DatabaseUnavailable while Neo4j is down
                    self.schema_applied = True
        return store

    def close(self) -> None:
        with self.lock:
            if self.store is not None and self.owned:
                self.store.close()
                self.store = None
                self.schema_applied = False

    # --- the "database is down" window ------------------------------------------------------

    def mark_down(self) -> None:
        self.down_until = time.monotonic() + self.retry_seconds

    def known_down(self) -> bool:
        """Down within the window; after it, one quick connection attempt (no retries, unlike a
        query) decides, so a request never waits on the driver's retries for a database that
        was down a moment ago."""
        if self.down_until is None:
            return False
        if time.monotonic() < self.down_until:
            return True
        try:
            self._store().ping()
        except DatabaseUnavailable:
            self.mark_down()
            return True
        self.down_until = None
        return False


def _holder(app: Flask | None = None) -> _StoreHolder:
    return (app or current_app).extensions[_EXTENSION]


def init_app(app: Flask) -> None:
    """Register the store holder on ``app`` (the store itself is made on first use)."""
    app.extensions[_EXTENSION] = _StoreHolder(app)


def get_store() -> Store:
    """The process's store (created, and the schema applied, on first use)."""
    return _holder().get()


def mark_database_down() -> None:
    """Called by the 503 handler: answer 503 at once for the next few seconds."""
    _holder().mark_down()
    g.database_down = True


def database_known_down() -> bool:
    """Whether Neo4j failed within the last ``DATABASE_RETRY_SECONDS`` (or in this request)."""
    return bool(g.get("database_down")) or _holder().known_down()


def close_store(app: Flask) -> None:
    """Close the app's store now (tests; the process's exit does it otherwise)."""
    _holder(app).close()
