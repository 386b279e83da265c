"""The sign-in form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from connections.accounts import PASSWORD_MAX


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
