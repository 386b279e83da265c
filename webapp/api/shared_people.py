"""``/api/v1/shared-people``: everyone in two or more young people's networks, most at risk
first, with the impact of losing them (:mod:`connections.shared_people`): managers and
administrators only (403 for the other roles), as the cohort review."""

from __future__ import annotations

from flask import Response
from flask_login import current_user

from connections import shared_people
from webapp.api.base import ApiError, bp, json_response
from webapp.api.views import _as_of
from webapp.db import get_store


@bp.get("/shared-people")
def get_shared_people() -> Response:
    if not current_user.role.sees_whole_cohort:
        raise ApiError(403, "Only managers and administrators see people shared across the cohort.")
    day = _as_of()
    people = shared_people.from_store(get_store(), day)
    return json_response(
        {"as_of": day.isoformat(), "shared_people": [person.to_dict() for person in people]}
    )
