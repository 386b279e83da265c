"""A constellation (:mod:`connections.constellations`) drawn as one map: households as clusters
on a circle, their carers and young people around them, a line for each carer relationship.

Pure: pyvis assembles the nodes and edges into the map data the app's map script reads
(:class:`connections.maps.MapData`); nothing is rendered here. Kept apart from the grouping so
that what only groups (the store, the cohort's workers) never loads pyvis.
"""

from __future__ import annotations

import math
from typing import Any, Final

from pyvis.network import Network as PyvisNetwork

from connections.constellations import FORMER_ROLES, Constellation
from connections.maps import CATEGORY_COLOURS, MapData
from connections.model import Category, Role, YoungPersonStatus
from connections.vocabulary import role_label, words

_INK: Final = "#0b0c0c"
_WHITE: Final = "#ffffff"
_DARK_GREY: Final = "#505a5f"
_MID_GREY: Final = "#6f777b"
_LIGHT_GREY: Final = "#f3f2f1"
_CARE_LEAVER: Final = "#1d70b8"  # GOV.UK blue: a care leaver, where in care is ink
_CARER: Final = CATEGORY_COLOURS[Category.CARER]
_CLUSTER_RADIUS: Final = 110.0
_SPACING: Final = 320.0


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
