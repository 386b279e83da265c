"""The network JSON format through a real Neo4j: lossless round trips, all-or-nothing imports."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta

import jsonschema
import pytest

from connections import io
from connections.model import InvalidInput, parse_network
from connections.store import Store
from tests import factories as f


def _node_count(store: Store) -> int:
    return store.driver.execute_query(
        "MATCH (n) RETURN count(n) AS c", database_=store.database
    ).records[0]["c"]


def test_export_import_export_is_identical(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    first = io.dumps_network(store.load_network("yp-1"))
    store.clear()
    store.save_network(io.loads_network(first))
    second = io.dumps_network(store.load_network("yp-1"))
    assert first == second
    assert json.loads(first) == parse_network(f.network_document("yp-1")).to_document()


def test_every_attribute_survives_the_round_trip(store: Store) -> None:
    document = f.network_document("yp-1")
    store.save_network(parse_network(document))
    exported = json.loads(io.dumps_network(store.load_network("yp-1")))
    rose = next(r for r in exported["relationships"] if r["person_id"] == "p-rose")
    assert rose["support"] == ["emotional", "somewhere_to_stay"]
    assert rose["last_contact"] == "2026-11-01" and rose["notes"] == "Bakes on Sundays."
    ray = next(r for r in exported["relationships"] if r["person_id"] == "p-ray")
    assert (ray["safety"], ray["safety_note"], ray["closeness_rated_by"]) == (
        "no_contact",
        "Court order.",
        "worker",
    )
    people = {p["id"]: p for p in exported["people"]}
    assert people["p-rose"]["address"] == "1 Example Row, Northtown"
    assert people["p-dad"]["deceased"] is True
    assert exported["contact_log"][0]["note"] == "Tea at Rose's."
    assert sorted(tuple(link.values()) for link in exported["links"]) == [
        ("p-dad", "p-kai", "parent"),
        ("p-ray", "p-rose", "lives_with"),
        ("p-rose", "p-ray", "parent"),
    ]


def test_exports_match_the_published_schema(store: Store) -> None:
    schema = json.loads(io.SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    store.save_network(f.network("yp-1"))
    jsonschema.validate(json.loads(io.dumps_network(store.load_network("yp-1"))), schema)


def test_published_schema_is_current() -> None:
    assert io.SCHEMA_PATH.read_text() == io.schema_text(), "run `connections schema`"


def test_the_schema_refuses_what_the_model_refuses() -> None:
    schema = json.loads(io.SCHEMA_PATH.read_text())
    document = f.network_document()
    document["relationships"][0]["safety"] = "sometimes"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_importing_existing_people_links_to_them(store: Store) -> None:
    store.save_network(f.network("yp-amy"))
    sibling = f.network_document("yp-ben")
    sibling["people"] = [p for p in sibling["people"] if p["id"] in {"p-rose", "p-kai"}]
    sibling["relationships"] = [
        r for r in sibling["relationships"] if r["person_id"] in {"p-rose", "p-kai"}
    ]
    sibling["links"] = []
    store.save_network(parse_network(sibling))
    assert (
        store.driver.execute_query(
            "MATCH (p:Person {id: 'p-rose'}) RETURN count(p) AS c", database_=store.database
        ).records[0]["c"]
        == 1
    )
    assert store.young_people_of("p-rose") == [("yp-amy", "grandparent"), ("yp-ben", "grandparent")]


def test_reimport_replaces_the_young_persons_network(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    smaller = f.network_document("yp-1")
    smaller["relationships"] = smaller["relationships"][:1]
    smaller["people"] = smaller["people"][:1]
    smaller["links"] = []
    store.save_network(parse_network(smaller))
    network = store.load_network("yp-1")
    assert [r.person_id for r in network.relationships] == ["p-rose"]
    assert len(network.contact_log) == 1


def test_an_invalid_import_writes_nothing(store: Store) -> None:
    document = f.network_document("yp-1")
    document["relationships"][3]["safety"] = "sometimes"
    with pytest.raises(InvalidInput) as caught:
        io.loads_network(json.dumps(document))
    assert str(caught.value.errors[0]) == (
        'relationships[3].safety: "sometimes" is not one of safe, supervised, no_contact, '
        "unassessed"
    )
    assert _node_count(store) == 0


def test_a_failing_import_rolls_back_everything(store: Store) -> None:
    store.save_network(f.network("yp-other"))
    before = io.dumps_network(store.load_network("yp-other"))
    clash = f.network_document("yp-1")
    clash["contact_log"][0]["id"] = "c-yp-other-1"  # already in another young person's log
    with pytest.raises(InvalidInput, match="already in the log"):
        store.save_network(parse_network(clash))
    assert [yp.id for yp in store.list_young_people()] == ["yp-other"]
    assert io.dumps_network(store.load_network("yp-other")) == before


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something/else"), "format: "),
        (lambda d: d.update(format_version=9), "format_version: 9 must be at most 2"),
        (
            lambda d: d["young_person"].pop("date_of_birth"),
            "young_person.date_of_birth: is required",
        ),
        (lambda d: d["young_person"].update(status="adopted"), 'young_person.status: "adopted"'),
        (lambda d: d["people"][0].update(category="cousin"), "people[0].category"),
        (lambda d: d["people"][1].update(id="p-rose"), 'people[1].id: "p-rose" appears twice'),
        (lambda d: d["people"][0].update(deceased="no"), "people[0].deceased"),
        (lambda d: d["people"][0].update(name=""), "people[0].name: must not be empty"),
        (lambda d: d["people"][0].update(name="x" * 201), "people[0].name: is longer than 200"),
        (lambda d: d["people"][0].update(id="p rose"), "people[0].id"),
        (lambda d: d["relationships"][0].update(role="nan"), "relationships[0].role"),
        (lambda d: d["relationships"][0].update(closeness=5), "relationships[0].closeness: 5 must"),
        (lambda d: d["relationships"][0].update(closeness="4"), "relationships[0].closeness"),
        (
            lambda d: d["relationships"][0].update(closeness_rated_by=None),
            "relationships[0].closeness_rated_by: is required when closeness is given",
        ),
        (lambda d: d["relationships"][0].update(wishes="maybe"), "relationships[0].wishes"),
        (lambda d: d["relationships"][0].update(contact="weekly"), "relationships[0].contact"),
        (
            lambda d: d["relationships"][0].update(last_contact="yesterday"),
            'relationships[0].last_contact: "yesterday" is not a date',
        ),
        (lambda d: d["relationships"][0].update(paid="yes"), "relationships[0].paid"),
        (
            lambda d: d["relationships"][0].update(role_ends_at_age=-1),
            "relationships[0].role_ends_at_age",
        ),
        (lambda d: d["relationships"][0].update(support=["cake"]), "relationships[0].support[0]"),
        (
            lambda d: d["relationships"][0].update(finding_status="lost"),
            "relationships[0].finding_status",
        ),
        (
            lambda d: d["relationships"][0].update(person_id="p-ghost"),
            'relationships[0].person_id: "p-ghost" is not in people',
        ),
        (
            lambda d: d["relationships"][1].update(person_id="p-rose"),
            "relationships[1].person_id: the young person already has a relationship",
        ),
        (
            lambda d: d["relationships"][0].update(mood="happy"),
            "relationships[0].mood: is not a field",
        ),
        (lambda d: d["links"][0].update(kind="cousin"), "links[0].kind"),
        (lambda d: d["links"][0].update(target="p-ghost"), 'links[0].target: "p-ghost"'),
        (lambda d: d["links"].append(dict(d["links"][0])), "links[3]: the same link appears"),
        (lambda d: d["links"][0].update(target="p-rose"), "links[0]: a link must join two"),
        (lambda d: d["contact_log"][0].update(kind="telepathy"), "contact_log[0].kind"),
        (lambda d: d["contact_log"][0].update(person_id="p-ghost"), "contact_log[0].person_id"),
        (lambda d: d["contact_log"][0].update(recorded_by=""), "contact_log[0].recorded_by"),
        (
            lambda d: d["people"].append({"id": "p-lone", "name": "Lone", "category": "friend"}),
            'people[5].id: "p-lone" has no relationship',
        ),
    ],
)
def test_every_validation_rule_names_the_path(mutate, message: str) -> None:
    document = copy.deepcopy(f.network_document())
    mutate(document)
    with pytest.raises(InvalidInput) as caught:
        io.loads_network(json.dumps(document))
    assert any(str(error).startswith(message) for error in caught.value.errors), caught.value.errors


def test_malformed_json_names_the_line() -> None:
    with pytest.raises(InvalidInput, match="line 2, column 1"):
        io.loads_network('{"young_person": 1,\n}')


def test_hostile_documents_are_refused_cleanly() -> None:
    with pytest.raises(InvalidInput, match="nested too deeply"):
        io.loads_network("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InvalidInput, match="not UTF-8"):
        io.loads_network(b"\xff\xfe{")
    with pytest.raises(InvalidInput, match="must be a JSON object"):
        io.loads_network("[]")


BAD = f.bad_documents()


@pytest.mark.parametrize(("what", "text", "path", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_documents_are_refused_naming_the_place(
    what: str, text: str, path: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        io.loads_network(text)
    errors = caught.value.errors
    assert any(error.path == path and words in error.message for error in errors), errors


@pytest.mark.parametrize(("what", "text", "path", "words"), BAD[3:], ids=[b[0] for b in BAD[3:]])
def test_the_schema_refuses_dates_that_are_not_text_and_versions(
    what: str, text: str, path: str, words: str
) -> None:
    """What JSON Schema can say: a date is a string of the date format, and no ``version``."""
    schema = json.loads(io.SCHEMA_PATH.read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(json.loads(text))), what


def test_dates_of_birth_at_the_limits() -> None:
    for accepted in ("1920-01-01", date.today().isoformat()):
        document = f.network_document()
        document["young_person"]["date_of_birth"] = accepted
        assert io.loads_network(json.dumps(document)).young_person.date_of_birth.isoformat() == (
            accepted
        )
    for refused in ("1919-12-31", (date.today() + timedelta(days=1)).isoformat()):
        document = f.network_document()
        document["young_person"]["date_of_birth"] = refused
        with pytest.raises(InvalidInput, match="young_person.date_of_birth"):
            io.loads_network(json.dumps(document))


def test_the_store_keeps_versions_out_of_documents(store: Store) -> None:
    """The version the store counts is on every loaded entity, and in no document written."""
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-1"))
    network = store.load_network("yp-1")
    assert network.young_person.version == 2
    assert {person.version for person in network.people} == {2}
    assert {relationship.version for relationship in network.relationships} == {2}
    assert '"version"' not in io.dumps_network(network)
    assert '"version"' not in io.schema_text()
