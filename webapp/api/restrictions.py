"""The /api/v1 restrictions endpoints (docs/restrictions.md): list a young person's restrictions
(with who recorded them and when), record one, end one. Access and audit are the pages': 404
for a young person not allocated to the caller, 403 for a role that may not change networks,
every view and change audited. A restriction is never deleted; ending one is a POST that sets
``ends`` (its last day in force) on the version the caller read.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from flask import Response, request, url_for
from flask_login import current_user

from connections import io
from connections.accounts import AuditAction
from connections.model import FieldError, InvalidInput, Restriction, parse
from connections.restrictions import to_review
from connections.store import AlreadyExists, NotFound, RestrictionRecord, StaleEdit
from webapp.access import audit, young_person_access
from webapp.api.base import ApiError, bp, json_response, read_body
from webapp.api.views import EDITORS
from webapp.db import get_store
from webapp.tables import as_of


def record_json(record: RestrictionRecord, reasons: dict[str, str]) -> dict[str, Any]:
    """A restriction as the API gives it: its fields, its person's name, who recorded it and
    when, whether that person is still in the network, and why it is to review (or null)."""
    return {
        **record.restriction.model_dump(mode="json"),
        "version": record.restriction.version,
        "person_name": record.person_name,
        "recorded_by": record.recorded_by,
        "recorded_at": record.recorded_at.isoformat() if record.recorded_at else None,
        "in_network": record.in_network,
        "to_review": reasons.get(record.restriction.id),
    }


@bp.get("/young-people/<young_person_id>/restrictions")
@young_person_access
def get_restrictions(young_person_id: str) -> Response:
    """Every restriction of the young person, newest first, ended ones too."""
    page = get_store().restriction_page(young_person_id)
    reasons = {item.restriction.id: item.reason for item in to_review(page.network(), as_of())}
    return json_response(
        {"restrictions": [record_json(record, reasons) for record in page.records]}
    )


@bp.post("/young-people/<young_person_id>/restrictions")
@young_person_access
def post_restriction(young_person_id: str) -> Response:
    """Record a restriction (201, with its Location); 422 naming every field at fault."""
    _editors_only(young_person_id)
    body = _json_object()
    body.setdefault("id", f"r-{uuid.uuid4().hex[:12]}")
    restriction = parse(Restriction, body)  # InvalidInput: 422 naming the fields
    try:
        saved = get_store().add_restriction(young_person_id, restriction, current_user.display_name)
    except NotFound:
        raise InvalidInput(
            [FieldError(path="person_id", message="is not in the young person's network")]
        ) from None
    except AlreadyExists:
        raise InvalidInput(
            [FieldError(path="id", message=f'"{restriction.id}" is already a restriction')]
        ) from None
    audit(AuditAction.CHANGE, young_person_id, f"{request.endpoint}: {saved.restriction.id}")
    response = json_response(record_json(saved, {}), 201)
    response.headers["Location"] = url_for("api.get_restrictions", young_person_id=young_person_id)
    return response


@bp.post("/young-people/<young_person_id>/restrictions/<restriction_id>/end")
@young_person_access
def end_restriction(young_person_id: str, restriction_id: str) -> Response:
    """End a restriction: ``{"ends": "YYYY-MM-DD", "version": n}``; 409 if it changed since
    the caller read version ``n``, 422 naming ``ends`` or ``version`` if they are not right."""
    _editors_only(young_person_id)
    body = _json_object()
    errors = []
    ends = body.get("ends")
    try:
        if not isinstance(ends, str):
            raise ValueError
        day = date.fromisoformat(ends)
    except ValueError:
        errors.append(FieldError(path="ends", message="must be a date written YYYY-MM-DD"))
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 0 <= version < 2**53:
        errors.append(FieldError(path="version", message="must be the version you read"))
    unknown = sorted(set(body) - {"ends", "version"})
    errors += [FieldError(path=name, message="is not a field of this request") for name in unknown]
    if errors:
        raise InvalidInput(errors)
    try:
        ended = get_store().end_restriction(young_person_id, restriction_id, day, version)
    except NotFound:
        raise ApiError(404, f"No restriction {restriction_id!r} of this young person.") from None
    except StaleEdit as error:
        raise ApiError(409, str(error)) from None
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"{request.endpoint}: {restriction_id} ends {day.isoformat()}",
    )
    return json_response(record_json(ended, {}))


def _editors_only(young_person_id: str) -> None:
    if current_user.role not in EDITORS:
        audit(AuditAction.DENIED, young_person_id, f"{request.endpoint}: role {current_user.role}")
        raise ApiError(403, f"A {current_user.role.label} may not change restrictions.")


def _json_object() -> dict[str, Any]:
    if request.mimetype != "application/json":
        raise ApiError(415, "Send the body with Content-Type: application/json.")
    body = read_body()
    try:
        document = io.parse_json(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ApiError(400, f"The body is not UTF-8 text (byte {error.start}).") from None
    except io.NotJson as error:
        raise ApiError(400, f"The body is not valid JSON: {error}.") from None
    if not isinstance(document, dict):
        raise InvalidInput([FieldError(path="", message="must be a JSON object")])
    return document
