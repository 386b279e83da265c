"""Forms of the records administration pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from connections.purge import MAX_REASON, PurgeKind

try:  # WTForms 3.3 deprecates (value, label) tuples
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - WTForms before 3.3
    KIND_CHOICES: list = [
        (PurgeKind.PERSON.value, "A person added to the wrong young person's network"),
        (PurgeKind.CONTACT.value, "One contact log entry"),
    ]
else:
    KIND_CHOICES = [
        SelectChoice(PurgeKind.PERSON.value, "A person added to the wrong young person's network"),
        SelectChoice(PurgeKind.CONTACT.value, "One contact log entry"),
    ]


class FindEntryForm(FlaskForm):
    """Which entry to purge: read with GET, so no CSRF token (it changes nothing)."""

    class Meta:
        csrf = False

    young_person_id = StringField(
        "Young person's id",
        widget=GovTextInput(),
        validators=[InputRequired(message="Enter the young person's id"), Length(max=64)],
    )
    kind = RadioField(
        "What was entered on the wrong child",
        widget=GovRadioInput(),
        choices=KIND_CHOICES,
        validators=[InputRequired(message="Choose what was entered on the wrong child")],
    )
    entry_id = StringField(
        "The person's or the entry's id",
        widget=GovTextInput(),
        description="As shown in the network's export or the audit trail, like p-1a2b3c4d5e6f",
        validators=[InputRequired(message="Enter the person's or the entry's id"), Length(max=64)],
    )
    submit = SubmitField("Show what would be purged", widget=GovSubmitInput())


class PurgeForm(FlaskForm):
    reason = TextAreaField(
        "Why is this purged?",
        widget=GovTextArea(),
        description=(
            "Kept in the audit trail with your name. Do not type the person's name or what the "
            "entry said: the purge must not keep them."
        ),
        validators=[
            DataRequired(message="Say why this entry is purged"),
            Length(max=MAX_REASON, message=f"The reason must be {MAX_REASON} characters or fewer"),
        ],
    )
    submit = SubmitField("Purge it for good", widget=GovSubmitInput())


class SubjectAccessForm(FlaskForm):
    """Read with GET (a download that changes nothing but the audit trail)."""

    class Meta:
        csrf = False

    subject_id = StringField(
        "Id of the young person or person",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter the id of the young person or person"),
            Length(max=64),
        ],
    )
    submit = SubmitField("Download the export", widget=GovSubmitInput())
