"""A bulk import (many documents a transaction) leaves exactly what saving the same documents one
at a time leaves, against the real Neo4j: the networks as exported, every version count, shared
people as the last document gives them, links as the last document holding both people says, a
young person given twice, an existing network updated; and a document the database refuses in a
batch is refused alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from connections import cli_bulk, io
from connections.model import parse_network
from connections.store import NotFound, Store
from tests import factories as f


def _document(yp_id: str, **changes: Any) -> dict[str, Any]:
    document = f.network_document(yp_id)
    document.update(changes)
    return document


def _documents() -> list[dict[str, Any]]:
    """Documents sharing people (the factory's five), in an order where order matters."""
    first = _document("yp-a")
    second = _document("yp-b")
    # The second document gives Rose new details and no longer holds Rose and Ray's
    # lives_with link: both are what one-by-one saving leaves, whatever the first said.
    second["people"][0] = {**second["people"][0], "name": "Rose Newname", "household": "h-2"}
    second["links"] = [link for link in second["links"] if link["kind"] != "lives_with"]
    second["restrictions"] = [
        {
            "id": "r-b-ray",
            "person_id": "p-ray",
            "kind": "s34_order",
            "scope": "no_contact",
            "starts": "2026-01-01",
            "review_by": "2026-12-01",
        }
    ]
    # yp-a again, later: a smaller network that replaces the first (Jo and Dad leave it).
    again = _document("yp-a")
    again["people"] = again["people"][:3]
    again["relationships"] = again["relationships"][:3]
    again["links"] = [again["links"][0]]
    again["relationships"][2] = {**again["relationships"][2], "contact": "active"}
    # An existing network updated: yp-old was saved before the import with someone else. As the
    # last document holding Rose and Ray, it has the last word on them and their links.
    update = _document("yp-old")
    update["people"][0] = {**update["people"][0], "name": "Rose Final"}
    update["links"] = [link for link in update["links"] if link["kind"] != "lives_with"]
    return [first, second, again, update]


def _existing() -> dict[str, Any]:
    old = _document("yp-old")
    old["people"].append({"id": "p-gone", "name": "Gone Person", "category": "friend"})
    old["relationships"].append({"person_id": "p-gone", "role": "friend", "contact": "lost"})
    old["links"].append({"source": "p-gone", "target": "p-kai", "kind": "knows"})
    old["contact_log"].append(
        {
            "id": "c-old-2",
            "person_id": "p-gone",
            "date": "2026-02-01",
            "kind": "letter",
            "recorded_by": "Sam Worker",
        }
    )
    return old


def _snapshot(store: Store) -> dict[str, Any]:
    """Everything a save writes, through the store: each network as exported, and the version
    of the young person, of each relationship and of each person."""
    snapshot = {}
    for young_person in store.list_young_people():
        network = store.load_network(young_person.id)
        snapshot[young_person.id] = {
            "document": io.dumps_network(network),
            "young_person": network.young_person.version,
            "relationships": sorted((r.person_id, r.version) for r in network.relationships),
            "people": sorted((p.id, p.version) for p in network.people),
        }
    return snapshot


def _jsonl(tmp_path: Path, documents: list[dict[str, Any]]) -> Path:
    path = tmp_path / "cohort.jsonl"
    path.write_text("".join(json.dumps(document) + "\n" for document in documents))
    return path


@pytest.mark.parametrize("batch_size", [2, 200])
def test_a_bulk_import_leaves_what_saving_one_by_one_leaves(
    store: Store, tmp_path: Path, batch_size: int
) -> None:
    documents = _documents()
    store.save_network(parse_network(_existing()))
    for document in documents:
        store.save_network(parse_network(document))
    one_by_one = _snapshot(store)

    store.clear()
    store.save_network(parse_network(_existing()))
    outcome = cli_bulk.import_many(store, _jsonl(tmp_path, documents), batch_size=batch_size)
    assert outcome.refused == []
    assert outcome.saved == 4
    assert _snapshot(store) == one_by_one

    # What the documents say, checked directly too (not only that both ways agree).
    b = store.load_network("yp-b")
    assert b.person("p-rose").name == "Rose Final"
    assert b.person("p-rose").household == "h-1"  # the last document's, not the second's
    assert store.get_person("p-rose").version == 5  # saved before, then by four documents
    assert sorted(link.kind.value for link in b.links) == ["parent", "parent"]
    a = store.load_network("yp-a")
    assert sorted(p.id for p in a.people) == ["p-kai", "p-ray", "p-rose"]
    old = store.load_network("yp-old")
    assert "p-gone" not in {p.id for p in old.people}
    assert [e.id for e in old.contact_log] == ["c-yp-old-1"]
    assert [r.id for r in b.restrictions] == ["r-b-ray"]


def test_the_store_batch_write_equals_saving_in_order(store: Store) -> None:
    networks = [parse_network(document) for document in _documents()]
    for network in networks:
        store.save_network(network)
    one_by_one = _snapshot(store)
    store.clear()
    store.save_networks(networks)
    assert _snapshot(store) == one_by_one


def test_a_document_refused_in_a_batch_is_refused_alone(store: Store, tmp_path: Path) -> None:
    # Two documents of one batch give the same contact log entry id to two young people: saved
    # one by one, the second would be refused, and so it is here; the rest of the batch is saved.
    first = _document("yp-1")
    clash = _document("yp-2")
    clash["contact_log"][0]["id"] = first["contact_log"][0]["id"]
    invalid = _document("yp-3")
    invalid["relationships"][0]["safety"] = "sometimes"
    documents = [first, clash, invalid, _document("yp-4")]
    outcome = cli_bulk.import_many(store, _jsonl(tmp_path, documents))
    assert outcome.saved == 2
    assert [where for where, _ in outcome.refused] == ["cohort.jsonl line 2", "cohort.jsonl line 3"]
    assert (
        'entry id "c-yp-1-1" is already in the log of young person "yp-1"'
        in (outcome.refused[0][1])
    )
    assert outcome.refused[1][1].startswith("relationships[0].safety")
    assert {yp.id for yp in store.list_young_people()} == {"yp-1", "yp-4"}
    with pytest.raises(NotFound):
        store.load_network("yp-2")
    assert [e.id for e in store.load_network("yp-1").contact_log] == ["c-yp-1-1"]
