"""The guest list of a Family Group Conference: who may not be invited, and the indirect leakage
warnings the facilitator must acknowledge before the list is final (docs/conference.md).

- **Refused**: a person whose *effective* safety (:mod:`connections.restrictions`) is
  ``no_contact``, whom the young person asked to keep out of the conference
  (``hide_in_conference``), who has died, or who is not in the young person's network.
- **Restricted person**: someone in the network whose effective safety is ``no_contact``, or who
  has an active restriction of any scope (``supervised``, ``address_withheld`` too).
- **Leak warning**: a guest who shares a household with a restricted person (the same
  ``Person.household``), is their ``partner`` or ``lives_with`` them, or is their parent or
  child (a ``parent`` link either way). Anything said at the conference may reach them. One
  warning per (guest, restricted person, kind); its text names the guest but never the
  restricted person, and its :attr:`LeakWarning.key` is what an acknowledgement records.

These are for the facilitator only: the family's conference view never shows a warning, a
refusal or a restricted person (:func:`connections.audiences.for_conference`).

Pure functions of a network value: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

from connections.model import HOUSEHOLD_LINKS, LinkKind, Network, Safety
from connections.restrictions import active, effective_safeties

__all__ = [
    "DRAFT",
    "FINAL",
    "Acknowledgement",
    "GuestList",
    "LeakWarning",
    "blockers",
    "is_final",
    "leak_warnings",
    "refusal",
    "restricted_people",
]

DRAFT: Final = "draft"
FINAL: Final = "final"

#: What a guest is to the restricted person, in words (the kinds of :class:`LeakWarning`).
KIND_WORDS: Final[Mapping[str, str]] = {
    "household": "shares a household with",
    "partner": "is the partner of",
    "lives_with": "lives with",
    "parent": "is a parent of",
    "child": "is a child of",
}

#: The restriction on the restricted person, in words that never name them.
_WHY = {
    Safety.NO_CONTACT: "someone this young person must have no contact with",
    Safety.SUPERVISED: "someone this young person may see only with supervision",
    None: "someone from whom this young person's address must be withheld",
}


@dataclass(frozen=True, slots=True)
class LeakWarning:
    """A guest close to a restricted person: what is said at the conference may reach them."""

    guest_id: str
    guest_name: str
    restricted_id: str
    kind: str
    text: str

    @property
    def key(self) -> str:
        """Stable id of this warning, recorded by its acknowledgement (ids never hold ``|``)."""
        return f"{self.guest_id}|{self.kind}|{self.restricted_id}"


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """The facilitator's acknowledgement of one warning, with their reason."""

    key: str
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True, slots=True)
class GuestList:
    """One young person's guest list for their next conference, as stored."""

    young_person_id: str
    status: str = DRAFT
    version: int = 0
    guest_ids: tuple[str, ...] = ()
    acknowledgements: Mapping[str, Acknowledgement] = field(default_factory=dict)
    finalised_by: str | None = None
    finalised_at: datetime | None = None

    @property
    def final(self) -> bool:
        return self.status == FINAL


def restricted_people(network: Network, as_of: date) -> dict[str, Safety | None]:
    """Person id -> the most restrictive effective safety that makes them restricted
    (``no_contact`` or ``supervised``), or ``None`` for an ``address_withheld`` restriction
    alone; only people in the network."""
    safeties = effective_safeties(network, as_of)
    with_restriction = {r.person_id for r in active(network.restrictions, as_of)}
    restricted: dict[str, Safety | None] = {}
    for person_id, safety in safeties.items():
        if safety is Safety.NO_CONTACT or person_id in with_restriction:
            restricted[person_id] = (
                safety if safety in (Safety.NO_CONTACT, Safety.SUPERVISED) else None
            )
    return restricted


def refusal(network: Network, person_id: str, as_of: date) -> str | None:
    """Why ``person_id`` cannot be a guest at the conference, in words; ``None`` if they can.

    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "gran", "name": "Gran", "category": "family"},
    ...                {"id": "ray", "name": "Ray", "category": "family"},
    ...                {"id": "hana", "name": "Hana", "category": "friend"}],
    ...     "relationships": [
    ...         {"person_id": "gran", "role": "grandparent", "safety": "safe"},
    ...         {"person_id": "ray", "role": "father", "safety": "safe"},
    ...         {"person_id": "hana", "role": "friend", "hide_in_conference": True}],
    ...     "restrictions": [{"id": "r1", "person_id": "ray", "kind": "s34_order",
    ...                       "scope": "no_contact", "starts": "2026-03-01"}],
    ... })
    >>> refusal(network, "gran", date(2026, 3, 1)) is None
    True
    >>> print(refusal(network, "ray", date(2026, 3, 1)))  # doctest: +NORMALIZE_WHITESPACE
    Ray cannot be invited: this young person must have no contact with them
    (a restriction in force).
    >>> print(refusal(network, "hana", date(2026, 3, 1)))
    Hana cannot be invited: the young person asked for them not to be shown to the family.
    >>> print(refusal(network, "nobody", date(2026, 3, 1)))
    This person is not in the young person's network.
    """
    relationship = next((r for r in network.relationships if r.person_id == person_id), None)
    person = next((p for p in network.people if p.id == person_id), None)
    if relationship is None or person is None:
        return "This person is not in the young person's network."
    name = person.name
    if effective_safeties(network, as_of).get(person_id) is Safety.NO_CONTACT:
        why = (
            "their safety is recorded as no contact"
            if relationship.safety is Safety.NO_CONTACT
            else "a restriction in force"
        )
        return (
            f"{name} cannot be invited: this young person must have no contact with them ({why})."
        )
    if relationship.hide_in_conference:
        return (
            f"{name} cannot be invited: the young person asked for them not to be shown to "
            "the family."
        )
    if person.deceased:
        return f"{name} cannot be invited: they have died."
    return None


def _ties(network: Network) -> Iterable[tuple[str, str, str]]:
    """(a, b, kind) for every tie that may carry what is said: what ``a`` is to ``b``."""
    households: dict[str, list[str]] = {}
    for person in network.people:
        if person.household:
            households.setdefault(person.household, []).append(person.id)
    for members in households.values():
        for a in members:
            for b in members:
                if a != b:
                    yield a, b, "household"
    for link in network.links:
        if link.kind in HOUSEHOLD_LINKS:
            yield link.source, link.target, link.kind.value
            yield link.target, link.source, link.kind.value
        elif link.kind is LinkKind.PARENT:
            yield link.source, link.target, "parent"
            yield link.target, link.source, "child"


def leak_warnings(network: Network, guest_ids: Collection[str], as_of: date) -> list[LeakWarning]:
    """Every warning for these guests: one per (guest, restricted person, kind), in a stable
    order (guest name, then kind, then the restricted person's id). The text names the guest,
    never the restricted person.

    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "sandra", "name": "Sandra Fletcher", "category": "family"},
    ...                {"id": "ray", "name": "Ray", "category": "family"}],
    ...     "relationships": [{"person_id": "sandra", "role": "aunt_uncle", "safety": "safe"},
    ...                       {"person_id": "ray", "role": "father", "safety": "no_contact"}],
    ...     "links": [{"source": "sandra", "target": "ray", "kind": "lives_with"}],
    ... })
    >>> [warning] = leak_warnings(network, ["sandra"], date(2026, 3, 1))
    >>> print(warning.text)  # doctest: +NORMALIZE_WHITESPACE
    Sandra Fletcher lives with someone this young person must have no contact with: anything
    shared at the conference may reach them.
    >>> warning.key
    'sandra|lives_with|ray'
    """
    restricted = restricted_people(network, as_of)
    if not restricted:
        return []
    names = {person.id: person.name for person in network.people}
    guests = set(guest_ids)
    seen: set[tuple[str, str, str]] = set()
    warnings: list[LeakWarning] = []
    for guest, other, kind in _ties(network):
        if guest not in guests or other not in restricted or guest not in names:
            continue
        if (guest, other, kind) in seen:
            continue
        seen.add((guest, other, kind))
        name = names[guest]
        text = (
            f"{name} {KIND_WORDS[kind]} {_WHY[restricted[other]]}: anything shared at the "
            "conference may reach them."
        )
        warnings.append(LeakWarning(guest, name, other, kind, text))
    warnings.sort(key=lambda w: (w.guest_name.casefold(), w.guest_id, w.kind, w.restricted_id))
    return warnings


def blockers(
    network: Network,
    guest_ids: Collection[str],
    acknowledged: Collection[str],
    as_of: date,
) -> list[str]:
    """What stops the list being final, in words: no guests, a guest who may not be invited
    (now: a restriction may have started since they were added), each warning not yet
    acknowledged (by :attr:`LeakWarning.key`)."""
    problems: list[str] = []
    if not guest_ids:
        problems.append("Add at least one guest.")
    for guest_id in sorted(guest_ids):
        reason = refusal(network, guest_id, as_of)
        if reason is not None:
            problems.append(f"{reason} Remove them from the guest list.")
    for warning in leak_warnings(network, guest_ids, as_of):
        if warning.key not in acknowledged:
            problems.append(f"Acknowledge the warning: {warning.text}")
    return problems


def is_final(network: Network, guest_list: GuestList, as_of: date) -> bool:
    """Whether the conference may go ahead on this list: marked final, and still nothing in
    the way on ``as_of`` (a restriction that starts after the list was finalised puts it back
    in the facilitator's hands).

    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "gran", "name": "Gran", "category": "family"}],
    ...     "relationships": [{"person_id": "gran", "role": "grandparent", "safety": "safe"}],
    ... })
    >>> is_final(network, GuestList("yp", FINAL, 3, ("gran",)), date(2026, 3, 1))
    True
    >>> is_final(network, GuestList("yp", DRAFT, 3, ("gran",)), date(2026, 3, 1))
    False
    """
    return guest_list.final and not blockers(
        network, guest_list.guest_ids, guest_list.acknowledgements, as_of
    )
