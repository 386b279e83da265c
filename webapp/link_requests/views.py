"""Link requests (docs/sharing-people.md): a coordinator whose search says only that "a possible
match exists elsewhere" asks for that person to be linked to their young person's network; a
worker allocated to a network holding a person who matched (or an administrator) approves one of
them, which creates the relationship asked for, or declines.

- ``/young-people/<id>/link-requests/new``: the request (the allocation check and the editing
  roles of :func:`webapp.network.views.editor_only`). The server works out who matched (the same
  search and rule as the add page: :func:`connections.sharing.link_request_candidates`) and keeps
  them with the request; the requester is never told who they are, and a search that matches no
  one they may ask about is refused in the words of a search that matches no one.
- ``/link-requests``: the requests waiting for the user's decision, and the user's own requests
  with their status.
- ``/link-requests/<id>``: one request for someone who may decide it (404 for anyone else, as for
  no such request), with the people it may be about that they can see; approve one, or decline.

Every request, approval and decline is audited on the requester's young person (never naming the
other young people) and on each young person whose network holds a person it names.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from connections import sharing
from connections.accounts import AuditAction
from connections.model import InvalidInput, Relationship, parse
from connections.store import (
    FIND_LIMIT,
    AlreadyExists,
    Candidate,
    LinkRefused,
    LinkRequest,
    NotFound,
)
from connections.store.link_requests import APPROVED, DECLINED
from webapp.access import audit, roles_required, search_scope
from webapp.consent.current import finding_paused, refuse_finding_move
from webapp.db import get_store
from webapp.form_fields import choices
from webapp.link_requests.forms import QUERY_MAX, ApproveForm, DeclineForm, LinkRequestForm
from webapp.network.forms import show_model_errors
from webapp.network.views import EDIT_ROLES, SEARCH_LOOK_AT, editor_only, forms_only

bp = Blueprint("link_requests", __name__)
bp.before_request(forms_only)

#: The audit trail's word for a request's events.
LINK_REQUEST = "link_request"
_REQUEST_ID = re.compile(r"^lr-[0-9a-f]{12}$")
NO_MATCH = (
    "No one you may ask about matches “{query}”: search again with another spelling, or add "
    "them as someone new"
)


def _everyone() -> bool:
    """Administrators decide any request; everyone else only those about their networks."""
    return bool(current_user.is_admin)


# --- asking ---------------------------------------------------------------------------------------


@bp.route("/young-people/<young_person_id>/link-requests/new", methods=["GET", "POST"])
@editor_only
def new(young_person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    young_person = store.get_young_person(young_person_id)
    if request.method == "GET":
        form = LinkRequestForm(data={"query": request.args.get("q", "").strip()[:QUERY_MAX]})
    else:
        form = LinkRequestForm()

    def page(status: int = 200) -> tuple[str, int]:
        html = render_template("link_requests/new.html", young_person=young_person, form=form)
        return html, status

    if not form.validate_on_submit():
        return page(400 if form.errors else 200)
    if refuse_finding_move(
        form.finding_status, None, finding_paused(young_person_id, young_person.date_of_birth)
    ):
        return page(400)
    try:
        # The person is not known yet: the relationship is checked now, linked on approval.
        relationship = parse(Relationship, {"person_id": "requested", **form.relationship_values()})
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return page(400)
    query = form.query.data or ""
    found = store.find_people(
        query, not_in_network_of=young_person_id, limit=SEARCH_LOOK_AT, **search_scope(store)
    )
    candidates = sharing.link_request_candidates(found)[:FIND_LIMIT]
    if not candidates:
        form.query.errors = [*form.query.errors, NO_MATCH.format(query=query)]
        return page(400)
    request_id = f"lr-{uuid.uuid4().hex[:12]}"
    held_by = store.create_link_request(
        request_id,
        young_person_id=young_person_id,
        query=query,
        relationship=relationship,
        requested_by=current_user.username,
        candidate_ids=[person.id for person in candidates],
    )
    audit(
        LINK_REQUEST,
        young_person_id,
        f"link request {request_id} sent: asked for “{query}” as {relationship.role.value}",
    )
    for other, person_id in held_by:
        audit(
            LINK_REQUEST,
            other,
            f"link request {request_id} from the network of {young_person_id}: "
            f"{person_id} may be the person asked for",
        )
    flash(
        "Your request is sent. A worker of the young person whose network the possible match is "
        "in will check it; its progress is under Link requests.",
        "success",
    )
    return redirect(url_for("link_requests.index"))


# --- the list -------------------------------------------------------------------------------------


@bp.route("/link-requests")
@roles_required(*EDIT_ROLES)
def index() -> str:
    store = get_store()
    return render_template(
        "link_requests/index.html",
        awaiting=store.link_requests_awaiting(current_user.username, everyone=_everyone()),
        mine=store.link_requests_made_by(current_user.username),
    )


# --- deciding -------------------------------------------------------------------------------------


def _for_decider_or_404(request_id: str) -> tuple[LinkRequest, list[Candidate]]:
    """The request and the people it may be about whom this user may see and decide; 404 as
    for no such request when there are none, or it is their own request."""
    if not _REQUEST_ID.match(request_id):
        abort(404)
    try:
        link_request, candidates = get_store().link_request_for_decider(
            request_id, current_user.username, everyone=_everyone()
        )
    except NotFound:
        abort(404)
    if not candidates or link_request.requested_by == current_user.username:
        abort(404)
    return link_request, candidates


def _decide_page(
    link_request: LinkRequest,
    candidates: list[Candidate],
    *,
    approve_form: ApproveForm | None = None,
    problem: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    form = approve_form or ApproveForm(formdata=None)
    form.person_id.choices = _candidate_choices(candidates)
    html = render_template(
        "link_requests/decide.html",
        link_request=link_request,
        candidates=candidates,
        approve_form=form,
        decline_form=DeclineForm(formdata=None),
        problem=problem,
    )
    return html, status


def _candidate_choices(candidates: list[Candidate]) -> list[Any]:
    return choices((candidate.id, candidate.name) for candidate in candidates)


@bp.route("/link-requests/<request_id>")
@roles_required(*EDIT_ROLES)
def show(request_id: str) -> tuple[str, int]:
    link_request, candidates = _for_decider_or_404(request_id)
    return _decide_page(link_request, candidates)


@bp.route("/link-requests/<request_id>/approve", methods=["POST"])
@roles_required(*EDIT_ROLES)
def approve(request_id: str) -> Response | tuple[str, int]:
    link_request, candidates = _for_decider_or_404(request_id)
    form = ApproveForm()
    form.person_id.choices = _candidate_choices(candidates)
    if not form.validate_on_submit():
        return _decide_page(link_request, candidates, approve_form=form, status=400)
    person_id = form.person_id.data or ""
    try:
        decision = get_store().approve_link_request(
            request_id, person_id, current_user.username, everyone=_everyone()
        )
    except NotFound:
        abort(404)
    except (LinkRefused, AlreadyExists) as error:
        return _decide_page(link_request, candidates, problem=str(error), status=409)
    audit(
        AuditAction.CHANGE,
        decision.young_person_id,
        f"existing person added: {person_id} (link request {request_id} approved)",
    )
    for other in decision.others:
        audit(
            LINK_REQUEST,
            other,
            f"link request {request_id} approved: {person_id} linked to the network of "
            f"{decision.young_person_id}",
        )
    name = next(c.name for c in candidates if c.id == person_id)
    flash(f"Approved: {name} is now in {link_request.young_person_name}'s network.", "success")
    return redirect(url_for("link_requests.index"))


@bp.route("/link-requests/<request_id>/decline", methods=["POST"])
@roles_required(*EDIT_ROLES)
def decline(request_id: str) -> Response | tuple[str, int]:
    link_request, candidates = _for_decider_or_404(request_id)
    if not DeclineForm().validate_on_submit():
        return _decide_page(link_request, candidates, status=400)
    try:
        decision = get_store().decline_link_request(
            request_id, current_user.username, everyone=_everyone()
        )
    except NotFound:
        abort(404)
    except LinkRefused as error:
        return _decide_page(link_request, candidates, problem=str(error), status=409)
    if decision.status == DECLINED:
        audit(LINK_REQUEST, decision.young_person_id, f"link request {request_id} declined")
    for other in decision.others:
        audit(
            LINK_REQUEST,
            other,
            f"link request {request_id} declined: {', '.join(decision.person_ids)} "
            f"not linked to the network of {decision.young_person_id}",
        )
    flash("Declined: no one is linked.", "success")
    return redirect(url_for("link_requests.index"))


@bp.app_template_filter("link_request_status")
def link_request_status(link_request: LinkRequest) -> str:
    """A request's status in words, as its requester may know it."""
    if link_request.status == APPROVED:
        return f"Approved: they are now in {link_request.young_person_name}'s network"
    if link_request.status == DECLINED:
        return "Declined"
    return "Waiting for a decision"
