"""The Family Group Conference: the map and the plan, shown to the family in the room.

Redaction happens here, on the server, before anything is rendered: the full network is passed
through :func:`connections.maps.redact_for_conference` at once and only the redacted copy reaches
a template. So people with ``no_contact``, people the young person asked to leave out
(``hide_in_conference``), addresses, safety notes, free-text notes and the young person's
closeness ratings are absent from the HTML sent (the page, the table, the map's JSON and the plan
form alike), not hidden by style. The coverage report is not shown: it is computed from the full
network, so it would name hidden people and its "loving" marks would reveal ratings.

During the conference the facilitator records the plan (who offers what, "Always Here"
commitments, who will stay in touch); saving changes the relationships through the store, each
with the version the facilitator saw, and returns to the conference view, which shows the plan as
saved. Facilitators and coordinators (for young people allocated to them), managers and admins may
open it: :func:`~webapp.access.young_person_access` is the check.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from connections import maps
from connections.accounts import AuditAction
from connections.model import (
    Contact,
    Domain,
    InvalidInput,
    Network,
    Relationship,
    revise,
)
from connections.store import NotFound, StaleEdit, Store
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
    "Someone else saved changes to this relationship after you opened the plan. Nothing was "
    "saved: reload the page to see their changes, then record the plan again."
)


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


def _plan_form(people: list[Shown]) -> PlanForm:
    return PlanForm(
        formdata=None,
        data={
            "people": [
                {
                    "person_id": s.id,
                    "version": str(s.relationship.version),
                    "support": [d.value for d in s.relationship.support],
                    "always_here": s.relationship.continues_beyond_role,
                    "keep_in_touch": s.relationship.contact.value
                    if s.relationship.contact in _IN_TOUCH
                    else "",
                }
                for s in people
            ]
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
        return _plan_page(shown, people, _plan_form(people))

    form = PlanForm()
    by_id = {s.id: s for s in people}
    posted = [entry.form for entry in form.people]
    ids = [entry.person_id.data for entry in posted]
    if any(pid not in by_id for pid in ids) or len(set(ids)) != len(ids):
        # Never echo a posted id: it could name someone the conference may not see.
        return _plan_page(shown, people, _plan_form(people), problem=TAMPERED, status=400)
    if not form.validate_on_submit():
        return _plan_page(shown, people, form, status=400)

    current = {r.person_id: r for r in full.relationships}
    changes: list[tuple[Relationship, dict[str, Any]]] = []
    for entry in posted:
        relationship = current[entry.person_id.data]
        if str(relationship.version) != (entry.version.data or "").strip():
            return _plan_page(shown, people, form, problem=STALE, status=409)
        change: dict[str, Any] = {
            "support": list(entry.support.data or []),
            "continues_beyond_role": bool(entry.always_here.data),
        }
        if entry.keep_in_touch.data:
            change["contact"] = entry.keep_in_touch.data
        changes.append((relationship, change))
    try:
        saved = _save(store, young_person_id, changes)
    except StaleEdit:
        return _plan_page(shown, people, form, problem=STALE, status=409)
    except InvalidInput:  # pragma: no cover - the form only offers valid values
        return _plan_page(shown, people, form, problem=TAMPERED, status=400)
    audit(AuditAction.CONFERENCE, young_person_id, f"plan recorded: {saved} relationships changed")
    flash("The plan is saved.", "success")
    return redirect(url_for("conference.show", young_person_id=young_person_id))


def _save(
    store: Store, young_person_id: str, changes: list[tuple[Relationship, dict[str, Any]]]
) -> int:
    """Save every changed relationship, or (when one turns out stale) none: the ones saved
    before it are put back."""
    saved: list[tuple[Relationship, Relationship]] = []
    try:
        for relationship, change in changes:
            revised = revise(relationship, change)
            if revised.model_dump() == relationship.model_dump():
                continue
            saved.append((relationship, store.update_relationship(young_person_id, revised)))
    except StaleEdit:
        for before, after in reversed(saved):
            restored = before.model_copy()
            object.__setattr__(restored, "version", after.version)
            with contextlib.suppress(StaleEdit, NotFound):  # a third editor at that moment
                store.update_relationship(young_person_id, restored)
        raise
    return len(saved)
