"""Every version of each young person's network: kept, numbered, and read back as it was at any
instant (``cypher/history.cypher``).

How it is modelled, and why: a version is a ``(:NetworkVersion)`` node holding the network's
canonical export document as text (what ``connections export`` printed at that moment), with when,
who and through what. Today's network stays the live graph it always was, so reading it costs
what it did before; history is read only by the pages and commands that ask for it, by the
``(young_person_id, number)`` index. Whole documents rather than differences make "the network as
it was at 12:00 on 1 March" one index seek that returns the very bytes an export gave then, and
make purging an entry from every version a rewrite of each document (nothing to replay).

Who and through what come from :func:`acting_as`, set once per request or command, so the code
that writes a network does not carry them through every call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from datetime import UTC, datetime

import neo4j

from connections import io
from connections.finding_progress import finding_summary
from connections.history import NetworkVersion
from connections.model import Network
from connections.store.base import NotFound, StoreBase, _statements
from connections.store.networks import _load_many_in

__all__ = [
    "Actor",
    "HistoryRecords",
    "NetworkVersion",
    "acting_as",
    "current_actor",
    "finding_fields",
    "set_actor",
]


@dataclass(frozen=True)
class Actor:
    """Who made a change (a username, or a description such as "the young person"), through
    what ("web", "api", "command line: connections import", "invitation"), and, for history
    written after the fact (the demo's two years), the instant to record instead of now."""

    by: str
    via: str
    at: datetime | None = None


#: Who made a change no request or command named (a script, a test).
UNNAMED = Actor("", "unknown")
#: An actor, or how to find out who it is when a version is made (a web request's user is only
#: read from the database then, never for requests that change nothing).
_ACTOR: ContextVar[Actor | Callable[[], Actor] | None] = ContextVar("actor", default=None)


@contextmanager
def acting_as(by: str, via: str, at: datetime | None = None) -> Iterator[Actor]:
    """Versions made inside this block are recorded as made by ``by`` through ``via`` (at
    ``at`` when given, else when they are made)."""
    actor = Actor(by, via, at)
    token = _ACTOR.set(actor)
    try:
        yield actor
    finally:
        _ACTOR.reset(token)


def set_actor(actor: Actor | Callable[[], Actor]) -> Token[Actor | Callable[[], Actor] | None]:
    """For a web request: set until ``token.var.reset(token)`` at its end; a callable is asked
    only when a version is made."""
    return _ACTOR.set(actor)


def current_actor() -> Actor:
    actor = _ACTOR.get()
    if callable(actor):
        return actor()
    return actor or UNNAMED


#: Networks read and appended as versions a query (see HistoryRecords._append_versions).
VERSIONS_A_QUERY = 50


class HistoryRecords(StoreBase):
    """Keep and read the versions of networks."""

    def record_version(self, young_person_id: str, at: datetime | None = None) -> int | None:
        """Keep the network as it is now as a new version (its number), or ``None`` when it is
        the same as the latest. :class:`NotFound` for no such young person."""

        def work(tx: neo4j.ManagedTransaction) -> int | None:
            if tx.run(_statements()["history.lock"], ids=[young_person_id]).single():
                return self._append_versions(tx, [young_person_id], at).get(young_person_id)
            raise NotFound(f"No young person with id {young_person_id!r}.")

        number: int | None = self._transaction(work)
        return number

    def _networks_changed(
        self, tx: neo4j.ManagedTransaction, young_people: set[str], people: set[str]
    ) -> None:
        """A version of each network the transaction changed (a changed person reaches every
        network holding them), the young people locked in id order first so that two
        transactions never number the same version. A lock of them all, then a read and an
        append a :data:`VERSIONS_A_QUERY` networks (a bulk import's batch of 200: nine
        statements, where one a network made 600)."""
        ids = set(young_people)
        if people:
            ids.update(
                record["id"]
                for record in tx.run(_statements()["history.holders"], ids=sorted(people))
            )
        if not ids:
            return
        tx.run(_statements()["history.lock"], ids=sorted(ids)).consume()
        self._append_versions(tx, sorted(ids))

    def _append_versions(
        self, tx: neo4j.ManagedTransaction, young_person_ids: list[str], at: datetime | None = None
    ) -> dict[str, int]:
        """Inside a writing transaction that holds these young people's locks: each network as
        that transaction sees it, kept as a version if it changed (the numbers of those kept).
        :data:`VERSIONS_A_QUERY` networks a read and an append, so a batch of 500 large networks
        stays within the transactions' memory (256 MiB by default)."""
        actor = current_actor()
        instant = _utc(at or actor.at or datetime.now(UTC))
        numbers: dict[str, int] = {}
        for start in range(0, len(young_person_ids), VERSIONS_A_QUERY):
            networks = _load_many_in(tx, young_person_ids[start : start + VERSIONS_A_QUERY])
            if not networks:
                continue
            records = tx.run(
                _statements()["history.append"],
                versions=[
                    {
                        "young_person_id": network.young_person.id,
                        "document": io.dumps_network(network),
                        **finding_fields(network),
                    }
                    for network in networks
                ],
                at=instant,
                by=actor.by,
                via=actor.via,
            )
            numbers.update((record["young_person_id"], record["number"]) for record in records)
        return numbers

    def version_at(self, young_person_id: str, at: datetime) -> NetworkVersion | None:
        """The version in force at ``at`` (timezone-aware), or ``None`` before history began."""
        records = self.read("history.at", young_person_id=young_person_id, at=_utc(at))
        return _version(records[0]) if records else None

    def history_began(self, young_person_id: str) -> datetime | None:
        records = self.read("history.first", young_person_id=young_person_id)
        return _native(records[0]["at"]) if records else None

    def versions(
        self, young_person_id: str, limit: int = 20, before: int | None = None
    ) -> list[NetworkVersion]:
        """Up to ``limit`` versions newest first, numbered below ``before`` (all by default)."""
        records = self.read(
            "history.page",
            young_person_id=young_person_id,
            before=before if before is not None else 2**62,
            limit=limit,
        )
        return [_version(record) for record in records]

    def all_versions(self, young_person_id: str) -> list[NetworkVersion]:
        """Every version, oldest first."""
        records = self.read("history.series", young_person_id=young_person_id)
        return [_version(record) for record in records]


def finding_fields(network: Network) -> dict[str, list[str]]:
    """The finding summary kept on each version (``finding_people``, ``finding_statuses``:
    parallel lists, as a node's property cannot be a map), so that the period figures read a
    version's stages without parsing its document (:mod:`connections.store.finding`)."""
    summary = finding_summary(network)
    return {"finding_people": list(summary), "finding_statuses": list(summary.values())}


def _utc(instant: datetime) -> datetime:
    """In UTC before it reaches the driver: the driver's own time type crashes the interpreter
    when it asks a ``zoneinfo`` zone (Europe/London) for its offset (neo4j 5, CPython 3.11)."""
    return instant.astimezone(UTC)


def _native(value: object) -> datetime:
    return value.to_native() if isinstance(value, neo4j.time.DateTime) else value  # type: ignore[return-value]


def _version(record: neo4j.Record) -> NetworkVersion:
    return NetworkVersion(
        number=record["number"],
        at=_native(record["at"]),
        by=record["by"] or "",
        via=record["via"] or "",
        document=record["document"],
    )
