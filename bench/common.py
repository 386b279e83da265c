"""What every benchmark shares: a throwaway Neo4j of its own and a way to print figures."""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from connections import devdb  # noqa: E402
from connections.store import Settings, Store, connect  # noqa: E402


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


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def figure(label: str, value: str) -> None:
    print(f"  {label:<44} {value}", flush=True)
