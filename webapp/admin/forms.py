"""Forms for managing users."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import PasswordField, RadioField, StringField, SubmitField
from wtforms.validators import InputRequired

from connections.accounts import PASSWORD_MIN, ROLE_LABELS, UserRole

try:  # WTForms 3.3 deprecates (value, label) tuples
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - WTForms before 3.3
    ROLE_CHOICES: list = [(role.value, ROLE_LABELS[role]) for role in UserRole]
else:
    ROLE_CHOICES = [SelectChoice(role.value, ROLE_LABELS[role]) for role in UserRole]


class AddUserForm(FlaskForm):
    username = StringField(
        "Username",
        widget=GovTextInput(),
        description="Lower-case letters, digits, dots, hyphens and underscores, like sam.jones",
        validators=[InputRequired(message="Enter a username")],
    )
    display_name = StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[InputRequired(message="Enter the person's full name")],
    )
    role = RadioField(
        "Role",
        widget=GovRadioInput(),
        choices=ROLE_CHOICES,
        validators=[InputRequired(message="Choose a role")],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        description=f"{PASSWORD_MIN} characters or more",
        validators=[InputRequired(message="Enter a password")],
    )
    confirm_password = PasswordField(
        "Confirm password",
        widget=GovPasswordInput(),
        validators=[InputRequired(message="Enter the password again")],
    )
    submit = SubmitField("Add user", widget=GovSubmitInput())


class RoleForm(FlaskForm):
    role = RadioField(
        "Role",
        widget=GovRadioInput(),
        choices=ROLE_CHOICES,
        validators=[InputRequired(message="Choose a role")],
    )
    submit = SubmitField("Change role", widget=GovSubmitInput())


class AllocateForm(FlaskForm):
    young_person_id = StringField(
        "Young person's id",
        widget=GovTextInput(),
        description="For example yp-000012",
        validators=[InputRequired(message="Enter the young person's id")],
    )
    submit = SubmitField("Allocate", widget=GovSubmitInput())
