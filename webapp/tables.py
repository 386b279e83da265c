"""Server-side sorting of cohort tables, and the date the pages are for.

A sortable table's column headers are links (``?sort=score&order=desc``, other query parameters
kept) with ``aria-sort`` on the sorted column, so sorting works without JavaScript and a screen
reader hears which column is sorted and how.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import current_app

from connections.cohort import CohortRow
from connections.scoring import CoverageStatus

_URGENCY = {CoverageStatus.RED: 0, CoverageStatus.AMBER: 1, CoverageStatus.GREEN: 2}


def as_of() -> date:
    """The date the pages are for: ``AS_OF`` from the config (demos, tests), else today."""
    return current_app.config.get("AS_OF") or date.today()


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sort_key: Callable[[CohortRow], Any]
    numeric: bool = False
    first_order: str = "asc"


COHORT_COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", lambda r: (r.name.casefold(), r.young_person_id)),
    Column("age", "Age", lambda r: r.age, numeric=True),
    Column("status", "Status", lambda r: r.status),
    Column("qualifying", "Loving relationships", lambda r: r.qualifying_now, numeric=True),
    Column("coverage", "Coverage", lambda r: (_URGENCY[r.coverage], r.score)),
    Column("score", "Score", lambda r: r.score, numeric=True),
    Column(
        "milestone",
        "Next milestone",
        lambda r: (r.next_milestone_date is None, r.next_milestone_date or date.max),
    ),
)
_BY_KEY = {column.key: column for column in COHORT_COLUMNS}


@dataclass(frozen=True)
class Header:
    """One column header: its label, the link that sorts by it, and its ``aria-sort``."""

    key: str
    label: str
    href: str
    aria_sort: str
    numeric: bool


def sort_choice(args: Mapping[str, str], default: str = "name") -> tuple[str, str]:
    """The (column, order) asked for, falling back to ``default`` ascending."""
    sort = args.get("sort", default)
    if sort not in _BY_KEY:
        sort = default
    order = args.get("order", "")
    if order not in ("asc", "desc"):
        order = _BY_KEY[sort].first_order
    return sort, order


def sort_rows(rows: Iterable[CohortRow], sort: str, order: str) -> list[CohortRow]:
    """Rows sorted by a column (ties by name), ascending or descending."""
    column = _BY_KEY[sort]
    ordered = sorted(rows, key=lambda r: (r.name.casefold(), r.young_person_id))
    return sorted(ordered, key=column.sort_key, reverse=order == "desc")


def headers(path: str, args: Mapping[str, str], sort: str, order: str) -> list[Header]:
    """The column headers of a cohort table, each a link that sorts by it."""
    pairs = args.items(multi=True) if hasattr(args, "getlist") else args.items()  # type: ignore[call-arg]
    kept = [(k, v) for k, v in pairs if k not in ("sort", "order", "page")]
    result = []
    for column in COHORT_COLUMNS:
        if column.key == sort:
            next_order = "desc" if order == "asc" else "asc"
            aria = "ascending" if order == "asc" else "descending"
        else:
            next_order = column.first_order
            aria = "none"
        query = urlencode([*kept, ("sort", column.key), ("order", next_order)])
        result.append(Header(column.key, column.label, f"{path}?{query}", aria, column.numeric))
    return result
