"""The Family Group Conference plan: for each person shown, what they offer, whether they are
"Always Here", and whether they will stay in touch."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, SubmitField

from connections.model import Contact
from webapp.network.forms import DOMAIN_CHOICES, ChoiceCheckboxes, ChoiceRadio, choices

#: "Will they stay in touch?": contact becomes active or occasional; "" leaves it as it is.
KEEP_IN_TOUCH_CHOICES = [
    (Contact.ACTIVE.value, "Yes, often"),
    (Contact.OCCASIONAL.value, "Yes, now and then"),
    ("", "Not agreed at this conference"),
]


class PersonPlanForm(Form):
    """One person's part in the plan (a subform: the outer form carries the CSRF token)."""

    person_id = HiddenField()
    support = ChoiceCheckboxes(
        "What they offer",
        choices=choices(DOMAIN_CHOICES),
        invalid_choice_message="Choose what they offer from the list",
    )
    always_here = BooleanField(
        "Always Here: they will stay in touch after their role ends",
        widget=GovCheckboxInput(),
    )
    keep_in_touch = ChoiceRadio(
        "Will they stay in touch?",
        choices=choices(KEEP_IN_TOUCH_CHOICES),
        default="",
        invalid_choice_message="Choose whether they will stay in touch from the list",
    )


class PlanForm(FlaskForm):
    people = FieldList(FormField(PersonPlanForm), max_entries=5000)
    #: The version of the whole network the plan was opened on: the store checks it once, in
    #: the transaction that saves every person's part of the plan.
    version = HiddenField()
    submit = SubmitField("Save the plan", widget=GovSubmitInput())
