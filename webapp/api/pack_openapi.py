"""The pack endpoint's part of the OpenAPI document (:mod:`webapp.api.openapi` merges it), kept
beside :mod:`webapp.api.pack` so the two change together."""

from __future__ import annotations

from typing import Any


def pack_schemas() -> dict[str, Any]:
    """The pack's part of the OpenAPI document's schemas."""
    person = {
        "type": "object",
        "description": "Someone in the pack, as the young person reads it.",
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "role": {"type": "string", "description": "In plain words."},
            "offers": {"type": "array", "items": {"type": "string"}},
            "always_here": {"type": "boolean"},
            "deceased": {"type": "boolean"},
            "contact_details": {
                "type": "string",
                "description": "Empty unless the person agreed to be reachable.",
            },
        },
        "required": ["id", "name", "role", "offers", "always_here", "deceased", "contact_details"],
        "additionalProperties": False,
    }
    pack = {
        "type": "object",
        "properties": {
            "young_person_name": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "people": {"type": "array", "items": {"$ref": "#/components/schemas/PackPerson"}},
            "adviser": {"oneOf": [{"$ref": "#/components/schemas/PackPerson"}, {"type": "null"}]},
            "promise": {"type": "string"},
        },
        "required": ["young_person_name", "as_of", "people", "adviser", "promise"],
        "additionalProperties": False,
    }
    return {"PackPerson": person, "MyNetworkPack": pack}


def pack_paths(young_person: dict[str, Any], as_of: dict[str, Any], use: Any) -> dict[str, Any]:
    """The pack's part of the OpenAPI document's paths (``use``: openapi's response refs)."""
    return {
        "/api/v1/young-people/{young_person_id}/pack": {
            "parameters": [young_person],
            "get": {
                "operationId": "getMyNetworkPack",
                "tags": ["networks"],
                "summary": "The young person's My Network pack (needs their consent)",
                "description": "The same pack as the page and the PDF. Repeat `person` to choose "
                "who is in it; people the pack may never hold are left out whatever is asked. "
                "409 when the young person's `my_network_pack` consent is not in place.",
                "parameters": [
                    as_of,
                    {
                        "name": "person",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "array", "items": {"type": "string"}},
                        "style": "form",
                        "explode": True,
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The pack.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/MyNetworkPack"}
                            }
                        },
                    },
                    "409": {"$ref": "#/components/responses/PackConsentMissing"},
                    **use("BadRequest", "Unauthorized", "NotFound", "ServiceUnavailable"),
                },
            },
        }
    }
