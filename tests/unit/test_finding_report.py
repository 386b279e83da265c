"""The period's figures in words for the CSV, and as JSON, in the same order as the page."""

from __future__ import annotations

from datetime import date

from connections.finding_progress import STAGES, CohortProgress, StageStep
from connections.finding_report import as_json, csv_rows

PROGRESS = CohortProgress(
    start=date(2026, 1, 1),
    end=date(2026, 3, 31),
    young_people=3,
    out_of_red=1,
    into_red=1,
    median_size=(2.0, None),
    median_qualifying=(1.5, 1.0),
    found=2,
    lost=1,
    steps=tuple(
        StageStep(stage, 2, 1, 30.0 if stage is STAGES[0] else None) for stage in STAGES[:-1]
    ),
)


def test_csv_rows_leave_blank_what_does_not_apply() -> None:
    rows = {row[0]: row[1:] for row in csv_rows(PROGRESS)}
    assert rows["Median network size"] == [2.0, "", ""]
    assert rows["People found"] == ["", "", 2]
    assert rows["Identified -> Located: median days"] == ["", "", 30.0]
    assert rows["Engaged -> Committed: median days"] == ["", "", ""]


def test_json_names_each_step_and_the_next() -> None:
    figures = as_json(PROGRESS)
    assert figures["median_size"] == {"start": 2.0, "end": None}
    assert [(s["stage"], s["next"]) for s in figures["stages"]][0] == ("identified", "located")
    assert len(figures["stages"]) == 4 and figures["found"] == 2


def test_the_csv_and_the_json_give_median_days_to_one_decimal_place() -> None:
    exact = StageStep(STAGES[0], 4, 2, 28.069444444444443)
    progress = CohortProgress(**{**PROGRESS.__dict__, "steps": (exact, *PROGRESS.steps[1:])})
    rows = {row[0]: row[1:] for row in csv_rows(progress)}
    assert rows["Identified -> Located: median days"] == ["", "", 28.1]
    stages = as_json(progress)["stages"]
    assert stages[0]["median_days"] == 28.1 and stages[1]["median_days"] is None
