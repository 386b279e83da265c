"""Cohort scoring at scale: how close end-to-end scoring comes to just reading the rows.

    python bench/cohort.py [--young-people 20000] [--people 38 42] [--batch-size 500]
                           [--workers 2] [--seed 11]

Loads a synthetic cohort (default 20,000 young people of about 40 people each) into a fresh
Neo4j, then measures in one run:

  (a) the floor: streaming the same rows (the same queries, the same batches) with the driver and
      doing nothing else with them;
  (b) end-to-end cohort scoring: the same rows decoded into networks, scored, summarised;
  (c) b / a;  (d) young people per second;  (e) this process's memory at a quarter, half and
      all of the cohort, to show it does not grow with N (each worker holds one batch at a time).
"""

from __future__ import annotations

import argparse
import resource
import time
from datetime import date

from common import figure, fresh_database, peak_rss_mib

from connections import cohort, demo
from connections.store import Settings, connect
from connections.store.base import _statements

AS_OF = date(2026, 11, 22)


def stream_only(settings: Settings, batch_size: int, limit: int | None = None) -> int:
    """The floor: page through the cohort with the same queries and touch every value."""
    store = connect(settings)
    seen = 0
    try:
        query = _statements()["network.for_scoring"]
        for ids in store.iter_young_person_ids(batch_size):
            if limit is not None and seen >= limit:
                break
            with store.driver.session(database=store.database) as session:
                for record in session.run(query, ids=ids):
                    record.values()
                    seen += 1
    finally:
        store.close()
    return seen


def score_all(
    settings: Settings, batch_size: int, workers: int, n: int
) -> tuple[cohort.CohortTotals, dict[int, float]]:
    """Score the cohort, noting this process's resident memory at each quarter."""
    totals = cohort.CohortTotals(AS_OF)
    checkpoints = {n // 4: 25, n // 2: 50, n: 100}
    memory: dict[int, float] = {}
    for row in cohort.stream_from_store(settings, AS_OF, batch_size=batch_size, workers=workers):
        totals.add(row)
        if totals.young_people in checkpoints:
            memory[checkpoints[totals.young_people]] = current_rss_mib()
    return totals, memory


def current_rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--young-people", type=int, default=20_000)
    parser.add_argument("--people", type=int, nargs=2, default=(38, 42))
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    n = args.young_people

    with fresh_database() as (settings, store):
        print(f"Loading {n:,} young people of {args.people[0]}-{args.people[1]} people...")
        started = time.perf_counter()
        relationships = store.bulk_save(
            demo.generate(n, args.seed, AS_OF, people_per_network=tuple(args.people)), 500
        )
        figure(
            "loaded", f"{relationships:,} relationships in {time.perf_counter() - started:.0f} s"
        )

        stream_only(settings, args.batch_size, limit=args.batch_size * 2)  # warm the server
        started = time.perf_counter()
        streamed = stream_only(settings, args.batch_size)
        floor = time.perf_counter() - started

        started = time.perf_counter()
        totals, memory = score_all(settings, args.batch_size, args.workers, n)
        end_to_end = time.perf_counter() - started
        assert totals.young_people == streamed == n, (totals.young_people, streamed, n)

    print(f"\nCohort of {n:,} young people, batches of {args.batch_size}, {args.workers} workers")
    figure("(a) stream the rows only (floor)", f"{floor:.2f} s")
    figure("(b) end-to-end cohort scoring", f"{end_to_end:.2f} s")
    figure("(c) ratio b / a", f"{end_to_end / floor:.2f}  (target <= 1.5)")
    figure("(d) young people per second", f"{n / end_to_end:,.0f}  (target >= 2,000)")
    figure(
        "(e) memory at 25% / 50% / 100% of the cohort",
        " / ".join(f"{memory[p]:.0f}" for p in (25, 50, 100)) + " MiB (this process)",
    )
    figure("    peak memory, this process", f"{peak_rss_mib():.0f} MiB")
    figure("mission met / GREEN", f"{totals.mission_met_share:.0%} / {totals.green_share:.0%}")


if __name__ == "__main__":
    main()
