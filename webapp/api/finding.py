"""``/api/v1/cohort/family-finding``: is family finding working? The cohort's figures for a
period (:mod:`connections.finding_progress`), as the page ``/cohort/family-finding`` shows them
and in the shape :func:`connections.finding_report.as_json` gives: managers and administrators
only (403 for the other roles), as the page.

The period is ``start`` and ``end`` (YYYY-MM-DD, both or neither; neither: the last complete
calendar quarter), checked by the page's rules (:func:`connections.finding_period.period_from`):
a real date each, the end on or after the start and not after today, three years at most. A bad
one is 400 naming ``start`` or ``end``.
"""

from __future__ import annotations

import re
from datetime import date

from flask import Response, request
from flask_login import current_user

from connections import finding_report
from connections.finding_period import Period, period_from
from connections.model import FieldError
from webapp.api.base import ApiError, bp, json_response
from webapp.finding.views import cohort_figures
from webapp.tables import as_of

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARAMETERS = ("start", "end")


@bp.get("/cohort/family-finding")
def get_family_finding() -> Response:
    if not current_user.role.sees_whole_cohort:
        raise ApiError(403, "Only managers and administrators see the cohort's family finding.")
    return json_response(finding_report.as_json(cohort_figures(_period())))


def _period() -> Period:
    """The period asked for (400 naming ``start`` or ``end`` when it is not one)."""
    given = {name: request.args.get(name) for name in _PARAMETERS}
    if all(value is None for value in given.values()):
        return period_from({}, as_of())[0]  # type: ignore[return-value]
    days: dict[str, date] = {}
    errors = []
    for name, value in given.items():
        if value is None:
            errors.append(FieldError(path=name, message=f"{name} must be given with the other."))
            continue
        try:
            if not _DATE.match(value):
                raise ValueError(value)
            days[name] = date.fromisoformat(value)
        except ValueError:
            errors.append(
                FieldError(
                    path=name,
                    message=f"{name} must be a date written YYYY-MM-DD, for example 2026-07-01.",
                )
            )
    if errors:
        raise ApiError(400, errors)
    fields = {
        f"{name}-{part}": str(getattr(day, part))
        for name, day in days.items()
        for part in ("day", "month", "year")
    }
    period, problems = period_from(fields, as_of())
    if period is None:
        raise ApiError(
            400,
            [
                FieldError(path=key.split("-")[0], message=f"{key.split('-')[0]}: {message}.")
                for key, message in problems.items()
            ],
        )
    return period
