"""Restrictions on contact in a real Neo4j: added, listed, ended by an explicit change only, never
removed by omission (an import of any version), and protecting their person from searches."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from connections import io
from connections.cli import main
from connections.model import InvalidInput, Restriction, parse, parse_network
from connections.store import AlreadyExists, NotFound, Settings, StaleEdit, Store
from tests import factories as f


def _restriction(id: str = "r-1", person_id: str = "p-ray", **fields: object) -> Restriction:
    values = {"kind": "s34_order", "scope": "no_contact", "starts": "2026-03-01"}
    return parse(Restriction, {"id": id, "person_id": person_id, **values, **fields})


def _count(store: Store, label: str) -> int:
    return store.driver.execute_query(
        "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS c",
        label=label,
        database_=store.database,
    ).records[0]["c"]


def test_add_list_and_end_a_restriction(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    added = store.add_restriction(
        "yp-1", _restriction(source="Order ZE26C00123", review_by="2026-09-01"), "Sam Worker"
    )
    assert added.person_name == "Ray Example" and added.recorded_by == "Sam Worker"
    assert added.recorded_at is not None and added.restriction.version == 1
    (listed,) = store.restrictions("yp-1")
    assert listed.restriction.source == "Order ZE26C00123"
    assert listed.restriction.review_by == date(2026, 9, 1)
    assert store.load_network("yp-1").restrictions[0].id == "r-1"

    ended = store.end_restriction("yp-1", "r-1", date(2026, 6, 30), version=1)
    assert ended.restriction.ends == date(2026, 6, 30) and ended.restriction.version == 2
    assert ended.restriction.source == "Order ZE26C00123"  # nothing else changed
    assert ended.recorded_by == "Sam Worker"
    # The version the editor saw is checked: an edit on an old copy changes nothing.
    with pytest.raises(StaleEdit):
        store.end_restriction("yp-1", "r-1", date(2026, 7, 31), version=1)
    assert store.restrictions("yp-1")[0].restriction.ends == date(2026, 6, 30)


def test_a_restriction_is_only_for_someone_in_the_network(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.create_person(f.person("p-stranger"))
    with pytest.raises(NotFound):
        store.add_restriction("yp-1", _restriction(person_id="p-stranger"), "Sam Worker")
    with pytest.raises(NotFound):
        store.add_restriction("yp-none", _restriction(), "Sam Worker")
    assert _count(store, "Restriction") == 0


def test_an_id_already_used_is_refused(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))
    store.add_restriction("yp-1", _restriction(), "Sam Worker")
    with pytest.raises(AlreadyExists):
        store.add_restriction("yp-2", _restriction(scope="supervised"), "Sam Worker")
    assert [r.restriction.scope for r in store.restrictions("yp-1")] == ["no_contact"]
    assert store.restrictions("yp-2") == []


def test_ends_before_starts_is_refused_naming_ends(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.add_restriction("yp-1", _restriction(), "Sam Worker")
    with pytest.raises(InvalidInput) as caught:
        store.end_restriction("yp-1", "r-1", date(2026, 2, 1), version=1)
    assert [error.path for error in caught.value.errors] == ["ends"]
    (listed,) = store.restrictions("yp-1")
    assert listed.restriction.ends is None and listed.restriction.version == 1


def test_ending_another_young_persons_restriction_is_not_found(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))
    store.add_restriction("yp-1", _restriction(), "Sam Worker")
    with pytest.raises(NotFound):
        store.end_restriction("yp-2", "r-1", date(2026, 6, 30), version=1)
    assert store.restrictions("yp-1")[0].restriction.ends is None


def test_restrictions_outlive_their_person_leaving_the_network(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.add_restriction("yp-1", _restriction(), "Sam Worker")
    ray = store.get_relationship("yp-1", "p-ray")
    # Ray is in no other network, but a restriction is on him: he is kept, not deleted.
    assert not store.remove_from_network("yp-1", "p-ray", ray.version)
    assert store.get_person("p-ray").name == "Ray Example"
    (listed,) = store.restrictions("yp-1")
    assert listed.restriction.id == "r-1" and not listed.in_network
    assert store.load_network("yp-1").restrictions == []  # the network shows its own people's


def test_a_version_1_import_leaves_restrictions_and_sides_as_they_are(store: Store) -> None:
    document = f.network_document("yp-1")
    document["format_version"] = 2
    document["relationships"][1]["side"] = "paternal"  # p-ray
    document["restrictions"] = [
        {
            "id": "r-1",
            "person_id": "p-ray",
            "kind": "prohibited_steps_order",
            "scope": "address_withheld",
            "starts": "2026-01-10",
        }
    ]
    store.save_network(parse_network(document))
    before = io.dumps_network(store.load_network("yp-1"))

    version_1 = f.network_document("yp-1")  # no restrictions, no sides
    assert version_1["format_version"] == 1
    store.save_network(parse_network(version_1))

    assert io.dumps_network(store.load_network("yp-1")) == before
    assert store.get_relationship("yp-1", "p-ray").side == "paternal"
    assert [r.restriction.id for r in store.restrictions("yp-1")] == ["r-1"]


def test_a_version_2_document_that_omits_a_restriction_does_not_remove_it(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.add_restriction("yp-1", _restriction("r-1"), "Sam Worker")
    document = json.loads(io.dumps_network(store.load_network("yp-1")))
    assert document["format_version"] == 2
    document["restrictions"] = [
        {
            "id": "r-2",
            "person_id": "p-ray",
            "kind": "young_person_request",
            "scope": "supervised",
            "starts": "2026-04-01",
        }
    ]
    store.save_network(parse_network(document))
    assert sorted(r.restriction.id for r in store.restrictions("yp-1")) == ["r-1", "r-2"]
    document["restrictions"] = []
    store.save_network(parse_network(document))
    assert sorted(r.restriction.id for r in store.restrictions("yp-1")) == ["r-1", "r-2"]


def test_a_document_without_the_end_does_not_reopen_an_ended_restriction(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    added = store.add_restriction("yp-1", _restriction("r-1"), "Sam Worker")
    store.end_restriction("yp-1", "r-1", date(2026, 4, 1), added.restriction.version)
    document = json.loads(io.dumps_network(store.load_network("yp-1")))
    document["restrictions"][0]["ends"] = None  # an old copy, from before it ended
    store.save_network(parse_network(document))
    (record,) = store.restrictions("yp-1")
    assert record.restriction.ends == date(2026, 4, 1)
    # Moving the end is an explicit change, and is kept.
    document["restrictions"][0]["ends"] = "2026-04-15"
    store.save_network(parse_network(document))
    assert store.restrictions("yp-1")[0].restriction.ends == date(2026, 4, 15)


def test_a_restriction_id_of_another_young_person_is_refused_and_nothing_written(
    store: Store,
) -> None:
    store.save_network(f.network("yp-1"))
    store.add_restriction("yp-1", _restriction("r-1"), "Sam Worker")
    document = f.network_document("yp-2")
    document["people"][0]["name"] = "Rose Changed"
    document["restrictions"] = [
        {
            "id": "r-1",
            "person_id": "p-ray",
            "kind": "s34_order",
            "scope": "supervised",
            "starts": "2026-03-01",
        }
    ]
    with pytest.raises(InvalidInput) as caught:
        store.save_network(parse_network(document))
    assert [error.path for error in caught.value.errors] == ["restrictions[0].id"]
    with pytest.raises(NotFound):
        store.get_young_person("yp-2")
    assert store.get_person("p-rose").name == "Rose Example"
    (kept,) = store.restrictions("yp-1")
    assert kept.restriction.scope == "no_contact"


def test_export_import_export_is_identical_with_restrictions(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.add_restriction("yp-1", _restriction("r-1", review_by="2026-09-01"), "Sam Worker")
    store.add_restriction(
        "yp-1",
        _restriction("r-2", person_id="p-rose", kind="other", scope="supervised", note="Why."),
        "Sam Worker",
    )
    store.end_restriction("yp-1", "r-2", date(2026, 5, 1), version=1)
    first = io.dumps_network(store.load_network("yp-1"))
    assert [r["id"] for r in json.loads(first)["restrictions"]] == ["r-1", "r-2"]
    store.clear()
    store.save_network(io.loads_network(first))
    assert io.dumps_network(store.load_network("yp-1")) == first


def test_a_person_with_a_restriction_not_ended_is_protected_from_searches(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.create_young_person(f.young_person("yp-3", name="Olly Other"))
    # Rose is safe everywhere: only a restriction can protect her.
    assert store.protected_people(["p-rose"]) == set()
    assert [p.id for p in store.find_people("rose", allocated=["yp-3"])] == ["p-rose"]
    store.add_restriction(
        "yp-1", _restriction("r-1", person_id="p-rose", scope="address_withheld"), "Sam Worker"
    )
    assert store.protected_people(["p-rose"]) == {"p-rose"}
    (found,) = store.find_people("rose", allocated=["yp-3"])
    assert found.protected
    # Ended (its last day before today), it protects no longer.
    store.end_restriction("yp-1", "r-1", date(2026, 3, 1), version=1)
    assert store.protected_people(["p-rose"]) == set()


def test_the_command_lists_a_young_persons_restrictions(
    store: Store, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    result = CliRunner().invoke(
        main,
        ["demo", "--young-people", "12", "--seed", "5", "--as-of", "2026-01-01", "--replace"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    # The third young person holds the first restriction of the demo's plan: a council's
    # refusal that started 12 days before as_of, so it is to review.
    result = CliRunner().invoke(
        main, ["restrictions", "yp-000003", "--as-of", "2026-01-01"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Restrictions on contact for ")
    assert lines[2].startswith("to review") and "no contact" in lines[2]
    assert "2025-12-20" in lines[2]
    assert lines[-1].startswith("To review: The council's refusal of contact with ")
    result = CliRunner().invoke(main, ["restrictions", "yp-000001"], catch_exceptions=False)
    assert result.output.endswith("has no restrictions on contact.\n")
