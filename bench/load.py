"""Bulk-load rate of the demo generator into Neo4j, at 1,000 and 10,000 young people, and of
`connections import` of the same networks as a JSON Lines file.

    python bench/load.py [--sizes 1000 10000] [--seed 7] [--batch-size 200]

Each size loads into a fresh, empty Neo4j of its own. Generation and loading are timed apart:
the rate is relationships written per second of loading (store.save_networks, one transaction
per batch of networks, every statement an UNWIND over the batch). Then the same networks,
written to a .jsonl file, are imported into another fresh Neo4j the way `connections import
FILE.jsonl` does (connections.cli_bulk.import_many: each document parsed and checked, then saved
in batches), so the figure includes reading and validating the documents.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from itertools import islice
from pathlib import Path
from tempfile import TemporaryDirectory

from common import figure, fresh_database

from connections import cli_bulk, demo, io


def run(young_people: int, seed: int, batch_size: int) -> None:
    print(f"\n{young_people:,} young people (seed {seed}, batches of {batch_size})", flush=True)
    with fresh_database() as (_, store):
        networks = demo.generate(young_people, seed, date(2026, 11, 22))
        generating = loading = 0.0
        counts = {"relationships": 0, "people": 0, "links": 0}
        while True:
            started = time.perf_counter()
            batch = list(islice(networks, batch_size))
            generating += time.perf_counter() - started
            if not batch:
                break
            started = time.perf_counter()
            store.save_networks(batch)
            loading += time.perf_counter() - started
            counts["relationships"] += sum(len(n.relationships) for n in batch)
            counts["links"] += sum(len(n.links) for n in batch)
        people = store.driver.execute_query(
            "MATCH (p:Person) RETURN count(p) AS c", database_=store.database
        ).records[0]["c"]
    figure("relationships written", f"{counts['relationships']:,}")
    figure("distinct people (shared ones once)", f"{people:,}")
    figure("links written", f"{counts['links']:,}")
    figure("generating", f"{generating:.1f} s")
    figure("loading", f"{loading:.1f} s")
    figure("load rate", f"{counts['relationships'] / loading:,.0f} relationships/s")
    figure("young people per second", f"{young_people / loading:,.0f}")
    import_jsonl(young_people, seed)


def import_jsonl(young_people: int, seed: int) -> None:
    """`connections import FILE.jsonl` of the same networks, into a fresh Neo4j."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / "cohort.jsonl"
        with path.open("w") as out:
            for network in demo.generate(young_people, seed, date(2026, 11, 22)):
                out.write(io.dumps_network(network).replace("\n", "") + "\n")
        with fresh_database() as (_, store):
            started = time.perf_counter()
            outcome = cli_bulk.import_many(store, path)
            seconds = time.perf_counter() - started
    assert not outcome.refused, outcome.refused[:3]
    figure("connections import FILE.jsonl", f"{seconds:.1f} s for {outcome.saved:,} documents")
    figure("    import rate", f"{outcome.relationships / seconds:,.0f} relationships/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()
    for size in args.sizes:
        run(size, args.seed, args.batch_size)


if __name__ == "__main__":
    main()
