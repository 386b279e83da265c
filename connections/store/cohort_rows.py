"""Kept cohort rows (:mod:`connections.cohort_rows`): read a page of them, find the stale ones,
write back those scored again, and invalidate them (``cypher/cohort_rows.cypher``).

Rows come back as plain mappings (the row's fields, dates as :class:`datetime.date`):
:mod:`connections.cohort` makes them :class:`~connections.cohort.CohortRow` values (the store
does not import the cohort, which imports the store).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j.time

from connections.store.base import StoreBase


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
        invalidated, or not for ``day``; the stamp is read now, before the networks are."""
        return [(r["id"], r["stamp"]) for r in self.read("cohort_row.stale", day=day)]

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
        """The cohort page from the kept rows, in one query (``cohort_row.page``)."""
        record = self.read(
            "cohort_row.page",
            day=query.day,
            year_after=query.year_after,
            statuses=list(query.statuses),
            age_low=query.age_low,
            age_high=query.age_high,
            milestone_soon=query.milestone_soon,
            sort=query.sort,
            descending=query.descending,
            skip=query.skip,
            limit=query.limit,
            list_limit=query.list_limit,
        )[0]
        return CohortPageRecord(
            everyone=record["everyone"],
            counts=[tuple(count) for count in record["counts"]],  # type: ignore[misc]
            priority_count=record["priority_count"],
            priority=[_native(row) for row in record["priority"]],
            to_review_count=record["to_review_count"],
            to_review=list(record["to_review"]),
            rows=[_native(row) for row in record["rows"]],
        )
