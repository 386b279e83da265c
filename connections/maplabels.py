"""Where the interactive map writes each name: placed once, on the server, by the same
placement the static picture uses (:mod:`connections.svgmap`), so no two names overlap and
every name is body text size (16 px) on the map's first view (pure functions, no I/O).

vis-network would place node labels itself, on top of each other where people are close, and
zooming the whole ecomap to fit the window shrinks them below readable size. So the map's
browser code (``connections/assets/map.js``) draws the names itself, each at its person's
position plus the offset given here (a dragged person takes their name along), in a font of
:data:`~connections.svgmap.BODY_FONT_SIZE` map units, and chooses a first view that is never
zoomed out below 1: a name is then at least 16 px on the screen.

To fit that first view into a window, the layout may be drawn **closer together**: positions
(not markers, not fonts) are multiplied by a ``scale`` below 1, the smallest of
:data:`SCALES` at which every name still finds a free place right beside its person and no two
people's markers touch (or spread out, above 1, as the picture does when names do not fit). The
rings, the sector lines and the households' shapes follow the same scale in the browser.

Two placements are made when the map has groups: ``first``, of what the first view shows (the
people left open and a diamond for each folded group), and ``open``, of everyone (every group
opened). Both are free of overlaps; while only some groups are open the browser uses ``open``
for the people and ``first`` for the diamonds still folded.

Placing everyone costs most of the time (a large map's names crowd at the first view's scale), and
most views never open a group. So a page may send ``first`` alone (:func:`first_placement`) with
the :func:`map_key` of what it drew, and fetch ``open`` (:func:`open_placement`) when a group is
first opened; the key tells whether the map the browser holds is still the one placed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Final

from connections import svgmap
from connections.kept import Kept
from connections.maps import MapData

#: The scales tried for the first view, smallest (most compact) first.
SCALES: Final = (0.4, 0.5, 0.6, 0.7, 0.85, 1.0, 1.3, 1.7, 2.2)
#: The half width of a folded group's diamond, in map units (map.js draws it at this size).
GROUP_SIZE: Final = 18.0
#: Room kept between two markers, in map units.
_MARKER_GAP: Final = 2.0
#: How many placements are kept (a map's first view and its every-group-open placement are one
#: each), by what they are made from: a page viewed again, or by a colleague, before its network
#: changes places no name twice.
CACHE_SIZE: Final = 64

_placements: Kept[dict[str, Any]] = Kept(CACHE_SIZE)


def _group_nodes(map_data: MapData) -> list[dict[str, Any]]:
    return [
        {
            "id": group["id"],
            "label": group["label"],
            "x": group["x"],
            "y": group["y"],
            "size": GROUP_SIZE,
            "kind": "group",
        }
        for group in map_data.groups
    ]


def first_view_nodes(map_data: MapData) -> list[dict[str, Any]]:
    """What the map shows before anyone opens a group: everyone not folded into a group, then
    one node per group."""
    folded = {member for group in map_data.groups for member in group["members"]}
    return [node for node in map_data.nodes if node["id"] not in folded] + _group_nodes(map_data)


def _markers_apart(markers: Sequence[Any]) -> bool:
    """Whether no two markers touch (a coarse grid: each marker is checked against its
    neighbours only)."""
    cells: dict[tuple[int, int], list[Any]] = {}
    size = 200.0  # wider than any marker (the young person's oval is the widest)
    for marker in markers:
        i, j = int(marker.x // size), int(marker.y // size)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for other in cells.get((i + di, j + dj), ()):
                    near_x = abs(marker.x - other.x) < marker.half + other.half + _MARKER_GAP
                    near_y = (
                        abs(marker.y - other.y)
                        < marker.half_height + other.half_height + _MARKER_GAP
                    )
                    if near_x and near_y:
                        return False
        cells.setdefault((i, j), []).append(marker)
    return True


def _offsets(placed: Any) -> dict[str, list[float]]:
    """Each node's label as ``[dx, dy]`` (the text's left end and baseline, from the node), with
    a third value 1 when the label had to move away and needs a line back to its person."""
    offsets: dict[str, list[float]] = {}
    for marker, label in zip(placed.markers, placed.labels, strict=True):
        node_id = str(marker.node.get("id"))
        if marker.node.get("kind") == "young_person":
            continue  # its name is inside its oval, drawn by vis-network
        offset = [round(label.x - marker.x, 1), round(label.baseline - marker.y, 1)]
        if label.leader is not None:
            offset.append(1)
        offsets[node_id] = offset
    return offsets


def _headings(placed: Any) -> list[list[Any]]:
    return [
        [label.text, round(label.x, 1), round(label.baseline, 1)] for label in placed.sector_labels
    ]


def _bounds(placed: Any) -> list[float]:
    boxes = [label.box for label in placed.labels] + [label.box for label in placed.sector_labels]
    if not boxes and not placed.markers:
        return [-100.0, -100.0, 100.0, 100.0]  # nothing to show: a small empty view
    left = min([box.left for box in boxes] + [m.x - m.half for m in placed.markers])
    top = min([box.top for box in boxes] + [m.y - m.half_height for m in placed.markers])
    right = max([box.right for box in boxes] + [m.x + m.half for m in placed.markers])
    bottom = max([box.bottom for box in boxes] + [m.y + m.half_height for m in placed.markers])
    return [round(left, 1), round(top, 1), round(right, 1), round(bottom, 1)]


def placement(map_data: MapData) -> dict[str, Any]:
    """:func:`place_labels` of the map's standard scales: :func:`first_placement` and
    :func:`open_placement` together. The result is new each time; its parts are shared."""
    return {**first_placement(map_data), **open_placement(map_data)}


def first_placement(map_data: MapData) -> dict[str, Any]:
    """The first view's labels (:func:`place_labels` without ``open`` and ``open_headings``),
    kept for the :data:`CACHE_SIZE` maps placed last by everything placing reads
    (:func:`_inputs`): a page viewed again, or by a colleague, places no name twice. The result
    is shared: do not change it."""
    return _placements.get_or_make(
        ("first", _inputs(map_data)), lambda: _place_first(map_data, SCALES)
    )


def open_placement(map_data: MapData) -> dict[str, Any]:
    """``open`` and ``open_headings`` of :func:`place_labels` (empty for a map without groups),
    at the first view's scale, kept as :func:`first_placement` is: placing 300 people's names
    with every group open costs some 15 to 20 ms of CPU. The result is shared: do not change
    it."""
    scale = first_placement(map_data)["scale"]
    return _placements.get_or_make(
        ("open", _inputs(map_data)), lambda: _place_open(map_data, scale)
    )


def map_key(map_data: MapData) -> str:
    """A short fingerprint of everything placing reads: equal keys, equal placements. A page
    that fetches :func:`open_placement` later sends the key of the map it drew, so a network
    changed meanwhile is noticed rather than drawn with names in the wrong places."""
    return hashlib.sha256(repr(_inputs(map_data)).encode()).hexdigest()[:20]


def forget_placements() -> None:
    """Empty :func:`placement`'s cache (benchmarks measuring a first view, tests)."""
    _placements.clear()


def _inputs(map_data: MapData) -> Hashable:
    """Every value placing the names reads: each node's id, position, kind, label, name and
    marker size; each group's id, label, position and members; each sector's heading and angles;
    the outer ring. (A field :mod:`connections.svgmap` starts to read must be added here.)"""
    return (
        tuple(
            (
                n.get("id"),
                n.get("x"),
                n.get("y"),
                n.get("kind"),
                n.get("label"),
                n.get("name"),
                n.get("size"),
            )
            for n in map_data.nodes
        ),
        tuple(
            (g.get("id"), g.get("label"), g.get("x"), g.get("y"), tuple(g.get("members", ())))
            for g in map_data.groups
        ),
        tuple((s.get("label"), s.get("start"), s.get("end")) for s in map_data.sectors),
        map_data.outer,
    )


def place_labels(map_data: MapData, scales: Sequence[float] = SCALES) -> dict[str, Any]:
    """The labels of the interactive map (see the module docstring)::

        {"scale": s, "font": 16, "group_size": 18,
         "first": {node id: [dx, dy(, 1)]}, "headings": [[text, x, baseline], ...],
         "bounds": [left, top, right, bottom],          # of the first view, scaled units
         "open": {...}, "open_headings": [...]}         # only when the map has groups

    Offsets, headings and bounds are in the scaled units the browser draws in (map positions
    times ``scale``; the fonts are not scaled).
    """
    first = _place_first(map_data, scales)
    return {**first, **_place_open(map_data, first["scale"])}


def _place_first(map_data: MapData, scales: Sequence[float]) -> dict[str, Any]:
    """Everything of :func:`place_labels` but ``open`` and ``open_headings``."""
    first_nodes = first_view_nodes(map_data)
    placed = None
    for index, scale in enumerate(scales):
        last = index == len(scales) - 1
        if not last and not _markers_apart(svgmap._markers(first_nodes, scale)):
            continue  # people would touch: no need to place their names to know
        placed = svgmap._place(map_data, scale, first_nodes)
        if not placed.moved_out:
            break
    assert placed is not None
    return {
        "scale": placed.scale,
        "font": svgmap.BODY_FONT_SIZE,
        "group_size": GROUP_SIZE,
        "first": _offsets(placed),
        "headings": _headings(placed),
        "bounds": _bounds(placed),
    }


def _place_open(map_data: MapData, scale: float) -> dict[str, Any]:
    """``open`` and ``open_headings`` of :func:`place_labels` at ``scale`` (nothing for a map
    without groups: every name is in ``first``)."""
    if not map_data.groups:
        return {}
    everyone = svgmap._place(map_data, scale)
    return {"open": _offsets(everyone), "open_headings": _headings(everyone)}


def label_boxes(
    map_data: MapData, labels: Mapping[str, Any], *, opened: bool = False
) -> list[tuple[str, svgmap.TextBox]]:
    """The estimated box of each label of ``labels`` (a :func:`placement`) in scaled units, by
    node id: for tests, which check that none overlap."""
    scale = float(labels["scale"])
    nodes = map_data.nodes + _group_nodes(map_data) if opened else first_view_nodes(map_data)
    offsets = labels["open"] if opened else labels["first"]
    boxes = []
    for node in nodes:
        offset = offsets.get(node["id"])
        if offset is None:
            continue
        text = " ".join(str(node.get("label") or "").split())
        x = float(node["x"]) * scale + offset[0]
        baseline = float(node["y"]) * scale + offset[1]
        boxes.append((node["id"], svgmap._label_box(text, float(labels["font"]), x, baseline)))
    return boxes
