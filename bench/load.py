"""Bulk-load rate of the demo generator into Neo4j, and of `connections import` of the same
networks as a JSON Lines file, with where the time goes and this machine's floor.

    python bench/load.py [--sizes 1000 10000] [--seed 7] [--batch-size 200] [--no-floor]
                         [--warm-up 500] [--pagecache 2g] [--heap 2g]

Each size loads into a fresh, empty Neo4j of its own. Each path first writes ``--warm-up``
other networks the same way, untimed: a fresh Neo4j spends most of its first minutes compiling
its own code (the JVM's JIT: on this machine its compiler threads used about twice the CPU of
the thread doing the writes over the first 1,000 networks), which a server that has been
running pays once, not on each import. ``--warm-up 0`` times the cold start instead.
Generation and loading are timed apart:
the rate is relationships written per second of loading (store.save_networks, one transaction
per batch of networks, every statement an UNWIND over the batch). Then the same networks,
written to a .jsonl file, are imported into another fresh Neo4j the way `connections import
FILE.jsonl` does (connections.cli_bulk.import_many: each document parsed and checked, then saved
in batches while the next batch is read), so the figure includes reading and validating them.

Beside each rate: the CPU seconds Neo4j's process and this Python process spent, and so the
relationships a second each could reach with a whole core to itself. The floor is the cheapest
write of the same rows there is (plain UNWIND ... CREATE with every property, no MERGE, no
checks, no versions, people written once) into another fresh Neo4j: no import of this data
model can be faster than that on this machine. The summary puts the three side by side: each
path's relationships a second by the clock and per CPU second of Neo4j and of Python, and the
demo load's and the import's ratio to the floor (by the clock, and by Neo4j's CPU, which the
other work on a shared machine disturbs less).
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

from common import Cpu, add_memory_options, cpu_used, figure, fresh_database, memory_of

from connections import cli_bulk, demo, io
from connections.devdb import Memory
from connections.model import Network
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


def report_cpu(relationships: int, seconds: float, used: Cpu) -> None:
    figure("    Neo4j CPU", f"{used.neo4j:.1f} s ({relationships / used.neo4j:,.0f} rel/CPU-s)")
    figure("    Python CPU", f"{used.python:.1f} s ({relationships / used.python:,.0f} rel/CPU-s)")
    figure("    cores busy (of 2)", f"{(used.neo4j + used.python) / seconds:.2f}")


@dataclass
class Rate:
    """One path's figures, for the summary that compares them."""

    relationships: int
    seconds: float
    used: Cpu

    @property
    def per_second(self) -> float:
        return self.relationships / self.seconds

    @property
    def per_neo4j_cpu_second(self) -> float:
        return self.relationships / self.used.neo4j


def run(
    young_people: int, seed: int, batch_size: int, floor: bool, warm_up: int, memory: Memory
) -> None:
    print(
        f"\n{young_people:,} young people (seed {seed}, batches of {batch_size}, "
        f"after {warm_up:,} others to warm Neo4j up)",
        flush=True,
    )
    print(f"  load average before: {os.getloadavg()[0]:.1f}", flush=True)
    rates = {"demo load": load_rate(young_people, seed, batch_size, warm_up, memory)}
    print(f"  load average: {os.getloadavg()[0]:.1f}", flush=True)
    rates["connections import"] = import_jsonl(young_people, seed, batch_size, warm_up, memory)
    print(f"  load average: {os.getloadavg()[0]:.1f}", flush=True)
    if floor:
        rates["floor"] = floor_rate(young_people, seed, batch_size, warm_up, memory)
        print(f"  load average after: {os.getloadavg()[0]:.1f}", flush=True)
    print("  summary (relationships a second; a Neo4j CPU second; a Python CPU second):")
    for name, rate in rates.items():
        figure(
            f"    {name}",
            f"{rate.per_second:,.0f}/s; {rate.per_neo4j_cpu_second:,.0f}; "
            + (f"{rate.relationships / rate.used.python:,.0f}" if rate.used.python > 0 else "-"),
        )
    if "floor" in rates:
        for name in ("demo load", "connections import"):
            figure(
                f"    {name} / floor",
                f"{rates[name].per_second / rates['floor'].per_second:.2f} by the clock, "
                f"{rates[name].per_neo4j_cpu_second / rates['floor'].per_neo4j_cpu_second:.2f} "
                "by Neo4j's CPU",
            )


def _split(young_people: int, seed: int, warm_up: int) -> tuple[list[Network], list[Network]]:
    """The warm-up networks and the measured ones: one generated cohort, so the measured
    networks share people with those already written, as a later import would."""
    networks = list(demo.generate(warm_up + young_people, seed, AS_OF))
    return networks[:warm_up], networks[warm_up:]


def load_rate(young_people: int, seed: int, batch_size: int, warm_up: int, memory: Memory) -> Rate:
    """The demo's way: store.save_networks a batch at a time, into a fresh Neo4j."""
    warm, measured = _split(young_people, seed, warm_up)
    with fresh_database(memory) as (_, store):
        for start in range(0, len(warm), batch_size):
            store.save_networks(warm[start : start + batch_size], check_young_people=False)
        loading = 0.0
        with cpu_used() as used:
            for start in range(0, len(measured), batch_size):
                batch = measured[start : start + batch_size]
                started = time.perf_counter()
                # As the demo loads (Store.bulk_save): a sibling's young person may come later.
                store.save_networks(batch, check_young_people=False)
                loading += time.perf_counter() - started
        people = store.driver.execute_query(
            "MATCH (p:Person) RETURN count(p) AS c", database_=store.database
        ).records[0]["c"]
    relationships = sum(len(n.relationships) for n in measured)
    figure("relationships written", f"{relationships:,}")
    figure("distinct people (warm-up's too)", f"{people:,}")
    figure("links written", f"{sum(len(n.links) for n in measured):,}")
    figure("demo load", f"{loading:.1f} s")
    figure("    load rate", f"{relationships / loading:,.0f} relationships/s")
    report_cpu(relationships, loading, used)
    figure("    young people per second", f"{young_people / loading:,.0f}")
    return Rate(relationships, loading, used)


def _jsonl(path: Path, networks: list[Network]) -> Path:
    with path.open("w") as out:
        for network in networks:
            out.write(io.dumps_network(network).replace("\n", "") + "\n")
    return path


def import_jsonl(
    young_people: int, seed: int, batch_size: int, warm_up: int, memory: Memory
) -> Rate:
    """`connections import FILE.jsonl` of the same networks, into a fresh Neo4j."""
    warm, measured = _split(young_people, seed, warm_up)
    with TemporaryDirectory() as folder:
        warm_path = _jsonl(Path(folder) / "warm-up.jsonl", warm)
        path = _jsonl(Path(folder) / "cohort.jsonl", measured)
        del warm, measured
        with fresh_database(memory) as (_, store):
            if warm_up:
                cli_bulk.import_many(store, warm_path, batch_size)
            with cpu_used() as used:
                started = time.perf_counter()
                outcome = cli_bulk.import_many(store, path, batch_size)
                seconds = time.perf_counter() - started
    assert not outcome.refused, outcome.refused[:3]
    figure("connections import FILE.jsonl", f"{seconds:.1f} s for {outcome.saved:,} documents")
    figure("    import rate", f"{outcome.relationships / seconds:,.0f} relationships/s")
    report_cpu(outcome.relationships, seconds, used)
    return Rate(outcome.relationships, seconds, used)


def floor_rate(young_people: int, seed: int, batch_size: int, warm_up: int, memory: Memory) -> Rate:
    """The same rows by plain CREATE (see the module docstring), into a fresh Neo4j."""
    warm, measured = _split(young_people, seed, warm_up)
    created: set[str] = set()

    def write(store: Store, batch: list[Network]) -> tuple[int, float]:
        rows = SaveBatch.of(batch)
        rows.people = [row for row in rows.people if row["id"] not in created]
        created.update(row["id"] for row in rows.people)
        rows.links = list({tuple(sorted(link.items())): link for link in rows.links}.values())
        started = time.perf_counter()
        with store.driver.session(database=store.database) as session:
            session.execute_write(
                lambda tx: [
                    tx.run(query, {name: getattr(rows, name)}).consume() for name, query in FLOOR
                ]
            )
        return len(rows.relationships), time.perf_counter() - started

    relationships = 0
    seconds = 0.0
    with fresh_database(memory) as (_, store):
        for start in range(0, len(warm), batch_size):
            write(store, warm[start : start + batch_size])
        with cpu_used() as used:
            for start in range(0, len(measured), batch_size):
                written, took = write(store, measured[start : start + batch_size])
                relationships += written
                seconds += took
    figure(
        "floor: plain CREATE of the same rows", f"{relationships / seconds:,.0f} relationships/s"
    )
    report_cpu(relationships, seconds, used)
    return Rate(relationships, seconds, used)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--no-floor", dest="floor", action="store_false")
    parser.add_argument(
        "--warm-up", type=int, default=500, help="networks written untimed first (0: cold)"
    )
    add_memory_options(parser)
    args = parser.parse_args()
    memory = memory_of(args)
    for size in args.sizes:
        run(size, args.seed, args.batch_size, args.floor, args.warm_up, memory)


if __name__ == "__main__":
    main()
