"""The entities of a young person's network, their vocabularies, and validation.

The vocabularies are the ones docs/scoring.md defines. Every entity is a pydantic model, so
the same definitions validate web forms, API bodies, network JSON imports and store writes, and
give the published JSON Schema (``schema/network.schema.json``).

Bad input raises :class:`InvalidInput`, whose errors each name the field by its path in the
document, for example ``relationships[3].safety: "sometimes" is not one of safe, supervised,
no_contact, unassessed``.

People are shared between young people (a grandmother of three siblings is one person); what a
young person feels about someone, safety and wishes live on that young person's
:class:`Relationship`, never on the :class:`Person`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Self, TypeVar

import pydantic
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
)
from pydantic_core import PydanticCustomError

_ModelT = TypeVar("_ModelT", bound=BaseModel)

FORMAT_NAME = "lifelong-connections/network"
#: Version 2 added ``restrictions`` and each relationship's ``side``; version 1 documents still
#: read (docs/network-format.md).
FORMAT_VERSION = 2


class YoungPersonStatus(StrEnum):
    IN_CARE = "in_care"
    CARE_LEAVER = "care_leaver"


class Category(StrEnum):
    FAMILY = "family"
    FRIEND = "friend"
    CARER = "carer"
    PROFESSIONAL = "professional"
    COMMUNITY = "community"


class Role(StrEnum):
    MOTHER = "mother"
    FATHER = "father"
    SIBLING = "sibling"
    HALF_SIBLING = "half_sibling"
    STEP_SIBLING = "step_sibling"
    GRANDPARENT = "grandparent"
    AUNT_UNCLE = "aunt_uncle"
    COUSIN = "cousin"
    OTHER_RELATIVE = "other_relative"
    FOSTER_CARER = "foster_carer"
    FORMER_FOSTER_CARER = "former_foster_carer"
    RESIDENTIAL_WORKER = "residential_worker"
    SUPPORTED_LODGINGS_HOST = "supported_lodgings_host"
    #: The carer of a Mockingbird hub home, at the centre of several fostering households.
    HUB_CARER = "hub_carer"
    FRIEND = "friend"
    PARTNER = "partner"
    MENTOR = "mentor"
    INDEPENDENT_VISITOR = "independent_visitor"
    TEACHER = "teacher"
    SOCIAL_WORKER = "social_worker"
    PERSONAL_ADVISER = "personal_adviser"
    IRO = "iro"
    ADVOCATE = "advocate"
    THERAPIST = "therapist"
    COORDINATOR = "coordinator"
    OTHER = "other"


SIBLING_ROLES = frozenset({Role.SIBLING, Role.HALF_SIBLING, Role.STEP_SIBLING})
#: The roles of people who care, or cared, for a young person where they live: the carers a
#: constellation is made of (docs/siblings-and-constellations.md).
CARER_ROLES = frozenset(
    {
        Role.FOSTER_CARER,
        Role.FORMER_FOSTER_CARER,
        Role.HUB_CARER,
        Role.SUPPORTED_LODGINGS_HOST,
    }
)
#: The roles that make two young people with the same person in both networks siblings.
PARENT_ROLES = frozenset({Role.MOTHER, Role.FATHER})


class RatedBy(StrEnum):
    YOUNG_PERSON = "young_person"
    WORKER = "worker"


class Safety(StrEnum):
    SAFE = "safe"
    SUPERVISED = "supervised"
    NO_CONTACT = "no_contact"
    UNASSESSED = "unassessed"


class Wishes(StrEnum):
    WANTS = "wants"
    NOT_NOW = "not_now"
    REFUSES = "refuses"
    UNKNOWN = "unknown"


class Contact(StrEnum):
    ACTIVE = "active"
    OCCASIONAL = "occasional"
    LOST = "lost"
    NONE_YET = "none_yet"


class Domain(StrEnum):
    EMOTIONAL = "emotional"
    PRACTICAL = "practical"
    SOMEWHERE_TO_STAY = "somewhere_to_stay"
    MONEY = "money"
    EDUCATION_WORK = "education_work"
    HEALTH = "health"
    CELEBRATIONS = "celebrations"
    CRISIS = "crisis"


DOMAIN_ORDER = {domain: index for index, domain in enumerate(Domain)}


class FindingStatus(StrEnum):
    IDENTIFIED = "identified"
    LOCATED = "located"
    CONTACTED = "contacted"
    ENGAGED = "engaged"
    COMMITTED = "committed"
    DECLINED = "declined"
    RULED_OUT = "ruled_out"


class LinkKind(StrEnum):
    PARENT = "parent"
    SIBLING = "sibling"
    PARTNER = "partner"
    LIVES_WITH = "lives_with"
    KNOWS = "knows"


#: Links that mean "these two live together" (docs/scoring.md: they share one household).
HOUSEHOLD_LINKS = frozenset({LinkKind.PARTNER, LinkKind.LIVES_WITH})


class Side(StrEnum):
    """Which side of the young person's family a relative is on."""

    MATERNAL = "maternal"
    PATERNAL = "paternal"


class RestrictionKind(StrEnum):
    """What a restriction on contact rests on."""

    #: A council's refusal of contact under section 34(6) of the Children Act 1989: up to 7 days,
    #: longer needs the court.
    S34_REFUSAL = "s34_refusal"
    S34_ORDER = "s34_order"
    CHILD_ARRANGEMENTS_ORDER = "child_arrangements_order"
    PROHIBITED_STEPS_ORDER = "prohibited_steps_order"
    NON_MOLESTATION_ORDER = "non_molestation_order"
    CP_PLAN_CONDITION = "cp_plan_condition"
    YOUNG_PERSON_REQUEST = "young_person_request"
    OTHER = "other"


class RestrictionScope(StrEnum):
    """What a restriction limits (docs/scoring.md, restrictions)."""

    NO_CONTACT = "no_contact"
    SUPERVISED = "supervised"
    #: The young person's and their carers' addresses must never reach this person.
    ADDRESS_WITHHELD = "address_withheld"


class ContactKind(StrEnum):
    VISIT = "visit"
    PHONE_CALL = "phone_call"
    VIDEO_CALL = "video_call"
    MESSAGE = "message"
    LETTER = "letter"
    MEETING = "meeting"
    OTHER = "other"


Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
        description="Letters, digits and _ . : - (starting with a letter or digit), at most 64.",
    ),
]
Name = Annotated[str, Field(min_length=1, max_length=200)]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    """Dates are ISO 8601 text in a document (``"2010-03-14"``), or dates in code: never a
    number (pydantic would read 0 as 1 January 1970) nor a date and time."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()  # the calendar (a 31 February) is pydantic's to check
    raise PydanticCustomError("date_type", "is not a date")


#: A date: written as text, YYYY-MM-DD.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]

#: The earliest date of birth accepted: care leavers are supported at any age, but not born
#: before this (an earlier one is a typing mistake, like 1800-01-01).
EARLIEST_BIRTH = date(1920, 1, 1)


def _plausible_birth(value: date) -> date:
    if value < EARLIEST_BIRTH:
        raise ValueError(
            f"{value.isoformat()} is too early: a date of birth is on or after "
            f"{EARLIEST_BIRTH.isoformat()}"
        )
    if value > date.today():
        raise ValueError(f"{value.isoformat()} is in the future: a date of birth cannot be")
    return value


DateOfBirth = Annotated[
    IsoDate,
    AfterValidator(_plausible_birth),
    Field(
        description=(f"YYYY-MM-DD, on or after {EARLIEST_BIRTH.isoformat()} and not in the future.")
    ),
]
ShortText = Annotated[str, Field(max_length=500)]
LongText = Annotated[str, Field(max_length=5000)]


class _Entity(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_enum_values=False,
    )


class Versioned(_Entity):
    """An entity whose saved changes the store counts: its ``version``, the optimistic lock that
    refuses an edit made on an out-of-date copy.

    The count is the store's internal state, held as a pydantic private attribute rather than a
    field: a document, a form or an API body cannot give it (``version`` is refused there as any
    unknown field is), it is not in the JSON Schema, and it is never written out.
    """

    _version: int = PrivateAttr(default=0)

    @property
    def version(self) -> int:
        return self._version

    def at_version(self, version: int) -> Self:
        """A copy of this entity as the store holds it at ``version``."""
        copy = self.model_copy()
        copy._version = version
        return copy


class YoungPerson(Versioned):
    """A child in care or a care leaver: the centre of one network.

    ``household`` is the household they live in: their carers', with the same ids as people's
    households (``Person.household``), so that siblings placed apart can be seen.
    """

    id: Id
    name: Name
    date_of_birth: DateOfBirth
    status: YoungPersonStatus
    household: Id | None = Field(
        default=None, description="The household the young person lives in (their carers')."
    )


class Person(Versioned):
    """Someone in one or more young people's networks (shared between siblings).

    ``household`` groups people who live together; ``address`` is sensitive and never shown in
    a Family Group Conference. ``contact_details`` (how to reach them: a phone number, an email)
    are as sensitive, and reach a young person's My Network pack only when
    ``reachable_agreed_on`` records the day the person agreed to be reachable by them
    (docs/my-network-pack.md). ``external_ref`` is who the person is in the record they were
    imported from (a GEDCOM xref such as ``@I12@``), so importing an updated file updates them
    rather than adding them twice. ``young_person_id`` says this person is another young person
    of the service (a brother in care elsewhere): the link that shows siblings placed apart.
    """

    id: Id
    name: Name
    category: Category
    deceased: StrictBool = False
    household: Id | None = None
    address: ShortText = ""
    contact_details: ShortText = ""
    reachable_agreed_on: IsoDate | None = None
    external_ref: ShortText = Field(
        default="", description="Who this person is in the file they were imported from."
    )
    young_person_id: Id | None = Field(
        default=None,
        description="The young person this person is, when a sibling is in care too.",
    )


class Relationship(Versioned):
    """One young person's relationship to one person, with everything docs/scoring.md scores.

    ``notes`` and ``safety_note`` are sensitive free text; ``hide_in_conference`` records that the
    young person asked for this person not to be shown to the family.
    """

    person_id: Id
    role: Role
    closeness: Annotated[StrictInt, Field(ge=0, le=4)] | None = None
    closeness_rated_by: RatedBy | None = Field(default=None, validate_default=True)
    safety: Safety = Safety.UNASSESSED
    wishes: Wishes = Wishes.UNKNOWN
    contact: Contact = Contact.NONE_YET
    last_contact: IsoDate | None = None
    paid: StrictBool = False
    role_ends_at_age: Annotated[StrictInt, Field(ge=0, le=30)] | None = None
    continues_beyond_role: StrictBool = False
    support: list[Domain] = Field(default_factory=list)
    finding_status: FindingStatus | None = None
    notes: LongText = ""
    safety_note: LongText = ""
    hide_in_conference: StrictBool = False
    side: Side | None = None

    @pydantic.field_validator("support")
    @classmethod
    def _canonical_support(cls, support: list[Domain]) -> list[Domain]:
        # One order everywhere, so an export -> import -> export round trip is identical.
        return sorted(set(support), key=DOMAIN_ORDER.__getitem__)

    @pydantic.field_validator("closeness_rated_by")
    @classmethod
    def _rating_has_a_rater(
        cls, rated_by: RatedBy | None, info: pydantic.ValidationInfo
    ) -> RatedBy | None:
        if rated_by is None and info.data.get("closeness") is not None:
            raise ValueError("is required when closeness is given (young_person or worker)")
        return rated_by


class Link(_Entity):
    """A link between two people (not the young person).

    ``parent`` runs from the parent (``source``) to the child (``target``); the other kinds have
    no direction and are stored with the smaller id first.
    """

    source: Id
    target: Id
    kind: LinkKind

    @pydantic.model_validator(mode="after")
    def _canonical_direction(self) -> Link:
        if self.source == self.target:
            raise ValueError("a link must join two different people")
        if self.kind is not LinkKind.PARENT and self.target < self.source:
            # Bypass validate_assignment, which would re-run this validator mid-swap.
            source, target = self.target, self.source
            object.__setattr__(self, "source", source)
            object.__setattr__(self, "target", target)
            self.__pydantic_fields_set__.update({"source", "target"})
        return self

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.kind.value)


class ContactEntry(Versioned):
    """One entry in a young person's contact log: a visit, call or letter with a person."""

    id: Id
    person_id: Id
    date: IsoDate
    kind: ContactKind
    note: LongText = ""
    recorded_by: Name


class Restriction(Versioned):
    """A limit on contact between one young person and one person: a court order, a council's
    decision or the young person's own request. Who recorded it, and when, the store keeps.

    It is never removed: it ends by setting ``ends`` (an audited change).
    """

    id: Id
    person_id: Id
    kind: RestrictionKind
    scope: RestrictionScope
    starts: IsoDate
    ends: IsoDate | None = None
    review_by: IsoDate | None = None
    source: ShortText = Field(default="", description="The order's reference or the decision.")
    note: LongText = ""

    @pydantic.field_validator("ends")
    @classmethod
    def _ends_after_start(cls, ends: date | None, info: pydantic.ValidationInfo) -> date | None:
        starts = info.data.get("starts")
        if ends is not None and starts is not None and ends < starts:
            raise ValueError(f"{ends.isoformat()} is before starts ({starts.isoformat()})")
        return ends

    def active_on(self, day: date) -> bool:
        """In force on ``day``: started, and not ended before it.

        >>> r = Restriction(id="r1", person_id="p1", kind="s34_order", scope="no_contact",
        ...                 starts="2026-01-01", ends="2026-06-30")
        >>> r.active_on(date(2026, 6, 30)), r.active_on(date(2026, 7, 1))
        (True, False)
        """
        return self.starts <= day and (self.ends is None or self.ends >= day)


class Network(_Entity):
    """One young person's whole network: the unit of scoring, import and export."""

    format: str = Field(default=FORMAT_NAME, pattern=f"^{FORMAT_NAME}$")
    format_version: Annotated[StrictInt, Field(ge=1, le=FORMAT_VERSION)] = FORMAT_VERSION
    young_person: YoungPerson
    people: list[Person] = Field(default_factory=list, max_length=5000)
    relationships: list[Relationship] = Field(default_factory=list, max_length=5000)
    links: list[Link] = Field(default_factory=list, max_length=20000)
    contact_log: list[ContactEntry] = Field(default_factory=list, max_length=20000)
    #: Missing from a document (any version 1 document) means "leave the young person's
    #: restrictions as they are"; present, it adds and updates restrictions by id but never
    #: removes one (see ``restrictions_given``).
    restrictions: list[Restriction] = Field(default_factory=list, max_length=5000)

    @property
    def restrictions_given(self) -> bool:
        """Whether the document held a ``restrictions`` field at all."""
        return "restrictions" in self.model_fields_set

    def person(self, person_id: str) -> Person:
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    def canonical(self) -> Network:
        """The same network in one stable order (people and relationships by id, and so on)."""
        return self.model_copy(
            update={
                "people": sorted(self.people, key=lambda p: p.id),
                "relationships": sorted(self.relationships, key=lambda r: r.person_id),
                "links": sorted(self.links, key=lambda link: link.key),
                "contact_log": sorted(self.contact_log, key=lambda c: (c.date, c.id)),
                "restrictions": sorted(
                    self.restrictions, key=lambda r: (r.person_id, r.starts, r.id)
                ),
            }
        )

    def to_document(self) -> dict[str, Any]:
        """The network JSON document (canonical order, every field present), always in the
        current format version, whatever version it was read from."""
        document = self.canonical().model_dump(mode="json")
        document["format_version"] = FORMAT_VERSION
        return document


def reference_errors(network: Network) -> list[FieldError]:
    """Ids that clash or point nowhere: people twice, relationships to no one, and so on."""
    return [
        FieldError(path=format_path(loc), message=message)
        for loc, message in _reference_problems(network)
    ]


def _reference_problems(network: Network) -> Iterable[tuple[tuple[str | int, ...], str]]:
    person_ids: set[str] = set()
    for index, person in enumerate(network.people):
        if person.id in person_ids:
            yield ("people", index, "id"), f'"{person.id}" appears twice in people'
        person_ids.add(person.id)

    for index, person in enumerate(network.people):
        if person.young_person_id == network.young_person.id:
            yield (
                ("people", index, "young_person_id"),
                f'"{person.young_person_id}" is this network\'s own young person: a person in '
                "a young person's network cannot be that young person",
            )

    related: set[str] = set()
    for index, relationship in enumerate(network.relationships):
        pid = relationship.person_id
        if pid not in person_ids:
            yield ("relationships", index, "person_id"), f'"{pid}" is not in people'
        elif pid in related:
            yield (
                ("relationships", index, "person_id"),
                f'the young person already has a relationship with "{pid}"',
            )
        related.add(pid)
    for index, person in enumerate(network.people):
        if person.id not in related:
            message = f'"{person.id}" has no relationship with the young person'
            yield ("people", index, "id"), message

    seen_links: set[tuple[str, str, str]] = set()
    for index, link in enumerate(network.links):
        for end in ("source", "target"):
            pid = getattr(link, end)
            if pid not in person_ids:
                yield ("links", index, end), f'"{pid}" is not in people'
        if link.key in seen_links:
            yield ("links", index), "the same link appears twice"
        seen_links.add(link.key)

    entry_ids: set[str] = set()
    for index, entry in enumerate(network.contact_log):
        if entry.person_id not in related:
            yield (
                ("contact_log", index, "person_id"),
                f'"{entry.person_id}" has no relationship with the young person',
            )
        if entry.id in entry_ids:
            yield ("contact_log", index, "id"), f'"{entry.id}" appears twice'
        entry_ids.add(entry.id)

    restriction_ids: set[str] = set()
    for index, restriction in enumerate(network.restrictions):
        if restriction.person_id not in related:
            yield (
                ("restrictions", index, "person_id"),
                f'"{restriction.person_id}" has no relationship with the young person',
            )
        if restriction.id in restriction_ids:
            yield ("restrictions", index, "id"), f'"{restriction.id}" appears twice'
        restriction_ids.add(restriction.id)


# --- errors -------------------------------------------------------------------------------------


class FieldError(BaseModel):
    """One problem with the input: where it is, and what is wrong, in plain words."""

    model_config = ConfigDict(frozen=True)

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInput(ValueError):
    """Input that breaks the model. Nothing has been written."""

    def __init__(self, errors: Sequence[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))

    @classmethod
    def from_pydantic(cls, error: pydantic.ValidationError, prefix: str = "") -> InvalidInput:
        return cls([_field_error(detail, prefix) for detail in error.errors()])

    @classmethod
    def single(cls, path: str, message: str) -> InvalidInput:
        return cls([FieldError(path=path, message=message)])


def format_path(loc: Iterable[str | int], prefix: str = "") -> str:
    """``("relationships", 3, "safety")`` -> ``relationships[3].safety``.

    >>> format_path(("relationships", 3, "safety"))
    'relationships[3].safety'
    >>> format_path(("closeness",), prefix="relationship")
    'relationship.closeness'
    """
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith(("function-", "constrained-")) or "[" in part:
            # pydantic's names for union branches and wrapped types are noise to a person.
            continue
        else:
            path += f".{part}" if path else part
    return path


def _show(value: Any) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _field_error(detail: dict[str, Any], prefix: str) -> FieldError:
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    if kind == "enum":
        choices = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        message = f"{_show(value)} is not one of {choices}"
    elif kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "is not a field of this format"
    elif kind in {"int_type", "int_parsing", "int_from_float"}:
        message = f"{_show(value)} is not a whole number"
    elif kind in {"bool_type", "bool_parsing"}:
        message = f"{_show(value)} is not true or false"
    elif kind.startswith("date") or kind.startswith("datetime"):
        message = f"{_show(value)} is not a date (YYYY-MM-DD)"
    elif kind == "string_pattern_mismatch" and detail["loc"][-1:] == ("format",):
        message = f"{_show(value)} is not a network document ({FORMAT_NAME})"
    elif kind == "string_pattern_mismatch":
        message = (
            f"{_show(value)} is not a valid id (letters, digits and _ . : -, "
            "starting with a letter or digit)"
        )
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_too_long":
        message = f"is longer than {ctx.get('max_length')} characters"
    elif kind in {"greater_than_equal", "less_than_equal"}:
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = ctx.get("ge", ctx.get("le"))
        message = f"{_show(value)} must be {bound} {limit}"
    elif kind == "too_long":
        message = f"has more than {ctx.get('max_length')} items"
    elif kind == "value_error":
        message = str(ctx.get("error", detail["msg"]))
    else:
        message = f"{_show(value)}: {detail['msg']}"
    return FieldError(path=format_path(detail["loc"], prefix), message=message)


def parse(model: type[_ModelT], data: Any, prefix: str = "") -> _ModelT:
    """Validate ``data`` (a dict from JSON, a form or the API) as ``model``.

    Raises :class:`InvalidInput` naming each bad field.

    >>> parse(Person, {"id": "p1", "name": "Rose", "category": "family"}).name
    'Rose'
    >>> parse(Link, {"source": "p1", "target": "p1", "kind": "sibling"})
    Traceback (most recent call last):
    ...
    connections.model.InvalidInput: a link must join two different people
    """
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        raise InvalidInput.from_pydantic(error, prefix) from None


def revise(entity: _ModelT, changes: dict[str, Any], prefix: str = "") -> _ModelT:
    """A validated copy of ``entity`` with ``changes`` applied (its version kept, for the store's
    stale-edit check).

    >>> rose = parse(Person, {"id": "p1", "name": "Rose", "category": "family"})
    >>> revise(rose, {"deceased": True}).deceased
    True
    """
    revised = parse(type(entity), {**entity.model_dump(), **changes}, prefix)
    if isinstance(entity, Versioned):
        return revised.at_version(entity.version)  # type: ignore[attr-defined,no-any-return]
    return revised


def parse_network(document: Any) -> Network:
    """Validate a whole network JSON document; errors name their path in the document."""
    if not isinstance(document, dict):
        raise InvalidInput.single("", "a network document must be a JSON object")
    network = parse(Network, document)
    errors = reference_errors(network)
    if errors:
        raise InvalidInput(errors)
    return network


def check(entity: _Entity) -> None:
    """Re-validate an entity built in code (the store calls this before every write)."""
    if isinstance(entity, Network):
        parse_network(entity.model_dump(mode="json"))
    else:
        parse(type(entity), entity.model_dump(mode="python"))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the network document, as published in schema/network.schema.json."""
    schema = Network.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://lifelong-connections.example/schema/network.schema.json"
    schema["title"] = "Lifelong Connections network"
    return schema
