"""The demo shows siblings placed apart and a Mockingbird constellation on first start: from the
fixed seed, siblings marked as the young people they are, young people's households, hub carers."""

from __future__ import annotations

from datetime import date

from connections import demo
from connections.constellations import CareLink, constellations
from connections.model import CARER_ROLES, SIBLING_ROLES, Role, parse_network
from connections.siblings import Placement, SiblingRecord, siblings_apart

AS_OF = date(2026, 11, 22)


def test_the_default_demo_has_siblings_apart_and_a_hub_constellation() -> None:
    networks = list(demo.generate(60, 2026, AS_OF))  # `connections demo`'s defaults
    for network in networks:
        parse_network(network.to_document())  # still valid documents
    ids = {n.young_person.id for n in networks}
    placements, links, records, care = {}, [], [], []
    for network in networks:
        yp = network.young_person
        placements[yp.id] = Placement(yp.id, yp.name, yp.status, yp.household)
        people = {p.id: p for p in network.people}
        for r in network.relationships:
            person = people[r.person_id]
            if person.young_person_id is not None:
                assert person.young_person_id in ids and person.young_person_id != yp.id
                if r.role in SIBLING_ROLES:
                    links.append((yp.id, person.young_person_id, "marked"))
                    records.append(
                        SiblingRecord(
                            yp.id, person.young_person_id, person.id, r.role, r.contact,
                            r.last_contact, r.wishes, r.safety,
                        )
                    )  # fmt: skip
            if r.role in CARER_ROLES:
                care.append(
                    CareLink(
                        yp.id, yp.name, yp.status, yp.household, person.id, person.name,
                        person.household, r.role,
                    )
                )  # fmt: skip
    assert sum(n.young_person.household is not None for n in networks) >= 30
    assert len(siblings_apart(links, placements, records, AS_OF)) >= 2
    hubs = [c for c in constellations(care) if c.hub_carers]
    assert hubs and len(hubs[0].young_people) >= 6
    assert {c.id for c in hubs[0].hub_carers} <= {"p-hub-1", "p-hub-2"}


def test_the_same_seed_gives_the_same_hubs() -> None:
    def hub_rows(seed: int) -> list[tuple[str, str]]:
        return [
            (n.young_person.id, r.person_id)
            for n in demo.generate(40, seed, AS_OF)
            for r in n.relationships
            if r.role is Role.HUB_CARER
        ]

    assert hub_rows(7) == hub_rows(7) and hub_rows(7)
