"""Siblings placed apart: the cohort's sibling groups with two or more in care who do not all
live in one household, and whether each keeps in touch with the others.

Two young people are siblings when one holds, in a sibling role (sibling, half- or
step-sibling), a person marked as being the other (:attr:`connections.model.Person.
young_person_id`), or when both hold the same person as their mother, or both as their father
(one shared :class:`~connections.model.Person`). A **sibling group** is a set of young people
joined by such links, directly or through one another.

A group is **placed apart** when two or more of them are in care and those in care are not all
recorded in one household (a young person in care whose household is not recorded cannot be
shown to live with the others, so the group is listed until it is).

The **contact status** of each young person with each other one is read from their own record
of that sibling: their relationship with the person marked as being that young person, with its
contact, last contact, the young person's wishes and the effective safety (restrictions in
force included). Like a sibling gap in a young person's own report (docs/scoring.md), it is a
**gap** when that sibling is safe, wanted (``wants`` or ``unknown``) and out of contact
(``lost`` or ``none_yet``), and also when there is no record at all (the sibling is not in the
young person's network yet, or not marked as being them).

Pure: the store gives the links and the members (two queries whatever the cohort's size), and
:func:`siblings_apart` does the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from connections.model import (
    Contact,
    RatedBy,
    RestrictionScope,
    Role,
    Safety,
    Wishes,
    YoungPersonStatus,
)
from connections.restrictions import SCOPE_SAFETY, most_restrictive

#: Why two young people are siblings.
MARKED = "marked"
REASON_WORDS = {
    MARKED: "recorded as siblings",
    Role.MOTHER.value: "same mother",
    Role.FATHER.value: "same father",
}

_WANTED = frozenset({Wishes.WANTS, Wishes.UNKNOWN})
_OUT_OF_CONTACT = frozenset({Contact.LOST, Contact.NONE_YET})

#: The CSV's columns: one row per young person and sibling (each direction of each pair).
CSV_COLUMNS = (
    "group",
    "young_person_id",
    "young_person",
    "status",
    "household",
    "sibling_id",
    "sibling",
    "sibling_status",
    "sibling_household",
    "recorded",
    "role",
    "contact",
    "last_contact",
    "wishes",
    "safety",
    "gap",
)


@dataclass(frozen=True, slots=True)
class Placement:
    """A young person of a sibling group: who they are and the household they live in."""

    id: str
    name: str
    status: YoungPersonStatus
    household: str | None

    @property
    def in_care(self) -> bool:
        return self.status is YoungPersonStatus.IN_CARE

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status.value,
            "household": self.household,
        }


@dataclass(frozen=True, slots=True)
class RestrictionSpan:
    """A restriction on a young person's relationship with a sibling: its scope and dates."""

    scope: RestrictionScope
    starts: date
    ends: date | None

    def active_on(self, day: date) -> bool:
        return self.starts <= day and (self.ends is None or self.ends >= day)


@dataclass(frozen=True, slots=True)
class SiblingRecord:
    """A young person's relationship with the person who is another young person."""

    young_person_id: str
    sibling_id: str
    person_id: str
    role: Role
    contact: Contact
    last_contact: date | None
    wishes: Wishes
    safety: Safety
    closeness: int | None = None
    closeness_rated_by: RatedBy | None = None
    restrictions: tuple[RestrictionSpan, ...] = ()

    def effective_safety(self, day: date) -> Safety:
        """The recorded safety made stricter by the restrictions in force on ``day``."""
        safety = self.safety
        for span in self.restrictions:
            imposed = SCOPE_SAFETY.get(span.scope)
            if imposed is not None and span.active_on(day):
                safety = most_restrictive(safety, imposed)
        return safety


@dataclass(frozen=True, slots=True)
class ContactStatus:
    """One young person's contact with one sibling, from their own record of them (none when
    that sibling is not in their network, marked as being them)."""

    young_person: Placement
    sibling: Placement
    record: SiblingRecord | None
    safety: Safety | None
    gap: bool

    def to_dict(self) -> dict[str, Any]:
        record = self.record
        return {
            "young_person_id": self.young_person.id,
            "sibling_id": self.sibling.id,
            "recorded": record is not None,
            "role": record.role.value if record else None,
            "contact": record.contact.value if record else None,
            "last_contact": record.last_contact.isoformat()
            if record and record.last_contact
            else None,
            "wishes": record.wishes.value if record else None,
            "safety": self.safety.value if self.safety else None,
            "closeness": record.closeness if record else None,
            "gap": self.gap,
        }


@dataclass(frozen=True, slots=True)
class SiblingGroup:
    """Siblings with two or more in care, placed apart, and how each keeps in touch."""

    members: tuple[Placement, ...]
    reasons: tuple[tuple[str, str, str], ...]
    contacts: tuple[ContactStatus, ...]

    @property
    def in_care(self) -> int:
        return sum(member.in_care for member in self.members)

    @property
    def households(self) -> int:
        """Households the members in care live in (one not recorded counts as one more)."""
        return len({m.household or f"?{m.id}" for m in self.members if m.in_care})

    @property
    def gaps(self) -> int:
        return sum(status.gap for status in self.contacts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "young_people": [member.to_dict() for member in self.members],
            "in_care": self.in_care,
            "households": self.households,
            "gaps": self.gaps,
            "links": [{"a": a, "b": b, "reason": reason} for a, b, reason in self.reasons],
            "contacts": [status.to_dict() for status in self.contacts],
        }

    def csv_rows(self, number: int) -> list[list[Any]]:
        """The group's CSV rows (:data:`CSV_COLUMNS`), numbered ``number``."""
        rows = []
        for status in self.contacts:
            facts = status.to_dict()
            rows.append(
                [
                    number,
                    status.young_person.id,
                    status.young_person.name,
                    status.young_person.status.value,
                    status.young_person.household,
                    status.sibling.id,
                    status.sibling.name,
                    status.sibling.status.value,
                    status.sibling.household,
                    "yes" if facts["recorded"] else "no",
                    facts["role"],
                    facts["contact"],
                    facts["last_contact"],
                    facts["wishes"],
                    facts["safety"],
                    "yes" if status.gap else "no",
                ]
            )
        return rows


def groups(links: Iterable[tuple[str, str, str]]) -> list[set[str]]:
    """The young people joined by sibling links, directly or through one another.

    >>> sorted(sorted(g) for g in groups([("a", "b", "marked"), ("c", "b", "mother"),
    ...                                   ("x", "y", "father")]))
    [['a', 'b', 'c'], ['x', 'y']]
    """
    # Union-find rather than networkx: the store builds this module's values, and the store
    # never imports networkx.
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b, _ in links:
        parent[root(a)] = root(b)
    found: dict[str, set[str]] = {}
    for node in list(parent):
        found.setdefault(root(node), set()).add(node)
    return [group for group in found.values() if len(group) > 1]


def placed_apart(members: Iterable[Placement]) -> bool:
    """Two or more in care, and not all of those recorded in one household.

    >>> kai = Placement("a", "Kai", YoungPersonStatus.IN_CARE, "h1")
    >>> placed_apart([kai, Placement("b", "Mo", YoungPersonStatus.IN_CARE, "h1")])
    False
    >>> placed_apart([kai, Placement("b", "Mo", YoungPersonStatus.IN_CARE, None)])
    True
    """
    in_care = [m for m in members if m.in_care]
    if len(in_care) < 2:
        return False
    households = {m.household for m in in_care}
    return len(households) > 1 or None in households


def contact_status(
    young_person: Placement, sibling: Placement, record: SiblingRecord | None, day: date
) -> ContactStatus:
    """``young_person``'s contact with ``sibling`` on ``day`` (see the module's words)."""
    if record is None:
        return ContactStatus(young_person, sibling, None, None, gap=True)
    safety = record.effective_safety(day)
    gap = safety is Safety.SAFE and record.wishes in _WANTED and record.contact in _OUT_OF_CONTACT
    return ContactStatus(young_person, sibling, record, safety, gap)


def siblings_apart(
    links: Iterable[tuple[str, str, str]],
    placements: Mapping[str, Placement],
    records: Iterable[SiblingRecord],
    day: date,
) -> list[SiblingGroup]:
    """The sibling groups placed apart, most gaps first, then by their first member's name.

    ``links`` are (young person, young person, reason) with reason ``marked``, ``mother`` or
    ``father``; ``placements`` holds every young person the links name; ``records`` are each
    young person's records of the others (their relationship with the person marked as being
    that sibling; the first one counts when a network holds two people marked as one sibling).
    """
    links = list(links)
    record_of: dict[tuple[str, str], SiblingRecord] = {}
    for record in records:
        record_of.setdefault((record.young_person_id, record.sibling_id), record)
    found = []
    for group in groups(links):
        members = sorted(
            (placements[i] for i in group if i in placements),
            key=lambda m: (m.name.casefold(), m.id),
        )
        if not placed_apart(members):
            continue
        reasons = sorted({(min(a, b), max(a, b), reason) for a, b, reason in links if a in group})
        contacts = tuple(
            contact_status(member, other, record_of.get((member.id, other.id)), day)
            for member in members
            for other in members
            if other.id != member.id
        )
        found.append(SiblingGroup(tuple(members), tuple(reasons), contacts))
    found.sort(key=lambda g: (-g.gaps, g.members[0].name.casefold(), g.members[0].id))
    return found


class SiblingsSource(Protocol):
    """What :func:`from_store` needs of the store."""

    def sibling_links(self) -> list[tuple[str, str, str]]: ...

    def sibling_members(
        self, young_person_ids: Sequence[str]
    ) -> tuple[dict[str, Placement], list[SiblingRecord]]: ...


def from_store(store: SiblingsSource, day: date) -> list[SiblingGroup]:
    """The cohort's siblings placed apart: one query for the links, one for the members."""
    links = store.sibling_links()
    ids = sorted({i for a, b, _ in links for i in (a, b)})
    if not ids:
        return []
    placements, records = store.sibling_members(ids)
    return siblings_apart(links, placements, records, day)
