"""Invitations for the demo's first young people (synthetic, like everything in the demo): an open
one to look at, one the young person answered (ratings that replaced a worker's estimate, and a
suggestion to review), and one that expired unanswered. Coordinators see them from the young
person's page ("Invitations to rate their people").

Kept apart from :mod:`connections.demo` (the networks generated stay byte for byte what they
were), in the way of :mod:`connections.demo_consents`: :meth:`DemoInvitations.passing` notes the
networks on their way to the store, :meth:`DemoInvitations.flush` writes the invitations once
those young people are saved. The answers are chosen from the network alone (no random source);
the links' tokens are random and never shown (the demo has no use for them: the pages show an
invitation's state, answers and suggestions, and a coordinator can always create a new link).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from connections.invitations import (
    DEFAULT_DAYS,
    Answer,
    Draft,
    apply_answers,
    default_people,
    new_token,
)
from connections.model import Network, Wishes
from connections.scoring import score

#: Who the demo says created every invitation (the demo coordinator, when the sign-ins exist).
CREATED_BY = "demo-coordinator"
#: How many of the first young people get invitations.
YOUNG_PEOPLE = 3
SUGGESTIONS = (
    "My friend Sam from football. I miss him since I moved.",
    "My nan's sister, Auntie Pat. I think she lives near the seaside.",
    "Mr Ahmed, my old teacher at primary school",
)


@dataclass(frozen=True, slots=True)
class DemoInvitation:
    """One demo invitation: ``kind`` is ``open``, ``answered`` or ``expired``."""

    young_person_id: str
    kind: str
    person_ids: tuple[str, ...]
    draft: Draft = Draft()


def _pick(person_id: str, choices: int) -> int:
    return int(hashlib.sha256(person_id.encode()).hexdigest(), 16) % choices


def plan(network: Network, as_of: date, number: int) -> list[DemoInvitation]:
    """The demo invitations of the ``number``-th young person (0, 1, 2...): everyone answers
    one; the first also has an open one and the second an expired one, then an open one."""
    people = tuple(default_people(network, as_of))
    if not people:
        return []
    young_person_id = network.young_person.id
    rated = people[:4]
    answers = tuple(
        Answer(
            pid,
            closeness=2 + _pick(pid, 3),  # 2, 3 or 4
            wishes=(Wishes.WANTS, Wishes.WANTS, Wishes.NOT_NOW)[_pick(pid + "w", 3)],
        )
        for pid in rated
    )
    answered = DemoInvitation(
        young_person_id,
        "answered",
        people,
        Draft(answers, SUGGESTIONS[number % len(SUGGESTIONS)]),
    )
    kinds = {0: ["answered", "open"], 1: ["expired", "answered", "open"]}.get(number, ["answered"])
    made = {"answered": answered}
    return [made.get(kind) or DemoInvitation(young_person_id, kind, people) for kind in kinds]


class DemoInvitations:
    """Invitations for :data:`YOUNG_PEOPLE` young people of a stream of demo networks: the
    first by name (then id), the order in which the demo sign-ins are allocated young people
    (:func:`connections.accounts.ensure_demo_users`), so the demo coordinator and facilitator
    both see them. Only those few networks are held while the stream goes by."""

    def __init__(self, as_of: date):
        self.as_of = as_of
        self.first: list[tuple[str, str, Network]] = []
        self.written = 0

    def passing(self, networks: Iterable[Network]) -> Iterator[Network]:
        for network in networks:
            young_person = network.young_person
            key = (young_person.name, young_person.id)
            if len(self.first) < YOUNG_PEOPLE or key < self.first[-1][:2]:
                self.first = sorted([*self.first, (*key, network)], key=lambda item: item[:2])
                del self.first[YOUNG_PEOPLE:]
            yield network

    @property
    def pending(self) -> list[tuple[Network, DemoInvitation]]:
        """The invitations to write, young person by young person."""
        return [
            (network, item)
            for number, (_, _, network) in enumerate(self.first)
            for item in plan(network, self.as_of, number)
        ]

    def flush(self, store: Any, now: datetime | None = None) -> int:
        """Write the noted invitations (``store``: a :class:`~connections.store.Store`); a young
        person who has invitations already gets none (running the demo again adds nothing).
        Returns how many were written."""
        now = now or datetime.now(UTC)
        pending = self.pending
        skip = {
            network.young_person.id
            for network, _ in pending
            if store.invitations(network.young_person.id)
        }
        written = 0
        for network, item in pending:
            if item.young_person_id in skip:
                continue
            token = new_token()
            made = now - timedelta(days=DEFAULT_DAYS + 6) if item.kind == "expired" else now
            made -= timedelta(days=2) if item.kind == "answered" else timedelta()
            store.create_invitation(
                item.young_person_id, list(item.person_ids), DEFAULT_DAYS, CREATED_BY, made, token
            )
            if item.kind == "answered":
                before = score(network, self.as_of).score
                after = score(apply_answers(network, item.person_ids, item.draft), self.as_of)
                store.submit_invitation(token, item.draft, now, self.as_of, (before, after.score))
            written += 1
        self.first = []
        self.written += written
        return written
