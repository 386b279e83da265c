"""A young person's restrictions on contact (docs/restrictions.md): list them (in force, to
review and why, ended), record one for someone in the network, end one.

Listing goes through :func:`~webapp.access.young_person_access` (404 for a young person the user
may not open; the view is audited); recording and ending through
:func:`~webapp.network.views.editor_only` too (403 for a facilitator). A restriction is never
removed: ending one sets its last day in force, on the version the editor saw (409 and nothing
written if someone changed it in between), and the audit trail records who did it.

The young person's page, the relationship page and the map show restrictions from the network
they already loaded: the template globals here (:func:`restriction_summary`,
:func:`withheld_notices`) work them out from that value, with no query of their own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from connections.accounts import AuditAction
from connections.model import InvalidInput, Network, Restriction, RestrictionScope, parse
from connections.restrictions import (
    KIND_WORDS,
    SCOPE_WORDS,
    ToReview,
    address_withheld_from,
    to_review,
)
from connections.store import NotFound, RestrictionRecord, StaleEdit
from webapp.access import audit, young_person_access
from webapp.db import get_store
from webapp.filters import long_date
from webapp.form_fields import ID_PATTERN, capitalised
from webapp.network.forms import show_model_errors
from webapp.network.views import STALE_FORM, _people_choices, _version, editor_only, may_edit
from webapp.restrictions.forms import EndRestrictionForm, RestrictionForm
from webapp.tables import as_of

bp = Blueprint("restrictions", __name__)


@bp.app_template_filter("restriction_kind")
def restriction_kind(restriction: Restriction) -> str:
    """``Prohibited steps order``."""
    return capitalised(KIND_WORDS[restriction.kind])


@bp.app_template_filter("restriction_scope")
def restriction_scope(restriction: Restriction) -> str:
    """``No contact``, ``Supervised contact only``, ``Addresses withheld``."""
    return capitalised(SCOPE_WORDS[restriction.scope])


@dataclass(frozen=True, slots=True)
class Summary:
    """What a page says about a young person's restrictions on ``as_of``."""

    in_force: list[tuple[Restriction, str]]  # (restriction, person's name), in force now
    to_review: list[ToReview]
    withheld: list[str]  # sentences about addresses withheld


def summary(network: Network, day: date) -> Summary:
    """The restrictions in force on ``day`` with their person's name, those to review and why,
    and what is said about addresses withheld: from the network value alone."""
    names = {person.id: person.name for person in network.people}
    in_force = sorted(
        (
            (restriction, names.get(restriction.person_id, restriction.person_id))
            for restriction in network.restrictions
            if restriction.active_on(day)
        ),
        key=lambda pair: (pair[1].casefold(), pair[0].starts, pair[0].id),
    )
    return Summary(in_force, to_review(network, day), withheld_notices(network, day))


def withheld_notices(network: Network, day: date) -> list[str]:
    """One sentence per person with an ``address_withheld`` restriction in force on ``day``:
    whose addresses must never reach them, and what withholds them."""
    young_person = network.young_person.name
    names = {person.id: person.name for person in network.people}
    notices = []
    for restriction in network.restrictions:
        if restriction.scope is not RestrictionScope.ADDRESS_WITHHELD:
            continue
        if not restriction.active_on(day):
            continue
        what = KIND_WORDS[restriction.kind]
        if restriction.source:
            what += f" ({restriction.source})"
        notices.append(
            f"The addresses of {young_person} and of {young_person}'s carers must never reach "
            f"{names.get(restriction.person_id, restriction.person_id)}: a {what} withholds them."
        )
    return sorted(set(notices))


@bp.app_template_global("restriction_summary")
def restriction_summary(network: Network) -> Summary:
    """:func:`summary` for today (or the app's fixed date), for any page that has the network."""
    return summary(network, as_of())


@bp.app_template_global("restrictions_on")
def restrictions_on(network: Network, person_id: str) -> list[Restriction]:
    """The restrictions of the network on one person, newest first (ended ones too)."""
    found = [r for r in network.restrictions if r.person_id == person_id]
    return sorted(found, key=lambda r: (r.starts, r.id), reverse=True)


@bp.app_template_global("addresses_withheld_from")
def addresses_withheld_from(network: Network) -> list[str]:
    """The names of the people from whom the young person's and their carers' addresses are
    withheld today."""
    names = {person.id: person.name for person in network.people}
    return sorted(names.get(pid, pid) for pid in address_withheld_from(network, as_of()))


# --- pages ----------------------------------------------------------------------------------------


@bp.route("/young-people/<young_person_id>/restrictions")
@young_person_access
def index(young_person_id: str) -> str:
    """Every restriction of the young person: in force or to come, to review (and why), ended."""
    page = get_store().restriction_page(young_person_id)
    day = as_of()
    network = page.network()
    reasons = {item.restriction.id: item.reason for item in to_review(network, day)}
    current = [r for r in page.records if not _ended(r.restriction, day)]
    ended = [r for r in page.records if _ended(r.restriction, day)]
    return render_template(
        "restrictions/index.html",
        young_person=page.young_person,
        current=current,
        ended=ended,
        reasons=reasons,
        review=[r for r in page.records if r.restriction.id in reasons],
        withheld=withheld_notices(network, day),
        can_edit=may_edit(current_user),
        day=day,
    )


def _ended(restriction: Restriction, day: date) -> bool:
    return restriction.ends is not None and restriction.ends < day


@bp.route("/young-people/<young_person_id>/restrictions/new", methods=["GET", "POST"])
@editor_only
def new(young_person_id: str) -> Response | tuple[str, int]:
    """Record a restriction on the young person's contact with someone in their network."""
    store = get_store()
    page = store.restriction_page(young_person_id)
    if request.method == "GET" and request.args.get("person"):
        form = RestrictionForm(data={"person_id": request.args.get("person", "")[:64]})
    else:
        form = RestrictionForm()
    network = page.network().model_copy(update={"people": page.people})
    form.person_id.choices = _people_choices(network, "Choose a person")

    def render(problem: str | None = None, status: int = 200) -> tuple[str, int]:
        html = render_template(
            "restrictions/new.html", young_person=page.young_person, form=form, problem=problem
        )
        return html, status

    if request.method == "GET":
        form.person_id.errors = []
        return render()
    if not form.validate_on_submit():
        return render(status=400)
    try:
        restriction = parse(
            Restriction,
            {
                "id": f"r-{uuid.uuid4().hex[:12]}",
                "person_id": form.person_id.data,
                "kind": form.kind.data,
                "scope": form.scope.data,
                "starts": form.starts.data,
                "review_by": form.review_by.data,
                "source": form.source.data or "",
                "note": form.note.data or "",
            },
        )
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return render(status=400)
    try:
        saved = store.add_restriction(young_person_id, restriction, current_user.display_name)
    except NotFound:  # they left the network in between
        return render("That person is no longer in the network. Nothing was saved.", 409)
    audit(AuditAction.CHANGE, young_person_id, _detail("restriction added", saved))
    return _back(
        young_person_id,
        f"The {KIND_WORDS[restriction.kind]} ({SCOPE_WORDS[restriction.scope]}) on "
        f"{saved.person_name} is recorded.",
    )


@bp.route(
    "/young-people/<young_person_id>/restrictions/<restriction_id>/end", methods=["GET", "POST"]
)
@editor_only
def end(young_person_id: str, restriction_id: str) -> Response | tuple[str, int]:
    """End a restriction: its last day in force. Nothing else about it changes."""
    if not ID_PATTERN.match(restriction_id):
        abort(404)
    store = get_store()
    page = store.restriction_page(young_person_id)
    record = next((r for r in page.records if r.restriction.id == restriction_id), None)
    if record is None:
        abort(404)
    if request.method == "GET":
        form = EndRestrictionForm(
            data={"ends": as_of(), "version": str(record.restriction.version)}
        )
    else:
        form = EndRestrictionForm()

    def render(problem: str | None = None, status: int = 200) -> tuple[str, int]:
        html = render_template(
            "restrictions/end.html",
            young_person=page.young_person,
            record=record,
            form=form,
            problem=problem,
        )
        return html, status

    if request.method == "GET":
        return render()
    if not form.validate_on_submit():
        return render(status=400)
    version = _version(form.version.data)
    if version is None:
        return render(STALE_FORM, 409)
    try:
        ended = store.end_restriction(young_person_id, restriction_id, form.ends.data, version)
    except StaleEdit as error:
        return render(str(error), 409)
    except InvalidInput:  # it starts after that day
        form.ends.errors = [
            "Last day it is in force must be on or after the day it starts "
            f"({long_date(record.restriction.starts)})"
        ]
        return render(status=400)
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"{_detail('restriction ended', ended)}; ends {ended.restriction.ends}",
    )
    return _back(
        young_person_id,
        f"The {KIND_WORDS[ended.restriction.kind]} on {ended.person_name} ends on "
        f"{long_date(ended.restriction.ends)}.",
    )


def _detail(what: str, record: RestrictionRecord) -> str:
    restriction = record.restriction
    return (
        f"{what}: {restriction.id} ({restriction.kind.value}, {restriction.scope.value}) "
        f"on {restriction.person_id}"
    )


def _back(young_person_id: str, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for("restrictions.index", young_person_id=young_person_id))
