"""Reads for "is family finding working?" (``cypher/finding.cypher``): a young person's whole
history for the timeline in one read, and the cohort's histories over a period in two reads (the
network when the period opened, and every version saved within it), never one per young person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from connections.history import NetworkVersion
from connections.store.base import NotFound, StoreBase
from connections.store.history import _native

__all__ = ["FindingRecords", "TimelineRecord"]


@dataclass(frozen=True)
class TimelineRecord:
    """Every version of one network, oldest first, and when its conference guest list was made
    final (``None``: not final, or never started)."""

    versions: tuple[NetworkVersion, ...]
    conference_final: datetime | None


class FindingRecords(StoreBase):
    """The versions the timeline and the period figures read."""

    def timeline(self, young_person_id: str) -> TimelineRecord:
        """One read. :class:`NotFound` for no such young person."""
        records = self.read("finding.timeline", young_person_id=young_person_id)
        if not records:
            raise NotFound(f"No young person with id {young_person_id!r}.")
        record = records[0]
        final = record["conference_final"]
        return TimelineRecord(
            versions=tuple(_version(row) for row in record["versions"]),
            conference_final=None if final is None else _native(final),
        )

    def period_histories(
        self, opened: datetime, closed: datetime
    ) -> dict[str, list[NetworkVersion]]:
        """Young person id -> their versions from the last one saved before ``opened`` to the
        last saved by ``closed`` (timezone-aware), oldest first: all that
        :func:`connections.finding_progress.cohort_progress` needs for that period. Young people
        with no version by ``closed`` are left out. Two reads."""
        histories: dict[str, list[NetworkVersion]] = {}
        for record in self.read("finding.before_period", opened=opened.astimezone(UTC)):
            histories[record["young_person_id"]] = [_version(record)]
        for record in self.read(
            "finding.within_period", opened=opened.astimezone(UTC), closed=closed.astimezone(UTC)
        ):
            histories.setdefault(record["young_person_id"], []).append(_version(record))
        return histories


def _version(row: object) -> NetworkVersion:
    get = row.__getitem__  # type: ignore[attr-defined]
    return NetworkVersion(
        number=get("number"),
        at=_native(get("at")),
        by=get("by") or "",
        via=get("via") or "",
        document=get("document"),
    )
