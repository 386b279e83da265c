"""The period's family-finding figures (:class:`connections.finding_progress.CohortProgress`) as
rows for a person to read: the page's tables, its CSV export and the API's JSON say the same
things in the same order. Pure.
"""

from __future__ import annotations

from typing import Any

from connections.finding_progress import STAGES, CohortProgress

__all__ = ["CSV_COLUMNS", "as_json", "csv_rows", "stage_words"]

CSV_COLUMNS = ("figure", "at start", "at end", "in the period")


def stage_words(stage: object) -> str:
    return str(getattr(stage, "value", stage)).replace("_", " ").capitalize()


def csv_rows(progress: CohortProgress) -> list[list[Any]]:
    """One row per figure: ``[figure, at start, at end, in the period]`` (blank where it does
    not apply)."""
    start_size, end_size = progress.median_size
    start_qualifying, end_qualifying = progress.median_qualifying
    rows: list[list[Any]] = [
        ["Period start", progress.start.isoformat(), "", ""],
        ["Period end", "", progress.end.isoformat(), ""],
        ["Young people", "", "", progress.young_people],
        ["Moved from RED to AMBER or GREEN", "", "", progress.out_of_red],
        ["Moved from AMBER or GREEN to RED", "", "", progress.into_red],
        ["Median network size", _blank(start_size), _blank(end_size), ""],
        ["Median loving relationships", _blank(start_qualifying), _blank(end_qualifying), ""],
        ["People found", "", "", progress.found],
        ["People lost", "", "", progress.lost],
    ]
    for step, following in zip(progress.steps, STAGES[1:], strict=True):
        name = f"{stage_words(step.stage)} -> {stage_words(following)}"
        rows.append([f"{name}: reached {stage_words(step.stage).lower()}", "", "", step.reached])
        rows.append([f"{name}: went on", "", "", step.went_on])
        rows.append([f"{name}: median days", "", "", _blank(_days(step.median_days))])
    return rows


def as_json(progress: CohortProgress) -> dict[str, Any]:
    """The figures as the API gives them."""
    return {
        "start": progress.start.isoformat(),
        "end": progress.end.isoformat(),
        "young_people": progress.young_people,
        "out_of_red": progress.out_of_red,
        "into_red": progress.into_red,
        "median_size": {"start": progress.median_size[0], "end": progress.median_size[1]},
        "median_qualifying": {
            "start": progress.median_qualifying[0],
            "end": progress.median_qualifying[1],
        },
        "found": progress.found,
        "lost": progress.lost,
        "stages": [
            {
                "stage": step.stage.value,
                "next": following.value,
                "reached": step.reached,
                "went_on": step.went_on,
                "median_days": _days(step.median_days),
            }
            for step, following in zip(progress.steps, STAGES[1:], strict=True)
        ],
    }


def _blank(value: float | None) -> float | str:
    return "" if value is None else value


def _days(value: float | None) -> float | None:
    """Days to one decimal place (a step's median is a median of exact intervals: 41.8875 days
    says nothing a manager can use that 41.9 does not).

    >>> _days(41.8875), _days(None)
    (41.9, None)
    """
    return None if value is None else round(value, 1)
