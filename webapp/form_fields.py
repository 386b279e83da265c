"""The GOV.UK form kit every form in the app is built from: choice fields that refuse what was
not offered, the three-box date, whole numbers, the shared limits and validators, and the error
summary.

Messages follow GOV.UK's error message style ("Choose ...", "Enter ...", "... must be ..."), and a
field never raises on what a browser (or a tampered form) sends: it says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovTextInput,
)
from wtforms import (
    Field,
    FieldList,
    FormField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import InputRequired, Length, ValidationError

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


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- fields --------------------------------------------------------------------------------------


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


ChoiceFieldT = TypeVar("ChoiceFieldT", ChoiceRadio, ChoiceSelect, ChoiceCheckboxes)


def required_choice(
    field: type[ChoiceFieldT], label: str, what: str, **kwargs: Any
) -> ChoiceFieldT:
    """A choice that must be made: "Choose {what}" when none is, "Choose {what} from the list"
    when the value sent was not one offered (a tampered form).

    >>> field = required_choice(ChoiceRadio, "Safety", "whether contact is safe")
    >>> field.kwargs["validators"][0].message, field.kwargs["invalid_choice_message"]
    ('Choose whether contact is safe', 'Choose whether contact is safe from the list')
    """
    return field(  # type: ignore[call-arg]
        label,
        validators=[InputRequired(message=f"Choose {what}")],
        invalid_choice_message=f"Choose {what} from the list",
        **kwargs,
    )


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


def today() -> date:
    """Today, or the app's fixed date (demos and tests)."""
    return as_of()


def an_id(message: str) -> Callable[[Any, Any], None]:
    def check(form: Any, field: Field) -> None:
        if field.data and not ID_PATTERN.match(str(field.data)):
            raise ValidationError(message)

    return check


def length(label: str, maximum: int) -> Length:
    return Length(max=maximum, message=f"{label} must be {maximum:,} characters or fewer")


# --- errors --------------------------------------------------------------------------------------


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
