"""``/api/v1/young-people/<id>/consents``: a young person's consent ledger (docs/consent.md).

- ``GET``: the ledger in date order, the state of each purpose on ``as_of`` (default today) and
  whether family finding is paused, and why.
- ``POST``: append one decision (201, the entry as recorded). The body is a
  :class:`~connections.consent.ConsentEntry` as JSON; ``id`` may be left out (the server gives
  one), and sending the same ``id`` twice is 409, so a client that lost the answer can retry
  safely. Bad fields are 422, each named. Nothing is ever edited or deleted: there is no PUT,
  PATCH or DELETE.

Access is the pages' (:func:`~webapp.access.young_person_access`); any role that may open the
young person may record a decision, as on the pages (:data:`webapp.consent.views.RECORD_ROLES`).
Every view and every entry is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, request, url_for
from flask_login import current_user

from connections import io
from connections.accounts import AuditAction
from connections.consent import (
    ConsentRecord,
    check_entry,
    consent_states,
    family_finding_paused,
    parse_entry,
)
from connections.store import AlreadyExists
from webapp.access import audit, young_person_access
from webapp.api.base import ApiError, bp, json_response, read_body
from webapp.api.views import _as_of
from webapp.consent.views import may_record, new_entry_id
from webapp.db import get_store
from webapp.tables import as_of as app_today


def record_json(record: ConsentRecord) -> dict[str, Any]:
    """One ledger entry as the API gives it: the entry's fields, then who recorded it and when."""
    return {
        **record.entry.model_dump(mode="json"),
        "recorded_by": record.recorded_by,
        "recorded_by_name": record.recorded_by_name,
        "recorded_at": record.recorded_at.isoformat() if record.recorded_at else None,
    }


def ledger_json(
    young_person_id: str, date_of_birth: date, ledger: list[ConsentRecord], day: date
) -> dict[str, Any]:
    states = consent_states(ledger, date_of_birth, day)
    return {
        "young_person_id": young_person_id,
        "as_of": day.isoformat(),
        "family_finding_paused": family_finding_paused(ledger, date_of_birth, day),
        "states": {
            purpose.value: {
                "in_place": state.in_place,
                "status": state.status,
                "reasons": list(state.reasons),
            }
            for purpose, state in states.items()
        },
        "entries": [record_json(record) for record in ledger],
    }


@bp.get("/young-people/<young_person_id>/consents")
@young_person_access
def get_consents(young_person_id: str) -> Response:
    """The ledger (date order) and the state of each purpose on ``as_of``."""
    day = _as_of()
    store = get_store()
    young_person = store.get_young_person(young_person_id)
    ledger = store.consents(young_person_id)
    return json_response(ledger_json(young_person_id, young_person.date_of_birth, ledger, day))


@bp.post("/young-people/<young_person_id>/consents")
@young_person_access
def post_consent(young_person_id: str) -> Response:
    """Append one decision to the ledger: all of it checked first, or nothing written."""
    if not may_record(current_user):
        audit(AuditAction.DENIED, young_person_id, f"{request.endpoint}: role {current_user.role}")
        raise ApiError(403, f"A {current_user.role.label} may not record consent.")
    body = _json_object()
    body.setdefault("id", new_entry_id())
    entry = parse_entry(body)  # InvalidInput: 422 naming each field
    store = get_store()
    young_person = store.get_young_person(young_person_id)
    check_entry(entry, young_person.date_of_birth, today=app_today())
    try:
        record = store.record_consent(young_person_id, entry, current_user.username)
    except AlreadyExists as error:
        raise ApiError(409, str(error), path="id") from None
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"{request.endpoint}: consent recorded: {entry.id} ({entry.purpose.value}, "
        f"{entry.party.value}, {entry.decision.value})",
    )
    location = url_for("api.get_consents", young_person_id=young_person_id)
    return json_response(record_json(record), 201, {"Location": location})


def _json_object() -> dict[str, Any]:
    """The body as a JSON object: 415 unless JSON, 400 unless it parses, 422 unless an object."""
    if request.mimetype != "application/json":
        raise ApiError(415, "Send the entry with Content-Type: application/json.")
    try:
        text = read_body().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, f"The body is not UTF-8 text (byte {error.start}).") from None
    try:
        document = io.parse_json(text)
    except io.NotJson as error:
        raise ApiError(400, f"The body is not valid JSON: {error}.") from None
    if not isinstance(document, dict):
        raise ApiError(422, "The body must be a JSON object: one consent entry.")
    return document
