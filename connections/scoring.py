"""Relationship coverage: one young person's network in, a coverage report out.

This module implements ``docs/scoring.md`` (the product's definition of relationship coverage)
exactly, as pure functions: no I/O, no database, no web framework. The mission it serves: *no
young person should leave care without at least two loving relationships*.

Use :func:`score`::

    report = score(network, as_of=date(2026, 5, 1))
    report.status, report.score, report.most_urgent_gap
    report.to_dict()  # JSON-serialisable, keys below

The qualifying relationship
---------------------------
A relationship **qualifies** (counts towards the mission) at a date D when all hold:

1. the person is not deceased;
2. ``closeness >= 3`` **and** ``closeness_rated_by = young_person`` (loving is what the young
   person feels; a worker's estimate is reported as "likely, to confirm" but never counted);
3. ``safety = safe``;
4. ``wishes`` is ``wants`` or ``unknown``;
5. it is current: ``contact`` is ``active`` or ``occasional``, and ``last_contact``, where known,
   is no more than 365 days before as_of (365 days qualifies, 366 does not);
6. it endures at D: not ``paid``, or ``continues_beyond_role``, or ``role_ends_at_age`` is none,
   or the young person's age at D is below ``role_ends_at_age`` (after the defaults of
   :func:`effective_role_end`: a role ending at 18 does not count at the 18 milestone).

Only rule 6 depends on D; "now" means D = as_of. Ages are full years (:func:`age_on`).

"Safety" is **effective safety** everywhere (rule 3, sibling gaps, the route graph, leads): the
most restrictive of a relationship's ``safety`` and the scopes of its restrictions active on
as_of (:mod:`connections.restrictions`); the forecast assumes today's restrictions hold.
:func:`score` and :func:`route_graph` apply it; :func:`qualifies` takes a relationship that
already carries it.

The indicators, status and score are documented on the functions and classes that compute them
(:class:`CoverageReport` lists them all).

Where docs/scoring.md leaves a choice open, this module takes these readings:

- someone who has died is never "in current contact" (professional share, paid providers), is
  never a sibling gap and is never listed in data to complete;
- households are the connected components over *everyone* in the network, so a lodger who does
  not qualify still joins the two qualifying people they live with; ties for the biggest
  household go to the one whose sorted ids come first;
- lead ranking and introducer ties use ``closeness`` whoever rated it (unknown lowest);
- the gap sentences: a cliff edge is reported only where fewer than 2 loving relationships remain
  at that milestone, naming the people who leave *at* it (not those who left earlier); a
  robustness sentence only when the mission is met; support domains with no provider at all
  ("No loving relationship offers ...") before those with only paid providers ("No one outside
  paid roles offers ..."), each in docs/scoring.md's domain order; one person is named, more are
  counted ("... the only link to 6 people.").

``CoverageReport.to_dict()`` keys (stable; dates are ISO ``YYYY-MM-DD`` strings, vocabularies
are their lower-case values, people are ``{"id", "name", "role"}`` unless said otherwise)::

    as_of               "2026-05-01"
    young_person        {id, name, date_of_birth, age, status}
    status              "RED" | "AMBER" | "GREEN"
    score               float, 0..100, one decimal
    score_parts         {mission, robustness, forecast, domains}  (the four terms, unrounded)
    qualifying_count    int
    qualifying_now      [{id, name, role, closeness}]   closeness desc, then name
    mission_met         bool
    likely_to_confirm   [{id, name, role, closeness}]   worker-rated >= 3, otherwise qualifying
    households          [[person id, ...], ...]           qualifying people; biggest first
    biggest_household   int   (qualifying people in the biggest household; 0 if none)
    robust              bool
    forecast            [{age, date, count, leaving: [person]}]  one per remaining milestone
    next_milestone      one forecast entry, or null when no milestone remains
    domains             {domain: {status, providers: [person], paid_providers: [person]}}
                        all eight domains in docs/scoring.md order; status covered |
                        professional_only | gap
    covered_domains     int
    siblings            [{id, name, role, contact, safety, wishes, deceased, gap}]
    sibling_gaps        [same shape as siblings]
    bridges             [{id, name, role, cut_off: [person]}]  most cut off first
    professional_share  float 0..1, or null when no one is in current contact
    leads               [{id, name, role, closeness, kinship_distance, finding_status,
                          contact, introducer: {id, name, role, closeness, distance} | null}]
    going_quiet         [{id, name, role, last_contact, days_since_contact}]
    data_to_complete    [{id, name, role, reasons: [reason]}]  reason is one of
                        closeness_unrated | safety_unassessed | last_contact_unknown
    gaps                [sentence]  most urgent first
    most_urgent_gap     sentence or null

The route graph's young-person node is :data:`YOUNG_PERSON_NODE`, a string that can never be a
person id. :func:`route_graph` gives the route graph as a ``networkx.Graph``; :func:`score`
works on the same graph as a plain adjacency (node -> set of neighbours) with one depth-first
search for bridges (Tarjan's articulation points, as ``nx.articulation_points``) and one
breadth-first search for introducers, because building a ``networkx.Graph`` alone would cost
more than the whole score of a 40-person network.

Performance: about 0.3 ms per 40-person network on one core (``score`` builds the whole
report; ``to_dict`` adds about 0.1 ms).

>>> from connections.model import parse_network
>>> network = parse_network({
...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2009-06-01",
...                      "status": "in_care"},
...     "people": [{"id": "aunt", "name": "Aunt Sarah", "category": "family"}],
...     "relationships": [{"person_id": "aunt", "role": "aunt_uncle", "closeness": 4,
...                        "closeness_rated_by": "young_person", "safety": "safe",
...                        "wishes": "wants", "contact": "active",
...                        "last_contact": "2026-04-20", "support": ["emotional"]}],
... })
>>> report = score(network, as_of=date(2026, 5, 1))
>>> print(report.status, report.score)
RED 32.5
>>> report.most_urgent_gap
'Only 1 loving relationship (Aunt Sarah): the mission is not met.'
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

import networkx as nx

from connections.model import (
    HOUSEHOLD_LINKS,
    SIBLING_ROLES,
    Contact,
    Domain,
    FindingStatus,
    LinkKind,
    Network,
    Person,
    RatedBy,
    Relationship,
    Role,
    Safety,
    Wishes,
    YoungPersonStatus,
)
from connections.network_values import NetworkValue, RelationshipValue, from_model
from connections.restrictions import imposed_safety, most_restrictive

__all__ = [
    "CURRENT_DAYS",
    "DEFAULT_ROLE_ENDS",
    "KINSHIP_DISTANCE",
    "MILESTONES",
    "QUIET_DAYS",
    "ROLE_LABELS",
    "YOUNG_PERSON_NODE",
    "Bridge",
    "CoverageReport",
    "CoverageStatus",
    "DataReason",
    "DataToComplete",
    "DomainCoverage",
    "DomainStatus",
    "Forecast",
    "Gap",
    "GapKind",
    "GoingQuiet",
    "Introducer",
    "Lead",
    "PersonRef",
    "QualifyingPerson",
    "ScoreParts",
    "Sibling",
    "YoungPersonSummary",
    "age_on",
    "effective_role_end",
    "is_current",
    "milestone_date",
    "most_urgent_gap",
    "qualifies",
    "route_graph",
    "score",
]

#: The care "cliff edges": ages at which the forecast is made.
MILESTONES: Final = (18, 21, 25)
#: Rule 5: last contact no more than this many days before as_of.
CURRENT_DAYS: Final = 365
#: Going quiet: a qualifying person's last contact more than this many days before as_of.
QUIET_DAYS: Final = 90
#: The mission: at least this many loving relationships.
MISSION: Final = 2
#: Rule 2: the lowest closeness that is loving (3: close, cares about me).
LOVING: Final = 3

#: ``role_ends_at_age`` when ``paid`` and not given.
DEFAULT_ROLE_ENDS: Final[Mapping[Role, int]] = {
    Role.SOCIAL_WORKER: 18,
    Role.IRO: 18,
    Role.FOSTER_CARER: 18,
    Role.RESIDENTIAL_WORKER: 18,
    Role.TEACHER: 18,
    Role.PERSONAL_ADVISER: 25,
}

#: Kinship distance for ranking leads (every role not listed is 4).
KINSHIP_DISTANCE: Final[Mapping[Role, int]] = {
    Role.MOTHER: 1,
    Role.FATHER: 1,
    Role.SIBLING: 1,
    Role.GRANDPARENT: 2,
    Role.AUNT_UNCLE: 2,
    Role.HALF_SIBLING: 2,
    Role.STEP_SIBLING: 2,
    Role.FORMER_FOSTER_CARER: 2,
    Role.COUSIN: 3,
    Role.OTHER_RELATIVE: 3,
}

#: How a role reads in a sentence ("Jo Smith (social worker)").
ROLE_LABELS: Final[Mapping[Role, str]] = {
    **{role: role.value.replace("_", " ") for role in Role},
    Role.HALF_SIBLING: "half-sibling",
    Role.STEP_SIBLING: "step-sibling",
    Role.AUNT_UNCLE: "aunt or uncle",
    Role.IRO: "independent reviewing officer",
    Role.HUB_CARER: "Mockingbird hub carer",
}

#: The young person's node in the route graph ("@" never appears in a person id).
YOUNG_PERSON_NODE: Final = "@young-person"

_DOMAIN_PHRASES: Final[Mapping[Domain, str]] = {
    Domain.EMOTIONAL: "emotional support",
    Domain.PRACTICAL: "practical help",
    Domain.SOMEWHERE_TO_STAY: "somewhere to stay",
    Domain.MONEY: "help with money",
    Domain.EDUCATION_WORK: "help with education or work",
    Domain.HEALTH: "help with health",
    Domain.CELEBRATIONS: "company at celebrations",
    Domain.CRISIS: "help in a crisis",
}
_DOMAINS: Final = tuple(Domain)
_CURRENT_CONTACT: Final = frozenset({Contact.ACTIVE, Contact.OCCASIONAL})
_OUT_OF_CONTACT: Final = frozenset({Contact.LOST, Contact.NONE_YET})
_WANTED: Final = frozenset({Wishes.WANTS, Wishes.UNKNOWN})
_LEAD_SAFETY: Final = frozenset({Safety.SAFE, Safety.UNASSESSED})
_FINDING_CLOSED: Final = frozenset({FindingStatus.DECLINED, FindingStatus.RULED_OUT})
_FINDING_OPEN: Final = frozenset({FindingStatus.IDENTIFIED, FindingStatus.LOCATED})
# Members as module constants: a global is cheaper to look up than an enum attribute.
_SAFE: Final = Safety.SAFE
_NO_CONTACT: Final = Safety.NO_CONTACT
_UNASSESSED: Final = Safety.UNASSESSED
_BY_YOUNG_PERSON: Final = RatedBy.YOUNG_PERSON


# --- vocabularies of the report -----------------------------------------------------------------


class CoverageStatus(StrEnum):
    """RED: mission not met now. GREEN: mission met now, robust now, and the forecast count is at
    least 2 at every remaining milestone. AMBER: mission met now but not GREEN."""

    RED = "RED"
    AMBER = "AMBER"
    GREEN = "GREEN"


class DomainStatus(StrEnum):
    """``covered`` (at least one qualifying provider), else ``professional_only`` (at least one
    paid provider in current contact), else ``gap``."""

    COVERED = "covered"
    PROFESSIONAL_ONLY = "professional_only"
    GAP = "gap"


class DataReason(StrEnum):
    """Why a relationship is listed in "data to complete"."""

    #: no young-person closeness rating (none at all, or only a worker's)
    CLOSENESS_UNRATED = "closeness_unrated"
    #: safety ``unassessed``
    SAFETY_UNASSESSED = "safety_unassessed"
    #: current (rule 5) with no ``last_contact``
    LAST_CONTACT_UNKNOWN = "last_contact_unknown"


_COVERED: Final = DomainStatus.COVERED
_PROFESSIONAL_ONLY: Final = DomainStatus.PROFESSIONAL_ONLY
_GAP: Final = DomainStatus.GAP
_CLOSENESS_UNRATED: Final = DataReason.CLOSENESS_UNRATED
_SAFETY_UNASSESSED: Final = DataReason.SAFETY_UNASSESSED
_LAST_CONTACT_UNKNOWN: Final = DataReason.LAST_CONTACT_UNKNOWN


class GapKind(StrEnum):
    """What a gap sentence is about (docs/scoring.md section 5), in the order the report lists them:
    what an app needs to point to the place where each is done, without parsing the words."""

    MISSION = "mission"
    CLIFF_EDGE = "cliff_edge"
    HOUSEHOLD = "household"
    DOMAIN = "domain"
    SIBLING = "sibling"
    BRIDGE = "bridge"
    GOING_QUIET = "going_quiet"
    CLOSENESS_UNRATED = "closeness_unrated"
    SAFETY_UNASSESSED = "safety_unassessed"
    LAST_CONTACT_UNKNOWN = "last_contact_unknown"


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person as the report names them: id, name and role for this young person."""

    id: str
    name: str
    role: Role

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role.value}


@dataclass(frozen=True, slots=True)
class QualifyingPerson:
    """A loving relationship: qualifying now, or (in ``likely_to_confirm``) rated by a worker."""

    id: str
    name: str
    role: Role
    closeness: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "closeness": self.closeness,
        }


@dataclass(frozen=True, slots=True)
class YoungPersonSummary:
    """The young person the report is about, with their age (full years) on as_of."""

    id: str
    name: str
    date_of_birth: date
    age: int
    status: YoungPersonStatus

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "date_of_birth": self.date_of_birth.isoformat(),
            "age": self.age,
            "status": self.status.value,
        }


@dataclass(frozen=True, slots=True)
class Forecast:
    """The cliff-edge forecast at milestone ``age``: the qualifying count at ``date`` (date of
    birth + ``age`` years) and the people qualifying now who no longer qualify then."""

    age: int
    date: date
    count: int
    leaving: tuple[PersonRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "age": self.age,
            "date": self.date.isoformat(),
            "count": self.count,
            "leaving": [person.to_dict() for person in self.leaving],
        }


@dataclass(frozen=True, slots=True)
class DomainCoverage:
    """One support domain: qualifying providers, paid providers in current contact, status."""

    domain: Domain
    status: DomainStatus
    providers: tuple[PersonRef, ...]
    paid_providers: tuple[PersonRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "providers": [person.to_dict() for person in self.providers],
            "paid_providers": [person.to_dict() for person in self.paid_providers],
        }


@dataclass(frozen=True, slots=True)
class Sibling:
    """A sibling, half- or step-sibling; ``gap`` when safe, wanted (``wants`` or ``unknown``)
    and out of contact (``lost`` or ``none_yet``)."""

    id: str
    name: str
    role: Role
    contact: Contact
    safety: Safety
    wishes: Wishes
    deceased: bool
    gap: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "contact": self.contact.value,
            "safety": self.safety.value,
            "wishes": self.wishes.value,
            "deceased": self.deceased,
            "gap": self.gap,
        }


@dataclass(frozen=True, slots=True)
class Bridge:
    """A living person whose removal from the route graph cuts ``cut_off`` off from the YP."""

    person: PersonRef
    cut_off: tuple[PersonRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.person.to_dict(), "cut_off": [person.to_dict() for person in self.cut_off]}


@dataclass(frozen=True, slots=True)
class Introducer:
    """Who could introduce a lead: joined to the YP, ``distance`` links from the lead."""

    id: str
    name: str
    role: Role
    closeness: int | None
    distance: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "closeness": self.closeness,
            "distance": self.distance,
        }


@dataclass(frozen=True, slots=True)
class Lead:
    """A person to find or reconnect with, and a possible introducer (or ``None``)."""

    id: str
    name: str
    role: Role
    closeness: int | None
    kinship_distance: int
    finding_status: FindingStatus | None
    contact: Contact
    introducer: Introducer | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "closeness": self.closeness,
            "kinship_distance": self.kinship_distance,
            "finding_status": None if self.finding_status is None else self.finding_status.value,
            "contact": self.contact.value,
            "introducer": None if self.introducer is None else self.introducer.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class GoingQuiet:
    """A qualifying person last in contact more than 90 days before as_of."""

    id: str
    name: str
    role: Role
    last_contact: date
    days_since_contact: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "last_contact": self.last_contact.isoformat(),
            "days_since_contact": self.days_since_contact,
        }


@dataclass(frozen=True, slots=True)
class DataToComplete:
    """A relationship with data missing, and which (:class:`DataReason`)."""

    id: str
    name: str
    role: Role
    reasons: tuple[DataReason, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "reasons": [reason.value for reason in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class Gap:
    """One gap of the report: its sentence, its kind, and whom it is about (person ids, in the
    order the sentence names them) or which support domain."""

    kind: GapKind
    text: str
    people: tuple[str, ...] = ()
    domain: Domain | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """The four terms of the coverage score (docs/scoring.md section 4), before rounding."""

    mission: float
    robustness: float
    forecast: float
    domains: float

    @property
    def total(self) -> float:
        return round(self.mission + self.robustness + self.forecast + self.domains, 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "mission": self.mission,
            "robustness": self.robustness,
            "forecast": self.forecast,
            "domains": self.domains,
        }


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """Relationship coverage for one young person on ``as_of``: every indicator of docs/scoring.md.

    - ``qualifying_now``: the qualifying relationships now, by person; ``mission_met`` iff there
      are at least 2.
    - ``likely_to_confirm``: closeness >= 3 rated by a worker, otherwise qualifying now ("likely,
      to confirm"; never counted).
    - ``households``: qualifying people grouped by household, biggest first; ``robust`` iff,
      after removing the household holding the most qualifying people, at least 2 remain.
    - ``forecast``: one :class:`Forecast` per milestone in (18, 21, 25) greater than the current
      age; ``next_milestone`` is the first of them (or ``None``).
    - ``domains``: the eight :class:`DomainCoverage`, in docs/scoring.md order.
    - ``siblings`` and ``sibling_gaps``; ``bridges`` with the people each would cut off;
      ``professional_share`` (``None`` when no one is in current contact); ``leads`` ranked,
      each with its introducer; ``going_quiet``; ``data_to_complete``.
    - ``status``, ``score`` (rounded to one decimal, with its ``score_parts``) and ``gaps``: the
      report in words, most urgent first (``gap_items``: the same gaps as :class:`Gap`, each with
      its kind and the people it is about).
    """

    as_of: date
    young_person: YoungPersonSummary
    qualifying_now: tuple[QualifyingPerson, ...]
    mission_met: bool
    likely_to_confirm: tuple[QualifyingPerson, ...]
    households: tuple[tuple[str, ...], ...]
    robust: bool
    forecast: tuple[Forecast, ...]
    domains: tuple[DomainCoverage, ...]
    siblings: tuple[Sibling, ...]
    bridges: tuple[Bridge, ...]
    professional_share: float | None
    leads: tuple[Lead, ...]
    going_quiet: tuple[GoingQuiet, ...]
    data_to_complete: tuple[DataToComplete, ...]
    status: CoverageStatus
    score: float
    score_parts: ScoreParts
    gap_items: tuple[Gap, ...]

    @property
    def gaps(self) -> tuple[str, ...]:
        """The gap sentences, most urgent first."""
        return tuple(gap.text for gap in self.gap_items)

    @property
    def qualifying_count(self) -> int:
        return len(self.qualifying_now)

    @property
    def biggest_household(self) -> int:
        """Qualifying people in the household holding the most of them (0 if none)."""
        return len(self.households[0]) if self.households else 0

    @property
    def next_milestone(self) -> Forecast | None:
        return self.forecast[0] if self.forecast else None

    @property
    def covered_domains(self) -> int:
        return sum(1 for domain in self.domains if domain.status is DomainStatus.COVERED)

    @property
    def sibling_gaps(self) -> tuple[Sibling, ...]:
        return tuple(sibling for sibling in self.siblings if sibling.gap)

    @property
    def most_urgent_gap(self) -> str | None:
        """The first gap sentence, or ``None`` when there is none."""
        return self.gap_items[0].text if self.gap_items else None

    def domain(self, domain: Domain | str) -> DomainCoverage:
        """The coverage of one support domain."""
        return self.domains[_DOMAINS.index(Domain(domain))]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable data with the keys documented in the module docstring."""
        next_milestone = self.next_milestone
        return {
            "as_of": self.as_of.isoformat(),
            "young_person": self.young_person.to_dict(),
            "status": self.status.value,
            "score": self.score,
            "score_parts": self.score_parts.to_dict(),
            "qualifying_count": len(self.qualifying_now),
            "qualifying_now": [person.to_dict() for person in self.qualifying_now],
            "mission_met": self.mission_met,
            "likely_to_confirm": [person.to_dict() for person in self.likely_to_confirm],
            "households": [list(household) for household in self.households],
            "biggest_household": self.biggest_household,
            "robust": self.robust,
            "forecast": [forecast.to_dict() for forecast in self.forecast],
            "next_milestone": None if next_milestone is None else next_milestone.to_dict(),
            "domains": {coverage.domain.value: coverage.to_dict() for coverage in self.domains},
            "covered_domains": self.covered_domains,
            "siblings": [sibling.to_dict() for sibling in self.siblings],
            "sibling_gaps": [sibling.to_dict() for sibling in self.siblings if sibling.gap],
            "bridges": [bridge.to_dict() for bridge in self.bridges],
            "professional_share": self.professional_share,
            "leads": [lead.to_dict() for lead in self.leads],
            "going_quiet": [quiet.to_dict() for quiet in self.going_quiet],
            "data_to_complete": [item.to_dict() for item in self.data_to_complete],
            "gaps": list(self.gaps),
            "most_urgent_gap": self.most_urgent_gap,
        }


def most_urgent_gap(report: CoverageReport) -> str | None:
    """The report's most urgent gap sentence (its first), or ``None`` when there is none."""
    return report.most_urgent_gap


# --- ages and dates -----------------------------------------------------------------------------


def age_on(date_of_birth: date, day: date) -> int:
    """Age in full years on ``day``.

    Someone born on 29 February is still 17 on 28 February of the year they turn 18, and 18 on
    1 March.

    >>> age_on(date(2008, 2, 29), date(2026, 2, 28))
    17
    >>> age_on(date(2008, 2, 29), date(2026, 3, 1))
    18
    >>> age_on(date(2008, 6, 1), date(2026, 6, 1))
    18
    """
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def milestone_date(date_of_birth: date, age: int) -> date:
    """The date the young person turns ``age`` (date of birth + ``age`` years).

    A 29 February birthday's milestone in a year with no 29 February is 1 March.

    >>> milestone_date(date(2008, 2, 29), 18)
    datetime.date(2026, 3, 1)
    >>> milestone_date(date(2008, 2, 29), 20)
    datetime.date(2028, 2, 29)
    """
    try:
        return date_of_birth.replace(year=date_of_birth.year + age)
    except ValueError:  # 29 February in a common year
        return date(date_of_birth.year + age, 3, 1)


def effective_role_end(relationship: Relationship) -> int | None:
    """``role_ends_at_age``, or when ``paid`` and not given the default for the role.

    Defaults: social_worker 18, iro 18, foster_carer 18, residential_worker 18, teacher 18,
    personal_adviser 25, others none.

    >>> from connections.model import Relationship
    >>> effective_role_end(Relationship(person_id="p", role="personal_adviser", paid=True))
    25
    >>> effective_role_end(Relationship(person_id="p", role="foster_carer"))  # not paid
    >>> effective_role_end(Relationship(person_id="p", role="mentor", paid=True,
    ...                                 role_ends_at_age=21))
    21
    """
    end = relationship.role_ends_at_age
    if end is None and relationship.paid:
        return DEFAULT_ROLE_ENDS.get(relationship.role)
    return end


def is_current(relationship: Relationship, as_of: date) -> bool:
    """Rule 5: ``contact`` is ``active`` or ``occasional``, and ``last_contact``, where known, is
    no more than 365 days before ``as_of``.

    >>> from connections.model import Relationship
    >>> seen = Relationship(person_id="p", role="friend", contact="active",
    ...                     last_contact=date(2025, 5, 1))
    >>> is_current(seen, date(2026, 5, 1)), is_current(seen, date(2026, 5, 2))
    (True, False)
    """
    return _is_current(relationship, as_of.toordinal())


def qualifies(
    relationship: Relationship,
    person: Person,
    date_of_birth: date,
    as_of: date,
    at: date | None = None,
) -> bool:
    """Whether ``relationship`` qualifies at date ``at`` (default ``as_of``): rules 1 to 6.

    >>> from connections.model import Person, Relationship
    >>> worker = Relationship(person_id="p", role="social_worker", paid=True, closeness=4,
    ...                       closeness_rated_by="young_person", safety="safe",
    ...                       contact="active")
    >>> jo = Person(id="p", name="Jo", category="professional")
    >>> qualifies(worker, jo, date(2009, 1, 1), date(2026, 5, 1))
    True
    >>> qualifies(worker, jo, date(2009, 1, 1), date(2026, 5, 1), at=date(2027, 1, 1))
    False
    """
    return _loving(relationship) and _counts_but_for_closeness(
        relationship, person, as_of.toordinal(), age_on(date_of_birth, at or as_of)
    )


def _is_current(relationship: Relationship, today: int) -> bool:
    if relationship.contact not in _CURRENT_CONTACT:
        return False
    last = relationship.last_contact
    return last is None or today - last.toordinal() <= CURRENT_DAYS


def _loving(relationship: Relationship) -> bool:
    """Rule 2."""
    closeness = relationship.closeness
    return (
        closeness is not None
        and closeness >= LOVING
        and relationship.closeness_rated_by is RatedBy.YOUNG_PERSON
    )


def _leaves_at(relationship: Relationship) -> int | None:
    """The age from which rule 6 fails (``None``: it endures at every age)."""
    if not relationship.paid or relationship.continues_beyond_role:
        return None
    return effective_role_end(relationship)


def _counts_but_for_closeness(
    relationship: Relationship, person: Person, today: int, age: int
) -> bool:
    """Rules 1, 3, 4, 5 and 6 (at ``age``)."""
    if person.deceased or relationship.safety is not Safety.SAFE:
        return False
    if relationship.wishes not in _WANTED or not _is_current(relationship, today):
        return False
    leaves = _leaves_at(relationship)
    return leaves is None or age < leaves


# --- the route graph ----------------------------------------------------------------------------

#: The route graph as an adjacency: node -> its neighbours (networkx's ``G.adj``, without data).
_Adjacency = dict[str, set[str]]

# What a relationship makes of its person in the route graph.
_OUTSIDE, _DECEASED, _LIVING, _JOINED = 0, 1, 2, 3


def _route_adjacency(
    states: Mapping[str, int], links: Iterable[tuple[str, str, LinkKind]]
) -> tuple[_Adjacency, set[str]]:
    """The route graph (people are joined by every link between them) and its living people."""
    root: set[str] = set()
    adjacency: _Adjacency = {YOUNG_PERSON_NODE: root}
    living: set[str] = set()
    for pid, state in states.items():
        if state is _JOINED:
            root.add(pid)
            adjacency[pid] = {YOUNG_PERSON_NODE}
            living.add(pid)
        elif state:
            adjacency[pid] = set()
            if state is _LIVING:
                living.add(pid)
    for source, target, _ in links:
        source_neighbours = adjacency.get(source)
        if source_neighbours is not None:
            target_neighbours = adjacency.get(target)
            if target_neighbours is not None:
                source_neighbours.add(target)
                target_neighbours.add(source)
    return adjacency, living


def route_graph(network: Network | NetworkValue, as_of: date | None = None) -> nx.Graph:
    """The route graph of docs/scoring.md section 3 as a ``networkx.Graph``.

    Nodes are person ids and :data:`YOUNG_PERSON_NODE`; each node has ``deceased`` (bool).
    Scoring itself works on the same graph as a plain adjacency, which is several times cheaper
    to build than a ``networkx.Graph`` (it scores thousands of networks a second).

    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2009-06-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "rose", "name": "Grandma Rose", "category": "family"},
    ...                {"id": "ray", "name": "Uncle Ray", "category": "family"}],
    ...     "relationships": [
    ...         {"person_id": "rose", "role": "grandparent", "safety": "safe",
    ...          "contact": "active"},
    ...         {"person_id": "ray", "role": "aunt_uncle", "contact": "lost"}],
    ...     "links": [{"source": "rose", "target": "ray", "kind": "parent"}],
    ... })
    >>> sorted(sorted(edge) for edge in route_graph(network, date(2026, 5, 1)).edges)
    [['@young-person', 'rose'], ['ray', 'rose']]
    """
    day = date.today() if as_of is None else as_of
    facts = _read(from_model(network), day)
    adjacency, living = _route_adjacency(_route_states(facts.members), facts.links)
    graph = nx.Graph()
    graph.add_nodes_from(
        (node, {"deceased": node != YOUNG_PERSON_NODE and node not in living}) for node in adjacency
    )
    graph.add_edges_from((u, v) for u, neighbours in adjacency.items() for v in neighbours)
    return graph


def _cut_off_by(adjacency: Mapping[str, Iterable[str]], root: str) -> dict[str, list[str]]:
    """For each articulation point of ``root``'s component other than ``root``: the nodes that
    removing it disconnects from ``root``.

    One iterative depth-first search (the one ``nx.articulation_points`` makes) that also keeps
    the preorder, so each cut-off subtree is a slice of it.

    >>> path = {"r": {"a"}, "a": {"r", "b"}, "b": {"a", "c"}, "c": {"b"}}
    >>> sorted((node, sorted(cut)) for node, cut in _cut_off_by(path, "r").items())
    [('a', ['b', 'c']), ('b', ['c'])]
    >>> _cut_off_by({"r": {"a", "b"}, "a": {"r", "b"}, "b": {"a", "r"}}, "r")
    {}
    """
    order = [root]  # nodes in preorder: a finished node's subtree is order[its index:]
    preorder = {root: 0}
    low = [0]  # by preorder index: the lowest preorder reachable by one back edge
    cut: dict[str, list[str]] = {}
    stack = [(root, 0, root, iter(adjacency[root]))]
    while stack:
        node, index, parent, neighbours = stack[-1]
        for other in neighbours:
            seen = preorder.get(other)
            if seen is None:
                child = len(order)
                preorder[other] = child
                order.append(other)
                low.append(child)
                stack.append((other, child, node, iter(adjacency[other])))
                break
            if seen < low[index] and other != parent:
                low[index] = seen
        else:
            stack.pop()
            if not stack:
                break
            above, above_index = stack[-1][:2]
            if low[index] < low[above_index]:
                low[above_index] = low[index]
            if above_index and low[index] >= above_index:
                # Without ``above``, node's subtree (everything found since node) is cut off.
                cut.setdefault(above, []).extend(order[index:])
    return cut


def _nearest_joined(
    adjacency: Mapping[str, Iterable[str]], sources: Sequence[str]
) -> dict[str, tuple[str, int]]:
    """For every node reachable from ``sources`` through links between people (never through
    the YP): the nearest source and its distance, ties going to the source listed first.

    One breadth-first search from all the sources at once, in order of preference: each level
    of the queue stays in order of its nodes' sources, so the first source to reach a node is
    the most preferred of its nearest sources.

    >>> graph = {"lead": {"a"}, "a": {"lead", "b", "c"}, "b": {"a"}, "c": {"a"}}
    >>> _nearest_joined(graph, ["c", "b"])["lead"]
    ('c', 2)
    >>> _nearest_joined(graph, ["b", "c"])["lead"]
    ('b', 2)
    >>> "lead" in _nearest_joined(graph, [])
    False
    """
    nearest = {source: (source, 0) for source in sources}
    nearest[YOUNG_PERSON_NODE] = (YOUNG_PERSON_NODE, 0)
    frontier = list(sources)
    distance = 0
    while frontier:
        distance += 1
        following = []
        for node in frontier:
            source = nearest[node][0]
            for other in adjacency[node]:
                if other not in nearest:
                    nearest[other] = (source, distance)
                    following.append(other)
        frontier = following
    del nearest[YOUNG_PERSON_NODE]
    return nearest


def _nearest_other(
    adjacency: Mapping[str, Iterable[str]], lead: str, rank: Mapping[str, int]
) -> tuple[str, int] | None:
    """Breadth-first from ``lead`` (never through the YP) to the nearest other ranked node, the
    lowest rank winning a tie; ``None`` when there is none.

    >>> graph = {"lead": {"a"}, "a": {"lead", "b", "c"}, "b": {"a"}, "c": {"a"}}
    >>> _nearest_other(graph, "lead", {"lead": 0, "c": 1, "b": 2})
    ('c', 2)
    >>> _nearest_other(graph, "lead", {"lead": 0}) is None
    True
    """
    seen = {lead, YOUNG_PERSON_NODE}
    frontier = [lead]
    distance = 0
    while frontier:
        distance += 1
        following = []
        for node in frontier:
            for other in adjacency[node]:
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        found = [node for node in following if node in rank]
        if found:
            return min(found, key=rank.__getitem__), distance
        frontier = following
    return None


# --- score --------------------------------------------------------------------------------------


#: A lead before ranking: (sort key, closeness, finding_status, contact).
_LeadCandidate = tuple[tuple[int, int, str, str], int | None, FindingStatus | None, Contact]


@dataclass(slots=True)
class _Member:
    """One relationship as the indicators read it: its fields, and the facts several share."""

    id: str
    name: str
    role: Role
    closeness: int | None
    by_young_person: bool  # closeness_rated_by is young_person
    safety: Safety  # effective safety
    wishes: Wishes
    contact: Contact
    last_contact: date | None
    days_since: int | None  # days from last_contact to as_of
    paid: bool
    leaves: int | None  # the age from which rule 6 fails (effective_role_end); None: endures
    support: tuple[Domain, ...]
    finding: FindingStatus | None
    living: bool
    current: bool  # rule 5


@dataclass(slots=True)
class _Facts:
    """What every indicator starts from: the network read once."""

    members: list[_Member]
    people: dict[str, tuple[str, bool, str | None]]  # id -> name, deceased, household
    households: dict[str, list[str]]  # household id -> its people
    links: list[tuple[str, str, LinkKind]]
    refs: _Refs


class _Refs(dict[str, PersonRef]):
    """Person id -> :class:`PersonRef`, each made the first time it is needed."""

    __slots__ = ("known",)

    def __init__(self) -> None:
        super().__init__()
        self.known: dict[str, tuple[str, Role]] = {}

    def __missing__(self, pid: str) -> PersonRef:
        name, role = self.known[pid]
        ref = self[pid] = PersonRef(pid, name, role)
        return ref


def _by_name(ref: PersonRef) -> tuple[str, str]:
    return ref.name, ref.id


def _closeness_rank(closeness: int | None) -> int:
    """Higher closeness first, unknown last (as a sort key)."""
    return 1 if closeness is None else -closeness


@dataclass(frozen=True, slots=True)
class MissionFacts:
    """The part of a report the mission and robustness rest on: who qualifies now, and their
    households (biggest first), as :func:`score` finds them."""

    qualifying: tuple[str, ...]
    households: tuple[tuple[str, ...], ...]

    @property
    def mission_met(self) -> bool:
        return len(self.qualifying) >= MISSION

    @property
    def robust(self) -> bool:
        biggest = len(self.households[0]) if self.households else 0
        return len(self.qualifying) - biggest >= MISSION


def mission_facts(network: Network | NetworkValue, as_of: date) -> MissionFacts:
    """Who qualifies now and their households: exactly :func:`score`'s, without the forecast,
    the domains or the route graph (for questions about many networks at once, such as the
    people several young people share).

    >>> from connections.model import parse_network
    >>> empty = parse_network({"young_person": {"id": "yp", "name": "Alex",
    ...     "date_of_birth": "2009-06-01", "status": "in_care"}})
    >>> facts = mission_facts(empty, date(2026, 5, 1))
    >>> facts.mission_met, facts.robust
    (False, False)
    """
    age = age_on(network.young_person.date_of_birth, as_of)
    facts = _read(from_model(network), as_of)
    qualifying, _likely = _qualifying_now(facts.members, age)
    households = _households(qualifying, facts.people, facts.households, facts.links)
    return MissionFacts(tuple(person.id for person in qualifying), households)


def score(network: Network | NetworkValue, as_of: date | None = None) -> CoverageReport:
    """Relationship coverage of ``network`` on ``as_of`` (default: today): docs/scoring.md exactly.

    **Status**: RED when the mission is not met now; GREEN when it is met now, robust now, and
    the forecast count is at least 2 at every remaining milestone; AMBER otherwise.

    **Coverage score**, 0 to 100, rounded to one decimal (q = qualifying now):

    - mission: 40 x min(q, 2) / 2;
    - robustness: 20 x min(max(q - biggest household's qualifying count, 0), 2) / 2;
    - forecast: 20 x min(qM, 2) / 2, qM the lowest forecast count over the remaining milestones
      (q when none remain);
    - domains: 20 x covered domains / 8.

    Adding a qualifying relationship never lowers it. Each indicator is one function below,
    all reading the network as :func:`_read` gives it (safety there is effective safety).

    >>> from connections.model import parse_network
    >>> empty = parse_network({"young_person": {"id": "yp", "name": "Alex",
    ...     "date_of_birth": "2009-06-01", "status": "in_care"}})
    >>> report = score(empty, date(2026, 5, 1))
    >>> print(report.status, report.score)
    RED 0.0
    >>> report.gaps[0]
    'No loving relationships: the mission is not met.'
    """
    day = date.today() if as_of is None else as_of
    young_person = network.young_person
    age = age_on(young_person.date_of_birth, day)
    facts = _read(from_model(network), day)
    refs = facts.refs

    qualifying, likely = _qualifying_now(facts.members, age)
    q = len(qualifying)
    households = _households(qualifying, facts.people, facts.households, facts.links)
    biggest = len(households[0]) if households else 0
    robust = q - biggest >= MISSION
    forecast = _forecast(young_person.date_of_birth, age, q, _leaving_ages(facts, qualifying), refs)
    lowest = min((milestone.count for milestone in forecast), default=q)
    domains = _domains(facts, qualifying)
    covered = sum(1 for coverage in domains if coverage.status is _COVERED)
    adjacency, living_in_graph = _route_adjacency(_route_states(facts.members), facts.links)
    siblings = _siblings(facts.members)
    bridges = _bridges(adjacency, living_in_graph, refs)
    going_quiet = _going_quiet(facts, qualifying)
    to_complete = _data_to_complete(facts.members)

    status = _status(q, robust, lowest)
    parts = ScoreParts(
        mission=40 * min(q, 2) / 2,
        robustness=20 * min(max(q - biggest, 0), 2) / 2,
        forecast=20 * min(lowest, 2) / 2,
        domains=20 * covered / 8,
    )
    gaps = _gaps(
        qualifying,
        forecast,
        households,
        robust,
        domains,
        siblings,
        bridges,
        going_quiet,
        to_complete,
        refs,
    )
    return CoverageReport(
        as_of=day,
        young_person=YoungPersonSummary(
            young_person.id, young_person.name, young_person.date_of_birth, age, young_person.status
        ),
        qualifying_now=qualifying,
        mission_met=q >= MISSION,
        likely_to_confirm=likely,
        households=households,
        robust=robust,
        forecast=forecast,
        domains=domains,
        siblings=siblings,
        bridges=bridges,
        professional_share=_professional_share(facts.members),
        leads=_leads(_lead_candidates(facts.members), adjacency, facts.members, refs),
        going_quiet=going_quiet,
        data_to_complete=to_complete,
        status=status,
        score=parts.total,
        score_parts=parts,
        gap_items=tuple(gaps),
    )


def _read(network: NetworkValue, day: date) -> _Facts:
    """The network as the indicators read it: each relationship with a known person as a
    :class:`_Member` (effective safety, rule 5 and the role's end worked out once), people,
    households, links."""
    today = day.toordinal()
    imposed = imposed_safety(network.restrictions, day)
    people: dict[str, tuple[str, bool, str | None]] = {}
    households: dict[str, list[str]] = {}
    for person in network.people:
        people[person.id] = (person.name, person.deceased, person.household)
        if person.household is not None:
            households.setdefault(person.household, []).append(person.id)
    refs = _Refs()
    members = []
    for relationship in network.relationships:
        pid = relationship.person_id
        person = people.get(pid)
        if person is None:
            continue
        name, deceased, _ = person
        role = relationship.role
        refs.known[pid] = (name, role)
        safety = relationship.safety
        if pid in imposed:
            safety = most_restrictive(safety, imposed[pid])
        last = relationship.last_contact
        days_since = None if last is None else today - last.toordinal()
        contact = relationship.contact
        members.append(
            _Member(
                pid,
                name,
                role,
                relationship.closeness,
                relationship.closeness_rated_by is _BY_YOUNG_PERSON,
                safety,
                relationship.wishes,
                contact,
                last,
                days_since,
                relationship.paid,
                _leaves(relationship),
                relationship.support,
                relationship.finding_status,
                not deceased,
                contact in _CURRENT_CONTACT and (days_since is None or days_since <= CURRENT_DAYS),
            )
        )
    links = [(link.source, link.target, link.kind) for link in network.links]
    return _Facts(members, people, households, links, refs)


def _leaves(relationship: RelationshipValue) -> int | None:
    """The age from which rule 6 fails (the effective role end); None when the relationship
    endures: unpaid, or continuing beyond the role."""
    if not relationship.paid or relationship.continues_beyond_role:
        return None
    if relationship.role_ends_at_age is None:
        return DEFAULT_ROLE_ENDS.get(relationship.role)
    return relationship.role_ends_at_age


def _qualifying_now(
    members: Iterable[_Member], age: int
) -> tuple[tuple[QualifyingPerson, ...], tuple[QualifyingPerson, ...]]:
    """Rules 1 to 6 now: the qualifying people, and those who would qualify but for a worker
    (not the young person) having rated the closeness ("likely, to confirm"). Closest first,
    then by name."""
    qualifying: list[QualifyingPerson] = []
    likely: list[QualifyingPerson] = []
    for m in members:
        if (
            m.living
            and m.closeness is not None
            and m.closeness >= LOVING
            and m.safety is _SAFE
            and m.wishes in _WANTED
            and m.current
            and (m.leaves is None or age < m.leaves)
        ):
            loved = QualifyingPerson(m.id, m.name, m.role, m.closeness)
            (qualifying if m.by_young_person else likely).append(loved)
    qualifying.sort(key=_by_closeness)
    likely.sort(key=_by_closeness)
    return tuple(qualifying), tuple(likely)


def _leaving_ages(facts: _Facts, qualifying: Iterable[QualifyingPerson]) -> dict[str, int]:
    """Qualifying person id -> the age from which they no longer qualify (rule 6), for those
    whose role ends."""
    leaves = {m.id: m.leaves for m in facts.members}
    return {
        person.id: leaves_at
        for person in qualifying
        if (leaves_at := leaves[person.id]) is not None
    }


def _domains(facts: _Facts, qualifying: Iterable[QualifyingPerson]) -> tuple[DomainCoverage, ...]:
    """For each of the eight domains: the qualifying people who provide it, the paid people in
    current contact who provide it, and ``covered`` / ``professional_only`` / ``gap``."""
    refs = facts.refs
    loved = {person.id for person in qualifying}
    providers: dict[Domain, list[PersonRef]] = {domain: [] for domain in _DOMAINS}
    paid_providers: dict[Domain, list[PersonRef]] = {domain: [] for domain in _DOMAINS}
    for m in facts.members:
        if m.id in loved:
            for domain in m.support:
                providers[domain].append(refs[m.id])
        if m.paid and m.living and m.current:
            for domain in m.support:
                paid_providers[domain].append(refs[m.id])
    return tuple(
        DomainCoverage(
            domain,
            _COVERED
            if providers[domain]
            else _PROFESSIONAL_ONLY
            if paid_providers[domain]
            else _GAP,
            tuple(sorted(providers[domain], key=_by_name)),
            tuple(sorted(paid_providers[domain], key=_by_name)),
        )
        for domain in _DOMAINS
    )


def _professional_share(members: Iterable[_Member]) -> float | None:
    """Paid people in current contact / all living people in current contact (None when no
    one is in current contact)."""
    in_contact = paid = 0
    for m in members:
        if m.living and m.current:
            in_contact += 1
            paid += m.paid
    return paid / in_contact if in_contact else None


def _siblings(members: Iterable[_Member]) -> tuple[Sibling, ...]:
    """Each sibling, half- or step-sibling; a gap is one who is living, safe, wanted (``wants``
    or ``unknown``) and out of contact (``lost`` or ``none_yet``). By name."""
    siblings = [
        Sibling(
            m.id,
            m.name,
            m.role,
            m.contact,
            m.safety,
            m.wishes,
            not m.living,
            m.living and m.safety is _SAFE and m.wishes in _WANTED and m.contact in _OUT_OF_CONTACT,
        )
        for m in members
        if m.role in SIBLING_ROLES
    ]
    siblings.sort(key=lambda sibling: (sibling.name, sibling.id))
    return tuple(siblings)


def _route_states(members: Iterable[_Member]) -> dict[str, int]:
    """What each relationship makes of its person in the route graph, which holds the YP and
    every person whose relationship is not ``no_contact``; the YP is joined to each living
    person whose relationship is safe and current (rule 5). A person who has died stays in it
    as a family connection."""
    return {
        m.id: _OUTSIDE
        if m.safety is _NO_CONTACT
        else _DECEASED
        if not m.living
        else _JOINED
        if m.safety is _SAFE and m.current
        else _LIVING
        for m in members
    }


def _lead_candidates(members: Iterable[_Member]) -> list[_LeadCandidate]:
    """The people who are leads for family finding (living; safe or unassessed; wanted; not
    declined or ruled out; identified, located or out of contact), with their ranking key."""
    return [
        (
            (_closeness_rank(m.closeness), KINSHIP_DISTANCE.get(m.role, 4), m.name, m.id),
            m.closeness,
            m.finding,
            m.contact,
        )
        for m in members
        if m.living
        and m.safety in _LEAD_SAFETY
        and m.wishes in _WANTED
        and m.finding not in _FINDING_CLOSED
        and (m.finding in _FINDING_OPEN or m.contact in _OUT_OF_CONTACT)
    ]


def _going_quiet(facts: _Facts, qualifying: Iterable[QualifyingPerson]) -> tuple[GoingQuiet, ...]:
    """Qualifying people last in contact more than 90 days before as_of: longest first."""
    loved = {person.id for person in qualifying}
    quiet = [
        GoingQuiet(m.id, m.name, m.role, m.last_contact, m.days_since)
        for m in facts.members
        if m.id in loved
        and m.last_contact is not None
        and m.days_since is not None
        and m.days_since > QUIET_DAYS
    ]
    quiet.sort(key=lambda item: (-item.days_since_contact, item.name, item.id))
    return tuple(quiet)


def _data_to_complete(members: Iterable[_Member]) -> tuple[DataToComplete, ...]:
    """Living people with no closeness rated by the young person, with safety ``unassessed``,
    or in current contact with no ``last_contact``. By name."""
    to_complete = []
    for m in members:
        if not m.living:
            continue
        unrated = m.closeness is None or not m.by_young_person
        unassessed = m.safety is _UNASSESSED
        undated = m.current and m.last_contact is None
        if unrated or unassessed or undated:
            reasons = (
                (_CLOSENESS_UNRATED,) * unrated
                + (_SAFETY_UNASSESSED,) * unassessed
                + (_LAST_CONTACT_UNKNOWN,) * undated
            )
            to_complete.append(DataToComplete(m.id, m.name, m.role, reasons))
    to_complete.sort(key=lambda item: (item.name, item.id))
    return tuple(to_complete)


def _status(q: int, robust: bool, lowest: int) -> CoverageStatus:
    """RED when the mission is not met now; GREEN when it is, robustly, and still at every
    remaining milestone; AMBER otherwise."""
    if q < MISSION:
        return CoverageStatus.RED
    if robust and lowest >= MISSION:
        return CoverageStatus.GREEN
    return CoverageStatus.AMBER


def _by_closeness(loved: QualifyingPerson) -> tuple[int, str, str]:
    return -loved.closeness, loved.name, loved.id


def _households(
    qualifying: Sequence[QualifyingPerson],
    people: Mapping[str, tuple[str, bool, str | None]],
    members: Mapping[str, Sequence[str]],
    links: Iterable[tuple[str, str, LinkKind]],
) -> tuple[tuple[str, ...], ...]:
    """Qualifying people grouped by household: biggest first, then by their ids.

    Households are the connected components over shared ``household`` ids and ``partner`` /
    ``lives_with`` links between people; someone with neither is a household of one. Only the
    components holding qualifying people are explored.
    """
    if not qualifying:
        return ()
    together: dict[str, list[str]] = {}
    for source, target, kind in links:
        if kind in HOUSEHOLD_LINKS:
            together.setdefault(source, []).append(target)
            together.setdefault(target, []).append(source)
    loved = {person.id for person in qualifying}
    placed: set[str] = set()
    groups = []
    for pid in sorted(loved):
        if pid in placed:
            continue
        placed.add(pid)
        stack = [pid]
        group = []
        while stack:
            node = stack.pop()
            if node in loved:
                group.append(node)
            person = people.get(node)
            household = None if person is None else person[2]
            for other in (*members.get(household, ()), *together.get(node, ())):
                if other not in placed:
                    placed.add(other)
                    stack.append(other)
        group.sort()
        groups.append(tuple(group))
    groups.sort(key=lambda group: (-len(group), group))
    return tuple(groups)


def _forecast(
    date_of_birth: date,
    age: int,
    q: int,
    leaves_at: Mapping[str, int],
    refs: Mapping[str, PersonRef],
) -> tuple[Forecast, ...]:
    """For each milestone M in (18, 21, 25) greater than the current age: the qualifying count
    at D = date of birth + M years, and the people qualifying now who no longer qualify at M.

    Only rule 6 depends on D, and the YP's age at D is M: someone qualifying now stops at M iff
    they are paid, have not committed to continue, and their role ends at an age <= M.
    """
    forecast = []
    for milestone in MILESTONES:
        if milestone <= age:
            continue
        leaving = sorted(
            (refs[pid] for pid, leaves in leaves_at.items() if leaves <= milestone), key=_by_name
        )
        forecast.append(
            Forecast(
                milestone,
                milestone_date(date_of_birth, milestone),
                q - len(leaving),
                tuple(leaving),
            )
        )
    return tuple(forecast)


def _bridges(
    adjacency: _Adjacency, living: Container[str], refs: Mapping[str, PersonRef]
) -> tuple[Bridge, ...]:
    """The living people (other than the YP) whose removal from the route graph disconnects at
    least one other living person from the YP, each with the living people it would cut off.
    Most cut off first, then by name."""
    bridges = []
    for node, cut_off in _cut_off_by(adjacency, YOUNG_PERSON_NODE).items():
        if node not in living:
            continue
        cut_living = [refs[pid] for pid in cut_off if pid in living]
        if cut_living:
            cut_living.sort(key=_by_name)
            bridges.append(Bridge(refs[node], tuple(cut_living)))
    bridges.sort(key=lambda bridge: (-len(bridge.cut_off), bridge.person.name, bridge.person.id))
    return tuple(bridges)


def _leads(
    candidates: list[_LeadCandidate],
    adjacency: _Adjacency,
    members: Iterable[_Member],
    refs: _Refs,
) -> tuple[Lead, ...]:
    """Leads for family finding, ranked by known closeness (higher first, unknown last), then
    kinship distance, then name; each with a possible introducer.

    The introducer: of the living people (other than the lead) joined to the YP in the route
    graph, the one nearest the lead through links between people in the route graph (never
    through the YP); ties go to the higher closeness, then the name; none where no path exists.
    """
    if not candidates:
        return ()
    closeness_of = {m.id: m.closeness for m in members}
    candidates.sort(key=lambda candidate: candidate[0])
    known = refs.known  # id -> (name, role)
    joined = sorted(
        adjacency[YOUNG_PERSON_NODE],
        key=lambda pid: (_closeness_rank(closeness_of[pid]), known[pid][0], pid),
    )
    nearest = _nearest_joined(adjacency, joined)
    rank = {pid: index for index, pid in enumerate(joined)}
    leads = []
    for (_, kinship, _, pid), closeness, finding, contact in candidates:
        found = nearest.get(pid)
        if found is not None and found[0] == pid:
            # The lead is joined to the YP itself: the nearest of the others.
            found = _nearest_other(adjacency, pid, rank)
        introducer = None
        if found is not None:
            best, distance = found
            name, role = known[best]
            introducer = Introducer(best, name, role, closeness_of[best], distance)
        name, role = known[pid]
        leads.append(
            Lead(
                pid,
                name,
                role,
                closeness,
                kinship,
                finding,
                contact,
                introducer,
            )
        )
    return tuple(leads)


# --- the report in words ------------------------------------------------------------------------


def _names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _loving_count(count: int) -> str:
    if count == 0:
        return "no loving relationships"
    return f"{count} loving relationship" + ("" if count == 1 else "s")


def _people(people: Sequence[PersonRef | DataToComplete]) -> str:
    """One person by name, more by number: ``Uncle Ray`` or ``4 people``."""
    return people[0].name if len(people) == 1 else f"{len(people)} people"


def _gaps(
    qualifying: Sequence[QualifyingPerson],
    forecast: Sequence[Forecast],
    households: Sequence[Sequence[str]],
    robust: bool,
    domains: Sequence[DomainCoverage],
    siblings: Sequence[Sibling],
    bridges: Sequence[Bridge],
    going_quiet: Sequence[GoingQuiet],
    to_complete: Sequence[DataToComplete],
    refs: Mapping[str, PersonRef],
) -> Iterable[Gap]:
    """The report in words (docs/scoring.md section 5), most urgent first: the mission, cliff-edge
    losses, robustness, support domains, sibling gaps, bridges, going quiet, data to complete.
    """
    q = len(qualifying)
    loved_ids = tuple(loved.id for loved in qualifying)
    if q == 0:
        yield Gap(GapKind.MISSION, "No loving relationships: the mission is not met.")
    elif q < MISSION:
        names = _names([loved.name for loved in qualifying])
        text = f"Only {_loving_count(q)} ({names}): the mission is not met."
        yield Gap(GapKind.MISSION, text, loved_ids)

    # Cliff edges where fewer than 2 remain, naming only the people who leave at that milestone.
    already: set[str] = set()
    for milestone in forecast:
        leaving = [ref for ref in milestone.leaving if ref.id not in already]
        already.update(ref.id for ref in leaving)
        if leaving and milestone.count < MISSION:
            who = _names([f"{ref.name} ({ROLE_LABELS[ref.role]})" for ref in leaving])
            verb = "leaves" if len(leaving) == 1 else "leave"
            remain = "remains" if milestone.count == 1 else "remain"
            text = f"At {milestone.age}, {who} {verb}: {_loving_count(milestone.count)} {remain}."
            yield Gap(GapKind.CLIFF_EDGE, text, tuple(ref.id for ref in leaving))

    if q >= MISSION and not robust:
        household = households[0]
        names = _names([refs[pid].name for pid in household])
        left = q - len(household)
        only = "only " if left else ""
        text = f"Losing one household ({names}) would leave {only}{_loving_count(left)}."
        yield Gap(GapKind.HOUSEHOLD, text, tuple(household))

    for status in (DomainStatus.GAP, DomainStatus.PROFESSIONAL_ONLY):
        for coverage in domains:
            if coverage.status is status:
                phrase = _DOMAIN_PHRASES[coverage.domain]
                if status is DomainStatus.GAP:
                    text = f"No loving relationship offers {phrase}."
                else:
                    text = f"No one outside paid roles offers {phrase}."
                yield Gap(GapKind.DOMAIN, text, domain=coverage.domain)

    for sibling in siblings:
        if sibling.gap:
            state = "contact lost" if sibling.contact is Contact.LOST else "no contact yet"
            if sibling.wishes is Wishes.WANTS:
                text = f"Sibling {sibling.name}: {state}, {sibling.name} is safe and wanted."
            else:
                text = (
                    f"Sibling {sibling.name}: {state}, {sibling.name} is safe; ask whether the "
                    "young person wants contact."
                )
            yield Gap(GapKind.SIBLING, text, (sibling.id,))

    for bridge in bridges:
        text = f"{bridge.person.name} is the only link to {_people(bridge.cut_off)}."
        yield Gap(GapKind.BRIDGE, text, (bridge.person.id, *(ref.id for ref in bridge.cut_off)))

    for quiet in going_quiet:
        text = f"No contact with {quiet.name} for {quiet.days_since_contact} days: check in."
        yield Gap(GapKind.GOING_QUIET, text, (quiet.id,))

    for reason, kind, template in (
        (
            DataReason.CLOSENESS_UNRATED,
            GapKind.CLOSENESS_UNRATED,
            "Ask the young person how close they feel to {}.",
        ),
        (
            DataReason.SAFETY_UNASSESSED,
            GapKind.SAFETY_UNASSESSED,
            "Assess whether contact with {} is safe.",
        ),
        (
            DataReason.LAST_CONTACT_UNKNOWN,
            GapKind.LAST_CONTACT_UNKNOWN,
            "Record when the young person last had contact with {}.",
        ),
    ):
        listed = [item for item in to_complete if reason in item.reasons]
        if listed:
            yield Gap(kind, template.format(_people(listed)), tuple(item.id for item in listed))
