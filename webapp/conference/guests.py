"""The facilitator's guest list for a Family Group Conference (docs/conference.md): who is
invited, who cannot be and why, the leak warnings and their acknowledgements, and making the
list final. Routes on the conference blueprint.

This page is for the facilitator (and the coordinators and managers who may open the young
person): it names restricted people's ties and reasons, so it is never the family view. The
rules are :mod:`connections.guest_list`, checked here on the loaded network to say why, and again
by the store in the transaction that writes (:mod:`connections.store.guest_lists`). Every view
and change is audited (``conference``).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from connections import guest_list
from connections.accounts import AuditAction
from connections.guest_list import GuestList, LeakWarning
from connections.model import InvalidInput, Network
from connections.store import GuestRefused, NotFound, StaleEdit, Store
from webapp.access import audit, young_person_access
from webapp.conference.availability import conference_sharing, family_view_available
from webapp.conference.views import bp
from webapp.db import get_store
from webapp.filters import role_label
from webapp.tables import as_of


@dataclass(frozen=True)
class Invitee:
    id: str
    name: str
    role: str
    reason: str | None = None


def _version() -> int:
    try:
        return int(request.form.get("version", ""))
    except ValueError:
        return -1


def _page(
    store: Store,
    network: Network,
    guests: GuestList,
    *,
    errors: list[dict[str, str]] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    day = as_of()
    names = {person.id: person.name for person in network.people}
    people = sorted(
        (
            Invitee(
                r.person_id,
                names[r.person_id],
                role_label(r.role),
                guest_list.refusal(network, r.person_id, day),
            )
            for r in network.relationships
            if r.person_id in names
        ),
        key=lambda i: (i.name.casefold(), i.id),
    )
    invited = set(guests.guest_ids)
    warnings: list[LeakWarning] = guest_list.leak_warnings(network, invited, day)
    html = render_template(
        "conference/guests.html",
        young_person=network.young_person,
        guests=guests,
        invited=[p for p in people if p.id in invited],
        may_invite=[p for p in people if p.id not in invited and p.reason is None],
        refused=[p for p in people if p.reason is not None],
        warnings=warnings,
        blockers=guest_list.blockers(network, invited, guests.acknowledgements, day),
        available=family_view_available(store, network, guests, day),
        consent=conference_sharing(store, network.young_person, day),
        errors=errors or [],
    )
    return html, status


def _loaded(young_person_id: str) -> tuple[Store, Network, GuestList]:
    store = get_store()
    return store, store.load_network(young_person_id), store.guest_list(young_person_id)


@bp.route("/young-people/<young_person_id>/conference/guests")
@young_person_access
def guests(young_person_id: str) -> tuple[str, int]:
    """The guest list, for the facilitator."""
    return _page(*_loaded(young_person_id))


def _refused(young_person_id: str, field: str, message: str, status: int) -> tuple[str, int]:
    store, network, current = _loaded(young_person_id)
    return _page(
        store, network, current, errors=[{"text": message, "href": f"#{field}"}], status=status
    )


def _done(young_person_id: str, detail: str, message: str) -> Response:
    audit(AuditAction.CONFERENCE, young_person_id, detail)
    flash(message, "success")
    return redirect(url_for("conference.guests", young_person_id=young_person_id))


@bp.post("/young-people/<young_person_id>/conference/guests/add")
@young_person_access
def add_guest(young_person_id: str) -> Response | tuple[str, int]:
    """Invite one person: refused, with the reason, for anyone who may not be invited."""
    store, network, _ = _loaded(young_person_id)
    person_id = request.form.get("person_id", "").strip()
    if not person_id:
        return _refused(young_person_id, "person_id", "Choose who to invite.", 400)
    reason = guest_list.refusal(network, person_id, as_of())
    if reason is not None:
        audit(AuditAction.CONFERENCE, young_person_id, f"guest refused: {person_id}")
        return _refused(young_person_id, "person_id", reason, 400)
    try:
        store.add_guest(young_person_id, person_id, _version(), as_of())
    except StaleEdit as error:
        return _refused(young_person_id, "person_id", str(error), 409)
    except InvalidInput as error:
        return _refused(young_person_id, "person_id", error.errors[0].message, 400)
    name = network.person(person_id).name
    return _done(young_person_id, f"guest added: {person_id}", f"{name} is on the guest list.")


@bp.post("/young-people/<young_person_id>/conference/guests/<person_id>/remove")
@young_person_access
def remove_guest(young_person_id: str, person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    try:
        store.remove_guest(young_person_id, person_id, _version(), as_of())
    except StaleEdit as error:
        return _refused(young_person_id, "guests", str(error), 409)
    except NotFound as error:
        return _refused(young_person_id, "guests", str(error), 404)
    return _done(
        young_person_id, f"guest removed: {person_id}", "They are no longer on the guest list."
    )


@bp.post("/young-people/<young_person_id>/conference/guests/acknowledge")
@young_person_access
def acknowledge(young_person_id: str) -> Response | tuple[str, int]:
    """Acknowledge one warning, with the reason the guest may still attend (required)."""
    key = request.form.get("key", "")
    field = f"reason-{key}"
    try:
        get_store().acknowledge_warning(
            young_person_id,
            key,
            request.form.get("reason", ""),
            current_user.username,
            _version(),
            as_of(),
        )
    except InvalidInput as error:
        return _refused(young_person_id, field, error.errors[0].message, 400)
    except StaleEdit as error:
        return _refused(young_person_id, field, str(error), 409)
    except NotFound as error:
        return _refused(young_person_id, "warnings", str(error), 404)
    return _done(young_person_id, f"warning acknowledged: {key}", "The warning is acknowledged.")


@bp.post("/young-people/<young_person_id>/conference/guests/finalise")
@young_person_access
def finalise(young_person_id: str) -> Response | tuple[str, int]:
    """Make the list final: refused while anything is in the way."""
    try:
        get_store().finalise_guest_list(young_person_id, current_user.username, _version(), as_of())
    except GuestRefused as error:
        return _refused(young_person_id, "finalise", str(error), 400)
    except StaleEdit as error:
        return _refused(young_person_id, "finalise", str(error), 409)
    return _done(young_person_id, "guest list finalised", "The guest list is final.")
