"""The Family Group Conference: the map and the plan, shown to the family in the room.

Redaction happens here, on the server, before anything is rendered: the full network is passed
through :func:`connections.audiences.for_conference` at once and only the redacted copy reaches
a template. So people whose effective safety is ``no_contact`` (their own safety, or a
restriction in force), people the young person asked to leave out
(``hide_in_conference``), addresses, safety notes, free-text notes and the young person's
closeness ratings are absent from the HTML sent (the page, the table, the map's JSON and the plan
form alike), not hidden by style. The coverage report is not shown: it is computed from the full
network, so it would name hidden people and its "loving" marks would reveal ratings.

During the conference the facilitator records the plan (who offers what, "Always Here"
commitments, who will stay in touch) one person at a time, live in the room: the plan page is a
compact list of the people shown with their part so far, each linking to a short page for that
person (the same height however large the network). Each save goes through one store call,
:meth:`~connections.store.Store.update_relationships`: one transaction, under the young person's
write lock, with one check of the version the page was opened on, and all of that person's part
or none of it; then on to the next person (or back to the list). That version is the
conference's own (:func:`connections.audiences.conference_version`): computed only from what the
conference is shown, so it gives away nothing about hidden people (the whole network's version
would change with them and, ids being guessable, could name them). The person is the one in the
page's address: someone the conference may not see gets the same 404 as no one at all.
Facilitators and coordinators (for young people allocated to them), managers and admins may open
it:
:func:`~webapp.access.young_person_access` is the check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from connections import audiences, maps, svgmap
from connections.accounts import AuditAction
from connections.guest_list import GuestList
from connections.model import (
    Contact,
    Domain,
    FieldError,
    InvalidInput,
    Network,
    Relationship,
    YoungPerson,
)
from connections.store import MemberChange, StaleEdit, Store
from webapp.access import audit, young_person_access
from webapp.conference.availability import family_view_available
from webapp.conference.forms import PersonPlanForm
from webapp.db import get_store
from webapp.filters import role_label
from webapp.tables import as_of

bp = Blueprint("conference", __name__)

_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_IN_TOUCH = {Contact.ACTIVE: "often", Contact.OCCASIONAL: "now and then"}

STALE = (
    "Someone else saved changes to this young person's network after you opened the plan. "
    "Nothing was saved: reload the page to see their changes, then record the plan again."
)
#: The form field that carries each relationship field the plan changes.
_PLAN_FIELDS = {
    "support": "support",
    "continues_beyond_role": "always_here",
    "contact": "keep_in_touch",
}


@bp.before_request
def _forms_only() -> None:
    if request.method == "POST" and request.mimetype and request.mimetype not in _FORM_TYPES:
        abort(415)


@dataclass(frozen=True)
class Shown:
    """A person as the conference may see them: name, role, what they offer."""

    id: str
    name: str
    role: str
    paid: bool
    relationship: Relationship

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


@dataclass(frozen=True)
class Plan:
    domains: list[tuple[Domain, list[Shown]]]
    always_here: list[Shown]
    in_touch: list[tuple[Shown, str]]


class NotAvailable(Exception):
    """The family view may not be shown yet (the guest list is not final, or the consent to
    share information at the conference is not in place)."""

    def __init__(self, young_person: YoungPerson):
        super().__init__(young_person.id)
        self.young_person = young_person


def _loaded(store: Store, young_person_id: str) -> tuple[Network, Network, GuestList]:
    """The young person's whole network, the same with everything a conference may not see
    taken out (the only one a template is given), and the guest list;
    :class:`NotAvailable` unless the family view may be shown
    (:func:`~webapp.conference.availability.family_view_available`)."""
    network = store.load_network(young_person_id)
    guests = store.guest_list(young_person_id)
    if not family_view_available(store, network, guests, as_of()):
        raise NotAvailable(network.young_person)
    return network, audiences.for_conference(network, as_of()), guests


def _shown_network(store: Store, young_person_id: str) -> Network:
    return _loaded(store, young_person_id)[1]


@bp.errorhandler(NotAvailable)
def _not_available(error: NotAvailable) -> tuple[str, int]:
    """Said in plain words, with nothing of the network: no name but the young person's, no
    warning, no reason (the facilitator's guest list is another page). A plan posted meanwhile
    is refused (409): nothing is saved while the view is closed."""
    status = 409 if request.method == "POST" else 200
    return render_template("conference/not_available.html", young_person=error.young_person), status


def _shown_people(shown: Network) -> list[Shown]:
    names = {person.id: person.name for person in shown.people}
    people = [
        Shown(r.person_id, names[r.person_id], role_label(r.role), r.paid, r)
        for r in shown.relationships
        if r.person_id in names
    ]
    return sorted(people, key=lambda s: (s.name.casefold(), s.id))


def _plan(people: list[Shown]) -> Plan:
    return Plan(
        domains=[
            (domain, [s for s in people if domain in s.relationship.support]) for domain in Domain
        ],
        always_here=[s for s in people if s.relationship.continues_beyond_role],
        in_touch=[
            (s, _IN_TOUCH[s.relationship.contact])
            for s in people
            if s.relationship.contact in _IN_TOUCH
        ],
    )


@bp.route("/young-people/<young_person_id>/conference")
@young_person_access
def show(young_person_id: str) -> str:
    store = get_store()
    _, shown, guests = _loaded(store, young_person_id)
    own_words = audiences.conference_words(store.own_words(young_person_id))
    map_data = maps.build_map(shown, conference=True, as_of=as_of())
    people = _shown_people(shown)
    attending = set(guests.guest_ids)
    rows = map_data.table_rows()
    ids = [node["id"] for node in map_data.nodes if node.get("kind") == "person"]
    return render_template(
        "conference/show.html",
        young_person=shown.young_person,
        map_json=map_data.to_json(),
        map_legend=map_data.legend,
        map_data=map_data,
        rows=[(row, person_id in attending) for row, person_id in zip(rows, ids, strict=True)],
        people=people,
        attending=attending,
        plan=_plan(people),
        own_words=own_words,
    )


@bp.route("/young-people/<young_person_id>/conference/map.svg")
@young_person_access
def map_svg(young_person_id: str) -> Response:
    """The family's map as a picture to print or keep: drawn from the conference's projection
    of the network (the only one :func:`_loaded` gives), never from the whole network; closed
    when the family view is."""
    _, shown, _ = _loaded(get_store(), young_person_id)
    svg = svgmap.render_svg(
        maps.build_map(shown, conference=True, as_of=as_of()),
        title=svgmap.map_title(shown.young_person.name, as_of(), conference=True),
    )
    audit(AuditAction.EXPORT, young_person_id, "conference map.svg")
    response = Response(svg, mimetype="image/svg+xml")
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", young_person_id)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="conference-map-{safe}-{as_of().isoformat()}.svg"'
    )
    return response


def _conference_version(shown: Network) -> str:
    return audiences.conference_version(
        {r.person_id: r for r in shown.relationships}, {p.id: p for p in shown.people}
    )


@bp.route("/young-people/<young_person_id>/conference/plan")
@young_person_access
def plan(young_person_id: str) -> str:
    """The plan as recorded so far, one compact row per person, each linking to their part."""
    _, shown, guests = _loaded(get_store(), young_person_id)
    people = _shown_people(shown)
    return render_template(
        "conference/plan.html",
        young_person=shown.young_person,
        people=people,
        attending=set(guests.guest_ids),
        in_touch=_IN_TOUCH,
    )


def _person_page(
    shown: Network,
    people: list[Shown],
    index: int,
    form: PersonPlanForm,
    *,
    problem: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    html = render_template(
        "conference/plan_person.html",
        young_person=shown.young_person,
        person=people[index],
        position=index + 1,
        count=len(people),
        previous=people[index - 1] if index > 0 else None,
        following=people[index + 1] if index + 1 < len(people) else None,
        form=form,
        problem=problem,
    )
    return html, status


@bp.route("/young-people/<young_person_id>/conference/plan/<person_id>", methods=["GET", "POST"])
@young_person_access
def plan_person(young_person_id: str, person_id: str) -> Response | tuple[str, int]:
    """Record one person's part of the plan: one save, all of it or none, checked against the
    conference's version of the network the page was opened on."""
    store = get_store()
    network, shown, _ = _loaded(store, young_person_id)
    people = _shown_people(shown)
    index = next((i for i, s in enumerate(people) if s.id == person_id), None)
    if index is None:  # unknown, or someone the conference may not see: the same answer
        abort(404)
    person = people[index]

    if request.method == "GET":
        relationship = person.relationship
        return _person_page(
            shown,
            people,
            index,
            PersonPlanForm(
                formdata=None,
                data={
                    "version": _conference_version(shown),
                    "support": [d.value for d in relationship.support],
                    "always_here": relationship.continues_beyond_role,
                    "keep_in_touch": relationship.contact.value
                    if relationship.contact in _IN_TOUCH
                    else "",
                },
            ),
        )

    form = PersonPlanForm()
    if not form.validate_on_submit():
        return _person_page(shown, people, index, form, status=400)
    change: dict[str, Any] = {
        "support": list(form.support.data or []),
        "continues_beyond_role": bool(form.always_here.data),
    }
    if form.keep_in_touch.data:
        change["contact"] = form.keep_in_touch.data
    try:
        update = store.update_relationships(
            young_person_id,
            [MemberChange(person_id, relationship=change)],
            (form.version.data or "").strip(),
            version_of=partial(
                audiences.conference_version,
                imposed=audiences.conference_imposed(network, as_of()),
            ),
        )
    except StaleEdit:
        return _person_page(shown, people, index, form, problem=STALE, status=409)
    except InvalidInput as error:  # the form offers only valid values: a tampered post
        _show_plan_errors(form, error.errors)
        return _person_page(shown, people, index, form, status=400)
    outcome = "changed" if update.relationships else "no change"
    audit(AuditAction.CONFERENCE, young_person_id, f"plan recorded for {person_id}: {outcome}")
    flash(f"{person.name}'s part of the plan is saved.", "success")
    if form.save_next.data and index + 1 < len(people):
        following = people[index + 1].id
        return redirect(
            url_for("conference.plan_person", young_person_id=young_person_id, person_id=following)
        )
    return redirect(url_for("conference.plan", young_person_id=young_person_id))


def _show_plan_errors(form: PersonPlanForm, errors: Sequence[FieldError]) -> None:
    """Put the store's errors (``changes[0].relationship.<field>``) on the field they are about;
    any other on what they offer."""
    for error in errors:
        match = re.fullmatch(r"changes\[\d+\]\.relationship\.(\w+)(?:\W.*)?", error.path)
        field = form[_PLAN_FIELDS.get(match.group(1), "support") if match else "support"]
        field.errors = [*field.errors, f"{field.label.text}: {error.message}"]
