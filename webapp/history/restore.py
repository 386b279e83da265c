"""``/young-people/ID/history/N/restore``: undo, from the history page. A confirmation page says
in words what restoring version N would change (people back and people leaving, attributes
before -> after, contact log entries back, the score before -> after:
:func:`connections.restore.plan_restore`) and what a restore never changes (restrictions, the
contact log, the consent ledger); confirming restores it
(:meth:`connections.store.Store.restore_version`).

Confirming is a form with its CSRF token and the version of the network the page was made from
(:func:`connections.store.document_version`): the store refuses the restore, writing nothing,
if the network changed since the page was shown, so a page confirmed twice, or after someone
else's edit, restores nothing the second time. Only those who may change networks (coordinators
allocated to the young person, managers, admins) see the page; the restore is audited.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from werkzeug.wrappers import Response
from wtforms import HiddenField, SubmitField

from connections.accounts import AuditAction
from connections.model import InvalidInput, Network
from connections.restore import RestorePlan, plan_restore
from connections.store import (
    NothingToRestore,
    PreconditionFailed,
    RestoreRefused,
    document_version,
)
from webapp.access import audit
from webapp.consent.current import finding_paused
from webapp.db import get_store
from webapp.history.views import bp
from webapp.network.views import editor_only
from webapp.tables import as_of

CHANGED_SINCE = (
    "The network has changed since this page was shown (someone saved a change, or this "
    "restore was confirmed already). Nothing was restored: check below what restoring would "
    "change now, then confirm again if you still want to."
)


class RestoreForm(FlaskForm):
    #: The document version of the network the page was made from.
    shown = HiddenField()
    submit = SubmitField("Yes, restore this version", widget=GovSubmitInput())


@bp.route("/young-people/<young_person_id>/history/<int:number>/restore", methods=["GET", "POST"])
@editor_only
def restore(young_person_id: str, number: int) -> Response | tuple[str, int]:
    """The confirmation page (GET), or the restore itself (POST)."""
    store = get_store()
    today = store.load_network(young_person_id)
    version = store.version(young_person_id, number)
    if version is None:
        abort(404)
    paused = finding_paused(young_person_id, today.young_person.date_of_birth)
    plan = plan_restore(version, today, as_of(), paused)
    form = RestoreForm(data={"shown": document_version(today)}) if _is_get() else RestoreForm()

    def page(problem: str | None = None, status: int = 200) -> tuple[str, int]:
        if problem is not None:
            form.shown.data = document_version(today)
        return _page(today, plan, form, problem), status

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    shown = str(form.shown.data or "")
    try:
        store.restore_version(young_person_id, number, {shown}, paused=paused)
    except PreconditionFailed:
        today = store.load_network(young_person_id)
        plan = plan_restore(version, today, as_of(), paused)
        return page(CHANGED_SINCE, 409)
    except (NothingToRestore, RestoreRefused) as error:
        return page(str(error), 409)
    except InvalidInput as error:
        return page("Nothing was restored: " + "; ".join(e.message for e in error.errors), 409)
    audit(AuditAction.CHANGE, young_person_id, f"history.restore: version {number} restored")
    flash(f"Version {number} is restored: the restore is itself a new version.", "success")
    return redirect(url_for("history.index", young_person_id=young_person_id))


def _is_get() -> bool:
    return request.method == "GET"


def _page(today: Network, plan: RestorePlan, form: RestoreForm, problem: str | None) -> str:
    return render_template(
        "history/restore.html",
        yp=today.young_person,
        plan=plan,
        form=form,
        problem=problem,
    )
