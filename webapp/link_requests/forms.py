"""The forms of a link request: asking (what was searched for, and the relationship with the
requester's young person, as "add someone already known" asks it), approving one candidate,
declining."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from webapp.form_fields import ChoiceRadio, required_choice
from webapp.network.forms import RelationshipFields

#: As long as a search may be.
QUERY_MAX = 100


class LinkRequestForm(RelationshipFields):
    query = StringField(
        "Their name, as you searched for it",
        widget=GovTextInput(),
        description="The worker who checks your request sees this, and the relationship below.",
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired(message="Enter the name you searched for"),
            Length(max=QUERY_MAX, message=f"Name must be {QUERY_MAX} characters or fewer"),
        ],
    )
    submit = SubmitField("Send the request", widget=GovSubmitInput())


class ApproveForm(FlaskForm):
    person_id = required_choice(
        ChoiceRadio,
        "Which person is it?",
        "the person to link",
    )
    submit = SubmitField("Approve: link them", widget=GovSubmitInput())


class DeclineForm(FlaskForm):
    submit = SubmitField("Decline", widget=GovSubmitInput())
