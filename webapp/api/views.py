"""The /api/v1 endpoints: a young person's network (GET, PUT), their report, the cohort, and the
OpenAPI document that describes them (:mod:`webapp.api.openapi`). The consent ledger's are in
:mod:`webapp.api.consents`.

A PUT may not move a family finding stage past identified while family finding is paused for
want of consent (docs/consent.md): 422 naming ``relationships[i].finding_status``.

Access is the pages' (:mod:`webapp.access`): a young person not allocated to a coordinator or
facilitator is 404, exactly as one that does not exist; managers and admins may open anyone.
Changing a network needs the coordinator, manager or admin role (a facilitator gets 403), and
only managers and admins may create a young person. Every view of a young person is audited
(``view``, with the endpoint), every change too (``change``), and every refusal of a signed-in
caller (``denied``: not allocated, or a role that may not change networks).

**Preconditions.** A PUT must say what it expects, so that it never overwrites a change it has
not seen: ``If-Match`` with the ``ETag`` of a GET to replace a network (412 if the network has
changed since), or ``If-None-Match: *`` to create a young person's first network (412 if it
exists already); neither is 428. The ETag is the store's :func:`~connections.store.document_version`
(a hash of the document's content), and the store compares it under the young person's write lock
in the same transaction as the write (:meth:`~connections.store.Store.replace_network`), so of
any number of PUTs sent with the same ETag at the same moment exactly one succeeds.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from flask import Response, request, url_for
from flask_login import current_user

from connections import cohort, cohort_rows, io, sharing
from connections.accounts import AuditAction, UserRole
from connections.consent import (
    ALLOWED_WHILE_PAUSED,
    family_finding_paused,
    finding_stage_errors,
)
from connections.model import FieldError, InvalidInput, Network, parse_network
from connections.scoring import score
from connections.store import (
    ANY_VERSION,
    CommitOutcomeUnknown,
    NotFound,
    PreconditionFailed,
    document_version,
)
from webapp.access import audit, search_scope, young_person_access
from webapp.api import history
from webapp.api.base import ApiError, bp, json_response, read_body
from webapp.api.openapi import openapi_document
from webapp.api.siblings_check import refuse_young_people_not_open
from webapp.db import get_store
from webapp.tables import as_of as default_as_of

#: Roles that may change a young person's network through the API.
EDITORS = frozenset({UserRole.COORDINATOR, UserRole.MANAGER, UserRole.ADMIN})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

PRECONDITION_REQUIRED = (
    "Send If-Match with the ETag of your GET of this network, so that a change someone else "
    "saved in between is refused (412) rather than overwritten; to create a young person's first "
    "network, send If-None-Match: * instead. Nothing was written."
)
OUTCOME_UNKNOWN = (
    "The connection to the database was lost while the network was being saved: it may or may "
    "not have been saved. Saving a network is idempotent, so sending the same document again is "
    "safe: GET the network to see whether it was saved (and for its current ETag), then PUT it "
    "again with that ETag in If-Match (or, if it is not found, with If-None-Match: * as before)."
)
#: Seconds to wait before trying again after an unknown outcome (the 503's Retry-After).
RETRY_AFTER_SECONDS = 5


# --- a young person's network ------------------------------------------------------------------


@bp.get("/young-people/<young_person_id>/network")
@young_person_access
def get_network(young_person_id: str) -> Response:
    """The network JSON document (``docs/network-format.md``), with an ``ETag``; with ``at``,
    the document as it was at that instant (:func:`webapp.api.history.network_at`)."""
    at = request.args.get("at")
    if at is not None:
        return history.network_at(young_person_id, at)
    return _document_response(get_store().load_network(young_person_id))


@bp.put("/young-people/<young_person_id>/network")
@young_person_access
def put_network(young_person_id: str) -> Response:
    """Replace (``If-Match``) or, for managers and admins, create (``If-None-Match: *``) a
    network: checked completely, then its precondition checked and the network saved in one
    transaction, or nothing written."""
    if current_user.role not in EDITORS:
        audit(AuditAction.DENIED, young_person_id, f"{request.endpoint}: role {current_user.role}")
        raise ApiError(403, f"A {current_user.role.label} may not change networks.")
    network = _network_from_body(young_person_id)
    expected = _expected_versions()
    if expected is None and not current_user.role.sees_whole_cohort:
        raise ApiError(
            403,
            "Only managers and administrators may add a young person. To replace this network, "
            "send If-Match with the ETag of your GET.",
        )
    _refuse_people_not_seen(network)
    refuse_young_people_not_open(network)
    _refuse_finding_moves(network)
    try:
        saved = get_store().replace_network(network, expected)
    except PreconditionFailed as error:
        advice = (
            "GET it, and PUT your change with its ETag in If-Match."
            if expected is None
            else "GET it again, make your change to that, and PUT it with the new ETag in "
            "If-Match (or, if it is not found, with If-None-Match: *)."
        )
        raise ApiError(412, f"{error} {advice}") from None
    except CommitOutcomeUnknown:
        raise ApiError(
            503, OUTCOME_UNKNOWN, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
        ) from None
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"{request.endpoint}: network {'created' if saved.created else 'replaced'}",
    )
    response = _document_response(saved.network, saved.version)
    if saved.created:
        response.status_code = 201
        response.headers["Location"] = url_for("api.get_network", young_person_id=young_person_id)
    return response


def _network_from_body(young_person_id: str) -> Network:
    """The request body as a network: 415 unless JSON, 400 unless it parses (naming the line and
    column), 422 naming every problem's path unless it is a valid document for this young
    person."""
    if request.mimetype != "application/json":
        raise ApiError(415, "Send the network document with Content-Type: application/json.")
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ApiError(415, "Send the network document as UTF-8 JSON.")
    body = read_body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, f"The body is not UTF-8 text (byte {error.start}).") from None
    try:
        # As `connections import` reads a file: the same messages, naming the line.
        document = io.parse_json(text)
    except io.NotJson as error:
        raise ApiError(400, f"The body is not valid JSON: {error}.") from None

    network = parse_network(document)  # InvalidInput: 422 with every problem's path
    if network.young_person.id != young_person_id:
        raise InvalidInput(
            [
                FieldError(
                    path="young_person.id",
                    message=f'must be "{young_person_id}", the id in the address',
                )
            ]
        )
    return network


def _refuse_people_not_seen(network: Network) -> None:
    """A document may hold the people already in this young person's network and new people,
    but not link, by id, someone known to the service whom the caller may not add directly
    (:func:`connections.sharing.may_link_directly`; docs/sharing-people.md): 422 naming the
    field, in words that say nothing of who it is."""
    store = get_store()
    young_person_id = network.young_person.id
    ids = [person.id for person in network.people]
    known = store.person_summaries(ids, **search_scope(store))
    refused = {
        person.id
        for person in known
        if young_person_id not in {yp_id for yp_id, _ in person.visible_young_people}
        and not sharing.may_link_directly(
            person, sees_whole_cohort=current_user.role.sees_whole_cohort
        )
    }
    if refused:
        raise InvalidInput(
            [
                FieldError(
                    path=f"people[{index}].id",
                    message="is already in use: give a new person another id (someone already "
                    "known elsewhere in the service is linked by a link request)",
                )
                for index, person_id in enumerate(ids)
                if person_id in refused
            ]
        )


def _refuse_finding_moves(network: Network) -> None:
    """While family finding is paused for want of consent (docs/consent.md), no relationship's
    finding stage may move past identified: 422 naming each ``relationships[i].finding_status``
    that would, with the reason in words. Stages left as they were stay allowed."""
    if all(
        r.finding_status is None or r.finding_status in ALLOWED_WHILE_PAUSED
        for r in network.relationships
    ):
        return
    store = get_store()
    young_person_id = network.young_person.id
    try:
        stored = store.load_report_values(young_person_id)
    except NotFound:  # a new young person: nothing recorded yet
        date_of_birth, before = network.young_person.date_of_birth, {}
    else:
        date_of_birth = stored.young_person.date_of_birth
        before = {r.person_id: r.finding_status for r in stored.relationships}
    paused = family_finding_paused(store.consents(young_person_id), date_of_birth, default_as_of())
    errors = finding_stage_errors(before, network.relationships, paused)
    if errors:
        raise InvalidInput(errors)


def _document_response(network: Network, version: str | None = None) -> Response:
    response = Response(io.dumps_network(network), mimetype="application/json")
    response.headers["ETag"] = f'"{version or document_version(network)}"'
    return response


def _expected_versions() -> Collection[str] | None:
    """What the PUT's precondition expects of the stored network: the versions of ``If-Match``
    (``*`` for any), or ``None`` for ``If-None-Match: *`` (it must not exist). 428 without
    either, 400 for both or for an ``If-None-Match`` other than ``*``."""
    if_match = request.headers.get("If-Match")
    if_none_match = request.headers.get("If-None-Match")
    if if_match is not None and if_none_match is not None:
        raise ApiError(
            400,
            "Send If-Match (to replace a network) or If-None-Match: * (to create one), not both.",
            path="If-None-Match",
        )
    if if_none_match is not None:
        if if_none_match.strip() != "*":
            raise ApiError(
                400,
                'If-None-Match may only be "*": create the network only if it does not exist.',
                path="If-None-Match",
            )
        return None
    if if_match is None:
        raise ApiError(428, PRECONDITION_REQUIRED)
    return _entity_tags(if_match)


def _entity_tags(header: str) -> set[str]:
    """The versions an ``If-Match`` list names. Strong comparison (RFC 9110): a weak tag
    (``W/"..."``) never matches, nor does anything not quoted; ``*`` matches any network."""
    versions = set()
    for item in (part.strip() for part in header.split(",")):
        if item == "*":
            versions.add(ANY_VERSION)
        elif len(item) >= 2 and item[0] == item[-1] == '"' and item[1:-1] != ANY_VERSION:
            versions.add(item[1:-1])
    return versions


# --- a young person's report -------------------------------------------------------------------


@bp.get("/young-people/<young_person_id>/report")
@young_person_access
def get_report(young_person_id: str) -> Response:
    """The coverage report (``scoring.score(...).to_dict()``) on ``as_of`` (default today), and
    ``family_finding_paused``: why family finding is paused for want of consent, or null (its
    leads are then for the record only). With ``on`` instead, the network as it was at the end
    of that day (:func:`webapp.api.history.report_on`)."""
    on = request.args.get("on")
    if on is not None:
        if "as_of" in request.args:
            raise ApiError(
                400,
                "Send as_of (today's network) or on (the network of that day), not both.",
                path="on",
            )
        return history.report_on(young_person_id, on)
    day = _as_of()
    store = get_store()
    network = store.load_network(young_person_id)
    paused = family_finding_paused(
        store.consents(young_person_id), network.young_person.date_of_birth, day
    )
    return json_response({**score(network, day).to_dict(), "family_finding_paused": paused})


# --- the cohort ---------------------------------------------------------------------------------


@bp.get("/cohort")
def get_cohort() -> Response:
    """Every young person's row and the totals, for managers and admins (from the kept rows);
    for coordinators and facilitators, only the young people allocated to them (one query for
    their networks, scored now)."""
    day = _as_of()
    store = get_store()
    if current_user.role.sees_whole_cohort:
        # The kept rows (connections.cohort_rows): only those stale on this date are scored.
        rows, totals = cohort.summarise(cohort_rows.all_rows(store, day), day)
        scope = "cohort"
    else:
        ids = store.allocated_ids(current_user.username)
        networks = iter(store.networks_for_scoring(ids) if ids else [])
        rows, totals = cohort.summarise(cohort.rows(networks, day), day)
        scope = "allocated"
    return json_response(
        {
            "as_of": day.isoformat(),
            "scope": scope,
            "rows": [row.to_dict() for row in rows],
            "totals": totals.to_dict(),
        }
    )


def _as_of() -> date:
    """The ``as_of`` query parameter (YYYY-MM-DD), else the app's date; 400 naming it if bad."""
    value = request.args.get("as_of")
    if value is None:
        return default_as_of()
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            400, "as_of must be a date written YYYY-MM-DD, for example 2026-11-22.", path="as_of"
        ) from None


# --- the OpenAPI document -------------------------------------------------------------------------


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 document of this API (public)."""
    return json_response(openapi_document())
