"""The OpenAPI 3.1 document of ``/api/v1``, built in Python so it cannot drift from the code.

The network document's schema is the model's own JSON Schema (the one published as
``schema/network.schema.json``, :func:`connections.model.json_schema`), embedded as
``#/components/schemas/Network`` with its definitions moved beside it. Served, public, at
``GET /api/v1/openapi.json``.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from flask import current_app

from connections.consent import ConsentEntry, Purpose
from connections.model import FORMAT_VERSION, json_schema
from webapp.api.finding_openapi import finding_paths, finding_schemas
from webapp.api.history_openapi import AT, ON, restore_paths
from webapp.api.invitations_openapi import invitation_paths, invitation_schemas
from webapp.api.pack_openapi import pack_paths, pack_schemas

API_VERSION = "1.0.0"

_SCHEMAS = "#/components/schemas/"


def openapi_document() -> dict[str, Any]:
    """The document for the running app (the session cookie's name comes from its config)."""
    return _build(current_app.config.get("SESSION_COOKIE_NAME") or "session")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _SCHEMAS + name}


def _model_schemas() -> dict[str, Any]:
    """The network document's JSON Schema as components: Network and its definitions."""
    schema = copy.deepcopy(json_schema())
    definitions = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    schema["description"] = (
        f"One young person's network (format version {FORMAT_VERSION}): the JSON Schema "
        "published as schema/network.schema.json; the fields and rules are in "
        "docs/network-format.md. " + schema.get("description", "")
    ).strip()
    schemas = {**definitions, "Network": schema}
    return _rewrite_refs(schemas)


def _rewrite_refs(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: (
                _SCHEMAS + item.removeprefix("#/$defs/")
                if key == "$ref" and isinstance(item, str) and item.startswith("#/$defs/")
                else _rewrite_refs(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_rewrite_refs(item) for item in value]
    return value


def _consent_schemas() -> dict[str, Any]:
    """The consent ledger's schemas: an entry as sent (the model's own JSON Schema, ``id``
    optional), an entry as recorded, a purpose's state, and the ledger."""
    schema = copy.deepcopy(ConsentEntry.model_json_schema(mode="validation"))
    definitions = schema.pop("$defs", {})
    schema["required"] = [name for name in schema["required"] if name != "id"]
    schema["description"] = (
        "One decision to append to a young person's consent ledger (docs/consent.md). `id` may "
        "be left out (the server gives one). `holder_name` is required for, and only for, "
        "`parental_responsibility`; `legal_basis` for, and only for, `legal_basis` (which is "
        "`given` or `withdrawn`, never `refused`); `understanding` only for the young person's "
        "own entry, and required while they are under 18 on its date. `date` is not in the "
        "future, not before 2000-01-01 and not before the young person was born."
    )
    schema["properties"]["id"]["description"] += " Left out: the server gives one."
    recorded = copy.deepcopy(schema)
    recorded["description"] = "One entry of the ledger, as recorded (never changed afterwards)."
    recorded["properties"] = {
        **recorded["properties"],
        "recorded_by": {"type": "string", "description": "The username of who recorded it."},
        "recorded_by_name": {"type": "string"},
        "recorded_at": {"type": "string", "format": "date-time"},
    }
    recorded["required"] = list(recorded["properties"])
    for name in ("holder_name", "legal_basis", "understanding", "note"):
        recorded["properties"][name].pop("default", None)
    state = {
        "type": "object",
        "description": "What the ledger allows for one purpose on as_of.",
        "properties": {
            "in_place": {"type": "boolean"},
            "status": {
                "type": "string",
                "description": 'In words: "In place", "Refused", "Withdrawn", "Not asked" or '
                '"Waiting for ...".',
            },
            "reasons": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["in_place", "status", "reasons"],
        "additionalProperties": False,
    }
    ledger = {
        "type": "object",
        "properties": {
            "young_person_id": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "family_finding_paused": {
                "type": ["string", "null"],
                "description": "Why family finding is paused, in one sentence; null while "
                "consent to it is in place.",
            },
            "states": {
                "type": "object",
                "properties": {purpose.value: _ref("ConsentState") for purpose in Purpose},
                "required": [purpose.value for purpose in Purpose],
                "additionalProperties": False,
            },
            "entries": {
                "type": "array",
                "description": "Every entry, in date order (of one date, in the order recorded).",
                "items": _ref("ConsentRecord"),
            },
        },
        "required": ["young_person_id", "as_of", "family_finding_paused", "states", "entries"],
        "additionalProperties": False,
    }
    schemas = {
        **definitions,
        "ConsentEntry": schema,
        "ConsentRecord": recorded,
        "ConsentState": state,
        "ConsentLedger": ledger,
    }
    return _rewrite_refs(schemas)


_DATE = {"type": "string", "format": "date"}
_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
_PERSON = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "role": {"type": "string"},
        "closeness": {"type": ["integer", "null"]},
    },
    "required": ["id", "name", "role"],
}
_STATUS = {"type": "string", "enum": ["RED", "AMBER", "GREEN"]}


def _api_schemas() -> dict[str, Any]:
    error = {
        "type": "object",
        "description": "One problem: where it is and what is wrong, in plain words.",
        "properties": {
            "path": {
                "type": "string",
                "description": 'A field of the document (e.g. "relationships[3].safety"), a query '
                'parameter (e.g. "as_of"), a header (e.g. "If-None-Match"), or "" for the '
                "request as a whole.",
            },
            "message": {"type": "string"},
        },
        "required": ["path", "message"],
        "additionalProperties": False,
    }
    errors = {
        "type": "object",
        "description": "Every error under /api/v1 has this shape.",
        "properties": {"errors": {"type": "array", "items": _ref("Error"), "minItems": 1}},
        "required": ["errors"],
        "additionalProperties": False,
    }
    forecast = {
        "type": "object",
        "properties": {
            "age": {"type": "integer"},
            "date": _DATE,
            "count": {"type": "integer"},
            "leaving": {"type": "array", "items": _PERSON},
        },
        "required": ["age", "date", "count", "leaving"],
    }
    report = {
        "type": "object",
        "description": "A young person's relationship coverage (docs/scoring.md): "
        "connections.scoring.score(network, as_of).to_dict().",
        "properties": {
            "as_of": _DATE,
            "young_person": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "date_of_birth": _DATE,
                    "age": {"type": "integer"},
                    "status": {"type": "string"},
                },
                "required": ["id", "name", "date_of_birth", "age", "status"],
            },
            "status": _STATUS,
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "score_parts": {"type": "object", "additionalProperties": {"type": "number"}},
            "qualifying_count": {"type": "integer"},
            "qualifying_now": {"type": "array", "items": _PERSON},
            "mission_met": {"type": "boolean"},
            "likely_to_confirm": {"type": "array", "items": _PERSON},
            "households": {
                "type": "array",
                "items": {"type": "array", "items": {"type": "string"}},
            },
            "biggest_household": {"type": "integer"},
            "robust": {"type": "boolean"},
            "forecast": {"type": "array", "items": forecast},
            "next_milestone": {"oneOf": [forecast, {"type": "null"}]},
            "domains": {"type": "object", "additionalProperties": {"type": "object"}},
            "covered_domains": {"type": "integer"},
            "siblings": {"type": "array", "items": {"type": "object"}},
            "sibling_gaps": {"type": "array", "items": {"type": "object"}},
            "bridges": {"type": "array", "items": {"type": "object"}},
            "professional_share": {"type": ["number", "null"]},
            "leads": {"type": "array", "items": {"type": "object"}},
            "going_quiet": {"type": "array", "items": {"type": "object"}},
            "data_to_complete": {"type": "array", "items": {"type": "object"}},
            "gaps": {"type": "array", "items": {"type": "string"}},
            "most_urgent_gap": {"type": ["string", "null"]},
            "family_finding_paused": {
                "type": ["string", "null"],
                "description": "Why family finding is paused for want of consent (the leads are "
                "then for the record only), or null (docs/consent.md).",
            },
        },
        "required": [
            "as_of",
            "young_person",
            "status",
            "score",
            "score_parts",
            "qualifying_count",
            "qualifying_now",
            "mission_met",
            "forecast",
            "next_milestone",
            "domains",
            "gaps",
            "most_urgent_gap",
            "family_finding_paused",
        ],
    }
    row = {
        "type": "object",
        "description": "One young person's line in the cohort table (connections.cohort).",
        "properties": {
            "young_person_id": {"type": "string"},
            "name": {"type": "string"},
            "age": {"type": "integer"},
            "status": {"type": "string"},
            "qualifying_now": {"type": "integer"},
            "coverage": _STATUS,
            "score": {"type": "number"},
            "next_milestone_age": {"type": ["integer", "null"]},
            "next_milestone_date": _NULLABLE_DATE,
            "next_milestone_count": {"type": ["integer", "null"]},
            "most_urgent_gap": {"type": ["string", "null"]},
        },
        "required": [
            "young_person_id",
            "name",
            "age",
            "status",
            "qualifying_now",
            "coverage",
            "score",
            "next_milestone_age",
            "next_milestone_date",
            "next_milestone_count",
            "most_urgent_gap",
        ],
        "additionalProperties": False,
    }
    totals = {
        "type": "object",
        "properties": {
            "as_of": _DATE,
            "young_people": {"type": "integer"},
            "mission_met": {"type": "integer", "description": "How many have 2 or more now."},
            "mission_met_share": {"type": ["number", "null"]},
            "green_share": {"type": ["number", "null"]},
            "by_status": {
                "type": "object",
                "properties": {status: {"type": "integer"} for status in _STATUS["enum"]},
                "required": list(_STATUS["enum"]),
            },
            "priority": {
                "type": "array",
                "description": "RED or AMBER within 12 months of a milestone, nearest first.",
                "items": _ref("CohortRow"),
            },
        },
        "required": [
            "as_of",
            "young_people",
            "mission_met",
            "mission_met_share",
            "green_share",
            "by_status",
            "priority",
        ],
        "additionalProperties": False,
    }
    cohort = {
        "type": "object",
        "properties": {
            "as_of": _DATE,
            "scope": {
                "type": "string",
                "enum": ["cohort", "allocated"],
                "description": "cohort: every young person (managers, admins); allocated: the "
                "caller's allocated young people (coordinators, facilitators).",
            },
            "rows": {"type": "array", "items": _ref("CohortRow")},
            "totals": _ref("CohortTotals"),
        },
        "required": ["as_of", "scope", "rows", "totals"],
        "additionalProperties": False,
    }
    return {
        "Error": error,
        "Errors": errors,
        "CoverageReport": report,
        "CohortRow": row,
        "CohortTotals": totals,
        "Cohort": cohort,
        **_shared_people_schemas(),
        **_siblings_schemas(),
        **_guest_list_schemas(),
    }


_VERSION = {
    "type": "integer",
    "minimum": 0,
    "maximum": 2**63 - 1,
    "description": "The guest list's version as you read it (GET); 409 if it has changed since.",
}


def _shared_people_schemas() -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0}
    person = {
        "type": "object",
        "description": "A person in two or more young people's networks; the four figures are "
        "counts of young people (connections.shared_people).",
        "properties": {
            "person_id": {"type": "string"},
            "name": {"type": "string"},
            "young_people": {**count, "description": "Networks holding them (any safety)."},
            "loving_for": {**count, "description": "For whom they are a loving relationship."},
            "below_mission_if_lost": {
                **count,
                "description": "Meeting the mission now, and not without their relationship.",
            },
            "not_robust_if_lost": {
                **count,
                "description": "Robust now, and not without their relationship.",
            },
        },
        "required": [
            "person_id",
            "name",
            "young_people",
            "loving_for",
            "below_mission_if_lost",
            "not_robust_if_lost",
        ],
        "additionalProperties": False,
    }
    return {
        "SharedPerson": person,
        "SharedPeople": {
            "type": "object",
            "properties": {
                "as_of": _DATE,
                "shared_people": {"type": "array", "items": _ref("SharedPerson")},
            },
            "required": ["as_of", "shared_people"],
            "additionalProperties": False,
        },
    }


def _siblings_schemas() -> dict[str, Any]:
    """Siblings placed apart (docs/siblings-and-constellations.md; connections.siblings)."""
    text_or_null = {"type": ["string", "null"]}
    count = {"type": "integer", "minimum": 0}
    member = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "status": {"type": "string", "enum": ["in_care", "care_leaver"]},
            "household": {**text_or_null, "description": "Where they live; null: not recorded."},
        },
        "required": ["id", "name", "status", "household"],
        "additionalProperties": False,
    }
    link = {
        "type": "object",
        "description": "Why two of them are siblings: marked (one's sibling is marked as being "
        "the other), mother or father (the same person recorded as both one's).",
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "string"},
            "reason": {"type": "string", "enum": ["marked", "mother", "father"]},
        },
        "required": ["a", "b", "reason"],
        "additionalProperties": False,
    }
    contact = {
        "type": "object",
        "description": "One young person's contact with one sibling, from their own "
        "relationship with the person marked as that sibling (recorded false: there is none). "
        "A gap: safe, wanted and out of contact, or not recorded.",
        "properties": {
            "young_person_id": {"type": "string"},
            "sibling_id": {"type": "string"},
            "recorded": {"type": "boolean"},
            "role": text_or_null,
            "contact": text_or_null,
            "last_contact": {"type": ["string", "null"], "format": "date"},
            "wishes": text_or_null,
            "safety": {**text_or_null, "description": "Effective safety (restrictions in force)."},
            "closeness": {"type": ["integer", "null"], "minimum": 0, "maximum": 4},
            "gap": {"type": "boolean"},
        },
        "required": [
            "young_person_id",
            "sibling_id",
            "recorded",
            "role",
            "contact",
            "last_contact",
            "wishes",
            "safety",
            "closeness",
            "gap",
        ],
        "additionalProperties": False,
    }
    group = {
        "type": "object",
        "properties": {
            "young_people": {"type": "array", "items": _ref("SiblingMember")},
            "in_care": count,
            "households": {**count, "description": "Households of those in care."},
            "gaps": count,
            "links": {"type": "array", "items": _ref("SiblingLink")},
            "contacts": {"type": "array", "items": _ref("SiblingContact")},
        },
        "required": ["young_people", "in_care", "households", "gaps", "links", "contacts"],
        "additionalProperties": False,
    }
    return {
        "SiblingMember": member,
        "SiblingLink": link,
        "SiblingContact": contact,
        "SiblingGroup": group,
        "SiblingsApart": {
            "type": "object",
            "properties": {
                "as_of": _DATE,
                "sibling_groups": {"type": "array", "items": _ref("SiblingGroup")},
            },
            "required": ["as_of", "sibling_groups"],
            "additionalProperties": False,
        },
    }


def _guest_list_schemas() -> dict[str, Any]:
    """The conference guest list (docs/conference.md; webapp.api.guests)."""

    def person(reason: dict[str, Any] | None) -> dict[str, Any]:
        properties: dict[str, Any] = {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "role": {"type": "string", "description": "Who they are to the young person."},
        }
        if reason is not None:
            properties["reason"] = reason
        return {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }

    acknowledgement = {
        "type": "object",
        "properties": {
            "reason": {"type": "string"},
            "by": {"type": "string", "description": "The username who acknowledged it."},
            "at": {"type": ["string", "null"], "format": "date-time"},
        },
        "required": ["reason", "by", "at"],
        "additionalProperties": False,
    }
    warning = {
        "type": "object",
        "description": "A guest close to a restricted person: what is said at the conference may "
        "reach them. The text names the guest, never the restricted person.",
        "properties": {
            "key": {
                "type": "string",
                "description": "What an acknowledgement names (POST .../acknowledgements).",
            },
            "guest_id": {"type": "string"},
            "kind": {
                "type": "string",
                "enum": ["household", "partner", "lives_with", "parent", "child"],
            },
            "text": {"type": "string"},
            "acknowledged": {"type": "boolean"},
            "acknowledgement": {"oneOf": [acknowledgement, {"type": "null"}]},
        },
        "required": ["key", "guest_id", "kind", "text", "acknowledged", "acknowledgement"],
        "additionalProperties": False,
    }
    guest_list = {
        "type": "object",
        "description": "A young person's conference guest list, for the facilitator: never "
        "shown to the family.",
        "properties": {
            "young_person_id": {"type": "string"},
            "status": {"type": "string", "enum": ["draft", "final"]},
            "version": {"type": "integer", "minimum": 0},
            "finalised_by": {"type": ["string", "null"]},
            "finalised_at": {"type": ["string", "null"], "format": "date-time"},
            "family_view_available": {
                "type": "boolean",
                "description": "Whether the family's conference view may be shown now.",
            },
            "guests": {
                "type": "array",
                "description": "Who is invited, by name. reason is set if one may no longer be "
                "invited (a restriction started since).",
                "items": person({"type": ["string", "null"]}),
            },
            "may_invite": {"type": "array", "items": person(None)},
            "cannot_invite": {
                "type": "array",
                "description": "Who cannot be invited, each with the reason.",
                "items": person({"type": "string"}),
            },
            "warnings": {"type": "array", "items": _ref("LeakWarning")},
            "blockers": {
                "type": "array",
                "description": "What stops the list being final, in words ([] when nothing).",
                "items": {"type": "string"},
            },
        },
        "required": [
            "young_person_id",
            "status",
            "version",
            "finalised_by",
            "finalised_at",
            "family_view_available",
            "guests",
            "may_invite",
            "cannot_invite",
            "warnings",
            "blockers",
        ],
        "additionalProperties": False,
    }
    change = {
        "type": "object",
        "properties": {
            "guest_ids": {
                "type": "array",
                "maxItems": 500,
                "description": "Everyone invited (people in the young person's network).",
                "items": {"type": "string"},
            },
            "version": _VERSION,
        },
        "required": ["guest_ids", "version"],
        "additionalProperties": False,
    }
    acknowledge = {
        "type": "object",
        "properties": {
            "key": {"type": "string", "description": "A current warning's key (GET)."},
            "reason": {
                "type": "string",
                "minLength": 1,
                "maxLength": 2000,
                "description": "Why the guest may still attend (required).",
            },
            "version": _VERSION,
        },
        "required": ["key", "reason", "version"],
        "additionalProperties": False,
    }
    finalise = {
        "type": "object",
        "properties": {"version": _VERSION},
        "required": ["version"],
        "additionalProperties": False,
    }
    return {
        "GuestList": guest_list,
        "LeakWarning": warning,
        "GuestListChange": change,
        "GuestListAcknowledgement": acknowledge,
        "GuestListFinal": finalise,
    }


def _error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": _ref("Errors")}},
    }
    if headers:
        response["headers"] = headers
    return response


def _responses() -> dict[str, Any]:
    return {
        "BadRequest": _error(
            "The request is not valid: a query parameter or header (named by path), a body that "
            "is not JSON (the message names the line and column), or a missing CSRF token on a "
            "session request that changes something."
        ),
        "Unauthorized": _error(
            "No credentials, or an API token that is wrong, revoked or whose user is deactivated.",
            {"WWW-Authenticate": {"schema": {"type": "string"}}},
        ),
        "Forbidden": _error("The caller's role does not allow this."),
        "PackConsentMissing": _error(
            "The young person's consent for the My Network pack is not in place (the message "
            "says why); nothing was made."
        ),
        "ConsentConflict": _error(
            "A consent entry with this id is recorded already; nothing was written (an entry is "
            "never replaced). A retry of a POST whose answer was lost gets this once it was saved."
        ),
        "NotFound": _error(
            "No such young person, or one not allocated to the caller (the two are not told apart)."
        ),
        "PreconditionFailed": _error(
            "The precondition does not hold, and nothing was written: the network has changed "
            "since the ETag sent in If-Match was read (or there is no network to replace), or "
            "If-None-Match: * was sent and the network exists already. GET it again, make your "
            "change to that, and PUT it with the new ETag."
        ),
        "PreconditionRequired": _error(
            "Neither If-Match nor If-None-Match was sent: a PUT must say which version it "
            "replaces (If-Match with the ETag of a GET) or that it creates the network "
            "(If-None-Match: *). Nothing was written."
        ),
        "Conflict": _error(
            "Someone changed this record after the version sent was read; nothing was written. "
            "GET it again and redo the change on that."
        ),
        "ContentTooLarge": _error("The body is larger than the API accepts."),
        "UnsupportedMediaType": _error("The body is not sent as application/json (UTF-8)."),
        "Unprocessable": _error(
            "The document is not valid: every problem, each with its path in the document "
            '(for example "relationships[3].safety"). Nothing was written.'
        ),
        "GuestListConflict": _error(
            "Nothing was written. Either the guest list changed since the version sent was read "
            '(path "version": GET it again), or it may not be made final yet: each reason, at '
            'the path of the GET\'s document it is about ("guests", "guests[1]", "warnings[0]").'
        ),
        "ServiceUnavailable": _error(
            "The database cannot be reached; try again after Retry-After seconds. For a PUT, the "
            "message may instead say that the connection was lost while the network was being "
            "saved, so it may or may not have been saved: GET it to see, and send the same "
            "document again if need be (saving a network is idempotent).",
            {"Retry-After": {"schema": {"type": "integer"}}},
        ),
    }


def _use(*names: str) -> dict[str, Any]:
    codes = {
        "BadRequest": "400",
        "Unauthorized": "401",
        "Forbidden": "403",
        "NotFound": "404",
        "Conflict": "409",
        "GuestListConflict": "409",
        "ConsentConflict": "409",
        "PreconditionFailed": "412",
        "ContentTooLarge": "413",
        "PreconditionRequired": "428",
        "UnsupportedMediaType": "415",
        "Unprocessable": "422",
        "ServiceUnavailable": "503",
    }
    return {codes[name]: {"$ref": f"#/components/responses/{name}"} for name in names}


def _guest_list_paths(young_person: dict[str, Any]) -> dict[str, Any]:
    base = "/api/v1/young-people/{young_person_id}/conference/guests"
    answer = {
        "description": "The guest list as it is now.",
        "content": {"application/json": {"schema": _ref("GuestList")}},
    }
    csrf = [{"$ref": "#/components/parameters/CsrfToken"}]
    changes = _use(
        "BadRequest",
        "Unauthorized",
        "NotFound",
        "GuestListConflict",
        "ContentTooLarge",
        "UnsupportedMediaType",
        "Unprocessable",
        "ServiceUnavailable",
    )

    def body(name: str) -> dict[str, Any]:
        return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}

    return {
        base: {
            "parameters": [young_person],
            "get": {
                "operationId": "getGuestList",
                "tags": ["conference"],
                "summary": "A young person's conference guest list, for the facilitator",
                "description": "The guests, who else may be invited, who cannot be (with the "
                "reason), the leak warnings (with their keys, and whether acknowledged), what "
                "stops the list being final, its status and version.",
                "responses": {
                    "200": answer,
                    **_use("Unauthorized", "NotFound", "ServiceUnavailable"),
                },
            },
            "put": {
                "operationId": "putGuestList",
                "tags": ["conference"],
                "summary": "Set the guests (a final list goes back to draft)",
                "description": "Anyone who may not be invited is 422 at guest_ids[i] with the "
                "reason, and nothing is written. The same roles as the facilitator's pages: "
                "anyone who may open the young person.",
                "parameters": csrf,
                "requestBody": body("GuestListChange"),
                "responses": {"200": answer, **changes},
            },
        },
        base + "/acknowledgements": {
            "parameters": [young_person],
            "post": {
                "operationId": "acknowledgeGuestWarning",
                "tags": ["conference"],
                "summary": "Acknowledge a leak warning, with the reason the guest may still attend",
                "description": "422 at key for a key that is not a current warning, at reason "
                "for an empty or too long reason.",
                "parameters": csrf,
                "requestBody": body("GuestListAcknowledgement"),
                "responses": {"200": answer, **changes},
            },
        },
        base + "/final": {
            "parameters": [young_person],
            "post": {
                "operationId": "finaliseGuestList",
                "tags": ["conference"],
                "summary": "Make the guest list final",
                "description": "409 with every reason while there are no guests, a guest may "
                "no longer be invited, or a warning is not acknowledged.",
                "parameters": csrf,
                "requestBody": body("GuestListFinal"),
                "responses": {"200": answer, **changes},
            },
        },
    }


@cache
def _build(session_cookie: str) -> dict[str, Any]:
    etag = {
        "description": "Identifies this version of the network (a strong entity tag: a hash of "
        "the document's content); send it back in If-Match to replace it.",
        "schema": {"type": "string"},
    }
    network_content = {"application/json": {"schema": _ref("Network")}}
    young_person = {"$ref": "#/components/parameters/YoungPersonId"}
    as_of = {"$ref": "#/components/parameters/AsOf"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Lifelong Connections API",
            "version": API_VERSION,
            "summary": "Young people's networks, their coverage reports and the cohort.",
            "description": (
                "The same sign-in and allocation rules as the web pages. A coordinator or "
                "facilitator may reach only the young people allocated to them (others are 404, "
                "like ids that do not exist); managers and administrators may reach anyone. "
                "Only coordinators, managers and administrators may change a network, and only "
                "managers and administrators may add a young person. Every view and change of a "
                "young person's network is recorded in the audit trail.\n\n"
                "Authenticate with an API token (`connections user token USERNAME` prints a new "
                "one, once) as `Authorization: Bearer <token>`, or from a signed-in browser "
                "session; a session request that changes something must send the CSRF token in "
                "the `X-CSRFToken` header. Every error is JSON in the `Errors` shape."
            ),
        },
        "security": [{"bearerToken": []}, {"browserSession": []}],
        "tags": [
            {"name": "networks", "description": "A young person's network and report."},
            {"name": "restrictions", "description": "Restrictions on contact (never deleted)."},
            {"name": "consent", "description": "A young person's consent ledger."},
            {
                "name": "invitations",
                "description": "Invitations to a young person to rate their own people "
                "(docs/invitations.md).",
            },
            {"name": "cohort", "description": "Coverage across young people."},
            {
                "name": "conference",
                "description": "The Family Group Conference guest list (docs/conference.md).",
            },
            {"name": "meta", "description": "This document."},
        ],
        "paths": {
            "/api/v1/young-people/{young_person_id}/network": {
                "parameters": [young_person],
                "get": {
                    "operationId": "getNetwork",
                    "tags": ["networks"],
                    "summary": "A young person's network, in the network JSON format",
                    "parameters": [AT],
                    "responses": {
                        "200": {
                            "description": "The network document (canonical: the same network "
                            "always gives the same bytes).",
                            "headers": {"ETag": etag},
                            "content": network_content,
                        },
                        **_use("BadRequest", "Unauthorized", "NotFound", "ServiceUnavailable"),
                    },
                },
                "put": {
                    "operationId": "putNetwork",
                    "tags": ["networks"],
                    "summary": "Replace a young person's network (or add a young person)",
                    "description": (
                        "The document is checked completely, then saved in one transaction, or "
                        "nothing is written. It is authoritative for its young person: "
                        "relationships, links and contact log entries it does not hold are "
                        "removed. People are shared between networks and merged by id. "
                        "`young_person.id` must be the id in the address. While family "
                        "finding is paused for want of consent (GET .../consents), no "
                        "relationship's `finding_status` may move past identified (422 naming "
                        "it): record consent first.\n\n"
                        "Every PUT is conditional, so that it never overwrites a change it has "
                        "not seen: send `If-Match` with the ETag of your GET to replace the "
                        "network (412 if it has changed since: GET it again and redo your change "
                        "on that), or `If-None-Match: *` to create a young person's first network "
                        "(412 if it exists already). Without either the answer is 428. The check "
                        "and the write are one transaction under the young person's write lock: "
                        "of several PUTs sent with the same ETag, exactly one succeeds."
                    ),
                    "parameters": [
                        {"$ref": "#/components/parameters/IfMatch"},
                        {"$ref": "#/components/parameters/IfNoneMatch"},
                        {"$ref": "#/components/parameters/CsrfToken"},
                    ],
                    "requestBody": {"required": True, "content": network_content},
                    "responses": {
                        "200": {
                            "description": "Saved: the network as stored now.",
                            "headers": {"ETag": etag},
                            "content": network_content,
                        },
                        "201": {
                            "description": "A new young person was added (managers, admins).",
                            "headers": {
                                "ETag": etag,
                                "Location": {"schema": {"type": "string"}},
                            },
                            "content": network_content,
                        },
                        **_use(
                            "BadRequest",
                            "Unauthorized",
                            "Forbidden",
                            "NotFound",
                            "PreconditionFailed",
                            "ContentTooLarge",
                            "UnsupportedMediaType",
                            "Unprocessable",
                            "PreconditionRequired",
                            "ServiceUnavailable",
                        ),
                    },
                },
            },
            "/api/v1/young-people/{young_person_id}/report": {
                "parameters": [young_person],
                "get": {
                    "operationId": "getReport",
                    "tags": ["networks"],
                    "summary": "A young person's coverage report",
                    "parameters": [as_of, ON],
                    "responses": {
                        "200": {
                            "description": "The report on as_of.",
                            "content": {"application/json": {"schema": _ref("CoverageReport")}},
                        },
                        **_use("BadRequest", "Unauthorized", "NotFound", "ServiceUnavailable"),
                    },
                },
            },
            **_restriction_paths(young_person),
            **restore_paths(young_person, _use, etag, network_content),
            **_guest_list_paths(young_person),
            **invitation_paths(young_person, _use),
            **pack_paths(young_person, as_of, _use),
            **finding_paths(_use),
            "/api/v1/young-people/{young_person_id}/consents": {
                "parameters": [young_person],
                "get": {
                    "operationId": "getConsents",
                    "tags": ["consent"],
                    "summary": "A young person's consent ledger and what it allows on as_of",
                    "parameters": [as_of],
                    "responses": {
                        "200": {
                            "description": "The ledger, each purpose's state and whether family "
                            "finding is paused.",
                            "content": {"application/json": {"schema": _ref("ConsentLedger")}},
                        },
                        **_use("BadRequest", "Unauthorized", "NotFound", "ServiceUnavailable"),
                    },
                },
                "post": {
                    "operationId": "postConsent",
                    "tags": ["consent"],
                    "summary": "Append a decision to a young person's consent ledger",
                    "description": (
                        "The ledger is append-only: nothing in it is changed or deleted, and a "
                        "withdrawal is a new entry. Any role that may open the young person may "
                        "record a decision. The entry is checked completely (422 naming each "
                        "field) and then appended, or nothing is written. Sending the same `id` "
                        "again is 409, so a POST whose answer was lost may be retried with its "
                        "id."
                    ),
                    "parameters": [{"$ref": "#/components/parameters/CsrfToken"}],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("ConsentEntry")}},
                    },
                    "responses": {
                        "201": {
                            "description": "Recorded: the entry as the ledger holds it.",
                            "headers": {"Location": {"schema": {"type": "string"}}},
                            "content": {"application/json": {"schema": _ref("ConsentRecord")}},
                        },
                        **_use(
                            "BadRequest",
                            "Unauthorized",
                            "Forbidden",
                            "NotFound",
                            "ConsentConflict",
                            "ContentTooLarge",
                            "UnsupportedMediaType",
                            "Unprocessable",
                            "ServiceUnavailable",
                        ),
                    },
                },
            },
            "/api/v1/cohort": {
                "get": {
                    "operationId": "getCohort",
                    "tags": ["cohort"],
                    "summary": "Coverage rows and totals: the whole cohort for managers and "
                    "admins, the caller's allocated young people for the other roles",
                    "parameters": [as_of],
                    "responses": {
                        "200": {
                            "description": "Rows in young person id order, and their totals.",
                            "content": {"application/json": {"schema": _ref("Cohort")}},
                        },
                        **_use("BadRequest", "Unauthorized", "ServiceUnavailable"),
                    },
                }
            },
            "/api/v1/shared-people": {
                "get": {
                    "operationId": "getSharedPeople",
                    "tags": ["cohort"],
                    "summary": "People in two or more young people's networks, most at risk "
                    "first, with the impact of losing each (managers and admins)",
                    "parameters": [as_of],
                    "responses": {
                        "200": {
                            "description": "Sorted by below_mission_if_lost, "
                            "not_robust_if_lost and loving_for (descending), then name.",
                            "content": {"application/json": {"schema": _ref("SharedPeople")}},
                        },
                        **_use("BadRequest", "Unauthorized", "Forbidden", "ServiceUnavailable"),
                    },
                }
            },
            "/api/v1/siblings-apart": {
                "get": {
                    "operationId": "getSiblingsApart",
                    "tags": ["cohort"],
                    "summary": "Sibling groups with two or more in care placed in different "
                    "households, with each one's contact with the others (managers and admins)",
                    "parameters": [as_of],
                    "responses": {
                        "200": {
                            "description": "Most contact gaps first, then by the first "
                            "member's name.",
                            "content": {"application/json": {"schema": _ref("SiblingsApart")}},
                        },
                        **_use("BadRequest", "Unauthorized", "Forbidden", "ServiceUnavailable"),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "tags": ["meta"],
                    "summary": "This document",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "The OpenAPI 3.1 document.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                **_model_schemas(),
                **_consent_schemas(),
                **_api_schemas(),
                **_restriction_schemas(),
                **invitation_schemas(),
                **pack_schemas(),
                **finding_schemas(),
            },
            "responses": _responses(),
            "parameters": {
                "YoungPersonId": {
                    "name": "young_person_id",
                    "in": "path",
                    "required": True,
                    "schema": {
                        "type": "string",
                        "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$",
                    },
                },
                "AsOf": {
                    "name": "as_of",
                    "in": "query",
                    "required": False,
                    "description": "The day to score on (YYYY-MM-DD); default today.",
                    "schema": {"type": "string", "format": "date"},
                },
                "IfMatch": {
                    "name": "If-Match",
                    "in": "header",
                    "required": False,
                    "description": "To replace a network: the ETag of the network you changed "
                    '(quoted, as the GET gave it; several may be listed, and "*" matches any '
                    "existing network). 412 if none matches now. A PUT needs this or "
                    "If-None-Match (428 without either).",
                    "schema": {"type": "string"},
                },
                "IfNoneMatch": {
                    "name": "If-None-Match",
                    "in": "header",
                    "required": False,
                    "description": 'To create a young person\'s first network: "*" (412 if it '
                    "exists already; managers and administrators only). Not with If-Match.",
                    "schema": {"type": "string", "enum": ["*"]},
                },
                "CsrfToken": {
                    "name": "X-CSRFToken",
                    "in": "header",
                    "required": False,
                    "description": "Required with browser-session authentication (the page's "
                    "CSRF token); not used with a bearer token.",
                    "schema": {"type": "string"},
                },
            },
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token from `connections user token USERNAME` "
                    "(shown once; only its SHA-256 is stored). A new token replaces the old "
                    "one; `--revoke` removes it.",
                },
                "browserSession": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": session_cookie,
                    "description": "The session cookie of a user signed in to the web app. "
                    "PUT also needs the X-CSRFToken header.",
                },
            },
        },
    }


def _restriction_schemas() -> dict[str, Any]:
    """A restriction as the restrictions endpoints give it, and the body that ends one."""
    record = {
        "type": "object",
        "description": "A restriction (docs/restrictions.md) with its person's name, who recorded "
        "it and when, whether the person is still in the network, and why it is to review.",
        "properties": {
            "id": {"type": "string"},
            "person_id": {"type": "string"},
            "kind": _ref("RestrictionKind"),
            "scope": _ref("RestrictionScope"),
            "starts": _DATE,
            "ends": _NULLABLE_DATE,
            "review_by": _NULLABLE_DATE,
            "source": {"type": "string"},
            "note": {"type": "string"},
            "version": {"type": "integer", "minimum": 0},
            "person_name": {"type": "string"},
            "recorded_by": {"type": "string"},
            "recorded_at": {"type": ["string", "null"], "format": "date-time"},
            "in_network": {"type": "boolean"},
            "to_review": {"type": ["string", "null"]},
        },
        "required": ["id", "person_id", "kind", "scope", "starts", "version", "person_name"],
    }
    return {
        "RestrictionRecord": record,
        "RestrictionList": {
            "type": "object",
            "properties": {"restrictions": {"type": "array", "items": _ref("RestrictionRecord")}},
            "required": ["restrictions"],
        },
        "EndRestriction": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "ends": {**_DATE, "description": "The last day the restriction is in force."},
                "version": {"type": "integer", "minimum": 0, "description": "As read."},
            },
            "required": ["ends", "version"],
        },
    }


def _restriction_paths(young_person: dict[str, Any]) -> dict[str, Any]:
    """List, record and end a young person's restrictions; none is ever deleted."""
    restriction_id = {
        "name": "restriction_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"},
    }
    csrf = {"$ref": "#/components/parameters/CsrfToken"}
    one = {"application/json": {"schema": _ref("RestrictionRecord")}}
    return {
        "/api/v1/young-people/{young_person_id}/restrictions": {
            "parameters": [young_person],
            "get": {
                "operationId": "getRestrictions",
                "tags": ["restrictions"],
                "summary": "Every restriction of a young person, newest first (ended ones too)",
                "responses": {
                    "200": {
                        "description": "The restrictions.",
                        "content": {"application/json": {"schema": _ref("RestrictionList")}},
                    },
                    **_use("Unauthorized", "NotFound", "ServiceUnavailable"),
                },
            },
            "post": {
                "operationId": "postRestriction",
                "tags": ["restrictions"],
                "summary": "Record a restriction on contact with someone in the network",
                "description": "The body is a restriction as in the network format; `id` may be "
                "left out (one is made). The person must be in the young person's network (422 "
                "naming `person_id` otherwise). Coordinators, managers and administrators only.",
                "parameters": [csrf],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("Restriction")}},
                },
                "responses": {
                    "201": {
                        "description": "Recorded.",
                        "headers": {"Location": {"schema": {"type": "string"}}},
                        "content": one,
                    },
                    **_use(
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
        "/api/v1/young-people/{young_person_id}/restrictions/{restriction_id}/end": {
            "parameters": [young_person, restriction_id],
            "post": {
                "operationId": "endRestriction",
                "tags": ["restrictions"],
                "summary": "End a restriction (set its last day in force); nothing else changes",
                "description": "A restriction is never deleted. `version` is the one you read: "
                "409 if it has changed since. 422 naming `ends` if it is before the restriction "
                "starts. Coordinators, managers and administrators only.",
                "parameters": [csrf],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("EndRestriction")}},
                },
                "responses": {
                    "200": {"description": "Ended: the restriction as stored now.", "content": one},
                    **_use(
                        "BadRequest",
                        "Unauthorized",
                        "Forbidden",
                        "NotFound",
                        "Conflict",
                        "ContentTooLarge",
                        "UnsupportedMediaType",
                        "Unprocessable",
                        "ServiceUnavailable",
                    ),
                },
            },
        },
    }
