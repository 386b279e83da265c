"""The period of the family-finding figures: the last complete quarter by default, each bad
date named on its own field."""

from __future__ import annotations

from datetime import date

import pytest

from connections.finding_period import Period, last_complete_quarter, period_from

TODAY = date(2026, 12, 3)


def _fields(start: tuple[str, str, str], end: tuple[str, str, str]) -> dict[str, str]:
    names = ("day", "month", "year")
    return {f"start-{n}": v for n, v in zip(names, start, strict=True)} | {
        f"end-{n}": v for n, v in zip(names, end, strict=True)
    }


def test_the_default_is_the_last_complete_quarter() -> None:
    assert period_from({}, TODAY) == (Period(date(2026, 7, 1), date(2026, 9, 30)), {})
    assert last_complete_quarter(date(2026, 1, 1)) == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert last_complete_quarter(date(2026, 4, 1)) == Period(date(2026, 1, 1), date(2026, 3, 31))


def test_a_period_given() -> None:
    period, errors = period_from(_fields(("1", "1", "2026"), ("31", "3", "2026")), TODAY)
    assert period == Period(date(2026, 1, 1), date(2026, 3, 31)) and errors == {}


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (("30", "2", "2026"), ("1", "3", "2026"), "start-day", "start date must be a real date"),
        (("1", "1", "2026"), ("1", "", "2026"), "end-month", "end date must include a month"),
        (("1", "1", "x"), ("1", "3", "2026"), "start-day", "start date must be a real date"),
        (("1", "3", "2026"), ("1", "1", "2026"), "end-day", "same as or after the start date"),
        (("1", "1", "2026"), ("1", "1", "2027"), "end-day", "today or in the past"),
        (("1", "1", "2020"), ("1", "1", "2026"), "start-day", "3 years or shorter"),
    ],
)
def test_a_bad_date_is_named(
    start: tuple[str, str, str], end: tuple[str, str, str], field: str, message: str
) -> None:
    period, errors = period_from(_fields(start, end), TODAY)
    assert period is None
    assert list(errors) == [field] and message in errors[field]
