"""The form a worker records the young person's own words with (the same field names as the
young person's invitation page: :mod:`connections.own_words`)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput, GovTextArea
from wtforms import BooleanField, SubmitField, TextAreaField
from wtforms.validators import InputRequired

from connections.model import FieldError
from connections.own_words import WORDS_MAX
from webapp.form_fields import ChoiceRadio, choices, length

SHARE_CHOICES = [
    ("yes", "Yes: show it at the top of the map at the family meeting"),
    ("no", "No: only workers may read it"),
]


class OwnWordsForm(FlaskForm):
    own_words = TextAreaField(
        "What the young person wants their family to know",
        widget=GovTextArea(),
        description="In their own words, as they said them.",
        validators=[
            InputRequired(message="Write what the young person said"),
            length("What the young person wants their family to know", WORDS_MAX),
        ],
    )
    share_own_words = ChoiceRadio(
        "Did the young person choose to show this at their family meeting?",
        choices=choices(SHARE_CHOICES),
        validators=[InputRequired(message="Choose whether the young person wants it shown")],
        invalid_choice_message="Choose yes or no",
    )
    said_by_young_person = BooleanField(
        "These are the young person's own words, said by them",
        widget=GovCheckboxInput(),
        false_values=("", "false", "no"),
    )
    submit = SubmitField("Record their words", widget=GovSubmitInput())

    def values(self) -> dict[str, str]:
        """The form's fields as :func:`connections.own_words.parse_words` reads them."""
        return {
            "own_words": self.own_words.data or "",
            "share_own_words": self.share_own_words.data or "",
            "said_by_young_person": "yes" if self.said_by_young_person.data else "",
        }

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        """Put the core's errors on the fields they name (others on the words)."""
        for error in errors:
            field = self._fields.get(error.path) or self.own_words
            field.errors = [*field.errors, error.message]
