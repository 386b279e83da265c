"""The young person's own "My Network" pack: a projection of their network for them to keep
(pure functions, no I/O; docs/my-network-pack.md).

The pack is the young person's, so it is built for them as an audience of its own, on the
server, before anything is rendered (like :func:`connections.audiences.for_conference`):

- **Who is in it.** The people a worker picks with the young person; by default
  (:func:`default_choice`) everyone the young person rated close (3) or very close (4)
  themselves, who is alive and whom they have not said they do not want to see. Whatever the
  worker picks, the pack **never** holds anyone the young person refuses (``wishes`` is
  ``refuses``) or anyone whose *effective* safety is ``no_contact`` (their own safety, or a
  restriction in force: :mod:`connections.restrictions`).
- **What each offers**: the support domains of their relationship, in plain words, and whether
  they promised to stay in the young person's life after their role ends ("Always Here").
- **How to reach them**: a person's ``contact_details`` only when ``reachable_agreed_on`` records
  that they agreed to be reachable by the young person, their effective safety is ``safe``, and
  no restriction is in force on them (a supervised contact, say, is arranged by a worker).
- **Their personal adviser**, by the same rules, and the council's "Always Here" promise.
- **Never**: restrictions, notes, safety notes, addresses, safety, worker ratings (a worker's
  closeness estimate), the contact log. :attr:`Pack.network` (for the map) keeps only the
  pack's people and the young person's own ratings, and empties everything else sensitive.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Final

from connections.model import (
    Network,
    Person,
    RatedBy,
    Relationship,
    Role,
    Safety,
    Wishes,
)
from connections.restrictions import active, with_effective_safety
from connections.vocabulary import role_label, words

__all__ = [
    "ALWAYS_HERE_PROMISE",
    "DOMAIN_OFFERS",
    "DEFAULT_CLOSENESS",
    "Pack",
    "PackPerson",
    "default_choice",
    "eligible",
    "my_network_pack",
]

#: The council's promise, printed in every pack unless the service configures its own words
#: (``PACK_PROMISE`` in the web app's settings).
ALWAYS_HERE_PROMISE: Final = (
    "Always Here: leaving care does not mean being on your own. Until you are 25, and at 18, 21 "
    "and 25 especially, you can come back to us for advice, for help finding the people who "
    "matter to you, and for support when things go wrong. Your personal adviser is your way in, "
    "and if you cannot reach them, call the council and ask for the leaving care team."
)

#: A pack's default people: those the young person rated this close or closer themselves.
DEFAULT_CLOSENESS: Final = 3

#: What a support domain means for the young person, in their words.
DOMAIN_OFFERS: Final = {
    "emotional": "someone to talk to",
    "practical": "practical help",
    "somewhere_to_stay": "somewhere to stay",
    "money": "help with money",
    "education_work": "help with education or work",
    "health": "help with health",
    "celebrations": "birthdays and celebrations",
    "crisis": "help in an emergency",
}


@dataclass(frozen=True)
class PackPerson:
    """Someone in the pack, as the young person reads it."""

    id: str
    name: str
    role: str
    offers: tuple[str, ...]
    always_here: bool
    deceased: bool
    #: How to reach them: only with their recorded agreement (see the module docstring).
    contact_details: str


@dataclass(frozen=True)
class Pack:
    """A young person's pack on one day."""

    young_person_name: str
    as_of: date
    people: tuple[PackPerson, ...]
    adviser: PackPerson | None
    promise: str
    #: The pack's people only, for the map: no notes, addresses, contact details, safety
    #: notes, restrictions, contact log or worker ratings.
    network: Network


def _members(network: Network) -> list[tuple[Person, Relationship]]:
    people = {person.id: person for person in reversed(network.people)}  # first one wins
    seen: set[str] = set()
    members = []
    for relationship in network.relationships:
        person = people.get(relationship.person_id)
        if person is not None and person.id not in seen:
            seen.add(person.id)
            members.append((person, relationship))
    return members


def eligible(relationship: Relationship) -> bool:
    """Whether someone may be in a pack at all: not refused by the young person, and not
    ``no_contact`` (give it a relationship carrying effective safety)."""
    return (
        relationship.wishes is not Wishes.REFUSES and relationship.safety is not Safety.NO_CONTACT
    )


def _own_closeness(relationship: Relationship) -> int | None:
    if relationship.closeness_rated_by is RatedBy.YOUNG_PERSON:
        return relationship.closeness
    return None


def default_choice(network: Network, as_of: date) -> list[str]:
    """The people a pack holds unless a worker picks others: alive, eligible, and rated close
    (:data:`DEFAULT_CLOSENESS`) or closer by the young person themselves."""
    shown = with_effective_safety(network, as_of)
    return [
        person.id
        for person, relationship in _members(shown)
        if eligible(relationship)
        and not person.deceased
        and (_own_closeness(relationship) or 0) >= DEFAULT_CLOSENESS
    ]


def _pack_person(person: Person, relationship: Relationship, reachable: bool) -> PackPerson:
    return PackPerson(
        id=person.id,
        name=person.name,
        role=role_label(relationship.role),
        offers=tuple(
            DOMAIN_OFFERS.get(domain.value, words(domain)) for domain in relationship.support
        ),
        always_here=relationship.continues_beyond_role,
        deceased=person.deceased,
        contact_details=person.contact_details.strip() if reachable else "",
    )


def my_network_pack(
    network: Network,
    as_of: date,
    chosen: Collection[str] | None = None,
    *,
    promise: str = ALWAYS_HERE_PROMISE,
) -> Pack:
    """The pack of ``network`` on ``as_of``: the people in ``chosen`` (ids; default
    :func:`default_choice`) that may be in a pack, sorted by name; the input is untouched.

    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2008-01-01",
    ...                      "status": "in_care"},
    ...     "people": [
    ...         {"id": "gran", "name": "Gran", "category": "family",
    ...          "contact_details": "07700 900123", "reachable_agreed_on": "2026-01-05"},
    ...         {"id": "ray", "name": "Ray", "category": "family",
    ...          "contact_details": "07700 900999"}],
    ...     "relationships": [
    ...         {"person_id": "gran", "role": "grandparent", "closeness": 4,
    ...          "closeness_rated_by": "young_person", "safety": "safe", "support": ["money"]},
    ...         {"person_id": "ray", "role": "father", "closeness": 4,
    ...          "closeness_rated_by": "young_person", "wishes": "refuses"}]})
    >>> pack = my_network_pack(network, date(2026, 3, 1))
    >>> [(p.name, p.offers, p.contact_details) for p in pack.people]
    [('Gran', ('help with money',), '07700 900123')]
    >>> my_network_pack(network, date(2026, 3, 1), chosen=["ray"]).people
    ()
    """
    shown = with_effective_safety(network, as_of)
    restricted = {restriction.person_id for restriction in active(shown.restrictions, as_of)}
    wanted = set(default_choice(network, as_of) if chosen is None else chosen)
    members = [(p, r) for p, r in _members(shown) if eligible(r)]

    def reachable(person: Person, relationship: Relationship) -> bool:
        return (
            bool(person.contact_details.strip())
            and person.reachable_agreed_on is not None
            and person.reachable_agreed_on <= as_of
            and not person.deceased
            and relationship.safety is Safety.SAFE
            and person.id not in restricted
        )

    included = sorted(
        ((p, r) for p, r in members if p.id in wanted),
        key=lambda member: (member[0].name.casefold(), member[0].id),
    )
    advisers = sorted(
        ((p, r) for p, r in members if r.role is Role.PERSONAL_ADVISER and not p.deceased),
        key=lambda member: (member[0].name.casefold(), member[0].id),
    )
    adviser = advisers[0] if advisers else None
    kept_ids = {p.id for p, _ in included} | ({adviser[0].id} if adviser else set())
    return Pack(
        young_person_name=network.young_person.name,
        as_of=as_of,
        people=tuple(_pack_person(p, r, reachable(p, r)) for p, r in included),
        adviser=_pack_person(*adviser, reachable(*adviser)) if adviser else None,
        promise=promise.strip() or ALWAYS_HERE_PROMISE,
        network=_map_network(shown, kept_ids),
    )


def _map_network(shown: Network, kept: set[str]) -> Network:
    """The network the pack's map is drawn from: the pack's people, their own links, the young
    person's own closeness (a worker's estimate removed), and nothing sensitive."""
    relationships = []
    for person, relationship in _members(shown):
        if person.id not in kept:
            continue
        own = relationship.closeness_rated_by is RatedBy.YOUNG_PERSON
        relationships.append(
            relationship.model_copy(
                update={
                    "closeness": relationship.closeness if own else None,
                    "closeness_rated_by": relationship.closeness_rated_by if own else None,
                    "notes": "",
                    "safety_note": "",
                    "safety": Safety.UNASSESSED,
                    "support": list(relationship.support),
                }
            )
        )
    people = [
        person.model_copy(
            update={"address": "", "contact_details": "", "reachable_agreed_on": None}
        )
        for person, _ in _members(shown)
        if person.id in kept
    ]
    return shown.model_copy(
        update={
            "young_person": shown.young_person.model_copy(),
            "people": people,
            "relationships": relationships,
            "links": [
                link.model_copy()
                for link in shown.links
                if link.source in kept and link.target in kept
            ],
            "contact_log": [],
            "restrictions": [],
        }
    )
