"""The form that appends an entry to a young person's consent ledger.

Each field is named as the :class:`~connections.consent.ConsentEntry` field it fills, so the
model's errors map back to it (:func:`show_entry_errors`). The holder's name, the legal basis and
the young person's understanding follow "Whose decision is it?" as questions of their own, each
saying whose decision it is for, rather than as GOV.UK conditional reveals: the reveal's script
puts ``aria-expanded`` on radios, which axe reports as a critical ARIA error on every page of
the app that has one (GOV.UK Frontend's known issue 979), and every page here is checked with
axe. One answered for another party is refused, naming the field, never silently dropped.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import ValidationError

from connections.consent import (
    DECISION_LABELS,
    HOW_LABELS,
    PARTY_LABELS,
    PURPOSE_LABELS,
    UNDERSTANDING_LABELS,
    Party,
)
from webapp.form_fields import (
    NAME_MAX,
    TEXT_MAX,
    ChoiceRadio,
    GovukDateField,
    choices,
    length,
    not_after,
    required_choice,
    today,
)

LEGAL_BASIS_MAX = 500

PURPOSE_CHOICES = [(purpose.value, label) for purpose, label in PURPOSE_LABELS.items()]
PARTY_CHOICES = [(party.value, label) for party, label in PARTY_LABELS.items()]
DECISION_CHOICES = [(decision.value, label) for decision, label in DECISION_LABELS.items()]
HOW_CHOICES = [(how.value, label) for how, label in HOW_LABELS.items()]
UNDERSTANDING_CHOICES = [(value.value, label) for value, label in UNDERSTANDING_LABELS.items()]

#: What to call each entry field in a message the model (not the form) produced.
FIELD_NAMES = {
    "purpose": "What it covers",
    "party": "Whose decision",
    "holder_name": "Name of the holder of parental responsibility",
    "legal_basis": "Legal basis",
    "decision": "Decision",
    "date": "Date",
    "how": "How it was recorded",
    "understanding": "The young person's understanding",
    "note": "Note",
}


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class ConsentForm(FlaskForm):
    purpose = required_choice(
        ChoiceRadio,
        "What does it cover?",
        "what the consent covers",
        choices=choices(PURPOSE_CHOICES),
    )
    party = required_choice(
        ChoiceRadio,
        "Whose decision is it?",
        "whose decision it is",
        choices=choices(PARTY_CHOICES),
    )
    understanding = ChoiceRadio(
        "If it is the young person's decision: how well do they understand what they are deciding?",
        description="Your judgement. Needed while they are under 18; leave it for anyone else's "
        "decision.",
        choices=choices(UNDERSTANDING_CHOICES),
        invalid_choice_message="Choose how well they understand from the list",
    )
    holder_name = StringField(
        "If it is a holder of parental responsibility: their full name",
        widget=GovTextInput(),
        description="Record each holder separately: everyone named needs to give consent unless "
        "a legal basis is recorded.",
        filters=[_stripped],
        validators=[length("Name", NAME_MAX)],
    )
    legal_basis = TextAreaField(
        "If it is a legal basis: the basis, and why consent is not sought",
        widget=GovTextArea(),
        description="For example, Public task: Children Act 1989 section 22(3), the duty to "
        "safeguard and promote the welfare of a child looked after.",
        filters=[_stripped],
        validators=[length("Legal basis", LEGAL_BASIS_MAX)],
    )
    decision = required_choice(
        ChoiceRadio,
        "Decision",
        "the decision",
        description="A legal basis is given (it applies) or withdrawn (no longer relied on).",
        choices=choices(DECISION_CHOICES),
    )
    date = GovukDateField(
        "Date of the decision",
        description="For example, 27 3 2026.",
        validators=[not_after(today, "Date of the decision")],
    )
    how = required_choice(
        ChoiceRadio,
        "How was it recorded?",
        "how it was recorded",
        choices=choices(HOW_CHOICES),
    )
    note = TextAreaField(
        "Note",
        widget=GovTextArea(),
        description="Optional. Never shown in a Family Group Conference.",
        validators=[length("Note", TEXT_MAX)],
    )
    submit = SubmitField("Record the decision", widget=GovSubmitInput())

    def validate_date(self, field: GovukDateField) -> None:
        if field.data is None and not field.errors:
            raise ValidationError("Enter the date of the decision")

    def validate_holder_name(self, field: StringField) -> None:
        holder = self.party.data == Party.PARENTAL_RESPONSIBILITY
        if holder and not field.data:
            raise ValidationError("Enter the name of the holder of parental responsibility")
        if self.party.data and not holder and field.data:
            raise ValidationError(
                "Leave the name of a holder of parental responsibility empty: the decision is "
                "not theirs"
            )

    def validate_legal_basis(self, field: TextAreaField) -> None:
        basis = self.party.data == Party.LEGAL_BASIS
        if basis and not field.data:
            raise ValidationError("Enter the legal basis, and why consent is not sought")
        if self.party.data and not basis and field.data:
            raise ValidationError("Leave the legal basis empty: the decision is not a legal basis")

    def validate_understanding(self, field: ChoiceRadio) -> None:
        if self.party.data and self.party.data != Party.YOUNG_PERSON and field.data:
            raise ValidationError(
                "Leave how well the young person understands unanswered: the decision is not theirs"
            )

    def entry_values(self, entry_id: str) -> dict[str, Any]:
        """The entry's fields from this form (call after validating)."""
        return {
            "id": entry_id,
            "purpose": self.purpose.data,
            "party": self.party.data,
            "holder_name": self.holder_name.data or None,
            "legal_basis": self.legal_basis.data or None,
            "understanding": self.understanding.data or None,
            "decision": self.decision.data,
            "date": self.date.data,
            "how": self.how.data,
            "note": self.note.data or "",
        }


def show_entry_errors(form: ConsentForm, errors: Any) -> None:
    """Put the model's errors (:class:`~connections.model.FieldError`) on the fields they name,
    in the form's words (others on the first field)."""
    for error in errors:
        name = error.path.split(".")[0] if error.path else ""
        field = form._fields.get(name) if name else None
        label = FIELD_NAMES.get(name, "")
        message = f"{label} {error.message}".strip() if label else error.message
        if field is None:
            field = form.purpose
        field.errors = [*field.errors, message]
