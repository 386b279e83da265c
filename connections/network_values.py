"""The network as the core reads it: plain, immutable values.

Pydantic models (:mod:`connections.model`) are the edges: they parse and check what comes in
(documents, forms, the API) and write documents out. Scoring, the kept cohort rows and the to-do
list only read, and a cohort reads hundreds of thousands of networks, so the store gives them
these instead (``Store.networks_for_scoring``): named tuples built straight from its rows, with
the same field names as the models, and nothing validated twice. (Named tuples rather than
frozen dataclasses: a frozen dataclass of 15 fields takes eight times as long to make.)

:func:`from_model` gives a model's values: what :func:`connections.scoring.score` does first
with a model it is given.

>>> from connections.model import parse_network
>>> network = parse_network({
...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
...                      "status": "in_care"},
...     "people": [{"id": "rose", "name": "Rose", "category": "family", "address": "1 Lane"}],
...     "relationships": [{"person_id": "rose", "role": "grandparent", "notes": "Sundays"}],
... })
>>> values = from_model(network)
>>> values.relationships[0].role, values.people[0].name
(<Role.GRANDPARENT: 'grandparent'>, 'Rose')
>>> from_model(values) is values
True
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from connections.model import (
    Category,
    Contact,
    Domain,
    FindingStatus,
    LinkKind,
    Network,
    RatedBy,
    RestrictionKind,
    RestrictionScope,
    Role,
    Safety,
    Side,
    Wishes,
    YoungPersonStatus,
)

__all__ = [
    "LinkValue",
    "NetworkValue",
    "PersonValue",
    "RelationshipValue",
    "RestrictionValue",
    "YoungPersonValue",
    "from_model",
]


class YoungPersonValue(NamedTuple):
    id: str
    name: str
    date_of_birth: date
    status: YoungPersonStatus
    household: str | None


class PersonValue(NamedTuple):
    id: str
    name: str
    category: Category
    deceased: bool
    household: str | None
    young_person_id: str | None


class RelationshipValue(NamedTuple):
    person_id: str
    role: Role
    closeness: int | None
    closeness_rated_by: RatedBy | None
    safety: Safety
    wishes: Wishes
    contact: Contact
    last_contact: date | None
    paid: bool
    role_ends_at_age: int | None
    continues_beyond_role: bool
    support: tuple[Domain, ...]
    finding_status: FindingStatus | None
    hide_in_conference: bool
    side: Side | None


class LinkValue(NamedTuple):
    source: str
    target: str
    kind: LinkKind


class RestrictionValue(NamedTuple):
    id: str
    person_id: str
    kind: RestrictionKind
    scope: RestrictionScope
    starts: date
    ends: date | None
    review_by: date | None

    def active_on(self, day: date) -> bool:
        """In force on ``day``: started, and not ended before it (as
        :meth:`connections.model.Restriction.active_on`)."""
        return self.starts <= day and (self.ends is None or self.ends >= day)


class NetworkValue(NamedTuple):
    """One young person's network without its free text, addresses or contact log."""

    young_person: YoungPersonValue
    people: tuple[PersonValue, ...]
    relationships: tuple[RelationshipValue, ...]
    links: tuple[LinkValue, ...]
    restrictions: tuple[RestrictionValue, ...]


def from_model(network: Network | NetworkValue) -> NetworkValue:
    """The values of ``network`` (itself when it already is values)."""
    if isinstance(network, NetworkValue):
        return network
    young_person = network.young_person
    return NetworkValue(
        YoungPersonValue(
            young_person.id,
            young_person.name,
            young_person.date_of_birth,
            young_person.status,
            young_person.household,
        ),
        tuple(
            PersonValue(p.id, p.name, p.category, p.deceased, p.household, p.young_person_id)
            for p in network.people
        ),
        tuple(
            RelationshipValue(
                r.person_id,
                r.role,
                r.closeness,
                r.closeness_rated_by,
                r.safety,
                r.wishes,
                r.contact,
                r.last_contact,
                r.paid,
                r.role_ends_at_age,
                r.continues_beyond_role,
                tuple(r.support),
                r.finding_status,
                r.hide_in_conference,
                r.side,
            )
            for r in network.relationships
        ),
        tuple(LinkValue(link.source, link.target, link.kind) for link in network.links),
        tuple(
            RestrictionValue(r.id, r.person_id, r.kind, r.scope, r.starts, r.ends, r.review_by)
            for r in network.restrictions
        ),
    )
