"""Cohort review for managers: every young person's coverage, filtered, totalled and charted,
from the kept cohort rows (:mod:`connections.cohort_rows`), so that a region's or the country's
cohort answers as fast as a council's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from connections import cohort, cohort_rows
from connections.accounts import UserRole
from connections.cohort import CohortRow, one_year_after
from connections.scoring import CoverageStatus
from connections.store import CohortPageQuery, CohortPageRecord
from webapp.access import roles_required
from webapp.db import get_store
from webapp.tables import as_of, headers, sort_choice

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


#: The most rows of the priority list the page shows (nearest first; the rest are one filter
#: away: red and amber, next milestone within 12 months), and of the restrictions to review.
PRIORITY_SHOWN = 50


def _page_query(filters: Filters, sort: str, order: str, page: int, day: date) -> CohortPageQuery:
    band = filters.age_band
    return CohortPageQuery(
        day=day,
        year_after=one_year_after(day),
        statuses=sorted(filters.statuses),
        age_low=band.low if band else None,
        age_high=band.high if band else None,
        milestone_soon=filters.milestone_soon,
        sort=sort,
        descending=order == "desc",
        skip=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
        list_limit=PRIORITY_SHOWN,
    )


def _totals(record: CohortPageRecord, day: date) -> tuple[cohort.CohortTotals, list[int]]:
    """The matching rows' totals and young people per band of ten score points."""
    totals = cohort.CohortTotals(day)
    bands = [0] * 10
    for coverage, met, band, count in record.counts:
        totals.young_people += count
        totals.mission_met += count if met else 0
        totals.by_status[coverage] += count
        bands[band] += count
    return totals, bands


@bp.route("/cohort")
@roles_required(UserRole.MANAGER, UserRole.ADMIN)
def index() -> str:
    """The page reads the kept rows (connections.cohort_rows): those missing, changed or past
    their date are scored first, then one query gives the totals, lists and this page's rows."""
    day = as_of()
    filters = Filters.from_args(request.args)
    sort, order = sort_choice(request.args, default="coverage")
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    store = get_store()
    cohort_rows.refresh(store, day)
    record = store.cohort_page(_page_query(filters, sort, order, page, day))
    totals, bands = _totals(record, day)
    matching = totals.young_people
    pages = max(1, -(-matching // PAGE_SIZE))
    if page > pages:  # past the last page: show the last
        page = pages
        record = store.cohort_page(_page_query(filters, sort, order, page, day))
    histogram = [
        {"label": f"{low} to {low + 9.9 if low < 90 else 100}", "count": count}
        for low, count in zip(range(0, 100, 10), bands, strict=True)
    ]
    return render_template(
        "cohort/index.html",
        rows=[cohort_rows.from_store(row) for row in record.rows],
        matching=matching,
        everyone=record.everyone,
        totals=totals,
        priority=[cohort_rows.from_store(row) for row in record.priority],
        priority_count=record.priority_count,
        restrictions_to_review=record.to_review,
        restrictions_to_review_count=record.to_review_count,
        filters=filters,
        age_bands=AGE_BANDS,
        statuses=STATUSES,
        headers=headers(request.path, request.args, sort, order),
        page=page,
        pages=pages,
        page_links=_page_links(page, pages),
        status_max=max(1, *totals.by_status.values()),
        histogram=histogram,
        histogram_max=max(1, *bands),
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
