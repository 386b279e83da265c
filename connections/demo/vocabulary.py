"""What the demo chooses from: invented names and places, the distributions of ages, families,
safety, contact and wishes, per-role traits, and the free text of notes and the contact log."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

from connections.model import (
    Category,
    Contact,
    ContactKind,
    Domain,
    FindingStatus,
    Role,
    Safety,
    Wishes,
)

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
