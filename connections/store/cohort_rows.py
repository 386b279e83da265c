"""Kept cohort rows (:mod:`connections.cohort_rows`): read a page of them, find the stale ones,
write back those scored again, and invalidate them (``cypher/cohort_rows.cypher``).

Rows come back as plain mappings (the row's fields, dates as :class:`datetime.date`):
:mod:`connections.cohort` makes them :class:`~connections.cohort.CohortRow` values (the store
does not import the cohort, which imports the store).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import neo4j
import neo4j.time

from connections import cohort_keys
from connections.scoring import CoverageStatus
from connections.store.base import StoreBase, _statements

#: An age above any young person's, for the totals' and pages' age range when no band is asked.
_OLDEST = 1000


@dataclass(frozen=True)
class CohortPageQuery:
    """What the cohort page asks for: filters, order and the page (webapp/cohort/views.py)."""

    day: date
    year_after: date
    statuses: Sequence[str] = ()
    age_low: int | None = None
    age_high: int | None = None
    milestone_soon: bool = False
    sort: str = "coverage"
    descending: bool = False
    skip: int = 0
    limit: int = 50
    #: The most rows of the priority list and of the restrictions to review returned (their
    #: full counts are returned too).
    list_limit: int = 100


@dataclass(frozen=True)
class CohortPageRecord:
    """The cohort page's figures and rows, as the store read them."""

    everyone: int
    #: (coverage, mission met, score band 0..9, young people) for the matching rows.
    counts: list[tuple[str, bool, int, int]]
    priority_count: int
    priority: list[dict[str, Any]]
    to_review_count: int
    to_review: list[dict[str, Any]]
    rows: list[dict[str, Any]]


def _native(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.to_native() if isinstance(value, neo4j.time.Date) else value
        for key, value in row.items()
    }


class CohortRowRecords(StoreBase):
    """The kept cohort rows."""

    def stale_cohort_rows(self, day: date) -> list[tuple[str, str | None]]:
        """(young person id, stamp) of each young person whose kept row is missing,
        invalidated, or not for ``day``; the stamp is read now, before the networks are.
        Two index seeks, and a scan of every young person only when some have no row at all
        (``cohort_row.unkept``)."""
        record = self.read("cohort_row.stale", day=day)[0]
        stale: dict[str, str | None] = dict(record["stale"])
        if record["young_people"] != record["rows"]:
            for unkept in self.read("cohort_row.unkept"):
                stale.setdefault(unkept["id"], unkept["stamp"])
        return list(stale.items())

    def keep_cohort_rows(self, rows: Iterable[dict[str, Any]]) -> int:
        """Write back rows scored again: each ``{"row": {...}, "stamp", "scored_on",
        "valid_until"}``, kept only where the young person's stamp is still ``stamp``.
        Returns how many were kept."""
        rows = list(rows)
        if not rows:
            return 0
        return self.write("cohort_row.keep", rows=rows)[0]["kept"]

    def invalidate_cohort_rows(self, young_person_ids: Sequence[str]) -> None:
        """Invalidate these young people's kept rows (``cohort_row.invalidate``): for a path
        that writes networks without the store's statements, such as a bulk import, to run
        after (or with) each batch."""
        self.write("cohort_row.invalidate", ids=list(young_person_ids))

    def invalidate_cohort_rows_of_people(self, person_ids: Sequence[str]) -> None:
        """Invalidate the kept rows of every young person whose network holds any of these
        people (``cohort_row.invalidate_for_people``)."""
        self.write("cohort_row.invalidate_for_people", ids=list(person_ids))

    def kept_cohort_row(
        self, young_person_id: str
    ) -> tuple[dict[str, Any] | None, date | None, date | None]:
        """A young person's kept row (``None`` if none), scored on, valid until (``None``
        when invalidated)."""
        records = self.read("cohort_row.get", id=young_person_id)
        if not records:
            return None, None, None
        record = records[0]
        row = record["row"]
        scored_on, valid_until = record["scored_on"], record["valid_until"]
        return (
            None if row is None else _native(row),
            scored_on and scored_on.to_native(),
            valid_until and valid_until.to_native(),
        )

    def all_kept_cohort_rows(self) -> list[dict[str, Any]]:
        """Every kept row, in young person id order."""
        return [_native(record["row"]) for record in self.read("cohort_row.all")]

    def cohort_page(self, query: CohortPageQuery) -> CohortPageRecord:
        """The cohort page from the kept rows, in one read transaction of three statements, each
        reading only what the page shows through an index (``cohort_row.totals``,
        ``cohort_row.priority``, ``cohort_row.rows_*``: :mod:`connections.cohort_keys`)."""
        coverages = list(query.statuses) or [status.value for status in CoverageStatus]
        filters = {
            "statuses": list(query.statuses),
            "age_low": query.age_low if query.age_low is not None else 0,
            "age_high": query.age_high if query.age_high is not None else _OLDEST,
        }
        if query.sort not in cohort_keys.SORTS:
            raise ValueError(f"not a cohort column: {query.sort!r}")
        rows_statement = f"cohort_row.rows_{query.sort}_{'desc' if query.descending else 'asc'}"
        statements = _statements()

        def work(tx: neo4j.ManagedTransaction) -> CohortPageRecord:
            totals = tx.run(
                statements["cohort_row.totals"],
                tallies=cohort_keys.all_tallies(coverages),
                year_after=query.year_after,
                list_limit=query.list_limit,
                **{k: v for k, v in filters.items() if k != "statuses"},
            ).single(strict=True)
            priority = tx.run(
                statements["cohort_row.priority"],
                priority_before=(query.year_after + timedelta(days=1)).isoformat(),
                list_limit=query.list_limit,
                **filters,
            )
            priority_rows = [_native(record["row"]) for record in priority]
            rows = tx.run(
                statements[rows_statement],
                milestone_soon=query.milestone_soon,
                year_after=query.year_after,
                skip=query.skip,
                limit=query.limit,
                **filters,
            )
            page_rows = [_native(record["row"]) for record in rows]
            counts: list[tuple[str, bool, int, int]] = []
            priority_count = 0
            for tally, young_people, soon in totals["counts"]:
                coverage, met, band = tally.split("|")
                matching = soon if query.milestone_soon else young_people
                if matching:
                    counts.append((coverage, met == "1", int(band), matching))
                if coverage != CoverageStatus.GREEN.value:
                    priority_count += soon
            return CohortPageRecord(
                everyone=totals["everyone"],
                counts=counts,
                priority_count=priority_count,
                priority=priority_rows,
                to_review_count=totals["to_review_count"],
                to_review=list(totals["to_review"]),
                rows=page_rows,
            )

        with self.driver.session(database=self.database) as session:
            record: CohortPageRecord = session.execute_read(work)
        return record
