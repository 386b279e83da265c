"""``/admin/records``: what administrators do to records rather than to accounts.

- Purging an entry made on the wrong child: the admin names it, a page says what will go
  (:meth:`~connections.store.Store.purge_plan`), and with a reason typed it is purged from the
  live graph and every version of the network (:meth:`~connections.store.Store.purge_entry`,
  which writes the purge's audit record in the same transaction). Opening that page is audited as
  a view of the young person's records.
- The records past retention today under the council's setting (read only: deleting them is
  ``connections retention``, a scheduled job rather than a button).
- A subject access export of everything held about one young person or person, downloaded as
  JSON and recorded in the audit trail of every young person whose records it reads.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from connections import retention, subject_access
from connections.accounts import UserRole
from connections.model import InvalidInput
from connections.purge import PurgeKind
from connections.store import NotFound
from webapp.access import roles_required, young_person_access
from webapp.admin_records.forms import FindEntryForm, PurgeForm, SubjectAccessForm
from webapp.db import get_store

bp = Blueprint("admin_records", __name__, url_prefix="/admin/records")

admin_only = roles_required(UserRole.ADMIN)
#: The model's id rule: anything else is named as not an id, never looked up.
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def _period() -> tuple[int | None, str]:
    """The retention period (the app's ``RETENTION_YEARS`` setting, else the environment's), or
    ``None`` and what is wrong with the setting."""
    configured = current_app.config.get("RETENTION_YEARS")
    if configured:
        return int(configured), ""
    try:
        return retention.env_years(), ""
    except InvalidInput as error:
        return None, str(error)


def _today() -> datetime:
    return datetime.now(UTC)


@bp.route("")
@admin_only
def index() -> tuple[str, int]:
    """The three tasks; the purge form is read with GET and leads to the confirmation page."""
    find = FindEntryForm(request.args) if request.args.get("purge") else FindEntryForm()
    access = SubjectAccessForm(request.args) if request.args.get("access") else SubjectAccessForm()
    status = 200
    if request.args.get("purge"):
        if find.validate():
            ids_ok = _ID.match(find.young_person_id.data or "") and _ID.match(
                find.entry_id.data or ""
            )
            if ids_ok:
                return redirect(  # type: ignore[return-value]
                    url_for(
                        "admin_records.purge",
                        young_person_id=find.young_person_id.data,
                        kind=find.kind.data,
                        entry_id=find.entry_id.data,
                    )
                )
            find.entry_id.errors = ["Ids are letters, digits, dots, hyphens and underscores"]
        status = 400
    if request.args.get("access"):
        if access.validate() and _ID.match(access.subject_id.data or ""):
            return redirect(  # type: ignore[return-value]
                url_for("admin_records.subject_access_download", subject_id=access.subject_id.data)
            )
        if not access.subject_id.errors:
            access.subject_id.errors = ["Ids are letters, digits, dots, hyphens and underscores"]
        status = 400
    years, problem = _period()
    day = current_app.config.get("AS_OF") or _today().date()
    due = retention.due(get_store().records_held(), day, years) if years else []
    return render_template(
        "admin_records/index.html",
        find=find,
        access=access,
        years=years,
        setting_problem=problem,
        day=day,
        due=due,
    ), status


@bp.route("/young-people/<young_person_id>/purge/<kind>/<entry_id>", methods=["GET", "POST"])
@admin_only
@young_person_access
def purge(young_person_id: str, kind: str, entry_id: str) -> Response | tuple[str, int]:
    """Says what will go; purges it when confirmed with a reason."""
    try:
        chosen = PurgeKind(kind)
    except ValueError:
        abort(404)
    if not _ID.match(entry_id):
        abort(404)
    store = get_store()
    plan = store.purge_plan(young_person_id, chosen, entry_id)
    form = PurgeForm()
    young_person = store.get_young_person(young_person_id)

    def page(status: int) -> tuple[str, int]:
        return render_template(
            "admin_records/purge.html", plan=plan, form=form, young_person=young_person
        ), status

    if not plan.found:
        return page(404)
    if request.method == "GET" or not form.validate_on_submit():
        return page(400 if form.errors else 200)
    try:
        result = store.purge_entry(
            young_person_id,
            chosen,
            entry_id,
            username=current_user.username,
            reason=form.reason.data or "",
        )
    except InvalidInput as error:
        form.reason.errors = [problem.message for problem in error.errors]
        return page(400)
    except NotFound:
        form.reason.errors = ["Someone purged or removed this entry meanwhile: nothing to purge"]
        return page(409)
    flash(
        f"Purged {chosen.value} {entry_id} from {young_person_id}'s records: "
        f"{len(result.versions_rewritten)} versions rewritten.",
        "success",
    )
    return redirect(url_for("admin_records.index"))  # type: ignore[return-value]


@bp.route("/subject-access/<subject_id>")
@admin_only
def subject_access_download(subject_id: str) -> Response:
    """Everything held about one young person or person, as a JSON download (audited by the
    store in every young person's trail it reads)."""
    if not _ID.match(subject_id):
        abort(404)
    try:
        export = get_store().subject_access(subject_id, username=current_user.username)
    except NotFound:
        abort(404)
    response = Response(subject_access.as_json(export), mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="subject-access-{subject_id}.json"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
