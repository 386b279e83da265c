"""The young person's own words for their family meeting: "What I want my family to know"
(docs/maps.md, "The young person's own words").

A short statement, and whether the young person chose to show it at their Family Group
Conference. The young person gives it on their invitation page, or a worker records it on their
behalf, saying it is what the young person said; either way who recorded it and when are kept.
It is shown at the top of the conference view and its presenting mode only when the young person
chose to share it (:func:`connections.audiences.conference_words` is the one place that decides),
and nowhere else to the family.

It is not part of the network document: it is a message for one meeting with its own consent to
show it, not a fact about the network, so an export never carries it to another system and an
import never changes it. This module is pure (no I/O, no Flask).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from connections.model import FieldError, InvalidInput

#: The longest statement, in characters: a few sentences, readable from across the room.
WORDS_MAX: Final = 600
#: The form fields, the same on the young person's page and the worker's.
WORDS_FIELD: Final = "own_words"
SHARE_FIELD: Final = "share_own_words"
SAID_FIELD: Final = "said_by_young_person"


class GivenBy(StrEnum):
    """Who put the words in: the young person on their invitation page, or a worker for them."""

    YOUNG_PERSON = "young_person"
    WORKER = "worker"


@dataclass(frozen=True, slots=True)
class OwnWords:
    """The statement as the store keeps it: the words, whether to show them at the conference,
    who recorded them (a worker's username, or the invitation that carried them) and when."""

    text: str
    share: bool
    given_by: GivenBy
    recorded_by: str
    recorded_at: datetime

    @property
    def provenance(self) -> str:
        """Where the words came from, in words, for the worker's view."""
        if self.given_by is GivenBy.YOUNG_PERSON:
            return "written by the young person on their invitation page"
        return f"said by the young person, recorded by {self.recorded_by}"


def parse_words(form: Mapping[str, str], *, worker: bool = False) -> tuple[str, bool | None]:
    """The words and the choice to show them from a form (``own_words``, ``share_own_words``
    "yes" or "no"; for a worker, ``said_by_young_person`` "yes" too). Empty words give
    ``("", None)``: nothing to record. Words without a yes or no, words too long, or a worker's
    words not confirmed as the young person's raise :class:`InvalidInput` naming the field.

    >>> parse_words({"own_words": " I want to stay with my nan. ", "share_own_words": "yes"})
    ('I want to stay with my nan.', True)
    >>> parse_words({"own_words": "Hi"})
    Traceback (most recent call last):
    ...
    connections.model.InvalidInput: share_own_words: choose yes or no
    """
    text = (form.get(WORDS_FIELD) or "").strip().replace("\r\n", "\n")
    choice = (form.get(SHARE_FIELD) or "").strip()
    errors: list[FieldError] = []
    if len(text) > WORDS_MAX:
        errors.append(
            FieldError(path=WORDS_FIELD, message=f"is longer than {WORDS_MAX} characters")
        )
    share: bool | None = None
    if choice in ("yes", "no"):
        share = choice == "yes"
    elif choice:
        errors.append(FieldError(path=SHARE_FIELD, message="choose yes or no"))
    if text and share is None and not errors:
        errors.append(FieldError(path=SHARE_FIELD, message="choose yes or no"))
    if worker and not text:
        errors.append(FieldError(path=WORDS_FIELD, message="write what the young person said"))
    if worker and text and (form.get(SAID_FIELD) or "") != "yes":
        errors.append(
            FieldError(path=SAID_FIELD, message="confirm these are the young person's own words")
        )
    if errors:
        raise InvalidInput(errors)
    return (text, share) if text else ("", None)
