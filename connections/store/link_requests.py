"""Link requests: asking to add someone known only in other workers' networks (the rule is in
docs/sharing-people.md and :mod:`connections.sharing`). Statements are in
``cypher/link_requests.cypher``.

A request keeps what the requester typed, the relationship they asked for (as it will be created)
and, as candidates, the people who matched. The requester is never told who they are. A decider
(allocated to a network holding a candidate, or an administrator, never the requester) approves
one candidate, which creates the relationship in the same transaction, or declines the candidates
they can see; the request is declined once no candidate is left.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import neo4j
import neo4j.time

from connections import model
from connections.model import Category, Relationship, Role, parse
from connections.store.base import (
    AlreadyExists,
    NotFound,
    StoreBase,
    StoreError,
    _relationship_props,
    _statements,
)

PENDING = "pending"
APPROVED = "approved"
DECLINED = "declined"

#: The most requests a list shows.
LIST_LIMIT = 200


class LinkRefused(StoreError):
    """A decision that cannot be made (the request is decided already, it is the decider's own,
    or the person may no longer be linked); the message is fit to show the decider."""


@dataclass(frozen=True)
class LinkRequest:
    """A request as a list shows it: to its requester, or to someone who may decide it."""

    id: str
    status: str
    query: str
    role: Role
    young_person_id: str
    young_person_name: str
    requested_by: str
    requested_by_name: str
    created_at: datetime
    decided_at: datetime | None


@dataclass(frozen=True)
class Candidate:
    """A person a request may be about, as a decider may see them: with the young people
    allocated to the decider whose networks hold them, and their role there."""

    id: str
    name: str
    category: Category
    deceased: bool
    held_by: list[tuple[str, str, Role]]


@dataclass(frozen=True)
class Decision:
    """What a decision changed, for the audit trail."""

    request_id: str
    status: str
    #: The requester's young person.
    young_person_id: str
    #: The person linked (approval) or the people declined.
    person_ids: list[str]
    #: Other young people whose networks hold those people.
    others: list[str]


class LinkRequestRecords(StoreBase):
    """Create, list and decide link requests."""

    def create_link_request(
        self,
        request_id: str,
        *,
        young_person_id: str,
        query: str,
        relationship: Relationship,
        requested_by: str,
        candidate_ids: Sequence[str],
    ) -> list[tuple[str, str]]:
        """Record a request for ``relationship`` (its ``person_id`` is ignored) naming these
        candidates; returns (young person id, person id) for every other network holding one.
        """
        if not candidate_ids:
            raise NotFound("A link request needs someone it may be about.")
        model.check(relationship)
        values = relationship.model_dump(mode="json", exclude={"person_id", "version"})
        records = self.write(
            "link_request.create",
            id=request_id,
            young_person_id=young_person_id,
            query=query,
            role=relationship.role.value,
            relationship=json.dumps(values),
            requested_by=requested_by,
            candidate_ids=list(candidate_ids),
        )
        if not records:
            raise NotFound(f"No young person with id {young_person_id!r}.")
        return [(yp_id, person_id) for yp_id, person_id in records[0]["held_by"]]

    def link_requests_made_by(self, username: str) -> list[LinkRequest]:
        """The requests ``username`` made, newest first."""
        records = self.read("link_request.mine", username=username, limit=LIST_LIMIT)
        return [_link_request(record) for record in records]

    def link_requests_awaiting(self, username: str, *, everyone: bool) -> list[LinkRequest]:
        """Pending requests ``username`` may decide (``everyone``: an administrator, all of
        them), oldest first; never their own."""
        records = self.read(
            "link_request.awaiting", username=username, all=everyone, limit=LIST_LIMIT
        )
        return [_link_request(record) for record in records]

    def link_request_for_decider(
        self, request_id: str, username: str, *, everyone: bool
    ) -> tuple[LinkRequest, list[Candidate]]:
        """One request and the candidates ``username`` may see; :class:`NotFound` when there is
        no such request, or it is pending and they may see none of its candidates."""
        records = self.read(
            "link_request.for_decider", id=request_id, username=username, all=everyone
        )
        if not records:
            raise NotFound(f"No link request {request_id!r}.")
        record = records[0]
        candidates = [
            Candidate(
                id=person_id,
                name=name,
                category=Category(category),
                deceased=bool(deceased),
                held_by=[(yp_id, yp_name, Role(role)) for yp_id, yp_name, role in held_by],
            )
            for person_id, name, category, deceased, held_by in record["candidates"]
        ]
        return _link_request(record), candidates

    def approve_link_request(
        self, request_id: str, person_id: str, username: str, *, everyone: bool
    ) -> Decision:
        """Link ``person_id`` (a candidate ``username`` may decide) to the requester's young
        person with the relationship asked for, and close the request: one transaction.

        :class:`NotFound` for no such request or candidate they may decide;
        :class:`LinkRefused` when it is decided already, their own, or the person is protected
        now; :class:`AlreadyExists` when the person is in that network already."""

        def work(tx: neo4j.ManagedTransaction) -> Decision:
            state = _lock(tx, request_id, username, everyone)
            if person_id not in state["decidable"]:
                raise NotFound(f"No link request {request_id!r}.")
            statements = _statements()
            protected = tx.run(statements["person.protected"], ids=[person_id]).single()
            if protected and protected["protected"]:
                raise LinkRefused(
                    "This person has a no-contact relationship with a young person, so they "
                    "cannot be linked through a request. Decline it, and talk to the worker who "
                    "asked."
                )
            values = json.loads(state["relationship"])
            relationship = parse(Relationship, {**values, "person_id": person_id})
            young_person_id = state["young_person_id"]
            created = tx.run(
                statements["relationship.create"],
                young_person_id=young_person_id,
                person_id=person_id,
                props=_relationship_props(relationship),
            ).single()
            if created is None:
                raise AlreadyExists("They are in that young person's network already.")
            others = tx.run(
                statements["link_request.approve"],
                id=request_id,
                person_id=person_id,
                username=username,
            ).single()
            return Decision(
                request_id, APPROVED, young_person_id, [person_id], list(others["others"])
            )

        decision: Decision = self._transaction(work)
        return decision

    def decline_link_request(self, request_id: str, username: str, *, everyone: bool) -> Decision:
        """Decline the candidates ``username`` may decide; the request is declined once none is
        left (an administrator declines them all). Errors as :meth:`approve_link_request`."""

        def work(tx: neo4j.ManagedTransaction) -> Decision:
            state = _lock(tx, request_id, username, everyone)
            record = tx.run(
                _statements()["link_request.decline"],
                id=request_id,
                person_ids=state["decidable"],
                username=username,
            ).single()
            held_by = {yp for holders in record["held_by"] for yp in holders}
            held_by.discard(state["young_person_id"])
            return Decision(
                request_id,
                record["status"],
                state["young_person_id"],
                list(state["decidable"]),
                sorted(held_by),
            )

        decision: Decision = self._transaction(work)
        return decision


def _lock(
    tx: neo4j.ManagedTransaction, request_id: str, username: str, everyone: bool
) -> neo4j.Record:
    """Lock a request for a decision and check it may be decided by ``username`` at all."""
    state = tx.run(
        _statements()["link_request.lock"], id=request_id, username=username, all=everyone
    ).single()
    if state is None:
        raise NotFound(f"No link request {request_id!r}.")
    if state["requested_by"] == username:
        raise LinkRefused("You made this request: someone else must decide it.")
    if not state["involved"]:  # nothing of it is theirs to see: as if there were no request
        raise NotFound(f"No link request {request_id!r}.")
    if state["status"] != PENDING:
        raise LinkRefused(f"This request was {state['status']} already: nothing was changed.")
    if not state["decidable"]:
        raise LinkRefused(
            "The people of your young people's networks were declined for this request already: "
            "nothing was changed."
        )
    return state


def _native(value: Any) -> Any:
    return value.to_native() if isinstance(value, neo4j.time.DateTime) else value


def _link_request(record: neo4j.Record) -> LinkRequest:
    request = record["request"]
    return LinkRequest(
        id=request["id"],
        status=request["status"],
        query=request["query"],
        role=Role(request["role"]),
        young_person_id=record["young_person_id"],
        young_person_name=record["young_person_name"],
        requested_by=request["requested_by"],
        requested_by_name=record["requested_by_name"] or "",
        created_at=_native(request["created_at"]),
        decided_at=_native(request.get("decided_at")),
    )
