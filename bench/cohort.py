"""Cohort scoring at scale: live scoring against its floor, and the cohort page from kept rows.

    python bench/cohort.py [--sizes 1000 20000 100000] [--people 38 42] [--small-people 6 10]
                           [--full-up-to 20000] [--live-up-to 20000] [--requests 30]
                           [--batch-size 500] [--workers 2] [--seed 11] [--no-shared]
                           [--pagecache 2g] [--heap 2g]

Loads a synthetic cohort into a fresh Neo4j a tier at a time (the first ``--full-up-to`` young
people of ``--people`` people each, the rest of ``--small-people``: loading 100,000 networks of
40 people takes this machine over 20 minutes) and measures at each tier, in one run:

  live scoring (tiers up to ``--live-up-to``: what the cohort page did on every request before
  rows were kept):
  (a) the floor: streaming the same rows (the same queries, the same batches) with the driver and
      doing nothing else with them;
  (b) end-to-end cohort scoring: the same rows decoded into networks, scored, summarised;
  (c) b / a;  (d) young people per second, beside the floor's;  (e) this process's memory at a
      quarter, half and all of the cohort, to show it does not grow with N;
  beside (a) and (b), the CPU seconds Neo4j and Python (the workers included) spent: all of
  (b)'s CPU shared over two cores, against (a), is the lowest ratio this machine allows;

  kept rows (connections.cohort_rows):
  (f) the first read after the load: every row scored and written back (one process);
  (g) GET /cohort with Flask's test client, a manager signed in: everything the request does
      (session, role check, the stale-row check, the page query, the template, no row stale),
      p50 / p95 over ``--requests`` after 3 untimed; and a filtered, sorted later page;
  (h) the same without Flask: the stale-row check and the page query (store only);

  (i) shared people (connections.shared_people.from_store) on the same cohort;

The load average is printed at the start and beside each tier (two shared cores make every
figure noisy). And at the end, the first read of the next day: how many rows the calendar made
stale overnight and how long scoring them again took.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import islice

from common import (
    add_memory_options,
    cpu_used,
    figure,
    fresh_database,
    memory_of,
    peak_rss_mib,
    signed_in,
)
from flask.testing import FlaskClient

from connections import cohort, cohort_rows, demo, shared_people
from connections.accounts import UserRole
from connections.cohort import one_year_after
from connections.demo.prefixed import with_prefix
from connections.model import Network
from connections.store import CohortPageQuery, Settings, Store, connect
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


def timings(call: Callable[[], object], requests: int, warm_up: int = 3) -> list[float]:
    """Milliseconds per call, after ``warm_up`` untimed calls."""
    for _ in range(warm_up):
        call()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p50_p95(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms"


def manager_client(store: Store) -> FlaskClient:
    """Flask's test client with a manager signed in (CSRF on), the app's date AS_OF."""
    return signed_in(store, UserRole.MANAGER, AS_OF)[1]


def networks(args: argparse.Namespace) -> Iterator[Network]:
    """The whole cohort in load order: full-sized networks first, then small ones (their ids
    prefixed so they never meet the first ones' people)."""
    full = min(args.full_up_to, max(args.sizes))
    yield from demo.generate(full, args.seed, AS_OF, people_per_network=tuple(args.people))
    rest = max(args.sizes) - full
    if rest > 0:
        small = demo.generate(
            rest, args.seed + 1, AS_OF, people_per_network=tuple(args.small_people)
        )
        yield from (with_prefix(network, "s") for network in small)


def live(settings: Settings, args: argparse.Namespace, n: int) -> None:
    """(a) to (e): the floor and end-to-end scoring of the whole cohort, with the CPU each
    used."""
    stream_only(settings, args.batch_size, limit=args.batch_size * 2)  # warm the server
    with cpu_used() as floor_cpu:
        started = time.perf_counter()
        streamed = stream_only(settings, args.batch_size)
        floor = time.perf_counter() - started
    with cpu_used() as scoring_cpu:
        started = time.perf_counter()
        totals, memory = score_all(settings, args.batch_size, args.workers, n)
        end_to_end = time.perf_counter() - started
    assert totals.young_people == streamed == n, (totals.young_people, streamed, n)
    figure(
        f"live scoring, batches of {args.batch_size}, {args.workers} workers",
        "(the page before rows were kept)",
    )
    figure("(a) stream the rows only (floor)", f"{floor:.2f} s")
    figure("(b) end-to-end cohort scoring", f"{end_to_end:.2f} s")
    figure("(c) ratio b / a", f"{end_to_end / floor:.2f}  (target <= 1.5)")
    figure(
        "(d) young people per second",
        f"{n / end_to_end:,.0f}  (the floor's: {n / floor:,.0f})",
    )
    for label, used, seconds in (("floor", floor_cpu, floor), ("scoring", scoring_cpu, end_to_end)):
        figure(
            f"    CPU, {label}",
            f"Neo4j {used.neo4j:.1f} s, Python {used.python:.1f} s (workers included); "
            f"{(used.neo4j + used.python) / seconds:.2f} of 2 cores busy",
        )
    figure(
        "    lowest ratio 2 cores allow (CPU / 2 / a)",
        f"{(scoring_cpu.neo4j + scoring_cpu.python) / 2 / floor:.2f}",
    )
    figure(
        "(e) memory at 25% / 50% / 100% of the cohort",
        " / ".join(f"{memory[p]:.0f}" for p in (25, 50, 100)) + " MiB (this process)",
    )
    figure("mission met / GREEN", f"{totals.mission_met_share:.0%} / {totals.green_share:.0%}")


def kept(store: Store, client: FlaskClient, args: argparse.Namespace, n: int) -> None:
    """(f) to (h): the kept rows and the cohort page."""
    started = time.perf_counter()
    scored = cohort_rows.refresh(store, AS_OF, args.batch_size)
    fill = time.perf_counter() - started
    figure(
        "(f) first read after the load",
        f"{scored:,} rows scored and kept in {fill:.1f} s "
        f"({scored / max(fill, 1e-9):,.0f} a second)",
    )

    def get(url: str) -> Callable[[], None]:
        def call() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")

        return call

    page = timings(get("/cohort"), args.requests)
    figure("(g) GET /cohort", p50_p95(page) + "  (target p95 <= 300 ms)")
    filtered = "/cohort?status=RED&status=AMBER&age=16-17&sort=score&order=desc&page=3"
    figure(
        "    GET /cohort, filtered, sorted, page 3", p50_p95(timings(get(filtered), args.requests))
    )
    query = CohortPageQuery(day=AS_OF, year_after=one_year_after(AS_OF))

    def store_only() -> None:
        cohort_rows.refresh(store, AS_OF)
        store.cohort_page(query)

    figure("(h) stale check + page query (no Flask)", p50_p95(timings(store_only, args.requests)))
    size = len(client.get("/cohort").data)
    figure("    page size", f"{size / 1024:,.0f} KiB")


def shared(store: Store) -> None:
    started = time.perf_counter()
    people = shared_people.from_store(store, AS_OF)
    figure("(i) shared people", f"{len(people):,} listed in {time.perf_counter() - started:.1f} s")


def next_day(store: Store, client: FlaskClient, args: argparse.Namespace, n: int) -> None:
    """The calendar's overnight work: the rows whose valid_until is tomorrow, scored again by
    the first read of the next day."""
    tomorrow = AS_OF + timedelta(days=1)
    week = [len(store.stale_cohort_rows(AS_OF + timedelta(days=d))) for d in (1, 7, 30)]
    started = time.perf_counter()
    scored = cohort_rows.refresh(store, tomorrow, args.batch_size)
    took = time.perf_counter() - started
    print(f"\nThe next day, {n:,} young people")
    figure(
        "stale after 1 / 7 / 30 days",
        " / ".join(f"{count:,} ({count / n:.1%})" for count in week),
    )
    figure("first read of the next day", f"{scored:,} rows scored again in {took:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 20_000, 100_000])
    parser.add_argument("--people", type=int, nargs=2, default=(38, 42))
    parser.add_argument("--small-people", type=int, nargs=2, default=(6, 10))
    parser.add_argument("--full-up-to", type=int, default=20_000)
    parser.add_argument("--live-up-to", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-shared", action="store_true", help="skip the shared people")
    add_memory_options(parser)
    args = parser.parse_args()
    sizes = sorted(args.sizes)

    print(f"load average: {' '.join(f'{load:.1f}' for load in os.getloadavg())}", flush=True)
    with fresh_database(memory_of(args)) as (settings, store):
        stream = networks(args)
        loaded = 0
        for n in sizes:
            started = time.perf_counter()
            relationships = store.bulk_save(islice(stream, n - loaded), 500)
            took = time.perf_counter() - started
            loaded = n
            print(
                f"\nCohort of {n:,} young people (load average {os.getloadavg()[0]:.1f})",
                flush=True,
            )
            figure(
                "loaded",
                f"{relationships:,} relationships in {took:.0f} s "
                f"({relationships / max(took, 1e-9):,.0f} a second)",
            )
            if n <= args.live_up_to:
                live(settings, args, n)
            # Signed in after the load: a session would run out during an hour's load.
            client = manager_client(store)
            kept(store, client, args, n)
            if not args.no_shared:
                shared(store)
        next_day(store, client, args, loaded)
    figure("peak memory, this process", f"{peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
