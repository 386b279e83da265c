"""Restrictions on contact, and the effective safety they give (docs/scoring.md, restrictions).

A restriction (a court order, a council's decision, the young person's own request) belongs to one
young person's relationship with one person. It is **active** on a day when it has started and
not ended. The **effective safety** of a relationship is the most restrictive of its recorded
``safety`` and the scopes of its active restrictions, in the order
``safe`` < ``unassessed`` < ``supervised`` < ``no_contact``; ``address_withheld`` does not change
it. Scoring, leads, sibling gaps, the route graph and every audience's projection use effective
safety: scoring applies :func:`imposed_safety` as it reads a network; the projections start from
:func:`with_effective_safety`.

Pure functions of a network (a model, or the plain values of
:mod:`connections.network_values` where a function says so): no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, TypeVar

from connections.model import (
    Network,
    Restriction,
    RestrictionKind,
    RestrictionScope,
    Safety,
)
from connections.network_values import NetworkValue, RestrictionValue

RestrictionT = TypeVar("RestrictionT", Restriction, RestrictionValue)

#: Safety from least to most restrictive.
SAFETY_ORDER: Final[Mapping[Safety, int]] = {
    Safety.SAFE: 0,
    Safety.UNASSESSED: 1,
    Safety.SUPERVISED: 2,
    Safety.NO_CONTACT: 3,
}

#: The safety a restriction's scope imposes (``address_withheld`` imposes none).
SCOPE_SAFETY: Final[Mapping[RestrictionScope, Safety]] = {
    RestrictionScope.NO_CONTACT: Safety.NO_CONTACT,
    RestrictionScope.SUPERVISED: Safety.SUPERVISED,
}

#: A council may refuse contact under section 34(6) for up to 7 days; longer needs the court.
S34_REFUSAL_DAYS: Final = 7

#: The orders a court makes (a council's own refusal is not one).
COURT_ORDERS: Final = frozenset(
    {
        RestrictionKind.S34_ORDER,
        RestrictionKind.CHILD_ARRANGEMENTS_ORDER,
        RestrictionKind.PROHIBITED_STEPS_ORDER,
        RestrictionKind.NON_MOLESTATION_ORDER,
    }
)


def most_restrictive(first: Safety, second: Safety) -> Safety:
    """The more restrictive of two safeties.

    >>> most_restrictive(Safety.SAFE, Safety.SUPERVISED)
    <Safety.SUPERVISED: 'supervised'>
    >>> most_restrictive(Safety.NO_CONTACT, Safety.UNASSESSED)
    <Safety.NO_CONTACT: 'no_contact'>
    """
    return first if SAFETY_ORDER[first] >= SAFETY_ORDER[second] else second


def active(restrictions: Iterable[RestrictionT], as_of: date) -> list[RestrictionT]:
    """The restrictions in force on ``as_of``."""
    return [restriction for restriction in restrictions if restriction.active_on(as_of)]


def imposed_safety(
    restrictions: Iterable[Restriction | RestrictionValue], as_of: date
) -> dict[str, Safety]:
    """Person id -> the most restrictive safety their active restrictions impose (people whose
    active restrictions impose none, such as ``address_withheld`` alone, are left out)."""
    imposed: dict[str, Safety] = {}
    for restriction in active(restrictions, as_of):
        safety = SCOPE_SAFETY.get(restriction.scope)
        if safety is not None:
            held = imposed.get(restriction.person_id)
            imposed[restriction.person_id] = (
                safety if held is None else most_restrictive(held, safety)
            )
    return imposed


def effective_safeties(network: Network | NetworkValue, as_of: date) -> dict[str, Safety]:
    """Person id -> the effective safety of the young person's relationship with them."""
    imposed = imposed_safety(network.restrictions, as_of)
    return {
        relationship.person_id: most_restrictive(
            relationship.safety, imposed.get(relationship.person_id, Safety.SAFE)
        )
        for relationship in network.relationships
    }


def with_effective_safety(network: Network, as_of: date) -> Network:
    """The network with each relationship's ``safety`` replaced by its effective safety on
    ``as_of``; the network itself when no active restriction changes anything (the usual case,
    so scoring a cohort pays nothing for restrictions it does not have).

    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "ray", "name": "Ray", "category": "family"}],
    ...     "relationships": [{"person_id": "ray", "role": "father", "safety": "safe"}],
    ...     "restrictions": [{"id": "r1", "person_id": "ray", "kind": "s34_order",
    ...                       "scope": "no_contact", "starts": "2026-03-01"}],
    ... })
    >>> with_effective_safety(network, date(2026, 3, 1)).relationships[0].safety
    <Safety.NO_CONTACT: 'no_contact'>
    >>> with_effective_safety(network, date(2026, 2, 28)) is network
    True
    """
    imposed = imposed_safety(network.restrictions, as_of)
    if not imposed:
        return network
    relationships = []
    changed = False
    for relationship in network.relationships:
        safety = imposed.get(relationship.person_id)
        if safety is not None and most_restrictive(relationship.safety, safety) is not (
            relationship.safety
        ):
            relationship = relationship.model_copy(update={"safety": safety})
            changed = True
        relationships.append(relationship)
    if not changed:
        return network
    return network.model_copy(update={"relationships": relationships})


def address_withheld_from(network: Network, as_of: date) -> set[str]:
    """The people from whom the young person's and their carers' addresses must be withheld:
    those with an active ``address_withheld`` restriction."""
    return {
        restriction.person_id
        for restriction in active(network.restrictions, as_of)
        if restriction.scope is RestrictionScope.ADDRESS_WITHHELD
    }


@dataclass(frozen=True, slots=True)
class ToReview:
    """A restriction that needs a decision, and why, in words."""

    restriction: Restriction | RestrictionValue
    person_name: str
    reason: str
    due: date  # the day it became due for review


def to_review(network: Network | NetworkValue, as_of: date) -> list[ToReview]:
    """Restrictions that are not ended and need review on ``as_of``: those past their
    ``review_by`` date, and a council's ``s34_refusal`` in force for more than 7 days with no
    court order for the same person (the refusal lasts at most 7 days; longer needs the court).
    Most overdue first.

    >>> from connections.model import parse_network
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "ray", "name": "Ray Example", "category": "family"}],
    ...     "relationships": [{"person_id": "ray", "role": "father"}],
    ...     "restrictions": [{"id": "r1", "person_id": "ray", "kind": "s34_refusal",
    ...                       "scope": "no_contact", "starts": "2026-03-01"}],
    ... })
    >>> [item.reason for item in to_review(network, date(2026, 3, 8))]
    []
    >>> print(to_review(network, date(2026, 3, 12))[0].reason)  # doctest: +NORMALIZE_WHITESPACE
    The council's refusal of contact with Ray Example (section 34(6)) has lasted 11 days
    without a court order: it may last 7 days at most.
    """
    names = {person.id: person.name for person in network.people}
    orders = {
        restriction.person_id
        for restriction in active(network.restrictions, as_of)
        if restriction.kind in COURT_ORDERS
    }
    due: list[tuple[date, str, ToReview]] = []
    for restriction in network.restrictions:
        if restriction.ends is not None and restriction.ends < as_of:
            continue
        name = names.get(restriction.person_id, restriction.person_id)
        if (
            restriction.kind is RestrictionKind.S34_REFUSAL
            and restriction.person_id not in orders
            and as_of - restriction.starts > timedelta(days=S34_REFUSAL_DAYS)
        ):
            days = (as_of - restriction.starts).days
            reason = (
                f"The council's refusal of contact with {name} (section 34(6)) has lasted "
                f"{days} days without a court order: it may last {S34_REFUSAL_DAYS} days at most."
            )
            since = restriction.starts + timedelta(days=S34_REFUSAL_DAYS)
            due.append((since, restriction.id, ToReview(restriction, name, reason, since)))
        elif restriction.review_by is not None and restriction.review_by < as_of:
            reason = (
                f"The {words(restriction.kind)} restricting contact with {name} was due for "
                f"review on {restriction.review_by.isoformat()}."
            )
            due.append(
                (
                    restriction.review_by,
                    restriction.id,
                    ToReview(restriction, name, reason, restriction.review_by),
                )
            )
    due.sort(key=lambda item: (item[0], item[1]))
    return [item for *_, item in due]


KIND_WORDS: Final[Mapping[RestrictionKind, str]] = {
    RestrictionKind.S34_REFUSAL: "council's refusal of contact (section 34(6))",
    RestrictionKind.S34_ORDER: "section 34 contact order",
    RestrictionKind.CHILD_ARRANGEMENTS_ORDER: "child arrangements order",
    RestrictionKind.PROHIBITED_STEPS_ORDER: "prohibited steps order",
    RestrictionKind.NON_MOLESTATION_ORDER: "non-molestation order",
    RestrictionKind.CP_PLAN_CONDITION: "child protection plan condition",
    RestrictionKind.YOUNG_PERSON_REQUEST: "young person's request",
    RestrictionKind.OTHER: "restriction",
}

SCOPE_WORDS: Final[Mapping[RestrictionScope, str]] = {
    RestrictionScope.NO_CONTACT: "no contact",
    RestrictionScope.SUPERVISED: "supervised contact only",
    RestrictionScope.ADDRESS_WITHHELD: "addresses withheld",
}


def words(kind: RestrictionKind) -> str:
    """What a restriction of ``kind`` is, in words.

    >>> words(RestrictionKind.PROHIBITED_STEPS_ORDER)
    'prohibited steps order'
    """
    return KIND_WORDS[kind]
