"""Retention: when a young person's records, live and kept versions alike, are due to be deleted.

In English children's services a looked-after child's case record is typically kept until their
75th birthday, and an adopted child's for 100 years; the period is the council's decision, set
with ``CONNECTIONS_RETENTION_YEARS`` (default 75) or ``connections retention --years``. The one
rule applied here: a young person whose date of birth plus that many years has passed has their
network, its every version and what hangs on it deleted (``connections retention``,
:mod:`connections.store.retention`). Versions are never deleted on their own by age: a network's
history goes with the network, so "the network in March" stays answerable while the record is
kept. Pure: dates in, decisions out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from connections.model import FieldError, InvalidInput

__all__ = [
    "DEFAULT_YEARS",
    "ENVIRONMENT_VARIABLE",
    "Due",
    "Held",
    "due",
    "keep_until",
    "years_from_env",
]

#: A looked-after child's case record: kept until their 75th birthday.
DEFAULT_YEARS = 75
ENVIRONMENT_VARIABLE = "CONNECTIONS_RETENTION_YEARS"


@dataclass(frozen=True)
class Held:
    """One young person's records as the store holds them: ``live`` false for versions left
    after the young person themselves was deleted."""

    young_person_id: str
    date_of_birth: date
    versions: int
    live: bool = True


@dataclass(frozen=True)
class Due:
    """Records due for deletion, and the day they were kept until."""

    held: Held
    keep_until: date


def keep_until(date_of_birth: date, years: int) -> date:
    """The birthday ``years`` after ``date_of_birth`` (28 February for a 29 February birth in
    a year that has none).

    >>> keep_until(date(1950, 2, 28), 75), keep_until(date(1948, 2, 29), 75)
    (datetime.date(2025, 2, 28), datetime.date(2023, 2, 28))
    """
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:
        return date(date_of_birth.year + years, 2, 28)


def due(held: Iterable[Held], today: date, years: int) -> list[Due]:
    """The records whose keeping period ended before ``today`` (kept through the birthday
    itself), oldest first.

    >>> records = [Held("a", date(1950, 1, 1), 3), Held("b", date(1951, 1, 1), 1)]
    >>> [d.held.young_person_id for d in due(records, date(2026, 1, 1), 75)]
    ['a']
    """
    found = [Due(h, keep_until(h.date_of_birth, years)) for h in held]
    return sorted(
        (d for d in found if d.keep_until < today),
        key=lambda d: (d.keep_until, d.held.young_person_id),
    )


def years_from_env(environ: Mapping[str, str]) -> int:
    """The retention period in whole years from ``CONNECTIONS_RETENTION_YEARS``, else 75;
    :class:`InvalidInput` naming the variable for anything but a whole number from 1 to 200.

    >>> years_from_env({}), years_from_env({"CONNECTIONS_RETENTION_YEARS": "100"})
    (75, 100)
    """
    text = environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_YEARS
    if not text.isdigit() or not 1 <= int(text) <= 200:
        raise InvalidInput(
            [
                FieldError(
                    path=ENVIRONMENT_VARIABLE,
                    message=f"{text!r} is not a whole number of years from 1 to 200",
                )
            ]
        )
    return int(text)


def env_years() -> int:
    """:func:`years_from_env` of this process's environment."""
    return years_from_env(os.environ)


def audit_detail(item: Due, years: int) -> str:
    """The audit record of a deletion under the rule: which rule and when the keeping ended,
    how much went; no name.

    >>> held = Held("yp-1", date(1950, 1, 1), 4)
    >>> audit_detail(Due(held, date(2025, 1, 1)), 75)
    'retention: records deleted, kept until 2025-01-01 (75 years from birth); 4 versions'
    """
    return (
        f"retention: records deleted, kept until {item.keep_until.isoformat()} "
        f"({years} years from birth); {item.held.versions} versions"
    )
