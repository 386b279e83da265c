"""The store against a real Neo4j: schema, CRUD of every entity, sharing, stale edits."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest

from connections import audiences
from connections.model import InvalidInput, Network, revise
from connections.store import (
    ANY_VERSION,
    AlreadyExists,
    MemberChange,
    NotFound,
    PreconditionFailed,
    StaleEdit,
    Store,
    document_version,
    network_version,
)
from tests import factories as f


def _run_together(work: Callable[[int], None], count: int) -> None:
    """Run ``work(0)`` .. ``work(count - 1)``, each in a thread of its own, and wait for all of
    them (``work`` waits on a shared barrier, so that they all start together)."""
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


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
    assert {"person_household", "young_person_name", "person_name_fulltext"} <= set(indexes)


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


def test_deleting_a_young_person_deletes_their_conference_and_acknowledgements(
    store: Store,
) -> None:
    from tests.conftest import AS_OF
    from tests.web.networks import OTHER, amy_network, other_network

    store.save_networks([amy_network(), other_network()])
    # Amy's guest list: Rose (a parent of Ray, no contact) warns; acknowledged, then final.
    listed = store.set_guests("yp-amy", ["p-rose", "p-kai"], 0, AS_OF)
    acked = store.acknowledge_warning(
        "yp-amy", "p-rose|parent|p-ray", "Agreed", "fay", listed.version, AS_OF
    )
    store.finalise_guest_list("yp-amy", "fay", acked.version, AS_OF)
    store.guest_list(OTHER)  # reading never makes a Conference node
    other = store.set_guests(OTHER, [], 0, AS_OF)  # Olly's own conference stays
    assert other.version == 1

    def count(label: str) -> int:
        return store.driver.execute_query(
            "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS c",
            label=label,
            database_=store.database,
        ).records[0]["c"]

    assert (count("Conference"), count("Acknowledgement")) == (2, 1)
    store.delete_young_person("yp-amy")
    assert (count("Conference"), count("Acknowledgement")) == (1, 0)
    assert store.guest_list(OTHER).version == 1
    # Rose and Kai are people, not the conference's: they stay (shared people are kept).
    assert count("Person") > 0


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

    _run_together(edit, 8)
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


def test_the_report_network_is_the_network_without_free_text_addresses_or_contacts(
    store: Store,
) -> None:
    document = f.network_document("yp-1")
    document["relationships"][2]["hide_in_conference"] = True  # Kai
    store.save_network(f.parse_network(document))
    full = store.load_network("yp-1")
    report = store.load_report_network("yp-1")

    def without_private(network: object) -> dict[str, object]:
        shown = network.to_document()  # type: ignore[attr-defined]
        for person in shown["people"]:
            person.pop("address", None)
        for relationship in shown["relationships"]:
            relationship.pop("notes", None)
            relationship.pop("safety_note", None)
        shown["contact_log"] = []
        return shown

    assert without_private(report) == without_private(full)
    assert [p.address for p in report.people] == [""] * 5 and report.contact_log == []
    assert {r.person_id for r in report.relationships if r.hide_in_conference} == {"p-kai"}
    with pytest.raises(NotFound):
        store.load_report_network("yp-nobody")


# --- several members of one network in one transaction ----------------------------------------


def _snapshot(store: Store, yp_id: str = "yp-1") -> tuple[dict[str, object], str]:
    network = store.load_network(yp_id)
    return network.to_document(), network_version(network)


def test_update_relationships_writes_every_change_in_one_go(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))  # the same people, shared
    version = network_version(store.load_network("yp-1"))
    update = store.update_relationships(
        "yp-1",
        [
            MemberChange("p-rose", relationship={"support": ["money", "emotional"]}),
            MemberChange(
                "p-jo", relationship={"continues_beyond_role": True, "contact": "occasional"}
            ),
            MemberChange("p-kai", person={"household": "h-1"}),
            MemberChange("p-ray", relationship={"role": "aunt_uncle"}),  # as it is: not written
        ],
        version,
    )
    assert update.relationships == ["p-rose", "p-jo"] and update.people == ["p-kai"]
    assert update.changed == ["p-rose", "p-jo", "p-kai"]
    network = store.load_network("yp-1")
    assert update.version == network_version(network) != version
    rose = store.get_relationship("yp-1", "p-rose")
    assert rose.support == ["emotional", "money"] and rose.version == 2
    assert rose.notes == "Bakes on Sundays."  # what the change did not name is kept
    jo = store.get_relationship("yp-1", "p-jo")
    assert (jo.continues_beyond_role, jo.contact, jo.version) == (True, "occasional", 2)
    assert store.get_relationship("yp-1", "p-ray").version == 1
    kai = store.get_person("p-kai")
    assert (kai.household, kai.version) == ("h-1", 3)  # saved twice by the imports, then here
    # A person is one shared node: the other network sees the household too, not the
    # relationship changes (those are yp-1's own).
    assert {p.id: p.household for p in store.load_network("yp-2").people}["p-kai"] == "h-1"
    assert store.get_relationship("yp-2", "p-rose").support == ["emotional", "somewhere_to_stay"]
    # The new version carries on to a further edit from the same page.
    store.update_relationships(
        "yp-1", [MemberChange("p-kai", person={"household": None})], update.version
    )
    assert store.get_person("p-kai").household is None


def test_a_batch_with_one_invalid_change_writes_nothing(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    before, version = _snapshot(store)
    with pytest.raises(InvalidInput) as caught:
        store.update_relationships(
            "yp-1",
            [
                MemberChange("p-rose", relationship={"support": ["money"]}),
                MemberChange("p-kai", relationship={"closeness": 9}),
                MemberChange(
                    "p-jo", relationship={"safety": "maybe"}, person={"household": "not an id!"}
                ),
                MemberChange("p-dad", relationship={"mood": "sunny"}),
            ],
            version,
        )
    paths = [error.path for error in caught.value.errors]
    assert paths == [
        "changes[1].relationship.closeness",
        "changes[2].relationship.safety",
        "changes[2].person.household",
        "changes[3].relationship.mood",
    ]
    assert "must be at most 4" in str(caught.value)
    assert _snapshot(store) == (before, version)


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            [MemberChange("p-nobody", relationship={"safety": "safe"})],
            "changes[0].person_id",
            "not in",
        ),
        (
            [MemberChange("p-rose", relationship={"person_id": "p-kai"})],
            "changes[0].relationship.person_id",
            "cannot be changed",
        ),
        (
            [MemberChange("p-rose", person={"id": "p-x"})],
            "changes[0].person.id",
            "cannot be changed",
        ),
        (
            [MemberChange("p-rose", relationship={"version": 99})],
            "changes[0].relationship.version",
            "is not a field",
        ),
        (
            [
                MemberChange("p-rose", relationship={"paid": True}),
                MemberChange("p-rose", person={"deceased": True}),
            ],
            "changes[1].person_id",
            "appears twice",
        ),
    ],
)
def test_a_batch_names_what_it_may_not_change(
    store: Store, changes: list[MemberChange], path: str, message: str
) -> None:
    store.save_network(f.network("yp-1"))
    before, version = _snapshot(store)
    with pytest.raises(InvalidInput) as caught:
        store.update_relationships("yp-1", changes, version)
    assert [error.path for error in caught.value.errors] == [path]
    assert message in caught.value.errors[0].message
    assert _snapshot(store) == (before, version)


def test_a_stale_batch_writes_nothing(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))
    seen = network_version(store.load_network("yp-1"))
    changes = [
        MemberChange("p-rose", relationship={"support": ["money"]}),
        MemberChange("p-kai", person={"household": "h-1"}),
    ]
    # Someone else changes one relationship the batch does not even touch.
    ray = store.get_relationship("yp-1", "p-ray")
    store.update_relationship("yp-1", revise(ray, {"notes": "Their change"}))
    before, _ = _snapshot(store)
    with pytest.raises(StaleEdit, match="Someone else saved changes to this network"):
        store.update_relationships("yp-1", changes, seen)
    assert _snapshot(store)[0] == before
    # A shared person edited from another young person's network makes it stale too.
    seen = network_version(store.load_network("yp-1"))
    store.update_person(revise(store.get_person("p-dad"), {"name": "Dan Renamed"}))
    with pytest.raises(StaleEdit):
        store.update_relationships("yp-1", changes, seen)
    # So does a garbled version, and a young person who is not there is not found.
    with pytest.raises(StaleEdit):
        store.update_relationships("yp-1", changes, "' OR 1=1 //")
    with pytest.raises(NotFound):
        store.update_relationships("yp-ghost", changes, seen)
    assert store.get_relationship("yp-1", "p-rose").support == ["emotional", "somewhere_to_stay"]
    assert store.get_person("p-kai").household is None


def test_an_empty_network_and_an_empty_batch(store: Store) -> None:
    store.create_young_person(f.young_person("yp-1"))
    version = network_version(store.load_network("yp-1"))
    update = store.update_relationships("yp-1", [], version)
    assert (update.version, update.changed) == (version, [])


def test_concurrent_batches_from_the_same_version_one_wins(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    seen = network_version(store.load_network("yp-1"))
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def save(n: int) -> None:
        start.wait()
        try:
            store.update_relationships(
                "yp-1",
                [
                    MemberChange("p-rose", relationship={"notes": f"batch {n}"}),
                    MemberChange("p-kai", relationship={"notes": f"batch {n}"}),
                ],
                seen,
            )
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("stale")

    def single() -> None:
        start.wait()
        kai = store.get_relationship("yp-1", "p-kai")
        try:
            store.update_relationship("yp-1", revise(kai, {"notes": "single"}))
            outcomes.append("single saved")
        except StaleEdit:
            outcomes.append("single stale")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(5)]
    threads.append(threading.Thread(target=single))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    batches = sorted(o for o in outcomes if not o.startswith("single"))
    # Whatever the order, no update is lost: at most one batch wins, and each relationship's
    # version counts exactly the saves that succeeded.
    assert batches.count("saved") <= 1 and len(batches) == 5
    rose = store.get_relationship("yp-1", "p-rose")
    kai = store.get_relationship("yp-1", "p-kai")
    assert rose.version == 1 + batches.count("saved")
    assert kai.version == 1 + batches.count("saved") + outcomes.count("single saved")
    if batches.count("saved") and "single saved" in outcomes:
        assert rose.notes.startswith("batch")
    if not batches.count("saved"):
        assert "single saved" in outcomes  # only the single edit can have beaten them


def test_remove_from_network_checks_the_version_in_its_transaction(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.create_young_person(f.young_person("yp-2"))
    store.create_relationship("yp-2", f.relationship("p-rose"))
    kai = store.get_relationship("yp-1", "p-kai")
    store.update_relationship("yp-1", revise(kai, {"notes": "Saved in between."}))
    with pytest.raises(StaleEdit, match="Nothing was removed"):
        store.remove_from_network("yp-1", "p-kai", kai.version)
    assert store.get_relationship("yp-1", "p-kai").notes == "Saved in between."

    assert store.remove_from_network("yp-1", "p-kai", kai.version + 1) is True
    with pytest.raises(NotFound):
        store.get_person("p-kai")  # in no one's network any more
    rose = store.get_relationship("yp-1", "p-rose")
    assert store.remove_from_network("yp-1", "p-rose", rose.version) is False
    assert store.get_person("p-rose").name  # still in yp-2's network
    with pytest.raises(NotFound):
        store.remove_from_network("yp-1", "p-rose", rose.version)


def test_replace_network_on_a_condition(store: Store) -> None:
    network = f.network("yp-1")
    created = store.replace_network(network, None)
    assert created.created and created.network.to_document() == network.to_document()
    assert created.version == document_version(store.load_network("yp-1"))
    with pytest.raises(PreconditionFailed, match="exists already"):
        store.replace_network(network, None)

    changed = revise(network, {"young_person": revise(network.young_person, {"name": "New"})})
    with pytest.raises(PreconditionFailed, match="has changed"):
        store.replace_network(changed, ["d-stale"])
    assert store.get_young_person("yp-1").name == network.young_person.name
    saved = store.replace_network(changed, ["d-stale", created.version])
    assert not saved.created and saved.network.young_person.name == "New"
    assert saved.version != created.version
    assert store.replace_network(network, [ANY_VERSION]).version == created.version

    with pytest.raises(PreconditionFailed, match="no network"):
        store.replace_network(f.network("yp-2"), [ANY_VERSION])
    assert store.count_young_people() == 1


def _conference_version(network: Network) -> str:
    return audiences.conference_version(
        {r.person_id: r for r in network.relationships}, {p.id: p for p in network.people}
    )


def test_a_batch_checked_against_an_audiences_own_version(store: Store) -> None:
    """``version_of``: the conference's version is checked (and returned) instead of the whole
    network's, in the same locked transaction, so a change it cannot see does not make it stale
    and one it can see does, and of simultaneous saves from one version exactly one wins."""
    store.save_network(f.network("yp-1"))
    opened = store.load_network("yp-1")
    seen, whole = _conference_version(opened), network_version(opened)
    ray = store.get_relationship("yp-1", "p-ray")  # no_contact: never shown to a conference
    store.update_relationship("yp-1", revise(ray, {"notes": "Their change"}))
    change = [MemberChange("p-rose", relationship={"support": ["money"]})]
    with pytest.raises(StaleEdit):  # the whole network's version did change
        store.update_relationships("yp-1", change, whole)
    update = store.update_relationships(
        "yp-1", change, seen, version_of=audiences.conference_version
    )
    assert update.version == _conference_version(store.load_network("yp-1")) != seen
    assert store.get_relationship("yp-1", "p-ray").notes == "Their change"

    kai = store.get_relationship("yp-1", "p-kai")
    store.update_relationship("yp-1", revise(kai, {"continues_beyond_role": True}))
    before, _ = _snapshot(store)
    with pytest.raises(StaleEdit):
        store.update_relationships(
            "yp-1",
            [MemberChange("p-jo", relationship={"paid": False})],
            update.version,
            version_of=audiences.conference_version,
        )
    assert _snapshot(store)[0] == before

    seen = _conference_version(store.load_network("yp-1"))
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def save(n: int) -> None:
        start.wait()
        # Each save must change something: one setting "money" again would write nothing,
        # keep the version, and rightly let a second save through.
        domains = ["health", "crisis", "education_work", "practical", "emotional", "celebrations"]
        try:
            store.update_relationships(
                "yp-1",
                [MemberChange("p-rose", relationship={"support": [domains[n]]})],
                seen,
                version_of=audiences.conference_version,
            )
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("stale")

    _run_together(save, 6)
    assert sorted(outcomes) == ["saved", *["stale"] * 5]
    assert store.get_relationship("yp-1", "p-rose").version == 3  # saved, then one batch


# --- finding people already known to the service -------------------------------------------------


def _found(store: Store, text: str, **options: object) -> list[tuple[str, str, int]]:
    return [(p.id, p.name, p.networks) for p in store.find_people(text, **options)]  # type: ignore[arg-type]


def test_find_people_across_networks_by_any_word_in_any_case(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))
    store.create_young_person(f.young_person("yp-3", name="Olly Other"))
    store.create_person(f.person("p-gran", name="Rosalind O'Brien-Smith", category="family"))
    store.create_relationship("yp-3", f.relationship("p-gran", role="grandparent"))

    assert _found(store, "ROS") == [
        ("p-gran", "Rosalind O'Brien-Smith", 1),
        ("p-rose", "Rose Example", 2),
    ]
    assert _found(store, "smith") == [
        ("p-jo", "Jo Smith", 2),
        ("p-gran", "Rosalind O'Brien-Smith", 1),
    ]
    assert _found(store, "o'brien smi") == [("p-gran", "Rosalind O'Brien-Smith", 1)]
    assert _found(store, "  example   ROSE ") == [("p-rose", "Rose Example", 2)]
    assert _found(store, "p-gran") == [("p-gran", "Rosalind O'Brien-Smith", 1)]  # by id too
    assert _found(store, "nobody") == []
    # Leaving out those already in a network, and naming only the young people one may open.
    assert [p.id for p in store.find_people("example", not_in_network_of="yp-3")] == [
        "p-dad",
        "p-kai",
        "p-ray",
        "p-rose",
    ]
    assert [p.id for p in store.find_people("example", not_in_network_of="yp-1")] == []
    (gran,) = store.find_people("rosalind", visible=["yp-1"])
    assert (gran.category, gran.networks, gran.visible_young_people, gran.known) == (
        "family",
        1,
        [],
        False,
    )
    (gran,) = store.find_people("rosalind", visible=["yp-1", "yp-3"])
    assert gran.visible_young_people == [("yp-3", "Olly Other")] and gran.known
    (rose,) = store.find_people("rose e", all_visible=True)
    assert sorted(rose.visible_young_people) == [("yp-1", "Amy Example"), ("yp-2", "Amy Example")]
    assert store.network_count("p-rose") == 2 and store.network_count("p-ghost") == 0


def test_find_people_is_limited_and_ordered_by_name(store: Store) -> None:
    store.create_young_person(f.young_person("yp-1"))
    for n in range(30):
        store.create_person(f.person(f"p-{n:02}", name=f"Sam Same {29 - n:02}"))
        store.create_relationship("yp-1", f.relationship(f"p-{n:02}"))
    found = store.find_people("same")
    assert len(found) == 20
    assert [p.name for p in found] == [f"Sam Same {n:02}" for n in range(20)]
    assert len(store.find_people("sam", limit=5)) == 5


@pytest.mark.parametrize(
    "text",
    [
        '") OR 1=1 //',
        "*",
        "~",
        "rose~",
        "ros*",
        "?ose",
        "AND",
        "OR NOT rose",
        "rose AND",
        "(",
        "\\",
        "/rose/",
        "name:rose",
        "[a TO z]",
        '"',
        "}) MATCH (n) DETACH DELETE n //",
        "' OR 1=1 //",
        "<script>alert(1)</script>",
        "x" * 100_000,
        "",
        "   ",
        "\x00",
    ],
)
def test_find_people_takes_hostile_text_safely(store: Store, text: str) -> None:
    store.save_network(f.network("yp-1"))
    found = store.find_people(text)
    assert all(person.id.startswith("p-") for person in found)
    assert _counts(store) == {"YoungPerson": 1, "Person": 5, "ContactEntry": 1}
