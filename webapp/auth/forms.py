"""The sign-in and change-password forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from connections.accounts import PASSWORD_MAX, PASSWORD_MIN


class SignInForm(FlaskForm):
    username = StringField(
        "Username",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter your username"),
            Length(max=64, message="Enter a correct username and password"),
        ],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message="Enter your password"),
            Length(max=PASSWORD_MAX, message="Enter a correct username and password"),
        ],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message="Enter your current password"),
            Length(max=PASSWORD_MAX, message="Your current password is not correct"),
        ],
    )
    password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description=f"{PASSWORD_MIN} characters or more",
        validators=[InputRequired(message="Enter a new password")],
    )
    confirm_password = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[InputRequired(message="Enter the new password again")],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())
