"""The OpenAPI description of the API's history: restoring a version (:mod:`.restore`), and the
``at`` and ``on`` parameters of the network and report GETs (:mod:`.history`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

AT = {
    "name": "at",
    "in": "query",
    "required": False,
    "description": "An instant (ISO 8601 with Z or an offset, e.g. 2026-03-01T12:00:00Z): the "
    "network exactly as an export gave it then (the same bytes). 400 naming `at` if it is not "
    "such an instant or has no time zone; 404 naming `at`, with when the history began, before "
    "it began.",
    "schema": {"type": "string"},
}

ON = {
    "name": "on",
    "in": "query",
    "required": False,
    "description": "A day (YYYY-MM-DD): the network as it was at the end of that day, UK time, "
    "scored on that day (`as_of` scores today's network instead; not both). 404 naming `on`, "
    "with when the history began, for a day before it began.",
    "schema": {"type": "string", "format": "date"},
}


def restore_paths(
    young_person: dict[str, Any],
    use: Callable[..., dict[str, Any]],
    etag: dict[str, Any],
    network_content: dict[str, Any],
) -> dict[str, Any]:
    return {
        "/api/v1/young-people/{young_person_id}/history/{number}/restore": {
            "parameters": [
                young_person,
                {
                    "name": "number",
                    "in": "path",
                    "required": True,
                    "description": "The version to restore (1, 2, 3 ...: `connections history`).",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 2**62},
                },
            ],
            "post": {
                "operationId": "restoreVersion",
                "tags": ["networks"],
                "summary": "Restore an earlier version of a young person's network (undo)",
                "description": (
                    "The network becomes the version given, saved as a PUT would be, in one "
                    "transaction, and the restore is itself a new version. It never takes back "
                    "a safeguarding record: every restriction stays as it is now (none is "
                    "removed, reopened or changed), no contact log entry is deleted (entries "
                    "the version held that have gone since come back), and the consent ledger "
                    "is not touched; a person added since whom a restriction or the contact "
                    "log names stays in the network. People removed since come back.\n\n"
                    "Send `If-Match` with the ETag of your GET of the network: 412 if it has "
                    "changed since (nothing written), 428 without it. 409 when the version is "
                    "the network as it is now, or when the restore would move a family finding "
                    "stage past identified while family finding is paused. Coordinators, "
                    "managers and administrators only."
                ),
                "parameters": [
                    {"$ref": "#/components/parameters/IfMatch"},
                    {"$ref": "#/components/parameters/CsrfToken"},
                ],
                "responses": {
                    "200": {
                        "description": "Restored: the network as it is now.",
                        "headers": {"ETag": etag},
                        "content": network_content,
                    },
                    **use(
                        "BadRequest",
                        "Unauthorized",
                        "Forbidden",
                        "NotFound",
                        "Conflict",
                        "PreconditionFailed",
                        "PreconditionRequired",
                        "ServiceUnavailable",
                    ),
                },
            },
        }
    }
