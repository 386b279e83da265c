"""Add a young person from the web app, rather than only by import or the API.

Managers and admins may add young people; coordinators and facilitators may not. Allocation is
the gate that decides which worker sees a child's network, and managers (or admins) set it: a
worker who could create young people would allocate themselves, and could create a second record
of a child already on the system whom they are not allowed to see (and the "id already taken"
answer would tell them that child is there, which the 404 for other young people is there to
hide). Managers and admins see the whole cohort already, so that answer tells them nothing new.

The creator is therefore not allocated (they open anyone already, and "My young people" is a
worker's caseload); instead the form allocates the new young person to an active coordinator or
facilitator of the manager's choosing, in the same write as the record. The new young person is
audited as a change by the creator, and the next page is "Manage the network", to add people.
"""

from __future__ import annotations

import secrets

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from connections.accounts import AuditAction, UserRole
from connections.model import InvalidInput, YoungPerson, parse
from connections.store import AlreadyExists, NotFound, Store
from webapp.access import audit, roles_required
from webapp.db import get_store
from webapp.form_fields import choices
from webapp.network.forms import show_model_errors
from webapp.new_young_person.forms import NOBODY_YET, AddYoungPersonForm

bp = Blueprint("new_young_person", __name__)

#: The roles that may add a young person (see the module's docstring for why not workers).
MAY_ADD = (UserRole.MANAGER, UserRole.ADMIN)
#: The roles a new young person may be allocated to from this form.
ALLOCATABLE = (UserRole.COORDINATOR, UserRole.FACILITATOR)


@bp.route("/add-young-person", methods=["GET", "POST"])
@roles_required(*MAY_ADD)
def add() -> Response | tuple[str, int]:
    store = get_store()
    form = AddYoungPersonForm()
    form.allocate_to.choices = choices([NOBODY_YET, *_workers(store)])
    if not form.validate_on_submit():
        return _page(form, 400 if form.errors else 200)
    allocate_to = form.allocate_to.data or None
    try:
        young_person = parse(
            YoungPerson,
            {
                "id": form.id.data or f"yp-{secrets.token_hex(6)}",
                "name": form.name.data,
                "date_of_birth": form.date_of_birth.data,
                "status": form.status.data,
                "household": form.household.data or None,
            },
        )
        store.create_young_person(young_person, allocate_to=allocate_to)
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return _page(form, 400)
    except AlreadyExists:
        form.id.errors = ["A young person with this id is already on the system: choose another"]
        return _page(form, 409)
    except NotFound:
        form.allocate_to.errors = ["That person can no longer be allocated: choose someone else"]
        return _page(form, 409)
    detail = "young person added" + (f", allocated to {allocate_to}" if allocate_to else "")
    audit(AuditAction.CHANGE, young_person.id, detail)
    flash(f"{young_person.name} has been added. Now add the people in their network.", "success")
    return redirect(url_for("network.manage", young_person_id=young_person.id))


def _workers(store: Store) -> list[tuple[str, str]]:
    """Active coordinators and facilitators, as (username, "Name (role)") choices."""
    return [
        (user.username, f"{user.display_name} ({user.role.label})")
        for user, _ in store.list_users()
        if user.active and user.role in ALLOCATABLE
    ]


def _page(form: AddYoungPersonForm, status: int) -> tuple[str, int]:
    return render_template("new_young_person/add.html", form=form), status
