"""The invitation endpoints' part of the OpenAPI document (:mod:`webapp.api.openapi` merges it),
kept beside :mod:`webapp.api.invitations` so the two change together."""

from __future__ import annotations

from typing import Any

from connections.invitations import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS, InvitationState
from connections.model import RatedBy, Wishes

_SCHEMAS = "#/components/schemas/"
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"
_TIME = {"type": "string", "format": "date-time"}
_NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
_CLOSENESS = {"type": ["integer", "null"], "minimum": 0, "maximum": 4}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _SCHEMAS + name}


def _nullable_enum(values: list[str]) -> dict[str, Any]:
    return {"type": ["string", "null"], "enum": [*values, None]}


def invitation_schemas() -> dict[str, Any]:
    answer = {
        "type": "object",
        "description": "What the young person's answers changed for one person. before_* is "
        "what the relationship held before (a worker's estimate is kept here, as "
        "worker_estimate, once the young person's own rating replaced it).",
        "properties": {
            "person_id": {"type": "string"},
            "person_name": {"type": "string"},
            "before_closeness": _CLOSENESS,
            "before_rated_by": _nullable_enum([r.value for r in RatedBy]),
            "before_wishes": _nullable_enum([w.value for w in Wishes]),
            "closeness": _CLOSENESS,
            "wishes": _nullable_enum([w.value for w in Wishes]),
            "worker_estimate": _CLOSENESS,
        },
        "required": ["person_id", "person_name", "closeness", "wishes"],
    }
    suggestion = {
        "type": "object",
        "description": "Someone the young person named: a task for a worker, never a person in "
        "the network until a worker adds them.",
        "properties": {
            "id": {"type": "string"},
            "text": {"type": "string"},
            "done": {"type": "boolean"},
            "done_by": {"type": "string"},
            "done_at": _NULLABLE_TIME,
        },
        "required": ["id", "text", "done"],
    }
    invitation = {
        "type": "object",
        "description": "An invitation to the young person to rate their own people "
        "(docs/invitations.md). Its token is never given again after creation: only its hash "
        "is kept.",
        "properties": {
            "id": {"type": "string"},
            "young_person_id": {"type": "string"},
            "state": {"type": "string", "enum": [s.value for s in InvitationState]},
            "person_ids": {"type": "array", "items": {"type": "string"}},
            "created_at": _TIME,
            "created_by": {"type": "string"},
            "expires_at": _TIME,
            "submitted_at": _NULLABLE_TIME,
            "revoked_at": _NULLABLE_TIME,
            "revoked_by": {"type": "string"},
            "score_before": {"type": ["number", "null"]},
            "score_after": {"type": ["number", "null"]},
            "answers": {"type": "array", "items": _ref("InvitationAnswer")},
            "suggestions": {"type": "array", "items": _ref("InvitationSuggestion")},
        },
        "required": ["id", "young_person_id", "state", "person_ids", "created_at", "expires_at"],
    }
    created = {
        "allOf": [
            _ref("Invitation"),
            {
                "type": "object",
                "properties": {
                    "token": {
                        "type": "string",
                        "pattern": r"^[A-Za-z0-9_-]{43}$",
                        "description": "The link's secret (256 bits), given this once.",
                    },
                    "link": {"type": "string", "description": "The link to send."},
                },
                "required": ["token", "link"],
            },
        ]
    }
    new = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "person_ids": {
                "type": "array",
                "items": {"type": "string"},
                "description": "The people the page asks about, each in the network. Left out: "
                "everyone but people whose effective safety is no_contact.",
            },
            "days": {
                "type": "integer",
                "minimum": MIN_DAYS,
                "maximum": MAX_DAYS,
                "default": DEFAULT_DAYS,
                "description": "How many days the link works.",
            },
        },
    }
    return {
        "Invitation": invitation,
        "InvitationAnswer": answer,
        "InvitationSuggestion": suggestion,
        "InvitationCreated": created,
        "NewInvitation": new,
        "InvitationList": {
            "type": "object",
            "properties": {"invitations": {"type": "array", "items": _ref("Invitation")}},
            "required": ["invitations"],
        },
    }


def invitation_paths(young_person: dict[str, Any], use: Any) -> dict[str, Any]:
    """The paths; ``use`` is the document's helper naming shared error responses."""
    base = "/api/v1/young-people/{young_person_id}/invitations"
    invitation_id = {
        "name": "invitation_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": _ID_PATTERN},
    }
    csrf = {"$ref": "#/components/parameters/CsrfToken"}
    one = {"application/json": {"schema": _ref("Invitation")}}
    return {
        base: {
            "parameters": [young_person],
            "get": {
                "operationId": "getInvitations",
                "tags": ["invitations"],
                "summary": "A young person's invitations to rate their people, newest first",
                "responses": {
                    "200": {
                        "description": "The invitations, each with its state now.",
                        "content": {"application/json": {"schema": _ref("InvitationList")}},
                    },
                    **use("Unauthorized", "NotFound", "ServiceUnavailable"),
                },
            },
            "post": {
                "operationId": "postInvitation",
                "tags": ["invitations"],
                "summary": "Create an invitation: the answer holds its link, this once",
                "description": "422 naming person_ids (someone not in the network, or no one) or "
                "days (outside 1 to 60). Coordinators, managers and administrators only.",
                "parameters": [csrf],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("NewInvitation")}},
                },
                "responses": {
                    "201": {
                        "description": "Created.",
                        "headers": {"Location": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": _ref("InvitationCreated")}},
                    },
                    **use(
                        "BadRequest",
                        "Unauthorized",
                        "Forbidden",
                        "NotFound",
                        "ContentTooLarge",
                        "UnsupportedMediaType",
                        "Unprocessable",
                        "ServiceUnavailable",
                    ),
                },
            },
        },
        base + "/{invitation_id}": {
            "parameters": [young_person, invitation_id],
            "get": {
                "operationId": "getInvitation",
                "tags": ["invitations"],
                "summary": "One invitation, with the young person's answers and suggestions",
                "responses": {
                    "200": {"description": "The invitation.", "content": one},
                    **use("Unauthorized", "NotFound", "ServiceUnavailable"),
                },
            },
        },
        base + "/{invitation_id}/revoke": {
            "parameters": [young_person, invitation_id],
            "post": {
                "operationId": "revokeInvitation",
                "tags": ["invitations"],
                "summary": "Stop an invitation's link at once",
                "description": "Coordinators, managers and administrators only. No body.",
                "parameters": [csrf],
                "responses": {
                    "200": {"description": "Revoked: the invitation now.", "content": one},
                    "409": {
                        "description": "The invitation was answered or revoked already; "
                        "nothing changed.",
                        "content": {"application/json": {"schema": _ref("Errors")}},
                    },
                    **use(
                        "BadRequest",
                        "Unauthorized",
                        "Forbidden",
                        "NotFound",
                        "ContentTooLarge",
                        "ServiceUnavailable",
                    ),
                },
            },
        },
    }
