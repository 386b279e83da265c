"""The product's vocabularies in words: one place for what every page, form, map and download
calls a value (``no_contact`` is "No contact" everywhere, never the raw value).

Pure and importable without Flask: the web app's filters (``webapp/filters.py``) and the map
builder (:mod:`connections.maps`, whose downloaded file has no app around it) both use it.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import Final

from connections.model import RatedBy, Role
from connections.scoring import ROLE_LABELS

__all__ = ["CLOSENESS_WORDS", "WORDS", "closeness", "phrase", "rated_by", "role_label", "words"]

#: Vocabulary values that read better than their spelling with spaces (the words shown).
WORDS: Final = {
    "in_care": "In care",
    "care_leaver": "Care leaver",
    "no_contact": "No contact",
    "supervised": "Supervised contact only",
    "unassessed": "Not assessed yet",
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

#: The closeness scale (docs/scoring.md): 0 not close ... 4 very close.
CLOSENESS_WORDS: Final = {
    0: "Not close",
    1: "A little close",
    2: "Somewhat close",
    3: "Close",
    4: "Very close",
}


def _value(value: object) -> str:
    return value.value if isinstance(value, Enum) else str(value)


@lru_cache(maxsize=512)
def words(value: object) -> str:
    """A vocabulary value in words, capitalised: ``care_leaver`` -> ``Care leaver``.

    Cached: a large network's page asks for the same few dozen words thousands of times.

    >>> words("care_leaver"), words("aunt_uncle"), words("none_yet"), words(None)
    ('Care leaver', 'Aunt or uncle', 'None yet', '')
    """
    if value is None:
        return ""
    text = _value(value)
    if text in WORDS:
        return WORDS[text]
    try:
        text = ROLE_LABELS[Role(text)]
    except ValueError:
        text = text.replace("_", " ")
    return text[:1].upper() + text[1:]


def phrase(value: object) -> str:
    """The same words in the middle of a sentence: ``no_contact`` -> ``no contact``.

    >>> phrase("no_contact"), phrase("supervised")
    ('no contact', 'supervised contact only')
    """
    text = words(value)
    return text[:1].lower() + text[1:]


def role_label(value: object) -> str:
    """A relationship role as the report writes it, lower case: ``half-sibling``.

    >>> role_label("half_sibling"), role_label("something_else")
    ('half-sibling', 'something else')
    """
    try:
        return ROLE_LABELS[Role(_value(value))]
    except ValueError:
        return _value(value).replace("_", " ")


def rated_by(value: object) -> str:
    """Who rated a closeness: ``the young person`` or ``a worker``."""
    return "the young person" if _value(value) == RatedBy.YOUNG_PERSON.value else "a worker"


def closeness(value: int | None, rated: object = None) -> str:
    """``4`` rated by the young person -> ``Very close (4), rated by the young person``.

    >>> closeness(4, "young_person"), closeness(None), closeness(2)
    ('Very close (4), rated by the young person', 'Not rated', 'Somewhat close (2)')
    """
    if value is None:
        return "Not rated"
    text = f"{CLOSENESS_WORDS.get(value, str(value))} ({value})"
    if rated is not None:
        text += f", rated by {rated_by(rated)}"
    return text
