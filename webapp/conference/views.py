"""The Family Group Conference: the map and the plan, shown to the family in the room.

Redaction happens here, on the server, before anything is rendered: the full network is passed
through :func:`connections.maps.redact_for_conference` at once and only the redacted copy reaches
a template. So people with ``no_contact``, people the young person asked to leave out
(``hide_in_conference``), addresses, safety notes, free-text notes and the young person's
closeness ratings are absent from the HTML sent (the page, the table, the map's JSON and the plan
form alike), not hidden by style. The coverage report is not shown: it is computed from the full
network, so it would name hidden people and its "loving" marks would reveal ratings.

During the conference the facilitator records the plan (who offers what, "Always Here"
commitments, who will stay in touch); saving changes every relationship in it through one store
call, :meth:`~connections.store.Store.update_relationships`: one transaction, one check of the
version of the network the facilitator opened, and all of the plan or none of it. Then it returns
to the conference view, which shows the plan as saved. Facilitators and coordinators (for young
people allocated to them), managers and admins may open it:
:func:`~webapp.access.young_person_access` is the check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from connections import maps
from connections.accounts import AuditAction
from connections.model import (
    Contact,
    Domain,
    FieldError,
    InvalidInput,
    Network,
    Relationship,
)
from connections.store import MemberChange, StaleEdit, Store, network_version
from webapp.access import audit, young_person_access
from webapp.conference.forms import PlanForm
from webapp.db import get_store
from webapp.filters import role_label

bp = Blueprint("conference", __name__)

_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_IN_TOUCH = {Contact.ACTIVE: "often", Contact.OCCASIONAL: "now and then"}

TAMPERED = (
    "The plan could not be saved because the form did not match the people shown. Nothing was "
    "saved: reload the page, then record the plan again."
)
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


def _shown_network(store: Store, young_person_id: str) -> Network:
    """The young person's network with everything a conference may not see taken out."""
    return maps.redact_for_conference(store.load_network(young_person_id))


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
    shown = _shown_network(get_store(), young_person_id)
    map_data = maps.build_map(shown, conference=True)
    people = _shown_people(shown)
    return render_template(
        "conference/show.html",
        young_person=shown.young_person,
        map_json=map_data.to_json(),
        map_legend=map_data.legend,
        rows=map_data.table_rows(),
        people=people,
        plan=_plan(people),
    )


def _plan_form(people: list[Shown], version: str) -> PlanForm:
    return PlanForm(
        formdata=None,
        data={
            "version": version,
            "people": [
                {
                    "person_id": s.id,
                    "support": [d.value for d in s.relationship.support],
                    "always_here": s.relationship.continues_beyond_role,
                    "keep_in_touch": s.relationship.contact.value
                    if s.relationship.contact in _IN_TOUCH
                    else "",
                }
                for s in people
            ],
        },
    )


def _plan_page(
    shown: Network,
    people: list[Shown],
    form: PlanForm,
    *,
    problem: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    by_id = {s.id: s for s in people}
    entries = [(entry, by_id[entry.form.person_id.data]) for entry in form.people]
    html = render_template(
        "conference/plan.html",
        young_person=shown.young_person,
        form=form,
        entries=entries,
        problem=problem,
    )
    return html, status


@bp.route("/young-people/<young_person_id>/conference/plan", methods=["GET", "POST"])
@young_person_access
def plan(young_person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    full = store.load_network(young_person_id)
    shown = maps.redact_for_conference(full)
    people = _shown_people(shown)
    if request.method == "GET":
        return _plan_page(shown, people, _plan_form(people, network_version(full)))

    form = PlanForm()
    by_id = {s.id: s for s in people}
    posted = [entry.form for entry in form.people]
    ids = [entry.person_id.data for entry in posted]
    if any(pid not in by_id for pid in ids) or len(set(ids)) != len(ids):
        # Never echo a posted id: it could name someone the conference may not see.
        blank = _plan_form(people, network_version(full))
        return _plan_page(shown, people, blank, problem=TAMPERED, status=400)
    if not form.validate_on_submit():
        return _plan_page(shown, people, form, status=400)
    if not posted:
        return redirect(url_for("conference.show", young_person_id=young_person_id))

    changes = []
    for entry in posted:
        change: dict[str, Any] = {
            "support": list(entry.support.data or []),
            "continues_beyond_role": bool(entry.always_here.data),
        }
        if entry.keep_in_touch.data:
            change["contact"] = entry.keep_in_touch.data
        changes.append(MemberChange(entry.person_id.data, relationship=change))
    try:
        update = store.update_relationships(
            young_person_id, changes, (form.version.data or "").strip()
        )
    except StaleEdit:
        return _plan_page(shown, people, form, problem=STALE, status=409)
    except InvalidInput as error:  # the form offers only valid values: a tampered post
        _show_plan_errors(form, error.errors)
        return _plan_page(shown, people, form, status=400)
    count = len(update.relationships)
    audit(AuditAction.CONFERENCE, young_person_id, f"plan recorded: {count} relationships changed")
    flash("The plan is saved.", "success")
    return redirect(url_for("conference.show", young_person_id=young_person_id))


def _show_plan_errors(form: PlanForm, errors: Sequence[FieldError]) -> None:
    """Put the store's errors (``changes[i].relationship.<field>``) on the person's part of the
    plan they are about; any other on the first person's."""
    for error in errors:
        match = re.fullmatch(r"changes\[(\d+)\]\.relationship\.(\w+)(?:\W.*)?", error.path)
        index = int(match.group(1)) if match else 0
        name = _PLAN_FIELDS.get(match.group(2), "support") if match else "support"
        if index >= len(form.people.entries):
            index = 0
        field = form.people.entries[index].form[name]
        field.errors = [*field.errors, f"{field.label.text}: {error.message}"]
