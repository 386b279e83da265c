"""The keys a kept cohort row is stored with so that the cohort page of 100,000 young people reads
only what it shows (``cypher/cohort_rows.cypher``, issue 14).

Neo4j Community reads one page of a sorted table cheaply only when the order is one indexed
property (``ORDER BY r.key LIMIT 50`` walks the range index and stops), and counts cheaply only
what an index seek finds. So each row carries, besides its fields:

- one **sort key** per column and direction (:func:`sort_property`), a string whose order is
  the table's order, ties by name and then id as ``webapp/tables.py`` sorts them; descending
  keys invert the column's part of the key so that ties still run by name ascending (a name
  sort descending walks the name key backwards: its ties are the id's);
- a **tally** (coverage, mission met, score band) with the row's age and its ``milestone_key``
  (the next milestone's date, or 9999-12-31 when there is none), one composite index that
  counts the page's totals for any status, age band and "milestone within 12 months" filter by
  seeks alone;
- a **priority key** (next milestone, red before amber, score, name) on red and amber rows with
  a milestone, for the priority list nearest first.

Pure: the store writes what :func:`row_keys` gives with the row.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from connections.scoring import CoverageStatus

if TYPE_CHECKING:  # the cohort reads the store, which reads these keys
    from connections.cohort import CohortRow

#: Between the parts of a key: below every character a name or id holds, so a key orders as the
#: tuple of its parts (a name that is the start of another sorts first).
SEPARATOR = "\x1f"
#: The characters a column's part of a key may hold, and their inverse for descending keys.
_LOW, _HIGH = 0x1F, 0x7E
_INVERTED = str.maketrans({chr(c): chr(_LOW + _HIGH - c) for c in range(_LOW, _HIGH + 1)})
#: Every column's part is padded to this width, so an inverted part orders by itself alone.
_WIDTH = 24
#: The milestone date of a row without a next milestone (last in a milestone sort).
NO_MILESTONE = date(9999, 12, 31)
_URGENCY = {CoverageStatus.RED: 0, CoverageStatus.AMBER: 1, CoverageStatus.GREEN: 2}

#: The page's sortable columns (webapp/tables.py's COHORT_COLUMNS).
SORTS = ("name", "age", "status", "qualifying", "coverage", "score", "milestone")


def sort_property(sort: str, descending: bool) -> tuple[str, bool]:
    """The row property that orders column ``sort`` in that direction, and whether to walk it
    backwards (only the name's, whose descending order is its ascending order reversed)."""
    if sort not in SORTS:
        raise ValueError(f"not a cohort column: {sort!r}")
    if sort == "name":
        return "sort_name", descending
    return f"sort_{sort}{'_desc' if descending else ''}", False


def score_band(score: float) -> int:
    """The chart's band of ten points: 0 for 0 to 9.9, ..., 9 for 90 to 100."""
    return min(9, int(score // 10))


def tally(coverage: str, mission_met: bool, band: int) -> str:
    """The value of ``tally`` that the totals count by."""
    return f"{coverage}|{int(mission_met)}|{band}"


def all_tallies(coverages: list[str] | tuple[str, ...]) -> list[str]:
    """Every tally of these coverages (the totals' seeks, for a status filter)."""
    return [tally(c, met, band) for c in coverages for met in (False, True) for band in range(10)]


def _column(row: CohortRow, sort: str) -> str:
    """The column's part of a sort key, ascending."""
    if sort == "age":
        return f"{row.age:04d}"
    if sort == "status":
        return row.status
    if sort == "qualifying":
        return f"{row.qualifying_now:04d}"
    if sort == "coverage":
        return f"{_URGENCY[row.coverage]}{row.score:05.1f}"
    if sort == "score":
        return f"{row.score:05.1f}"
    if sort == "milestone":
        return (row.next_milestone_date or NO_MILESTONE).isoformat()
    raise ValueError(sort)


def _tie(row: CohortRow) -> str:
    return f"{row.name.casefold()}{SEPARATOR}{row.young_person_id}"


def sort_key(row: CohortRow, sort: str, descending: bool = False) -> str:
    """Row ``row``'s key for column ``sort``: keys in string order are rows in table order."""
    if sort == "name":
        return _tie(row)
    part = _column(row, sort).ljust(_WIDTH, chr(_LOW))
    if len(part) > _WIDTH or any(not _LOW <= ord(c) <= _HIGH for c in part):
        raise ValueError(f"cannot key {sort}={part!r}")
    if descending:
        part = part.translate(_INVERTED)
    return f"{part}{SEPARATOR}{_tie(row)}"


def priority_key(row: CohortRow) -> str | None:
    """The priority list's order (next milestone nearest first, red before amber, lowest score,
    name), for red and amber rows with a milestone; ``None`` for the others. It starts with the
    milestone's ISO date, so "milestone no later than D" is ``key < (D + 1 day)``."""
    if row.coverage is CoverageStatus.GREEN or row.next_milestone_date is None:
        return None
    return (
        f"{row.next_milestone_date.isoformat()}{_URGENCY[row.coverage]}{row.score:05.1f}"
        f"{SEPARATOR}{row.name}{SEPARATOR}{row.young_person_id}"
    )


def row_keys(row: CohortRow) -> dict[str, Any]:
    """Everything stored with a kept row besides its fields (see the module docstring)."""
    keys: dict[str, Any] = {
        "tally": tally(row.coverage.value, row.qualifying_now >= 2, score_band(row.score)),
        "milestone_key": row.next_milestone_date or NO_MILESTONE,
        "priority_key": priority_key(row),
    }
    for sort in SORTS:
        for descending in (False, True):
            name, _backwards = sort_property(sort, descending)
            keys[name] = sort_key(row, sort, descending and sort != "name")
    return keys
