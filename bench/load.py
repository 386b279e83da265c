"""Bulk-load rate of the demo generator into Neo4j, and of `connections import` of the same
networks as a JSON Lines file, with where the time goes and this machine's floor.

    python bench/load.py [--sizes 1000 10000] [--seed 7] [--batch-size 200] [--no-floor]
                         [--pagecache 2g] [--heap 2g]

Each size loads into a fresh, empty Neo4j of its own. Generation and loading are timed apart:
the rate is relationships written per second of loading (store.save_networks, one transaction
per batch of networks, every statement an UNWIND over the batch). Then the same networks,
written to a .jsonl file, are imported into another fresh Neo4j the way `connections import
FILE.jsonl` does (connections.cli_bulk.import_many: each document parsed and checked, then saved
in batches while the next batch is read), so the figure includes reading and validating them.

Beside each rate: the CPU seconds Neo4j's process and this Python process spent, and so the
relationships a second each could reach with a whole core to itself. The floor is the cheapest
write of the same rows there is (plain UNWIND ... CREATE with every property, no MERGE, no
checks, no versions, people written once) into another fresh Neo4j: no import of this data
model can be faster than that on this machine.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from tempfile import TemporaryDirectory

import psutil
from common import add_memory_options, figure, fresh_database, memory_of

from connections import cli_bulk, demo, io
from connections.devdb import Memory
from connections.store import Store
from connections.store.network_batch import SaveBatch

AS_OF = date(2026, 11, 22)

#: The floor: each kind of row created once, with every property, nothing checked or merged.
#: (Benchmark-only Cypher, never the product's: the store's statements are in cypher/*.cypher.)
FLOOR = (
    ("people", "UNWIND $people AS row CREATE (p:Person) SET p = row.props"),
    ("young_people", "UNWIND $young_people AS row CREATE (y:YoungPerson) SET y = row"),
    (
        "relationships",
        "UNWIND $relationships AS row MATCH (y:YoungPerson {id: row.young_person_id}) "
        "MATCH (p:Person {id: row.person_id}) CREATE (y)-[r:RELATIONSHIP]->(p) SET r = row.props",
    ),
    (
        "links",
        "UNWIND $links AS row MATCH (a:Person {id: row.source}) MATCH (b:Person {id: row.target}) "
        "CREATE (a)-[:LINK {kind: row.kind}]->(b)",
    ),
)


@dataclass
class Cpu:
    """CPU seconds of Neo4j's process and of this one over a ``with cpu_used()`` block."""

    neo4j: float = 0.0
    python: float = 0.0


@contextmanager
def cpu_used(store: Store) -> Iterator[Cpu]:
    del store  # the server is this process's child (bench/common.py starts it)
    java = [p for p in psutil.Process().children(recursive=True) if "java" in p.name()]
    used = Cpu()
    before = sum(sum(p.cpu_times()[:2]) for p in java), time.process_time()
    yield used
    used.neo4j = sum(sum(p.cpu_times()[:2]) for p in java) - before[0]
    used.python = time.process_time() - before[1]


def report_cpu(relationships: int, seconds: float, used: Cpu) -> None:
    figure("    Neo4j CPU", f"{used.neo4j:.1f} s ({relationships / used.neo4j:,.0f} rel/CPU-s)")
    figure("    Python CPU", f"{used.python:.1f} s ({relationships / used.python:,.0f} rel/CPU-s)")
    figure("    cores busy (of 2)", f"{(used.neo4j + used.python) / seconds:.2f}")


def run(young_people: int, seed: int, batch_size: int, floor: bool, memory: Memory) -> None:
    print(f"\n{young_people:,} young people (seed {seed}, batches of {batch_size})", flush=True)
    print(f"  load average before: {os.getloadavg()[0]:.1f}", flush=True)
    with fresh_database(memory) as (_, store):
        networks = demo.generate(young_people, seed, AS_OF)
        generating = loading = generating_cpu = 0.0
        counts = {"relationships": 0, "links": 0}
        with cpu_used(store) as used:
            while True:
                started, started_cpu = time.perf_counter(), time.process_time()
                batch = list(islice(networks, batch_size))
                generating += time.perf_counter() - started
                generating_cpu += time.process_time() - started_cpu
                if not batch:
                    break
                started = time.perf_counter()
                # As the demo loads (Store.bulk_save): a sibling's young person may come later.
                store.save_networks(batch, check_young_people=False)
                loading += time.perf_counter() - started
                counts["relationships"] += sum(len(n.relationships) for n in batch)
                counts["links"] += sum(len(n.links) for n in batch)
        people = store.driver.execute_query(
            "MATCH (p:Person) RETURN count(p) AS c", database_=store.database
        ).records[0]["c"]
    used.python -= generating_cpu  # the demo generator's own work is not the load's
    figure("relationships written", f"{counts['relationships']:,}")
    figure("distinct people (shared ones once)", f"{people:,}")
    figure("links written", f"{counts['links']:,}")
    figure("generating", f"{generating:.1f} s")
    figure("loading", f"{loading:.1f} s")
    figure("load rate", f"{counts['relationships'] / loading:,.0f} relationships/s")
    report_cpu(counts["relationships"], loading, used)
    figure("young people per second", f"{young_people / loading:,.0f}")
    import_jsonl(young_people, seed, batch_size, memory)
    if floor:
        floor_rate(young_people, seed, batch_size, memory)


def import_jsonl(young_people: int, seed: int, batch_size: int, memory: Memory) -> None:
    """`connections import FILE.jsonl` of the same networks, into a fresh Neo4j."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / "cohort.jsonl"
        with path.open("w") as out:
            for network in demo.generate(young_people, seed, AS_OF):
                out.write(io.dumps_network(network).replace("\n", "") + "\n")
        with fresh_database(memory) as (_, store), cpu_used(store) as used:
            started = time.perf_counter()
            outcome = cli_bulk.import_many(store, path, batch_size)
            seconds = time.perf_counter() - started
    assert not outcome.refused, outcome.refused[:3]
    figure("connections import FILE.jsonl", f"{seconds:.1f} s for {outcome.saved:,} documents")
    figure("    import rate", f"{outcome.relationships / seconds:,.0f} relationships/s")
    report_cpu(outcome.relationships, seconds, used)


def floor_rate(young_people: int, seed: int, batch_size: int, memory: Memory) -> None:
    """The same rows by plain CREATE (see the module docstring), into a fresh Neo4j."""
    relationships = 0
    seconds = 0.0
    created: set[str] = set()
    with fresh_database(memory) as (_, store), cpu_used(store) as used:
        networks = demo.generate(young_people, seed, AS_OF)
        while batch := list(islice(networks, batch_size)):
            rows = SaveBatch.of(batch)
            rows.people = [row for row in rows.people if row["id"] not in created]
            created.update(row["id"] for row in rows.people)
            rows.links = list({tuple(sorted(link.items())): link for link in rows.links}.values())
            started = time.perf_counter()
            with store.driver.session(database=store.database) as session:
                session.execute_write(
                    lambda tx, rows=rows: [
                        tx.run(query, {name: getattr(rows, name)}).consume()
                        for name, query in FLOOR
                    ]
                )
            seconds += time.perf_counter() - started
            relationships += len(rows.relationships)
    rate = f"{relationships / seconds:,.0f} relationships/s"
    figure("floor: plain CREATE of the same rows", rate)
    figure("    Neo4j CPU", f"{used.neo4j:.1f} s ({relationships / used.neo4j:,.0f} rel/CPU-s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--no-floor", dest="floor", action="store_false")
    add_memory_options(parser)
    args = parser.parse_args()
    memory = memory_of(args)
    for size in args.sizes:
        run(size, args.seed, args.batch_size, args.floor, memory)


if __name__ == "__main__":
    main()
