"""Reads for "is family finding working?" (``cypher/finding.cypher``): a young person's whole
history for the timeline in one read, and the cohort's histories over a period in three reads (the
network when the period opened and every version saved within it, as finding summaries; then the
documents of the two versions a young person that the figures score), never one per young person.

Versions keep their finding summary from when they are written (``history.append``, the demo's
``finding.demo_versions``, a purge's rewrite). A version kept before summaries were has none: its
document is read in its place and summarised here, so its figures are the same, only slower
(nothing is backfilled: the schema step runs no Python over documents).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from connections import io
from connections.finding_progress import Summarised, finding_summary, whole_versions
from connections.history import NetworkVersion, uk_day
from connections.store.base import NotFound, StoreBase
from connections.store.history import _native, finding_fields

if TYPE_CHECKING:
    from connections.demo.history import DemoConference, DemoStep

__all__ = ["FindingRecords", "TimelineRecord"]

#: Versions written a statement by the demo (a few MB of documents).
_ROWS = 500


@dataclass(frozen=True)
class TimelineRecord:
    """Every version of one network, oldest first; when its conference guest list was made
    final (``None``: not final, or never started); and every conference held, oldest first (each
    time a list was made final, kept when it goes back to draft)."""

    versions: tuple[NetworkVersion, ...]
    conference_final: datetime | None
    conferences_held: tuple[datetime, ...] = ()

    @property
    def conferences(self) -> tuple[datetime, ...]:
        """Every conference to mark: those held, and today's final list if it was made final
        before conferences held were recorded (it is then not among them)."""
        held = self.conferences_held
        if self.conference_final is not None and self.conference_final not in held:
            return tuple(sorted((*held, self.conference_final)))
        return held


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
            conferences_held=tuple(_native(at) for at in record["conferences"]),
        )

    def period_histories(self, opened: datetime, closed: datetime) -> dict[str, list[Summarised]]:
        """Young person id -> their versions from the last one saved before ``opened`` to the
        last saved by ``closed`` (timezone-aware), oldest first: all that
        :func:`connections.finding_progress.cohort_progress` needs for that period, each as its
        finding summary, whole only where the figures score it (the period opens on ``opened``'s
        UK day and closes on ``closed``'s). Young people with no version by ``closed`` are left
        out. Three reads."""
        rows: dict[str, list[dict[str, object]]] = {}
        for record in self.read("finding.before_period", opened=opened.astimezone(UTC)):
            rows[record["young_person_id"]] = [dict(record)]
        for record in self.read(
            "finding.within_period", opened=opened.astimezone(UTC), closed=closed.astimezone(UTC)
        ):
            rows.setdefault(record["young_person_id"], []).append(dict(record))
        start, end = uk_day(opened), uk_day(closed)
        wanted = [
            {"young_person_id": young_person_id, "number": versions[index]["number"]}
            for young_person_id, versions in rows.items()
            for index in whole_versions([_native(v["at"]) for v in versions], start, end)
            if versions[index]["document"] is None
        ]
        documents = {
            (record["young_person_id"], record["number"]): record["document"]
            for record in (self.read("finding.documents", wanted=wanted) if wanted else ())
        }
        return {
            young_person_id: [_summarised(row, documents) for row in versions]
            for young_person_id, versions in rows.items()
        }

    def record_demo_history(self, histories: Sequence[Sequence[DemoStep]]) -> None:
        """The demo's back-dated versions of networks not saved yet (each history oldest first,
        numbered from 1): written directly, a few thousand rows a statement, rather than by
        saving each past network (a transaction each, with the version check of every network
        sharing a person: minutes for the default demo). Call :meth:`link_demo_history` once
        the networks are saved; their first save is then the next version."""
        from connections.demo.history import DEMO_BY

        rows = [
            {
                "young_person_id": step.network.young_person.id,
                "number": number,
                "at": step.at.astimezone(UTC),
                "by": DEMO_BY,
                "via": "demo",
                "document": io.dumps_network(step.network),
                **finding_fields(step.network),
            }
            for steps in histories
            for number, step in enumerate(steps, start=1)
        ]
        for start in range(0, len(rows), _ROWS):
            self.write("finding.demo_versions", rows=rows[start : start + _ROWS])

    def with_versions(self, young_person_ids: Sequence[str]) -> set[str]:
        """Those of ``young_person_ids`` that already have a version."""
        return {r["id"] for r in self.read("finding.with_versions", ids=list(young_person_ids))}

    def link_demo_history(self, young_person_ids: Sequence[str]) -> None:
        self.write("finding.demo_link_versions", ids=list(young_person_ids))

    def record_demo_conferences(self, conferences: Sequence[DemoConference]) -> None:
        """The demo's conferences, each young person's latest guest list made final on a day in
        the past and every conference held recorded (one write for the batch; see
        ``finding.demo_conferences``)."""
        from connections.demo.history import DEMO_BY

        self.write(
            "finding.demo_conferences",
            rows=[
                {
                    "young_person_id": held.young_person_id,
                    "at": held.at.astimezone(UTC),
                    "by": DEMO_BY,
                    "guest_ids": list(held.guest_ids),
                    "earlier": [
                        {"at": at.astimezone(UTC), "guests": guests} for at, guests in held.earlier
                    ],
                }
                for held in conferences
            ],
        )


def _summarised(row: dict[str, object], documents: dict[tuple[str, int], str]) -> Summarised:
    """A version read without its document (``documents`` holds those read whole), or, kept
    before versions had finding summaries, with its document to summarise."""
    document = row["document"] or documents.get((row["young_person_id"], row["number"]))  # type: ignore[call-overload]
    people, statuses = row["finding_people"], row["finding_statuses"]
    if people is None:  # kept before finding summaries: read from its document
        finding = finding_summary(io.loads_network(document))  # type: ignore[arg-type]
    else:
        finding = dict(zip(people, statuses, strict=True))  # type: ignore[call-overload]
    return Summarised(at=_native(row["at"]), finding=finding, document=document)  # type: ignore[arg-type]


def _version(row: object) -> NetworkVersion:
    get = row.__getitem__  # type: ignore[attr-defined]
    return NetworkVersion(
        number=get("number"),
        at=_native(get("at")),
        by=get("by") or "",
        via=get("via") or "",
        document=get("document"),
    )
