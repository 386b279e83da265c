"""Synthetic young people's networks for the demo, the tests and the benchmarks.

Real personal data is never allowed on a development machine (README), yet the demo, the tests
and the benchmarks need networks that look, link and score like real ones: whole families on both
sides, siblings in care who share those families, foster carers and workers who look after several
children, people found by family finding but not yet met, people the young person must not see.
This module invents them.

:func:`generate` is deterministic: the same ``(young_people, seed, as_of)`` yields the same
networks, byte for byte, on every machine. It uses one ``random.Random(seed)`` and nothing else
that varies between runs (no global random, no ``hash()`` of strings, no set iteration order, no
clock), and every id comes from a counter in generation order.

It streams: one :class:`~connections.model.Network` at a time, holding only the current sibling
group and small pools of shared people, so 10,000 young people take seconds and little memory.
Entities are built with ``model_construct`` (no validation) because every value is chosen from the
vocabularies here; the tests check that what comes out validates with ``parse_network``.

Ids (the bulk loader may rely on all of this):

- young people ``yp-000001``, ``yp-000002``, ... in the order yielded;
- people ``p-000001``, ... (a counter; gaps are possible); a young person who is in a sibling
  group also stands in their siblings' networks as the person ``p-<their young person id>``,
  e.g. ``p-yp-000012``, with the same name;
- households ``h-000001``, ...; contact log entries ``c-000001``, ... (unique across the run).

Sharing across networks (the bulk loader may rely on all of this too):

- A person who appears in several networks is the *same* :class:`~connections.model.Person`
  object in each, so its fields are identical everywhere: write it once (MERGE on id).
  Shared people are the family of a sibling group (mother, fathers, grandparents, aunts, uncles,
  cousins, siblings not in care, the siblings in care themselves) and pooled workers and carers
  (social workers, IROs, personal advisers, coordinators, teachers, advocates, therapists, foster
  carer households, children's home staff; a foster household may be one child's current carers
  and another's former carers). Everyone else (friends, mentors, partners, independent visitors,
  supported lodgings hosts, neighbours) is in one network only. Do not mutate yielded people:
  the objects are shared between networks.
- A link is a fact about two people, not about a young person: a network holds *every* generated
  link between two of its people, so any two networks that both contain people A and B hold the
  same links between A and B. Links are never made between two pooled people of different pools.
- ``partner`` and ``lives_with`` links only join people with the same ``household``.
- Relationships are per young person and are never shared; each network has exactly one
  relationship per person in it, and contact log entries only for those people.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Generic, TypeVar

from connections.demo_restrictions import with_restrictions
from connections.model import (
    DOMAIN_ORDER,
    FORMAT_NAME,
    FORMAT_VERSION,
    Category,
    Contact,
    ContactEntry,
    ContactKind,
    Domain,
    FindingStatus,
    Link,
    LinkKind,
    Network,
    Person,
    RatedBy,
    Relationship,
    Role,
    Safety,
    Wishes,
    YoungPerson,
    YoungPersonStatus,
)

__all__ = ["generate"]

_T = TypeVar("_T")

#: The default spread of network sizes (people per young person).
DEFAULT_SIZE = (5, 80)


class _Weighted(Generic[_T]):
    """A weighted choice that costs one ``random()`` call (``rng.choices`` is slower)."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        self._items = [item for item, _ in pairs]
        self._cum = list(accumulate(weight for _, weight in pairs))
        self._total = self._cum[-1]

    def pick(self, rng: random.Random) -> _T:
        return self._items[bisect(self._cum, rng.random() * self._total)]


# --- invented names and places ------------------------------------------------------------------
# Common first names and surnames put together at random: no real person's data.

_FEMALE = (
    "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Grace", "Sophia", "Ella",
    "Poppy", "Evie", "Chloe", "Ruby", "Daisy", "Rosie", "Phoebe", "Sienna", "Zara", "Aisha",
    "Maryam", "Layla", "Hannah", "Jessica", "Emma", "Sarah", "Laura", "Rachel", "Claire", "Nicola",
    "Michelle", "Karen", "Donna", "Julie", "Tracey", "Joanne", "Lisa", "Kelly", "Gemma", "Rose",
    "Margaret", "Patricia", "Susan", "Linda", "Jean", "Brenda", "Pauline", "Sandra", "Carol",
    "Amira", "Priya", "Funmi", "Ngozi", "Agnieszka", "Kasia", "Leah", "Megan", "Bethany",
    "Kayleigh",
)  # fmt: skip
_MALE = (
    "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Charlie", "Freddie",
    "Alfie", "Theo", "Archie", "Jacob", "Finley", "Mohammed", "Yusuf", "Ibrahim", "Kai", "Reuben",
    "Tyler", "Callum", "Connor", "Liam", "Jordan", "Ryan", "Dean", "Craig", "Lee", "Darren",
    "Wayne", "Gary", "Paul", "Mark", "Steven", "Andrew", "David", "John", "Peter", "Michael",
    "Brian", "Keith", "Colin", "Derek", "Raymond", "Kevin", "Ade", "Kwame", "Tomasz", "Piotr",
    "Ravi", "Sanjay", "Hamza", "Jamal", "Ethan", "Mason", "Logan", "Riley", "Jayden", "Ellis",
)  # fmt: skip
_FEMALE_SET = frozenset(_FEMALE)
_MALE_SET = frozenset(_MALE)
_NEUTRAL = ("Sam", "Alex", "Jo", "Jamie", "Robin", "Frankie", "Morgan", "Chris", "Nat", "Kim")
_SURNAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward",
    "Harris", "Martin", "Lewis", "Baker", "Carter", "Mitchell", "Morris", "Kaur", "Khan", "Ali",
    "Begum", "Hussain", "Okafor", "Mensah", "Kowalski", "Nowak", "Murphy", "Kelly", "O'Brien",
    "Campbell", "Stewart", "Reid", "Bennett", "Shaw", "Fletcher", "Gray", "Pearson", "Chapman",
    "Holmes", "Mills", "Hunt", "Lloyd", "Price", "Parry", "Bailey", "Fox", "Webb", "Marsh",
    "Barker", "Doyle", "Quinn", "Osei",
)  # fmt: skip
_STREETS = (
    "Example Street", "Sample Road", "Demo Lane", "Placeholder Avenue", "Fictional Close",
    "Specimen Way", "Model Terrace", "Pretend Gardens",
)  # fmt: skip
_TOWNS = ("Northtown", "Southtown", "Easttown", "Westtown", "Rivertown", "Hilltown")
#: People around a young person who are neither family nor workers: (what they are, role).
_COMMUNITY = (
    ("Youth worker.", Role.MENTOR),
    ("Youth worker.", Role.OTHER),
    ("Football coach.", Role.OTHER),
    ("Faith leader.", Role.OTHER),
    ("Neighbour.", Role.OTHER),
    ("Runs the drama club.", Role.OTHER),
)
#: Around a baby or toddler: the carers' friends, neighbours, and early-years workers (paid).
_EARLY_YEARS = _Weighted(
    [
        (("A friend of the family.", Role.FRIEND, Category.FRIEND, False), 4.0),
        (("Neighbour.", Role.OTHER, Category.COMMUNITY, False), 2.0),
        (("Faith leader.", Role.OTHER, Category.COMMUNITY, False), 1.0),
        (("Health visitor.", Role.OTHER, Category.PROFESSIONAL, True), 0.5),
        (("Nursery key worker.", Role.OTHER, Category.PROFESSIONAL, True), 0.5),
        (("Childminder.", Role.OTHER, Category.PROFESSIONAL, True), 0.3),
    ]
)
_WORKER_FALLBACK = "Duty Team"

# --- distributions ------------------------------------------------------------------------------

# Ages on as_of: the care population leans to teenagers; care leavers are supported up to 25.
_AGE = _Weighted(
    [(0, 3.0), (1, 2.0), (2, 2.0), (3, 2.0), (4, 2.0)]
    + [(age, 2.5) for age in range(5, 10)]
    + [(age, 4.5) for age in range(10, 16)]
    + [(16, 6.0), (17, 6.0)]
    + [(age, 6.0) for age in range(18, 22)]
    + [(age, 3.0) for age in range(22, 26)]
    + [(26, 1.0)]
)
_GROUP_SIZE = _Weighted([(2, 6.0), (3, 3.0), (4, 1.0)])
#: How the young person feels about people in general: it drives closeness (and so the outcome).
_PROFILES: dict[str, _Weighted[int]] = {
    "strong": _Weighted([(0, 1.0), (1, 1.0), (2, 2.0), (3, 4.0), (4, 4.0)]),
    "mixed": _Weighted([(0, 1.0), (1, 2.0), (2, 3.0), (3, 3.0), (4, 2.0)]),
    "weak": _Weighted([(0, 3.0), (1, 3.0), (2, 3.0), (3, 2.0), (4, 1.0)]),
}
_PROFILE = _Weighted([("strong", 25.0), ("mixed", 40.0), ("weak", 35.0)])
_COUSINS = _Weighted([(0, 3.0), (1, 3.0), (2, 3.0), (3, 2.0), (4, 1.0)])
_OLDER_SIBLINGS = _Weighted([(0, 5.0), (1, 3.0), (2, 2.0), (3, 1.0)])
_FORMER_PLACEMENTS = _Weighted([(0, 4.0), (1, 4.0), (2, 2.0), (3, 1.0)])

_FINDING_EXTENDED = _Weighted(
    [
        (None, 40.0),
        (FindingStatus.IDENTIFIED, 8.0),
        (FindingStatus.LOCATED, 7.0),
        (FindingStatus.CONTACTED, 12.0),
        (FindingStatus.ENGAGED, 15.0),
        (FindingStatus.COMMITTED, 10.0),
        (FindingStatus.DECLINED, 5.0),
        (FindingStatus.RULED_OUT, 3.0),
    ]
)
# After intensive family finding many more relatives are known, and many are not yet met.
_FINDING_INTENSIVE = _Weighted(
    [
        (None, 15.0),
        (FindingStatus.IDENTIFIED, 20.0),
        (FindingStatus.LOCATED, 15.0),
        (FindingStatus.CONTACTED, 15.0),
        (FindingStatus.ENGAGED, 15.0),
        (FindingStatus.COMMITTED, 8.0),
        (FindingStatus.DECLINED, 7.0),
        (FindingStatus.RULED_OUT, 5.0),
    ]
)
_FINDING_PARENT = _Weighted(
    [
        (None, 85.0),
        (FindingStatus.IDENTIFIED, 4.0),
        (FindingStatus.LOCATED, 4.0),
        (FindingStatus.CONTACTED, 4.0),
        (FindingStatus.RULED_OUT, 3.0),
    ]
)

_S, _SUP, _NO, _UN = Safety.SAFE, Safety.SUPERVISED, Safety.NO_CONTACT, Safety.UNASSESSED
_KIN_SAFETY: dict[str, _Weighted[Safety]] = {
    "mother": _Weighted([(_S, 45.0), (_SUP, 30.0), (_NO, 10.0), (_UN, 15.0)]),
    "father": _Weighted([(_S, 35.0), (_SUP, 25.0), (_NO, 18.0), (_UN, 22.0)]),
    "grandparent": _Weighted([(_S, 70.0), (_SUP, 5.0), (_NO, 3.0), (_UN, 22.0)]),
    "aunt_uncle": _Weighted([(_S, 60.0), (_SUP, 5.0), (_NO, 4.0), (_UN, 31.0)]),
    "cousin": _Weighted([(_S, 50.0), (_SUP, 2.0), (_NO, 2.0), (_UN, 46.0)]),
    "other_relative": _Weighted([(_S, 40.0), (_SUP, 2.0), (_NO, 3.0), (_UN, 55.0)]),
    "parent_partner": _Weighted([(_S, 30.0), (_SUP, 15.0), (_NO, 20.0), (_UN, 35.0)]),
    "sibling": _Weighted([(_S, 78.0), (_SUP, 10.0), (_NO, 2.0), (_UN, 10.0)]),
    "step_sibling": _Weighted([(_S, 60.0), (_SUP, 5.0), (_UN, 35.0)]),
}
_A, _OCC, _LOST, _NONE = Contact.ACTIVE, Contact.OCCASIONAL, Contact.LOST, Contact.NONE_YET
_KIN_CONTACT: dict[str, _Weighted[Contact]] = {
    "mother": _Weighted([(_A, 35.0), (_OCC, 35.0), (_LOST, 25.0), (_NONE, 5.0)]),
    "father": _Weighted([(_A, 20.0), (_OCC, 30.0), (_LOST, 35.0), (_NONE, 15.0)]),
    "grandparent": _Weighted([(_A, 35.0), (_OCC, 30.0), (_LOST, 25.0), (_NONE, 10.0)]),
    "aunt_uncle": _Weighted([(_A, 20.0), (_OCC, 35.0), (_LOST, 30.0), (_NONE, 15.0)]),
    "cousin": _Weighted([(_A, 15.0), (_OCC, 30.0), (_LOST, 30.0), (_NONE, 25.0)]),
    "other_relative": _Weighted([(_A, 10.0), (_OCC, 30.0), (_LOST, 30.0), (_NONE, 30.0)]),
    "parent_partner": _Weighted([(_A, 25.0), (_OCC, 30.0), (_LOST, 25.0), (_NONE, 20.0)]),
    "sibling": _Weighted([(_A, 30.0), (_OCC, 35.0), (_LOST, 25.0), (_NONE, 10.0)]),
    "step_sibling": _Weighted([(_A, 20.0), (_OCC, 30.0), (_LOST, 20.0), (_NONE, 30.0)]),
}
_SIBLINGS_APART = _Weighted([(_A, 30.0), (_OCC, 45.0), (_LOST, 20.0), (_NONE, 5.0)])
_KIN_ROLE = {
    "mother": Role.MOTHER,
    "father": Role.FATHER,
    "grandparent": Role.GRANDPARENT,
    "aunt_uncle": Role.AUNT_UNCLE,
    "cousin": Role.COUSIN,
    "other_relative": Role.OTHER_RELATIVE,
    "parent_partner": Role.OTHER,
    "step_sibling": Role.STEP_SIBLING,
}

_W, _NN, _REF, _UNK = Wishes.WANTS, Wishes.NOT_NOW, Wishes.REFUSES, Wishes.UNKNOWN
_WISH_CLOSE = _Weighted([(_W, 70.0), (_UNK, 25.0), (_NN, 5.0)])
_WISH_DISTANT = _Weighted([(_W, 30.0), (_UNK, 35.0), (_NN, 20.0), (_REF, 15.0)])
_WISH_UNRATED = _Weighted([(_UNK, 70.0), (_W, 20.0), (_NN, 10.0)])
_WISH_NO_CONTACT = _Weighted([(_REF, 2.0), (_NN, 2.0), (_UNK, 3.0), (_W, 1.0)])
_WISH_WORKER = _Weighted([(_UNK, 50.0), (_W, 45.0), (_NN, 5.0)])

_E, _P, _STAY, _MONEY = Domain.EMOTIONAL, Domain.PRACTICAL, Domain.SOMEWHERE_TO_STAY, Domain.MONEY
_EDU, _HEALTH, _CELEB, _CRISIS = (
    Domain.EDUCATION_WORK,
    Domain.HEALTH,
    Domain.CELEBRATIONS,
    Domain.CRISIS,
)


@dataclass(frozen=True, slots=True)
class _Traits:
    """How a role usually looks: who pays, how often they are seen, what they help with."""

    paid: float
    contact: _Weighted[Contact]
    bias: int
    support: tuple[Domain, ...]
    ends: _Weighted[int | None] = _Weighted([(None, 1.0)])
    continues: float = 0.0
    safety: _Weighted[Safety] = _Weighted([(_S, 1.0)])
    worker_wishes: bool = True


_NOT_ENDING: _Weighted[int | None] = _Weighted([(None, 1.0)])
_FRIENDLY_SAFETY = _Weighted([(_S, 85.0), (_UN, 12.0), (_SUP, 3.0)])
_TRAITS: dict[Role, _Traits] = {
    Role.FOSTER_CARER: _Traits(
        1.0,
        _Weighted([(_A, 1.0)]),
        1,
        (_E, _P, _STAY, _HEALTH, _CELEB, _EDU, _CRISIS),
        _Weighted([(None, 6.0), (18, 2.0), (21, 2.0)]),
        0.15,
    ),
    Role.RESIDENTIAL_WORKER: _Traits(
        1.0, _Weighted([(_A, 1.0)]), 0, (_P, _E, _HEALTH, _EDU, _CRISIS), _NOT_ENDING, 0.05
    ),
    Role.SUPPORTED_LODGINGS_HOST: _Traits(
        1.0,
        _Weighted([(_A, 1.0)]),
        0,
        (_STAY, _P, _E),
        _Weighted([(None, 1.0), (21, 1.0)]),
        0.15,
    ),
    Role.FORMER_FOSTER_CARER: _Traits(
        0.0,
        _Weighted([(_A, 20.0), (_OCC, 35.0), (_LOST, 45.0)]),
        0,
        (_E, _CELEB, _STAY, _P, _CRISIS),
        worker_wishes=False,
    ),
    Role.SOCIAL_WORKER: _Traits(
        1.0,
        _Weighted([(_A, 80.0), (_OCC, 20.0)]),
        -2,
        (_P, _CRISIS, _HEALTH, _EDU),
        _Weighted([(None, 4.0), (18, 1.0)]),
    ),
    Role.IRO: _Traits(
        1.0,
        _Weighted([(_OCC, 80.0), (_A, 20.0)]),
        -3,
        (_P,),
        _Weighted([(None, 4.0), (18, 1.0)]),
    ),
    Role.PERSONAL_ADVISER: _Traits(
        1.0,
        _Weighted([(_A, 60.0), (_OCC, 40.0)]),
        -1,
        (_P, _MONEY, _EDU, _STAY, _CRISIS, _HEALTH),
        _Weighted([(None, 5.0), (25, 3.0), (21, 2.0)]),
        0.15,
    ),
    Role.TEACHER: _Traits(
        1.0,
        _Weighted([(_A, 1.0)]),
        -1,
        (_EDU, _E),
        _Weighted([(None, 3.0), (18, 1.0), (16, 1.0)]),
    ),
    Role.MENTOR: _Traits(
        0.3,
        _Weighted([(_A, 60.0), (_OCC, 30.0), (_LOST, 10.0)]),
        0,
        (_E, _EDU, _P, _CELEB),
        _Weighted([(None, 3.0), (21, 1.0)]),
        0.2,
        worker_wishes=False,
    ),
    Role.INDEPENDENT_VISITOR: _Traits(
        0.0,
        _Weighted([(_A, 50.0), (_OCC, 50.0)]),
        0,
        (_E, _CELEB, _P),
        worker_wishes=False,
    ),
    Role.ADVOCATE: _Traits(1.0, _Weighted([(_OCC, 70.0), (_A, 30.0)]), -2, (_P, _CRISIS)),
    Role.THERAPIST: _Traits(
        1.0,
        _Weighted([(_A, 70.0), (_OCC, 30.0)]),
        -1,
        (_HEALTH, _E),
        _Weighted([(None, 2.0), (18, 1.0)]),
    ),
    Role.COORDINATOR: _Traits(1.0, _Weighted([(_A, 50.0), (_OCC, 50.0)]), -2, (_P, _E)),
    Role.FRIEND: _Traits(
        0.0,
        _Weighted([(_A, 55.0), (_OCC, 30.0), (_LOST, 15.0)]),
        -1,
        (_E, _CELEB, _P, _CRISIS, _STAY),
        safety=_FRIENDLY_SAFETY,
        worker_wishes=False,
    ),
    Role.PARTNER: _Traits(
        0.0,
        _Weighted([(_A, 85.0), (_OCC, 10.0), (_LOST, 5.0)]),
        1,
        (_E, _STAY, _MONEY, _P, _CELEB),
        safety=_Weighted([(_S, 65.0), (_UN, 20.0), (_SUP, 5.0), (_NO, 10.0)]),
        worker_wishes=False,
    ),
    Role.OTHER: _Traits(
        0.0,
        _Weighted([(_A, 30.0), (_OCC, 50.0), (_LOST, 20.0)]),
        -1,
        (_P, _CELEB, _E),
        safety=_Weighted([(_S, 70.0), (_UN, 30.0)]),
        worker_wishes=False,
    ),
}
_KIN_BIAS = {
    Role.MOTHER: 0,
    Role.FATHER: -1,
    Role.GRANDPARENT: 0,
    Role.AUNT_UNCLE: -1,
    Role.COUSIN: -1,
    Role.OTHER_RELATIVE: -2,
    Role.OTHER: -2,
    Role.SIBLING: 0,
    Role.HALF_SIBLING: 0,
    Role.STEP_SIBLING: -1,
}
_KIN_SUPPORT: dict[Role, tuple[Domain, ...]] = {
    Role.MOTHER: (_E, _CELEB, _P),
    Role.FATHER: (_E, _CELEB, _MONEY),
    Role.GRANDPARENT: (_E, _CELEB, _STAY, _MONEY, _P, _CRISIS),
    Role.AUNT_UNCLE: (_E, _CELEB, _P, _STAY, _EDU, _CRISIS),
    Role.COUSIN: (_E, _CELEB, _EDU),
    Role.OTHER_RELATIVE: (_CELEB, _E, _P),
    Role.OTHER: (_P, _CELEB),
    Role.SIBLING: (_E, _CELEB, _CRISIS),
    Role.HALF_SIBLING: (_E, _CELEB),
    Role.STEP_SIBLING: (_CELEB,),
}

# --- free text ----------------------------------------------------------------------------------

_FAMILY_NOTES = (
    "Came to the family group conference.",
    "Sends a card every birthday.",
    "Lives a long way away; keeps in touch by video call.",
    "Would like to be considered as a support.",
    "Found through the family tree work with the young person.",
    "Remembers the young person as a baby and has photos to share.",
)
_CARER_NOTES = (
    "Placement going well.",
    "Has said the door is always open.",
    "Keeps in touch with the family.",
)
_WORKER_NOTES = ("Allocated this year.", "Knows the family well.", "Covering for a colleague.")
_FRIEND_NOTES = ("Friends since primary school.", "Met at football club.", "Met at college.")
_ALWAYS_HERE = "Has committed to stay in touch after the role ends (Always Here)."
_NO_CONTACT_NOTES = (
    "Contact stopped by the court; do not share where the young person lives.",
    "Risk assessment advises no contact at present.",
    "Ruled out after the safety assessment; see the case file.",
)
_SUPERVISED_NOTES = (
    "Contact supervised at the family centre.",
    "Contact to be supervised by the social worker.",
)
_LOG_NOTES: dict[ContactKind, tuple[str, ...]] = {
    ContactKind.VISIT: ("Went well; stayed for tea.", "Short visit; agreed to meet next month."),
    ContactKind.PHONE_CALL: ("Caught up on the news.", "Call arranged by the carer."),
    ContactKind.VIDEO_CALL: ("Video call; showed the new bedroom.", "Birthday video call."),
    ContactKind.MESSAGE: ("Messages about the weekend.", ""),
    ContactKind.LETTER: ("Letter and photos received.", "Birthday card received."),
    ContactKind.MEETING: ("Review meeting.", "Care planning meeting."),
    ContactKind.OTHER: ("Met at the family group conference.",),
}
_FAMILY_LOG = _Weighted(
    [
        (ContactKind.VISIT, 4.0),
        (ContactKind.PHONE_CALL, 3.0),
        (ContactKind.VIDEO_CALL, 2.0),
        (ContactKind.MESSAGE, 2.0),
        (ContactKind.LETTER, 1.0),
        (ContactKind.OTHER, 0.5),
    ]
)
_WORKER_LOG = _Weighted(
    [(ContactKind.MEETING, 3.0), (ContactKind.VISIT, 3.0), (ContactKind.PHONE_CALL, 2.0)]
)

_PROFESSIONAL_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.IRO,
        Role.PERSONAL_ADVISER,
        Role.TEACHER,
        Role.ADVOCATE,
        Role.THERAPIST,
        Role.COORDINATOR,
    }
)
_RECORDERS = (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER, Role.COORDINATOR)
_STAYING_PUT = "staying_put"


@dataclass(frozen=True, slots=True)
class _Extra:
    """Details for someone added to fill a network: what they are, and whether they are paid."""

    note: str
    paid: bool = False


# --- internal records ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    """People who come as one: a foster household, a children's home's staff, one worker."""

    people: list[Person]
    links: list[Link] = field(default_factory=list)
    room: int = 0

    @property
    def household(self) -> str | None:
        return self.people[0].household


@dataclass(slots=True)
class _Kin:
    """A relative shared by a sibling group, with what is true of them for every child.

    Safety, contact and finding status belong to each child's relationship, but they mostly
    describe the relative (a grandmother ruled out is ruled out for all three siblings), so they
    are drawn once here and varied a little per child.
    """

    person: Person
    kind: str
    line: int | None
    tier: float
    safety: Safety
    contact: Contact
    finding: FindingStatus | None
    days: int | None
    shares_mother: bool = True
    father_line: int | None = None
    child_index: int | None = None


@dataclass(slots=True)
class _Child:
    """One young person of a sibling group, and the people arranged for them."""

    index: int
    yp: YoungPerson
    age: int
    age_days: int
    father_line: int
    profile: _Weighted[int]
    target: int
    placement: str = "independent"
    person: Person | None = None
    carers: _Unit | None = None
    home: _Unit | None = None
    keyworkers: list[Person] = field(default_factory=list)
    staying: _Unit | None = None
    host: Person | None = None
    former: list[_Unit] = field(default_factory=list)
    workers: list[tuple[Role, Person, float]] = field(default_factory=list)


@dataclass(slots=True)
class _Group:
    """A sibling group (often of one): the children, their shared family and its links."""

    children: list[_Child]
    intensive: bool
    kin: list[_Kin] = field(default_factory=list)
    links: dict[tuple[str, str, str], Link] = field(default_factory=dict)
    pair_contact: dict[tuple[int, int], tuple[Contact, int | None]] = field(default_factory=dict)


#: One person offered for a network: the person, their role, and where their details come from.
_Member = tuple[Person, Role, "_Kin | _Extra | str | None"]


def _link(a: Person, b: Person, kind: LinkKind) -> Link:
    """A link in the model's canonical direction (``model_construct`` skips its validator)."""
    source, target = a.id, b.id
    if kind is not LinkKind.PARENT and target < source:
        source, target = target, source
    return Link.model_construct(source=source, target=target, kind=kind)


def _age_on(born: date, day: date) -> int:
    """Full years (docs/scoring.md: "Ages are full years at as_of")."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


class _Pool:
    """Workers or carers shared across several young people, each up to a caseload.

    A few units are open at a time; each young person gets one at random, and a unit whose
    caseload is full closes. So children sharing a worker are near each other in the stream, and
    memory stays constant however many young people are generated. Closed units are remembered
    (a bounded number) so foster households can reappear as someone's former carers.
    """

    def __init__(
        self,
        rng: random.Random,
        make: Callable[[], _Unit],
        room: tuple[int, int],
        open_units: int,
        keep_closed: int = 1,
    ) -> None:
        self._rng = rng
        self._make = make
        self._room = room
        self._open_units = open_units
        self._open: list[_Unit] = []
        self._closed: deque[_Unit] = deque(maxlen=keep_closed)

    def take(self, slots: int = 1) -> _Unit:
        while len(self._open) < self._open_units:
            unit = self._make()
            unit.room = self._rng.randint(*self._room)
            self._open.append(unit)
        index = self._rng.randrange(len(self._open))
        unit = self._open[index]
        unit.room -= slots
        if unit.room <= 0:
            del self._open[index]
            self._closed.append(unit)
        return unit

    def former(self) -> _Unit:
        """A unit that has looked after other children (or a new one, early in the stream)."""
        if self._closed and self._rng.random() < 0.85:
            return self._closed[self._rng.randrange(len(self._closed))]
        unit = self._make()
        self._closed.append(unit)
        return unit


# --- the generator ------------------------------------------------------------------------------


def generate(
    young_people: int,
    seed: int,
    as_of: date,
    *,
    people_per_network: tuple[int, int] | None = None,
) -> Iterator[Network]:
    """Yield one synthetic network per young person, the same for the same arguments.

    ``people_per_network=(lo, hi)`` makes every network hold between ``lo`` and ``hi`` people
    (for benchmarks that need a known size); by default sizes run from 5 to 80, mostly 15 to 35.

    >>> networks = list(generate(3, seed=1, as_of=date(2026, 1, 1)))
    >>> [n.young_person.id for n in networks]
    ['yp-000001', 'yp-000002', 'yp-000003']
    """
    if isinstance(young_people, bool) or not isinstance(young_people, int) or young_people < 0:
        raise ValueError("young_people must be a whole number, 0 or more")
    if people_per_network is not None:
        lo, hi = people_per_network
        if not 1 <= lo <= hi <= 5000:
            raise ValueError("people_per_network must be (lo, hi) with 1 <= lo <= hi <= 5000")
    networks = _Generator(seed, as_of, people_per_network).networks(young_people)
    return with_restrictions(networks, seed, as_of)


class _Generator:
    """All the state of one run: the random stream, the id counters and the shared pools."""

    def __init__(self, seed: int, as_of: date, sizes: tuple[int, int] | None) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.sizes = sizes
        self._people = 0
        self._households = 0
        self._entries = 0
        self._young_people = 0
        #: Names used in the current sibling group (looked up, never iterated).
        self._taken: set[str] = set()
        rng = self.rng
        self.social_workers = _Pool(rng, self._worker, (10, 18), 6)
        self.iros = _Pool(rng, self._worker, (25, 45), 4)
        self.advisers = _Pool(rng, self._worker, (15, 25), 6)
        self.coordinators = _Pool(rng, self._worker, (30, 50), 3)
        self.teachers = _Pool(rng, self._worker, (2, 5), 8)
        self.advocates = _Pool(rng, self._worker, (10, 20), 3)
        self.therapists = _Pool(rng, self._worker, (5, 10), 4)
        self.foster_homes = _Pool(rng, self._foster_home, (1, 3), 12, keep_closed=60)
        self.children_homes = _Pool(rng, self._children_home, (4, 6), 4)

    # --- small makers ---------------------------------------------------------------------------

    def _first(self, female: bool | None = None) -> str:
        rng = self.rng
        if female is None:
            roll = rng.random()
            if roll < 0.1:
                return _NEUTRAL[rng.randrange(len(_NEUTRAL))]
            female = roll < 0.55
        names = _FEMALE if female else _MALE
        return names[rng.randrange(len(names))]

    def _surname(self) -> str:
        return _SURNAMES[self.rng.randrange(len(_SURNAMES))]

    def _home(self, address_chance: float = 0.05) -> tuple[str, str]:
        """A new household id, and (sometimes) an invented address for everyone in it."""
        self._households += 1
        rng = self.rng
        address = ""
        if rng.random() < address_chance:
            street = _STREETS[rng.randrange(len(_STREETS))]
            address = f"{rng.randint(1, 120)} {street}, {_TOWNS[rng.randrange(len(_TOWNS))]}"
        return f"h-{self._households:06d}", address

    def _distinct(self, name: str) -> str:
        """The name, or a new first name with the same surname if the group has it already.

        Two "Andrew Carter"s in one family would confuse a coordinator reading the map.
        """
        first, _, surname = name.partition(" ")
        names = _FEMALE if first in _FEMALE_SET else _MALE if first in _MALE_SET else _NEUTRAL
        for _ in range(5):
            if name not in self._taken:
                break
            name = f"{names[self.rng.randrange(len(names))]} {surname}"
        self._taken.add(name)
        return name

    def _person(
        self,
        name: str,
        category: Category,
        *,
        household: str | None = None,
        deceased: bool = False,
        address: str = "",
        person_id: str | None = None,
    ) -> Person:
        if person_id is None:
            self._people += 1
            person_id = f"p-{self._people:06d}"
            name = self._distinct(name)
        return Person.model_construct(
            id=person_id,
            name=name,
            category=category,
            deceased=deceased,
            household=household,
            address=address,
        )

    def _worker(self) -> _Unit:
        return _Unit([self._person(f"{self._first()} {self._surname()}", Category.PROFESSIONAL)])

    def _foster_home(self) -> _Unit:
        """One or (usually) two foster carers living together: one household, partners."""
        rng = self.rng
        household, address = self._home(0.15)
        surname = self._surname()
        first = self._person(
            f"{self._first(True)} {surname}", Category.CARER, household=household, address=address
        )
        if rng.random() >= 0.7:
            return _Unit([first])
        second_surname = surname if rng.random() < 0.7 else self._surname()
        second = self._person(
            f"{self._first(rng.random() < 0.15)} {second_surname}",
            Category.CARER,
            household=household,
            address=address,
        )
        return _Unit([first, second], [_link(first, second, LinkKind.PARTNER)])

    def _children_home(self) -> _Unit:
        """The staff of a children's home: they know each other but do not live together."""
        staff = [
            self._person(f"{self._first()} {self._surname()}", Category.CARER)
            for _ in range(self.rng.randint(3, 5))
        ]
        links = [_link(a, b, LinkKind.KNOWS) for a, b in zip(staff, staff[1:], strict=False)]
        return _Unit(staff, links)

    def _target_size(self, age: int) -> int:
        """How many people a network holds: babies know fewer, family finding finds more."""
        rng = self.rng
        if self.sizes is not None:
            return rng.randint(*self.sizes)
        if rng.random() < 0.08:  # after intensive family finding
            return round(rng.triangular(40, 80, 46))
        if age < 5:
            return round(rng.triangular(5, 30, 14))
        return round(rng.triangular(5, 46, 23))

    def _dob(self, age: int) -> date:
        latest = _years_before(self.as_of, age)
        if age == 0:
            latest = self.as_of - timedelta(days=14)  # old enough to have been seen before as_of
        earliest = _years_before(self.as_of, age + 1) + timedelta(days=1)
        return earliest + timedelta(days=self.rng.randint(0, (latest - earliest).days))

    def _births(self, size: int) -> list[date]:
        """Dates of birth for a sibling group, eldest first: twins, or at least 300 days apart."""
        rng = self.rng
        eldest = self._dob(max(_AGE.pick(rng), 2 * (size - 1)))
        gaps = [0 if rng.random() < 0.06 else rng.randint(330, 1800) for _ in range(size - 1)]
        room = (self.as_of - timedelta(days=14) - eldest).days
        if sum(gaps) > room:  # squeeze the gaps (the eldest is old enough for 300 days each)
            spare = sum(g - 300 for g in gaps if g)
            scale = (room - 300 * sum(1 for g in gaps if g)) / spare
            gaps = [300 + int((g - 300) * scale) if g else 0 for g in gaps]
        births = [eldest]
        for gap in gaps:
            births.append(births[-1] + timedelta(days=gap))
        return births

    def _days(self, contact: Contact) -> int | None:
        """Days between the last contact and as_of, as they typically spread for each contact."""
        rng = self.rng
        roll = rng.random()
        if contact is Contact.ACTIVE:
            if roll < 0.04:
                return None
            if roll < 0.85:
                return rng.randint(1, 45)
            return rng.randint(91, 200) if roll < 0.95 else rng.randint(366, 480)
        if contact is Contact.OCCASIONAL:
            if roll < 0.04:
                return None
            if roll < 0.7:
                return rng.randint(20, 120)
            return rng.randint(121, 365) if roll < 0.93 else rng.randint(366, 600)
        if contact is Contact.LOST:
            return None if roll < 0.3 else rng.randint(366, 3000)
        return None

    # --- the stream -----------------------------------------------------------------------------

    def networks(self, total: int) -> Iterator[Network]:
        made = 0
        while made < total:
            size = 1 if self.rng.random() < 0.8 else _GROUP_SIZE.pick(self.rng)
            size = min(size, total - made)
            group = self._group(size)
            for child in group.children:
                yield self._network(group, child)
            made += size

    # --- a sibling group ------------------------------------------------------------------------

    def _group(self, size: int) -> _Group:
        rng = self.rng
        births = self._births(size)
        ages = [_age_on(born, self.as_of) for born in births]
        lines = [0]
        for _ in range(size - 1):
            lines.append(lines[-1] if rng.random() < 0.75 else max(lines) + 1)
        targets = [self._target_size(age) for age in ages]
        group = _Group([], intensive=max(targets) >= 40)
        self._taken = set()
        line_known = [rng.random() < 0.88 for _ in range(max(lines) + 1)]
        line_surname = [self._surname() for _ in line_known]
        mother_surname = self._surname()

        for index, (dob, age, line, target) in enumerate(
            zip(births, ages, lines, targets, strict=True)
        ):
            self._young_people += 1
            yp_id = f"yp-{self._young_people:06d}"
            surname = line_surname[line] if line_known[line] and rng.random() < 0.6 else None
            status = YoungPersonStatus.IN_CARE
            if age >= 18 and rng.random() < 0.95:
                status = YoungPersonStatus.CARE_LEAVER
            yp = YoungPerson.model_construct(
                id=yp_id,
                name=self._distinct(f"{self._first()} {surname or mother_surname}"),
                date_of_birth=dob,
                status=status,
            )
            group.children.append(
                _Child(
                    index=index,
                    yp=yp,
                    age=age,
                    age_days=(self.as_of - dob).days,
                    father_line=line,
                    profile=_PROFILES[_PROFILE.pick(rng)],
                    target=target,
                )
            )

        self._placements(group)
        self._workers(group)
        self._family(group, line_known, line_surname, mother_surname)
        return group

    def _placements(self, group: _Group) -> None:
        """Where each child lives: siblings are often placed together, in one foster home."""
        rng = self.rng
        for child in group.children:
            if child.yp.status is YoungPersonStatus.IN_CARE:
                if child.age >= 18:
                    child.placement = _STAYING_PUT
                elif child.age >= 11 and rng.random() < 0.15:
                    child.placement = "residential"
                else:
                    child.placement = "foster"
            elif child.age <= 20 and rng.random() < 0.2:
                child.placement = _STAYING_PUT
            elif child.age <= 21 and rng.random() < 0.18:
                child.placement = "lodgings"

        fostered = [c for c in group.children if c.placement == "foster"]
        if len(fostered) >= 2 and rng.random() < 0.65:
            together = self.foster_homes.take(len(fostered))
            for child in fostered:
                child.carers = together
        else:
            for child in fostered:
                child.carers = self.foster_homes.take()

        shared_former = self.foster_homes.former() if len(group.children) > 1 else None
        for child in group.children:
            if child.placement == "residential":
                child.home = self.children_homes.take()
                child.keyworkers = rng.sample(child.home.people, rng.randint(1, 2))
            elif child.placement == _STAYING_PUT:
                child.staying = self.foster_homes.former()
            elif child.placement == "lodgings":
                household, address = self._home(0.2)
                child.host = self._person(
                    f"{self._first()} {self._surname()}",
                    Category.CARER,
                    household=household,
                    address=address,
                )
            if child.age < 2:
                continue
            former: list[_Unit] = []
            if shared_former is not None and rng.random() < 0.6:
                former.append(shared_former)
            for _ in range(_FORMER_PLACEMENTS.pick(rng)):
                former.append(self.foster_homes.former())
            current = (child.carers, child.staying)
            for unit in former:
                if all(unit is not other for other in current) and all(
                    unit is not other for other in child.former
                ):
                    child.former.append(unit)

    def _workers(self, group: _Group) -> None:
        """Paid workers from the pools: siblings usually share a social worker and an IRO."""
        rng = self.rng
        children = group.children
        in_care = [c for c in children if c.yp.status is YoungPersonStatus.IN_CARE]
        leaving = [c for c in children if c.age >= 16]

        def share(
            pool: _Pool, who: list[_Child], chance: float, together: float
        ) -> list[Person | None]:
            """One worker for all of ``who`` (with ``together`` odds), else one each."""
            if len(who) > 1 and rng.random() < together:
                shared = pool.take(len(who)).people[0]
                return [shared if rng.random() < chance else None for _ in who]
            return [pool.take().people[0] if rng.random() < chance else None for _ in who]

        for child, worker in zip(
            in_care, share(self.social_workers, in_care, 0.97, 0.85), strict=True
        ):
            if worker is not None:
                child.workers.append((Role.SOCIAL_WORKER, worker, 0.0))
        for child, worker in zip(in_care, share(self.iros, in_care, 0.92, 0.9), strict=True):
            if worker is not None:
                child.workers.append((Role.IRO, worker, 1.0))
        for child, worker in zip(leaving, share(self.advisers, leaving, 1.0, 0.7), strict=True):
            chance = 0.6 if child.age < 18 else 0.95 if child.age <= 25 else 0.4
            if worker is not None and rng.random() < chance:
                child.workers.append(
                    (Role.PERSONAL_ADVISER, worker, 0.0 if child.age >= 18 else 1.0)
                )
        if rng.random() < 0.45:
            coordinator = self.coordinators.take(len(children)).people[0]
            for child in children:
                child.workers.append((Role.COORDINATOR, coordinator, 1.5))
        for child in children:
            at_school = 4 <= child.age <= 17 and rng.random() < 0.8
            at_college = 18 <= child.age <= 19 and rng.random() < 0.25
            if at_school or at_college:
                child.workers.append((Role.TEACHER, self.teachers.take().people[0], 1.5))
            if rng.random() < 0.18 and child.age >= 6:
                child.workers.append((Role.ADVOCATE, self.advocates.take().people[0], 3.5))
            if rng.random() < 0.15 and child.age >= 4:
                child.workers.append((Role.THERAPIST, self.therapists.take().people[0], 3.5))

    # --- the family of a sibling group ----------------------------------------------------------

    def _kin(
        self,
        group: _Group,
        person: Person,
        kind: str,
        line: int | None,
        tier: float,
        **extra: object,
    ) -> _Kin:
        """Record a relative and draw what is true of them for every child of the group."""
        rng = self.rng
        finding: FindingStatus | None = None
        if person.deceased:
            safety, contact = Safety.SAFE, Contact.LOST
        else:
            if kind in ("mother", "father"):
                finding = _FINDING_PARENT.pick(rng)
            elif kind in ("grandparent", "aunt_uncle", "cousin", "other_relative"):
                table = _FINDING_INTENSIVE if group.intensive else _FINDING_EXTENDED
                finding = table.pick(rng)
            safety, contact = self._found(finding, kind)
        kin = _Kin(
            person=person,
            kind=kind,
            line=line,
            tier=tier,
            safety=safety,
            contact=contact,
            finding=finding,
            days=self._days(contact),
            **extra,  # type: ignore[arg-type]
        )
        group.kin.append(kin)
        return kin

    def _found(self, finding: FindingStatus | None, kind: str) -> tuple[Safety, Contact]:
        """Safety and contact that agree with where family finding has got to."""
        rng = self.rng
        roll = rng.random()
        if finding in (FindingStatus.IDENTIFIED, FindingStatus.LOCATED):
            return (_UN if roll < 0.8 else _S), _NONE
        if finding is FindingStatus.RULED_OUT:
            return (_NO if roll < 0.4 else _UN), _NONE
        if finding is FindingStatus.DECLINED:
            return (_S if roll < 0.5 else _UN), (_LOST if rng.random() < 0.5 else _NONE)
        if finding is FindingStatus.CONTACTED:
            return (_S if roll < 0.5 else _UN), (_OCC if rng.random() < 0.4 else _NONE)
        if finding is FindingStatus.ENGAGED:
            safety = _S if roll < 0.7 else _SUP if roll < 0.8 else _UN
            return safety, (_OCC if rng.random() < 0.6 else _A)
        if finding is FindingStatus.COMMITTED:
            return _S, (_A if roll < 0.7 else _OCC)
        safety = _KIN_SAFETY[kind].pick(rng)
        if safety is Safety.NO_CONTACT:
            return safety, (_LOST if rng.random() < 0.7 else _NONE)
        return safety, _KIN_CONTACT[kind].pick(rng)

    def _add_link(self, group: _Group, a: Person, b: Person, kind: LinkKind) -> None:
        link = _link(a, b, kind)
        group.links.setdefault(link.key, link)

    def _grandparents(self, group: _Group, surname: str, line: int | None) -> list[_Kin]:
        rng = self.rng
        count = 2 if rng.random() < 0.85 else 1
        separated = count == 2 and rng.random() < 0.25
        home = self._home()
        grandparents = []
        for index in range(count):
            deceased = rng.random() < 0.15
            if deceased:
                household, address = None, ""
            elif separated and index == 1:
                household, address = self._home()
            else:
                household, address = home
            person = self._person(
                f"{self._first(index == 0)} {surname}",
                Category.FAMILY,
                household=household,
                deceased=deceased,
                address=address,
            )
            grandparents.append(self._kin(group, person, "grandparent", line, 2.0))
        if count == 2 and not separated and not any(k.person.deceased for k in grandparents):
            self._add_link(group, grandparents[0].person, grandparents[1].person, LinkKind.PARTNER)
        return grandparents

    def _family(
        self,
        group: _Group,
        line_known: list[bool],
        line_surname: list[str],
        mother_surname: str,
    ) -> None:
        """Both sides of the family, with households and kinship links, sized to the networks."""
        rng = self.rng
        # Babies have few friends, and family finding finds family: both mean more relatives.
        share = 0.8 if group.intensive or min(c.age for c in group.children) < 5 else 0.55
        family_target = round(max(c.target for c in group.children) * share) + rng.randint(0, 3)
        parent = LinkKind.PARENT

        # Maternal side: grandparents, then the mother (maiden or married name).
        maternal_gps = self._grandparents(group, mother_surname, None)
        mother_deceased = rng.random() < 0.02
        mother_home = (None, "") if mother_deceased else self._home()
        married = line_known[0] and rng.random() < 0.35
        mother = self._kin(
            group,
            self._person(
                f"{self._first(True)} {line_surname[0] if married else mother_surname}",
                Category.FAMILY,
                household=mother_home[0],
                deceased=mother_deceased,
                address=mother_home[1],
            ),
            "mother",
            None,
            # Every child of a sibling group shares her: even the smallest networks keep her.
            -1.0 if len(group.children) > 1 else 0.3,
        )
        for gp in maternal_gps:
            self._add_link(group, gp.person, mother.person, parent)
        maternal_children = [mother]  # the grandparents' children: mother, aunts and uncles

        # Paternal sides: one per father (half-siblings in a group may have different fathers).
        fathers: dict[int, _Kin] = {}
        paternal: dict[int, tuple[list[_Kin], list[_Kin]]] = {}
        with_father = False  # the mother and a father still live together
        for line, known in enumerate(line_known):
            if not known:
                continue
            gps = self._grandparents(group, line_surname[line], line)
            together = line == 0 and not mother_deceased and rng.random() < 0.12
            deceased = rng.random() < 0.03
            if deceased:
                home: tuple[str | None, str] = (None, "")
            else:
                home = mother_home if together else self._home()
            father = self._kin(
                group,
                self._person(
                    f"{self._first(False)} {line_surname[line]}",
                    Category.FAMILY,
                    household=home[0],
                    deceased=deceased,
                    address=home[1],
                ),
                "father",
                line,
                0.8,
            )
            fathers[line] = father
            for gp in gps:
                self._add_link(group, gp.person, father.person, parent)
            if together and not deceased:
                self._add_link(group, mother.person, father.person, LinkKind.PARTNER)
                with_father = True
            elif not deceased and not mother_deceased and rng.random() < 0.4:
                self._add_link(group, mother.person, father.person, LinkKind.KNOWS)
            paternal[line] = (gps, [father])
            if maternal_gps and gps and rng.random() < 0.2:
                self._add_link(group, maternal_gps[0].person, gps[0].person, LinkKind.KNOWS)

        siblings: list[_Kin] = []

        def add_sibling(
            person: Person, shares_mother: bool, father_line: int | None, **extra: object
        ) -> _Kin:
            kin = self._kin(
                group,
                person,
                "sibling",
                None,
                extra.pop("tier", 1.5),  # type: ignore[arg-type]
                shares_mother=shares_mother,
                father_line=father_line,
                **extra,
            )
            if shares_mother:
                self._add_link(group, mother.person, person, parent)
            if father_line in fathers:
                self._add_link(group, fathers[father_line].person, person, parent)
            siblings.append(kin)
            return kin

        # The siblings in care: each stands as a person in the others' networks.
        if len(group.children) > 1:
            for child in group.children:
                unit = child.carers or child.staying
                household = unit.household if unit is not None else None
                child.person = self._person(
                    child.yp.name,
                    Category.FAMILY,
                    household=household,
                    person_id=f"p-{child.yp.id}",
                )
                kin = add_sibling(
                    child.person, True, child.father_line, tier=-10.0, child_index=child.index
                )
                placed_with_sibling = any(
                    other is not child and other.carers is not None and other.carers is child.carers
                    for other in group.children
                )
                if placed_with_sibling or rng.random() < 0.92:
                    kin.safety = _S
                else:
                    kin.safety = _SUP
                if unit is not None:
                    for carer in unit.people:
                        self._add_link(group, carer, child.person, LinkKind.LIVES_WITH)
            for i, first in enumerate(group.children):
                for second in group.children[i + 1 :]:
                    together = first.carers is not None and first.carers is second.carers
                    contact = _A if together else _SIBLINGS_APART.pick(rng)
                    days = rng.randint(1, 7) if together else self._days(contact)
                    group.pair_contact[(first.index, second.index)] = (contact, days)

        # Older brothers and sisters not in care.
        for _ in range(_OLDER_SIBLINGS.pick(rng)):
            shares_mother = rng.random() < 0.9
            known_lines = list(fathers)
            father_line = (
                known_lines[rng.randrange(len(known_lines))]
                if known_lines and rng.random() < 0.75
                else None
            )
            if not shares_mother and father_line is None:
                shares_mother = True
            roll = rng.random()
            lives_with_nan = False
            if roll < 0.3 and mother_home[0] is not None:
                household, address = mother_home
            elif roll < 0.45 and maternal_gps and maternal_gps[0].person.household:
                household, address = (
                    maternal_gps[0].person.household,
                    maternal_gps[0].person.address,
                )
                lives_with_nan = True
            elif roll < 0.85:
                household, address = self._home()
            else:
                household, address = None, ""
            surname = (
                line_surname[father_line]
                if father_line is not None and rng.random() < 0.6
                else mother_surname
            )
            kin = add_sibling(
                self._person(
                    f"{self._first()} {surname}",
                    Category.FAMILY,
                    household=household,
                    address=address,
                ),
                shares_mother,
                father_line,
            )
            if lives_with_nan:
                self._add_link(group, maternal_gps[0].person, kin.person, LinkKind.LIVES_WITH)

        # The mother's new partner, their children (half-siblings) and his (step-siblings).
        if not mother_deceased and not with_father and rng.random() < 0.25:
            partner = self._kin(
                group,
                self._person(
                    f"{self._first(False)} {self._surname()}",
                    Category.FAMILY,
                    household=mother_home[0],
                    address=mother_home[1],
                ),
                "parent_partner",
                None,
                3.0,
            )
            self._add_link(group, mother.person, partner.person, LinkKind.PARTNER)
            partner_surname = partner.person.name.split(" ", 1)[1]
            if rng.random() < 0.5:
                for _ in range(rng.randint(1, 2)):
                    kin = add_sibling(
                        self._person(
                            f"{self._first()} {partner_surname}",
                            Category.FAMILY,
                            household=mother_home[0],
                            address=mother_home[1],
                        ),
                        True,
                        None,
                    )
                    self._add_link(group, partner.person, kin.person, parent)
            if rng.random() < 0.2:
                step = self._kin(
                    group,
                    self._person(f"{self._first()} {partner_surname}", Category.FAMILY),
                    "step_sibling",
                    None,
                    4.0,
                )
                self._add_link(group, partner.person, step.person, parent)

        # A father's children with someone else (half-siblings on that side).
        for line, father in fathers.items():
            if father.person.deceased or rng.random() >= 0.25:
                continue
            for _ in range(rng.randint(1, 2)):
                add_sibling(
                    self._person(
                        f"{self._first()} {line_surname[line]}",
                        Category.FAMILY,
                        household=father.person.household,
                        address=father.person.address,
                    ),
                    False,
                    line,
                )

        for i, first in enumerate(siblings):
            for second in siblings[i + 1 :]:
                same_father = first.father_line is not None and (
                    first.father_line == second.father_line
                )
                if (first.shares_mother and second.shares_mother) or same_father:
                    self._add_link(group, first.person, second.person, LinkKind.SIBLING)

        # Extended family until the family is as big as the biggest network needs.
        steps = ("maternal", "paternal", "maternal", "other", "paternal", "other")
        attempts = 0
        while len(group.kin) < family_target and attempts < 80:
            step = steps[attempts % len(steps)]
            attempts += 1
            if step == "paternal" and paternal:
                lines = list(paternal)
                line = lines[rng.randrange(len(lines))]
                gps, children = paternal[line]
                self._aunt_uncle(group, line_surname[line], gps, children, line)
            elif step == "other":
                side = rng.random()
                if side < 0.6 or not paternal:
                    self._other_relatives(group, maternal_gps, mother_surname, None)
                else:
                    lines = list(paternal)
                    line = lines[rng.randrange(len(lines))]
                    self._other_relatives(group, paternal[line][0], line_surname[line], line)
            else:
                self._aunt_uncle(group, mother_surname, maternal_gps, maternal_children, None)

        # Carers and family who know each other (both are in the group's networks).
        if not mother.person.deceased:
            for child in group.children:
                for unit in (child.carers, child.staying):
                    if unit is not None and rng.random() < 0.3:
                        self._add_link(group, unit.people[0], mother.person, LinkKind.KNOWS)
                    if unit is not None and maternal_gps and rng.random() < 0.2:
                        gp = maternal_gps[0].person
                        if not gp.deceased:
                            self._add_link(group, unit.people[0], gp, LinkKind.KNOWS)

    def _aunt_uncle(
        self,
        group: _Group,
        surname: str,
        grandparents: list[_Kin],
        their_children: list[_Kin],
        line: int | None,
    ) -> None:
        """An aunt or uncle, sometimes with a partner, and their children (the cousins)."""
        rng = self.rng
        deceased = rng.random() < 0.03
        household, address = (None, "") if deceased else self._home()
        own_surname = surname if rng.random() < 0.65 else self._surname()
        aunt = self._kin(
            group,
            self._person(
                f"{self._first(rng.random() < 0.5)} {own_surname}",
                Category.FAMILY,
                household=household,
                deceased=deceased,
                address=address,
            ),
            "aunt_uncle",
            line,
            3.0,
        )
        for gp in grandparents:
            self._add_link(group, gp.person, aunt.person, LinkKind.PARENT)
        for sibling in their_children:
            self._add_link(group, sibling.person, aunt.person, LinkKind.SIBLING)
        their_children.append(aunt)
        parents = [aunt]
        if not deceased and rng.random() < 0.4:
            partner_surname = own_surname if rng.random() < 0.6 else self._surname()
            partner = self._kin(
                group,
                self._person(
                    f"{self._first()} {partner_surname}",
                    Category.FAMILY,
                    household=household,
                    address=address,
                ),
                "aunt_uncle",
                line,
                3.5,
            )
            self._add_link(group, aunt.person, partner.person, LinkKind.PARTNER)
            parents.append(partner)
        cousins: list[_Kin] = []
        for _ in range(_COUSINS.pick(rng)):
            at_home = household is not None and rng.random() < 0.5
            cousin_home = (household, address) if at_home else self._home()
            cousin = self._kin(
                group,
                self._person(
                    f"{self._first()} {parents[-1].person.name.split(' ', 1)[1]}",
                    Category.FAMILY,
                    household=cousin_home[0],
                    address=cousin_home[1],
                ),
                "cousin",
                line,
                4.0,
            )
            for parent_kin in parents:
                self._add_link(group, parent_kin.person, cousin.person, LinkKind.PARENT)
            for other in cousins:
                self._add_link(group, other.person, cousin.person, LinkKind.SIBLING)
            cousins.append(cousin)

    def _other_relatives(
        self, group: _Group, grandparents: list[_Kin], surname: str, line: int | None
    ) -> None:
        """A great-aunt or great-uncle (a grandparent's sibling) and sometimes their child."""
        rng = self.rng
        deceased = rng.random() < 0.1
        household, address = (None, "") if deceased else self._home()
        great = self._kin(
            group,
            self._person(
                f"{self._first()} {surname if rng.random() < 0.5 else self._surname()}",
                Category.FAMILY,
                household=household,
                deceased=deceased,
                address=address,
            ),
            "other_relative",
            line,
            4.5,
        )
        if grandparents:
            gp = grandparents[rng.randrange(len(grandparents))]
            self._add_link(group, gp.person, great.person, LinkKind.SIBLING)
        if rng.random() < 0.5:
            home = self._home()
            child = self._kin(
                group,
                self._person(
                    f"{self._first()} {great.person.name.split(' ', 1)[1]}",
                    Category.FAMILY,
                    household=home[0],
                    address=home[1],
                ),
                "other_relative",
                line,
                4.5,
            )
            self._add_link(group, great.person, child.person, LinkKind.PARENT)

    # --- one young person's network -------------------------------------------------------------

    def _network(self, group: _Group, child: _Child) -> Network:
        rng = self.rng
        offers: list[tuple[float, int, list[_Member], Sequence[Link]]] = []

        def offer(tier: float, members: list[_Member], links: Sequence[Link] = ()) -> None:
            # Tiers say who a small network keeps first; the jitter keeps networks varied.
            jitter = 0.0 if tier < 0 else rng.random() * 1.2
            offers.append((tier + jitter, len(offers), members, links))

        for kin in group.kin:
            role = _kin_role(kin, child)
            if role is not None:
                offer(kin.tier, [(kin.person, role, kin)])
        if child.carers is not None:
            members: list[_Member] = [(p, Role.FOSTER_CARER, None) for p in child.carers.people]
            offer(0.0, members, child.carers.links)
        if child.home is not None:
            members = [(p, Role.RESIDENTIAL_WORKER, None) for p in child.keyworkers]
            offer(0.0, members, child.home.links)
        if child.staying is not None:
            members = [(p, Role.FORMER_FOSTER_CARER, _STAYING_PUT) for p in child.staying.people]
            offer(0.0, members, child.staying.links)
        if child.host is not None:
            offer(0.0, [(child.host, Role.SUPPORTED_LODGINGS_HOST, None)])
        for role, worker, tier in child.workers:
            offer(tier, [(worker, role, None)])
        for unit in child.former:
            offer(2.5, [(p, Role.FORMER_FOSTER_CARER, None) for p in unit.people], unit.links)

        own_links: list[Link] = []
        singles: list[tuple[float, Person, Role]] = []
        if child.age >= 10 and rng.random() < 0.25:
            name = f"{self._first()} {self._surname()}"
            singles.append((2.5, self._person(name, Category.COMMUNITY), Role.MENTOR))
        if 6 <= child.age <= 17 and rng.random() < 0.12:
            name = f"{self._first()} {self._surname()}"
            singles.append((3.0, self._person(name, Category.COMMUNITY), Role.INDEPENDENT_VISITOR))
        if child.age >= 16 and rng.random() < 0.3:
            name = f"{self._first()} {self._surname()}"
            singles.append((2.0, self._person(name, Category.FRIEND), Role.PARTNER))
        friends = (
            0 if child.age < 5 else round(child.target * (0.06 if child.age < 10 else 0.12)) + 1
        )
        for _ in range(friends):
            name = f"{self._first()} {self._surname()}"
            singles.append((2.5, self._person(name, Category.FRIEND), Role.FRIEND))
        for tier, person, role in singles:
            offer(tier, [(person, role, None)])

        offers.sort(key=lambda item: (item[0], item[1]))
        chosen: list[_Member] = []
        ids: set[str] = set()
        pool_links: list[Link] = []
        for _, _, members, links in offers:
            fresh = [m for m in members if m[0].id not in ids]
            if not fresh or len(chosen) + len(fresh) > child.target:
                continue
            chosen.extend(fresh)
            ids.update(m[0].id for m in fresh)
            pool_links.extend(links)
        self._fill(child, chosen, ids, own_links)

        relationships = [
            self._relate(group, child, person, role, src) for person, role, src in chosen
        ]
        people = [member[0] for member in chosen]
        self._own_links(child, chosen, own_links)

        links: dict[tuple[str, str, str], Link] = {}
        for source in (group.links.values(), pool_links, own_links):
            for link in source:
                if link.source in ids and link.target in ids:
                    links.setdefault(link.key, link)

        return Network.model_construct(
            format=FORMAT_NAME,
            format_version=FORMAT_VERSION,
            young_person=child.yp,
            people=people,
            relationships=relationships,
            links=list(links.values()),
            contact_log=self._contact_log(child, people, relationships),
        )

    def _fill(
        self, child: _Child, chosen: list[_Member], ids: set[str], own_links: list[Link]
    ) -> None:
        """Friends and people from the community until the network has its size."""
        rng = self.rng
        friends = [m[0] for m in chosen if m[1] is Role.FRIEND]
        while len(chosen) < child.target:
            roll = rng.random()
            source: _Extra | None = None
            if child.age < 5:
                note, role, category, paid = _EARLY_YEARS.pick(rng)
                person = self._person(f"{self._first()} {self._surname()}", category)
                source = _Extra(note, paid)
            elif roll < 0.6:
                person = self._person(f"{self._first()} {self._surname()}", Category.FRIEND)
                role = Role.FRIEND
                friends.append(person)
            elif roll < 0.85 or not friends:
                note, role = _COMMUNITY[rng.randrange(len(_COMMUNITY))]
                person = self._person(f"{self._first()} {self._surname()}", Category.COMMUNITY)
                source = _Extra(note)
            else:  # a friend's parent, linked to the friend
                friend = friends[rng.randrange(len(friends))]
                surname = friend.name.split(" ", 1)[1]
                person = self._person(f"{self._first()} {surname}", Category.COMMUNITY)
                role = Role.OTHER
                source = _Extra(f"{friend.name.split(' ', 1)[0]}'s parent.")
                own_links.append(_link(person, friend, LinkKind.PARENT))
            chosen.append((person, role, source))
            ids.add(person.id)

    def _own_links(self, child: _Child, chosen: list[_Member], own_links: list[Link]) -> None:
        """Links that involve someone in this network only (friends, a mentor, a partner)."""
        rng = self.rng
        friends = [m[0] for m in chosen if m[1] is Role.FRIEND]
        for first, second in zip(friends, friends[1:], strict=False):
            if rng.random() < 0.35:
                own_links.append(_link(first, second, LinkKind.KNOWS))
        carers = [m[0] for m in chosen if m[1] is Role.FOSTER_CARER]
        for person, role, _ in chosen:
            if role is Role.MENTOR and carers and rng.random() < 0.3:
                own_links.append(_link(person, carers[0], LinkKind.KNOWS))
            elif role is Role.PARTNER and friends and rng.random() < 0.3:
                own_links.append(_link(person, friends[0], LinkKind.KNOWS))

    # --- one relationship -----------------------------------------------------------------------

    def _closeness(self, child: _Child, bias: int) -> tuple[int | None, RatedBy | None]:
        rng = self.rng
        roll = rng.random()
        value = min(4, max(0, child.profile.pick(rng) + bias))
        if child.age < 5:  # too young to say: a worker's estimate, or nothing yet
            return (None, None) if roll < 0.35 else (value, RatedBy.WORKER)
        if roll < 0.08:
            return None, None
        return value, (RatedBy.WORKER if roll < 0.2 else RatedBy.YOUNG_PERSON)

    def _clamp_days(self, child: _Child, contact: Contact, days: int | None) -> int | None:
        """Keep a last contact after the young person was born."""
        if days is None or days < child.age_days:
            return days
        if contact is Contact.LOST:
            return None
        return self.rng.randint(1, max(1, child.age_days - 1))

    def _support(self, options: tuple[Domain, ...]) -> list[Domain]:
        rng = self.rng
        picked = rng.sample(options, rng.randint(1, min(len(options), 4)))
        return sorted(picked, key=DOMAIN_ORDER.__getitem__)

    def _relate(
        self,
        group: _Group,
        child: _Child,
        person: Person,
        role: Role,
        source: _Kin | _Extra | str | None,
    ) -> Relationship:
        if isinstance(source, _Kin):
            return self._relate_kin(group, child, person, role, source)
        rng = self.rng
        traits = _TRAITS[role]
        staying = source == _STAYING_PUT
        extra = source if isinstance(source, _Extra) else None
        safety = _S if extra is not None and extra.paid else traits.safety.pick(rng)
        contact = Contact.ACTIVE if staying else traits.contact.pick(rng)
        if safety is Safety.NO_CONTACT:
            contact = Contact.LOST
        days = self._clamp_days(child, contact, self._days(contact))
        closeness, rated_by = self._closeness(child, traits.bias - (contact is Contact.LOST))
        paid = extra.paid if extra is not None else rng.random() < traits.paid
        ends = (5 if extra is not None else traits.ends.pick(rng)) if paid else None
        continues = paid and rng.random() < traits.continues
        if role is Role.PERSONAL_ADVISER and child.age < 16:
            continues = False
        support: list[Domain] = []
        if contact in (Contact.ACTIVE, Contact.OCCASIONAL) and safety is not Safety.NO_CONTACT:
            support = self._support(traits.support)
            if staying and Domain.SOMEWHERE_TO_STAY not in support:
                support = sorted([*support, _STAY], key=DOMAIN_ORDER.__getitem__)
        if safety is Safety.NO_CONTACT:
            wishes = _WISH_NO_CONTACT.pick(rng)
        elif traits.worker_wishes:
            wishes = _WISH_WORKER.pick(rng)
        else:
            wishes = self._wishes(closeness)
        if child.age < 5:  # too young to say what they want
            wishes = Wishes.UNKNOWN
        finding = None
        if role is Role.FORMER_FOSTER_CARER and not staying and rng.random() < 0.15:
            finding = (FindingStatus.LOCATED, FindingStatus.CONTACTED, FindingStatus.ENGAGED)[
                rng.randrange(3)
            ]
        notes = ""
        if continues:
            notes = _ALWAYS_HERE
        elif extra is not None:
            notes = extra.note
        elif rng.random() < 0.15 and (child.age >= 5 or role in _PROFESSIONAL_ROLES):
            notes = self._note(role)
        return Relationship.model_construct(
            person_id=person.id,
            role=role,
            closeness=closeness,
            closeness_rated_by=rated_by,
            safety=safety,
            wishes=wishes,
            contact=contact,
            last_contact=None if days is None else self.as_of - timedelta(days=days),
            paid=paid,
            role_ends_at_age=ends,
            continues_beyond_role=continues,
            support=support,
            finding_status=finding,
            notes=notes,
            safety_note=self._safety_note(safety),
            hide_in_conference=role is Role.PARTNER and rng.random() < 0.3,
        )

    def _relate_kin(
        self, group: _Group, child: _Child, person: Person, role: Role, kin: _Kin
    ) -> Relationship:
        rng = self.rng
        safety, contact, finding, days = kin.safety, kin.contact, kin.finding, kin.days
        if kin.child_index is not None:
            pair = (min(child.index, kin.child_index), max(child.index, kin.child_index))
            contact, days = group.pair_contact[pair]
        elif (
            not person.deceased
            and safety is not Safety.NO_CONTACT
            and finding in (None, FindingStatus.ENGAGED, FindingStatus.COMMITTED)
            and rng.random() < 0.15
        ):  # siblings do not all see the same relatives equally
            contact = (_A, _OCC, _LOST)[rng.randrange(3)]
            days = self._days(contact)
        days = self._clamp_days(child, contact, days)

        not_met = finding in (FindingStatus.IDENTIFIED, FindingStatus.LOCATED)
        if not_met or (contact is Contact.NONE_YET and rng.random() < 0.7):
            closeness, rated_by = None, None
        else:
            bias = _KIN_BIAS[role] - (contact is Contact.LOST) - (safety is Safety.NO_CONTACT)
            closeness, rated_by = self._closeness(child, bias)
        if person.deceased:
            wishes = Wishes.UNKNOWN
        elif safety is Safety.NO_CONTACT:
            wishes = _WISH_NO_CONTACT.pick(rng)
        elif not_met:
            wishes = Wishes.UNKNOWN if rng.random() < 0.8 else Wishes.WANTS
        else:
            wishes = self._wishes(closeness)
        if child.age < 5:  # too young to say what they want
            wishes = Wishes.UNKNOWN
        support: list[Domain] = []
        if (
            contact in (Contact.ACTIVE, Contact.OCCASIONAL)
            and not person.deceased
            and safety in (Safety.SAFE, Safety.SUPERVISED)
            and rng.random() < 0.8
        ):
            support = self._support(_KIN_SUPPORT[role])
        notes = self._note(role) if rng.random() < 0.15 else ""
        if person.deceased and rng.random() < 0.5:
            notes = "Died; the young person keeps photos and memories."
        return Relationship.model_construct(
            person_id=person.id,
            role=role,
            closeness=closeness,
            closeness_rated_by=rated_by,
            safety=safety,
            wishes=wishes,
            contact=contact,
            last_contact=None if days is None else self.as_of - timedelta(days=days),
            paid=False,
            role_ends_at_age=None,
            continues_beyond_role=False,
            support=support,
            finding_status=finding,
            notes=notes,
            safety_note=self._safety_note(safety),
            hide_in_conference=rng.random() < 0.03,
        )

    def _wishes(self, closeness: int | None) -> Wishes:
        """What the young person wants, which mostly follows how close they feel."""
        if closeness is None:
            return _WISH_UNRATED.pick(self.rng)
        return (_WISH_CLOSE if closeness >= 3 else _WISH_DISTANT).pick(self.rng)

    def _note(self, role: Role) -> str:
        if role in _KIN_BIAS:
            notes = _FAMILY_NOTES
        elif role in (Role.FOSTER_CARER, Role.FORMER_FOSTER_CARER, Role.SUPPORTED_LODGINGS_HOST):
            notes = _CARER_NOTES
        elif role in _PROFESSIONAL_ROLES:
            notes = _WORKER_NOTES
        else:
            notes = _FRIEND_NOTES
        return notes[self.rng.randrange(len(notes))]

    def _safety_note(self, safety: Safety) -> str:
        rng = self.rng
        if safety is Safety.NO_CONTACT:
            return _NO_CONTACT_NOTES[rng.randrange(len(_NO_CONTACT_NOTES))]
        if safety is Safety.SUPERVISED and rng.random() < 0.5:
            return _SUPERVISED_NOTES[rng.randrange(len(_SUPERVISED_NOTES))]
        return ""

    # --- the contact log ------------------------------------------------------------------------

    def _contact_log(
        self, child: _Child, people: list[Person], relationships: list[Relationship]
    ) -> list[ContactEntry]:
        """A few visits and calls with people in current contact, recorded by a worker."""
        rng = self.rng
        names = {r.role: p.name for p, r in zip(people, relationships, strict=True)}
        recorder = next((names[role] for role in _RECORDERS if role in names), _WORKER_FALLBACK)
        seen = [
            (person, rel)
            for person, rel in zip(people, relationships, strict=True)
            if rel.last_contact is not None
            and rel.contact in (Contact.ACTIVE, Contact.OCCASIONAL)
            and not person.deceased
        ]
        if not seen:
            return []
        entries: list[ContactEntry] = []
        earliest = child.yp.date_of_birth
        for person, rel in rng.sample(seen, min(len(seen), rng.randint(0, 5))):
            kinds = _WORKER_LOG if rel.role in _PROFESSIONAL_ROLES else _FAMILY_LOG
            day = rel.last_contact
            for _ in range(rng.randint(1, 3)):
                if day is None or day <= earliest:
                    break
                kind = kinds.pick(rng)
                self._entries += 1
                note = _LOG_NOTES[kind][rng.randrange(len(_LOG_NOTES[kind]))]
                if rel.safety is Safety.SUPERVISED and kind is ContactKind.VISIT:
                    note = "Supervised contact at the family centre."
                entries.append(
                    ContactEntry.model_construct(
                        id=f"c-{self._entries:06d}",
                        person_id=person.id,
                        date=day,
                        kind=kind,
                        note=note,
                        recorded_by=recorder,
                    )
                )
                day = day - timedelta(days=rng.randint(14, 120))
        return entries


def _kin_role(kin: _Kin, child: _Child) -> Role | None:
    """What a relative is to this child of the group (or ``None``: not this child's family)."""
    if kin.child_index == child.index:
        return None
    if kin.kind == "sibling":
        same_father = kin.father_line is not None and kin.father_line == child.father_line
        if kin.shares_mother:
            return Role.SIBLING if same_father else Role.HALF_SIBLING
        return Role.HALF_SIBLING if same_father else None
    if kin.line is not None and kin.line != child.father_line:
        return None
    return _KIN_ROLE[kin.kind]
