"""People shared across the cohort: how long the list takes, beside scoring the whole cohort.

    python bench/shared_people.py [--young-people 1000 20000] [--seed 11]

For each cohort size, loads the demo generator's cohort (sibling groups share their family,
carers and workers look after several young people) into a fresh Neo4j and measures in one run:

  (a) the first list after the load: every cohort row scored and kept, with its mission facts;
  (b) the holders query alone (the networks holding someone shared, with their rows' facts);
  (c) the whole shared-people list from kept rows (the stale-row check, then b, added up);
  (d) scoring every network once, for comparison (what the list cost before rows held facts);
  and how many people are shared and how many networks hold them.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from common import figure, fresh_database

from connections import cohort, demo, shared_people
from connections.store import Store

AS_OF = date(2026, 11, 22)


def timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def score_everyone(store: Store) -> int:
    return sum(1 for batch in store.iter_networks() for _ in cohort.rows(batch, AS_OF))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--young-people", type=int, nargs="+", default=[1_000, 20_000])
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    for n in args.young_people:
        with fresh_database() as (_settings, store):
            store.bulk_save(demo.generate(n, args.seed, AS_OF), 500)
            _, first = timed(lambda: shared_people.from_store(store, AS_OF))  # noqa: B023
            score_everyone(store)  # warm the server and this process
            holders, query = timed(store.shared_people_holders)
            people, whole = timed(lambda: shared_people.from_store(store, AS_OF))  # noqa: B023
            scored, everyone = timed(lambda: score_everyone(store))  # noqa: B023
        print(f"\nCohort of {n:,} young people")
        figure("networks holding someone shared", f"{len(holders):,}")
        figure("listed (in two or more networks)", f"{len(people):,}")
        figure("(a) first list after the load", f"{first:.2f} s (every row scored and kept)")
        figure("(b) holders query", f"{query * 1000:.0f} ms")
        figure("(c) shared-people list, kept rows", f"{whole:.2f} s")
        figure("(d) scoring all once", f"{everyone:.2f} s  ({scored:,} young people)")
        figure("    ratio c / d", f"{whole / everyone:.2f}")


if __name__ == "__main__":
    main()
