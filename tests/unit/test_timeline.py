"""The timeline of a network: points per day with a change (or week or month for a long history),
scored as the history page scores a version, stage changes and the conference marked, and the
chart drawn as accessible SVG."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from connections import io
from connections.history import NetworkVersion
from connections.model import parse_network
from connections.timeline import MOST_POINTS, build_timeline
from connections.timeline_svg import render_timeline_svg

LOVING = {
    "closeness": 4,
    "closeness_rated_by": "young_person",
    "safety": "safe",
    "wishes": "wants",
    "contact": "active",
    "last_contact": "2026-01-01",
}


def _version(number: int, at: datetime, *relationships: dict[str, Any]) -> NetworkVersion:
    network = parse_network(
        {
            "young_person": {
                "id": "yp-a",
                "name": "Alex <Example>",
                "date_of_birth": "2012-06-01",
                "status": "in_care",
            },
            "people": [
                {
                    "id": r["person_id"],
                    "name": r["person_id"].removeprefix("p-").title(),
                    "category": "family",
                    "household": f"h-{r['person_id']}",
                }
                for r in relationships
            ],
            "relationships": list(relationships),
        }
    )
    return NetworkVersion(number, at, "Sam", "web", io.dumps_network(network))


def _rel(person_id: str, **fields: Any) -> dict[str, Any]:
    return {"person_id": person_id, "role": "aunt_uncle", **fields}


def test_one_point_per_day_with_a_change_the_last_version_of_the_day() -> None:
    versions = [
        _version(1, datetime(2026, 1, 5, 9, tzinfo=UTC), _rel("p-ann", **LOVING)),
        # Two saves on 10 January: the point is the later one.
        _version(2, datetime(2026, 1, 10, 9, tzinfo=UTC), _rel("p-ann", **LOVING), _rel("p-bo")),
        _version(
            3,
            datetime(2026, 1, 10, 15, tzinfo=UTC),
            _rel("p-ann", **LOVING),
            _rel("p-bo", finding_status="identified"),
            _rel("p-cy", finding_status="contacted"),
        ),
        # 23:30 UTC on 31 March is 00:30 on 1 April in the UK (summer time).
        _version(
            4,
            datetime(2026, 3, 31, 23, 30, tzinfo=UTC),
            _rel("p-ann", **LOVING),
            _rel("p-bo", finding_status="located"),
            _rel("p-cy", finding_status="contacted", **(LOVING | {"last_contact": "2026-03-30"})),
        ),
    ]
    timeline = build_timeline(versions, datetime(2026, 2, 1, 12, tzinfo=UTC))
    assert timeline.grain == "day"
    assert [p.day for p in timeline.points] == [
        date(2026, 1, 5),
        date(2026, 1, 10),
        date(2026, 4, 1),
    ]
    assert [(p.size, p.qualifying) for p in timeline.points] == [(1, 1), (3, 1), (3, 2)]
    assert timeline.points[0].label == "5 January 2026"
    marks = [(m.day, m.kind, m.words) for m in timeline.marks]
    assert marks == [
        (date(2026, 1, 10), "stage", "Bo, Cy: identified"),
        (date(2026, 1, 10), "stage", "Cy: located"),  # a skipped stage is reached with the next
        (date(2026, 1, 10), "stage", "Cy: contacted"),
        (date(2026, 2, 1), "conference", "Conference guest list made final"),
        (date(2026, 4, 1), "stage", "Bo: located"),
    ]
    # Each mark is listed with the first point on or after its day.
    last = timeline.points[-1]
    assert [m.words for m in timeline.marks_for(last, timeline.points[1])] == [
        "Conference guest list made final",
        "Bo: located",
    ]


def test_a_long_history_is_shown_by_week_then_by_month() -> None:
    start = datetime(2024, 12, 2, 12, tzinfo=UTC)
    daily = [
        _version(n + 1, start + timedelta(days=n), *[_rel(f"p-{i}") for i in range(n % 5 + 1)])
        for n in range(MOST_POINTS + 1)
    ]
    by_week = build_timeline(daily)
    assert by_week.grain == "week" and len(by_week.points) == 9
    assert by_week.points[0].label == "Week of 2 December 2024"
    two_years = [_version(n + 1, start + timedelta(days=3 * n), _rel("p-ann")) for n in range(240)]
    by_month = build_timeline(two_years)
    assert by_month.grain == "month" and len(by_month.points) == 24
    assert by_month.points[0].label == "December 2024"


def test_the_chart_is_an_accessible_picture_that_escapes_names() -> None:
    versions = [
        _version(1, datetime(2026, 1, 5, 9, tzinfo=UTC), _rel("p-ann", **LOVING)),
        _version(2, datetime(2026, 2, 5, 9, tzinfo=UTC), _rel("p-ann", **LOVING), _rel("p-bo")),
    ]
    timeline = build_timeline(versions, datetime(2026, 1, 20, tzinfo=UTC))
    svg = render_timeline_svg(timeline, "Alex <Example>")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="timeline-title timeline-desc"' in svg
    assert '<title id="timeline-title">Alex &lt;Example&gt;: the network over time</title>' in svg
    assert "people in the network 1 to 2" in svg and "The table beside the chart" in svg
    assert svg.count('class="app-timeline__series"') == 3
    assert "app-timeline__mark--conference" in svg
    assert "<Example>" not in svg
    assert render_timeline_svg(build_timeline([]), "Alex") == ""
