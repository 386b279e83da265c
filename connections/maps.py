r"""The ecomap: one young person's network in, an interactive map out (pure functions, no I/O).

An ecomap puts the young person at the centre and everyone else on concentric rings by how close
the young person says they feel (4 "very close" innermost, then 3, 2, 1, 0, and people the young
person has not rated outermost). Colour says the category, shape says whether the person is paid
to be there (square) or not (circle), a thick border and a star mark the relationships that count
towards the mission (docs/scoring.md's qualifying relationships), dashes mean contact is lost or not
made yet, and thin grey lines join people to each other (parent, sibling, partner, ...).

Why it is built like this:

- **pyvis builds the map, but never renders it.** pyvis's own HTML template loads vis-network from
  a CDN even in "local" mode and puts node titles into ``innerHTML``. So :func:`build_map` uses
  pyvis only to assemble nodes, edges and options, takes them out as plain data
  (``get_network_data``) and never calls ``show``/``write_html``/``generate_html``. The page embeds
  :meth:`MapData.to_json` in a ``<script type="application/json">`` block and one static script
  (:data:`MAP_JS`, ``connections/assets/map.js``) draws it with the app's own copy of
  vis-network, turning every title into an element whose text is set with ``textContent``.
- **Positions are computed in Python, deterministically** (:mod:`connections.ecomap`: sectors by
  who people are, rings by the young person's own closeness, households side by side, no
  randomness) and physics is off, so the same network always gives the same map: a coordinator
  can print it (:mod:`connections.svgmap` draws the same places), and the page does not wobble
  while the family looks at it. People can still be dragged.
- **Conference redaction happens on the server.** In a Family Group Conference the map must never
  show a person who is not safe to contact, an address, a safety note or the young person's
  private ratings. Hiding them with CSS or JavaScript would still send them to the browser (view
  source, the JSON block, a screenshot of the developer tools, a cached page), so
  :func:`connections.audiences.for_conference` takes them out of the network *before* the map is
  built, and ``build_map(..., conference=True)`` always applies it: what is hidden is absent from
  the HTML.
  The report is ignored in conference mode too: it is computed from the full network, so it names
  hidden people and its qualifying marks would reveal ratings.
- **Large networks stay usable.** Crowded rings split into a few staggered bands and then grow,
  labels are cut short, and over 200 edges the options turn off smooth edges, link labels, hover
  highlighting and drawing edges while dragging. Over :data:`connections.ecomap.COLLAPSE_ABOVE`
  people, households and the rest of each sector are folded into one node each
  (:func:`connections.ecomap.groups`), opened on a click or with its button; people counting
  towards the mission (at a conference, where that may not be told: everyone in touch) are never
  folded away.

The map as JSON (:meth:`MapData.to_json`, safe to embed in ``<script type="application/json">``)::

    nodes    [{id, label, title, x, y, shape, size, color (a colour, or {background, border}),
               borderWidth, borderWidthSelected, font (only where it differs from
               options.nodes.font), shapeProperties (deceased),
               group (category, or "young_person"), kind ("young_person" | "person"),
               name, role, category, paid, deceased, qualifies, ring,
               -- not in conference: closeness, closeness_rated_by, safety, contact,
               last_contact}]
    edges    [{from, to, kind ("relationship" | "link"), title, arrows, and
               for a relationship: width, color, dashes, qualifies, smooth;
               for a link: links, label (none on large maps); width and color from
               options.edges}]
    options  vis-network options (physics off)
    legend   [{key, label, shape ("ellipse" | "dot" | "square" | "line"), colour, border,
               dashed, css_class}]
    rings    [{radius, level (4..0 or null), label}]  guides drawn behind the map (empty in
               conference mode: no closeness there)
    conference  bool
    sectors  [{key, label, start, end (radians, clockwise from three o'clock), people}]
    households  [{id, sector, members}]  the shared shape runs through the members in order
    groups   [{id, label, members, x, y, sector}]  folded into one node each on a large map
               (connections.ecomap.groups); never holding a loving relationship
    outer    the radius of the outermost band (the sector headings sit beyond it)
    labels   where the browser writes each name, and the scale its layout is drawn at
               (connections.maplabels.placement): map.js draws the names, not vis-network

``title`` is always plain text (lines separated by ``\n``); ``x``/``y`` are in vis-network's
canvas units with the young person at (0, 0).

JavaScript: the one script that draws maps is ``connections/assets/map.js`` (:data:`MAP_JS`):
``standalone_html`` inlines it into a downloaded file, and the web app serves the same file as
``/static/maps/map.js`` under ``script-src 'self'``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from typing import Any, Final
from urllib.parse import urlencode

import jinja2
import orjson
from markupsafe import Markup
from pyvis.network import Network as PyvisNetwork

from connections import ecomap
from connections.audiences import CONFERENCE_IN_TOUCH, for_conference
from connections.model import (
    Category,
    Contact,
    Link,
    LinkKind,
    Network,
    Person,
    RatedBy,
    Relationship,
    Role,
)
from connections.restrictions import KIND_WORDS, SCOPE_WORDS
from connections.scoring import YOUNG_PERSON_NODE, CoverageReport
from connections.vocabulary import CLOSENESS_WORDS, closeness, phrase, role_label, words

__all__ = [
    "CATEGORY_COLOURS",
    "LARGE_EDGES",
    "MAP_JS",
    "RING_LEVELS",
    "MapData",
    "build_map",
    "safe_json",
    "standalone_html",
]

# --- look -----------------------------------------------------------------------------------------

#: One colour per category (GOV.UK palette). Every colour has at least 4.5:1 contrast with white,
#: so shapes stand out on the white map (WCAG 1.4.11 asks 3:1) and white text on them is legible.
#: Hues are chosen to stay apart for the common colour-vision deficiencies as far as five dark
#: colours can; category is never told by colour alone (legend, tooltip, table).
CATEGORY_COLOURS: Final[Mapping[Category, str]] = {
    Category.FAMILY: "#1d70b8",  # blue, 5.2:1
    Category.FRIEND: "#a65400",  # dark orange, 5.4:1
    Category.CARER: "#00703c",  # green, 6.2:1
    Category.PROFESSIONAL: "#4c2c92",  # purple, 10.1:1
    Category.COMMUNITY: "#912b88",  # magenta, 7.2:1
}
_CATEGORY_LABELS: Final[Mapping[Category, str]] = {
    Category.FAMILY: "Family",
    Category.FRIEND: "Friend",
    Category.CARER: "Carer",
    Category.PROFESSIONAL: "Professional",
    Category.COMMUNITY: "Community",
}

_INK: Final = "#0b0c0c"  # GOV.UK text colour
_DARK_GREY: Final = "#505a5f"
_MID_GREY: Final = "#6f777b"
_LIGHT_GREY: Final = "#b1b4b6"
_WHITE: Final = "#ffffff"
_FOCUS: Final = "#ffdd00"  # GOV.UK focus yellow, for the selected node
_HOUSEHOLD: Final = "#dee0e2"  # the shape around people who live together (decoration)
_GROUP_FILL: Final = "#f3f2f1"  # a folded group's diamond, outlined in ink

_DECEASED_FILL: Final = _LIGHT_GREY
_DECEASED_BORDER: Final = _DARK_GREY
_RELATIONSHIP_EDGE: Final = _DARK_GREY
_QUALIFYING_EDGE: Final = _INK
_LINK_EDGE: Final = _MID_GREY

_UNPAID_SHAPE: Final = "dot"
_PAID_SHAPE: Final = "square"
_DOT_SIZE: Final = 12
_SQUARE_SIZE: Final = 11  # a square of "size" 11 has about the area of a dot of 12
_BORDER: Final = 1.5
_QUALIFYING_BORDER: Final = 4
_STAR: Final = "\u2605"  # ★

#: Edge width by the young person's closeness rating (unrated, or rated only by a worker: thin).
_EDGE_WIDTH: Final[Mapping[int | None, float]] = {4: 6, 3: 4.5, 2: 3, 1: 2, 0: 1, None: 1}

_NO_CONTACT_YET: Final = frozenset({Contact.LOST, Contact.NONE_YET})
_LINK_WORDS: Final[Mapping[LinkKind, str]] = {
    LinkKind.PARENT: "parent",
    LinkKind.SIBLING: "siblings",
    LinkKind.PARTNER: "partners",
    LinkKind.LIVES_WITH: "live together",
    LinkKind.KNOWS: "know each other",
}
_LINK_ORDER: Final = {kind: index for index, kind in enumerate(LinkKind)}
_MONTHS: Final = "JanFebMarAprMayJunJulAugSepOctNovDec"

# --- layout -------------------------------------------------------------------------------------

#: Rings from the centre out: the young person's own rating 4..0, then unrated (None). The
#: layout itself (sectors, rings, households, groups) is :mod:`connections.ecomap`'s.
RING_LEVELS: Final = ecomap.RING_LEVELS

#: Above this many edges, the options turn off what costs most to draw (see module docstring).
LARGE_EDGES: Final = 200
_LABEL_CHARS: Final = 24
_LABEL_CHARS_LARGE: Final = 16
_LARGE_PEOPLE: Final = 200


# --- the map as data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapData:
    """A map as plain data: what vis-network needs plus the legend the page renders in HTML.

    Built by :func:`build_map`; never holds anything the viewer may not see (in conference mode
    the hidden people and sensitive fields were removed before it was built).
    """

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    legend: list[dict[str, Any]]
    rings: list[dict[str, Any]] = field(default_factory=list)
    conference: bool = False
    sectors: list[dict[str, Any]] = field(default_factory=list)
    households: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    outer: float = 0.0

    def to_dict(self, open_names_url: str | None = None) -> dict[str, Any]:
        """The JSON-ready dictionary (the shape in the module docstring), with where the
        browser writes each name (``labels``: :func:`connections.maplabels.placement`).

        With ``open_names_url`` (a page that fetches the names of everyone in groups when a
        group is first opened, rather than placing them for every view) a map with groups has
        its first view's names only, and ``labels.open_url``: that URL with this map's
        :func:`~connections.maplabels.map_key` as ``key``."""
        from connections import maplabels  # it draws on svgmap, which imports this module

        if open_names_url is None or not self.groups:
            labels = maplabels.placement(self)
        else:
            key = urlencode({"key": maplabels.map_key(self)})
            labels = {**maplabels.first_placement(self), "open_url": f"{open_names_url}?{key}"}
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "options": self.options,
            "legend": self.legend,
            "rings": self.rings,
            "conference": self.conference,
            "sectors": self.sectors,
            "households": self.households,
            "groups": self.groups,
            "outer": self.outer,
            "labels": labels,
        }

    def description(self) -> list[dict[str, Any]]:
        """The map in words, for screen readers and anyone who prefers words: sector by sector
        (in the map's clockwise order), who is in it and, where the map has rings, on which
        ring (innermost first). A conference map has no rings, so it names only the sector.

        Each entry: ``{"sector": heading, "rings": [{"ring": label or None, "names": [...]}]}``.
        """
        ring_label = {ring["level"]: ring["label"] for ring in self.rings}
        ring_rank = {ring["level"]: index for index, ring in enumerate(self.rings)}
        people = [node for node in self.nodes if node.get("kind") == "person"]
        by_sector: dict[str, list[dict[str, Any]]] = {}
        for node in people:
            by_sector.setdefault(node["sector"], []).append(node)
        described = []
        for sector in self.sectors:
            nodes = by_sector.get(sector["key"], [])
            rings: dict[Any, list[str]] = {}
            for node in sorted(nodes, key=lambda n: ring_rank.get(n["ring"], 0)):
                level = node["ring"] if self.rings else None
                name = node["name"] + (" (died)" if node["deceased"] else "")
                rings.setdefault(level, []).append(name)
            described.append(
                {
                    "sector": sector["label"],
                    "count": len(nodes),
                    "rings": [
                        {
                            "ring": ring_label.get(level) if self.rings else None,
                            "names": names,
                        }
                        for level, names in rings.items()
                    ],
                }
            )
        return described

    def to_json(self, open_names_url: str | None = None) -> str:
        """JSON safe to put inside ``<script type="application/json">`` as it is (of
        :meth:`to_dict`, which says what ``open_names_url`` does).

        ``<``, ``>`` and ``&`` are written as ``\\u003c`` and so on, so no name can close the
        script block (``</script>``) or open a comment; U+2028/U+2029 are escaped for old
        JavaScript parsers. ``JSON.parse`` reads the escaped text back unchanged.
        """
        return safe_json(self.to_dict(open_names_url))

    def table_rows(self) -> list[dict[str, str]]:
        """The people on the map as rows of text, for the table that pairs every map (WCAG).

        Same data as the map, in the map's order; in conference mode only name, role, category,
        paid and died, as on the map.
        """
        rows: list[dict[str, str]] = []
        for node in self.nodes:
            if node.get("kind") != "person":
                continue
            # The words the pages use (connections.vocabulary), never the raw values.
            row = {
                "name": node["name"],
                "role": node["role"][:1].upper() + node["role"][1:],
                "category": words(node["category"]),
                "paid": "Yes" if node["paid"] else "No",
            }
            if node["deceased"]:
                row["name"] += " (died)"
            if not self.conference:
                row["closeness"] = closeness(node["closeness"], node["closeness_rated_by"])
                row["safety"] = words(node["safety"])
                row["contact"] = words(node["contact"])
                row["counts_towards_mission"] = "Yes" if node["qualifies"] else "No"
            rows.append(row)
        return rows


def safe_json(value: Any) -> str:
    """``value`` as compact JSON that can sit inside an HTML ``<script>`` element unchanged.

    >>> safe_json({"name": "</script><img src=x>", "and": "a & b"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e","and":"a \\\\u0026 b"}'
    >>> json.loads(safe_json(["\u2028<"])) == ["\u2028<"]
    True

    Encoded by orjson (a large network's map is a few hundred kilobytes of JSON, which the
    standard library took a third of the map's time to write); the map holds only strings,
    numbers, booleans, lists and dictionaries with string keys.
    """
    # These characters only ever occur inside JSON strings, where \uXXXX means the same thing.
    # Replaced in the UTF-8 bytes: a few times faster than in a str holding any non-Latin-1 name.
    return (
        orjson.dumps(value)
        .replace(b"<", b"\\u003c")
        .replace(b">", b"\\u003e")
        .replace(b"&", b"\\u0026")
        .replace("\u2028".encode(), b"\\u2028")
        .replace("\u2029".encode(), b"\\u2029")
        .decode()
    )


# --- building the map ---------------------------------------------------------------------------


def build_map(
    network: Network,
    report: CoverageReport | None = None,
    *,
    conference: bool = False,
    as_of: date | None = None,
) -> MapData:
    """The ecomap of ``network`` as :class:`MapData` (pyvis builds it; nothing is rendered).

    ``report`` (from :func:`connections.scoring.score` on the same network) marks the qualifying
    relationships; without it nothing is marked, because whether a relationship qualifies depends
    on the report's date. With ``conference=True`` the network is first passed through
    :func:`connections.audiences.for_conference` (on ``as_of``, default today: restrictions
    active then count) and the report is ignored (see the module docstring): titles
    then say only name, role, category, paid and died, and ratings change nothing on the map
    (lines are still dashed where contact is lost or not made yet: contact is not private).

    The input network is never changed.

    >>> from connections.model import parse_network
    >>> alex = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "gran", "name": "Gran", "category": "family"}],
    ...     "relationships": [{"person_id": "gran", "role": "grandparent", "closeness": 4,
    ...                        "closeness_rated_by": "young_person", "contact": "lost"}],
    ... })
    >>> ecomap = build_map(alex)
    >>> [(node["id"], node["x"], node["y"]) for node in ecomap.nodes]
    [('@young-person', 0.0, 0.0), ('gran', 0.0, 120.0)]
    >>> edge = ecomap.edges[0]
    >>> edge["from"], edge["to"], edge["width"], edge["dashes"]
    ('@young-person', 'gran', 6, True)
    >>> ecomap.options["physics"]["enabled"]
    False
    """
    if conference:
        network = for_conference(network, date.today() if as_of is None else as_of)
        report = None
    elif report is not None and report.young_person.id != network.young_person.id:
        raise ValueError(
            f"the report is for {report.young_person.id!r}, "
            f"the network for {network.young_person.id!r}"
        )
    qualifying = frozenset(person.id for person in report.qualifying_now) if report else frozenset()
    members = _members(network)
    member_ids = {person.id for person, _ in members}
    names = {person.id: person.name for person, _ in members}
    link_groups = _link_groups(network.links, member_ids)
    large = len(members) + len(link_groups) > LARGE_EDGES

    seats = [
        ecomap.Seat(
            person.id,
            person.name,
            ecomap.sector_key(person.category.value, _value(relationship.side)),
            None if conference else _ring_level(relationship),
            person.household,
        )
        for person, relationship in members
    ]
    plan = ecomap.layout(
        seats,
        [(link.source, link.target, link.kind.value) for link in network.links],
        rings=not conference,
    )
    folded = ecomap.groups(plan, seats, _never_folded(members, qualifying, conference), names)
    nodes, edges, options = _drawn(
        network,
        _in_draw_order(members, plan),
        link_groups,
        plan,
        qualifying=qualifying,
        conference=conference,
        large=large,
    )
    restricted = False
    if not conference:
        day = as_of if as_of is not None else (report.as_of if report else date.today())
        restricted = _mark_restricted(nodes, _restriction_lines(network, day))

    present = {(person.category, bool(relationship.paid)) for person, relationship in members}
    return MapData(
        nodes=nodes,
        edges=edges,
        options=options,
        legend=_legend(
            categories={category for category, _ in present},
            paid={paid for _, paid in present},
            deceased=any(person.deceased for person, _ in members),
            qualifying=bool(qualifying & member_ids),
            dashed=any(relationship.contact in _NO_CONTACT_YET for _, relationship in members),
            links=bool(link_groups),
            conference=conference,
            restricted=restricted,
            households=bool(plan.households),
            groups=bool(folded),
        ),
        rings=plan.rings,
        conference=conference,
        sectors=[sector.to_dict() for sector in plan.sectors],
        households=[household.to_dict() for household in plan.households],
        groups=[group.to_dict() for group in folded],
        outer=plan.outer,
    )


def _in_draw_order(
    members: list[tuple[Person, Relationship]], plan: ecomap.Layout
) -> list[tuple[Person, Relationship]]:
    """The members in the layout's drawing order (sector by sector, ring by ring)."""
    draw_rank = {person_id: index for index, person_id in enumerate(plan.order)}
    return sorted(members, key=lambda member: draw_rank[member[0].id])


def _never_folded(
    members: list[tuple[Person, Relationship]], qualifying: frozenset[str], conference: bool
) -> set[str]:
    """Who is never folded into a group: the loving relationships now; at a conference, where
    that may not be told, everyone in touch (which the conference is shown, and which every
    qualifying relationship is)."""
    if conference:
        return {
            person.id
            for person, relationship in members
            if relationship.contact in CONFERENCE_IN_TOUCH
        }
    return set(qualifying)


def _drawn(
    network: Network,
    ordered: list[tuple[Person, Relationship]],
    link_groups: Mapping[tuple[str, str], list[tuple[LinkKind, str]]],
    plan: ecomap.Layout,
    *,
    qualifying: frozenset[str],
    conference: bool,
    large: bool,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """pyvis's nodes, edges and options for the placed map: the young person at the centre,
    each member at their seat, a line to each, and the links between members."""
    label_chars = _LABEL_CHARS_LARGE if len(ordered) > _LARGE_PEOPLE else _LABEL_CHARS
    # directed=True: pyvis's undirected add_edge compares each new edge with every edge so far
    # (quadratic) and silently drops a second link between the same two people. Arrows are set
    # on every edge explicitly, so "directed" changes nothing on the map.
    net = PyvisNetwork(directed=True)
    net.node_ids = _IdList()
    young_person = network.young_person
    net.add_node(
        YOUNG_PERSON_NODE,
        label=_short(young_person.name, label_chars),
        shape="ellipse",
        color=_INK,
        title=f"{young_person.name}\nThe young person",
        x=0.0,
        y=0.0,
        borderWidth=2,
        font={"color": _WHITE, "size": 18, "strokeWidth": 0},
        kind="young_person",
        category="young_person",
        name=young_person.name,
    )
    for person, relationship in ordered:
        x, y = plan.positions[person.id]
        net.add_node(
            person.id,
            **_person_node(
                person,
                relationship,
                x=x,
                y=y,
                qualifies=person.id in qualifying,
                conference=conference,
                label_chars=label_chars,
            ),
        )
    for person, relationship in ordered:
        net.add_edge(
            YOUNG_PERSON_NODE,
            person.id,
            **_relationship_edge(
                young_person.name, person, relationship, person.id in qualifying, conference
            ),
        )
    names = {person.id: person.name for person, _ in ordered}
    for (first, second), kinds in link_groups.items():
        net.add_edge(first, second, **_link_edge(first, second, kinds, names, labelled=not large))

    net.toggle_physics(False)
    net.toggle_stabilization(False)
    net.toggle_hide_edges_on_drag(large)
    net.inherit_edge_colors(False)
    if large:
        net.options.edges.smooth.enabled = False
    else:
        net.set_edge_smooth("curvedCW")
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    options = _deep_merge(json.loads(options_json), _extra_options(large))
    # The group goes in last: pyvis's add_node drops a node's colour when it is given a group.
    # (In place: the dictionaries are the throwaway pyvis network's own.)
    for node in nodes:
        node["group"] = node["category"]
    return nodes, edges, options


#: What marks a person with a restriction in force on a worker's map (with a red border).
RESTRICTED_MARK: Final = "\u26a0"
_RESTRICTED_BORDER: Final = "#d4351c"  # GOV.UK red


def _restriction_lines(network: Network, day: date) -> dict[str, list[str]]:
    """Person id -> one tooltip line per restriction on them in force on ``day``, such as
    ``Restriction: no contact (section 34 contact order)``."""
    lines: dict[str, list[str]] = {}
    for restriction in sorted(network.restrictions, key=lambda r: (r.starts, r.id)):
        if restriction.active_on(day):
            lines.setdefault(restriction.person_id, []).append(
                f"Restriction: {SCOPE_WORDS[restriction.scope]} ({KIND_WORDS[restriction.kind]})"
            )
    return lines


def _mark_restricted(nodes: list[dict[str, Any]], lines: Mapping[str, list[str]]) -> bool:
    """Mark the nodes of people with a restriction in force (in place): the mark before their
    label, a red border, the restrictions in their tooltip. Whether anyone was marked."""
    marked = False
    for node in nodes:
        found = lines.get(node["id"])
        if not found:
            continue
        marked = True
        node["label"] = f"{RESTRICTED_MARK} {node['label']}"
        node["title"] = "\n".join([node["title"], *found])
        colour = node.get("color")
        fill = colour.get("background") if isinstance(colour, dict) else colour
        node["color"] = _node_colour(fill, _RESTRICTED_BORDER)
        node["borderWidth"] = max(node.get("borderWidth", 1), 3)
        node["restricted"] = True
    return marked


class _IdList(list[Any]):
    """pyvis keeps node ids in a list and checks membership on every ``add_node`` and twice on
    every ``add_edge``: quadratic, about 80 ms for 1000 people. The same list with a set beside
    it makes those checks constant time (pyvis only appends to and searches ``node_ids``)."""

    def __init__(self) -> None:
        super().__init__()
        self._index: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._index.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._index


def _members(network: Network) -> list[tuple[Person, Relationship]]:
    """Each person with their relationship to the young person (first of each; orphans left out,
    since a person with no relationship is not in this young person's network)."""
    people: dict[str, Person] = {}
    for person in network.people:
        people.setdefault(person.id, person)
    members: dict[str, tuple[Person, Relationship]] = {}
    for relationship in network.relationships:
        person = people.get(relationship.person_id)
        if person is not None:
            members.setdefault(person.id, (person, relationship))
    return list(members.values())


def _ring_level(relationship: Relationship) -> int | None:
    """The ring: the young person's own rating; a worker's estimate is not theirs, so unrated.

    >>> from connections.model import parse
    >>> _ring_level(parse(Relationship, {"person_id": "p", "role": "friend", "closeness": 3,
    ...                                  "closeness_rated_by": "worker"})) is None
    True
    """
    if relationship.closeness_rated_by is RatedBy.YOUNG_PERSON:
        return relationship.closeness
    return None


def _coordinate(value: float) -> float:
    """Rounded to a tenth (and never -0.0), so the JSON is short and identical every time."""
    return round(value, 1) + 0.0


def _short(name: str, limit: int) -> str:
    """A label short enough for a crowded map (the title and the table carry the full name).

    >>> _short("Alexandra Catherine Montgomery-Smith", 16)
    'Alexandra Cathe…'
    >>> _short("  Jo\\nSmith ", 16)
    'Jo Smith'
    """
    text = " ".join(name.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _node_colour(fill: str, border: str) -> str | dict[str, str]:
    """A plain colour where fill and border agree (vis-network then uses it when selected too),
    which keeps the JSON of a large map small."""
    if fill == border:
        return fill
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": border},
        "hover": {"background": fill, "border": border},
    }


def _person_node(
    person: Person,
    relationship: Relationship,
    *,
    x: float,
    y: float,
    qualifies: bool,
    conference: bool,
    label_chars: int,
) -> dict[str, Any]:
    """pyvis ``add_node`` keyword arguments for one person."""
    paid = bool(relationship.paid)
    label = _short(person.name, label_chars)
    if person.deceased:
        label += " (died)"
        colour = _node_colour(_DECEASED_FILL, _DECEASED_BORDER)
    else:
        fill = CATEGORY_COLOURS[person.category]
        colour = _node_colour(fill, _INK if qualifies else fill)
    if qualifies:
        label = f"{_STAR} {label}"
    node: dict[str, Any] = {
        "label": label,
        "shape": _PAID_SHAPE if paid else _UNPAID_SHAPE,
        "color": colour,
        "title": _person_title(person, relationship, qualifies=qualifies, conference=conference),
        "x": x,
        "y": y,
        "size": _SQUARE_SIZE if paid else _DOT_SIZE,
        # Plain data for the table and for tests (vis-network ignores fields it does not know).
        "kind": "person",
        "name": person.name,
        "role": _role_words(relationship),
        "category": person.category.value,
        "paid": paid,
        "deceased": person.deceased,
        "qualifies": qualifies,
        "ring": None if conference else _ring_level(relationship),
        "sector": ecomap.sector_key(person.category.value, _value(relationship.side)),
    }
    if qualifies:
        node["borderWidth"] = _QUALIFYING_BORDER
        node["borderWidthSelected"] = _QUALIFYING_BORDER + 1
    if person.deceased:
        node["shapeProperties"] = {"borderDashes": [4, 3]}
        node["font"] = {"color": _DARK_GREY}
    if not conference:
        node.update(
            {
                "closeness": relationship.closeness,
                "closeness_rated_by": _value(relationship.closeness_rated_by),
                "safety": relationship.safety.value,
                "contact": relationship.contact.value,
                "last_contact": _iso(relationship.last_contact),
            }
        )
    return node


def _person_title(
    person: Person, relationship: Relationship, *, qualifies: bool, conference: bool
) -> str:
    """The tooltip as plain text: the page sets it with ``textContent``, never as HTML."""
    role = _role_words(relationship)
    kind = role.capitalize()
    if role != person.category.value:
        kind += f", {phrase(person.category)}"
    if relationship.paid:
        kind += ", paid role"
    lines = [person.name, kind]
    if person.deceased:
        lines.append("Has died")
    if conference:
        return "\n".join(lines)
    if qualifies:
        lines.append(f"{_STAR} Counts towards the mission (a loving, safe, current relationship)")
    lines.append(_closeness_line(relationship))
    lines.append(f"Safety: {phrase(relationship.safety)}")
    contact = f"Contact: {phrase(relationship.contact)}"
    if relationship.last_contact is not None:
        contact += f", last on {_day(relationship.last_contact)}"
    lines.append(contact)
    return "\n".join(lines)


def _closeness_line(relationship: Relationship) -> str:
    closeness = relationship.closeness
    if closeness is None:
        return "Closeness: not rated yet"
    rating = f"{closeness} ({phrase(CLOSENESS_WORDS[closeness])})"
    if relationship.closeness_rated_by is RatedBy.YOUNG_PERSON:
        return f"Closeness: {rating}, the young person's rating"
    return f"Closeness: not rated by the young person (a worker's estimate: {rating})"


def _relationship_edge(
    young_person_name: str,
    person: Person,
    relationship: Relationship,
    qualifies: bool,
    conference: bool,
) -> dict[str, Any]:
    """pyvis ``add_edge`` keyword arguments for the young person's relationship to a person."""
    level = _ring_level(relationship)
    # Short on purpose: the person's own tooltip has the details (and the JSON stays small).
    title = f"{young_person_name} and {person.name}: {_role_words(relationship)}"
    if qualifies:
        title += f"\n{_STAR} Counts towards the mission"
    return {
        "kind": "relationship",
        "width": _EDGE_WIDTH[level],
        "color": _QUALIFYING_EDGE if qualifies else _RELATIONSHIP_EDGE,
        "dashes": relationship.contact in _NO_CONTACT_YET,
        "title": title,
        "arrows": "",
        "qualifies": qualifies,
        # Straight from the centre, whatever options.edges.smooth says (that curves links).
        "smooth": False,
    }


def _link_groups(
    links: Iterable[Link], member_ids: set[str]
) -> dict[tuple[str, str], list[tuple[LinkKind, str]]]:
    """Links between people on the map, one group per pair (so two links never draw on top of
    each other), each kind with the id of its source (which matters for ``parent``)."""
    groups: dict[tuple[str, str], list[tuple[LinkKind, str]]] = {}
    for link in sorted(links, key=lambda item: item.key):
        if link.source not in member_ids or link.target not in member_ids:
            continue
        pair = (min(link.source, link.target), max(link.source, link.target))
        entry = (link.kind, link.source)
        if entry not in groups.setdefault(pair, []):
            groups[pair].append(entry)
    for kinds in groups.values():
        kinds.sort(key=lambda entry: (_LINK_ORDER[entry[0]], entry[1]))
    return groups


def _link_edge(
    first: str,
    second: str,
    kinds: Sequence[tuple[LinkKind, str]],
    names: Mapping[str, str],
    *,
    labelled: bool,
) -> dict[str, Any]:
    """pyvis ``add_edge`` keyword arguments for the links between two people."""
    sentences = []
    arrow_to = None
    for kind, source in kinds:
        if kind is LinkKind.PARENT:
            child = second if source == first else first
            sentences.append(f"{names[source]} is a parent of {names[child]}")
            arrow_to = child
        else:
            sentences.append(f"{names[first]} and {names[second]}: {_LINK_WORDS[kind]}")
    # Width and colour come from options.edges (_LINK_STYLE): a large network has over a
    # thousand links, and each repeating them made the page's JSON a sixth longer.
    edge: dict[str, Any] = {
        "kind": "link",
        "links": [kind.value for kind, _ in kinds],
        "title": "\n".join(sentences),
        "arrows": "",
    }
    if arrow_to is not None:
        edge["arrows"] = "to" if arrow_to == second else "from"
    if labelled:
        edge["label"] = ", ".join(_LINK_WORDS[kind] for kind, _ in kinds)
    return edge


#: How a link between two people is drawn: options.edges, so that only the young person's
#: relationships (each of its own width and colour) carry a style of their own.
_LINK_STYLE: Final[Mapping[str, Any]] = {
    "width": 1,
    "color": {"color": _LINK_EDGE, "highlight": _INK, "hover": _INK, "inherit": False},
}


def _extra_options(large: bool) -> dict[str, Any]:
    """vis-network options pyvis has no setter for. Physics stays off (the layout is
    :mod:`connections.ecomap`'s, and physics would pull the sectors and rings into a ball); the
    physics settings are kept only for anyone who turns it on from the console."""
    return {
        "autoResize": True,
        "height": "100%",
        "width": "100%",
        "layout": {"randomSeed": 1, "improvedLayout": False},
        "physics": {
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -4000,
                "centralGravity": 0.2,
                "springLength": 140,
                "springConstant": 0.03,
                "avoidOverlap": 0.3,
            },
            "minVelocity": 0.75,
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
        },
        # Shared by every node and edge, so each one carries only what differs.
        # Every node names its group and colour; the groups only stop vis-network from giving
        # an unstyled node a colour of its own palette.
        "groups": {
            "young_person": {"color": _INK},
            **{category.value: {"color": colour} for category, colour in CATEGORY_COLOURS.items()},
        },
        "nodes": {
            "borderWidth": _BORDER,
            "borderWidthSelected": 4,
            "font": {
                "face": "arial",
                "size": 16,
                "color": _INK,
                "strokeWidth": 4,
                "strokeColor": _WHITE,
                "multi": False,
            },
        },
        "edges": {
            **_LINK_STYLE,
            "smooth": {"roundness": 0.2},
            "selectionWidth": 2,
            "hoverWidth": 1,
            "font": {"size": 11, "color": _DARK_GREY, "strokeWidth": 3, "align": "middle"},
        },
    }


def _deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` updated from ``extra``, nested dictionaries merged rather than replaced.

    >>> _deep_merge({"a": {"b": 1, "c": 2}}, {"a": {"c": 3}, "d": 4})
    {'a': {'b': 1, 'c': 3}, 'd': 4}
    """
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _legend(
    *,
    categories: set[Category],
    paid: set[bool],
    deceased: bool,
    qualifying: bool,
    dashed: bool,
    links: bool,
    conference: bool,
    restricted: bool = False,
    households: bool = False,
    groups: bool = False,
) -> list[dict[str, Any]]:
    """The legend entries for what is on this map, in a fixed order."""
    entries = [_entry("young-person", "The young person", "ellipse", _INK)]
    entries += [
        _entry(category.value, _CATEGORY_LABELS[category], "dot", CATEGORY_COLOURS[category])
        for category in Category
        if category in categories
    ]
    if True in paid:
        entries.append(_entry("paid", "Paid to be there (square)", "square", _WHITE))
    if False in paid:
        entries.append(_entry("unpaid", "Not paid (circle)", "dot", _WHITE))
    if deceased:
        entries.append(
            _entry("deceased", "Has died (grey)", "dot", _DECEASED_FILL, border=_DECEASED_BORDER)
        )
    if qualifying and not conference:
        label = f"{_STAR} Counts towards the mission (thick border)"
        entries.append(_entry("qualifying", label, "dot", _WHITE))
    if restricted:
        label = f"{RESTRICTED_MARK} Restriction on contact (a court order or decision; red border)"
        entries.append(_entry("restricted", label, "dot", _WHITE, border=_RESTRICTED_BORDER))
    line_label = "Relationship with the young person"
    if not conference:
        line_label += " (thicker: closer, as the young person rates it)"
    entries.append(_entry("relationship", line_label, "line", _RELATIONSHIP_EDGE))
    if dashed:
        entries.append(
            _entry("contact-lost", "Contact lost or not made yet", "line", _RELATIONSHIP_EDGE, True)
        )
    if links:
        entries.append(_entry("link", "Link between two people", "line", _LINK_EDGE))
    if households:
        entries.append(
            _entry("household", "People who live together (grey shape)", "blob", _HOUSEHOLD)
        )
    if groups:
        label = "A group of people (diamond: select it, or its button, to open it)"
        entries.append(_entry("group", label, "diamond", _GROUP_FILL))
    return entries


def _entry(
    key: str, label: str, shape: str, colour: str, dashed: bool = False, *, border: str = _INK
) -> dict[str, Any]:
    return {
        "key": key,
        "label": label,
        "shape": shape,
        "colour": colour,
        "border": border,
        "dashed": dashed,
        "css_class": f"map-key--{key}",
    }


#: The words of each role, looked up once (three times a person otherwise, on a large map).
_ROLE_WORDS: Final[Mapping[Any, str]] = {role: role_label(role) for role in Role}


def _role_words(relationship: Relationship) -> str:
    return _ROLE_WORDS.get(relationship.role) or role_label(relationship.role)


def _value(value: Any) -> Any:
    return None if value is None else value.value


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(day: date) -> str:
    """A date as people read it, the same in every locale.

    >>> _day(date(2026, 11, 1))
    '1 Nov 2026'
    """
    month = _MONTHS[3 * (day.month - 1) : 3 * day.month]
    return f"{day.day} {month} {day.year}"


# --- a map to download --------------------------------------------------------------------------

_SCRIPT_CLOSE = re.compile(r"</(script)", re.IGNORECASE)
_COMMENT_OPEN = re.compile(r"<!--")


def _inline_script(js: str) -> str:
    """JavaScript that cannot end its ``<script>`` element early.

    ``</script`` becomes ``<\\/script`` and ``<!--`` becomes ``<\\!--``: the same text inside a
    JavaScript string or regular expression, and never part of real code.

    >>> _inline_script('var a = "</SCRIPT>", b = "<!--";')
    'var a = "<\\\\/SCRIPT>", b = "<\\\\!--";'
    """
    return _COMMENT_OPEN.sub("<\\!--", _SCRIPT_CLOSE.sub(r"<\\/\1", js))


_STYLE_CLOSE = re.compile(r"</(style)", re.IGNORECASE)


def _inline_style(css: str) -> str:
    """CSS that cannot end its ``<style>`` element early: ``</style`` becomes ``<\\/style``
    (the same text inside a CSS string, harmless in a comment; it has no place elsewhere).

    >>> _inline_style('a::after { content: "</STYLE>" }')
    'a::after { content: "<\\\\/STYLE>" }'
    """
    return _STYLE_CLOSE.sub(r"<\\/\1", css)


#: A source map comment (``//# sourceMappingURL=...`` or ``/*# sourceMappingURL=... */``): taken
#: out of the vendor files a download inlines, since there is no map beside a downloaded file.
_SOURCE_MAP = re.compile(r"^[ \t]*(?://|/\*)[#@] sourceMappingURL=[^\n]*$", re.MULTILINE)


def _vendor(text: str) -> str:
    """A vendor file's text without its source map comment.

    >>> _vendor("var a;\\n//# sourceMappingURL=a.js.map\\n")
    'var a;\\n\\n'
    """
    return _SOURCE_MAP.sub("", text)


_STANDALONE_CSS: Final = """
body { font-family: arial, sans-serif; color: #0b0c0c; margin: 1.5em; line-height: 1.3; }
h1 { font-size: 1.6em; margin: 0 0 0.5em; }
.map { height: 70vh; min-height: 400px; width: 100%; border: 1px solid #b1b4b6;
  position: relative; background: #fff; }
.map .vis-network:focus { outline: 3px solid #ffdd00; box-shadow: inset 0 0 0 2px #0b0c0c; }
.map-controls { margin: 0 0 0.5em; }
.map-controls button { font: inherit; padding: 0.3em 0.8em; margin: 0 0.5em 0.5em 0; }
.map-frame--full { position: fixed; inset: 0; z-index: 10; background: #fff; padding: 12px;
  display: flex; flex-direction: column; box-sizing: border-box; overflow: auto; }
.map-frame--full .map-frame__body { display: flex; flex: 1 1 auto; min-height: 0; gap: 16px; }
.map-frame--full .map { flex: 1 1 auto; height: auto; min-height: 0; }
.map-frame--full .map-key-panel { flex: 0 0 22rem; overflow: auto; }
.map-tooltip { white-space: pre-line; max-width: 22em; font-size: 15px; }
div.vis-tooltip { position: absolute; visibility: hidden; padding: 6px 8px; background: #fff;
  color: #0b0c0c; border: 1px solid #0b0c0c; pointer-events: none; z-index: 5;
  font-family: arial, sans-serif; white-space: normal; }
.map-legend { list-style: none; padding: 0; margin: 1em 0; display: flex; flex-wrap: wrap;
  gap: 0.5em 1.5em; }
.map-legend li { display: flex; align-items: center; gap: 0.5em; }
.map-legend svg { flex: none; }
table { border-collapse: collapse; margin-top: 1em; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.3em; }
th, td { text-align: left; padding: 0.3em 1em 0.3em 0; border-bottom: 1px solid #b1b4b6; }
@media print {
  .map-controls { display: none; }
  .map { height: 17cm; min-height: 0; border: 0; break-inside: avoid; }
  .map-legend, .map-legend svg { break-inside: avoid; print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
  div.vis-tooltip { display: none; }
}
"""

# In a downloaded file nothing may be fetched: the policy forbids every request (scripts and
# styles are inline, the legend is inline SVG, vis-network's stylesheet has only data: images),
# so even a mistake cannot reach a network.
_STANDALONE_CSP: Final = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
)

_STANDALONE_TEMPLATE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ vis_network_css }}</style>
<style>{{ css }}</style>
</head>
<body>
<h1>{{ title }}</h1>
<div class="map-frame" data-map-frame="map">
<div class="map-controls">
<button type="button" data-map-fit="map">Fit the map to the window</button>
<button type="button" data-map-full="map" aria-pressed="false" data-text-off="Full screen"
 data-text-on="Leave full screen">Full screen</button>
{%- for group in groups %}
<button type="button" data-map-group="map" data-group-id="{{ group.id }}"
 aria-expanded="false">{{ group.label }}</button>
{%- endfor %}
</div>
<div class="map-frame__body">
<div id="map" class="map" data-map data-map-source="map-data" data-map-label="{{ title }}"></div>
<div class="map-key-panel">
<h2>Key</h2>
<ul class="map-legend">
{%- for entry in legend %}
<li>{{ swatch(entry) }}<span>{{ entry.label }}</span></li>
{%- endfor %}
</ul>
{%- if rings %}
<p>The rings show how close the young person says they feel to each person. The nearer the
centre, the closer: {{ rings | join("; ") }}.</p>
{%- endif %}
</div>
</div>
</div>
<table>
<caption>People on the map</caption>
<thead><tr>{% for heading in headings %}<th scope="col">{{ heading }}</th>{% endfor %}</tr></thead>
<tbody>
{%- for row in rows %}
<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{%- endfor %}
</tbody>
</table>
<script type="application/json" id="map-data">{{ map_json }}</script>
<script>{{ vis_data_js }}</script>
<script>{{ vis_network_js }}</script>
<script>{{ map_js }}</script>
</body>
</html>
"""

_ENVIRONMENT: Final = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def standalone_html(
    map_data: MapData,
    *,
    title: str,
    vis_data_js: str,
    vis_network_js: str,
    vis_network_css: str,
    table_rows: list[dict[str, Any]] | None = None,
) -> str:
    """The map as one self-contained HTML file that opens offline (a download, not an app page).

    ``vis_data_js``, ``vis_network_js`` and ``vis_network_css`` are the texts of the files the
    app serves for its maps: vis-data's and vis-network's peer UMD builds (``vis-data.min.js``,
    ``vis-network.min.js``) and vis-network's stylesheet (``vis-network.min.css``); the caller
    reads them, this module does no I/O. They, the map JSON and :data:`MAP_JS` are inlined
    (without their source map comments); a Content-Security-Policy meta tag forbids every
    request. The inline scripts and styles are acceptable only because this is a file the user
    keeps, not a page the app serves under ``script-src 'self'; style-src 'self'``. The title
    and every table cell are escaped (Jinja autoescape); ``table_rows`` defaults to
    :meth:`MapData.table_rows`, columns in the order of the first row.

    >>> page = standalone_html(MapData([], [], {}, []), title="<Alex>", vis_data_js="",
    ...                        vis_network_js="", vis_network_css="")
    >>> "<title>&lt;Alex&gt;</title>" in page, "http://" in page or "https://" in page
    (True, False)
    """
    rows = map_data.table_rows() if table_rows is None else table_rows
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    template = _ENVIRONMENT.from_string(_STANDALONE_TEMPLATE)
    return template.render(
        csp=_STANDALONE_CSP,
        title=title,
        css=Markup(_STANDALONE_CSS),
        legend=map_data.legend,
        groups=map_data.groups,
        rings=[ring["label"] for ring in map_data.rings],
        swatch=_swatch,
        headings=[column.replace("_", " ").capitalize() for column in columns],
        rows=[[_cell(row.get(column)) for column in columns] for row in rows],
        map_json=Markup(map_data.to_json()),
        vis_data_js=Markup(_inline_script(_vendor(vis_data_js))),
        vis_network_js=Markup(_inline_script(_vendor(vis_network_js))),
        vis_network_css=Markup(_inline_style(_vendor(vis_network_css))),
        map_js=Markup(_inline_script(MAP_JS)),
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _swatch(entry: Mapping[str, Any]) -> Markup:
    """A legend swatch as inline SVG (presentation attributes, so no per-colour CSS needed)."""
    colour = entry["colour"] if _HEX_COLOUR.match(str(entry["colour"])) else _WHITE
    border = entry["border"] if _HEX_COLOUR.match(str(entry["border"])) else _INK
    dashes = ' stroke-dasharray="4 3"' if entry["dashed"] or entry["key"] == "deceased" else ""
    shape = entry["shape"]
    if shape == "line":
        width = 4 if entry["key"] == "relationship" else 3 if entry["key"] != "link" else 1
        body = (
            f'<line x1="1" y1="10" x2="29" y2="10" stroke="{colour}" '
            f'stroke-width="{width}"{dashes}/>'
        )
    elif shape == "square":
        body = f'<rect x="6" y="1" width="18" height="18" fill="{colour}" stroke="{border}"/>'
    elif shape == "ellipse":
        body = f'<ellipse cx="15" cy="10" rx="14" ry="9" fill="{colour}" stroke="{border}"/>'
    else:
        stroke_width = 4 if entry["key"] == "qualifying" else 1.5
        body = (
            f'<circle cx="15" cy="10" r="8" fill="{colour}" stroke="{border}" '
            f'stroke-width="{stroke_width}"{dashes}/>'
        )
    return Markup(
        f'<svg width="30" height="20" viewBox="0 0 30 20" aria-hidden="true" focusable="false">'
        f"{body}</svg>"
    )


# --- the page script ------------------------------------------------------------------------------

#: The one script that draws maps: ``connections/assets/map.js``, which the web app serves as it
#: is and :func:`standalone_html` inlines (read once, at import: a packaged resource, not I/O on
#: the data).
MAP_JS: Final = (files("connections") / "assets" / "map.js").read_text(encoding="utf-8")
