"""``/young-people/ID/household``: the household a young person lives in (their carers'), one
of the households recorded in their network, so that siblings placed apart can be seen. Audited.
"""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField

from connections.accounts import AuditAction
from connections.model import CARER_ROLES, InvalidInput, revise
from connections.store import StaleEdit
from webapp.access import audit
from webapp.db import get_store
from webapp.form_fields import ChoiceSelect, choices
from webapp.network.forms import show_model_errors
from webapp.network.views import STALE_FORM, _household_choices, _version, editor_only
from webapp.siblings.views import bp

NOT_RECORDED = ("", "Not recorded")


class HouseholdForm(FlaskForm):
    household = ChoiceSelect(
        "Which household do they live in?",
        description="The households recorded in their network. A carer's household is set on "
        "the carer's details (Household).",
        invalid_choice_message="Choose a household from the list",
    )
    version = HiddenField()
    submit = SubmitField("Save", widget=GovSubmitInput())


@bp.route("/young-people/<young_person_id>/household", methods=["GET", "POST"])
@editor_only
def household(young_person_id: str) -> Response | tuple[str, int]:
    store = get_store()
    network = store.load_network(young_person_id)
    young_person = network.young_person
    if request.method == "GET":
        form = HouseholdForm(
            data={"household": young_person.household or "", "version": young_person.version}
        )
    else:
        form = HouseholdForm()
    pairs = _household_choices(network, young_person.household)[1:]
    carers = {
        network.person(r.person_id).household
        for r in network.relationships
        if r.role in CARER_ROLES
    }
    # The carers' households first: where a young person usually lives.
    pairs.sort(key=lambda pair: pair[0] not in carers)
    form.household.choices = choices([NOT_RECORDED, *pairs])

    def page(problem: str | None = None, status: int = 200) -> tuple[str, int]:
        return render_template(
            "siblings/household.html", network=network, form=form, problem=problem
        ), status

    if not form.validate_on_submit():
        return page(status=400 if form.errors else 200)
    version = _version(form.version.data)
    if version is None:
        return page(STALE_FORM, 409)
    try:
        changed = revise(young_person, {"household": form.household.data or None})
        store.update_young_person(changed.at_version(version))
    except InvalidInput as error:
        show_model_errors(form, error.errors)
        return page(status=400)
    except StaleEdit as error:
        return page(str(error), 409)
    audit(AuditAction.CHANGE, young_person_id, f"household: {changed.household or 'not recorded'}")
    flash(f"Where {young_person.name} lives is saved.", "success")
    return redirect(url_for("young_people.show", young_person_id=young_person_id))
