"""An invitation to a young person to rate their own people (docs/invitations.md).

The whole score rests on what the young person feels (docs/scoring.md rule 2: only their own
closeness rating counts), so a coordinator may send them a link to a page of their own: for each
person the coordinator chose, "How close do you feel to them?" and "Would you like to see them?",
and a box for anyone else who matters or whom they would like found.

This module is the pure part (no I/O, no Flask):

- the link's secret: :func:`new_token` (``secrets.token_urlsafe(32)``, 256 bits) and
  :func:`token_hash` (SHA-256, the only form the store keeps, so a copy of the database opens
  no invitation);
- :class:`Invitation`, its validity (:func:`expires_at`, :func:`check_days`, default
  :data:`DEFAULT_DAYS`) and its :class:`InvitationState` at a moment;
- who it shows by default (:func:`default_people`: everyone in the network but people whose
  *effective* safety is ``no_contact``);
- the young person's answers: :func:`parse_answers` reads a form's fields for the invitation's
  own people only, and :func:`apply_answers` says exactly what submitting changes in a network
  (the store's Cypher does the same in one transaction; the web uses this to show the score
  before and after).

What the young person's page may show is :mod:`connections.young_person_audience`.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Final

from connections.model import FieldError, InvalidInput, Network, RatedBy, Safety, Wishes
from connections.own_words import parse_words
from connections.restrictions import effective_safeties

#: Bytes of randomness in a token: 256 bits (at least 128 are required).
TOKEN_BYTES: Final = 32
#: What a token looks like: ``secrets.token_urlsafe(32)`` is 43 URL-safe base64 characters.
TOKEN_PATTERN: Final = re.compile(r"^[A-Za-z0-9_-]{43}$")
#: How long a link works unless the coordinator chooses otherwise, in days.
DEFAULT_DAYS: Final = 14
MIN_DAYS: Final = 1
MAX_DAYS: Final = 60
#: The longest free text the young person may write, and how many suggestions it is split into.
SUGGESTIONS_MAX: Final = 2000
SUGGESTIONS_COUNT_MAX: Final = 20
#: How the ratings given through an invitation are described wherever they are shown.
PROVENANCE: Final = "given by the young person through an invitation"


class InvitationState(StrEnum):
    """Where an invitation is: only an ``open`` one opens the young person's page."""

    OPEN = "open"
    SUBMITTED = "submitted"
    EXPIRED = "expired"
    REVOKED = "revoked"


STATE_WORDS: Final[Mapping[InvitationState, str]] = {
    InvitationState.OPEN: "Open",
    InvitationState.SUBMITTED: "Answered",
    InvitationState.EXPIRED: "Expired",
    InvitationState.REVOKED: "Revoked",
}


def new_token() -> str:
    """A new link secret: 256 random bits, URL-safe (``secrets.token_urlsafe(32)``)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 of a token (hex): the only form of it the store keeps or looks up.

    A plain hash is enough (no salt, no slow hash): the token carries 256 random bits, so there is
    nothing to guess from the hash, and lookups stay one index seek.

    >>> len(token_hash("x")), token_hash("x") == token_hash("x")
    (64, True)
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(text: str) -> bool:
    """Whether ``text`` has a token's shape (anything else is refused without a lookup; the
    answer is the same either way)."""
    return bool(TOKEN_PATTERN.fullmatch(text))


def check_days(days: object) -> int:
    """The validity in whole days, from :data:`MIN_DAYS` to :data:`MAX_DAYS`; else
    :class:`InvalidInput` naming ``days``.

    >>> check_days(14)
    14
    >>> check_days(0)
    Traceback (most recent call last):
    ...
    connections.model.InvalidInput: days: must be between 1 and 60 days
    """
    if isinstance(days, bool) or not isinstance(days, int):
        raise InvalidInput.single("days", "must be a whole number of days")
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise InvalidInput.single("days", f"must be between {MIN_DAYS} and {MAX_DAYS} days")
    return days


def expires_at(created_at: datetime, days: int) -> datetime:
    """When a link made at ``created_at`` for ``days`` stops working."""
    return created_at + timedelta(days=check_days(days))


@dataclass(frozen=True, slots=True)
class Answer:
    """One person's answers: ``closeness`` 0-4 or ``None`` (not answered), ``wishes`` or
    ``None`` (not answered; "not sure" is :attr:`Wishes.UNKNOWN`)."""

    person_id: str
    closeness: int | None = None
    wishes: Wishes | None = None

    @property
    def answered(self) -> bool:
        return self.closeness is not None or self.wishes is not None


@dataclass(frozen=True, slots=True)
class Draft:
    """What the young person has written so far (saved to come back to, or submitted)."""

    answers: tuple[Answer, ...] = ()
    suggestions: str = ""
    #: "What I want my family to know" (:mod:`connections.own_words`) and whether to show it at
    #: the family meeting (``None`` until answered; always answered when there are words).
    words: str = ""
    share_words: bool | None = None

    def answer_for(self, person_id: str) -> Answer:
        for answer in self.answers:
            if answer.person_id == person_id:
                return answer
        return Answer(person_id)

    def to_json(self) -> dict[str, object]:
        return {
            "answers": [
                {
                    "person_id": a.person_id,
                    "closeness": a.closeness,
                    "wishes": a.wishes.value if a.wishes else None,
                }
                for a in self.answers
            ],
            "suggestions": self.suggestions,
            "words": self.words,
            "share_words": self.share_words,
        }

    @classmethod
    def from_json(cls, data: object, person_ids: Sequence[str]) -> Draft:
        """A draft as saved; anything that is not an answer for one of ``person_ids`` is
        dropped (a draft is the store's own, but it is read defensively)."""
        if not isinstance(data, dict):
            return cls()
        wanted = set(person_ids)
        answers = []
        for item in data.get("answers") or []:
            if not isinstance(item, dict) or item.get("person_id") not in wanted:
                continue
            closeness = item.get("closeness")
            wishes = item.get("wishes")
            answers.append(
                Answer(
                    person_id=item["person_id"],
                    closeness=closeness if closeness in range(5) else None,
                    wishes=Wishes(wishes) if wishes in {w.value for w in Wishes} else None,
                )
            )
        suggestions = data.get("suggestions")
        words = data.get("words")
        share = data.get("share_words")
        return cls(
            tuple(answers),
            suggestions if isinstance(suggestions, str) else "",
            words if isinstance(words, str) else "",
            share if isinstance(share, bool) else None,
        )


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Someone the young person named, as a task for a worker: never a person in the network
    until a worker adds one."""

    id: str
    text: str
    done: bool = False
    done_by: str = ""
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """What submitting changed for one person: before and after, kept on the invitation. The
    ``before_*`` fields keep a worker's estimate apart once the young person's rating replaces
    it on the relationship."""

    person_id: str
    person_name: str
    before_closeness: int | None
    before_rated_by: RatedBy | None
    before_wishes: Wishes | None
    closeness: int | None
    wishes: Wishes | None

    @property
    def worker_estimate(self) -> int | None:
        """The worker's estimate the young person's rating replaced, if there was one."""
        if self.before_rated_by is RatedBy.WORKER and self.closeness is not None:
            return self.before_closeness
        return None


@dataclass(frozen=True, slots=True)
class ToReview:
    """An answered invitation waiting for a worker: its answers not yet reviewed, or
    suggestions not yet dealt with (``(id, text)`` each)."""

    young_person_id: str
    young_person_name: str
    invitation_id: str
    submitted_at: datetime
    answers_to_review: bool
    suggestions: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Invitation:
    """An invitation as the store keeps it (never the token itself: only its hash)."""

    id: str
    young_person_id: str
    person_ids: tuple[str, ...]
    created_at: datetime
    expires_at: datetime
    created_by: str
    submitted_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_by: str = ""
    reviewed_at: datetime | None = None  # a worker has read what the answers changed
    reviewed_by: str = ""
    draft: Draft = field(default_factory=Draft)
    score_before: float | None = None
    score_after: float | None = None
    answers: tuple[AnswerRecord, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()

    def state(self, now: datetime) -> InvitationState:
        """Revoked and submitted are for good; otherwise open until it expires.

        >>> from datetime import UTC
        >>> made = datetime(2026, 1, 1, tzinfo=UTC)
        >>> invitation = Invitation("i1", "yp", ("p1",), made, expires_at(made, 14), "cora")
        >>> invitation.state(made), invitation.state(made + timedelta(days=14))
        (<InvitationState.OPEN: 'open'>, <InvitationState.EXPIRED: 'expired'>)
        """
        if self.revoked_at is not None:
            return InvitationState.REVOKED
        if self.submitted_at is not None:
            return InvitationState.SUBMITTED
        if now >= self.expires_at:
            return InvitationState.EXPIRED
        return InvitationState.OPEN

    @property
    def open_suggestions(self) -> tuple[Suggestion, ...]:
        return tuple(s for s in self.suggestions if not s.done)


def default_people(network: Network, as_of: date) -> list[str]:
    """The people an invitation shows unless the coordinator chooses otherwise: everyone with a
    relationship in the network except people whose effective safety on ``as_of`` is
    ``no_contact`` (:mod:`connections.restrictions`). In the network's order."""
    safeties = effective_safeties(network, as_of)
    people = {person.id for person in network.people}
    chosen: list[str] = []
    for relationship in network.relationships:
        pid = relationship.person_id
        if pid in people and pid not in chosen and safeties[pid] is not Safety.NO_CONTACT:
            chosen.append(pid)
    return chosen


def check_people(network: Network, person_ids: Iterable[str]) -> list[str]:
    """The chosen people, each in the young person's network, at least one, each once (in the
    order given); else :class:`InvalidInput` naming ``person_ids``."""
    members = {r.person_id for r in network.relationships}
    chosen: list[str] = []
    for pid in person_ids:
        if pid not in members:
            raise InvalidInput.single("person_ids", f'"{pid}" is not in this network')
        if pid not in chosen:
            chosen.append(pid)
    if not chosen:
        raise InvalidInput.single("person_ids", "choose at least one person")
    return chosen


_WISH_VALUES: Final = {wish.value: wish for wish in Wishes}


def parse_answers(form: Mapping[str, str], person_ids: Sequence[str]) -> Draft:
    """The young person's answers from a form: ``closeness-<i>`` ("0" to "4", or empty) and
    ``wishes-<i>`` (a :class:`Wishes` value, or empty) for the ``i``-th person of the
    invitation, ``suggestions``, and the young person's own words for their family meeting
    (``own_words`` with ``share_own_words``, :func:`connections.own_words.parse_words`). Fields
    are numbered by position, not person id, so the
    page never carries an id, and only the invitation's own people can be answered: any other
    field is ignored. A bad value raises :class:`InvalidInput` naming the field.

    >>> parse_answers({"closeness-0": "3", "wishes-0": "wants"}, ["gran"]).answers
    (Answer(person_id='gran', closeness=3, wishes=<Wishes.WANTS: 'wants'>),)
    """
    errors: list[FieldError] = []
    answers: list[Answer] = []
    for index, pid in enumerate(person_ids):
        closeness_text = (form.get(f"closeness-{index}") or "").strip()
        wishes_text = (form.get(f"wishes-{index}") or "").strip()
        closeness: int | None = None
        if closeness_text:
            if closeness_text in {"0", "1", "2", "3", "4"}:
                closeness = int(closeness_text)
            else:
                errors.append(FieldError(path=f"closeness-{index}", message="choose an answer"))
        wishes = None
        if wishes_text:
            wishes = _WISH_VALUES.get(wishes_text)
            if wishes is None:
                errors.append(FieldError(path=f"wishes-{index}", message="choose an answer"))
        answer = Answer(pid, closeness, wishes)
        if answer.answered:
            answers.append(answer)
    suggestions = (form.get("suggestions") or "").strip().replace("\r\n", "\n")
    if len(suggestions) > SUGGESTIONS_MAX:
        errors.append(
            FieldError(path="suggestions", message=f"is longer than {SUGGESTIONS_MAX} characters")
        )
    words, share = "", None
    try:
        words, share = parse_words(form)
    except InvalidInput as error:
        errors.extend(error.errors)
    if errors:
        raise InvalidInput(errors)
    return Draft(tuple(answers), suggestions, words, share)


def split_suggestions(text: str) -> list[str]:
    """The free text as separate suggestions, one per non-empty line (at most
    :data:`SUGGESTIONS_COUNT_MAX`; the rest is kept in the last one).

    >>> split_suggestions("My friend Sam\\n\\n  Auntie Jo in Leeds ")
    ['My friend Sam', 'Auntie Jo in Leeds']
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > SUGGESTIONS_COUNT_MAX:
        head = lines[: SUGGESTIONS_COUNT_MAX - 1]
        lines = [*head, " / ".join(lines[SUGGESTIONS_COUNT_MAX - 1 :])]
    return lines


def apply_answers(network: Network, person_ids: Sequence[str], draft: Draft) -> Network:
    """The network once the answers are saved: for each of the invitation's people still in
    the network, a closeness answer becomes the relationship's ``closeness`` with
    ``closeness_rated_by = young_person`` (replacing any worker estimate, which the invitation
    keeps as the answer's before), and a wishes answer its ``wishes``. Nothing else changes;
    answers for anyone not in ``person_ids`` are ignored. A new network, the input untouched.
    """
    allowed = set(person_ids)
    answers = {a.person_id: a for a in draft.answers if a.person_id in allowed}
    relationships = []
    for relationship in network.relationships:
        answer = answers.get(relationship.person_id)
        if answer is not None and answer.answered:
            update: dict[str, object] = {}
            if answer.closeness is not None:
                update["closeness"] = answer.closeness
                update["closeness_rated_by"] = RatedBy.YOUNG_PERSON
            if answer.wishes is not None:
                update["wishes"] = answer.wishes
            relationship = relationship.model_copy(update=update)
        relationships.append(relationship)
    return network.model_copy(update={"relationships": relationships})
