"""Fixtures shared by every test.

Integration tests get a real Neo4j server, started once per test run on a free port in a
temporary folder (and gone when the run ends, even if it is killed), and a clean database for
each test. Unit tests need none of this.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from connections import devdb
from connections.store import Settings, Store, connect

#: The date every test's data is relative to, so results never depend on the day the suite runs.
AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[devdb.Server]:
    data_dir: Path = tmp_path_factory.mktemp("neo4j")
    server = devdb.start_server(data_dir, exit_with_parent=True)
    yield server
    devdb.stop_server(server)


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server: devdb.Server) -> Settings:
    return Settings(uri=neo4j_server.uri)


@pytest.fixture(scope="session")
def session_store(neo4j_settings: Settings) -> Iterator[Store]:
    store = connect(neo4j_settings)
    store.apply_schema()
    yield store
    store.close()


@pytest.fixture
def store(session_store: Store) -> Store:
    """The test run's database, emptied before each test (the schema stays)."""
    session_store.clear()
    return session_store
