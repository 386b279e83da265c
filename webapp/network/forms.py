"""Forms for building a young person's network: people, relationships, links, households, the
contact log and family-finding stages.

Every field is named as the model field it fills (``closeness``, ``last_contact``, ...), so an
:class:`~connections.model.InvalidInput` from the model maps straight back to the field that
caused it (:func:`show_model_errors`). The form validators catch what a person can get wrong and
say so in GOV.UK's words; the model re-validates everything before the store writes.

Choice fields refuse values that are not offered (a tampered form gets a clear message, never a
500), and a choice field that was not sent at all is left to its ``InputRequired`` message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, ValidationError

from connections.model import (
    Category,
    Contact,
    ContactKind,
    Domain,
    FieldError,
    FindingStatus,
    LinkKind,
    RatedBy,
    Role,
    Safety,
    Side,
    Wishes,
)
from connections.scoring import ROLE_LABELS
from webapp.filters import CLOSENESS_WORDS, words
from webapp.form_fields import (
    ADDRESS_MAX,
    NAME_MAX,
    TEXT_MAX,
    ChoiceCheckboxes,
    ChoiceRadio,
    ChoiceSelect,
    GovukDateField,
    WholeNumberField,
    an_id,
    capitalised,
    choices,
    length,
    not_after,
    required_choice,
    today,
)

ROLE_CHOICES = [(role.value, capitalised(ROLE_LABELS[role])) for role in Role]
CATEGORY_CHOICES = [(category.value, words(category)) for category in Category]
CLOSENESS_CHOICES = [
    *((str(level), f"{level}: {CLOSENESS_WORDS[level]}") for level in (4, 3, 2, 1, 0)),
    ("", "Not rated yet"),
]
RATED_BY_CHOICES = [
    (RatedBy.YOUNG_PERSON.value, "The young person"),
    (RatedBy.WORKER.value, "A worker (an estimate: it counts only once the young person says so)"),
]
SAFETY_CHOICES = [
    (Safety.SAFE.value, "Safe"),
    (Safety.SUPERVISED.value, "Supervised contact only"),
    (Safety.NO_CONTACT.value, "No contact"),
    (Safety.UNASSESSED.value, "Not assessed yet"),
]
WISHES_CHOICES = [
    (Wishes.WANTS.value, "Wants contact"),
    (Wishes.NOT_NOW.value, "Not now"),
    (Wishes.REFUSES.value, "Does not want contact"),
    (Wishes.UNKNOWN.value, "Not known"),
]
CONTACT_CHOICES = [
    (Contact.ACTIVE.value, "Active: regular contact"),
    (Contact.OCCASIONAL.value, "Occasional"),
    (Contact.LOST.value, "Lost"),
    (Contact.NONE_YET.value, "None yet"),
]
DOMAIN_CHOICES = [(domain.value, words(domain)) for domain in Domain]
FINDING_STAGES = [
    FindingStatus.IDENTIFIED,
    FindingStatus.LOCATED,
    FindingStatus.CONTACTED,
    FindingStatus.ENGAGED,
    FindingStatus.COMMITTED,
    FindingStatus.DECLINED,
    FindingStatus.RULED_OUT,
]
FINDING_CHOICES = [
    ("", "Not found through family finding"),
    *((stage.value, words(stage)) for stage in FINDING_STAGES),
]
SIDE_CHOICES = [
    ("", "Not known, or not a relative"),
    (Side.MATERNAL.value, "Mother's side (maternal)"),
    (Side.PATERNAL.value, "Father's side (paternal)"),
]
LINK_CHOICES = [
    (LinkKind.PARENT.value, "is a parent of"),
    (LinkKind.SIBLING.value, "is a brother or sister of"),
    (LinkKind.PARTNER.value, "is the partner of"),
    (LinkKind.LIVES_WITH.value, "lives with"),
    (LinkKind.KNOWS.value, "knows"),
]
LINK_WORDS = dict(LINK_CHOICES)
CONTACT_KIND_CHOICES = [(kind.value, words(kind)) for kind in ContactKind]

#: What to call each model field in a message the model (not the form) produced.
FIELD_NAMES = {
    "name": "Name",
    "category": "Category",
    "deceased": "Died",
    "household": "Household",
    "address": "Address",
    "contact_details": "Contact details",
    "reachable_agreed_on": "Agreed to be reachable on",
    "role": "Relationship",
    "closeness": "Closeness",
    "closeness_rated_by": "Who rated closeness",
    "safety": "Safety",
    "safety_note": "Safety note",
    "wishes": "The young person's wishes",
    "contact": "Contact",
    "last_contact": "Date of last contact",
    "paid": "Paid",
    "role_ends_at_age": "Age the role ends",
    "continues_beyond_role": "Always Here",
    "support": "Support",
    "finding_status": "Family finding stage",
    "side": "Side of the family",
    "notes": "Notes",
    "hide_in_conference": "Leave out of conferences",
    "person_id": "Person",
    "date": "Date",
    "kind": "Kind",
    "note": "Note",
    "source": "First person",
    "target": "Second person",
}


# --- fields ---------------------------------------------------------------------------------------


# --- people and relationships ---------------------------------------------------------------------


class PersonFields(FlaskForm):
    """A person: shared between young people (siblings share their grandmother)."""

    name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[DataRequired(message="Enter the person's name"), length("Name", NAME_MAX)],
    )
    category = required_choice(
        ChoiceRadio,
        "Category",
        "a category",
        choices=choices(CATEGORY_CHOICES),
    )
    deceased = BooleanField("This person has died", widget=GovCheckboxInput())
    household = ChoiceSelect(
        "Household",
        description="People who live together share a household: losing one placement or home "
        "loses all of them.",
        choices=choices([("", "No shared household")]),
        default="",
        invalid_choice_message="Choose a household from the list",
    )
    address = TextAreaField(
        "Address",
        widget=GovTextArea(),
        description="Never shown in a Family Group Conference.",
        validators=[length("Address", ADDRESS_MAX)],
    )
    contact_details = TextAreaField(
        "Contact details",
        widget=GovTextArea(),
        description="How to reach them: a phone number, an email. Never shown in a Family Group "
        "Conference; in the young person's My Network pack only if they agreed to be reachable.",
        validators=[length("Contact details", ADDRESS_MAX)],
    )
    reachable_agreed_on = GovukDateField(
        "Date they agreed the young person may contact them",
        description="For example, 27 3 2026. Leave blank if they have not agreed: then their "
        "contact details stay out of the young person's pack.",
        validators=[not_after(today, "Date they agreed the young person may contact them")],
    )


class RelationshipFields(FlaskForm):
    """Everything docs/scoring.md scores about one relationship, in the model's field names."""

    role = ChoiceSelect(
        "Who they are to the young person",
        choices=choices([("", "Choose a relationship"), *ROLE_CHOICES]),
        validators=[InputRequired(message="Choose who they are to the young person")],
        invalid_choice_message="Choose a relationship from the list",
    )
    closeness = ChoiceRadio(
        "How close does the young person feel to them?",
        choices=choices(CLOSENESS_CHOICES),
        default="",
        invalid_choice_message="Choose how close they are from the list",
    )
    closeness_rated_by = ChoiceRadio(
        "Who rated how close they are?",
        description="Only the young person's own rating counts towards the mission.",
        choices=choices(RATED_BY_CHOICES),
        invalid_choice_message="Choose who rated how close they are from the list",
    )
    safety = required_choice(
        ChoiceRadio,
        "Is contact safe?",
        "whether contact is safe",
        choices=choices(SAFETY_CHOICES),
        default=Safety.UNASSESSED.value,
    )
    safety_note = TextAreaField(
        "Safety note",
        widget=GovTextArea(),
        description="Never shown in a Family Group Conference.",
        validators=[length("Safety note", TEXT_MAX)],
    )
    wishes = required_choice(
        ChoiceRadio,
        "What does the young person want?",
        "what the young person wants",
        choices=choices(WISHES_CHOICES),
        default=Wishes.UNKNOWN.value,
    )
    contact = required_choice(
        ChoiceRadio,
        "Contact now",
        "the contact they have now",
        choices=choices(CONTACT_CHOICES),
        default=Contact.NONE_YET.value,
    )
    last_contact = GovukDateField(
        "Date of last contact",
        description="For example, 27 3 2026. Leave blank if it is not known.",
        validators=[not_after(today, "Date of last contact")],
    )
    paid = BooleanField(
        "Paid to be in the young person's life (a professional or carer)",
        widget=GovCheckboxInput(),
    )
    role_ends_at_age = WholeNumberField(
        "Age the role ends",
        minimum=0,
        maximum=30,
        example=18,
        description="For paid roles. Leave blank for the usual age: 18 for social workers, "
        "reviewing officers, foster carers, residential workers and teachers, 25 for "
        "personal advisers.",
    )
    continues_beyond_role = BooleanField(
        "Always Here: they have committed to stay in touch after their role ends",
        widget=GovCheckboxInput(),
    )
    support = ChoiceCheckboxes(
        "Support they offer",
        choices=choices(DOMAIN_CHOICES),
        invalid_choice_message="Choose support from the list",
    )
    finding_status = ChoiceSelect(
        "Family finding stage",
        choices=choices(FINDING_CHOICES),
        default="",
        invalid_choice_message="Choose a family finding stage from the list",
    )
    side = ChoiceRadio(
        "Side of the family",
        choices=choices(SIDE_CHOICES),
        default="",
        invalid_choice_message="Choose the side of the family from the list",
    )
    notes = TextAreaField(
        "Notes",
        widget=GovTextArea(),
        description="Never shown in a Family Group Conference.",
        validators=[length("Notes", TEXT_MAX)],
    )
    hide_in_conference = BooleanField(
        "Leave this person out of Family Group Conferences (the young person asked)",
        widget=GovCheckboxInput(),
    )

    def validate_closeness_rated_by(self, field: Field) -> None:
        if self.closeness.data and not field.data:
            raise ValidationError("Choose who rated how close they are")

    def relationship_values(self) -> dict[str, Any]:
        """The model's relationship fields from this form (call after validating)."""
        closeness = int(self.closeness.data) if self.closeness.data else None
        return {
            "role": self.role.data,
            "closeness": closeness,
            "closeness_rated_by": (self.closeness_rated_by.data or None)
            if closeness is not None
            else None,
            "safety": self.safety.data,
            "safety_note": self.safety_note.data or "",
            "wishes": self.wishes.data,
            "contact": self.contact.data,
            "last_contact": self.last_contact.data,
            "paid": bool(self.paid.data),
            "role_ends_at_age": self.role_ends_at_age.number,
            "continues_beyond_role": bool(self.continues_beyond_role.data),
            "support": list(self.support.data or []),
            "finding_status": self.finding_status.data or None,
            "side": self.side.data or None,
            "notes": self.notes.data or "",
            "hide_in_conference": bool(self.hide_in_conference.data),
        }


def relationship_data(relationship: Any) -> dict[str, Any]:
    """A relationship as the form's initial data."""
    return {
        "role": relationship.role.value,
        "closeness": "" if relationship.closeness is None else str(relationship.closeness),
        "closeness_rated_by": relationship.closeness_rated_by.value
        if relationship.closeness_rated_by
        else None,
        "safety": relationship.safety.value,
        "safety_note": relationship.safety_note,
        "wishes": relationship.wishes.value,
        "contact": relationship.contact.value,
        "last_contact": relationship.last_contact,
        "paid": relationship.paid,
        "role_ends_at_age": relationship.role_ends_at_age,
        "continues_beyond_role": relationship.continues_beyond_role,
        "support": [domain.value for domain in relationship.support],
        "finding_status": relationship.finding_status.value if relationship.finding_status else "",
        "side": relationship.side.value if relationship.side else "",
        "notes": relationship.notes,
        "hide_in_conference": relationship.hide_in_conference,
        "version": str(relationship.version),
    }


def person_data(person: Any) -> dict[str, Any]:
    return {
        "name": person.name,
        "category": person.category.value,
        "deceased": person.deceased,
        "household": person.household or "",
        "address": person.address,
        "contact_details": person.contact_details,
        "reachable_agreed_on": person.reachable_agreed_on,
        "version": str(person.version),
    }


class NewPersonForm(PersonFields, RelationshipFields):
    """A new person and their relationship with this young person, in one form."""

    submit = SubmitField("Add to the network", widget=GovSubmitInput())


class ExistingPersonForm(RelationshipFields):
    """Someone already on the system (a sibling's grandmother) and their relationship with this
    young person."""

    person_id = HiddenField(
        validators=[
            InputRequired(message="Choose the person to add"),
            an_id("Choose the person to add from the search results"),
        ]
    )
    submit = SubmitField("Add to the network", widget=GovSubmitInput())


class EditPersonForm(PersonFields):
    version = HiddenField()
    submit = SubmitField("Save changes", widget=GovSubmitInput())


class EditRelationshipForm(RelationshipFields):
    version = HiddenField()
    submit = SubmitField("Save changes", widget=GovSubmitInput())


class FindingForm(FlaskForm):
    """The one-line action on a person's row: move them along the family finding stages."""

    finding_status = ChoiceSelect(
        "Family finding stage",
        choices=choices(FINDING_CHOICES),
        invalid_choice_message="Choose a family finding stage from the list",
    )
    version = HiddenField()


class RemoveForm(FlaskForm):
    version = HiddenField()
    submit = SubmitField("Yes, remove them", widget=GovSubmitInput())


# --- links and households -------------------------------------------------------------------------


class LinkForm(FlaskForm):
    source = required_choice(
        ChoiceSelect,
        "First person",
        "the first person",
    )
    kind = required_choice(
        ChoiceRadio,
        "How are they linked?",
        "how they are linked",
        choices=choices(LINK_CHOICES),
    )
    target = required_choice(
        ChoiceSelect,
        "Second person",
        "the second person",
    )
    submit = SubmitField("Add the link", widget=GovSubmitInput())

    def validate_target(self, field: Field) -> None:
        if field.data and field.data == self.source.data:
            raise ValidationError("Choose two different people")


class RemoveLinkForm(FlaskForm):
    source = HiddenField()
    target = HiddenField()
    kind = HiddenField()


NEW_HOUSEHOLD = "new"
NO_HOUSEHOLD = "none"


class HouseholdForm(FlaskForm):
    people = ChoiceCheckboxes(
        "Who lives together?",
        validators=[InputRequired(message="Choose the people who live together")],
        invalid_choice_message="Choose people from the list",
    )
    household = ChoiceRadio(
        "Which household?",
        validators=[InputRequired(message="Choose the household")],
        invalid_choice_message="Choose a household from the list",
    )
    #: The version of the whole network the page showed (the store checks it once for all).
    version = HiddenField()
    submit = SubmitField("Save household", widget=GovSubmitInput())


# --- the contact log ------------------------------------------------------------------------------


class ContactForm(FlaskForm):
    person_id = required_choice(
        ChoiceSelect,
        "Who was the contact with?",
        "who the contact was with",
    )
    date = GovukDateField(
        "Date of the contact",
        description="For example, 27 3 2026.",
        validators=[not_after(today, "Date of the contact")],
    )
    kind = required_choice(
        ChoiceRadio,
        "What kind of contact?",
        "the kind of contact",
        choices=choices(CONTACT_KIND_CHOICES),
    )
    note = TextAreaField(
        "Note",
        widget=GovTextArea(),
        description="Optional. Never shown in a Family Group Conference.",
        validators=[length("Note", TEXT_MAX)],
    )
    submit = SubmitField("Record the contact", widget=GovSubmitInput())

    def validate_date(self, field: GovukDateField) -> None:
        if field.data is None and not field.errors:
            raise ValidationError("Enter the date of the contact")


class EditContactForm(ContactForm):
    """Correct a contact log entry: the same fields, and the version the editor loaded."""

    version = HiddenField()
    submit = SubmitField("Save the correction", widget=GovSubmitInput())


class RemoveContactForm(FlaskForm):
    version = HiddenField()
    submit = SubmitField("Yes, remove this entry", widget=GovSubmitInput())


# --- errors ---------------------------------------------------------------------------------------


def show_model_errors(form: FlaskForm, errors: Sequence[FieldError]) -> None:
    """Put the model's errors on the fields they name (others on the form's first field)."""
    for error in errors:
        name = re.split(r"[.\[]", error.path)[0] if error.path else ""
        field = form._fields.get(name) if name else None
        label = FIELD_NAMES.get(name, "")
        message = f"{label} {error.message}".strip() if label else capitalised(error.message)
        if field is None:
            field = next(iter(form._fields.values()))
        field.errors = [*field.errors, message]
