"""``/cohort/siblings-apart``: the cohort's sibling groups with two or more in care, placed in
different households, with each one's contact with the others (:mod:`connections.siblings`),
and as CSV. Managers and administrators only, as the cohort review: two queries whatever the
cohort's size.

``/young-people/ID/people/PID/young-person``: mark a person in a young person's network (a
brother, a sister) as being another young person the worker may open, or unmark them: audited.
"""

from __future__ import annotations

import io

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField

from connections import csvfile, siblings
from connections.accounts import AuditAction, UserRole
from connections.model import SIBLING_ROLES, InvalidInput
from connections.siblings import SiblingGroup
from connections.store import NotFound, StaleEdit
from webapp.access import audit, may_open, roles_required
from webapp.db import get_store
from webapp.form_fields import ChoiceSelect, choices
from webapp.network.views import STALE_FORM, _member_or_404, _version, editor_only
from webapp.tables import as_of

bp = Blueprint("siblings", __name__)

#: The page shows this many groups; the CSV has them all.
SHOWN = 200
NOT_A_YOUNG_PERSON = ("", "Not a young person we support")


@bp.route("/cohort/siblings-apart")
@roles_required(UserRole.MANAGER, UserRole.ADMIN)
def index() -> str | Response:
    day = as_of()
    groups = siblings.from_store(get_store(), day)
    if request.args.get("format") == "csv":
        return _csv(groups, day.isoformat())
    return render_template(
        "siblings/index.html",
        groups=groups[:SHOWN],
        total=len(groups),
        gaps=sum(group.gaps for group in groups),
        as_of=day,
    )


def _csv(groups: list[SiblingGroup], day: str) -> Response:
    out = io.StringIO()
    writer = csvfile.csv_writer(out)
    writer.writerow(siblings.CSV_COLUMNS)
    for number, group in enumerate(groups, start=1):
        writer.writerows(group.csv_rows(number))
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="siblings-apart-{day}.csv"'},
    )


class YoungPersonForm(FlaskForm):
    young_person_id = ChoiceSelect(
        "Which young person are they?",
        invalid_choice_message="Choose one of your young people from the list",
    )
    version = HiddenField()
    submit = SubmitField("Save", widget=GovSubmitInput())


def _choosable(young_person_id: str) -> list[tuple[str, str]]:
    """The young people this worker may open, other than the network's own."""
    allocated = current_user.allocated
    if allocated is None and not current_user.sees_whole_cohort:
        allocated = get_store().allocated_ids(current_user.username)
    ids = None if current_user.sees_whole_cohort else sorted(allocated or ())
    return [
        (yp_id, f"{name} ({yp_id})")
        for yp_id, name in get_store().young_people_named(ids)
        if yp_id != young_person_id
    ]


@bp.route(
    "/young-people/<young_person_id>/people/<person_id>/young-person", methods=["GET", "POST"]
)
@editor_only
def mark(young_person_id: str, person_id: str) -> Response | tuple[str, int]:
    """Say that a sibling in this network is another young person (or is not)."""
    store = get_store()
    network = store.load_network(young_person_id)
    member = _member_or_404(network, person_id)
    person = member.person
    if request.method == "GET":
        form = YoungPersonForm(
            data={"young_person_id": person.young_person_id or "", "version": person.version}
        )
    else:
        form = YoungPersonForm()
    offered = _choosable(young_person_id)
    # One already marked stays offered (a worker may unmark someone else's choice).
    if person.young_person_id and person.young_person_id not in dict(offered):
        offered.insert(0, (person.young_person_id, person.young_person_id))
    form.young_person_id.choices = choices([NOT_A_YOUNG_PERSON, *offered])

    def page(problem: str | None = None, status: int = 200) -> tuple[str, int]:
        return render_template(
            "siblings/mark.html",
            network=network,
            person=person,
            relationship=member.relationship,
            is_sibling=member.relationship.role in SIBLING_ROLES,
            form=form,
            problem=problem,
        ), status

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    version = _version(form.version.data)
    if version is None:
        return page(STALE_FORM, 409)
    other = form.young_person_id.data or None
    if other is not None and other != person.young_person_id and not may_open(other):
        abort(404)
    try:
        store.mark_young_person(young_person_id, person_id, other, version)
    except InvalidInput as error:
        form.young_person_id.errors = [
            error.errors[0].message[:1].upper() + error.errors[0].message[1:]
        ]
        return page(status=400)
    except StaleEdit as error:
        return page(str(error), 409)
    except NotFound:
        abort(404)
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"person {person_id} marked as young person {other}"
        if other
        else f"person {person_id} no longer marked as a young person",
    )
    if other:
        audit(AuditAction.CHANGE, other, f"marked as person {person_id} of {young_person_id}")
    message = (
        f"{person.name} is marked as a young person we support."
        if other
        else f"{person.name} is no longer marked as a young person we support."
    )
    flash(message, "success")
    return redirect(url_for("network.manage", young_person_id=young_person_id))
