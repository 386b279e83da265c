"""The /api/v1 invitation endpoints (docs/invitations.md): a young person's invitations to rate
their own people.

- ``GET .../invitations``: every invitation, newest first, with its state now;
- ``POST .../invitations``: create one (``{"person_ids": [...], "days": 14}``, both optional:
  by default everyone but people whose effective safety is ``no_contact``, for 14 days). The
  answer (201) holds the link and its ``token``, this once: only the token's hash is kept;
- ``GET .../invitations/<id>``: one invitation with the young person's answers (before and
  after, a worker's estimate kept) and suggestions;
- ``POST .../invitations/<id>/revoke``: stop the link at once (409 if answered or revoked).

Access and audit are the pages': 404 for a young person not allocated to the caller, 403 for a
role that may not change networks, every view and change audited. The young person's own answers
are given only through their page (:mod:`webapp.invitation_page`), never through the API.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request, url_for
from flask_login import current_user

from connections.accounts import AuditAction
from connections.invitations import (
    DEFAULT_DAYS,
    AnswerRecord,
    Invitation,
    Suggestion,
    check_days,
    check_people,
    default_people,
    new_token,
)
from connections.model import FieldError, InvalidInput
from connections.store import NotFound
from webapp.access import audit, young_person_access
from webapp.api.base import ApiError, bp, json_response
from webapp.api.restrictions import _json_object
from webapp.api.views import EDITORS
from webapp.auth.sessions import now
from webapp.db import get_store
from webapp.tables import as_of


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def answer_json(answer: AnswerRecord) -> dict[str, Any]:
    def value(item: Any) -> Any:
        return item.value if item is not None and hasattr(item, "value") else item

    return {
        "person_id": answer.person_id,
        "person_name": answer.person_name,
        "before_closeness": answer.before_closeness,
        "before_rated_by": value(answer.before_rated_by),
        "before_wishes": value(answer.before_wishes),
        "closeness": answer.closeness,
        "wishes": value(answer.wishes),
        "worker_estimate": answer.worker_estimate,
    }


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "id": suggestion.id,
        "text": suggestion.text,
        "done": suggestion.done,
        "done_by": suggestion.done_by,
        "done_at": _time(suggestion.done_at),
    }


def invitation_json(invitation: Invitation) -> dict[str, Any]:
    """An invitation as the API gives it (never its token, which is not kept, nor the young
    person's unsent draft)."""
    return {
        "id": invitation.id,
        "young_person_id": invitation.young_person_id,
        "state": invitation.state(now()).value,
        "person_ids": list(invitation.person_ids),
        "created_at": _time(invitation.created_at),
        "created_by": invitation.created_by,
        "expires_at": _time(invitation.expires_at),
        "submitted_at": _time(invitation.submitted_at),
        "revoked_at": _time(invitation.revoked_at),
        "revoked_by": invitation.revoked_by,
        "score_before": invitation.score_before,
        "score_after": invitation.score_after,
        "answers": [answer_json(answer) for answer in invitation.answers],
        "suggestions": [suggestion_json(suggestion) for suggestion in invitation.suggestions],
    }


@bp.get("/young-people/<young_person_id>/invitations")
@young_person_access
def get_invitations(young_person_id: str) -> Response:
    invitations = get_store().invitations(young_person_id)
    return json_response({"invitations": [invitation_json(i) for i in invitations]})


@bp.post("/young-people/<young_person_id>/invitations")
@young_person_access
def post_invitation(young_person_id: str) -> Response:
    """Create an invitation; the link and token are in the answer, this once."""
    _editors_only(young_person_id)
    body = _json_object()
    errors = [
        FieldError(path=name, message="is not a field of this request")
        for name in sorted(set(body) - {"person_ids", "days"})
    ]
    if errors:
        raise InvalidInput(errors)
    store = get_store()
    network = store.load_network(young_person_id)
    person_ids = body.get("person_ids")
    if person_ids is None:
        person_ids = default_people(network, as_of())
    if not isinstance(person_ids, list) or not all(isinstance(p, str) for p in person_ids):
        raise InvalidInput.single("person_ids", "must be a list of person ids")
    chosen = check_people(network, person_ids)  # 422 naming person_ids
    days = check_days(body.get("days", DEFAULT_DAYS))  # 422 naming days
    token = new_token()
    invitation = store.create_invitation(
        young_person_id, chosen, days, current_user.username, now(), token
    )
    audit(
        AuditAction.INVITATION,
        young_person_id,
        f"{request.endpoint}: invitation created: {invitation.id} ({len(chosen)} people)",
    )
    answer = {
        **invitation_json(invitation),
        "token": token,
        "link": url_for("invitation_page.show", token=token, _external=True),
    }
    location = url_for(
        "api.get_invitation", young_person_id=young_person_id, invitation_id=invitation.id
    )
    return json_response(answer, 201, {"Location": location})


@bp.get("/young-people/<young_person_id>/invitations/<invitation_id>")
@young_person_access
def get_invitation(young_person_id: str, invitation_id: str) -> Response:
    try:
        invitation = get_store().get_invitation(young_person_id, invitation_id)
    except NotFound:
        raise ApiError(404, f"No invitation {invitation_id!r} of this young person.") from None
    return json_response(invitation_json(invitation))


@bp.post("/young-people/<young_person_id>/invitations/<invitation_id>/revoke")
@young_person_access
def revoke_invitation(young_person_id: str, invitation_id: str) -> Response:
    """Stop the link at once; 409 if it was answered or revoked already."""
    _editors_only(young_person_id)
    store = get_store()
    try:
        revoked = store.revoke_invitation(
            young_person_id, invitation_id, current_user.username, now()
        )
    except NotFound:
        raise ApiError(404, f"No invitation {invitation_id!r} of this young person.") from None
    if not revoked:
        raise ApiError(409, "The invitation was answered or revoked already: nothing changed.")
    audit(AuditAction.INVITATION, young_person_id, f"{request.endpoint}: revoked {invitation_id}")
    return json_response(invitation_json(store.get_invitation(young_person_id, invitation_id)))


def _editors_only(young_person_id: str) -> None:
    if current_user.role not in EDITORS:
        audit(AuditAction.DENIED, young_person_id, f"{request.endpoint}: role {current_user.role}")
        raise ApiError(403, f"A {current_user.role.label} may not manage invitations.")
