"""The period a manager asks "is family finding working?" about: the last complete calendar
quarter by default, or two days given as GOV.UK date inputs (day, month, year each), each wrong
one named. Pure: the web page and the API pass what they were given.

Why the last *complete* quarter: figures for a quarter still under way change every day and
compare badly with the quarter before; a manager reporting on July to September in October
wants July to September.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

__all__ = ["LONGEST_DAYS", "Period", "last_complete_quarter", "period_from"]

#: The longest period asked about (three years): the figures read every version saved within it.
LONGEST_DAYS: Final = 3 * 366

#: Field prefix -> the words naming it in a message.
_FIELDS: Final = {"start": "start date", "end": "end date"}


@dataclass(frozen=True)
class Period:
    start: date
    end: date


def last_complete_quarter(today: date) -> Period:
    """The calendar quarter before the one ``today`` is in.

    >>> last_complete_quarter(date(2026, 12, 3))
    Period(start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30))
    >>> last_complete_quarter(date(2026, 2, 14))
    Period(start=datetime.date(2025, 10, 1), end=datetime.date(2025, 12, 31))
    """
    first_month = 3 * ((today.month - 1) // 3) + 1
    this_quarter = date(today.year, first_month, 1)
    end = this_quarter - timedelta(days=1)
    return Period(date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end)


def period_from(fields: Mapping[str, str], today: date) -> tuple[Period | None, dict[str, str]]:
    """The period in ``fields`` (``start-day``, ``start-month``, ``start-year``, and the same for
    ``end``), or the errors keyed by the field to put them on (``start-day``: the first of a
    date's inputs, as GOV.UK's date input pattern links them). No field at all: the last complete
    quarter.

    >>> period_from({}, date(2026, 12, 3))[0].start
    datetime.date(2026, 7, 1)
    >>> period_from({"start-day": "31", "start-month": "2", "start-year": "2026",
    ...              "end-day": "1", "end-month": "3", "end-year": "2026"}, date(2026, 12, 3))[1]
    {'start-day': 'The start date must be a real date, for example 1 7 2026'}
    """
    given = {key: (value or "").strip() for key, value in fields.items()}
    if not any(given.get(f"{p}-{part}") for p in _FIELDS for part in ("day", "month", "year")):
        return last_complete_quarter(today), {}
    errors: dict[str, str] = {}
    days: dict[str, date] = {}
    for prefix, words in _FIELDS.items():
        parts = [given.get(f"{prefix}-{part}", "") for part in ("day", "month", "year")]
        if not all(parts):
            missing = [n for n, v in zip(("day", "month", "year"), parts, strict=True) if not v]
            errors[f"{prefix}-{missing[0]}"] = f"The {words} must include a {missing[0]}"
            continue
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1900:
                raise ValueError(year)
            days[prefix] = date(year, month, day)
        except ValueError:
            errors[f"{prefix}-day"] = f"The {words} must be a real date, for example 1 7 2026"
    if errors:
        return None, errors
    start, end = days["start"], days["end"]
    if end < start:
        return None, {"end-day": "The end date must be the same as or after the start date"}
    if end > today:
        return None, {"end-day": "The end date must be today or in the past"}
    if (end - start).days >= LONGEST_DAYS:
        return None, {"start-day": "The period must be 3 years or shorter"}
    return Period(start, end), {}
