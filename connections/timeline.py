"""A young person's network over time: size, loving (qualifying) relationships and score, with the
conference and the family-finding stage changes marked. Pure: the versions come from the store
(:meth:`connections.store.finding.FindingRecords.timeline`), the chart is drawn by
:mod:`connections.timeline_svg`.

Why it is built like this:

- **One point per day with a change**, the network as it was at the end of that day (UK time),
  scored on that day, as the history page scores a version. A long history has too many such
  days for a chart a person can read, so the finest of day, week and month that gives at most
  :data:`MOST_POINTS` points is used; a week's or month's point is its last change.
- **Only the points are scored.** A two-year history holds hundreds of versions; parsing and
  scoring each would cost the page a second. The stage changes are read from the documents' JSON
  (a relationship's ``finding_status``), and only the version that ends each point is parsed and
  scored (:func:`connections.scoring.score`), so a month-by-month chart of two years scores 25
  networks at most.
- **Stages** are as :func:`connections.finding_progress.stages_reached` counts them: a person
  *reaches* a stage at the first version that shows them there or further on, so a skipped stage
  is reached with the next.
- **Each conference** is marked on the day its guest list was made final: each time a list is
  made final a conference held is recorded (``guest_list.finalise``), kept when the list goes
  back to draft for the next one, so a young person with several conferences has several marks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from connections.finding_progress import STAGES
from connections.history import NetworkVersion, uk_day
from connections.model import FindingStatus
from connections.scoring import score

__all__ = [
    "MOST_POINTS",
    "Mark",
    "Timeline",
    "TimelinePoint",
    "build_timeline",
]

#: The most points a chart shows (about one every 11 px on a 720 px wide chart).
MOST_POINTS: Final = 60
_RANK: Final = {stage.value: rank for rank, stage in enumerate(STAGES)}
_STAGE_WORDS: Final = {
    FindingStatus.IDENTIFIED: "identified",
    FindingStatus.LOCATED: "located",
    FindingStatus.CONTACTED: "contacted",
    FindingStatus.ENGAGED: "engaged",
    FindingStatus.COMMITTED: "committed",
}


@dataclass(frozen=True)
class TimelinePoint:
    """The network at the end of ``day`` (the last day with a change in its week or month)."""

    day: date
    label: str
    size: int
    qualifying: int
    score: float
    status: str


@dataclass(frozen=True)
class Mark:
    """Something that happened on ``day``: ``kind`` is ``conference`` or ``stage``."""

    day: date
    kind: str
    words: str


@dataclass(frozen=True)
class Timeline:
    """``grain`` is ``day``, ``week`` or ``month``: what one point stands for."""

    points: tuple[TimelinePoint, ...]
    marks: tuple[Mark, ...]
    grain: str

    def marks_for(self, point: TimelinePoint, previous: TimelinePoint | None) -> list[Mark]:
        """The marks after the previous point's day, up to and including this point's day."""
        after = previous.day if previous else date.min
        return [mark for mark in self.marks if after < mark.day <= point.day]

    @property
    def marks_after(self) -> list[Mark]:
        """Marks after the last point (a guest list made final since the last change)."""
        last = self.points[-1].day if self.points else date.min
        return [mark for mark in self.marks if mark.day > last]


def build_timeline(
    versions: Sequence[NetworkVersion],
    conferences: datetime | Sequence[datetime] | None = None,
) -> Timeline:
    """The timeline of ``versions`` (oldest first), with each conference (the instants its guest
    list was made final: one, several or none) marked."""
    last_of_day: dict[date, NetworkVersion] = {}
    for version in versions:
        last_of_day[uk_day(version.at)] = version
    grain, bucket = _grain(list(last_of_day))
    chosen: dict[object, tuple[date, NetworkVersion]] = {}
    for day, version in last_of_day.items():  # in day order, so the last of a bucket wins
        chosen[bucket(day)] = (day, version)
    points = []
    for key, (day, version) in chosen.items():
        report = score(version.network, day)
        points.append(
            TimelinePoint(
                day=day,
                label=_label(grain, key, day),
                size=len(version.network.relationships),
                qualifying=len(report.qualifying_now),
                score=report.score,
                status=report.status.value,
            )
        )
    marks = _stage_marks(versions)
    if isinstance(conferences, datetime):
        conferences = (conferences,)
    for held in conferences or ():
        marks.append(Mark(uk_day(held), "conference", "Conference guest list made final"))
    marks.sort(key=lambda mark: (mark.day, mark.kind != "conference"))  # stable: stage order
    return Timeline(tuple(points), tuple(marks), grain)


def _grain(days: list[date]) -> tuple[str, object]:
    """The finest grain giving at most MOST_POINTS points, and each day's bucket in it."""

    def week(day: date) -> date:
        return day - timedelta(days=day.weekday())

    def month(day: date) -> date:
        return day.replace(day=1)

    for grain, bucket in (("day", lambda day: day), ("week", week), ("month", month)):
        if len({bucket(day) for day in days}) <= MOST_POINTS or grain == "month":
            return grain, bucket
    raise AssertionError("unreachable")  # pragma: no cover


def _label(grain: str, key: object, day: date) -> str:
    if grain == "week":
        return f"Week of {_long(key)}"  # type: ignore[arg-type]
    if grain == "month":
        return day.strftime("%B %Y")
    return _long(day)


def _long(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _stage_marks(versions: Sequence[NetworkVersion]) -> list[Mark]:
    """One mark per person and stage reached, on the day of the first version showing it (read
    from each document's JSON, not parsed into a network: see the module)."""
    reached: dict[tuple[str, int], date] = {}
    names: dict[str, str] = {}
    for version in versions:
        document = json.loads(version.document)
        for person in document.get("people", ()):
            names[person["id"]] = person.get("name", person["id"])
        day = uk_day(version.at)
        for relationship in document.get("relationships", ()):
            rank = _RANK.get(relationship.get("finding_status") or "")
            if rank is None:
                continue
            for stage in range(rank + 1):
                reached.setdefault((relationship["person_id"], stage), day)
    by_day: dict[tuple[date, int], list[str]] = {}
    for (person_id, stage), day in reached.items():
        by_day.setdefault((day, stage), []).append(names.get(person_id, person_id))
    return [
        Mark(day, "stage", f"{', '.join(sorted(people))}: {_STAGE_WORDS[STAGES[stage]]}")
        for (day, stage), people in sorted(by_day.items())
    ]
