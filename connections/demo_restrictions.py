"""Restrictions on contact for the demo data (docs/restrictions.md).

A few young people (every fifth, from the third) get one restriction each on a relative, in turn
of every kind and scope, with dates relative to ``as_of`` chosen so that the demo shows every
state: in force, ended, past its review date, and a council's refusal older than 7 days without a
court order. Deterministic: the choices come from a
random stream of their own (from the seed), so the networks themselves are unchanged.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Final

from connections.model import Network, Restriction, RestrictionKind, RestrictionScope, Role

#: Every fifth young person, from the third, gets a restriction.
EVERY: Final = 5
FIRST: Final = 2

_RELATIVES: Final = (
    Role.MOTHER,
    Role.FATHER,
    Role.AUNT_UNCLE,
    Role.GRANDPARENT,
    Role.OTHER_RELATIVE,
    Role.COUSIN,
)

#: (kind, scope, starts, ends, review_by, source): days before (-) or after as_of.
_PLAN: Final[
    tuple[tuple[RestrictionKind, RestrictionScope, int, int | None, int | None, str], ...]
] = (
    (
        RestrictionKind.S34_REFUSAL,
        RestrictionScope.NO_CONTACT,
        -12,
        None,
        None,
        "Decision of the team manager",
    ),
    (
        RestrictionKind.S34_ORDER,
        RestrictionScope.NO_CONTACT,
        -400,
        None,
        180,
        "Family Court ZE25C00412",
    ),
    (
        RestrictionKind.CHILD_ARRANGEMENTS_ORDER,
        RestrictionScope.SUPERVISED,
        -200,
        None,
        -10,
        "Family Court ZE25C00977",
    ),
    (
        RestrictionKind.PROHIBITED_STEPS_ORDER,
        RestrictionScope.ADDRESS_WITHHELD,
        -300,
        None,
        None,
        "Family Court ZE25C00318",
    ),
    (
        RestrictionKind.NON_MOLESTATION_ORDER,
        RestrictionScope.NO_CONTACT,
        -500,
        -30,
        None,
        "Family Court ZE24F01123",
    ),
    (
        RestrictionKind.CP_PLAN_CONDITION,
        RestrictionScope.SUPERVISED,
        -90,
        None,
        60,
        "Child protection conference",
    ),
    (
        RestrictionKind.YOUNG_PERSON_REQUEST,
        RestrictionScope.NO_CONTACT,
        -45,
        None,
        None,
        "Asked at the review",
    ),
    (RestrictionKind.OTHER, RestrictionScope.ADDRESS_WITHHELD, -20, None, 90, "Police advice"),
)


def with_restrictions(networks: Iterable[Network], seed: int, as_of: date) -> Iterator[Network]:
    """The networks, a few of them with a restriction added. (Sides of the family come from the
    generator itself, for the relatives whose side it knows; parents have none.)"""
    rng = random.Random(f"restrictions-{seed}")
    chosen = 0
    for index, network in enumerate(networks):
        if index % EVERY != FIRST:
            yield network
            continue
        deceased = {person.id for person in network.people if person.deceased}
        relatives = [
            r for r in network.relationships if r.role in _RELATIVES and r.person_id not in deceased
        ]
        if not relatives:
            yield network
            continue
        kind, scope, starts, ends, review_by, source = _PLAN[chosen % len(_PLAN)]
        chosen += 1
        person_id = relatives[rng.randrange(len(relatives))].person_id
        restriction = Restriction(
            id=f"r-{network.young_person.id}-1",
            person_id=person_id,
            kind=kind,
            scope=scope,
            starts=as_of + timedelta(days=starts),
            ends=None if ends is None else as_of + timedelta(days=ends),
            review_by=None if review_by is None else as_of + timedelta(days=review_by),
            source=source,
            note="Demo data: an invented restriction.",
        )
        yield network.model_copy(update={"restrictions": [restriction]})
