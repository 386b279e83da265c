"""Server time of a young person's page and of their map, for networks of 30, 300 and 1,000 people.

    python bench/web.py [--sizes 30 300 1000] [--requests 50] [--warm-up 40] [--seed 7]
                        [--cohort 200]

Loads into a fresh Neo4j of its own a background cohort (``--cohort`` ordinary demo young people,
so Neo4j plans queries as it would in service) and one synthetic young person per size
(``demo.generate(1, ..., people_per_network=(n, n))``), signs in a coordinator allocated to
those young people (so the allocation check runs too) with Flask's test client (CSRF on), tunes
the garbage collector as gunicorn's workers do (webapp.serving) and then, for each size, times
``--requests`` GETs of the young person page after ``--warm-up`` untimed ones (a fresh Neo4j
compiles its own code as it runs: its first few dozen reads of a 300-person network take twice
as long as later ones, and a server in service is past that). The map is embedded in that
page, so it is also timed on its own, and so is each step of the page (a page that fails, e.g.
Neo4j refusing the read, is reported and the steps that do not need it are still timed):

  page        GET /young-people/<id>, viewed again: everything the server does (sign-in
              check, allocation check, Neo4j read, scoring, template, audit write), CSRF and
              sessions on; the map and the report's fragments kept from an earlier view of the
              same network (connections.pagemaps, webapp.young_people.kept)
  page afresh the same GET as the first view after the network changed: nothing kept, the map
              and its names placed and the report rendered again
  load        store.load_report_values and store.report_model (the page's Neo4j read of the
              network: plain values, and the model its map and table read)
  score       scoring.score of the values, as the page scores them
  map         maps.build_map(network, report) + MapData.to_json(open_names_url), as the page
              does: the first view's names, their placement kept from an earlier view of the
              same map (as on a page viewed again)
  map afresh  the same, placing the first view's names again (the first view after the
              network changed)
  open names  what the page fetches when a group is first opened (GET .../map/open-names:
              the map built again and everyone's names placed afresh); not part of the page

Prints p50 / p95 / mean in milliseconds and, per size, each step's share of the page's mean, and
the page's p95 against the target (<= 100 ms at 300 people). Figures only: no assertion.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date

from common import figure, fresh_database, signed_in

from connections import demo, maplabels, maps, pagemaps
from connections.accounts import UserRole
from connections.demo.prefixed import with_prefix
from connections.model import Network
from connections.network_values import from_model
from connections.scoring import score
from connections.store import Store, report_model
from webapp.young_people.kept import forget_fragments

AS_OF = date(2026, 11, 22)
TARGET_MS = 100.0
TARGET_SIZE = 300


def timings(call: Callable[[], object], requests: int, warm_up: int) -> list[float]:
    """Milliseconds per call, after ``warm_up`` untimed calls."""
    for _ in range(warm_up):
        call()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p(values: list[float], percent: int) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-percent * len(ordered) // 100))
    return ordered[rank - 1]


def summary(values: list[float]) -> str:
    return (
        f"p50 {p(values, 50):7.1f}   p95 {p(values, 95):7.1f}   "
        f"mean {statistics.fmean(values):7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 1000])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warm-up", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cohort", type=int, default=200, help="background young people")
    args = parser.parse_args()

    results: dict[int, dict[str, list[float]]] = {}
    with fresh_database() as (_settings, store):
        # A council's database holds many young people: load a cohort of ordinary networks
        # first, so that Neo4j plans the page's queries as it would in service.
        print(f"Loading a background cohort of {args.cohort:,} young people...")
        store.bulk_save(demo.generate(args.cohort, args.seed, AS_OF), 200)
        for index, size in enumerate(args.sizes):
            # Each size is a run of the generator of its own: its ids are given a prefix so
            # that they are not the cohort's.
            network = next(
                demo.generate(1, args.seed + 1 + index, AS_OF, people_per_network=(size, size))
            )
            network = with_prefix(network, f"n{size}-")
            store.save_network(network)
            results[size] = measure(store, network, args.requests, args.warm_up)

    measured = {size: steps for size, steps in results.items() if "page" in steps}
    print("\nShare of the page's mean time")
    for size, steps in measured.items():
        page_mean = statistics.fmean(steps["page"])
        shares = ", ".join(
            f"{name} {statistics.fmean(values) / page_mean:.0%}"
            for name, values in steps.items()
            if name != "page"
        )
        figure(f"{size:,} people", shares)

    print("\nScaling (p95 relative to the first size)")
    first = args.sizes[0]
    for size, steps in results.items():
        ratios = ", ".join(
            f"{name} x{p(values, 95) / p(results[first][name], 95):.1f}"
            for name, values in steps.items()
            if name in results[first]
        )
        figure(f"{size:,} people", ratios)

    if TARGET_SIZE in results:
        if TARGET_SIZE not in measured:
            print(f"\nYoung person page at {TARGET_SIZE} people: FAILED (see above)")
        else:
            print()
            for step, what in (("page", "viewed again"), ("page afresh", "after a change")):
                page_p95 = p(results[TARGET_SIZE][step], 95)
                verdict = "meets" if page_p95 <= TARGET_MS else "MISSES"
                print(
                    f"Young person page at {TARGET_SIZE} people, {what}: p95 {page_p95:.1f} ms, "
                    f"{verdict} the target of {TARGET_MS:.0f} ms (ratio {page_p95 / TARGET_MS:.2f})"
                )


def measure(store: Store, saved: Network, requests: int, warm_up: int) -> dict[str, list[float]]:
    """Sign a coordinator in (CSRF on) and time the page and each of its steps. A page or load that
    fails is reported and left out; the other steps are timed on ``saved`` (what was stored)."""
    young_person_id = saved.young_person.id
    app, client = signed_in(store, UserRole.COORDINATOR, AS_OF, [young_person_id])

    url = f"/young-people/{young_person_id}"
    failure = None
    try:
        page = client.get(url)
        if page.status_code != 200:
            failure = f"{url} answered {page.status_code}"
    except Exception as error:  # noqa: BLE001 - reported, the other steps still measured
        failure = f"{type(error).__name__}: {str(error)[:300]}"
    values = from_model(saved) if failure else store.load_report_values(young_person_id)
    network = report_model(values)
    report = score(values, AS_OF)
    map_data = maps.build_map(network, report)
    open_names_url = f"/young-people/{young_person_id}/map/open-names"
    map_json = map_data.to_json(open_names_url)

    def get_page() -> None:
        if client.get(url).status_code != 200:
            raise SystemExit(f"{url} stopped answering 200")

    def build_map() -> None:
        maps.build_map(network, report).to_json(open_names_url)

    def build_map_afresh() -> None:
        maplabels.forget_placements()  # as on the first view after the network changed
        maps.build_map(network, report).to_json(open_names_url)

    def open_names() -> None:
        maplabels.forget_placements()
        maplabels.open_placement(maps.build_map(network, report))

    def get_page_afresh() -> None:
        # As on the first view after the network changed: nothing kept.
        pagemaps.forget_maps()
        maplabels.forget_placements()
        with app.app_context():
            forget_fragments()
        get_page()

    steps: dict[str, list[float]] = {}
    if not failure:
        steps["page"] = timings(get_page, requests, warm_up)
        steps["page afresh"] = timings(get_page_afresh, requests, warm_up)
        steps["load"] = timings(
            lambda: report_model(store.load_report_values(young_person_id)), requests, warm_up
        )
    steps["score"] = timings(lambda: score(values, AS_OF), requests, warm_up)
    steps["map"] = timings(build_map, requests, warm_up)
    steps["map afresh"] = timings(build_map_afresh, requests, warm_up)
    steps["open names"] = timings(open_names, requests, warm_up)
    size = f"page {len(page.data) / 1024:,.0f} KiB, " if not failure else ""
    print(
        f"\n{len(network.people):,} people, {len(network.links):,} links: {size}"
        f"map JSON {len(map_json) / 1024:,.0f} KiB ({requests} requests after {warm_up} warm-up)",
        flush=True,
    )
    if failure:
        figure("page", "FAILED: " + failure)
    for name, values in steps.items():
        figure(name, summary(values))
    return steps


if __name__ == "__main__":
    main()
