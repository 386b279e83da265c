"""The store against a real Neo4j: schema, CRUD of every entity, sharing, stale edits."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from connections.model import InvalidInput, revise
from connections.store import AlreadyExists, NotFound, StaleEdit, Store
from tests import factories as f


def _counts(store: Store) -> dict[str, int]:
    return {
        label: store.driver.execute_query(
            "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS c",
            label=label,
            database_=store.database,
        ).records[0]["c"]
        for label in ("YoungPerson", "Person", "ContactEntry")
    }


def test_schema_is_idempotent(store: Store) -> None:
    first = store.apply_schema()
    second = store.apply_schema()
    assert first == second
    constraints = store.driver.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", database_=store.database
    ).records[0]["names"]
    assert {"young_person_id_unique", "person_id_unique", "contact_entry_id_unique"} <= set(
        constraints
    )
    indexes = store.driver.execute_query(
        "SHOW INDEXES YIELD name RETURN collect(name) AS names", database_=store.database
    ).records[0]["names"]
    assert {"person_household", "young_person_name"} <= set(indexes)


def test_young_person_crud(store: Store) -> None:
    created = store.create_young_person(f.young_person("yp-1"))
    assert created.version == 1
    assert store.get_young_person("yp-1").date_of_birth == date(2010, 3, 14)
    updated = store.update_young_person(revise(created, {"status": "care_leaver"}))
    assert updated.status == "care_leaver" and updated.version == 2
    assert [yp.id for yp in store.list_young_people()] == ["yp-1"]
    store.delete_young_person("yp-1")
    with pytest.raises(NotFound):
        store.get_young_person("yp-1")
    with pytest.raises(NotFound):
        store.delete_young_person("yp-1")


def test_duplicate_id_is_refused(store: Store) -> None:
    store.create_young_person(f.young_person("yp-1"))
    with pytest.raises(AlreadyExists):
        store.create_young_person(f.young_person("yp-1"))


def test_person_crud(store: Store) -> None:
    store.create_person(f.person("p-1", household="h-1", address="2 Example Lane"))
    got = store.get_person("p-1")
    assert (got.household, got.address, got.deceased) == ("h-1", "2 Example Lane", False)
    store.update_person(revise(got, {"deceased": True, "household": None}))
    again = store.get_person("p-1")
    assert again.deceased is True and again.household is None and again.version == 2
    assert store.household("h-1") == []
    store.delete_person("p-1")
    with pytest.raises(NotFound):
        store.get_person("p-1")


def test_relationship_crud(store: Store) -> None:
    store.create_young_person(f.young_person("yp-1"))
    store.create_person(f.person("p-1"))
    created = store.create_relationship(
        "yp-1",
        f.relationship(
            "p-1",
            closeness=4,
            closeness_rated_by="young_person",
            support=["crisis", "emotional"],
            last_contact=date(2026, 1, 2),
        ),
    )
    assert created.support == ["emotional", "crisis"]
    assert created.last_contact == date(2026, 1, 2)
    with pytest.raises(AlreadyExists):
        store.create_relationship("yp-1", f.relationship("p-1"))
    with pytest.raises(NotFound):
        store.create_relationship("yp-1", f.relationship("p-nobody"))
    updated = store.update_relationship(
        "yp-1", revise(created, {"safety": "safe", "closeness": None, "closeness_rated_by": None})
    )
    assert updated.safety == "safe" and updated.closeness is None and updated.version == 2
    store.delete_relationship("yp-1", "p-1")
    with pytest.raises(NotFound):
        store.get_relationship("yp-1", "p-1")
    assert store.get_person("p-1").id == "p-1", "deleting a relationship keeps the person"


def test_link_crud(store: Store) -> None:
    store.create_person(f.person("p-1"))
    store.create_person(f.person("p-2"))
    store.create_link(f.link("p-2", "p-1", "sibling"))
    store.create_link(f.link("p-1", "p-2", "sibling"))  # the same link: merged, not doubled
    store.create_link(f.link("p-2", "p-1", "parent"))
    assert [link.key for link in store.links_of("p-1")] == [
        ("p-1", "p-2", "sibling"),
        ("p-2", "p-1", "parent"),
    ]
    store.delete_link(f.link("p-1", "p-2", "sibling"))
    assert [link.key for link in store.links_of("p-2")] == [("p-2", "p-1", "parent")]
    with pytest.raises(NotFound):
        store.create_link(f.link("p-1", "p-ghost"))


def test_contact_log_crud(store: Store) -> None:
    store.create_young_person(f.young_person("yp-1"))
    store.create_person(f.person("p-1"))
    with pytest.raises(NotFound):
        store.add_contact("yp-1", f.contact("c-1", "p-1"))  # no relationship yet
    store.create_relationship("yp-1", f.relationship("p-1"))
    store.add_contact("yp-1", f.contact("c-1", "p-1", note="Phoned about the holidays."))
    store.add_contact("yp-1", f.contact("c-2", "p-1", date=date(2026, 11, 1)))
    assert [entry.id for entry in store.contact_log("yp-1")] == ["c-2", "c-1"]
    store.delete_contact("yp-1", "c-1")
    assert [entry.id for entry in store.contact_log("yp-1")] == ["c-2"]


def test_deleting_a_young_person_keeps_shared_people(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))
    store.delete_young_person("yp-1")
    assert _counts(store) == {"YoungPerson": 1, "Person": 5, "ContactEntry": 1}


def test_a_grandmother_of_siblings_is_one_node(store: Store) -> None:
    for yp_id in ("yp-amy", "yp-ben", "yp-cal"):
        store.create_young_person(f.young_person(yp_id))
    store.create_person(f.person("p-rose", name="Rose Example"))
    feelings = {"yp-amy": 4, "yp-ben": 1, "yp-cal": None}
    for yp_id, closeness in feelings.items():
        store.create_relationship(
            yp_id,
            f.relationship(
                "p-rose",
                role="grandparent",
                closeness=closeness,
                closeness_rated_by="young_person" if closeness is not None else None,
                safety="safe" if yp_id != "yp-cal" else "supervised",
            ),
        )
    assert _counts(store)["Person"] == 1
    assert store.young_people_of("p-rose") == [
        ("yp-amy", "grandparent"),
        ("yp-ben", "grandparent"),
        ("yp-cal", "grandparent"),
    ]
    # What each child feels lives on their own relationship, not on Rose.
    assert store.get_relationship("yp-amy", "p-rose").closeness == 4
    assert store.get_relationship("yp-ben", "p-rose").closeness == 1
    assert store.get_relationship("yp-cal", "p-rose").safety == "supervised"
    store.update_person(revise(store.get_person("p-rose"), {"name": "Rose Renamed"}))
    names = {store.load_network(y).people[0].name for y in feelings}
    assert names == {"Rose Renamed"}


def test_stale_edit_is_refused_not_overwritten(store: Store) -> None:
    store.create_young_person(f.young_person("yp-1"))
    store.create_person(f.person("p-1"))
    store.create_relationship("yp-1", f.relationship("p-1"))
    worker_a = store.get_relationship("yp-1", "p-1")
    worker_b = store.get_relationship("yp-1", "p-1")
    store.update_relationship("yp-1", revise(worker_a, {"safety": "safe"}))
    with pytest.raises(StaleEdit, match="Someone else saved changes"):
        store.update_relationship("yp-1", revise(worker_b, {"safety": "no_contact"}))
    assert store.get_relationship("yp-1", "p-1").safety == "safe"

    person_a = store.get_person("p-1")
    store.update_person(revise(person_a, {"name": "First"}))
    with pytest.raises(StaleEdit):
        store.update_person(revise(person_a, {"name": "Second"}))
    yp = store.get_young_person("yp-1")
    store.update_young_person(revise(yp, {"name": "First"}))
    with pytest.raises(StaleEdit):
        store.update_young_person(revise(yp, {"name": "Second"}))


def test_concurrent_edits_from_the_same_version_one_wins(store: Store) -> None:
    store.create_young_person(f.young_person("yp-1"))
    store.create_person(f.person("p-1"))
    store.create_relationship("yp-1", f.relationship("p-1"))
    seen = store.get_relationship("yp-1", "p-1")
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def edit(closeness: int) -> None:
        start.wait()
        try:
            store.update_relationship(
                "yp-1",
                revise(seen, {"closeness": closeness % 5, "closeness_rated_by": "worker"}),
            )
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("stale")

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved"] + ["stale"] * 7
    assert store.get_relationship("yp-1", "p-1").version == 2


def test_edit_of_a_missing_record_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.update_person(f.person("p-ghost"))


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: f.person("p-1").model_construct(id="p-1", name="", category="family"), "name"),
        (
            lambda: f.relationship("p-1").model_construct(
                person_id="p-1", role="aunt", safety="safe"
            ),
            "role",
        ),
    ],
)
def test_writes_validate_against_the_model(store: Store, make, field: str) -> None:
    store.create_young_person(f.young_person("yp-1"))
    entity = make()
    with pytest.raises(InvalidInput) as caught:
        if field == "name":
            store.create_person(entity)
        else:
            store.create_relationship("yp-1", entity)
    assert caught.value.errors[0].path == field
    assert _counts(store)["Person"] == 0


def test_large_networks_load_in_one_query(store: Store) -> None:
    from connections import demo

    (network,) = demo.generate(1, 3, date(2026, 11, 22), people_per_network=(400, 400))
    store.save_network(network)
    loaded = store.load_network(network.young_person.id)
    assert len(loaded.people) == 400
    assert sorted(link.key for link in loaded.links) == sorted(link.key for link in network.links)
    (for_scoring,) = store.networks_for_scoring([network.young_person.id])
    assert len(for_scoring.links) == len(network.links) > 400
