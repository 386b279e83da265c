"""Where everyone sits on the ecomap: sectors, rings, households and groups (pure, no I/O).

The map a social worker already knows (the Social Network Map, easyNWK's network map): the young
person in the centre, the circle cut into **sectors** by who people are, and **rings** by how
close the young person feels to them. :func:`layout` computes it once, in Python, and both
drawings use it: the interactive map (:mod:`connections.maps`, drawn by vis-network with physics
off) and the static picture (:mod:`connections.svgmap`). So a printed, downloaded and shown map
agree, and the same network always gives the same map.

The rules:

- **Sectors**, clockwise from twelve o'clock: family on the mother's side, family (side not
  recorded), family on the father's side, friends, community, professionals, carers. The two
  sides of the family are apart, with the relatives whose side is not known between them. Only
  sectors with someone in them take room; each takes a share of the circle in proportion to its
  most crowded ring (so a sector is as wide as it needs to be at every ring).
- **Rings**, from the centre out: the young person's own closeness rating 4 (very close), 3, 2,
  1, 0, then people the young person has not rated (a worker's estimate is not theirs). Empty
  rings take no room. A ring crowded in any sector is split into staggered bands, and beyond
  :data:`MAX_BANDS` it grows, so neighbours are never closer than :data:`SPACING`.
- **Without rings** (``rings=False``, the family's conference view): everyone sits on one circle
  (two staggered bands at most: the circle grows instead), by sector only. Nothing about a
  person but their sector, household, links and name decides where they are, so distance from
  the centre gives no rating away.
- **Order within a sector** keeps households together and lines short: the people of one
  household (a shared household id, or a ``partner``/``lives_with`` link) are one unit, units
  follow each other along their links (a walk from the first unit by name to its linked units,
  nearest first), so linked people sit side by side and their lines do not cross the sector.
  People in one ring are spread evenly across their sector in that order.
- **Households** in one sector get a shared shape (:attr:`Layout.households`: the corners of the
  shape around its people).
- **Groups** (:func:`groups`): on a large map (more than :data:`COLLAPSE_ABOVE` people) the
  people of a household, and then the rest of a sector, can be folded into one node ("12
  professionals") that opens on a click or a key press. The people given as ``keep`` (the
  relationships counting towards the mission now) are never folded away.

>>> seats = [Seat("gran", "Gran", "family_maternal", 4), Seat("pa", "Pa", "family_paternal", None),
...          Seat("sw", "Sam", "professional", 2), Seat("ma", "Ma", "family_maternal", 4, "h1"),
...          Seat("jo", "Jo", "family_maternal", 4, "h1"), Seat("kit", "Kit", "family_maternal", 4)]
>>> plan = layout(seats, [])
>>> [sector.key for sector in plan.sectors]
['family_maternal', 'family_paternal', 'professional']
>>> [ring["level"] for ring in plan.rings]
[4, 2, None]
>>> plan.walk[:4]  # by name, but Jo and Ma (one household) side by side
['gran', 'jo', 'ma', 'kit']
>>> [household.members for household in plan.households]
[('jo', 'ma')]
>>> flat = layout(seats, [], rings=False)
>>> len({round(math.hypot(*flat.positions[seat.id])) for seat in seats}), flat.rings
(1, [])
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = [
    "COLLAPSE_ABOVE",
    "MAX_BANDS",
    "RING_LABELS",
    "RING_LEVELS",
    "SECTORS",
    "SPACING",
    "Group",
    "Household",
    "Layout",
    "Seat",
    "Sector",
    "groups",
    "layout",
    "sector_key",
]

#: The sectors clockwise from twelve o'clock: key, heading on the map, the words for many of them.
SECTORS: Final[tuple[tuple[str, str, str], ...]] = (
    ("family_maternal", "Family: mother's side", "relatives on the mother's side"),
    ("family", "Family", "relatives"),
    ("family_paternal", "Family: father's side", "relatives on the father's side"),
    ("friend", "Friends", "friends"),
    ("community", "Community", "people from the community"),
    ("professional", "Professionals", "professionals"),
    ("carer", "Carers", "carers"),
)
_SECTOR_INDEX: Final = {key: index for index, (key, _, _) in enumerate(SECTORS)}
_SECTOR_LABEL: Final = {key: label for key, label, _ in SECTORS}
_SECTOR_MANY: Final = {key: many for key, _, many in SECTORS}

#: Rings from the centre out: the young person's own rating 4..0, then not rated (None).
RING_LEVELS: Final[tuple[int | None, ...]] = (4, 3, 2, 1, 0, None)
RING_LABELS: Final[Mapping[int | None, str]] = {
    4: "4: very close",
    3: "3: close",
    2: "2: somewhat close",
    1: "1: a little close",
    0: "0: not close",
    None: "Not rated by the young person",
}
#: The one "ring" of a map without rings (a conference): not a closeness at all.
_ONE_CIRCLE: Final = "all"

# Compact on purpose: a map of a dozen people must fit a laptop screen with names at body size.
FIRST_RADIUS: Final = 120.0  # the innermost ring
RING_GAP: Final = 70.0  # from the outer band of one ring to the next ring
BAND_GAP: Final = 45.0  # between the staggered bands of a crowded ring
#: The least arc between two neighbours on one band (room for a short label).
SPACING: Final = 120.0
MAX_BANDS: Final = 5
#: Above this many people a map folds groups away (see :func:`groups`).
COLLAPSE_ABOVE: Final = 60
_GROUP_AT_LEAST: Final = 3  # a sector's remainder is folded only when this many or more
_HOUSEHOLD_AT_LEAST: Final = 2  # a shared shape is drawn around two or more
_FOLD_HOUSEHOLD_AT_LEAST: Final = 3  # a household is folded on its own when this many or more


@dataclass(frozen=True)
class Seat:
    """One person to place: id, name, sector key (:func:`sector_key`), ring (the young person's
    own rating, or None) and household id (or None)."""

    id: str
    name: str
    sector: str
    ring: int | None
    household: str | None = None


@dataclass(frozen=True)
class Sector:
    """A sector of the circle: angles in radians, clockwise from three o'clock as on a screen
    (y grows downwards), ``start`` < ``end``."""

    key: str
    label: str
    start: float
    end: float
    people: int

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "start": _round(self.start, 4),
            "end": _round(self.end, 4),
            "people": self.people,
        }


@dataclass(frozen=True)
class Household:
    """People of one household in one sector, in the map's order: the shared shape under them
    is one wide band with rounded ends through their places in that order."""

    id: str
    sector: str
    members: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sector": self.sector,
            "members": list(self.members),
        }


@dataclass(frozen=True)
class Group:
    """People folded into one node on a large map: its id (never a person's), its label, the
    people in it, and where its node sits (see :func:`groups`)."""

    id: str
    label: str
    members: tuple[str, ...]
    x: float
    y: float
    sector: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "members": list(self.members),
            "x": self.x,
            "y": self.y,
            "sector": self.sector,
        }


@dataclass(frozen=True)
class Layout:
    """Where everyone sits: ``positions`` by id, ``order`` (sector by sector, the draw order),
    the ``sectors`` in use, the ``rings`` (``{radius, level, label}``, none without rings), the
    ``households`` drawn together and the radius of the outermost band (``outer``)."""

    positions: dict[str, tuple[float, float]]
    order: list[str]
    sectors: list[Sector]
    rings: list[dict[str, Any]]
    households: list[Household]
    outer: float
    #: The people sector by sector, each sector in the order of its walk (households together).
    walk: list[str] = field(default_factory=list)


def sector_key(category: str, side: str | None) -> str:
    """The sector of a person of this category (and, for family, this side of the family).

    >>> sector_key("family", "paternal"), sector_key("family", None), sector_key("friend", None)
    ('family_paternal', 'family', 'friend')
    """
    if category == "family" and side in ("maternal", "paternal"):
        return f"family_{side}"
    return category


def layout(
    seats: Sequence[Seat],
    links: Iterable[tuple[str, str, str]],
    *,
    rings: bool = True,
) -> Layout:
    """Everyone's place by the rules in the module docstring. ``links`` are ``(source, target,
    kind)`` between people (kinds as in the network format); links to anyone not seated are
    ignored. Deterministic: the order of ``seats`` and ``links`` does not matter."""
    seats = sorted(seats, key=lambda seat: (seat.name.casefold(), seat.name, seat.id))
    by_id = {seat.id: seat for seat in seats}
    neighbours: dict[str, set[str]] = {seat.id: set() for seat in seats}
    together: list[tuple[str, str]] = []
    for source, target, kind in links:
        if source in by_id and target in by_id and source != target:
            neighbours[source].add(target)
            neighbours[target].add(source)
            if kind in ("partner", "lives_with"):
                together.append((source, target))
    home = _households(seats, together)

    by_sector: dict[str, list[Seat]] = {}
    for seat in seats:
        by_sector.setdefault(seat.sector, []).append(seat)
    keys = sorted(by_sector, key=lambda key: (_SECTOR_INDEX.get(key, len(SECTORS)), key))
    order: list[str] = []
    for key in keys:
        order += _sector_order(by_sector[key], home, neighbours)
    rank = {person: index for index, person in enumerate(order)}
    sector_first: dict[str, int] = {}
    for person in order:
        sector_first.setdefault(by_id[person].sector, rank[person])

    def level_of(seat: Seat) -> Any:
        return seat.ring if rings else _ONE_CIRCLE

    levels = [level for level in RING_LEVELS if rings] or [_ONE_CIRCLE]
    cells: dict[tuple[str, Any], list[Seat]] = {}
    for seat in seats:
        cells.setdefault((seat.sector, level_of(seat)), []).append(seat)
    for cell in cells.values():
        cell.sort(key=lambda seat: rank[seat.id])

    # Each sector's share of the circle: its most crowded ring.
    weight = {key: max(len(cells.get((key, level), ())) for level in levels) for key in keys}
    total = sum(weight.values()) or 1
    sectors: list[Sector] = []
    angle = -math.pi / 2
    for key in keys:
        width = 2 * math.pi * weight[key] / total
        label = _SECTOR_LABEL.get(key, key)
        sectors.append(Sector(key, label, angle, angle + width, len(by_sector[key])))
        angle += width

    positions: dict[str, tuple[float, float]] = {}
    ring_guides: list[dict[str, Any]] = []
    ring_of: dict[str, Any] = {}
    radius = FIRST_RADIUS
    outer = radius
    for level in levels:
        occupied = [(sector, cells.get((sector.key, level), [])) for sector in sectors]
        occupied = [(sector, people) for sector, people in occupied if people]
        if not occupied:
            continue
        # The radius one band would need in each sector; more bands when the ring is crowded.
        needed = [
            len(people) * SPACING / max(sector.end - sector.start, 1e-9)
            for sector, people in occupied
        ]
        # Without rings, one circle of at most two bands (a wider circle rather than a crowd).
        most = MAX_BANDS if rings else 2
        bands = max(1, max(math.ceil(need / radius) for need in needed))
        if bands > most:
            bands = most
            radius = max(need / most for need in needed)
        for (sector, people), need in zip(occupied, needed, strict=True):
            own_bands = min(bands, max(1, math.ceil(need / radius)))
            slot = (sector.end - sector.start) / len(by_sector[sector.key])
            first = sector_first[sector.key]
            wanted = [sector.start + slot * (rank[seat.id] - first + 0.5) for seat in people]
            gap = SPACING / (radius * own_bands)
            angles = _spread(wanted, sector.start, sector.end, gap)
            for index, (seat, theta) in enumerate(zip(people, angles, strict=True)):
                band_radius = radius + (index % own_bands) * BAND_GAP
                positions[seat.id] = (
                    _round(band_radius * math.cos(theta)),
                    _round(band_radius * math.sin(theta)),
                )
                ring_of[seat.id] = level
        band_outer = radius + (bands - 1) * BAND_GAP
        if rings:
            ring_guides.append(
                {
                    "radius": _round((radius + band_outer) / 2),
                    "level": level,
                    "label": RING_LABELS[level],
                }
            )
        outer = band_outer
        radius = band_outer + RING_GAP

    households = []
    for key in keys:
        members_by_home: dict[str, list[str]] = {}
        for seat in by_sector[key]:
            members_by_home.setdefault(home[seat.id], []).append(seat.id)
        for household_id, members in sorted(members_by_home.items()):
            if len(members) < _HOUSEHOLD_AT_LEAST:
                continue
            members.sort(key=rank.__getitem__)
            households.append(Household(household_id, key, tuple(members)))
    draw_order = sorted(order, key=lambda person: (levels.index(ring_of[person]), rank[person]))
    return Layout(positions, draw_order, sectors, ring_guides, households, _round(outer), order)


def groups(
    plan: Layout,
    seats: Sequence[Seat],
    keep: Iterable[str],
    names: Mapping[str, str],
) -> list[Group]:
    """The groups to fold on a map of more than :data:`COLLAPSE_ABOVE` people (none on a
    smaller one). In each sector, in the map's order: each household with at least three people
    who may be folded ("Ann Lee's household, 3 people"), then the sector's other foldable
    people if there are at least three ("12 professionals"). Nobody in ``keep`` is ever
    folded; ``names`` gives the label's names. The groups' nodes sit on one circle just outside
    everyone left unfolded, each near its own sector (:func:`_placed_groups`).

    >>> seats = [Seat(f"p{i:02d}", f"P{i:02d}", "professional", None) for i in range(70)]
    >>> plan = layout(seats, [])
    >>> [(g.label, len(g.members)) for g in groups(plan, seats, {"p00"}, {})]
    [('69 professionals', 69)]
    >>> groups(layout(seats[:60], []), seats[:60], set(), {})
    []
    """
    if len(seats) <= COLLAPSE_ABOVE:
        return []
    kept = set(keep)
    by_id = {seat.id: seat for seat in seats}
    found: list[Group] = []
    for sector in plan.sectors:
        foldable = [
            person
            for person in plan.walk
            if by_id[person].sector == sector.key and person not in kept
        ]
        folded: set[str] = set()
        may_fold = set(foldable)
        for household in plan.households:
            if household.sector != sector.key:
                continue
            members = [m for m in household.members if m in may_fold]
            if len(members) < _FOLD_HOUSEHOLD_AT_LEAST:
                continue
            first = names.get(members[0], members[0])
            label = f"{_short(first)}'s household, {len(members)} people"
            group_id = f"@group:{sector.key}:{household.id}"
            found.append(Group(group_id, label, tuple(members), 0.0, 0.0, sector.key))
            folded.update(members)
        rest = [person for person in foldable if person not in folded]
        if len(rest) >= _GROUP_AT_LEAST:
            label = f"{len(rest)} {_SECTOR_MANY.get(sector.key, sector.key)}"
            if folded:
                label = f"{len(rest)} more {_SECTOR_MANY.get(sector.key, sector.key)}"
            found.append(Group(f"@group:{sector.key}", label, tuple(rest), 0.0, 0.0, sector.key))
    return _placed_groups(found, plan)


def _placed_groups(found: Sequence[Group], plan: Layout) -> list[Group]:
    """The groups' nodes on one circle just outside everyone left unfolded, each as near the
    middle of its own share of its sector as the others allow: a narrow sector's groups spill
    beside it (in the sectors' order round the circle) rather than pushing the circle out for
    everyone. The folded map stays compact (it fits the screen with names at body size), and a
    group's place says nothing about anyone's closeness."""
    if not found:
        return []
    folded = {member for group in found for member in group.members}
    inside = max(
        (math.hypot(x, y) for person, (x, y) in plan.positions.items() if person not in folded),
        default=0.0,
    )
    # Room for every group round the whole circle, SPACING apart.
    radius = max(max(inside, FIRST_RADIUS / 2) + RING_GAP, len(found) * SPACING / (2 * math.pi))
    by_sector: dict[str, list[Group]] = {}
    for group in found:
        by_sector.setdefault(group.sector, []).append(group)
    spans = {sector.key: (sector.start, sector.end) for sector in plan.sectors}
    wanted: list[tuple[float, Group]] = []
    for sector_key, groups_here in by_sector.items():
        start, end = spans[sector_key]
        step = (end - start) / len(groups_here)
        wanted.extend(
            (start + step * (index + 0.5), group) for index, group in enumerate(groups_here)
        )
    wanted.sort(key=lambda pair: pair[0])
    low = min(start for start, _ in spans.values())
    angles = _spread([angle for angle, _ in wanted], low, low + 2 * math.pi, SPACING / radius)
    placed = []
    for theta, (_, group) in zip(angles, wanted, strict=True):
        x, y = _round(radius * math.cos(theta)), _round(radius * math.sin(theta))
        placed.append(Group(group.id, group.label, group.members, x, y, group.sector))
    order = {group.id: index for index, group in enumerate(found)}
    return sorted(placed, key=lambda group: order[group.id])


def _short(name: str, limit: int = 20) -> str:
    text = " ".join(name.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _households(seats: Sequence[Seat], together: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Person id -> household key: a shared household id, joined by partner and lives-with
    links (union-find; a person alone is their own household)."""
    parent = {seat.id: seat.id for seat in seats}

    def find(person: str) -> str:
        while parent[person] != person:
            parent[person] = parent[parent[person]]
            person = parent[person]
        return person

    def join(first: str, second: str) -> None:
        a, b = find(first), find(second)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_of: dict[str, str] = {}
    for seat in seats:
        if seat.household is not None:
            join(seat.id, first_of.setdefault(seat.household, seat.id))
    for first, second in together:
        join(first, second)
    return {seat.id: find(seat.id) for seat in seats}


def _sector_order(
    seats: Sequence[Seat], home: Mapping[str, str], neighbours: Mapping[str, set[str]]
) -> list[str]:
    """One sector's people in order: households as units, units walked along their links."""
    units: dict[str, list[str]] = {}
    for seat in seats:  # already by name
        units.setdefault(home[seat.id], []).append(seat.id)
    unit_of = {person: key for key, members in units.items() for person in members}
    unit_keys = list(units)  # in the order of their first member's name
    position = {key: index for index, key in enumerate(unit_keys)}
    linked: dict[str, list[str]] = {}
    for key, members in units.items():
        near = {unit_of[n] for m in members for n in neighbours[m] if n in unit_of} - {key}
        linked[key] = sorted(near, key=position.__getitem__)
    order: list[str] = []
    seen: set[str] = set()
    for start in unit_keys:
        if start in seen:
            continue
        stack = [start]
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            order += units[key]
            stack += reversed([near for near in linked[key] if near not in seen])
    return order


def _spread(wanted: Sequence[float], low: float, high: float, gap: float) -> list[float]:
    """Angles as near the ``wanted`` ones (ascending) as they can be while at least ``gap``
    apart and inside ``low``..``high`` with half a gap to spare; evenly spread when they do
    not fit. A pass forward pushes each one past the one before, a pass back pulls them
    inside the end.

    >>> [round(a, 2) for a in _spread([0.1, 0.15, 0.9], 0.0, 1.0, 0.2)]
    [0.1, 0.3, 0.9]
    >>> [round(a, 2) for a in _spread([0.5, 0.5, 0.5], 0.0, 0.5, 0.2)]  # too many: even
    [0.08, 0.25, 0.42]
    """
    count = len(wanted)
    if count * gap > high - low:
        step = (high - low) / count
        return [low + step * (index + 0.5) for index in range(count)]
    angles = []
    for angle in wanted:
        floor = angles[-1] + gap if angles else low + gap / 2
        angles.append(max(angle, floor))
    ceiling = high - gap / 2
    for index in range(count - 1, -1, -1):
        angles[index] = min(angles[index], ceiling)
        ceiling = angles[index] - gap
    return angles


def _round(value: float, digits: int = 1) -> float:
    """Rounded (and never -0.0), so the JSON is short and identical every time."""
    return round(value, digits) + 0.0
