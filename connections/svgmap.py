"""The ecomap as a static SVG picture, for print, downloads and PDFs (pure functions, no I/O).

Why a second drawing of the map, and why it is built like this:

- **The same layout as the interactive map.** :func:`render_svg` draws a
  :class:`~connections.maps.MapData`, the result of :func:`connections.maps.build_map`, so its
  people sit where the interactive map puts them (the layout, :mod:`connections.ecomap`, is
  computed once, in Python): the same sectors with their headings, rings, and households' shared
  shapes. A picture shows everyone: groups folded on a large interactive map are open on paper.
  Whoever builds the map decides the audience: a conference map is built with
  ``conference=True`` and so is already redacted, and a projected network (a pack's people) is
  drawn from what the projection kept. Nothing here can add back what was taken out.
- **Readable on paper.** Every piece of text (a person's label, the key, the sector headings,
  the title) is one ``<text>`` element with numeric ``x``, ``y`` and ``font-size`` (px, at the
  drawn size: the ``width`` and ``height`` of the ``<svg>``) of at least :data:`BODY_FONT_SIZE`.
  Labels are placed one by one, in the map's own order (so the same network gives the same
  picture, byte for byte), each at the first free place around its person (right, left, below,
  above, the diagonals, then a little further out); a label with no free place nearby is moved
  outward from the centre until it is free, with a thin line back to its person. If that
  happened, the layout is spread out (scaled) and tried again, a few times. So no two pieces of
  text ever overlap, nor a person's marker, nor the key, which is drawn below the map.
- **Text width is estimated**, not measured (there is no font engine here):
  :data:`CHAR_WIDTH_EM` of the font size per character, generous for Arial, plus padding.
- **Confidential, in words, on the picture itself**, since a printed or downloaded map travels
  without the page around it.
- **Every user-typed string is escaped** (``xml.sax.saxutils``): names, the title and legend
  words are text, never markup; colours are used only when they are ``#rrggbb``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from math import floor
from typing import Any, Final, NamedTuple
from xml.sax.saxutils import escape

from connections.maps import MapData

__all__ = [
    "BODY_FONT_SIZE",
    "CHAR_WIDTH_EM",
    "CONFIDENTIAL",
    "TextBox",
    "map_title",
    "render_svg",
]

#: The smallest text on the picture, in px at the drawn size (GOV.UK body text is 16 to 19 px).
BODY_FONT_SIZE: Final = 16
_TITLE_FONT_SIZE: Final = 24
_HEADING_FONT_SIZE: Final = 19
_YOUNG_PERSON_FONT_SIZE: Final = 18
#: Estimated advance of one character, as a fraction of the font size (Arial averages about
#: 0.5; capitals and wide letters reach 0.7, so names of only those could be a little wider).
CHAR_WIDTH_EM: Final = 0.62
#: Above and below the baseline, as fractions of the font size (ascent with accents, descent).
_ASCENT_EM: Final = 1.0
_DESCENT_EM: Final = 0.3
_PAD: Final = 3.0  # around each label's estimated box

CONFIDENTIAL: Final = (
    "CONFIDENTIAL: personal information about a young person. Keep it safe; do not share it."
)

_FONT: Final = "Arial, Helvetica, sans-serif"
_INK: Final = "#0b0c0c"
_WHITE: Final = "#ffffff"
_GREY: Final = "#505a5f"
_RING: Final = "#b1b4b6"
_RED: Final = "#d4351c"
_HEX: Final = re.compile(r"^#[0-9a-fA-F]{6}$")
#: Characters XML 1.0 does not allow at all, even escaped (most C0 controls, U+FFFE, U+FFFF,
#: lone surrogates): a name may hold them, and one would make the whole picture unreadable.
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XMLNS: Final = ' xmlns="http://www.w3.org/2000/svg"'

_MARGIN: Final = 24.0
_KEY_ROW: Final = 30.0
_SWATCH_WIDTH: Final = 30.0
#: How much the layout is spread out on each retry, and how many times.
_SCALES: Final = (1.0, 1.3, 1.7, 2.2)
#: The free-place check's grid cell, in px: wider than tall, as names are (a name's box is
#: about 27 px tall), so a check looks at few cells, each holding few boxes.
_GRID_WIDTH: Final = 64.0
_GRID_HEIGHT: Final = 32.0
_SECTOR_GAP: Final = 50.0  # from the outermost band to a sector's heading (map units)
_HOUSEHOLD: Final = "#dee0e2"
_HOUSEHOLD_WIDTH: Final = 40.0


class TextBox(NamedTuple):
    """The box a piece of text may cover (estimated), in the picture's px. (A named tuple, not
    a frozen dataclass: a map of 300 people makes thousands, and a tuple is made several times
    faster; the free-place grid keeps the boxes themselves.)"""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: TextBox) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def moved(self, dx: float, dy: float) -> TextBox:
        return TextBox(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)


def text_width(text: str, font_size: float) -> float:
    """The estimated width of ``text`` at ``font_size`` (see :data:`CHAR_WIDTH_EM`)."""
    return len(text) * font_size * CHAR_WIDTH_EM


def _label_box(text: str, font_size: float, x: float, baseline: float) -> TextBox:
    """The padded box of a start-anchored label at ``(x, baseline)``."""
    return TextBox(
        x - _PAD,
        baseline - font_size * _ASCENT_EM - _PAD,
        x + text_width(text, font_size) + _PAD,
        baseline + font_size * _DESCENT_EM + _PAD,
    )


class _Occupied:
    """The boxes placed so far, in a coarse grid so a check looks only at its neighbours (each
    box in every cell it reaches; this check runs for every place tried for every label)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[TextBox]] = {}

    def hit_at(self, left: float, top: float, right: float, bottom: float) -> TextBox | None:
        """A box placed so far that this one would overlap, or None when the place is free."""
        cells = self.cells
        rows = range(floor(top / _GRID_HEIGHT), floor(bottom / _GRID_HEIGHT) + 1)
        for i in range(floor(left / _GRID_WIDTH), floor(right / _GRID_WIDTH) + 1):
            for j in rows:
                cell = cells.get((i, j))
                if cell is not None:
                    for other in cell:
                        if (
                            left < other[2]
                            and other[0] < right
                            and top < other[3]
                            and other[1] < bottom
                        ):
                            return other
        return None

    def free_at(self, left: float, top: float, right: float, bottom: float) -> bool:
        return self.hit_at(left, top, right, bottom) is None

    def free(self, box: TextBox) -> bool:
        return self.hit_at(box.left, box.top, box.right, box.bottom) is None

    def add(self, box: TextBox) -> None:
        cells = self.cells
        rows = range(floor(box.top / _GRID_HEIGHT), floor(box.bottom / _GRID_HEIGHT) + 1)
        for i in range(floor(box.left / _GRID_WIDTH), floor(box.right / _GRID_WIDTH) + 1):
            for j in rows:
                cell = cells.get((i, j))
                if cell is None:
                    cells[(i, j)] = [box]
                else:
                    cell.append(box)

    def first_free(
        self, corners: Iterable[tuple[float, float]], width: float, height: float
    ) -> tuple[float, float] | None:
        """The first of ``corners`` (top-left) where a box of this size is free, or None.

        Each box found in the way is remembered and the next corners are tried against those
        first: the places round one person are mostly blocked by the same few neighbours, so
        most are turned down without a look in the grid (the answer is the same)."""
        in_the_way: list[TextBox] = []
        for left, top in corners:
            right, bottom = left + width, top + height
            for other in in_the_way:
                if left < other[2] and other[0] < right and top < other[3] and other[1] < bottom:
                    break
            else:
                other = self.hit_at(left, top, right, bottom)
                if other is None:
                    return left, top
                in_the_way.append(other)
        return None

    def first_free_outward(
        self,
        start: tuple[float, float],
        direction: tuple[float, float],
        reach: float,
        step: float,
        size: tuple[float, float],
    ) -> tuple[float, float]:
        """The top-left corner of the first free place for a box of ``size`` (width, height)
        going out from ``start`` along the unit ``direction``: tried at ``reach``, then
        ``step`` further each time; the box on the far side of its point, so it leaves the
        crowd behind it. (Never ends without one: some place far enough out is free.)

        The same place as trying every step in turn, found in fewer checks: when a step's box
        overlaps a box already placed, the steps up to where the two part along the line
        (overlapping boxes moving in a straight line part once, for good) are skipped.
        """
        x, y = start
        ux, uy = direction
        width, height = size
        # Where the box sits relative to its point on the line.
        shift_x = 0.0 if ux >= 0.3 else -width if ux <= -0.3 else -width / 2
        shift_y = 0.0 if uy >= 0.3 else -height if uy <= -0.3 else -height / 2
        index = 0
        while True:
            distance = reach + index * step
            left, top = x + ux * distance + shift_x, y + uy * distance + shift_y
            other = self.hit_at(left, top, left + width, top + height)
            if other is None:
                return left, top
            # How much further out the box stops overlapping ``other``.
            apart = math.inf
            if ux > 0:
                apart = (other[2] - left) / ux
            elif ux < 0:
                apart = (left + width - other[0]) / -ux
            if uy > 0:
                apart = min(apart, (other[3] - top) / uy)
            elif uy < 0:
                apart = min(apart, (top + height - other[1]) / -uy)
            index = max(index + 1, math.ceil((distance + apart - reach) / step))


class _Marker(NamedTuple):
    """A person (or the young person) on the picture, in scaled map coordinates."""

    node: Mapping[str, Any]
    x: float
    y: float
    half: float  # half the marker's width (a circle's radius)
    half_height: float


class _Label(NamedTuple):
    text: str
    x: float
    baseline: float
    font_size: float
    box: TextBox
    anchor: str = "start"
    leader: tuple[float, float, float, float] | None = None  # from the marker to the label
    css: str = "lc-map-label"
    bold: bool = False
    fill: str = _INK
    background: bool = True


def _markers(nodes: Iterable[Mapping[str, Any]], scale: float) -> list[_Marker]:
    markers = []
    for node in nodes:
        x, y = float(node.get("x", 0.0)) * scale, float(node.get("y", 0.0)) * scale
        if node.get("kind") == "young_person":
            width = text_width(_young_person_text(node), _YOUNG_PERSON_FONT_SIZE) + 24
            markers.append(_Marker(node, x, y, width / 2, _YOUNG_PERSON_FONT_SIZE))
        else:
            size = float(node.get("size", 12))
            markers.append(_Marker(node, x, y, size, size))
    return markers


def _young_person_text(node: Mapping[str, Any]) -> str:
    return str(node.get("label") or node.get("name") or "")


def _candidates(marker: _Marker, width: float, height: float) -> Iterator[tuple[float, float]]:
    """Top-left corners to try for a label of this size, nearest first."""
    gap = 4.0
    for step in range(4):
        extra = step * height
        right = marker.x + marker.half + gap + extra
        left = marker.x - marker.half - gap - extra - width
        middle_x = marker.x - width / 2
        middle_y = marker.y - height / 2
        below = marker.y + marker.half_height + gap + extra
        above = marker.y - marker.half_height - gap - extra - height
        yield right, middle_y
        yield left, middle_y
        yield middle_x, below
        yield middle_x, above
        yield right, below
        yield left, below
        yield right, above
        yield left, above


def _outward(marker: _Marker, width: float, height: float, occupied: _Occupied) -> TextBox:
    """The first free box further and further out from the centre, through the marker."""
    distance = math.hypot(marker.x, marker.y)
    direction = (marker.x / distance, marker.y / distance) if distance else (0.0, 1.0)
    left, top = occupied.first_free_outward(
        (marker.x, marker.y), direction, marker.half + height, height / 2, (width, height)
    )
    return TextBox(left, top, left + width, top + height)


@dataclass(frozen=True)
class _Placed:
    markers: list[_Marker]
    labels: list[_Label]
    moved_out: int
    scale: float
    sector_labels: list[_Label]


def _place(
    map_data: MapData, scale: float, nodes: Sequence[Mapping[str, Any]] | None = None
) -> _Placed:
    """Every label at its first free place (see the module docstring), at this scale; of
    ``nodes`` (the map's own nodes unless given: the interactive map's first view passes the
    people left open and its folded groups, :mod:`connections.maplabels`)."""
    markers = _markers(map_data.nodes if nodes is None else nodes, scale)
    occupied = _Occupied()
    for marker in markers:
        occupied.add(
            TextBox(
                marker.x - marker.half - 1,
                marker.y - marker.half_height - 1,
                marker.x + marker.half + 1,
                marker.y + marker.half_height + 1,
            )
        )
    labels: list[_Label] = []
    moved_out = 0
    label_height = BODY_FONT_SIZE * (_ASCENT_EM + _DESCENT_EM) + 2 * _PAD
    for marker in markers:
        node = marker.node
        if node.get("kind") == "young_person":
            text = _young_person_text(node)
            size = _YOUNG_PERSON_FONT_SIZE
            x = marker.x - text_width(text, size) / 2
            baseline = marker.y + size * 0.35
            labels.append(
                _Label(
                    text,
                    x,
                    baseline,
                    size,
                    _label_box(text, size, x, baseline),
                    css="lc-map-label lc-map-label--young-person",
                    bold=True,
                    fill=_WHITE,
                    background=False,
                )
            )
            continue
        text = _one_line(str(node.get("label") or node.get("name") or ""))
        size = float(BODY_FONT_SIZE)
        width, height = text_width(text, size) + 2 * _PAD, label_height
        chosen = None
        corner = occupied.first_free(_candidates(marker, width, height), width, height)
        if corner is not None:
            chosen = TextBox(corner[0], corner[1], corner[0] + width, corner[1] + height)
        leader = None
        if chosen is None:
            moved_out += 1
            chosen = _outward(marker, width, height, occupied)
            leader = (marker.x, marker.y, *_nearest_point(chosen, marker.x, marker.y))
        occupied.add(chosen)
        x = chosen.left + _PAD
        baseline = chosen.bottom - _PAD - size * _DESCENT_EM
        labels.append(_Label(text, x, baseline, size, chosen, leader=leader))
    return _Placed(markers, labels, moved_out, scale, _sector_labels(map_data, scale, occupied))


def _sector_labels(map_data: MapData, scale: float, occupied: _Occupied) -> list[_Label]:
    """Each sector's heading beyond the outermost ring, in the middle of its sector, at the
    first free place going outward (never on a person, a label or another heading)."""
    if len(map_data.sectors) < 2:
        return []
    placed = []
    reach = (float(map_data.outer) + _SECTOR_GAP) * scale
    size = float(_HEADING_FONT_SIZE)
    for sector in map_data.sectors:
        text = _one_line(str(sector.get("label", "")))
        middle = (float(sector["start"]) + float(sector["end"])) / 2
        ux, uy = math.cos(middle), math.sin(middle)
        probe = _label_box(text, size, 0.0, 0.0)
        width, height = probe.right - probe.left, probe.bottom - probe.top
        left, top = occupied.first_free_outward(
            (0.0, 0.0), (ux, uy), reach, height / 2, (width, height)
        )
        box = TextBox(left, top, left + width, top + height)
        occupied.add(box)
        placed.append(
            _Label(
                text,
                box.left + _PAD,
                box.bottom - _PAD - size * _DESCENT_EM,
                size,
                box,
                css="lc-map-sector-label",
                bold=True,
                background=False,
            )
        )
    return placed


def _nearest_point(box: TextBox, x: float, y: float) -> tuple[float, float]:
    return min(max(x, box.left), box.right), min(max(y, box.top), box.bottom)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _layout(map_data: MapData) -> _Placed:
    """The placement at the smallest scale where every label found a place near its person."""
    placed = _place(map_data, _SCALES[0])
    for scale in _SCALES[1:]:
        if not placed.moved_out:
            break
        placed = _place(map_data, scale)
    return placed


# --- drawing ---------------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate as short, stable text (one decimal, never -0)."""
    return f"{round(value, 1) + 0.0:g}" if abs(value) < 1e6 else f"{value:.1f}"


def _colour(value: Any, fallback: str) -> str:
    return value if isinstance(value, str) and _HEX.match(value) else fallback


def _fill_and_border(node: Mapping[str, Any]) -> tuple[str, str]:
    colour = node.get("color")
    if isinstance(colour, Mapping):
        return _colour(colour.get("background"), _GREY), _colour(colour.get("border"), _INK)
    fill = _colour(colour, _GREY)
    return fill, fill


def _xml_text(text: str) -> str:
    """``text`` escaped for XML, each character XML cannot hold replaced by U+FFFD.

    >>> _xml_text("<b>" + chr(0) + "&") == "&lt;b&gt;\ufffd&amp;"
    True
    """
    return escape(_NOT_XML.sub("\ufffd", text))


def _text_element(label: _Label, dx: float, dy: float) -> str:
    weight = ' font-weight="bold"' if label.bold else ""
    anchor = f' text-anchor="{label.anchor}"' if label.anchor != "start" else ""
    return (
        f'<text class="{label.css}" x="{_n(label.x + dx)}" y="{_n(label.baseline + dy)}" '
        f'font-size="{_n(label.font_size)}" fill="{label.fill}"{weight}{anchor}>'
        f"{_xml_text(label.text)}</text>"
    )


def map_title(name: str, day: date, *, conference: bool = False) -> str:
    """The words at the top of a drawn map, the same in the app and on the command line.

    >>> map_title("Alex  Smith", date(2026, 12, 3))
    "Alex Smith's network, 3 December 2026"
    """
    whose = f"{_one_line(name)}'s network"
    if conference:
        whose += " (as shown at a Family Group Conference)"
    return f"{whose}, {day.day} {day:%B %Y}"


def render_svg(map_data: MapData, *, title: str, subtitle: str = "", inline: bool = False) -> str:
    """The map as a standalone SVG document (UTF-8 text, no XML declaration needed).

    ``title`` (for example "Alex's network, 3 December 2026") and ``subtitle`` are printed at
    the top, above :data:`CONFIDENTIAL`; the key is drawn below the map. Deterministic: the same
    ``map_data`` and words give the same text. ``inline=True`` leaves out the ``xmlns``
    declaration, for an ``<svg>`` inside an HTML page (the HTML parser puts it in the SVG
    namespace itself, and the page then names no URL at all).

    >>> from connections.maps import build_map
    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "g", "name": "</text><script>", "category": "family"}],
    ...     "relationships": [{"person_id": "g", "role": "grandparent"}]})
    >>> svg = render_svg(build_map(network), title="Alex's network")
    >>> "<script>" in svg, "&lt;/text&gt;&lt;script&gt;" in svg, "CONFIDENTIAL" in svg
    (False, True, True)
    """
    placed = _layout(map_data)
    scale = placed.scale

    # The map's extent: markers, labels and ring guides.
    boxes = [label.box for label in placed.labels + placed.sector_labels]
    boxes += [
        TextBox(m.x - m.half, m.y - m.half_height, m.x + m.half, m.y + m.half_height)
        for m in placed.markers
    ]
    outer_ring = max((float(ring["radius"]) * scale for ring in map_data.rings), default=0.0)
    if outer_ring:
        boxes.append(TextBox(-outer_ring, -outer_ring, outer_ring, outer_ring))
    left = min((box.left for box in boxes), default=0.0)
    top = min((box.top for box in boxes), default=0.0)
    right = max((box.right for box in boxes), default=0.0)
    bottom = max((box.bottom for box in boxes), default=0.0)

    # The header: title, subtitle, confidentiality, one line each.
    header: list[_Label] = []
    baseline = _MARGIN + _TITLE_FONT_SIZE
    for text, size, bold, fill in (
        (_one_line(title), _TITLE_FONT_SIZE, True, _INK),
        (_one_line(subtitle), BODY_FONT_SIZE, False, _INK),
        (CONFIDENTIAL, BODY_FONT_SIZE, True, _RED),
    ):
        if not text:
            continue
        header.append(
            _Label(
                text,
                _MARGIN,
                baseline,
                size,
                _label_box(text, size, _MARGIN, baseline),
                css="lc-map-heading",
                bold=bold,
                fill=fill,
                background=False,
            )
        )
        baseline += size * 1.6
    header_bottom = max(label.box.bottom for label in header)

    # The map, moved so its extent starts below the header.
    dx = _MARGIN - left
    dy = header_bottom + _MARGIN - top
    map_bottom = bottom + dy

    # The key, below the map.
    key_labels, key_swatches, key_bottom = _key(map_data, map_bottom + _MARGIN)

    width = max(
        right + dx + _MARGIN,
        *(label.box.right + _MARGIN for label in header),
        *(label.box.right + _MARGIN for label in key_labels),
    )
    height = key_bottom + _MARGIN
    heading = _xml_text(_one_line(title) or "Network map")

    parts = [
        f'<svg{"" if inline else _XMLNS} width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" role="img" aria-labelledby="lc-map-title" '
        f'font-family="{_FONT}" class="lc-static-map">',
        f'<title id="lc-map-title">{heading}</title>',
        f'<rect x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="{_WHITE}"/>',
    ]
    parts += [_text_element(label, 0, 0) for label in header]
    # Ring guides, then lines, then markers, then labels on top.
    parts.append('<g class="lc-map-rings">')
    for ring in map_data.rings:
        parts.append(
            f'<circle cx="{_n(dx)}" cy="{_n(dy)}" r="{_n(float(ring["radius"]) * scale)}" '
            f'fill="none" stroke="{_RING}" stroke-width="1" stroke-dasharray="6 6"/>'
        )
    parts += _sector_lines(map_data, scale, dx, dy)
    parts.append("</g>")
    positions = {str(m.node.get("id")): (m.x + dx, m.y + dy) for m in placed.markers}
    parts.append('<g class="lc-map-households">')
    parts += _households(map_data, positions)
    parts.append("</g>")
    parts.append('<g class="lc-map-lines">')
    parts += _edges(map_data.edges, positions)
    parts.append("</g>")
    parts.append('<g class="lc-map-people">')
    parts += [_marker_element(marker, dx, dy) for marker in placed.markers]
    parts.append("</g>")
    parts.append('<g class="lc-map-labels">')
    parts += [_text_element(label, dx, dy) for label in placed.sector_labels]
    for label in placed.labels:
        if label.leader is not None:
            x1, y1, x2, y2 = label.leader
            parts.append(
                f'<line x1="{_n(x1 + dx)}" y1="{_n(y1 + dy)}" x2="{_n(x2 + dx)}" '
                f'y2="{_n(y2 + dy)}" stroke="{_GREY}" stroke-width="1"/>'
            )
        if label.background:
            box = label.box.moved(dx, dy)
            parts.append(
                f'<rect x="{_n(box.left)}" y="{_n(box.top)}" width="{_n(box.right - box.left)}" '
                f'height="{_n(box.bottom - box.top)}" fill="{_WHITE}" fill-opacity="0.85"/>'
            )
        parts.append(_text_element(label, dx, dy))
    parts.append("</g>")
    parts.append('<g class="lc-map-key">')
    parts += key_swatches
    parts += [_text_element(label, 0, 0) for label in key_labels]
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _sector_lines(map_data: MapData, scale: float, dx: float, dy: float) -> list[str]:
    """A dotted line along the start of each sector (none when there is only one)."""
    if len(map_data.sectors) < 2:
        return []
    inner, outer = 70.0 * scale, (float(map_data.outer) + 30.0) * scale
    lines = []
    for sector in map_data.sectors:
        ux, uy = math.cos(float(sector["start"])), math.sin(float(sector["start"]))
        lines.append(
            f'<line x1="{_n(dx + ux * inner)}" y1="{_n(dy + uy * inner)}" '
            f'x2="{_n(dx + ux * outer)}" y2="{_n(dy + uy * outer)}" stroke="{_RING}" '
            f'stroke-width="1" stroke-dasharray="2 6"/>'
        )
    return lines


def _households(map_data: MapData, positions: Mapping[str, tuple[float, float]]) -> list[str]:
    """The shared shape under each household: one wide band with rounded ends through its
    people, in the map's order (as the interactive map draws it)."""
    shapes = []
    for household in map_data.households:
        points = [positions[m] for m in household.get("members", ()) if m in positions]
        if len(points) < 2:
            continue
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        shapes.append(
            f'<polyline points="{path}" fill="none" stroke="{_HOUSEHOLD}" '
            f'stroke-width="{_n(_HOUSEHOLD_WIDTH)}" stroke-linecap="round" '
            f'stroke-linejoin="round"/>'
        )
    return shapes


def _edges(
    edges: Sequence[Mapping[str, Any]], positions: Mapping[str, tuple[float, float]]
) -> list[str]:
    lines = []
    for edge in edges:
        start = positions.get(str(edge.get("from")))
        end = positions.get(str(edge.get("to")))
        if start is None or end is None:
            continue
        if edge.get("kind") == "relationship":
            colour = _colour(edge.get("color"), _GREY)
            width = float(edge.get("width", 1))
            dashes = ' stroke-dasharray="8 5"' if edge.get("dashes") else ""
        else:
            colour, width, dashes = "#6f777b", 1.0, ""
        lines.append(
            f'<line x1="{_n(start[0])}" y1="{_n(start[1])}" x2="{_n(end[0])}" y2="{_n(end[1])}" '
            f'stroke="{colour}" stroke-width="{_n(width)}"{dashes}/>'
        )
    return lines


def _marker_element(marker: _Marker, dx: float, dy: float) -> str:
    node = marker.node
    x, y = marker.x + dx, marker.y + dy
    fill, border = _fill_and_border(node)
    border_width = float(node.get("borderWidth", 1.5))
    dashes = ' stroke-dasharray="4 3"' if node.get("deceased") else ""
    if node.get("kind") == "young_person":
        return (
            f'<ellipse class="lc-map-person" cx="{_n(x)}" cy="{_n(y)}" rx="{_n(marker.half)}" '
            f'ry="{_n(marker.half_height)}" fill="{_INK}" stroke="{_INK}" stroke-width="2"/>'
        )
    if node.get("shape") == "square":
        size = marker.half
        return (
            f'<rect class="lc-map-person" x="{_n(x - size)}" y="{_n(y - size)}" '
            f'width="{_n(2 * size)}" '
            f'height="{_n(2 * size)}" fill="{fill}" stroke="{border}" '
            f'stroke-width="{_n(border_width)}"{dashes}/>'
        )
    return (
        f'<circle class="lc-map-person" cx="{_n(x)}" cy="{_n(y)}" r="{_n(marker.half)}" '
        f'fill="{fill}" '
        f'stroke="{border}" stroke-width="{_n(border_width)}"{dashes}/>'
    )


def _key(map_data: MapData, top: float) -> tuple[list[_Label], list[str], float]:
    """The key's labels and swatches, one entry a row from ``top``; and where it ends."""
    labels: list[_Label] = []
    swatches: list[str] = []
    baseline = top + _HEADING_FONT_SIZE
    labels.append(
        _Label(
            "Key",
            _MARGIN,
            baseline,
            _HEADING_FONT_SIZE,
            _label_box("Key", _HEADING_FONT_SIZE, _MARGIN, baseline),
            css="lc-map-key-label",
            bold=True,
            background=False,
        )
    )
    row_top = baseline + _HEADING_FONT_SIZE * _DESCENT_EM + 10
    entries: list[tuple[Mapping[str, Any] | None, str]] = [
        (entry, str(entry.get("label", "")))
        for entry in map_data.legend
        if entry.get("key") != "group"  # on paper every group is open
    ]
    if map_data.rings:
        entries.append((None, "Rings, from the centre out (how close the young person feels):"))
        entries += [(None, f"    {ring['label']}") for ring in map_data.rings]
    for entry, text in entries:
        middle = row_top + _KEY_ROW / 2
        if entry is not None:
            swatches.append(_swatch(entry, _MARGIN, middle))
        x = _MARGIN + _SWATCH_WIDTH + 10
        baseline = middle + BODY_FONT_SIZE * 0.35
        text = _one_line(text) if not text.startswith("    ") else "\u2013 " + _one_line(text)
        labels.append(
            _Label(
                text,
                x,
                baseline,
                BODY_FONT_SIZE,
                _label_box(text, BODY_FONT_SIZE, x, baseline),
                css="lc-map-key-label",
                background=False,
            )
        )
        row_top += _KEY_ROW
    return labels, swatches, row_top


def _swatch(entry: Mapping[str, Any], left: float, middle: float) -> str:
    colour = _colour(entry.get("colour"), _WHITE)
    border = _colour(entry.get("border"), _INK)
    dashed = entry.get("dashed") or entry.get("key") == "deceased"
    dashes = ' stroke-dasharray="4 3"' if dashed else ""
    shape = entry.get("shape")
    cx = left + _SWATCH_WIDTH / 2
    if shape == "line":
        width = 1 if entry.get("key") == "link" else 4
        return (
            f'<line x1="{_n(left)}" y1="{_n(middle)}" x2="{_n(left + _SWATCH_WIDTH)}" '
            f'y2="{_n(middle)}" stroke="{colour}" stroke-width="{width}"{dashes}/>'
        )
    if shape == "square":
        return (
            f'<rect x="{_n(cx - 9)}" y="{_n(middle - 9)}" width="18" height="18" fill="{colour}" '
            f'stroke="{border}" stroke-width="1.5"/>'
        )
    if shape == "blob":
        return (
            f'<line x1="{_n(left + 6)}" y1="{_n(middle)}" x2="{_n(left + _SWATCH_WIDTH - 6)}" '
            f'y2="{_n(middle)}" stroke="{colour}" stroke-width="16" stroke-linecap="round"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{_n(cx)},{_n(middle - 10)} {_n(cx + 10)},{_n(middle)} '
            f'{_n(cx)},{_n(middle + 10)} {_n(cx - 10)},{_n(middle)}" fill="{colour}" '
            f'stroke="{_INK}" stroke-width="2"/>'
        )
    if shape == "ellipse":
        return (
            f'<ellipse cx="{_n(cx)}" cy="{_n(middle)}" rx="14" ry="9" fill="{colour}" '
            f'stroke="{border}"/>'
        )
    stroke_width = 4 if entry.get("key") == "qualifying" else 1.5
    return (
        f'<circle cx="{_n(cx)}" cy="{_n(middle)}" r="8" fill="{colour}" stroke="{border}" '
        f'stroke-width="{stroke_width}"{dashes}/>'
    )
