"""Consent and information sharing: a young person's consent ledger and what it allows now.

Each young person has a **ledger**: an append-only list of :class:`ConsentEntry` values. Nothing
in it is edited or deleted; a withdrawal is a new entry. Each entry says what it covers (a
:class:`Purpose`), who gave or refused it (the young person, one holder of parental
responsibility by name, or a recorded legal basis where consent is not sought), the
:class:`Decision`, the date, how it was recorded and, for a young person under 18, the worker's
judgement of their understanding. The store keeps who recorded it and when
(:class:`ConsentRecord`).

The **current state** of each purpose is derived from the ledger on a date
(:func:`consent_state`), never stored, so it cannot drift from what was recorded:

- the latest entry (by date, then by the order recorded) for each purpose and party wins; for
  parental responsibility, one latest entry per holder;
- from 18, only the young person's own latest entry counts, and it must be ``given``;
- under 18, the young person's latest must be ``given`` (their agreement, with the worker's
  judgement of their understanding), and either a legal basis is recorded for the purpose (its
  latest entry ``given``) or every holder of parental responsibility named anywhere in the
  ledger (for any purpose) has ``given`` for this purpose, and at least one is named.

Family finding without current consent is **paused** (:func:`family_finding_paused`): leads are
still listed, but no lead is offered as an action and the finding stage cannot move past
``identified`` (:func:`check_finding_stage`).

Pure: no database, no Flask. Dates in sentences are ISO (``2026-10-02``): the core does not know
how a page prints a date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

import pydantic
from pydantic import AfterValidator, BaseModel, ConfigDict

from connections.model import (
    FieldError,
    FindingStatus,
    Id,
    InvalidInput,
    IsoDate,
    LongText,
    Name,
    ShortText,
    format_path,
)
from connections.scoring import age_on

ADULT_AGE = 18

#: The earliest date an entry may have (an earlier one is a typing mistake).
EARLIEST_ENTRY = date(2000, 1, 1)


class Purpose(StrEnum):
    """What a consent covers."""

    FAMILY_FINDING = "family_finding"
    CONFERENCE_SHARING = "conference_sharing"
    LIFELONG_LINKS_SEARCH = "lifelong_links_search"
    MY_NETWORK_PACK = "my_network_pack"


class Party(StrEnum):
    """Whose decision an entry records."""

    YOUNG_PERSON = "young_person"
    PARENTAL_RESPONSIBILITY = "parental_responsibility"
    LEGAL_BASIS = "legal_basis"


class Decision(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class RecordedHow(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO_CALL = "video_call"
    LETTER = "letter"
    EMAIL = "email"
    MEETING = "meeting"
    OTHER = "other"


class Understanding(StrEnum):
    """The worker's judgement of how well a young person under 18 understands what they agree
    to (recorded with their own entry)."""

    UNDERSTANDS = "understands"
    PARTLY = "partly"
    DOES_NOT_UNDERSTAND = "does_not_understand"


#: Each purpose in words: its name, and what it covers (the consent pages and docs/consent.md).
PURPOSE_LABELS: Mapping[Purpose, str] = {
    Purpose.FAMILY_FINDING: "Family finding",
    Purpose.CONFERENCE_SHARING: "Sharing at a Family Group Conference",
    Purpose.LIFELONG_LINKS_SEARCH: "Lifelong Links search",
    Purpose.MY_NETWORK_PACK: "My Network pack",
}
PURPOSE_DESCRIPTIONS: Mapping[Purpose, str] = {
    Purpose.FAMILY_FINDING: "Searching records and asking people to find relatives and other "
    "people who matter to the young person, and contacting them.",
    Purpose.CONFERENCE_SHARING: "Showing the network map and plan to the family at a Family "
    "Group Conference.",
    Purpose.LIFELONG_LINKS_SEARCH: "A Lifelong Links search: a wider search for people from the "
    "young person's past, with an independent coordinator.",
    Purpose.MY_NETWORK_PACK: "Giving the young person their own My Network pack, with the "
    "people who agreed to be reachable.",
}
PARTY_LABELS: Mapping[Party, str] = {
    Party.YOUNG_PERSON: "The young person",
    Party.PARENTAL_RESPONSIBILITY: "A holder of parental responsibility",
    Party.LEGAL_BASIS: "A legal basis (consent not sought)",
}
DECISION_LABELS: Mapping[Decision, str] = {
    Decision.GIVEN: "Given",
    Decision.REFUSED: "Refused",
    Decision.WITHDRAWN: "Withdrawn",
}
HOW_LABELS: Mapping[RecordedHow, str] = {
    RecordedHow.IN_PERSON: "In person",
    RecordedHow.PHONE: "Phone call",
    RecordedHow.VIDEO_CALL: "Video call",
    RecordedHow.LETTER: "Letter",
    RecordedHow.EMAIL: "Email",
    RecordedHow.MEETING: "Meeting",
    RecordedHow.OTHER: "Other",
}
UNDERSTANDING_LABELS: Mapping[Understanding, str] = {
    Understanding.UNDERSTANDS: "Understands what they agree to",
    Understanding.PARTLY: "Partly understands",
    Understanding.DOES_NOT_UNDERSTAND: "Does not understand yet",
}


# --- an entry ------------------------------------------------------------------------------------


def _plausible_entry_date(value: date) -> date:
    if value < EARLIEST_ENTRY:
        raise ValueError(
            f"{value.isoformat()} is too early: a consent is dated on or after "
            f"{EARLIEST_ENTRY.isoformat()}"
        )
    if value > date.today():
        raise ValueError(f"{value.isoformat()} is in the future: record a consent once it is given")
    return value


EntryDate = Annotated[IsoDate, AfterValidator(_plausible_entry_date)]


class ConsentEntry(BaseModel):
    """One line of a young person's consent ledger, as recorded: never edited afterwards.

    ``holder_name`` is for a holder of parental responsibility (and only then), ``legal_basis``
    for a legal basis (e.g. "Public task: Children Act 1989 s.22(3)"), ``understanding`` for the
    young person's own entry (required under 18: :func:`check_entry`). A legal basis is
    ``given`` (it applies) or ``withdrawn`` (no longer relied on), never ``refused``.

    >>> entry = parse_entry({"id": "c1", "purpose": "family_finding", "party": "young_person",
    ...     "decision": "given", "date": "2026-03-01", "how": "in_person",
    ...     "understanding": "understands"})
    >>> entry.purpose, entry.decision
    (<Purpose.FAMILY_FINDING: 'family_finding'>, <Decision.GIVEN: 'given'>)
    >>> try:
    ...     parse_entry({**entry.model_dump(), "party": "parental_responsibility"})
    ... except InvalidInput as error:
    ...     for problem in error.errors:
    ...         print(problem)
    holder_name: is required for a holder of parental responsibility
    understanding: is only recorded for the young person's own entry
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    id: Id
    purpose: Purpose
    party: Party
    holder_name: Name | None = None
    legal_basis: ShortText | None = None
    decision: Decision
    date: EntryDate
    how: RecordedHow
    understanding: Understanding | None = None
    note: LongText = ""

    @pydantic.model_validator(mode="after")
    def _fields_for_the_party(self) -> ConsentEntry:
        problems: list[tuple[str, str]] = []
        holder = self.party is Party.PARENTAL_RESPONSIBILITY
        basis = self.party is Party.LEGAL_BASIS
        if holder and not self.holder_name:
            problems.append(("holder_name", "is required for a holder of parental responsibility"))
        if not holder and self.holder_name:
            problems.append(("holder_name", "is only for a holder of parental responsibility"))
        if basis and not self.legal_basis:
            problems.append(("legal_basis", "is required: say which legal basis, and why"))
        if not basis and self.legal_basis:
            problems.append(("legal_basis", "is only for an entry of a legal basis"))
        if basis and self.decision is Decision.REFUSED:
            problems.append(
                ("decision", "a legal basis is given (it applies) or withdrawn, never refused")
            )
        if self.party is not Party.YOUNG_PERSON and self.understanding is not None:
            problems.append(("understanding", "is only recorded for the young person's own entry"))
        if problems:
            raise _Problems([FieldError(path=path, message=text) for path, text in problems])
        return self


class _Problems(ValueError):
    """Several field errors from one model validator (pydantic would wrap them as one)."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


def parse_entry(data: Any, prefix: str = "") -> ConsentEntry:
    """Validate ``data`` (a form's, the API's or the demo's values) as a :class:`ConsentEntry`;
    :class:`~connections.model.InvalidInput` names every bad field."""
    try:
        return ConsentEntry.model_validate(data)
    except pydantic.ValidationError as error:
        converted = InvalidInput.from_pydantic(error, prefix).errors
        errors: list[FieldError] = []
        for detail, plain in zip(error.errors(), converted, strict=True):
            cause = (detail.get("ctx") or {}).get("error")
            if isinstance(cause, _Problems):  # the party's rules: each on its own field
                errors += [
                    FieldError(path=format_path((e.path,), prefix), message=e.message)
                    for e in cause.errors
                ]
            else:
                errors.append(plain)
        raise InvalidInput(errors) from None


def check_entry(entry: ConsentEntry, date_of_birth: date, today: date | None = None) -> None:
    """The rules an entry needs the young person for: their own entry under 18 (on the entry's
    date) records the worker's judgement of their understanding, and no entry is dated before
    they were born or after ``today`` (the app's date). Raises
    :class:`~connections.model.InvalidInput` naming the field.

    >>> entry = parse_entry({"id": "c1", "purpose": "family_finding", "party": "young_person",
    ...     "decision": "given", "date": "2026-03-01", "how": "in_person"})
    >>> check_entry(entry, date(2000, 1, 1))  # an adult: no judgement needed
    >>> try:
    ...     check_entry(entry, date(2012, 1, 1))
    ... except InvalidInput as error:
    ...     print(error.errors[0].path)
    understanding
    """
    errors: list[FieldError] = []
    if (
        entry.party is Party.YOUNG_PERSON
        and entry.understanding is None
        and age_on(date_of_birth, entry.date) < ADULT_AGE
    ):
        errors.append(
            FieldError(
                path="understanding",
                message="is required while the young person is under 18: record how well they "
                "understand what they agree to",
            )
        )
    if entry.date < date_of_birth:
        errors.append(
            FieldError(
                path="date",
                message=f"{entry.date.isoformat()} is before the young person was born",
            )
        )
    if today is not None and entry.date > today:
        errors.append(
            FieldError(
                path="date",
                message=f"{entry.date.isoformat()} is after today ({today.isoformat()}): record "
                "a consent once it is given",
            )
        )
    if errors:
        raise InvalidInput(errors)


@dataclass(frozen=True)
class ConsentRecord:
    """An entry as the store keeps it: with who recorded it (their username, and their name
    when the store knows it) and when."""

    entry: ConsentEntry
    recorded_by: str
    recorded_at: datetime
    recorded_by_name: str = ""


# --- the current state ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentState:
    """What the ledger allows for one purpose on a date: ``in_place``, a short ``status`` ("In
    place", "Refused", "Withdrawn", "Not asked", "Waiting for ...") and the ``reasons`` in
    plain words."""

    in_place: bool
    status: str
    reasons: tuple[str, ...]


IN_PLACE = "In place"
REFUSED = "Refused"
WITHDRAWN = "Withdrawn"
NOT_ASKED = "Not asked"


def _entries(entries: Iterable[ConsentEntry | ConsentRecord]) -> list[ConsentEntry]:
    return [item.entry if isinstance(item, ConsentRecord) else item for item in entries]


def _holder_key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def _latest(
    entries: Sequence[ConsentEntry], as_of: date
) -> dict[tuple[Purpose, Party, str], ConsentEntry]:
    """The latest entry on or before ``as_of`` per (purpose, party, holder): by date, then by
    the order recorded (``entries`` are in ledger order)."""
    latest: dict[tuple[Purpose, Party, str], ConsentEntry] = {}
    for entry in sorted((e for e in entries if e.date <= as_of), key=lambda e: e.date):
        holder = (
            _holder_key(entry.holder_name) if entry.party is Party.PARENTAL_RESPONSIBILITY else ""
        )
        latest[(entry.purpose, entry.party, holder)] = entry
    return latest


def holders(entries: Iterable[ConsentEntry | ConsentRecord], as_of: date) -> list[str]:
    """Every holder of parental responsibility named in the ledger on or before ``as_of`` (any
    purpose), as first written, in the order first named."""
    names: dict[str, str] = {}
    for entry in sorted(_entries(entries), key=lambda e: e.date):
        if entry.party is Party.PARENTAL_RESPONSIBILITY and entry.date <= as_of:
            names.setdefault(_holder_key(entry.holder_name), entry.holder_name or "")
    return list(names.values())


@dataclass(frozen=True)
class _Missing:
    """A part of consent that is not in place: whose, and what their latest entry says (None:
    nothing recorded)."""

    who: str
    entry: ConsentEntry | None
    waiting_for: str


def _done(entry: ConsentEntry, who: str) -> str:
    when = entry.date.isoformat()
    if entry.party is Party.LEGAL_BASIS:
        basis = (entry.legal_basis or "").rstrip(". ")  # typed text may end its own sentence
        return f"Legal basis recorded on {when}: {basis}."
    if entry.party is Party.YOUNG_PERSON and entry.understanding is not None:
        judged = UNDERSTANDING_LABELS[entry.understanding].lower()
        return f"{_capital(who)} agreed on {when} (the worker's judgement: {judged})."
    return f"{_capital(who)} gave consent on {when}."


def _missing_phrase(missing: _Missing) -> str:
    entry = missing.entry
    if entry is None:
        return missing.waiting_for
    when = entry.date.isoformat()
    if entry.party is Party.LEGAL_BASIS:
        return f"the legal basis ({entry.legal_basis}) was withdrawn on {when}"
    if entry.decision is Decision.REFUSED:
        return f"{missing.who} refused consent on {when}"
    return f"{missing.who} withdrew consent on {when}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(phrase: str) -> str:
    return _capital(phrase) + "."


def _holder_words(name: str) -> str:
    return f"{name} (parental responsibility)"


def _evaluate(
    entries: Sequence[ConsentEntry], date_of_birth: date, purpose: Purpose, as_of: date
) -> tuple[list[str], list[_Missing], bool]:
    """(what is in place, what is missing, whether anything was recorded for ``purpose``)."""
    latest = _latest(entries, as_of)
    asked = any(key[0] is purpose for key in latest)
    done: list[str] = []
    missing: list[_Missing] = []
    adult = age_on(date_of_birth, as_of) >= ADULT_AGE
    young_person = latest.get((purpose, Party.YOUNG_PERSON, ""))
    agreement = "consent" if adult else "agreement"
    if young_person is not None and young_person.decision is Decision.GIVEN:
        done.append(_done(young_person, "the young person"))
    else:
        missing.append(
            _Missing(
                "the young person",
                young_person,
                f"the young person's {agreement} has not been recorded",
            )
        )
    if adult:
        return done, missing, asked

    basis = latest.get((purpose, Party.LEGAL_BASIS, ""))
    if basis is not None and basis.decision is Decision.GIVEN:
        done.append(_done(basis, "legal basis"))
        return done, missing, asked
    names = holders(entries, as_of)
    if not names:
        missing.append(
            _Missing(
                "a holder of parental responsibility or a legal basis",
                None,
                "no holder of parental responsibility has given consent and no legal basis "
                "is recorded",
            )
        )
    for name in names:
        entry = latest.get((purpose, Party.PARENTAL_RESPONSIBILITY, _holder_key(name)))
        who = _holder_words(name)
        if entry is not None and entry.decision is Decision.GIVEN:
            done.append(_done(entry, who))
        else:
            missing.append(
                _Missing(who, entry, f"consent from {who} has not been recorded (or a legal basis)")
            )
    if basis is not None and any(m.who != "the young person" for m in missing):
        missing.append(_Missing("legal basis", basis, ""))
    return done, missing, asked


def consent_state(
    entries: Iterable[ConsentEntry | ConsentRecord],
    date_of_birth: date,
    purpose: Purpose,
    as_of: date,
) -> ConsentState:
    """The state of consent for ``purpose`` on ``as_of`` (entries dated later do not count yet).

    >>> def e(n, party, decision, day, **more):
    ...     return parse_entry({"id": f"c{n}", "purpose": "family_finding", "party": party,
    ...         "decision": decision, "date": day, "how": "in_person", **more})
    >>> ledger = [e(1, "young_person", "given", "2026-03-01", understanding="understands"),
    ...           e(2, "parental_responsibility", "given", "2026-03-02", holder_name="Dan Example")]
    >>> state = consent_state(ledger, date(2012, 5, 1), Purpose.FAMILY_FINDING, date(2026, 11, 22))
    >>> state.in_place, state.status
    (True, 'In place')
    >>> ledger.append(e(3, "parental_responsibility", "withdrawn", "2026-10-02",
    ...                 holder_name="Dan Example"))
    >>> state = consent_state(ledger, date(2012, 5, 1), Purpose.FAMILY_FINDING, date(2026, 11, 22))
    >>> state.status, state.reasons[-1]
    ('Withdrawn', 'Dan Example (parental responsibility) withdrew consent on 2026-10-02.')
    >>> consent_state(ledger, date(2000, 5, 1), Purpose.FAMILY_FINDING, date(2026, 11, 22)).status
    'In place'
    >>> consent_state([], date(2012, 5, 1), Purpose.MY_NETWORK_PACK, date(2026, 11, 22)).status
    'Not asked'
    """
    listed = _entries(entries)
    done, missing, asked = _evaluate(listed, date_of_birth, purpose, as_of)
    if not missing:
        return ConsentState(True, IN_PLACE, tuple(done))
    if not asked:
        return ConsentState(False, NOT_ASKED, ("Nothing has been recorded for this yet.",))
    decisions = {m.entry.decision for m in missing if m.entry is not None}
    if Decision.WITHDRAWN in decisions:
        status = WITHDRAWN
    elif Decision.REFUSED in decisions:
        status = REFUSED
    else:
        status = "Waiting for " + _and(m.who for m in missing if m.who != "legal basis")
    reasons = tuple(done) + tuple(_sentence(_missing_phrase(m)) for m in missing)
    return ConsentState(False, status, reasons)


def _and(items: Iterable[str]) -> str:
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def consent_states(
    entries: Iterable[ConsentEntry | ConsentRecord], date_of_birth: date, as_of: date
) -> dict[Purpose, ConsentState]:
    """:func:`consent_state` for every purpose, in the order of :class:`Purpose`."""
    listed = _entries(entries)
    return {purpose: consent_state(listed, date_of_birth, purpose, as_of) for purpose in Purpose}


# --- family finding paused -----------------------------------------------------------------------

PAUSED = "Family finding is paused: "


def family_finding_paused(
    entries: Iterable[ConsentEntry | ConsentRecord], date_of_birth: date, as_of: date
) -> str | None:
    """Why family finding is paused on ``as_of``, in one sentence, or ``None`` while consent to
    it is in place.

    >>> family_finding_paused([], date(2012, 5, 1), date(2026, 11, 22))
    'Family finding is paused: nothing has been recorded about consent to family finding.'
    """
    listed = _entries(entries)
    done, missing, asked = _evaluate(listed, date_of_birth, Purpose.FAMILY_FINDING, as_of)
    if not missing:
        return None
    if not asked:
        return PAUSED + "nothing has been recorded about consent to family finding."
    return PAUSED + "; ".join(_missing_phrase(m) for m in missing) + "."


#: The stages family finding may still move to while it is paused.
ALLOWED_WHILE_PAUSED = frozenset(
    {FindingStatus.IDENTIFIED, FindingStatus.DECLINED, FindingStatus.RULED_OUT}
)


def check_finding_stage(
    before: FindingStatus | None,
    after: FindingStatus | None,
    paused_reason: str | None,
    path: str = "finding_status",
) -> FieldError | None:
    """Refuse a move of a family finding stage past ``identified`` while family finding is
    paused (``paused_reason`` from :func:`family_finding_paused`); identified, declined, ruled
    out, no stage and no change stay allowed.

    >>> paused = "Family finding is paused: Dan (parental responsibility) withdrew consent."
    >>> check_finding_stage(FindingStatus.IDENTIFIED, FindingStatus.RULED_OUT, paused) is None
    True
    >>> error = check_finding_stage(FindingStatus.IDENTIFIED, FindingStatus.CONTACTED, paused)
    >>> error.path, error.message[:73]
    ('finding_status', 'cannot move past identified while family finding is paused: Dan (parental')
    >>> check_finding_stage(None, FindingStatus.CONTACTED, None) is None
    True
    """
    if paused_reason is None or after is None or after == before:
        return None
    if after in ALLOWED_WHILE_PAUSED:
        return None
    why = paused_reason.removeprefix(PAUSED).rstrip(".")
    return FieldError(
        path=path,
        message=f"cannot move past identified while family finding is paused: {why}. Record "
        "consent to family finding first, or choose identified, declined or ruled out.",
    )


def finding_stage_errors(
    before: Mapping[str, FindingStatus | None],
    after: Sequence[Any],
    paused_reason: str | None,
    prefix: str = "relationships",
) -> list[FieldError]:
    """:func:`check_finding_stage` for a whole list of relationships (``after``, each with
    ``person_id`` and ``finding_status``) against the stages stored before (by person id; a
    person not there before had none), each error at ``relationships[i].finding_status``."""
    if paused_reason is None:
        return []
    errors = []
    for index, relationship in enumerate(after):
        error = check_finding_stage(
            before.get(relationship.person_id),
            relationship.finding_status,
            paused_reason,
            path=f"{prefix}[{index}].finding_status",
        )
        if error is not None:
            errors.append(error)
    return errors
