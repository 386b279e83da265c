"""Constellations: carers and households linked across the cohort, with the young people they
care for or have cared for, drawn as one map with a table beside it.

A Mockingbird hub home carer supports several fostering households at once; a foster carer
looks after one young person now and stays in touch with others who lived with them before; a
supported lodgings host takes a care leaver. Each of these is a carer in a young person's
network (:data:`connections.model.CARER_ROLES`: foster carer, former foster carer, Mockingbird
hub carer, supported lodgings host). A **constellation** is a set of young people, carers and
households joined by:

- a young person and each of their carers (the carer's role on the line);
- a carer and the household they live in (``Person.household``);
- a young person and the household they live in (``YoungPerson.household``).

Only constellations of two or more young people are listed (a single placement is not a
constellation). Each is named after its **central carer**: the one caring, or having cared, for
the most young people in it (then by name and id), whose person id is the constellation's id, so
its address stays the same while it grows.

Pure: the store gives every carer relationship of the cohort in one query
(:class:`CareLink`) and :func:`constellations` groups them;
:func:`connections.constellation_map.build_map` draws one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from connections.model import Role, YoungPersonStatus
from connections.siblings import groups
from connections.vocabulary import words

#: Roles of carers who no longer care for the young person (their line is dashed).
FORMER_ROLES: Final = frozenset({Role.FORMER_FOSTER_CARER})


@dataclass(frozen=True, slots=True)
class CareLink:
    """One carer relationship: a young person, where they live, and one of their carers."""

    young_person_id: str
    young_person_name: str
    status: YoungPersonStatus
    young_person_household: str | None
    person_id: str
    person_name: str
    person_household: str | None
    role: Role


@dataclass(frozen=True, slots=True)
class Carer:
    id: str
    name: str
    household: str | None
    roles: tuple[Role, ...]
    young_people: tuple[str, ...]  # the ids of those they care or cared for

    @property
    def roles_text(self) -> str:
        return ", ".join(words(role) for role in self.roles)


@dataclass(frozen=True, slots=True)
class Member:
    """A young person of a constellation."""

    id: str
    name: str
    status: YoungPersonStatus
    household: str | None


@dataclass(frozen=True, slots=True)
class Household:
    id: str
    carers: tuple[Carer, ...]
    young_people: tuple[Member, ...]  # those who live there

    @property
    def label(self) -> str:
        names = [carer.name for carer in self.carers]
        return "Home of " + ", ".join(names) if names else f"Household {self.id}"


@dataclass(frozen=True, slots=True)
class Constellation:
    """Carers, households and young people joined through care (see the module's words)."""

    id: str
    name: str
    carers: tuple[Carer, ...]
    households: tuple[Household, ...]
    young_people: tuple[Member, ...]
    links: tuple[CareLink, ...]

    @property
    def in_care(self) -> int:
        return sum(m.status is YoungPersonStatus.IN_CARE for m in self.young_people)

    @property
    def hub_carers(self) -> tuple[Carer, ...]:
        return tuple(c for c in self.carers if Role.HUB_CARER in c.roles)

    def elsewhere(self) -> tuple[Member, ...]:
        """Young people of the constellation not living in any of its households."""
        living = {m.id for h in self.households for m in h.young_people}
        return tuple(m for m in self.young_people if m.id not in living)


def constellations(links: Iterable[CareLink], minimum: int = 2) -> list[Constellation]:
    """The constellations of at least ``minimum`` young people, the most young people first,
    then by name.

    >>> def link(yp, carer, role="foster_carer", home=None, carer_home=None):
    ...     return CareLink(yp, yp.title(), YoungPersonStatus.IN_CARE, home, carer,
    ...                     carer.title(), carer_home, Role(role))
    >>> found = constellations([link("amy", "hana", "hub_carer"), link("bo", "hana", "hub_carer"),
    ...                         link("bo", "fay", home="h1", carer_home="h1"),
    ...                         link("cy", "gil")])
    >>> [(c.id, [m.id for m in c.young_people], [h.id for h in c.households]) for c in found]
    [('hana', ['amy', 'bo'], ['h1'])]
    """
    links = list(links)
    edges: list[tuple[str, str, str]] = []
    for link in links:
        edges.append((f"y:{link.young_person_id}", f"p:{link.person_id}", ""))
        if link.person_household:
            edges.append((f"p:{link.person_id}", f"h:{link.person_household}", ""))
        if link.young_person_household:
            edges.append((f"y:{link.young_person_id}", f"h:{link.young_person_household}", ""))
    component_of: dict[str, int] = {}
    for index, group in enumerate(groups(edges)):
        for node in group:
            component_of[node] = index
    by_component: dict[int, list[CareLink]] = defaultdict(list)
    for link in links:
        by_component[component_of[f"y:{link.young_person_id}"]].append(link)
    found = [_constellation(group) for group in by_component.values()]
    found = [c for c in found if len(c.young_people) >= minimum]
    found.sort(key=lambda c: (-len(c.young_people), c.name.casefold(), c.id))
    return found


def _constellation(links: Sequence[CareLink]) -> Constellation:
    members: dict[str, Member] = {}
    carer_roles: dict[str, set[Role]] = defaultdict(set)
    cared_for: dict[str, set[str]] = defaultdict(set)
    carer_facts: dict[str, tuple[str, str | None]] = {}
    for link in links:
        members[link.young_person_id] = Member(
            link.young_person_id, link.young_person_name, link.status, link.young_person_household
        )
        carer_roles[link.person_id].add(link.role)
        cared_for[link.person_id].add(link.young_person_id)
        carer_facts[link.person_id] = (link.person_name, link.person_household)
    carers = sorted(
        (
            Carer(
                pid,
                name,
                household,
                tuple(sorted(carer_roles[pid])),
                tuple(sorted(cared_for[pid])),
            )
            for pid, (name, household) in carer_facts.items()
        ),
        key=lambda c: (-len(c.young_people), c.name.casefold(), c.id),
    )
    central = carers[0]
    household_ids = {c.household for c in carers if c.household} | {
        m.household for m in members.values() if m.household
    }
    by_name = sorted(members.values(), key=lambda m: (m.name.casefold(), m.id))
    households = sorted(
        (
            Household(
                hid,
                tuple(sorted((c for c in carers if c.household == hid), key=_name)),
                tuple(m for m in by_name if m.household == hid),
            )
            for hid in household_ids
        ),
        key=lambda h: (h.label.casefold(), h.id),
    )
    return Constellation(
        central.id,
        f"{central.name}'s constellation",
        tuple(carers),
        tuple(households),
        tuple(by_name),
        tuple(links),
    )


def _name(carer: Carer) -> tuple[str, str]:
    return (carer.name.casefold(), carer.id)


def find(found: Iterable[Constellation], constellation_id: str) -> Constellation | None:
    """The constellation with this id, or None."""
    return next((c for c in found if c.id == constellation_id), None)


class ConstellationSource(Protocol):
    """What :func:`from_store` needs of the store."""

    def care_links(self) -> list[CareLink]: ...


def from_store(store: ConstellationSource, minimum: int = 2) -> list[Constellation]:
    """The cohort's constellations, from one query."""
    return constellations(store.care_links(), minimum)
