"""A network's history read for people: each version in words with its score then, two days
compared side by side, and the figures over time. Pure: the versions come from the store
(:mod:`connections.store.history`), the words from :mod:`connections.network_changes`.

Assumptions:

- The network *on a day* is the version in force at the end of that day, UK time, scored on that
  day (:func:`connections.finding_progress.end_of_uk_day`).
- A past network is shown with **today's** restrictions (:func:`with_todays_restrictions`): what
  is known now about who must not be shown to whom protects the past as well as the present.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from connections import io
from connections.finding_progress import UK, finding_summary
from connections.model import Network
from connections.network_changes import changes, names_of, sentence
from connections.scoring import CoverageReport, score

__all__ = [
    "Comparison",
    "HistoryEntry",
    "NetworkVersion",
    "compare",
    "entries",
    "uk_day",
    "with_todays_restrictions",
]


@dataclass(frozen=True)
class NetworkVersion:
    """One kept version: ``document`` is the export text, ``network`` the same parsed."""

    number: int
    at: datetime
    by: str
    via: str
    document: str

    @cached_property
    def network(self) -> Network:
        return io.loads_network(self.document)

    @cached_property
    def finding(self) -> dict[str, str]:
        """Each relationship's finding status (see ``finding_progress.finding_summary``)."""
        return finding_summary(self.network)


@dataclass(frozen=True)
class HistoryEntry:
    """One version in words, with the score and status it gave on its own day."""

    number: int
    at: datetime
    by: str
    via: str
    words: str
    score: float
    status: str


def uk_day(instant: datetime) -> date:
    """The UK calendar day of an instant.

    >>> uk_day(datetime.fromisoformat("2026-07-01T23:30:00+00:00")).isoformat()
    '2026-07-02'
    """
    return instant.astimezone(UK).date()


def entries(versions: Sequence[NetworkVersion], *, more: bool) -> list[HistoryEntry]:
    """``versions`` newest first, each in words (what changed since the one after it in the
    list). ``more``: the last of ``versions`` is the one before the oldest to show, read only to
    compare with, and is not itself an entry."""
    shown = versions[:-1] if more else versions
    result = []
    for index, version in enumerate(shown):
        older = versions[index + 1] if index + 1 < len(versions) else None
        previous = older.network if older else None
        day = uk_day(version.at)
        report = score(version.network, day)
        result.append(
            HistoryEntry(
                number=version.number,
                at=version.at,
                by=version.by,
                via=version.via,
                words=sentence(
                    changes(previous, version.network), names_of(previous, version.network)
                ),
                score=report.score,
                status=report.status.value,
            )
        )
    return result


def with_todays_restrictions(past: Network, today: Network) -> Network:
    """``past`` with the restrictions in force today in place of its own (see the module)."""
    return past.model_copy(update={"restrictions": list(today.restrictions)})


@dataclass(frozen=True)
class Comparison:
    """Two days side by side: who joined and left, whose loving relationship began or ended,
    and each day's report."""

    before: CoverageReport
    after: CoverageReport
    people_added: tuple[str, ...]
    people_lost: tuple[str, ...]
    loving_added: tuple[str, ...]
    loving_lost: tuple[str, ...]


def compare(before: Network, on: date, after: Network, then: date) -> Comparison:
    """``before`` scored on ``on`` against ``after`` scored on ``then``; names sorted.

    >>> from connections.model import parse_network
    >>> def network(*people):
    ...     return parse_network({"young_person": {"id": "y", "name": "Y",
    ...         "date_of_birth": "2012-01-01", "status": "in_care"},
    ...         "people": [{"id": p, "name": p.title(), "category": "family"} for p in people],
    ...         "relationships": [{"person_id": p, "role": "aunt_uncle"} for p in people]})
    >>> found = compare(network("ann"), date(2026, 1, 1), network("bo"), date(2026, 3, 1))
    >>> found.people_added, found.people_lost
    (('Bo',), ('Ann',))
    """
    names = names_of(before, after)
    first, second = score(before, on), score(after, then)
    members = {r.person_id for r in before.relationships}
    now = {r.person_id for r in after.relationships}
    loving = {q.id for q in first.qualifying_now}
    loving_now = {q.id for q in second.qualifying_now}
    return Comparison(
        before=first,
        after=second,
        people_added=_named(now - members, names),
        people_lost=_named(members - now, names),
        loving_added=_named(loving_now - loving, names),
        loving_lost=_named(loving - loving_now, names),
    )


def _named(ids: set[str], names: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted(names.get(i, i) for i in ids))
