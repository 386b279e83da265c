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
(:class:`CareLink`), :func:`constellations` groups them, :func:`build_map` draws one with pyvis
into the map data the app's map script reads (:class:`connections.maps.MapData`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from pyvis.network import Network as PyvisNetwork

from connections.maps import CATEGORY_COLOURS, MapData
from connections.model import Category, Role, YoungPersonStatus
from connections.siblings import groups
from connections.vocabulary import role_label, words

#: Roles of carers who no longer care for the young person (their line is dashed).
FORMER_ROLES: Final = frozenset({Role.FORMER_FOSTER_CARER})

_INK: Final = "#0b0c0c"
_WHITE: Final = "#ffffff"
_DARK_GREY: Final = "#505a5f"
_MID_GREY: Final = "#6f777b"
_LIGHT_GREY: Final = "#f3f2f1"
_CARE_LEAVER: Final = "#1d70b8"  # GOV.UK blue: a care leaver, where in care is ink
_CARER: Final = CATEGORY_COLOURS[Category.CARER]
_CLUSTER_RADIUS: Final = 110.0
_SPACING: Final = 320.0


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


# --- the map --------------------------------------------------------------------------------


def _layout(constellation: Constellation) -> dict[str, tuple[float, float]]:
    """Deterministic positions: each household (and each carer or young person living in none
    of them) is a cluster on a large circle, its carers and young people around it."""
    clusters: list[tuple[str | None, list[str]]] = []
    placed: set[str] = set()
    for household in constellation.households:
        nodes = [f"p:{c.id}" for c in household.carers] + [
            f"y:{m.id}" for m in household.young_people
        ]
        clusters.append((f"h:{household.id}", nodes))
        placed.update(nodes)
    for carer in constellation.carers:
        if f"p:{carer.id}" not in placed:
            clusters.append((None, [f"p:{carer.id}"]))
    for member in constellation.young_people:
        if f"y:{member.id}" not in placed:
            clusters.append((None, [f"y:{member.id}"]))
    radius = max(_SPACING * len(clusters) / (2 * math.pi), 0.0) if len(clusters) > 1 else 0.0
    positions: dict[str, tuple[float, float]] = {}
    for index, (centre, nodes) in enumerate(clusters):
        angle = 2 * math.pi * index / len(clusters) - math.pi / 2
        cx, cy = radius * math.cos(angle), radius * math.sin(angle)
        if centre is not None:
            positions[centre] = (round(cx, 1), round(cy, 1))
            around = _CLUSTER_RADIUS
        else:
            around = 0.0
        for step, node in enumerate(nodes):
            theta = 2 * math.pi * step / max(len(nodes), 1) + angle
            positions[node] = (
                round(cx + around * math.cos(theta), 1),
                round(cy + around * math.sin(theta), 1),
            )
    return positions


def build_map(constellation: Constellation) -> MapData:
    """The constellation as map data for the app's map script (pyvis assembles it; nothing is
    rendered here, and titles are plain text the script sets with ``textContent``)."""
    positions = _layout(constellation)
    net = PyvisNetwork(directed=True)
    font = {"color": _WHITE, "size": 14, "strokeWidth": 0}
    for household in constellation.households:
        x, y = positions[f"h:{household.id}"]
        net.add_node(
            f"h:{household.id}",
            label=household.label,
            shape="box",
            color={"background": _LIGHT_GREY, "border": _DARK_GREY},
            font={"color": _INK, "size": 13},
            title=f"{household.label}\nHousehold {household.id}",
            x=x,
            y=y,
            kind="household",
            name=household.label,
        )
    for carer in constellation.carers:
        x, y = positions[f"p:{carer.id}"]
        hub = Role.HUB_CARER in carer.roles
        net.add_node(
            f"p:{carer.id}",
            label=carer.name,
            shape="star" if hub else "dot",
            size=18 if hub else 12,
            color=_CARER,
            title=f"{carer.name}\n{carer.roles_text}\nCares or cared for "
            f"{len(carer.young_people)} of these young people",
            x=x,
            y=y,
            kind="carer",
            name=carer.name,
        )
    for member in constellation.young_people:
        x, y = positions[f"y:{member.id}"]
        in_care = member.status is YoungPersonStatus.IN_CARE
        net.add_node(
            f"y:{member.id}",
            label=member.name,
            shape="ellipse",
            color=_INK if in_care else _CARE_LEAVER,
            font=font,
            title=f"{member.name}\n{words(member.status)}",
            x=x,
            y=y,
            kind="young_person",
            name=member.name,
        )
    for link in sorted(constellation.links, key=lambda k: (k.young_person_id, k.person_id)):
        former = link.role in FORMER_ROLES
        net.add_edge(
            f"p:{link.person_id}",
            f"y:{link.young_person_id}",
            title=f"{link.person_name}: {role_label(link.role)} of {link.young_person_name}",
            color=_DARK_GREY,
            width=2,
            dashes=former,
            arrows={"to": {"enabled": False}},
            kind="care",
        )
    lives: set[tuple[str, str]] = set()
    for carer in constellation.carers:
        if carer.household:
            lives.add((f"p:{carer.id}", f"h:{carer.household}"))
    for member in constellation.young_people:
        if member.household:
            lives.add((f"y:{member.id}", f"h:{member.household}"))
    for source, target in sorted(lives):
        net.add_edge(
            source,
            target,
            title="Lives here",
            color=_MID_GREY,
            width=1,
            arrows={"to": {"enabled": False}},
            kind="lives_in",
        )
    net.toggle_physics(False)
    net.toggle_stabilization(False)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    options: dict[str, Any] = {
        "autoResize": True,
        "height": "100%",
        "width": "100%",
        "physics": {"enabled": False, "solver": "barnesHut", "minVelocity": 0.75},
        "interaction": {
            "hover": True,
            "tooltipDelay": 200,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {"borderWidth": 1.5, "font": {"face": "arial", "size": 14, "color": _INK}},
        "edges": {"smooth": False},
    }
    legend = [
        _entry("young-person", "A young person in care", _INK),
        _entry("care-leaver", "A care leaver", _CARE_LEAVER),
        _entry("carer", "A carer (a star: a Mockingbird hub carer)", _CARER),
        _entry("household", "A household", _LIGHT_GREY),
        _entry("relationship", "Cares for the young person", _DARK_GREY),
        _entry("contact-lost", "Cared for them before (dashed)", _DARK_GREY),
        _entry("link", "Lives in the household", _MID_GREY),
    ]
    return MapData(nodes=nodes, edges=edges, options=options, legend=legend)


def _entry(key: str, label: str, colour: str) -> dict[str, Any]:
    return {"key": key, "label": label, "colour": colour, "css_class": f"map-key--{key}"}


class ConstellationSource(Protocol):
    """What :func:`from_store` needs of the store."""

    def care_links(self) -> list[CareLink]: ...


def from_store(store: ConstellationSource, minimum: int = 2) -> list[Constellation]:
    """The cohort's constellations, from one query."""
    return constellations(store.care_links(), minimum)
