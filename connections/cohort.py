"""The cohort: every young person's coverage at once (docs/scoring.md section 6).

Per young person: age, status, qualifying_now, RED/AMBER/GREEN, score, the next milestone with
its forecast count, and the most urgent gap. In total: the share meeting the mission, the share
GREEN, and a priority list: RED or AMBER young people within 12 months of a milestone, nearest
first.

Rows are produced as a stream (:func:`rows`) and totals are kept by an accumulator
(:class:`CohortTotals`), so a cohort of any size is scored in bounded memory: only the priority
list grows, and only with the young people who are on it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from connections.model import Network
from connections.network_values import NetworkValue
from connections.restrictions import to_review
from connections.scoring import CoverageReport, CoverageStatus, score
from connections.store import Settings, Store, connect

#: Status order for "most urgent first" (RED before AMBER before GREEN).
_URGENCY = {CoverageStatus.RED: 0, CoverageStatus.AMBER: 1, CoverageStatus.GREEN: 2}


@dataclass(frozen=True, slots=True)
class CohortRow:
    """One young person's line in the cohort table."""

    young_person_id: str
    name: str
    age: int
    status: str
    qualifying_now: int
    coverage: CoverageStatus
    score: float
    next_milestone_age: int | None
    next_milestone_date: date | None
    next_milestone_count: int | None
    most_urgent_gap: str | None
    #: How many of the young person's restrictions are to review (docs/restrictions.md).
    restrictions_to_review: int = 0

    @classmethod
    def of(cls, report: CoverageReport, restrictions_to_review: int = 0) -> CohortRow:
        milestone = report.next_milestone
        return cls(
            young_person_id=report.young_person.id,
            name=report.young_person.name,
            age=report.young_person.age,
            status=report.young_person.status.value,
            qualifying_now=report.qualifying_count,
            coverage=report.status,
            score=report.score,
            next_milestone_age=milestone.age if milestone else None,
            next_milestone_date=milestone.date if milestone else None,
            next_milestone_count=milestone.count if milestone else None,
            most_urgent_gap=report.most_urgent_gap,
            restrictions_to_review=restrictions_to_review,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "young_person_id": self.young_person_id,
            "name": self.name,
            "age": self.age,
            "status": self.status,
            "qualifying_now": self.qualifying_now,
            "coverage": self.coverage.value,
            "score": self.score,
            "next_milestone_age": self.next_milestone_age,
            "next_milestone_date": (
                self.next_milestone_date.isoformat() if self.next_milestone_date else None
            ),
            "next_milestone_count": self.next_milestone_count,
            "most_urgent_gap": self.most_urgent_gap,
        }


#: The cohort CSV's columns (``connections cohort --format csv`` and the cohort page's download):
#: the keys of :meth:`CohortRow.to_dict`, in this order.
CSV_COLUMNS: tuple[str, ...] = (
    "young_person_id",
    "name",
    "age",
    "status",
    "qualifying_now",
    "coverage",
    "score",
    "next_milestone_age",
    "next_milestone_date",
    "next_milestone_count",
    "most_urgent_gap",
)


def csv_cells(row: CohortRow) -> list[Any]:
    """One row of the cohort CSV, in :data:`CSV_COLUMNS` (to write with
    :func:`connections.csvfile.csv_writer`, which neutralises formulas)."""
    data = row.to_dict()
    return [data[column] for column in CSV_COLUMNS]


def one_year_after(day: date) -> date:
    """The same day a year later (29 February becomes 1 March).

    >>> one_year_after(date(2024, 2, 29))
    datetime.date(2025, 3, 1)
    """
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def on_priority_list(row: CohortRow, as_of: date) -> bool:
    """RED or AMBER, with the next milestone no more than 12 months after ``as_of``."""
    return (
        row.coverage is not CoverageStatus.GREEN
        and row.next_milestone_date is not None
        and row.next_milestone_date <= one_year_after(as_of)
    )


@dataclass
class CohortTotals:
    """Running totals over a stream of rows: counts, shares and the priority list."""

    as_of: date
    young_people: int = 0
    mission_met: int = 0
    by_status: dict[str, int] = field(
        default_factory=lambda: {status.value: 0 for status in CoverageStatus}
    )
    priority: list[CohortRow] = field(default_factory=list)

    def add(self, row: CohortRow) -> None:
        self.young_people += 1
        self.mission_met += row.qualifying_now >= 2
        self.by_status[row.coverage.value] += 1
        if on_priority_list(row, self.as_of):
            self.priority.append(row)

    @property
    def mission_met_share(self) -> float | None:
        return self.mission_met / self.young_people if self.young_people else None

    @property
    def green_share(self) -> float | None:
        return self.by_status["GREEN"] / self.young_people if self.young_people else None

    def priority_list(self) -> list[CohortRow]:
        """Nearest milestone first; then the more urgent status, then the lower score."""
        return sorted(
            self.priority,
            key=lambda r: (r.next_milestone_date, _URGENCY[r.coverage], r.score, r.name),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "young_people": self.young_people,
            "mission_met": self.mission_met,
            "mission_met_share": self.mission_met_share,
            "green_share": self.green_share,
            "by_status": dict(self.by_status),
            "priority": [row.to_dict() for row in self.priority_list()],
        }


def rows(networks: Iterable[Network | NetworkValue], as_of: date) -> Iterator[CohortRow]:
    """Score each network and yield its cohort row, one at a time."""
    for network in networks:
        review = len(to_review(network, as_of)) if network.restrictions else 0
        yield CohortRow.of(score(network, as_of), review)


def summarise(
    cohort_rows: Iterable[CohortRow], as_of: date
) -> tuple[list[CohortRow], CohortTotals]:
    """All rows (for a page or a table) and their totals."""
    totals = CohortTotals(as_of)
    kept = []
    for row in cohort_rows:
        totals.add(row)
        kept.append(row)
    return kept, totals


# --- streaming from Neo4j -------------------------------------------------------------------------
# Below is the only I/O in this module: it reads networks through the store, a batch per query,
# and scores them in this process or in worker processes (one store each) to use every core.

_worker_store: Store | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_store
    _worker_store = connect(settings)
    _tune_gc()


def _tune_gc() -> None:
    """Fewer, cheaper garbage collections while scoring.

    Each batch creates a few hundred thousand short-lived, acyclic objects (rows, entities,
    reports); with the default thresholds the collector runs every 700 of them and rescans the
    long-lived interpreter state each time, which costs as much as decoding the rows. Frozen
    start-up objects are never rescanned, and a larger first generation keeps collections rare.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _score_batch(job: tuple[list[str], date]) -> list[CohortRow]:
    ids, as_of = job
    assert _worker_store is not None, "worker started without a store"
    return list(rows(_worker_store.networks_for_scoring(ids), as_of))


def stream_from_store(
    settings: Settings,
    as_of: date,
    *,
    batch_size: int = 500,
    workers: int | None = None,
) -> Iterator[CohortRow]:
    """Every young person's row, in id order, in bounded memory.

    One query fetches each batch of networks (never one per young person). With more than one
    worker, batches are loaded and scored in worker processes, each with its own driver, while
    this process only pages through the ids.
    """
    workers = workers or os.cpu_count() or 1
    store = connect(settings)
    try:
        if workers == 1:
            thresholds = gc.get_threshold()
            _tune_gc()
            try:
                for ids in store.iter_young_person_ids(batch_size):
                    yield from rows(store.networks_for_scoring(ids), as_of)
            finally:
                gc.unfreeze()
                gc.set_threshold(*thresholds)
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, initializer=_start_worker, initargs=(settings,)) as pool:
            jobs = ((ids, as_of) for ids in store.iter_young_person_ids(batch_size))
            for batch in pool.imap(_score_batch, jobs):
                yield from batch
    finally:
        store.close()
