"""``/api/v1/siblings-apart``: the cohort's sibling groups with two or more in care placed in
different households, with each one's contact with the others (:mod:`connections.siblings`):
managers and administrators only (403 for the other roles), as the cohort review."""

from __future__ import annotations

from flask import Response
from flask_login import current_user

from connections import siblings
from webapp.api.base import ApiError, bp, json_response
from webapp.api.views import _as_of
from webapp.db import get_store


@bp.get("/siblings-apart")
def get_siblings_apart() -> Response:
    if not current_user.role.sees_whole_cohort:
        raise ApiError(403, "Only managers and administrators see siblings across the cohort.")
    day = _as_of()
    groups = siblings.from_store(get_store(), day)
    return json_response(
        {"as_of": day.isoformat(), "sibling_groups": [group.to_dict() for group in groups]}
    )
