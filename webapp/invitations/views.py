"""A coordinator's invitations for one young person (docs/invitations.md).

- ``/young-people/<id>/invitations``: every invitation, its state, and what waits for review;
- ``/young-people/<id>/invitations/new``: choose the people (everyone but those with effective
  ``no_contact`` ticked) and the days; the answer shows the link and its QR code, once: only the
  token's hash is kept, so the link cannot be shown again (revoke it and make another);
- ``/young-people/<id>/invitations/<invitation id>``: its state and people; once answered, what
  changed for each person (before -> after, a worker's estimate kept), the score before -> after,
  and the suggestions as tasks to mark done; revoke while it is open.

Access is :func:`~webapp.access.young_person_access` (every view audited); creating, revoking and
marking a suggestion done need a role that may change networks (:func:`~webapp.network.views
.may_edit`), and are audited as ``invitation``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from connections.accounts import AuditAction
from connections.invitations import (
    DEFAULT_DAYS,
    STATE_WORDS,
    Invitation,
    InvitationState,
    check_people,
    default_people,
    new_token,
)
from connections.model import InvalidInput, Network, Safety
from connections.restrictions import effective_safeties
from connections.store import AlreadyExists
from connections.vocabulary import closeness as closeness_words
from connections.vocabulary import role_label, words
from webapp.access import audit, young_person_access
from webapp.auth.sessions import now
from webapp.db import get_store
from webapp.invitations.forms import InvitationForm
from webapp.invitations.qr import qr_svg
from webapp.network.views import may_edit
from webapp.tables import as_of

bp = Blueprint("invitations", __name__)

_TAGS = {
    InvitationState.OPEN: "govuk-tag--blue",
    InvitationState.SUBMITTED: "govuk-tag--green",
    InvitationState.EXPIRED: "govuk-tag--grey",
    InvitationState.REVOKED: "govuk-tag--red",
}


@dataclass(frozen=True, slots=True)
class Listed:
    """An invitation as the pages show it: its state now, in words and as a tag class."""

    invitation: Invitation
    state: InvitationState
    state_words: str
    tag: str


def listed(invitation: Invitation) -> Listed:
    state = invitation.state(now())
    return Listed(invitation, state, STATE_WORDS[state], _TAGS[state])


def link_for(token: str) -> str:
    """The young person's link (absolute, to send)."""
    return url_for("invitation_page.show", token=token, _external=True)


def person_choices(network: Network) -> list[tuple[str, str]]:
    """(person id, "Name (role)") for everyone in the network, with ``no contact`` said."""
    people = {person.id: person for person in network.people}
    safeties = effective_safeties(network, as_of())
    choices = []
    for relationship in sorted(
        network.relationships, key=lambda r: people[r.person_id].name.casefold()
    ):
        person = people.get(relationship.person_id)
        if person is None:
            continue
        label = f"{person.name} ({role_label(relationship.role)})"
        if safeties[person.id] is Safety.NO_CONTACT:
            label += ": no contact allowed"
        if person.deceased:
            label += ", died"
        choices.append((person.id, label))
    return choices


@bp.route("/young-people/<young_person_id>/invitations")
@young_person_access
def index(young_person_id: str) -> str:
    store = get_store()
    young_person = store.get_young_person(young_person_id)
    invitations = [listed(invitation) for invitation in store.invitations(young_person_id)]
    return render_template(
        "invitations/index.html",
        yp=young_person,
        invitations=invitations,
        can_edit=may_edit(current_user),
    )


@bp.route("/young-people/<young_person_id>/invitations/new", methods=["GET", "POST"])
@young_person_access
def new(young_person_id: str) -> Response | str | tuple[str, int]:
    """Choose the people and days; on success the link and QR code, shown this once."""
    if not may_edit(current_user):
        abort(403)
    store = get_store()
    network = store.load_network(young_person_id)
    form = InvitationForm()
    form.person_ids.choices = person_choices(network)
    if request.method == "GET":
        form.person_ids.data = default_people(network, as_of())
        form.days.data = DEFAULT_DAYS
        form.request_key.data = secrets.token_urlsafe(16)

    def page(status: int) -> tuple[str, int]:
        return render_template("invitations/new.html", yp=network.young_person, form=form), status

    if not form.validate_on_submit():
        return page(400 if form.errors else 200)
    try:
        person_ids = check_people(network, form.person_ids.data or [])
        token = new_token()
        invitation = store.create_invitation(
            young_person_id,
            person_ids,
            int(form.days.data or 0),
            current_user.username,
            now(),
            token,
            request_key=form.request_key.data or "",
        )
    except AlreadyExists:
        flash(
            "This invitation was created already, and its link was shown once. If the link "
            "was lost, revoke that invitation and create a new one.",
            "info",
        )
        return redirect(url_for("invitations.index", young_person_id=young_person_id), 303)
    except InvalidInput as error:
        form.person_ids.errors = [error.errors[0].message.capitalize()]
        return page(400)
    audit(
        AuditAction.INVITATION,
        young_person_id,
        f"invitation created: {invitation.id} ({len(person_ids)} people, until "
        f"{invitation.expires_at.date().isoformat()})",
    )
    link = link_for(token)
    return render_template(
        "invitations/created.html",
        yp=network.young_person,
        item=listed(invitation),
        link=link,
        qr=qr_svg(link, f"QR code of the link for {network.young_person.name}"),
        names=_names(network),
    )


@bp.route("/young-people/<young_person_id>/invitations/<invitation_id>")
@young_person_access
def show(young_person_id: str, invitation_id: str) -> str:
    """One invitation; once answered, the review of what changed and the suggestions."""
    store = get_store()
    network = store.load_network(young_person_id)
    invitation = store.get_invitation(young_person_id, invitation_id)
    names = _names(network)
    return render_template(
        "invitations/show.html",
        yp=network.young_person,
        item=listed(invitation),
        asked=[names[pid] for pid in invitation.person_ids if pid in names],
        can_edit=may_edit(current_user),
        closeness_words=closeness_words,
        words=words,
    )


@bp.post("/young-people/<young_person_id>/invitations/<invitation_id>/revoke")
@young_person_access
def revoke(young_person_id: str, invitation_id: str) -> Response:
    """Stop the link working, at once."""
    if not may_edit(current_user):
        abort(403)
    revoked = get_store().revoke_invitation(
        young_person_id, invitation_id, current_user.username, now()
    )
    if revoked:
        audit(AuditAction.INVITATION, young_person_id, f"invitation revoked: {invitation_id}")
        flash("The link is revoked: it no longer opens the page.", "success")
    else:
        flash("The invitation was answered or revoked already: nothing changed.", "info")
    return redirect(
        url_for("invitations.show", young_person_id=young_person_id, invitation_id=invitation_id)
    )


@bp.post("/young-people/<young_person_id>/invitations/<invitation_id>/reviewed")
@young_person_access
def reviewed(young_person_id: str, invitation_id: str) -> Response:
    """A worker has read what the answers changed: they leave the worker's to do."""
    if not may_edit(current_user):
        abort(403)
    if get_store().mark_invitation_reviewed(
        young_person_id, invitation_id, current_user.username, now()
    ):
        audit(AuditAction.INVITATION, young_person_id, f"invitation reviewed: {invitation_id}")
        flash("The answers are marked as reviewed.", "success")
    else:
        flash("The invitation is not answered, or was reviewed already: nothing changed.", "info")
    return redirect(
        url_for("invitations.show", young_person_id=young_person_id, invitation_id=invitation_id)
        + "#answers"
    )


@bp.post(
    "/young-people/<young_person_id>/invitations/<invitation_id>/suggestions/<suggestion_id>/done"
)
@young_person_access
def suggestion_done(young_person_id: str, invitation_id: str, suggestion_id: str) -> Response:
    """A worker has dealt with a suggestion (it never becomes a person by itself)."""
    if not may_edit(current_user):
        abort(403)
    get_store().mark_suggestion_done(
        young_person_id, invitation_id, suggestion_id, current_user.username, now()
    )
    audit(
        AuditAction.INVITATION,
        young_person_id,
        f"invitation suggestion done: {invitation_id} {suggestion_id}",
    )
    flash("Marked as done.", "success")
    return redirect(
        url_for("invitations.show", young_person_id=young_person_id, invitation_id=invitation_id)
        + "#suggestions"
    )


def _names(network: Network) -> dict[str, str]:
    return {person.id: person.name for person in network.people}
