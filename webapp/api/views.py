"""The /api/v1 endpoints: a young person's network (GET, PUT), their report, the cohort, and the
OpenAPI document that describes them (:mod:`webapp.api.openapi`).

Access is the pages' (:mod:`webapp.access`): a young person not allocated to a coordinator or
facilitator is 404, exactly as one that does not exist; managers and admins may open anyone.
Changing a network needs the coordinator, manager or admin role (a facilitator gets 403), and
only managers and admins may create a young person. Every view of a young person is audited
(``view``, with the endpoint), every change too (``change``), and every refusal of a signed-in
caller (``denied``: not allocated, or a role that may not change networks).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date

from flask import Response, request, url_for
from flask_login import current_user

from connections import cohort, io, sharing
from connections.accounts import AuditAction, UserRole
from connections.model import FieldError, InvalidInput, Network, parse_network
from connections.scoring import score
from connections.store import NotFound
from webapp.access import audit, search_scope, young_person_access
from webapp.api.base import ApiError, bp, json_response, read_body
from webapp.api.openapi import openapi_document
from webapp.db import get_store
from webapp.tables import as_of as default_as_of

#: Roles that may change a young person's network through the API.
EDITORS = frozenset({UserRole.COORDINATOR, UserRole.MANAGER, UserRole.ADMIN})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- a young person's network ------------------------------------------------------------------


@bp.get("/young-people/<young_person_id>/network")
@young_person_access
def get_network(young_person_id: str) -> Response:
    """The network JSON document (``docs/network-format.md``), with an ``ETag``."""
    document = io.dumps_network(get_store().load_network(young_person_id))
    return _document_response(document)


@bp.put("/young-people/<young_person_id>/network")
@young_person_access
def put_network(young_person_id: str) -> Response:
    """Replace (or, for managers and admins, create) a network: checked completely, then saved
    in one transaction, or not at all."""
    if current_user.role not in EDITORS:
        audit(AuditAction.DENIED, young_person_id, f"{request.endpoint}: role {current_user.role}")
        raise ApiError(403, f"A {current_user.role.label} may not change networks.")
    network = _network_from_body(young_person_id)

    store = get_store()
    _refuse_people_not_seen(network)
    try:
        current = io.dumps_network(store.load_network(young_person_id))
    except NotFound:
        current = None
    if current is None and not current_user.role.sees_whole_cohort:
        # Unreachable through young_person_access today (allocations need the young person to
        # exist); kept so the rule does not depend on that.
        raise ApiError(403, "Only managers and administrators may add a young person.")
    _check_if_match(current)

    store.save_network(network)
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"{request.endpoint}: network {'created' if current is None else 'replaced'}",
    )
    response = _document_response(io.dumps_network(store.load_network(young_person_id)))
    if current is None:
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
        document = json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ApiError(400, f"The body is not valid JSON: {where}: {error.msg}.") from None
    except (ValueError, RecursionError) as error:
        # NaN or Infinity, a number too long to convert, or nesting too deep to read.
        reason = str(error) if isinstance(error, ValueError) else "it is nested too deeply"
        raise ApiError(400, f"The body is not valid JSON: {reason}.") from None

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


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _etag(document: str) -> str:
    return '"' + hashlib.sha256(document.encode("utf-8")).hexdigest()[:32] + '"'


def _document_response(document: str) -> Response:
    response = Response(document, mimetype="application/json")
    response.headers["ETag"] = _etag(document)
    return response


def _check_if_match(current: str | None) -> None:
    """With ``If-Match`` (the ETag of a GET), refuse to overwrite a network that changed since."""
    header = request.headers.get("If-Match")
    if header is None:
        return
    tags = {tag.strip() for tag in header.split(",")}
    # Strong comparison (RFC 9110): weak tags never match; "*" only when the network exists.
    matches = current is not None and ("*" in tags or _etag(current) in tags)
    if not matches:
        raise ApiError(
            412,
            "The network has changed since you loaded it (its ETag no longer matches If-Match). "
            "GET it again, make your change to that, and PUT it again.",
        )


# --- a young person's report -------------------------------------------------------------------


@bp.get("/young-people/<young_person_id>/report")
@young_person_access
def get_report(young_person_id: str) -> Response:
    """The coverage report (``scoring.score(...).to_dict()``) on ``as_of`` (default today)."""
    day = _as_of()
    network = get_store().load_network(young_person_id)
    return json_response(score(network, day).to_dict())


# --- the cohort ---------------------------------------------------------------------------------


@bp.get("/cohort")
def get_cohort() -> Response:
    """Every young person's row and the totals, for managers and admins; for coordinators and
    facilitators, only the young people allocated to them (one query for their networks)."""
    day = _as_of()
    store = get_store()
    if current_user.role.sees_whole_cohort:
        networks = (network for batch in store.iter_networks() for network in batch)
        scope = "cohort"
    else:
        ids = store.allocated_ids(current_user.username)
        networks = iter(store.networks_for_scoring(ids) if ids else [])
        scope = "allocated"
    rows, totals = cohort.summarise(cohort.rows(networks, day), day)
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
