"""The network as the core reads it: plain, frozen values.

Pydantic models (:mod:`connections.model`) are the edges: they parse and check what comes in
(documents, forms, the API) and write documents out. Scoring, the kept cohort rows and the to-do
list only read, and a cohort reads hundreds of thousands of networks, so the store gives them
these instead (``Store.networks_for_scoring``): slotted dataclasses built straight from its rows,
with the same field names as the models, and nothing validated twice.

:func:`from_model` turns a model into values (what :func:`connections.scoring.score` does with a
model it is given); :func:`to_model` turns values back into a model for the pages that draw and
print a report, with the fields the values do not hold (addresses, free-text notes, the contact
log) empty.

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
>>> back = to_model(values)
>>> back.people[0].address, back.relationships[0].notes, back.relationships[0].role.value
('', '', 'grandparent')
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Final

from connections.model import (
    Category,
    Contact,
    Domain,
    FindingStatus,
    Link,
    LinkKind,
    Network,
    Person,
    RatedBy,
    Relationship,
    Restriction,
    RestrictionKind,
    RestrictionScope,
    Role,
    Safety,
    Side,
    Wishes,
    YoungPerson,
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
    "to_model",
]


@dataclass(frozen=True, slots=True)
class YoungPersonValue:
    id: str
    name: str
    date_of_birth: date
    status: YoungPersonStatus
    household: str | None


@dataclass(frozen=True, slots=True)
class PersonValue:
    id: str
    name: str
    category: Category
    deceased: bool
    household: str | None
    young_person_id: str | None


@dataclass(frozen=True, slots=True)
class RelationshipValue:
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


@dataclass(frozen=True, slots=True)
class LinkValue:
    source: str
    target: str
    kind: LinkKind


@dataclass(frozen=True, slots=True)
class RestrictionValue:
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


@dataclass(frozen=True, slots=True)
class NetworkValue:
    """One young person's network without its free text, addresses or contact log."""

    young_person: YoungPersonValue
    people: tuple[PersonValue, ...]
    relationships: tuple[RelationshipValue, ...]
    links: tuple[LinkValue, ...]
    restrictions: tuple[RestrictionValue, ...]


def _names(value_type: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(value_type))


_YOUNG_PERSON: Final = _names(YoungPersonValue)
_PERSON: Final = _names(PersonValue)
_RELATIONSHIP: Final = _names(RelationshipValue)
_LINK: Final = _names(LinkValue)
_RESTRICTION: Final = _names(RestrictionValue)


def _read(entity: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(entity, name) for name in names}


def from_model(network: Network | NetworkValue) -> NetworkValue:
    """The values of ``network`` (itself when it already is values)."""
    if isinstance(network, NetworkValue):
        return network
    return NetworkValue(
        YoungPersonValue(**_read(network.young_person, _YOUNG_PERSON)),
        tuple(PersonValue(**_read(person, _PERSON)) for person in network.people),
        tuple(
            RelationshipValue(
                **{**_read(relationship, _RELATIONSHIP), "support": tuple(relationship.support)}
            )
            for relationship in network.relationships
        ),
        tuple(LinkValue(**_read(link, _LINK)) for link in network.links),
        tuple(RestrictionValue(**_read(item, _RESTRICTION)) for item in network.restrictions),
    )


def _model(model: type[Any], values: dict[str, Any]) -> Any:
    """A model from already valid values, unchecked (pydantic's ``model_construct``): the
    fields the values do not hold take their defaults, and count as given, as a whole network
    read from the store does."""
    return model.model_construct(set(model.model_fields), **values)


def to_model(network: NetworkValue) -> Network:
    """The model of ``network``: what the report pages draw and print. Never save it: the
    addresses, notes and contact log it lacks would read as emptied, not unchanged."""
    return _model(
        Network,
        {
            "young_person": _model(YoungPerson, _read(network.young_person, _YOUNG_PERSON)),
            "people": [_model(Person, _read(person, _PERSON)) for person in network.people],
            "relationships": [
                _model(
                    Relationship,
                    {**_read(relationship, _RELATIONSHIP), "support": list(relationship.support)},
                )
                for relationship in network.relationships
            ],
            "links": [_model(Link, _read(link, _LINK)) for link in network.links],
            "restrictions": [
                _model(Restriction, _read(item, _RESTRICTION)) for item in network.restrictions
            ],
        },
    )
