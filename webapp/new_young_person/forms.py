"""The "Add a young person" form: name, date of birth, status, an optional id and the worker to
allocate them to. Fields are named as the model's, so the model's own errors land on them."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from connections.model import YoungPersonStatus
from webapp.form_fields import (
    NAME_MAX,
    ChoiceRadio,
    ChoiceSelect,
    GovukDateField,
    an_id,
    choices,
    length,
    today,
)

#: Always Here keeps care leavers of any age, so the only lower bound is one no young person
#: (or care leaver) alive could be born before.
EARLIEST_BIRTH = date(1920, 1, 1)

STATUS_CHOICES = [
    (YoungPersonStatus.IN_CARE.value, "In care"),
    (YoungPersonStatus.CARE_LEAVER.value, "Care leaver"),
]
NOBODY_YET = ("", "Nobody yet")


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class AddYoungPersonForm(FlaskForm):
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[_strip],
        validators=[
            DataRequired(message="Enter the young person's full name"),
            length("Full name", NAME_MAX),
        ],
    )
    date_of_birth = GovukDateField(
        "Date of birth",
        description="For example, 27 3 2010",
    )
    status = ChoiceRadio(
        "Status",
        choices=choices(STATUS_CHOICES),
        validators=[InputRequired(message="Choose whether they are in care or a care leaver")],
        invalid_choice_message="Choose a status from the list",
    )
    id = StringField(
        "Id (optional)",
        widget=GovTextInput(),
        description="Their id in your case management system, so imports and the API match "
        "this record, like yp-000061. Leave blank and one is made up.",
        filters=[_strip],
        validators=[
            length("Id", 64),
            an_id(
                "Id must be 1 to 64 letters, digits, dots, colons, hyphens and underscores, "
                "starting with a letter or digit"
            ),
        ],
    )
    household = StringField(
        "Household (optional)",
        widget=GovTextInput(),
        description="The household id of the carers they live with, as on the carers' details, "
        "like h-carer-12. You can set it later from their page.",
        filters=[_strip],
        validators=[
            length("Household", 64),
            an_id(
                "Household must be 1 to 64 letters, digits, dots, colons, hyphens and "
                "underscores, starting with a letter or digit"
            ),
        ],
    )
    allocate_to = ChoiceSelect(
        "Allocate to",
        description="The coordinator or facilitator who will work with them; they see only "
        "the young people allocated to them. You can allocate others from Users.",
        choices=choices([NOBODY_YET]),
        default="",
        invalid_choice_message="Choose someone from the list",
    )
    submit = SubmitField("Add young person", widget=GovSubmitInput())

    def validate_date_of_birth(self, field: GovukDateField) -> None:
        if field.data is None:
            if not field.errors:  # blank, rather than a date that could not be read
                raise ValidationError("Enter the young person's date of birth")
            return
        if field.data > today():
            raise ValidationError("Date of birth must be today or in the past")
        if field.data < EARLIEST_BIRTH:
            raise ValidationError(
                f"Date of birth must be on or after {EARLIEST_BIRTH.day} {EARLIEST_BIRTH:%B %Y}"
            )
