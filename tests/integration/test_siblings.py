"""Siblings placed apart against the real Neo4j: the links and members the store reads for a
cohort counted by hand, a person marked as another young person (checked, all or nothing) and a
young person's household (kept when a document does not say)."""

from __future__ import annotations

from typing import Any

import pytest

from connections import siblings
from connections.model import InvalidInput, parse_network
from connections.store import StaleEdit, Store
from tests.conftest import AS_OF


def rel(pid: str, role: str, **fields: Any) -> dict[str, Any]:
    return {"person_id": pid, "role": role, "safety": "safe", "wishes": "wants", **fields}


def document(
    yp: str,
    household: str | None,
    relationships: list[dict[str, Any]],
    marks: dict[str, str] | None = None,
    status: str = "in_care",
) -> dict[str, Any]:
    marks = marks or {}
    young_person: dict[str, Any] = {
        "id": yp,
        "name": yp.removeprefix("yp-").title(),
        "date_of_birth": "2012-01-01",
        "status": status,
    }
    if household is not None:
        young_person["household"] = household
    people = []
    for r in relationships:
        person: dict[str, Any] = {
            "id": r["person_id"],
            "name": r["person_id"],
            "category": "family",
        }
        if r["person_id"] in marks:
            person["young_person_id"] = marks[r["person_id"]]
        people.append(person)
    return {"young_person": young_person, "people": people, "relationships": relationships}


@pytest.fixture
def cohort(store: Store) -> None:
    # amy (h-a) and bo (h-b), in care: amy's brother p-bo is bo, bo's sister p-amy is amy.
    # cy, a care leaver, has the same mother as amy. eve and fin share a father and one home.
    # dee has no siblings. One group apart: amy, bo, cy.
    store.save_networks(
        [
            parse_network(document(yp, None, []))
            for yp in ("yp-amy", "yp-bo", "yp-cy", "yp-dee", "yp-eve", "yp-fin")
        ]
    )
    docs = [
        document(
            "yp-amy",
            "h-a",
            [rel("p-bo", "sibling", contact="lost"), rel("p-mum", "mother")],
            {"p-bo": "yp-bo"},
        ),
        document(
            "yp-bo",
            "h-b",
            [rel("p-amy", "half_sibling", contact="active", last_contact="2026-11-20")],
            {"p-amy": "yp-amy"},
        ),
        document("yp-cy", None, [rel("p-mum", "mother")], status="care_leaver"),
        document("yp-dee", "h-a", [rel("p-aunt", "aunt_uncle")]),
        document("yp-eve", "h-x", [rel("p-dad", "father")]),
        document("yp-fin", "h-x", [rel("p-dad", "father")]),
    ]
    for doc in docs:
        store.save_network(parse_network(doc))


def test_links_and_members_as_counted_by_hand(cohort: None, store: Store) -> None:
    links = store.sibling_links()
    assert sorted(links) == [
        ("yp-amy", "yp-bo", "marked"),
        ("yp-amy", "yp-cy", "mother"),
        ("yp-bo", "yp-amy", "marked"),
        ("yp-eve", "yp-fin", "father"),
    ]
    placements, records = store.sibling_members(["yp-amy", "yp-bo", "yp-cy"])
    assert {p.id: p.household for p in placements.values()} == {
        "yp-amy": "h-a",
        "yp-bo": "h-b",
        "yp-cy": None,
    }
    assert sorted((r.young_person_id, r.sibling_id, r.contact.value) for r in records) == [
        ("yp-amy", "yp-bo", "lost"),
        ("yp-bo", "yp-amy", "active"),
    ]


def test_one_group_apart_with_five_gaps(cohort: None, store: Store) -> None:
    (group,) = siblings.from_store(store, AS_OF)
    assert [m.id for m in group.members] == ["yp-amy", "yp-bo", "yp-cy"]
    assert (group.in_care, group.households) == (2, 2)
    gaps = {(c.young_person.id, c.sibling.id) for c in group.contacts if c.gap}
    # Only bo's record of amy (active) is no gap.
    assert len(group.contacts) == 6 and ("yp-bo", "yp-amy") not in gaps
    assert group.gaps == 5


def test_a_household_is_kept_when_a_document_does_not_say(cohort: None, store: Store) -> None:
    store.save_network(parse_network(document("yp-dee", None, [rel("p-aunt", "aunt_uncle")])))
    assert store.load_network("yp-dee").young_person.household == "h-a"
    assert store.load_network("yp-amy").person("p-bo").young_person_id == "yp-bo"
    # A person in a document without the field stays marked too.
    store.save_network(parse_network(document("yp-amy", "h-a", [rel("p-bo", "sibling")])))
    assert store.load_network("yp-amy").person("p-bo").young_person_id == "yp-bo"


def test_a_young_person_unknown_or_holding_the_person_is_refused(
    cohort: None, store: Store
) -> None:
    before = store.load_network("yp-dee").to_document()
    unknown = document("yp-dee", "h-z", [rel("p-kai", "sibling")], {"p-kai": "yp-nobody"})
    with pytest.raises(InvalidInput) as refused:
        store.save_network(parse_network(unknown))
    assert str(refused.value) == (
        'people[0].young_person_id: "yp-nobody" is not a young person known to the service'
    )
    # p-mum is in amy's own network: she cannot be amy.
    mum = document("yp-dee", None, [rel("p-mum", "other_relative")], {"p-mum": "yp-amy"})
    with pytest.raises(InvalidInput, match=r"people\[0\]\.young_person_id: .*own network"):
        store.save_network(parse_network(mum))
    assert store.load_network("yp-dee").to_document() == before  # nothing written


def test_a_person_is_not_the_network_own_young_person() -> None:
    doc = document("yp-amy", None, [rel("p-me", "sibling")], {"p-me": "yp-amy"})
    with pytest.raises(InvalidInput, match=r"^people\[0\]\.young_person_id: "):
        parse_network(doc)


def test_marking_checks_the_version_and_the_young_person(cohort: None, store: Store) -> None:
    person = store.load_network("yp-dee").person("p-aunt")
    with pytest.raises(InvalidInput, match="young_person_id: .*cannot be that young person"):
        store.mark_young_person("yp-dee", "p-aunt", "yp-dee", person.version)
    with pytest.raises(InvalidInput, match='"yp-gone" is not a young person'):
        store.mark_young_person("yp-dee", "p-aunt", "yp-gone", person.version)
    with pytest.raises(StaleEdit):
        store.mark_young_person("yp-dee", "p-aunt", "yp-eve", person.version - 1)
    assert store.load_network("yp-dee").person("p-aunt").young_person_id is None
    version = store.mark_young_person("yp-dee", "p-aunt", "yp-eve", person.version)
    assert version == person.version + 1
    assert store.load_network("yp-dee").person("p-aunt").young_person_id == "yp-eve"
