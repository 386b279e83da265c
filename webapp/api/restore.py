"""``POST /api/v1/young-people/ID/history/N/restore``: undo through the API, on the same terms as
the history page (:mod:`webapp.history.restore`, docs/history.md). Conditional like the network's
PUT: ``If-Match`` with the ETag of a GET of the network (412 if it has changed since, 428
without), so a restore is never made over a change the caller has not seen, and sending it
twice restores once. Coordinators, managers and administrators only; audited.
"""

from __future__ import annotations

from flask import Response, request
from flask_login import current_user

from connections.accounts import AuditAction
from connections.consent import family_finding_paused
from connections.store import (
    CommitOutcomeUnknown,
    NothingToRestore,
    PreconditionFailed,
    RestoreRefused,
)
from webapp.access import audit, young_person_access
from webapp.api.base import ApiError, bp
from webapp.api.views import (
    EDITORS,
    OUTCOME_UNKNOWN,
    RETRY_AFTER_SECONDS,
    _document_response,
    _entity_tags,
)
from webapp.db import get_store
from webapp.tables import as_of

IF_MATCH_REQUIRED = (
    "Send If-Match with the ETag of your GET of this network, so that a restore is never made "
    "over a change you have not seen (412 if the network has changed since). Nothing was written."
)


@bp.post("/young-people/<young_person_id>/history/<int:number>/restore")
@young_person_access
def restore_version(young_person_id: str, number: int) -> Response:
    """Make version ``number`` the network again (itself a new version); the network as it is
    now, with its new ETag."""
    if current_user.role not in EDITORS:
        audit(AuditAction.DENIED, young_person_id, f"{request.endpoint}: role {current_user.role}")
        raise ApiError(403, f"A {current_user.role.label} may not change networks.")
    if_match = request.headers.get("If-Match")
    if if_match is None:
        raise ApiError(428, IF_MATCH_REQUIRED)
    store = get_store()
    young_person = store.get_young_person(young_person_id)
    paused = family_finding_paused(
        store.consents(young_person_id), young_person.date_of_birth, as_of()
    )
    try:
        saved = store.restore_version(
            young_person_id, number, _entity_tags(if_match), paused=paused
        )
    except PreconditionFailed as error:
        raise ApiError(
            412,
            f"{error} GET the network again, and send its ETag in If-Match if you still want "
            "to restore this version.",
        ) from None
    except (NothingToRestore, RestoreRefused) as error:
        raise ApiError(409, str(error)) from None
    except CommitOutcomeUnknown:
        raise ApiError(
            503, OUTCOME_UNKNOWN, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
        ) from None
    audit(AuditAction.CHANGE, young_person_id, f"{request.endpoint}: version {number} restored")
    return _document_response(saved.network, saved.version)
