"""The demo's siblings placed apart and Mockingbird constellations, added to the generated
networks as they stream past (deterministic: no randomness of its own beyond a seeded stream).

- A young person of a sibling group already stands in their siblings' networks as the person
  ``p-<their young person id>``: that person is marked as being them
  (:attr:`connections.model.Person.young_person_id`), so the siblings-apart list links them.
- Each young person in foster care or supported lodgings lives in their carers' household
  (:attr:`connections.model.YoungPerson.household`): siblings fostered apart are seen apart.
- The first foster households met are grouped :data:`HUB_HOMES` at a time around a Mockingbird
  hub home (:data:`HUBS` of them): every young person fostered in one of those households has the
  hub carer in their network, in the role ``hub_carer``, so the constellation page draws them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from connections.model import (
    Category,
    Network,
    Person,
    Relationship,
    Role,
    YoungPersonStatus,
    parse,
)

#: Hub homes in the demo, and the fostering households around each.
HUBS: Final = 2
HUB_HOMES: Final = 6
#: Invented names of the hub carers (one per hub).
HUB_CARER_NAMES: Final = ("Hana Okonjo-Reyes", "Bryony Castellane")
#: The roles whose household a young person lives in, in this order.
_HOME_ROLES: Final = (Role.FOSTER_CARER, Role.SUPPORTED_LODGINGS_HOST)
_SIBLING_PREFIX: Final = "p-yp-"


@dataclass
class _Hubs:
    rng: random.Random
    as_of: date
    #: Foster household id -> the hub (0-based) it belongs to.
    homes: dict[str, int] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)

    def hub_for(self, household: str) -> Person | None:
        """The hub carer of this foster household: a new household joins the hub being filled
        while there is room."""
        if household not in self.homes:
            hub = len(self.homes) // HUB_HOMES
            if hub >= HUBS:
                return None
            self.homes[household] = hub
            if hub == len(self.people):
                self.people.append(
                    parse(
                        Person,
                        {
                            "id": f"p-hub-{hub + 1}",
                            "name": HUB_CARER_NAMES[hub],
                            "category": Category.CARER.value,
                            "household": f"h-hub-{hub + 1}",
                        },
                    )
                )
        return self.people[self.homes[household]]

    def relationship(self, hub: Person) -> Relationship:
        """A young person's relationship with their hub carer: a paid carer they see often,
        whom most feel close to (sleepovers, the hub's get-togethers)."""
        rng = self.rng
        rated = rng.random() < 0.7
        return parse(
            Relationship,
            {
                "person_id": hub.id,
                "role": Role.HUB_CARER.value,
                "closeness": rng.choice((2, 3, 3, 4)) if rated else None,
                "closeness_rated_by": "young_person" if rated else None,
                "safety": "safe",
                "wishes": "wants",
                "contact": "active",
                "last_contact": (self.as_of - timedelta(days=rng.randint(3, 40))).isoformat(),
                "paid": True,
                "role_ends_at_age": 18,
                "continues_beyond_role": rng.random() < 0.3,
                "support": ["emotional", "practical", "somewhere_to_stay", "celebrations"],
            },
        )


def with_constellations(
    networks: Iterable[Network], seed: int, as_of: date, *, hubs: bool = True
) -> Iterator[Network]:
    """The networks with siblings marked, young people's households and (with ``hubs``)
    Mockingbird hubs."""
    made = _Hubs(random.Random(f"constellations-{seed}"), as_of)
    for network in networks:
        yield _placed(network, made if hubs else None)


def _placed(network: Network, hubs: _Hubs | None) -> Network:
    people = {person.id: person for person in network.people}
    roles = {r.person_id: r.role for r in network.relationships}
    home = next(
        (
            people[pid].household
            for role in _HOME_ROLES
            for pid, held in sorted(roles.items())
            if held is role and people[pid].household
        ),
        None,
    )
    marked = [
        person.model_copy(update={"young_person_id": person.id.removeprefix("p-")})
        if person.id.startswith(_SIBLING_PREFIX)
        else person
        for person in network.people
    ]
    relationships = list(network.relationships)
    fostered = network.young_person.status is YoungPersonStatus.IN_CARE and any(
        role is Role.FOSTER_CARER for role in roles.values()
    )
    if hubs is not None and fostered and home is not None:
        hub = hubs.hub_for(home)
        if hub is not None and hub.id not in people:
            marked.append(hub)
            relationships.append(hubs.relationship(hub))
    young_person = network.young_person
    if home is not None:
        young_person = young_person.model_copy(update={"household": home})
    return network.model_copy(
        update={"young_person": young_person, "people": marked, "relationships": relationships}
    )
