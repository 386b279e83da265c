"""The form that creates an invitation: which people it shows (checkboxes) and for how many days
the link works."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, IntegerField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from connections.invitations import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS
from webapp.form_fields import ChoiceCheckboxes


class InvitationForm(FlaskForm):
    person_ids = ChoiceCheckboxes(
        "Who should the page ask about?",
        description="People with no contact allowed are not chosen unless you choose them.",
        choices=[],
        validators=[InputRequired(message="Choose at least one person")],
        invalid_choice_message="Choose people from the list",
    )
    days = IntegerField(
        "How many days should the link work?",
        widget=GovTextInput(),
        default=DEFAULT_DAYS,
        description=f"From {MIN_DAYS} to {MAX_DAYS} days. It stops working once the young "
        "person sends their answers, or when you revoke it.",
        validators=[
            InputRequired(message="Enter how many days the link should work"),
            NumberRange(
                min=MIN_DAYS,
                max=MAX_DAYS,
                message=f"Enter a number of days from {MIN_DAYS} to {MAX_DAYS}",
            ),
        ],
    )
    #: One random key per form shown, so the same form sent twice makes one invitation.
    request_key = HiddenField()
    submit = SubmitField("Create the link", widget=GovSubmitInput())
