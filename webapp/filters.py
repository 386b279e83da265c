"""Jinja filters shared by every page: dates, percentages, vocabularies in words, status tags.

The words themselves live in :mod:`connections.vocabulary`, shared with the maps and their
download; they are re-exported here for the templates and forms.

Tags always carry their meaning in text ("Red", "Gap"), never in colour alone. Every filter that
returns markup escapes what it is given.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from flask import Flask
from markupsafe import Markup, escape

from connections.vocabulary import CLOSENESS_WORDS, closeness, rated_by, role_label, words

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

__all__ = [
    "CLOSENESS_WORDS",
    "bar_width",
    "closeness",
    "coverage_tag",
    "domain_tag",
    "init_app",
    "long_date",
    "long_datetime",
    "percentage",
    "rated_by",
    "role_label",
    "words",
    "yes_no",
]


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
        "rated_by": rated_by,
        "closeness": closeness,
        "coverage_tag": coverage_tag,
        "domain_tag": domain_tag,
        "yes_no": yes_no,
    }.items():
        app.add_template_filter(function, name)
    app.add_template_global(bar_width, "bar_width")
    app.add_template_global(escape, "escape")
