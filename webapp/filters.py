"""Jinja filters shared by every page: dates, percentages, vocabularies in words, status tags.

Tags always carry their meaning in text ("Red", "Gap"), never in colour alone. Every filter that
returns markup escapes what it is given.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import Flask
from markupsafe import Markup, escape

from connections.model import Role
from connections.scoring import ROLE_LABELS

_UK = ZoneInfo("Europe/London")

#: RED/AMBER/GREEN: tag colour class and the words shown.
_COVERAGE_TAGS = {
    "RED": ("govuk-tag--red", "Red"),
    "AMBER": ("govuk-tag--orange", "Amber"),
    "GREEN": ("govuk-tag--green", "Green"),
}

#: Support domain statuses.
_DOMAIN_TAGS = {
    "covered": ("govuk-tag--green", "Covered"),
    "professional_only": ("govuk-tag--yellow", "Professionals only"),
    "gap": ("govuk-tag--red", "Gap"),
}

#: Vocabulary values that read better than their spelling with spaces.
_WORDS = {
    "in_care": "In care",
    "care_leaver": "Care leaver",
    "no_contact": "No contact",
    "none_yet": "None yet",
    "not_now": "Not now",
    "young_person": "Young person",
    "closeness_unrated": "Closeness not rated by the young person",
    "safety_unassessed": "Safety not assessed",
    "last_contact_unknown": "Date of last contact unknown",
    "education_work": "Education or work",
    "somewhere_to_stay": "Somewhere to stay",
    "ruled_out": "Ruled out",
}

CLOSENESS_WORDS = {
    0: "Not close",
    1: "A little close",
    2: "Somewhat close",
    3: "Close",
    4: "Very close",
}


def _value(value: object) -> str:
    return value.value if isinstance(value, Enum) else str(value)


def long_date(value: date | datetime | None, missing: str = "Not known") -> str:
    """``22 November 2026`` (GOV.UK style: no leading zero, month in full).

    >>> long_date(date(2026, 11, 2))
    '2 November 2026'
    """
    if value is None:
        return missing
    return f"{value.day} {value:%B %Y}"


def long_datetime(value: datetime | None) -> str:
    """``22 November 2026 at 3:05pm``, in UK time.

    >>> from datetime import timezone
    >>> long_datetime(datetime(2026, 7, 1, 14, 5, tzinfo=timezone.utc))
    '1 July 2026 at 3:05pm'
    """
    if value is None:
        return "Not known"
    if value.tzinfo is not None:
        value = value.astimezone(_UK)
    hour = value.hour % 12 or 12
    return f"{long_date(value)} at {hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


def percentage(value: float | None, missing: str = "None") -> str:
    """``0.456`` -> ``46%``.

    >>> percentage(0.456), percentage(None)
    ('46%', 'None')
    """
    if value is None:
        return missing
    return f"{value:.0%}"


@lru_cache(maxsize=512)
def words(value: object) -> str:
    """A vocabulary value in words, capitalised: ``care_leaver`` -> ``Care leaver``.

    Cached: a large network's page asks for the same few dozen words thousands of times.

    >>> words("care_leaver"), words("aunt_uncle")
    ('Care leaver', 'Aunt or uncle')
    """
    if value is None:
        return ""
    text = _value(value)
    if text in _WORDS:
        return _WORDS[text]
    try:
        text = ROLE_LABELS[Role(text)]
    except ValueError:
        text = text.replace("_", " ")
    return text[:1].upper() + text[1:]


def role_label(value: object) -> str:
    """A relationship role as the report writes it, lower case: ``half-sibling``."""
    try:
        return ROLE_LABELS[Role(_value(value))]
    except ValueError:
        return _value(value).replace("_", " ")


def closeness(value: int | None, rated_by: object = None) -> str:
    """``4`` rated by the young person -> ``Very close (4), rated by the young person``."""
    if value is None:
        return "Not rated"
    text = f"{CLOSENESS_WORDS.get(value, str(value))} ({value})"
    if rated_by is not None:
        who = "the young person" if _value(rated_by) == "young_person" else "a worker"
        text += f", rated by {who}"
    return text


def _tag(css: str, text: str) -> Markup:
    return Markup('<strong class="govuk-tag {}">{}</strong>').format(css, text)


def coverage_tag(status: object) -> Markup:
    """RED/AMBER/GREEN as a GOV.UK tag with the word in it."""
    value = _value(status)
    css, text = _COVERAGE_TAGS.get(value, ("govuk-tag--grey", value.title()))
    return _tag(css, text)


def domain_tag(status: object) -> Markup:
    value = _value(status)
    css, text = _DOMAIN_TAGS.get(value, ("govuk-tag--grey", words(value)))
    return _tag(css, text)


def yes_no(value: object) -> str:
    return "Yes" if value else "No"


def bar_width(value: float, maximum: float) -> str:
    """A CSS class for a bar ``value / maximum`` long, in whole percent (``lc-bar--w37``); the
    classes are in static/css/app.css, since the CSP forbids inline styles."""
    if maximum <= 0 or value <= 0:
        return "lc-bar--w0"
    percent = max(1, min(100, round(100 * value / maximum)))
    return f"lc-bar--w{percent}"


def init_app(app: Flask) -> None:
    for name, function in {
        "long_date": long_date,
        "long_datetime": long_datetime,
        "percentage": percentage,
        "words": words,
        "role_label": role_label,
        "closeness": closeness,
        "coverage_tag": coverage_tag,
        "domain_tag": domain_tag,
        "yes_no": yes_no,
    }.items():
        app.add_template_filter(function, name)
    app.add_template_global(bar_width, "bar_width")
    app.add_template_global(escape, "escape")
