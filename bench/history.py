"""Server time of the young person's pages and of the cohort's family-finding figures, with two
years of history in the database compared with none, in one run.

    python bench/history.py [--young-people 300] [--large 300] [--requests 30] [--warm-up 40]
                            [--figures-requests 5] [--seed 2026]

Loads ``--young-people`` demo networks, and one more of ``--large`` people, into a fresh Neo4j
of its own twice: first with no history (each network's one version, its first save), then,
emptied, the same networks with the demo's two years of history (connections/demo/history.py:
some 20 back-dated versions each, fortnightly, and conferences). Each time it signs in a
manager (CSRF on; managers may open every young person, so the access check runs too), tunes
the garbage collector as gunicorn's workers do, and times, after ``--warm-up`` untimed GETs
(a fresh Neo4j is slow for its first few dozen reads: see bench/web.py), for the young person
with the most versions:

  page        GET /young-people/<id>: today's network, its score and map (history never read),
              viewed again (what the page keeps of an unchanged network: bench/web.py)
  history     GET /young-people/<id>/history: the newest 20 versions in words, each scored
  timeline    GET /young-people/<id>/timeline: every version read at once, the chart and table
  figures     GET /cohort/family-finding: the last complete quarter's figures for the cohort
              (``--figures-requests`` of them: the two reads of every version in the period)

and for the young person of ``--large`` people:

  large page         GET /young-people/<id>, viewed again
  large page afresh  the same as the first view after their network changed (nothing kept)

Prints p50 / p95 / mean in milliseconds for each, the ratio of history to none (p95), and the
young person pages' p95 against their target (<= 100 ms, at 300 young people and for a network
of 300 people). Figures only.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import date
from itertools import chain

from common import figure, fresh_database, signed_in
from web import p, summary, timings

from connections import demo, maplabels, pagemaps
from connections.accounts import UserRole
from connections.demo.history import DemoHistory
from connections.demo.prefixed import with_prefix
from connections.store import Store
from webapp.young_people.kept import forget_fragments

AS_OF = date(2026, 11, 22)
TARGET_MS = 100.0
#: Networks a transaction: 200 and 50 outlasted the test server's 2-minute transaction timeout
#: on a busy machine (each version check loads every network sharing a pooled worker).
BATCH = 10


LARGE_ID_PREFIX = "large-"


def load(store: Store, count: int, large: int, seed: int, history: bool) -> tuple[str, int, str]:
    """The cohort and the large network, with or without history; the young person of the
    cohort with the most versions, how many they have, and the large network's young person."""
    (large_network,) = demo.generate(1, seed + 1, AS_OF, people_per_network=(large, large))
    large_network = with_prefix(large_network, LARGE_ID_PREFIX)
    networks: Iterator = chain(demo.generate(count, seed, AS_OF), [large_network])
    if history:
        past = DemoHistory(store, AS_OF, seed, BATCH)
        store.bulk_save(past.passing(networks), BATCH, lambda _saved: past.flush())
    else:
        store.bulk_save(networks, BATCH)
    most = max(
        (len(store.all_versions(young_person.id)), young_person.id)
        for young_person in store.list_young_people()
        if not young_person.id.startswith(LARGE_ID_PREFIX)
    )
    return most[1], most[0], large_network.young_person.id


def measure(
    store: Store,
    young_person_id: str,
    large_id: str,
    requests: int,
    warm_up: int,
    figures_requests: int,
) -> dict[str, list[float]]:
    app, client = signed_in(store, UserRole.MANAGER, AS_OF)

    def get(url: str):  # noqa: ANN202 - a timed call
        def call() -> None:
            answer = client.get(url)
            if answer.status_code != 200:
                raise SystemExit(f"{url} answered {answer.status_code}")

        return call

    def afresh(url: str):  # noqa: ANN202 - a timed call
        view = get(url)

        def call() -> None:
            pagemaps.forget_maps()
            maplabels.forget_placements()
            with app.app_context():
                forget_fragments()
            view()

        return call

    base = f"/young-people/{young_person_id}"
    large = f"/young-people/{large_id}"
    return {
        "page": timings(get(base), requests, warm_up),
        "history": timings(get(f"{base}/history"), requests, warm_up),
        "timeline": timings(get(f"{base}/timeline"), requests, warm_up),
        "figures": timings(get("/cohort/family-finding"), figures_requests, 1),
        "large page": timings(get(large), requests, warm_up),
        "large page afresh": timings(afresh(large), requests, warm_up),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--young-people", type=int, default=300)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--large", type=int, default=300, help="people in the large network")
    parser.add_argument("--warm-up", type=int, default=40)
    parser.add_argument("--figures-requests", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    results: dict[str, dict[str, list[float]]] = {}
    with fresh_database() as (_settings, store):
        for label, history in (("none", False), ("two years", True)):
            store.clear()
            store.apply_schema()
            print(f"Loading {args.young_people:,} young people, history: {label}...", flush=True)
            young_person_id, versions, large_id = load(
                store, args.young_people, args.large, args.seed, history
            )
            large_versions = len(store.all_versions(large_id))
            print(
                f"  measuring {young_person_id} ({versions} versions) and {large_id} "
                f"({args.large} people, {large_versions} versions)",
                flush=True,
            )
            results[label] = measure(
                store,
                young_person_id,
                large_id,
                args.requests,
                args.warm_up,
                args.figures_requests,
            )

    for label, steps in results.items():
        print(f"\nHistory: {label}")
        for name, values in steps.items():
            figure(name, summary(values))
    print("\nTwo years of history against none (p95)")
    for name in results["none"]:
        ratio = p(results["two years"][name], 95) / p(results["none"][name], 95)
        figure(name, f"x{ratio:.2f}")
    print()
    for step, what in (
        ("page", f"at {args.young_people} young people"),
        ("large page", f"for a network of {args.large} people, viewed again"),
        ("large page afresh", f"for a network of {args.large} people, after a change"),
    ):
        page_p95 = p(results["two years"][step], 95)
        verdict = "meets" if page_p95 <= TARGET_MS else "MISSES"
        print(
            f"Young person page with two years of history {what}: "
            f"p95 {page_p95:.1f} ms, {verdict} the target of {TARGET_MS:.0f} ms"
        )


if __name__ == "__main__":
    main()
