"""The forms of the restrictions pages: record a restriction, end one (GOV.UK radios and date
inputs, as the network forms are)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, ValidationError

from connections.model import RestrictionKind, RestrictionScope
from connections.restrictions import KIND_WORDS, SCOPE_WORDS
from webapp.form_fields import (
    TEXT_MAX,
    ChoiceRadio,
    ChoiceSelect,
    GovukDateField,
    capitalised,
    choices,
    required_choice,
)

SOURCE_MAX = 500
SOURCE_TOO_LONG = f"Order reference must be {SOURCE_MAX} characters or fewer"


KIND_CHOICES = [(kind.value, capitalised(KIND_WORDS[kind])) for kind in RestrictionKind]
SCOPE_CHOICES = [(scope.value, capitalised(SCOPE_WORDS[scope])) for scope in RestrictionScope]


class RestrictionForm(FlaskForm):
    """A new restriction on the young person's contact with someone in their network."""

    person_id = required_choice(
        ChoiceSelect,
        "Who is the restriction on?",
        "who the restriction is on",
    )
    kind = required_choice(
        ChoiceRadio,
        "What does it rest on?",
        "what the restriction rests on",
        choices=choices(KIND_CHOICES),
    )
    scope = required_choice(
        ChoiceRadio,
        "What does it restrict?",
        "what the restriction restricts",
        choices=choices(SCOPE_CHOICES),
    )
    starts = GovukDateField("Date it starts", description="For example, 27 3 2026.")
    review_by = GovukDateField(
        "Date to review it by",
        description="Optional. After this date it is listed for review.",
    )
    source = StringField(
        "Order reference or decision",
        widget=GovTextInput(),
        description="Optional. For example, the court's case number, or who decided and when.",
        validators=[
            Length(
                max=SOURCE_MAX, message=f"Order reference must be {SOURCE_MAX} characters or fewer"
            )
        ],
    )
    note = TextAreaField(
        "Note",
        widget=GovTextArea(),
        description="Optional. Never shown in a Family Group Conference.",
        validators=[Length(max=TEXT_MAX, message=f"Note must be {TEXT_MAX:,} characters or fewer")],
    )
    submit = SubmitField("Record the restriction", widget=GovSubmitInput())

    def validate_starts(self, field: GovukDateField) -> None:
        if field.data is None and not field.errors:
            raise ValidationError("Enter the date the restriction starts")

    def validate_review_by(self, field: GovukDateField) -> None:
        starts = self.starts.data
        if field.data is not None and starts is not None and field.data < starts:
            raise ValidationError("Date to review it by must be on or after the date it starts")


class EndRestrictionForm(FlaskForm):
    """End a restriction: its last day in force, and the version the editor saw."""

    ends = GovukDateField("Last day it is in force", description="For example, 27 3 2026.")
    version = HiddenField()
    submit = SubmitField("End the restriction", widget=GovSubmitInput())

    def validate_ends(self, field: GovukDateField) -> None:
        if field.data is None and not field.errors:
            raise ValidationError("Enter the last day the restriction is in force")
