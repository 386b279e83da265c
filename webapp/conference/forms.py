"""The Family Group Conference plan, recorded one person at a time: what they offer, whether
they are "Always Here", and whether they will stay in touch."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, HiddenField, SubmitField

from connections.model import Contact
from webapp.form_fields import ChoiceCheckboxes, ChoiceRadio, choices
from webapp.network.forms import DOMAIN_CHOICES

#: "Will they stay in touch?": contact becomes active or occasional; "" leaves it as it is.
KEEP_IN_TOUCH_CHOICES = [
    (Contact.ACTIVE.value, "Yes, often"),
    (Contact.OCCASIONAL.value, "Yes, now and then"),
    ("", "Not agreed at this conference"),
]


class PersonPlanForm(FlaskForm):
    """One person's part in the plan. The person is the one in the page's address, never a
    posted field, so a post can only ever be about someone the conference may see."""

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
    #: The conference's version of the network (:func:`connections.audiences.conference_version`)
    #: when the page was opened: the store checks it in the transaction that saves this part.
    version = HiddenField()
    save_next = SubmitField("Save and go to the next person", widget=GovSubmitInput())
    save_back = SubmitField("Save and go back to the plan", widget=GovSubmitInput())
