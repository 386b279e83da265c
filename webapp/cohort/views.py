"""Cohort review for managers: every young person's coverage, filtered, totalled and charted."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from connections import cohort
from connections.accounts import UserRole
from connections.cohort import CohortRow, one_year_after
from connections.scoring import CoverageStatus
from webapp.access import roles_required
from webapp.db import get_store
from webapp.tables import as_of, headers, sort_choice, sort_rows

bp = Blueprint("cohort", __name__)

PAGE_SIZE = 50


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: str
    low: int
    high: int | None  # inclusive; None: no upper bound

    def holds(self, age: int) -> bool:
        return age >= self.low and (self.high is None or age <= self.high)


AGE_BANDS = (
    AgeBand("0-15", "15 or under", 0, 15),
    AgeBand("16-17", "16 to 17", 16, 17),
    AgeBand("18-20", "18 to 20", 18, 20),
    AgeBand("21-25", "21 to 25", 21, 25),
    AgeBand("26+", "26 or over", 26, None),
)
_BANDS = {band.key: band for band in AGE_BANDS}
STATUSES = tuple(status.value for status in CoverageStatus)


@dataclass(frozen=True)
class Filters:
    statuses: frozenset[str]
    age_band: AgeBand | None
    milestone_soon: bool

    @classmethod
    def from_args(cls, args: object) -> Filters:
        getlist = args.getlist  # type: ignore[attr-defined]
        get = args.get  # type: ignore[attr-defined]
        return cls(
            statuses=frozenset(s for s in getlist("status") if s in STATUSES),
            age_band=_BANDS.get(get("age", "")),
            milestone_soon=get("milestone") == "12",
        )

    @property
    def active(self) -> bool:
        return bool(self.statuses or self.age_band or self.milestone_soon)

    def keep(self, row: CohortRow, day: date) -> bool:
        if self.statuses and row.coverage.value not in self.statuses:
            return False
        if self.age_band and not self.age_band.holds(row.age):
            return False
        if self.milestone_soon:
            milestone = row.next_milestone_date
            return milestone is not None and milestone <= one_year_after(day)
        return True


def score_histogram(rows: Iterable[CohortRow]) -> list[dict[str, object]]:
    """Young people per band of ten score points (the last band is 90 to 100)."""
    counts = [0] * 10
    for row in rows:
        counts[min(int(row.score // 10), 9)] += 1
    return [
        {"label": f"{low} to {low + 9.9 if low < 90 else 100}", "count": count}
        for low, count in zip(range(0, 100, 10), counts, strict=True)
    ]


def _networks() -> Iterator:
    return chain.from_iterable(get_store().iter_networks())


@bp.route("/cohort")
@roles_required(UserRole.MANAGER, UserRole.ADMIN)
def index() -> str:
    day = as_of()
    filters = Filters.from_args(request.args)
    sort, order = sort_choice(request.args, default="coverage")
    everyone = 0
    kept = []
    to_review = []
    for row in cohort.rows(_networks(), day):
        everyone += 1
        if row.restrictions_to_review:
            to_review.append(row)
        if filters.keep(row, day):
            kept.append(row)
    rows, totals = cohort.summarise(kept, day)
    rows = sort_rows(rows, sort, order)

    pages = max(1, -(-len(rows) // PAGE_SIZE))
    try:
        page = min(max(1, int(request.args.get("page", "1"))), pages)
    except ValueError:
        page = 1
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]

    histogram = score_histogram(rows)
    return render_template(
        "cohort/index.html",
        rows=shown,
        matching=len(rows),
        everyone=everyone,
        totals=totals,
        priority=totals.priority_list(),
        restrictions_to_review=sorted(
            to_review, key=lambda r: (r.name.casefold(), r.young_person_id)
        ),
        filters=filters,
        age_bands=AGE_BANDS,
        statuses=STATUSES,
        headers=headers(request.path, request.args, sort, order),
        page=page,
        pages=pages,
        page_links=_page_links(page, pages),
        status_max=max(1, *totals.by_status.values()),
        histogram=histogram,
        histogram_max=max(1, *(band["count"] for band in histogram)),  # type: ignore[arg-type]
        as_of=day,
        first_shown=(page - 1) * PAGE_SIZE + 1,
    )


def _page_links(page: int, pages: int) -> dict[str, object]:
    """Parameters for GOV.UK's pagination component (other query parameters kept)."""

    def href(number: int) -> str:
        kept = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
        return f"{request.path}?{urlencode([*kept, ('page', str(number))])}"

    items = [
        {"number": number, "href": href(number), "current": number == page}
        for number in range(1, pages + 1)
        if number in (1, pages) or abs(number - page) <= 2
    ]
    with_ellipses: list[dict[str, object]] = []
    previous = 0
    for item in items:
        if item["number"] - previous > 1:  # type: ignore[operator]
            with_ellipses.append({"ellipsis": True})
        with_ellipses.append(item)
        previous = item["number"]  # type: ignore[assignment]
    links: dict[str, object] = {"items": with_ellipses}
    if page > 1:
        links["previous"] = {"href": href(page - 1)}
    if page < pages:
        links["next"] = {"href": href(page + 1)}
    return links
