"""The timeline (:mod:`connections.timeline`) drawn as an SVG chart on the server (pure, no I/O).

Accessible by construction: the ``<svg>`` is ``role="img"`` labelled by its own ``<title>`` and
``<desc>`` (the desc says what the chart shows first to last, and that the table beside it holds
every point); the three lines differ by dash pattern and marker shape as well as colour, with a
key in words; marks are shapes with a ``<title>`` each. The table the page draws beside the chart
is the accessible equivalent; the chart adds nothing the table does not say.

Network size and loving relationships share the left axis (people); the score has the right axis
(0 to 100). Points are spaced by date, so a quiet year looks quiet.
"""

from __future__ import annotations

from datetime import date
from typing import Final
from xml.sax.saxutils import escape

from connections.timeline import Timeline

__all__ = ["render_timeline_svg"]

WIDTH: Final = 760
HEIGHT: Final = 340
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 56, 40, 74
_FONT: Final = 14
#: (attribute, label, colour, dash pattern): one line each, told apart without colour too.
_SERIES: Final = (
    ("size", "People in the network", "#1d70b8", ""),
    ("qualifying", "Loving relationships", "#00703c", "8 4"),
    ("score", "Score (right axis, 0 to 100)", "#d4351c", "2 3"),
)


def render_timeline_svg(timeline: Timeline, name: str) -> str:
    """The chart for ``name``'s timeline, or an empty string when there is nothing to draw."""
    points = timeline.points
    if not points:
        return ""
    first = min([points[0].day, *(mark.day for mark in timeline.marks)])
    last = max([points[-1].day, *(mark.day for mark in timeline.marks)])
    span = max((last - first).days, 1)
    plot_width = WIDTH - _LEFT - _RIGHT
    plot_height = HEIGHT - _TOP - _BOTTOM
    most = max(max(p.size for p in points), 1)
    top_count = _nice(most)

    def x(day: date) -> float:
        if last == first:
            return _LEFT + plot_width / 2
        return _LEFT + plot_width * (day - first).days / span

    def y_count(value: float) -> float:
        return _TOP + plot_height * (1 - value / top_count)

    def y_score(value: float) -> float:
        return _TOP + plot_height * (1 - value / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="timeline-title timeline-desc" '
        'class="app-timeline" font-family="Arial, sans-serif">',
        f'<title id="timeline-title">{escape(name)}: the network over time</title>',
        f'<desc id="timeline-desc">{escape(_describe(timeline))}</desc>',
        f'<rect x="{_LEFT}" y="{_TOP}" width="{plot_width}" height="{plot_height}" '
        'fill="#ffffff" stroke="#b1b4b6"/>',
    ]
    for step in range(5):
        count = top_count * step / 4
        y = y_count(count)
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_LEFT + plot_width}" y2="{y:.1f}" '
            'stroke="#f3f2f1"/>'
            f'<text x="{_LEFT - 6}" y="{y + 5:.1f}" font-size="{_FONT}" text-anchor="end">'
            f"{count:g}</text>"
            f'<text x="{_LEFT + plot_width + 6}" y="{y + 5:.1f}" font-size="{_FONT}">'
            f"{25 * step}</text>"
        )
    parts.append(
        f'<text x="{_LEFT}" y="{_TOP - 12}" font-size="{_FONT}">People</text>'
        f'<text x="{_LEFT + plot_width}" y="{_TOP - 12}" font-size="{_FONT}" '
        'text-anchor="end">Score</text>'
    )
    for day in (first, last) if last != first else (first,):
        parts.append(
            f'<text x="{x(day):.1f}" y="{_TOP + plot_height + 18}" font-size="{_FONT}" '
            f'text-anchor="{"start" if day == first and last != first else "end"}">'
            f"{escape(_short(day))}</text>"
        )
    for mark in timeline.marks:
        mx = x(mark.day)
        conference = mark.kind == "conference"
        colour = "#4c2c92" if conference else "#505a5f"
        dashes = "6 3" if conference else "1 3"
        shape = (
            f'<rect x="{mx - 5:.1f}" y="{_TOP + plot_height - 10}" width="10" height="10" '
            f'fill="{colour}"/>'
            if conference
            else f'<polygon points="{mx - 5:.1f},{_TOP + plot_height} {mx + 5:.1f},'
            f'{_TOP + plot_height} {mx:.1f},{_TOP + plot_height - 9}" fill="{colour}"/>'
        )
        parts.append(
            f'<g class="app-timeline__mark app-timeline__mark--{mark.kind}">'
            f"<title>{escape(_long(mark.day))}: {escape(mark.words)}</title>"
            f'<line x1="{mx:.1f}" y1="{_TOP}" x2="{mx:.1f}" y2="{_TOP + plot_height}" '
            f'stroke="{colour}" stroke-width="1" stroke-dasharray="{dashes}"/>'
            f"{shape}</g>"
        )
    for attribute, label, colour, dash in _SERIES:
        scale = y_score if attribute == "score" else y_count
        coordinates = [(x(p.day), scale(getattr(p, attribute))) for p in points]
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coordinates)
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<g class="app-timeline__series" data-series="{attribute}">'
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"'
            f"{dash_attribute}/>"
        )
        for point, (cx, cy) in zip(points, coordinates, strict=True):
            parts.append(
                f"<g><title>{escape(point.label)}: {escape(label)} "
                f"{_value(getattr(point, attribute))}</title>"
                f"{_marker(attribute, cx, cy, colour)}</g>"
            )
        parts.append("</g>")
    parts.extend(_key(plot_width))
    parts.append("</svg>")
    return "".join(parts)


def _key(plot_width: int) -> list[str]:
    y = HEIGHT - 26
    column = plot_width / 3
    parts = []
    for index, (attribute, label, colour, dash) in enumerate(_SERIES):
        left = _LEFT + index * column
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{left:.1f}" y1="{y}" x2="{left + 28:.1f}" y2="{y}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attribute}/>{_marker(attribute, left + 14, y, colour)}'
            f'<text x="{left + 34:.1f}" y="{y + 5}" font-size="{_FONT}">{escape(label)}</text>'
        )
    parts.append(
        f'<rect x="{_LEFT}" y="{HEIGHT - 12}" width="10" height="10" fill="#4c2c92"/>'
        f'<text x="{_LEFT + 16}" y="{HEIGHT - 2}" font-size="{_FONT}">Conference guest list made '
        "final</text>"
        f'<polygon points="{_LEFT + column:.1f},{HEIGHT - 2} {_LEFT + column + 10:.1f},'
        f'{HEIGHT - 2} {_LEFT + column + 5:.1f},{HEIGHT - 11}" fill="#505a5f"/>'
        f'<text x="{_LEFT + column + 16:.1f}" y="{HEIGHT - 2}" font-size="{_FONT}">'
        "Family-finding stage reached</text>"
    )
    return parts


def _marker(attribute: str, cx: float, cy: float, colour: str) -> str:
    if attribute == "size":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}"/>'
    if attribute == "qualifying":
        return f'<rect x="{cx - 3.5:.1f}" y="{cy - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    corners = (
        f"{cx:.1f},{cy - 4.5:.1f} {cx + 4.5:.1f},{cy:.1f} "
        f"{cx:.1f},{cy + 4.5:.1f} {cx - 4.5:.1f},{cy:.1f}"
    )
    return f'<polygon points="{corners}" fill="{colour}"/>'


def _describe(timeline: Timeline) -> str:
    first, last = timeline.points[0], timeline.points[-1]
    conferences = sum(1 for mark in timeline.marks if mark.kind == "conference")
    stages = sum(1 for mark in timeline.marks if mark.kind == "stage")
    return (
        f"From {_long(first.day)} to {_long(last.day)}, one point per {timeline.grain} with a "
        f"change: people in the network {first.size} to {last.size}, loving relationships "
        f"{first.qualifying} to {last.qualifying}, score {_value(first.score)} to "
        f"{_value(last.score)}. Marked: {conferences} conference guest list made final, "
        f"{stages} family-finding stage changes. The table beside the chart gives every point."
    )


def _nice(most: int) -> int:
    """The smallest of 4, 8, 12, 20, 40, 60, 80, 100, ... (a multiple of 4) at least ``most``."""
    for top in (4, 8, 12, 20, 40, 60, 80, 100):
        if most <= top:
            return top
    return -(-most // 100) * 100


def _value(value: float) -> str:
    return f"{value:g}"


def _short(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def _long(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"
