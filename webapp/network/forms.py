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
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    Field,
    FieldList,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

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
from webapp.tables import as_of

try:  # WTForms 3.3 deprecates (value, label) tuples
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - WTForms before 3.3
    SelectChoice = None  # type: ignore[assignment,misc]

NAME_MAX = 200
ADDRESS_MAX = 500
TEXT_MAX = 5000
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def choices(pairs: Iterable[tuple[str, str]]) -> list[Any]:
    """``(value, label)`` pairs in the form this WTForms wants."""
    if SelectChoice is None:  # pragma: no cover
        return list(pairs)
    return [SelectChoice(value, label) for value, label in pairs]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


ROLE_CHOICES = [(role.value, _capitalised(ROLE_LABELS[role])) for role in Role]
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


class _OfferedOnly:
    """A choice field that says clearly when a value was not one of those offered, and leaves a
    field that was not sent at all to its ``InputRequired`` message."""

    raw_data: list[Any] | None

    def pre_validate(self, form: Any) -> None:
        if not self.raw_data:
            return
        super().pre_validate(form)  # type: ignore[misc]


class ChoiceRadio(_OfferedOnly, RadioField):
    widget = GovRadioInput()


class ChoiceSelect(_OfferedOnly, SelectField):
    widget = GovSelect()


class ChoiceCheckboxes(_OfferedOnly, SelectMultipleField):
    widget = GovCheckboxesInput()


class GovukDateField(Field):
    """A GOV.UK date input (day, month and year boxes) holding a :class:`datetime.date` or
    ``None`` when left blank.

    Whatever arrives (one ``YYYY-MM-DD`` value, three boxes, too few or too many values, letters,
    30 February) gives a message in GOV.UK's words, never an exception; what was typed is shown
    back in the three boxes.
    """

    widget = GovDateInput()
    data: date | None

    def _value(self) -> str:
        return ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            self.raw_data = None  # nothing sent: the widget shows self.data
            return
        parts = [str(value).strip()[:12] for value in valuelist][:3]
        label = self.label.text
        self.data = None
        if len(parts) == 1 and parts[0]:
            # One value instead of three boxes: only YYYY-MM-DD is understood.
            iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", parts[0])
            if not iso:
                self.raw_data = [parts[0], "", ""]
                raise ValueError(f"{label} must be a real date, in numbers, like 27 3 2026")
            parts = [iso[3], iso[2], iso[1]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        day, month, year = parts
        if not any(parts):
            return
        names = ("day", "month", "year")
        missing = [name for name, part in zip(names, parts, strict=True) if not part]
        if missing:
            raise ValueError(f"{label} must include a {' and a '.join(missing)}")
        if not all(part.isdigit() for part in parts):
            raise ValueError(f"{label} must be a real date, in numbers, like 27 3 2026")
        if len(year) != 4:
            raise ValueError(f"The year of {label.lower()} must include 4 numbers")
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"{label} must be a real date") from None


class WholeNumberField(StringField):
    """An optional whole number in a text box (``inputmode=numeric``), ``None`` when blank."""

    widget = GovTextInput()

    def __init__(self, label: str, minimum: int, maximum: int, example: int, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.minimum = minimum
        self.maximum = maximum
        self.example = example
        self.number: int | None = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = str(valuelist[0]).strip()[:20] if valuelist else ""
        self.data = text
        self.number = None
        if not text:
            return
        if not re.fullmatch(r"\d{1,3}", text):
            raise ValueError(f"{self.label.text} must be a whole number, like {self.example}")
        number = int(text)
        if not self.minimum <= number <= self.maximum:
            raise ValueError(f"{self.label.text} must be between {self.minimum} and {self.maximum}")
        self.number = number

    def process_data(self, value: Any) -> None:
        self.number = value if isinstance(value, int) else None
        self.data = "" if value is None else str(value)


def not_after(day: Callable[[], date], what: str) -> Callable[[Any, Any], None]:
    """A validator: the date is on or before ``day()`` (today, or the app's fixed date)."""

    def check(form: Any, field: GovukDateField) -> None:
        if field.data is not None and field.data > day():
            raise ValidationError(f"{what} must be today or in the past")
        if field.data is not None and field.data.year < 1900:
            raise ValidationError(f"{what} must be after 1900")

    return check


def _today() -> date:
    """Today, or the app's fixed date (demos and tests)."""
    return as_of()


def an_id(message: str) -> Callable[[Any, Any], None]:
    def check(form: Any, field: Field) -> None:
        if field.data and not ID_PATTERN.match(str(field.data)):
            raise ValidationError(message)

    return check


def _length(label: str, maximum: int) -> Length:
    return Length(max=maximum, message=f"{label} must be {maximum:,} characters or fewer")


# --- people and relationships ---------------------------------------------------------------------


class PersonFields(FlaskForm):
    """A person: shared between young people (siblings share their grandmother)."""

    name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[DataRequired(message="Enter the person's name"), _length("Name", NAME_MAX)],
    )
    category = ChoiceRadio(
        "Category",
        choices=choices(CATEGORY_CHOICES),
        validators=[InputRequired(message="Choose a category")],
        invalid_choice_message="Choose a category from the list",
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
        validators=[_length("Address", ADDRESS_MAX)],
    )
    contact_details = TextAreaField(
        "Contact details",
        widget=GovTextArea(),
        description="How to reach them: a phone number, an email. Never shown in a Family Group "
        "Conference; in the young person's My Network pack only if they agreed to be reachable.",
        validators=[_length("Contact details", ADDRESS_MAX)],
    )
    reachable_agreed_on = GovukDateField(
        "Date they agreed the young person may contact them",
        description="For example, 27 3 2026. Leave blank if they have not agreed: then their "
        "contact details stay out of the young person's pack.",
        validators=[not_after(_today, "Date they agreed the young person may contact them")],
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
    safety = ChoiceRadio(
        "Is contact safe?",
        choices=choices(SAFETY_CHOICES),
        default=Safety.UNASSESSED.value,
        validators=[InputRequired(message="Choose whether contact is safe")],
        invalid_choice_message="Choose whether contact is safe from the list",
    )
    safety_note = TextAreaField(
        "Safety note",
        widget=GovTextArea(),
        description="Never shown in a Family Group Conference.",
        validators=[_length("Safety note", TEXT_MAX)],
    )
    wishes = ChoiceRadio(
        "What does the young person want?",
        choices=choices(WISHES_CHOICES),
        default=Wishes.UNKNOWN.value,
        validators=[InputRequired(message="Choose what the young person wants")],
        invalid_choice_message="Choose what the young person wants from the list",
    )
    contact = ChoiceRadio(
        "Contact now",
        choices=choices(CONTACT_CHOICES),
        default=Contact.NONE_YET.value,
        validators=[InputRequired(message="Choose the contact they have now")],
        invalid_choice_message="Choose the contact they have now from the list",
    )
    last_contact = GovukDateField(
        "Date of last contact",
        description="For example, 27 3 2026. Leave blank if it is not known.",
        validators=[not_after(_today, "Date of last contact")],
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
        validators=[_length("Notes", TEXT_MAX)],
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
    source = ChoiceSelect(
        "First person",
        validators=[InputRequired(message="Choose the first person")],
        invalid_choice_message="Choose the first person from the list",
    )
    kind = ChoiceRadio(
        "How are they linked?",
        choices=choices(LINK_CHOICES),
        validators=[InputRequired(message="Choose how they are linked")],
        invalid_choice_message="Choose how they are linked from the list",
    )
    target = ChoiceSelect(
        "Second person",
        validators=[InputRequired(message="Choose the second person")],
        invalid_choice_message="Choose the second person from the list",
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
    person_id = ChoiceSelect(
        "Who was the contact with?",
        validators=[InputRequired(message="Choose who the contact was with")],
        invalid_choice_message="Choose who the contact was with from the list",
    )
    date = GovukDateField(
        "Date of the contact",
        description="For example, 27 3 2026.",
        validators=[not_after(_today, "Date of the contact")],
    )
    kind = ChoiceRadio(
        "What kind of contact?",
        choices=choices(CONTACT_KIND_CHOICES),
        validators=[InputRequired(message="Choose the kind of contact")],
        invalid_choice_message="Choose the kind of contact from the list",
    )
    note = TextAreaField(
        "Note",
        widget=GovTextArea(),
        description="Optional. Never shown in a Family Group Conference.",
        validators=[_length("Note", TEXT_MAX)],
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
        message = f"{label} {error.message}".strip() if label else _capitalised(error.message)
        if field is None:
            field = next(iter(form._fields.values()))
        field.errors = [*field.errors, message]


def error_summary(form: FlaskForm) -> dict[str, Any]:
    """The GOV.UK error summary's parameters: one entry per field with an error, linked to
    its first input (a date's day box, a list's first option)."""
    items: list[dict[str, str]] = []
    for field in form:
        items += _field_errors(field)
    return {"titleText": "There is a problem", "errorList": items}


def _field_errors(field: Field) -> list[dict[str, str]]:
    if isinstance(field, FieldList):
        return [item for entry in field for item in _field_errors(entry)]
    if isinstance(field, FormField):
        return [item for sub in field.form for item in _field_errors(sub)]
    if not field.errors:
        return []
    first = field.errors[0]
    text = first if isinstance(first, str) else "There is a problem with this part of the form"
    target = f"{field.name}-day" if isinstance(field, GovukDateField) else field.id
    return [{"text": text, "href": f"#{target}"}]
