"""Family-finding figures for a period, on a small history counted by hand."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from connections.finding_progress import UK, Version, cohort_progress, end_of_uk_day, network_at
from connections.model import parse_network
from tests.factories import finding_relationship as _rel

START, END = date(2026, 1, 1), date(2026, 3, 31)


def _version(at: datetime, yp: str, *relationships: dict[str, Any]) -> Version:
    people = [
        # Each in a household of their own, so two loving people are also robust.
        {"id": r["person_id"], "name": r["person_id"].title(), "category": "family"}
        | {"household": f"h-{r['person_id']}"}
        for r in relationships
    ]
    young_person = {"id": yp, "name": yp, "date_of_birth": "2012-06-01", "status": "in_care"}
    return Version(
        at,
        parse_network(
            {"young_person": young_person, "people": people, "relationships": list(relationships)}
        ),
    )


def _at(month: int, day: int, year: int = 2026, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UK)


def test_the_figures_match_a_count_by_hand() -> None:
    histories = {
        # One loving person at the start, two at the end: out of RED; Bea found.
        "a": [
            _version(
                _at(12, 1, 2025), "a", _rel("ann", loving=True), _rel("cy", finding="identified")
            ),
            _version(
                _at(1, 10),
                "a",
                _rel("ann", loving=True),
                _rel("cy", finding="identified"),
                _rel("bea", finding="identified"),
            ),
            _version(
                _at(2, 9),
                "a",
                _rel("ann", loving=True),
                _rel("cy", finding="located"),
                _rel("bea", finding="contacted"),
            ),
            _version(
                _at(3, 1),
                "a",
                _rel("ann", loving=True),
                _rel("cy", finding="located"),
                _rel("bea", loving=True, finding="committed"),
            ),
        ],
        # Two loving people at the start; Dee removed in February: into RED, Dee lost.
        "b": [
            _version(_at(11, 1, 2025), "b", _rel("dee", loving=True), _rel("eve", loving=True)),
            _version(_at(2, 1), "b", _rel("eve", loving=True)),
        ],
        # No network until March: RED then and now, no move; Fay found.
        "c": [_version(_at(3, 30), "c", _rel("fay"))],
    }
    progress = cohort_progress(histories, START, END)

    assert (progress.young_people, progress.out_of_red, progress.into_red) == (3, 1, 1)
    # Sizes on 1 January: a has 2 (ann, cy), b has 2; c none yet. On 31 March: 3, 1, 1.
    assert progress.median_size == (2.0, 1.0)
    # Qualifying on 1 January: a 1, b 2; on 31 March: a 2, b 1, c 0.
    assert progress.median_qualifying == (1.5, 1.0)
    assert (progress.found, progress.lost) == (2, 1)  # bea and fay; dee

    steps = {step.stage.value: step for step in progress.steps}
    # Bea: identified 10 Jan -> located and contacted 9 Feb (30 days) -> engaged and committed
    # 1 Mar (20 days). Cy: identified before the period (not counted), located 9 Feb, no further.
    assert (steps["identified"].reached, steps["identified"].went_on) == (1, 1)
    assert steps["identified"].median_days == 30.0
    assert (steps["located"].reached, steps["located"].went_on) == (2, 1)
    assert steps["located"].median_days == 0.0 and steps["located"].conversion == 0.5
    assert (steps["contacted"].reached, steps["contacted"].median_days) == (1, 20.0)
    assert (steps["engaged"].reached, steps["engaged"].went_on) == (1, 1)


def test_a_day_ends_at_midnight_uk_time_and_a_later_save_is_not_in_it() -> None:
    late = _version(datetime(2026, 7, 1, 22, 59, tzinfo=UK), "a", _rel("ann"))
    next_day = _version(datetime(2026, 7, 2, 0, 0, 1, tzinfo=UK), "a", _rel("ann"), _rel("bo"))
    on_the_day = network_at([late, next_day], end_of_uk_day(date(2026, 7, 1)))
    assert on_the_day is late.network
    assert network_at([late, next_day], datetime(2026, 6, 30, tzinfo=UK)) is None
