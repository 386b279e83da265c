"""The conference guest list through the API (docs/conference.md): read it, set the guests,
acknowledge a leak warning with a reason, make it final.

The same people may read and change it as on the facilitator's pages
(:mod:`webapp.conference.guests`): anyone who may open the young person
(:func:`~webapp.access.young_person_access`; a young person not allocated to the caller is 404).
It names who cannot be invited and why, and the warnings: it is for the facilitator, never the
family. The rules are :mod:`connections.guest_list`, checked here first so that the answer can
name every problem (``guest_ids[2]``, ``warnings[0]``), and again by the store in the transaction
that writes (:mod:`connections.store.guest_lists`), which also checks the ``version`` the caller
read (409 if someone changed the list since). Every view and change is audited.

Errors: 415 unless the body is JSON, 400 if it does not parse, 422 naming each field that is
wrong (nothing written), 409 for a stale ``version`` (path ``version``) or for a list that may
not be made final yet (each reason with its path).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, request
from flask_login import current_user

from connections import guest_list, io
from connections.accounts import AuditAction
from connections.guest_list import GuestList
from connections.model import FieldError, InvalidInput, Network
from connections.store import GuestRefused, StaleEdit, Store
from connections.store import NotFound as StoreNotFound
from connections.store.guest_lists import REASON_MAX
from webapp.access import audit, young_person_access
from webapp.api.base import ApiError, bp, json_response, read_body
from webapp.conference.availability import family_view_available
from webapp.db import get_store
from webapp.filters import role_label
from webapp.tables import as_of

#: The most guests one request may name (a network is far smaller).
MAX_GUESTS = 500
#: The largest version a client may send (Neo4j's integers are 64-bit).
MAX_VERSION = 2**63 - 1
#: The longest warning key a client may send (two ids and a kind).
KEY_MAX = 200

STALE = (
    "Someone else changed this guest list after you read it (its version is now {version}). "
    "Nothing was saved: GET it again, check their change, then send yours with the new version."
)


# --- the guest list as JSON --------------------------------------------------------------------


def guest_list_document(store: Store, network: Network, guests: GuestList, day: date) -> dict:
    """The list as the API shows it: guests, who may still be invited, who cannot be (with the
    reason), each warning (its key, text, and acknowledgement), what stops it being final."""
    names = {person.id: person.name for person in network.people}
    invited = set(guests.guest_ids)
    people = sorted(
        (r for r in network.relationships if r.person_id in names),
        key=lambda r: (names[r.person_id].casefold(), r.person_id),
    )

    def person(relationship: Any, **extra: Any) -> dict[str, Any]:
        return {
            "id": relationship.person_id,
            "name": names[relationship.person_id],
            "role": role_label(relationship.role),
            **extra,
        }

    guest_rows, may_invite, cannot_invite = [], [], []
    for relationship in people:
        reason = guest_list.refusal(network, relationship.person_id, day)
        if relationship.person_id in invited:
            guest_rows.append(person(relationship, reason=reason))
        elif reason is None:
            may_invite.append(person(relationship))
        else:
            cannot_invite.append(person(relationship, reason=reason))
    warnings = []
    for warning in guest_list.leak_warnings(network, invited, day):
        ack = guests.acknowledgements.get(warning.key)
        warnings.append(
            {
                "key": warning.key,
                "guest_id": warning.guest_id,
                "kind": warning.kind,
                "text": warning.text,
                "acknowledged": ack is not None,
                "acknowledgement": None
                if ack is None
                else {
                    "reason": ack.reason,
                    "by": ack.by,
                    "at": ack.at.isoformat() if ack.at else None,
                },
            }
        )
    return {
        "young_person_id": guests.young_person_id,
        "status": guests.status,
        "version": guests.version,
        "finalised_by": guests.finalised_by,
        "finalised_at": guests.finalised_at.isoformat() if guests.finalised_at else None,
        "family_view_available": family_view_available(store, network, guests, day),
        "guests": guest_rows,
        "may_invite": may_invite,
        "cannot_invite": cannot_invite,
        "warnings": warnings,
        "blockers": guest_list.blockers(network, invited, guests.acknowledgements, day),
    }


def _answer(young_person_id: str, store: Store | None = None) -> Response:
    store = store or get_store()
    network = store.load_network(young_person_id)
    guests = store.guest_list(young_person_id)
    return json_response(guest_list_document(store, network, guests, as_of()))


# --- the request body ---------------------------------------------------------------------------


def _body(fields: dict[str, type]) -> dict[str, Any]:
    """The JSON object sent, with exactly these fields of these types: 415 unless JSON, 400
    unless it parses, 422 naming every field missing, unknown or of the wrong type."""
    if request.mimetype != "application/json":
        raise ApiError(415, "Send the body with Content-Type: application/json.")
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ApiError(415, "Send the body as UTF-8 JSON.")
    try:
        document = io.parse_json(read_body().decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ApiError(400, f"The body is not UTF-8 text (byte {error.start}).") from None
    except io.NotJson as error:
        raise ApiError(400, f"The body is not valid JSON: {error}.") from None
    if not isinstance(document, dict):
        raise InvalidInput.single("", f"must be a JSON object with {', '.join(fields)}")
    errors = [
        FieldError(path=name, message="is not a field of this request")
        for name in document
        if name not in fields
    ]
    for name, kind in fields.items():
        if name not in document:
            errors.append(FieldError(path=name, message="is required"))
        elif not _is(document[name], kind):
            errors.append(FieldError(path=name, message=f"must be {_WORDS[kind]}"))
    if "version" in fields and not errors and not 0 <= document["version"] <= MAX_VERSION:
        errors.append(FieldError(path="version", message="must be the version you read"))
    if errors:
        raise InvalidInput(errors)
    return document


_WORDS = {int: "a whole number (the version you read)", str: "a string", list: "a list of ids"}


def _is(value: Any, kind: type) -> bool:
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def _stale(store: Store, young_person_id: str) -> ApiError:
    version = store.guest_list(young_person_id).version
    return ApiError(409, STALE.format(version=version), path="version")


# --- the endpoints ------------------------------------------------------------------------------


@bp.get("/young-people/<young_person_id>/conference/guests")
@young_person_access
def get_guest_list(young_person_id: str) -> Response:
    """The guest list, for the facilitator (audited as a view)."""
    return _answer(young_person_id)


@bp.put("/young-people/<young_person_id>/conference/guests")
@young_person_access
def put_guest_list(young_person_id: str) -> Response:
    """The guests become exactly ``guest_ids``; a final list goes back to draft. Anyone who may
    not be invited is 422 at ``guest_ids[i]`` with the reason, and nothing is written."""
    body = _body({"guest_ids": list, "version": int})
    guest_ids = body["guest_ids"]
    errors = [
        FieldError(path=f"guest_ids[{index}]", message="must be a person's id (a string)")
        for index, value in enumerate(guest_ids)
        if not isinstance(value, str)
    ]
    if len(guest_ids) > MAX_GUESTS:
        errors.append(FieldError(path="guest_ids", message=f"may name at most {MAX_GUESTS}"))
    if errors:
        raise InvalidInput(errors)
    store = get_store()
    network = store.load_network(young_person_id)
    day = as_of()
    refused = {
        index: reason
        for index, person_id in enumerate(guest_ids)
        if (reason := guest_list.refusal(network, person_id, day)) is not None
    }
    if refused:
        who = ", ".join(guest_ids[index] for index in refused)
        audit(AuditAction.CONFERENCE, young_person_id, f"api: guests refused: {who}"[:500])
        raise InvalidInput(
            [FieldError(path=f"guest_ids[{i}]", message=reason) for i, reason in refused.items()]
        )
    try:
        store.set_guests(young_person_id, guest_ids, body["version"], day)
    except StaleEdit:
        raise _stale(store, young_person_id) from None
    audit(
        AuditAction.CONFERENCE,
        young_person_id,
        f"api: guests set: {', '.join(sorted(set(guest_ids))) or 'none'}"[:500],
    )
    return _answer(young_person_id, store)


@bp.post("/young-people/<young_person_id>/conference/guests/acknowledgements")
@young_person_access
def acknowledge_guest_warning(young_person_id: str) -> Response:
    """Acknowledge one current warning (``key`` from the GET) with the reason the guest may
    still attend (required)."""
    body = _body({"key": str, "reason": str, "version": int})
    key, reason = body["key"], body["reason"]
    errors = []
    if not reason.strip():
        errors.append(
            FieldError(path="reason", message="Give the reason the guest may still attend.")
        )
    elif len(reason.strip()) > REASON_MAX:
        errors.append(
            FieldError(path="reason", message=f"Keep the reason under {REASON_MAX} characters.")
        )
    store = get_store()
    network = store.load_network(young_person_id)
    current = store.guest_list(young_person_id)
    day = as_of()
    keys = {w.key for w in guest_list.leak_warnings(network, current.guest_ids, day)}
    if len(key) > KEY_MAX or key not in keys:
        errors.append(
            FieldError(
                path="key",
                message="There is no such warning on this guest list now: use a key from the "
                "warnings of a GET.",
            )
        )
    if errors:
        raise InvalidInput(errors)
    try:
        store.acknowledge_warning(
            young_person_id, key, reason, current_user.username, body["version"], day
        )
    except StaleEdit:
        raise _stale(store, young_person_id) from None
    except StoreNotFound:  # the warning went in between (a link or a restriction changed)
        raise InvalidInput.single(
            "key", "There is no such warning on this guest list now."
        ) from None
    audit(AuditAction.CONFERENCE, young_person_id, f"api: warning acknowledged: {key}")
    return _answer(young_person_id, store)


@bp.post("/young-people/<young_person_id>/conference/guests/final")
@young_person_access
def finalise_guest_list(young_person_id: str) -> Response:
    """Make the list final: 409 with every reason (no guests, a guest who may no longer be
    invited, a warning not acknowledged) while anything is in the way."""
    body = _body({"version": int})
    store = get_store()
    network = store.load_network(young_person_id)
    current = store.guest_list(young_person_id)
    day = as_of()
    if body["version"] != current.version:
        raise _stale(store, young_person_id)
    problems = _blockers(network, current, day)
    if problems:
        audit(AuditAction.CONFERENCE, young_person_id, "api: finalising refused")
        raise ApiError(409, problems)
    try:
        store.finalise_guest_list(young_person_id, current_user.username, body["version"], day)
    except StaleEdit:
        raise _stale(store, young_person_id) from None
    except GuestRefused as error:  # something changed in between: the store's reasons
        raise ApiError(409, str(error)) from None
    audit(AuditAction.CONFERENCE, young_person_id, "api: guest list finalised")
    return _answer(young_person_id, store)


def _blockers(network: Network, current: GuestList, day: date) -> list[FieldError]:
    """What stops the list being final, each at the path of the GET's document it is about."""
    problems = []
    if not current.guest_ids:
        problems.append(FieldError(path="guests", message="Add at least one guest."))
    guest_index = {guest: index for index, guest in enumerate(_guest_order(network, current))}
    for guest_id in current.guest_ids:
        reason = guest_list.refusal(network, guest_id, day)
        if reason is not None:
            problems.append(
                FieldError(
                    path=f"guests[{guest_index.get(guest_id, 0)}]",
                    message=f"{reason} Remove them from the guest list.",
                )
            )
    for index, warning in enumerate(guest_list.leak_warnings(network, current.guest_ids, day)):
        if warning.key not in current.acknowledgements:
            problems.append(
                FieldError(
                    path=f"warnings[{index}]", message=f"Acknowledge the warning: {warning.text}"
                )
            )
    return problems


def _guest_order(network: Network, current: GuestList) -> list[str]:
    """The guests' ids in the order the GET lists them (by name)."""
    names = {person.id: person.name for person in network.people}
    return sorted(
        (g for g in current.guest_ids if g in names), key=lambda g: (names[g].casefold(), g)
    )


__all__ = [
    "acknowledge_guest_warning",
    "finalise_guest_list",
    "get_guest_list",
    "guest_list_document",
    "put_guest_list",
]
