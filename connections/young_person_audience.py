"""What the young person may see on their invitation page (DESIGN.md, Audiences): the projection
for that audience, beside :mod:`connections.audiences` (pure, no I/O).

:func:`for_young_person_invitation` keeps, for each person the coordinator chose, only their
name, their role as the young person would say it ("your grandparent", "your social worker":
:data:`ROLE_WORDS`), and that young person's OWN answers: closeness only where the young person
rated it (never a worker's estimate), and their wish about contact. It never carries an
address, a note, a safety note, a restriction, safety itself, anyone else's rating, or a
person id: the page numbers people by position.

The result is a small value of its own rather than a network, so nothing it must not carry can
reach a template by mistake.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from connections.model import Network, RatedBy, Role, Wishes

#: A role as a young person would say it (the person's name comes first on the page).
ROLE_WORDS: Final[Mapping[Role, str]] = {
    Role.MOTHER: "your mum",
    Role.FATHER: "your dad",
    Role.SIBLING: "your brother or sister",
    Role.HALF_SIBLING: "your half-brother or half-sister",
    Role.STEP_SIBLING: "your stepbrother or stepsister",
    Role.GRANDPARENT: "your gran or grandad",
    Role.AUNT_UNCLE: "your aunt or uncle",
    Role.COUSIN: "your cousin",
    Role.OTHER_RELATIVE: "someone in your family",
    Role.FOSTER_CARER: "your foster carer",
    Role.FORMER_FOSTER_CARER: "a foster carer you lived with before",
    Role.RESIDENTIAL_WORKER: "a worker where you live",
    Role.SUPPORTED_LODGINGS_HOST: "the person you lodge with",
    Role.HUB_CARER: "your Mockingbird hub carer",
    Role.FRIEND: "your friend",
    Role.PARTNER: "your boyfriend, girlfriend or partner",
    Role.MENTOR: "your mentor",
    Role.INDEPENDENT_VISITOR: "your independent visitor",
    Role.TEACHER: "your teacher",
    Role.SOCIAL_WORKER: "your social worker",
    Role.PERSONAL_ADVISER: "your personal adviser",
    Role.IRO: "your reviewing officer",
    Role.ADVOCATE: "your advocate",
    Role.THERAPIST: "your therapist or counsellor",
    Role.COORDINATOR: "the worker helping you find family",
    Role.OTHER: "someone you know",
}


def role_words(role: Role) -> str:
    """``role`` as the young person would say it.

    >>> role_words(Role.SOCIAL_WORKER)
    'your social worker'
    """
    return ROLE_WORDS[role]


@dataclass(frozen=True, slots=True)
class InvitedPerson:
    """One person on the young person's page: all the page may know of them."""

    name: str
    role: str
    #: The young person's own closeness rating, or None (never a worker's estimate).
    closeness: int | None
    #: The young person's wish about contact, or None when not known.
    wishes: Wishes | None


@dataclass(frozen=True, slots=True)
class InvitationView:
    """The young person's page: their first name and their people, in the invitation's order."""

    first_name: str
    people: tuple[InvitedPerson, ...]


def for_young_person_invitation(network: Network, person_ids: Sequence[str]) -> InvitationView:
    """The invitation page's view of ``network``: the people of ``person_ids`` who are still
    in it (in that order, each once), with only what the young person may see.

    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex Example", "date_of_birth": "2012-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "gran", "name": "Rose", "category": "family", "address": "1 Row"},
    ...                {"id": "sw", "name": "Jo", "category": "professional"}],
    ...     "relationships": [
    ...         {"person_id": "gran", "role": "grandparent", "closeness": 4,
    ...          "closeness_rated_by": "worker", "notes": "private", "wishes": "wants"},
    ...         {"person_id": "sw", "role": "social_worker", "closeness": 2,
    ...          "closeness_rated_by": "young_person"}]})
    >>> view = for_young_person_invitation(network, ["gran", "sw", "nobody"])
    >>> view.first_name, [(p.name, p.role, p.closeness) for p in view.people]
    ('Alex', [('Rose', 'your gran or grandad', None), ('Jo', 'your social worker', 2)])
    """
    people = {person.id: person for person in network.people}
    relationships = {r.person_id: r for r in network.relationships}
    shown: list[InvitedPerson] = []
    seen: set[str] = set()
    for pid in person_ids:
        person, relationship = people.get(pid), relationships.get(pid)
        if person is None or relationship is None or pid in seen:
            continue
        seen.add(pid)
        own = relationship.closeness_rated_by is RatedBy.YOUNG_PERSON
        shown.append(
            InvitedPerson(
                name=person.name,
                role=role_words(relationship.role),
                closeness=relationship.closeness if own else None,
                wishes=None if relationship.wishes is Wishes.UNKNOWN else relationship.wishes,
            )
        )
    name = network.young_person.name.split()
    return InvitationView(first_name=name[0] if name else "", people=tuple(shown))


def shown_person_ids(network: Network, person_ids: Sequence[str]) -> list[str]:
    """The ids of the people :func:`for_young_person_invitation` shows, in its order: what the
    page's numbered fields refer to (the ids never leave the server)."""
    people = {person.id for person in network.people}
    related = {r.person_id for r in network.relationships}
    chosen: list[str] = []
    for pid in person_ids:
        if pid in people and pid in related and pid not in chosen:
            chosen.append(pid)
    return chosen
