"""People shared across the cohort: how long the list takes, beside scoring the whole cohort.

    python bench/shared_people.py [--young-people 1000 20000] [--seed 11]

For each cohort size, loads the demo generator's cohort (sibling groups share their family,
carers and workers look after several young people) into a fresh Neo4j and measures in one run:

  (a) the scope query alone (who is shared, and which networks hold them);
  (b) the whole shared-people list (a, then the networks holding them, each scored once);
  (c) scoring every network once, for comparison (the cohort review's live work);
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
            shared_people.from_store(store, AS_OF)  # warm the server and this process
            score_everyone(store)
            (people_ids, holders), scope = timed(store.shared_people_scope)
            people, whole = timed(lambda: shared_people.from_store(store, AS_OF))  # noqa: B023
            scored, everyone = timed(lambda: score_everyone(store))  # noqa: B023
        print(f"\nCohort of {n:,} young people")
        figure("shared people / networks holding them", f"{len(people_ids):,} / {len(holders):,}")
        figure("listed (in two or more networks)", f"{len(people):,}")
        figure("(a) scope query", f"{scope * 1000:.0f} ms")
        figure("(b) shared-people list", f"{whole:.2f} s")
        figure("(c) scoring all once", f"{everyone:.2f} s  ({scored:,} young people)")
        figure("    ratio b / c", f"{whole / everyone:.2f}")


if __name__ == "__main__":
    main()
