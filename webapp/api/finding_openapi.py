"""The OpenAPI description of ``/api/v1/cohort/family-finding`` (:mod:`.finding`)."""

from __future__ import annotations

from typing import Any

from connections.finding_progress import STAGES

_COUNT = {"type": "integer", "minimum": 0}
_MEDIAN = {"type": ["number", "null"]}


def _day(name: str, words: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": f"The period's {words} day (YYYY-MM-DD), inclusive; give both `start` and "
        "`end` or neither (the last complete calendar quarter). 400 naming it when it is not a "
        "real date, the end is before the start or after today, or the period is longer than "
        "3 years.",
        "schema": {"type": "string", "format": "date"},
    }


def finding_schemas() -> dict[str, Any]:
    stages = [stage.value for stage in STAGES]
    start_end = {
        "type": "object",
        "properties": {"start": _MEDIAN, "end": _MEDIAN},
        "required": ["start", "end"],
        "additionalProperties": False,
    }
    step = {
        "type": "object",
        "description": "From `stage` to `next`: how many relationships reached `stage` within "
        "the period, how many of those reached `next` by its end, and the median days between "
        "(null when none did).",
        "properties": {
            "stage": {"enum": stages[:-1]},
            "next": {"enum": stages[1:]},
            "reached": _COUNT,
            "went_on": _COUNT,
            "median_days": _MEDIAN,
        },
        "required": ["stage", "next", "reached", "went_on", "median_days"],
        "additionalProperties": False,
    }
    return {
        "FamilyFindingStep": step,
        "FamilyFinding": {
            "type": "object",
            "description": "Is family finding working? The cohort's figures for a period "
            "(docs/history.md): status moves, median network size and loving (qualifying) "
            "relationships on the first and last day (null with no network then), people found "
            "and lost, and each finding stage's conversion.",
            "properties": {
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
                "young_people": _COUNT,
                "out_of_red": _COUNT,
                "into_red": _COUNT,
                "median_size": start_end,
                "median_qualifying": start_end,
                "found": _COUNT,
                "lost": _COUNT,
                "stages": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/FamilyFindingStep"},
                },
            },
            "required": [
                "start",
                "end",
                "young_people",
                "out_of_red",
                "into_red",
                "median_size",
                "median_qualifying",
                "found",
                "lost",
                "stages",
            ],
            "additionalProperties": False,
        },
    }


def finding_paths(use: Any) -> dict[str, Any]:
    """The figures' part of the OpenAPI document's paths (``use``: openapi's response refs)."""
    return {
        "/api/v1/cohort/family-finding": {
            "get": {
                "operationId": "getFamilyFinding",
                "tags": ["cohort"],
                "summary": "Is family finding working? The cohort's figures for a period "
                "(managers and admins)",
                "description": "The figures the page `/cohort/family-finding` shows, for the "
                "period from `start` to `end` (the last complete calendar quarter by default).",
                "parameters": [_day("start", "first"), _day("end", "last")],
                "responses": {
                    "200": {
                        "description": "The period's figures.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/FamilyFinding"}
                            }
                        },
                    },
                    **use("BadRequest", "Unauthorized", "Forbidden", "ServiceUnavailable"),
                },
            }
        }
    }
