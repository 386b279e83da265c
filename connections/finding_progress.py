"""Is family finding working? Figures for a period from the versions of each young person's
network.

Pure: each young person's history is a sequence of :class:`Version` values (a whole network and
the instant it was saved). For a period from ``start`` to ``end`` (days, inclusive) the network
*on* a day is the last version saved by the end of that day, UK time (:func:`end_of_uk_day`),
scored on that day, as the report for a past day is.

- **Status moves**: young people RED on ``start`` and AMBER or GREEN on ``end`` (``out_of_red``),
  and the other way (``into_red``). Someone with no network yet on ``start`` counts as RED then.
- **Medians** of network size (people with a relationship) and of qualifying relationships, on
  ``start`` and on ``end``, over the young people with a network on that day.
- **Found and lost**: people whose relationship with the young person exists on ``end`` but not
  on ``start``, and the other way.
- **Finding stages**: a relationship *reaches* a stage at the first version that shows it there
  or further on (identified -> located -> contacted -> engaged -> committed; a skipped stage is
  reached with the next one). For each stage, how many reached it within the period, how many of
  those went on to the next stage by ``end``, and the median days that step took.

Only two networks per young person are needed whole (the ones in force on ``start`` and on
``end``, which are scored); the stages need no more of each version than its
:func:`finding_summary` (person id -> finding status), which the store keeps on every version
so that a period's hundreds of versions are never parsed (:class:`Summarised`,
:func:`whole_versions`).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Final, Protocol
from zoneinfo import ZoneInfo

from connections import io
from connections.model import FindingStatus, Network
from connections.scoring import CoverageStatus, score

__all__ = [
    "STAGES",
    "CohortProgress",
    "Saved",
    "StageStep",
    "Summarised",
    "Version",
    "cohort_progress",
    "end_of_uk_day",
    "finding_summary",
    "network_at",
    "stages_reached",
    "whole_versions",
]

UK: Final = ZoneInfo("Europe/London")

#: The family-finding stages in order; ``declined`` and ``ruled_out`` end a search, not a stage.
STAGES: Final = (
    FindingStatus.IDENTIFIED,
    FindingStatus.LOCATED,
    FindingStatus.CONTACTED,
    FindingStatus.ENGAGED,
    FindingStatus.COMMITTED,
)
_RANK: Final = {stage: rank for rank, stage in enumerate(STAGES)}


class Saved(Protocol):
    """A saved version of a network (:class:`connections.history.NetworkVersion` is one):
    ``at`` is timezone-aware; ``finding`` is its :func:`finding_summary`."""

    @property
    def at(self) -> datetime: ...

    @property
    def network(self) -> Network: ...

    @property
    def finding(self) -> Mapping[str, str]: ...


def finding_summary(network: Network) -> dict[str, str]:
    """Each relationship's person id -> its finding status (those with one): all the stage
    figures read of a version, kept beside each stored version so they need not parse it.

    >>> from connections.model import parse_network
    >>> finding_summary(parse_network({"young_person": {"id": "y", "name": "Y",
    ...     "date_of_birth": "2010-01-01", "status": "in_care"},
    ...     "people": [{"id": "p", "name": "P", "category": "family"},
    ...                {"id": "q", "name": "Q", "category": "family"}],
    ...     "relationships": [{"person_id": "p", "role": "aunt_uncle", "finding_status": "located"},
    ...                       {"person_id": "q", "role": "aunt_uncle"}]}))
    {'p': 'located'}
    """
    return {
        relationship.person_id: relationship.finding_status.value
        for relationship in network.relationships
        if relationship.finding_status is not None
    }


@dataclass(frozen=True)
class Version:
    """A version made in code (tests, the demo's history)."""

    at: datetime
    network: Network

    @cached_property
    def finding(self) -> dict[str, str]:
        return finding_summary(self.network)


@dataclass(frozen=True)
class Summarised:
    """A stored version as the period figures read it: when, its :func:`finding_summary`, and
    its document only when the figures score it (:func:`whole_versions`); asking any other for
    its ``network`` is a mistake in the caller."""

    at: datetime
    finding: Mapping[str, str]
    document: str | None = None

    @cached_property
    def network(self) -> Network:
        if self.document is None:
            raise LookupError(f"The version saved at {self.at.isoformat()} was read unparsed.")
        return io.loads_network(self.document)


@dataclass(frozen=True)
class StageStep:
    """From ``stage`` to the next: how many reached ``stage`` in the period, how many of those
    reached the next one by its end, and the median days between (``None`` when none did)."""

    stage: FindingStatus
    reached: int
    went_on: int
    median_days: float | None

    @property
    def conversion(self) -> float | None:
        return self.went_on / self.reached if self.reached else None


@dataclass(frozen=True)
class CohortProgress:
    start: date
    end: date
    young_people: int
    out_of_red: int
    into_red: int
    median_size: tuple[float | None, float | None]
    median_qualifying: tuple[float | None, float | None]
    found: int
    lost: int
    steps: tuple[StageStep, ...]


def end_of_uk_day(day: date) -> datetime:
    """The last instant of ``day`` in the UK, timezone-aware (BST or GMT as that day had).

    >>> end_of_uk_day(date(2026, 7, 1)).isoformat()
    '2026-07-01T23:59:59.999999+01:00'
    >>> end_of_uk_day(date(2026, 12, 1)).isoformat()
    '2026-12-01T23:59:59.999999+00:00'
    """
    return datetime.combine(day, time.max, tzinfo=UK)


def network_at(versions: Sequence[Saved], instant: datetime) -> Network | None:
    """The network as it was at ``instant``: the last version saved at or before it (versions in
    the order they were saved), or ``None`` before the first."""
    found = None
    for version in versions:
        if version.at > instant:
            break
        found = version
    return None if found is None else found.network


def whole_versions(ats: Sequence[datetime], start: date, end: date) -> set[int]:
    """Which of one young person's versions (their instants, in the order saved) the period's
    figures need whole: the positions of those in force on ``start`` and on ``end``
    (:func:`network_at`), none, one or two."""
    wanted = set()
    for instant in (end_of_uk_day(start), end_of_uk_day(end)):
        found = None
        for index, at in enumerate(ats):
            if at > instant:
                break
            found = index
        if found is not None:
            wanted.add(found)
    return wanted


def stages_reached(versions: Iterable[Saved]) -> dict[str, dict[FindingStatus, datetime]]:
    """For each person, when their relationship first reached each stage (see the module).

    >>> from connections.model import parse_network
    >>> def v(day, status):
    ...     return Version(datetime(2026, 1, day, tzinfo=UK), parse_network({"young_person": {
    ...         "id": "y", "name": "Y", "date_of_birth": "2010-01-01", "status": "in_care"},
    ...         "people": [{"id": "p", "name": "P", "category": "family"}],
    ...         "relationships": [{"person_id": "p", "role": "aunt_uncle",
    ...                            "finding_status": status}]}))
    >>> reached = stages_reached([v(1, "identified"), v(5, "contacted")])["p"]
    >>> {stage.value: at.day for stage, at in reached.items()}
    {'identified': 1, 'located': 5, 'contacted': 5}
    """
    reached: dict[str, dict[FindingStatus, datetime]] = {}
    for version in versions:
        for person_id, status in version.finding.items():
            rank = _RANK.get(status)  # type: ignore[call-overload]
            if rank is None:
                continue
            seen = reached.setdefault(person_id, {})
            for stage in STAGES[: rank + 1]:
                seen.setdefault(stage, version.at)
    return reached


def cohort_progress(
    histories: Mapping[str, Sequence[Saved]], start: date, end: date
) -> CohortProgress:
    """The period's figures over every young person's history (see the module for each)."""
    first, last = end_of_uk_day(start), end_of_uk_day(end)
    opened = datetime.combine(start, time.min, tzinfo=UK)
    out_of_red = into_red = found = lost = 0
    sizes: tuple[list[int], list[int]] = ([], [])
    qualifying: tuple[list[int], list[int]] = ([], [])
    steps: dict[FindingStatus, list[float | None]] = {stage: [] for stage in STAGES[:-1]}
    for versions in histories.values():
        before, after = network_at(versions, first), network_at(versions, last)
        # Each network scored once on its day (the status and the qualifying count both read
        # the one report); no network yet counts as RED.
        reports = [
            None if network is None else score(network, day)
            for network, day in ((before, start), (after, end))
        ]
        red_then, red_now = (
            report is None or report.status is CoverageStatus.RED for report in reports
        )
        out_of_red += red_then and not red_now
        into_red += red_now and not red_then
        for index, network in enumerate((before, after)):
            report = reports[index]
            if network is not None and report is not None:
                sizes[index].append(len(network.relationships))
                qualifying[index].append(len(report.qualifying_now))
        then, now = _members(before), _members(after)
        found += len(now - then)
        lost += len(then - now)
        for reached in stages_reached(v for v in versions if v.at <= last).values():
            for stage, following in zip(STAGES, STAGES[1:], strict=False):
                at = reached.get(stage)
                if at is not None and opened <= at:
                    later = reached.get(following)
                    steps[stage].append(None if later is None else _days(at, later))
    return CohortProgress(
        start=start,
        end=end,
        young_people=len(histories),
        out_of_red=out_of_red,
        into_red=into_red,
        median_size=(_median(sizes[0]), _median(sizes[1])),
        median_qualifying=(_median(qualifying[0]), _median(qualifying[1])),
        found=found,
        lost=lost,
        steps=tuple(_step(stage, took) for stage, took in steps.items()),
    )


def _members(network: Network | None) -> set[str]:
    return set() if network is None else {r.person_id for r in network.relationships}


def _days(earlier: datetime, later: datetime) -> float:
    return (later - earlier) / timedelta(days=1)


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _step(stage: FindingStatus, took: Sequence[float | None]) -> StageStep:
    durations = [days for days in took if days is not None]
    return StageStep(
        stage=stage,
        reached=len(took),
        went_on=len(durations),
        median_days=_median(durations),
    )
