"""A subject access export in a real Neo4j: everything about the subject, and no third party's
address or workers' notes in the bytes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from connections.cli import main
from connections.model import revise
from connections.store import NotFound, Store
from tests import factories as f

#: Third parties' confidential details in f.network: Rose's address, Rose's relationship notes,
#: Ray's safety note, the contact log note.
THIRD_PARTY = ("1 Example Row", "Bakes on Sundays", "Court order", "Tea at Rose's")


@pytest.fixture
def networks(store: Store) -> Store:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))  # Rose and Kai in both
    kai = store.get_relationship("yp-1", "p-kai")
    store.update_relationship(
        "yp-1", revise(kai, {"contact": "active", "last_contact": "2026-11-02"})
    )
    store.record_audit("sam", "change", "yp-1", "relationship edited: p-kai")
    return store


def test_a_young_persons_export_holds_their_records_and_no_third_party_details(
    networks: Store,
) -> None:
    export = networks.subject_access("yp-1", username="ada")
    text = json.dumps(export, ensure_ascii=False)
    assert export["details"]["name"] == "Amy Example"
    rose = next(p for p in export["network"] if p["name"] == "Rose Example")
    # The young person's own rating of Rose is theirs; Rose's notes are flagged, not copied.
    assert rose["relationship"]["closeness"] == 4 and rose["withheld_for_review"] == ["notes"]
    assert export["contact_log"][0]["with"] == "Rose Example"
    assert export["contact_log"][0]["withheld_for_review"] == ["note"]
    assert [v["number"] for v in export["history"]] == [1, 2]
    assert "Kai Example: contact" in export["history"][1]["changed"]
    assert any(event["what"] == "relationship edited" for event in export["audit"])
    for secret in THIRD_PARTY:
        assert secret not in text
    # The export is itself audited.
    assert networks.audit_events("yp-1")[0].action == "subject_access"


def test_a_persons_export_covers_every_network_and_not_the_young_persons_ratings(
    networks: Store,
) -> None:
    export = networks.subject_access("p-kai", username="ada")
    text = json.dumps(export, ensure_ascii=False)
    assert export["details"]["name"] == "Kai Example"
    assert sorted(n["young_person"]["id"] for n in export["networks"]) == ["yp-1", "yp-2"]
    first = next(n for n in export["networks"] if n["young_person"]["id"] == "yp-1")
    assert first["relationship"]["role"] == "sibling"
    # The young person's closeness rating and wishes are the young person's, not Kai's.
    assert "closeness" not in first["relationship"] and "wishes" not in first["relationship"]
    history = {h["young_person_id"]: h["versions"] for h in export["history"]}
    assert history["yp-1"][0]["changed"] == [
        "added to Amy Example's network as sibling",
        "a parent link to another person added",
    ]
    assert history["yp-1"][1]["changed"] == [
        "contact: lost -> active",
        "last_contact: none -> 2026-11-02",
    ]
    assert [e["what"] for e in export["audit"]] == ["relationship edited"]
    for secret in (*THIRD_PARTY, "Ray Example", "Dan Example"):
        assert secret not in text
    assert {e.action for e in networks.audit_events("yp-2")} >= {"subject_access"}


def test_rose_sees_her_own_address_and_a_flag_for_notes_about_her(networks: Store) -> None:
    export = networks.subject_access("p-rose", username="ada")
    assert export["details"]["address"] == "1 Example Row, Northtown"
    membership = next(n for n in export["networks"] if n["young_person"]["id"] == "yp-1")
    assert membership["withheld_for_review"] == ["notes"]
    assert membership["contact_log"][0]["withheld_for_review"] == ["note"]
    assert "Bakes on Sundays" not in json.dumps(export) and "Court order" not in json.dumps(export)


def test_a_person_removed_from_every_network_is_still_found_in_history(networks: Store) -> None:
    for yp in ("yp-1", "yp-2"):
        ray = networks.get_relationship(yp, "p-ray")
        networks.remove_from_network(yp, "p-ray", ray.version)
    export = networks.subject_access("p-ray", username="ada")
    assert export["networks"] == [] and export["details"]["name"] == "Ray Example"
    changed = [line for h in export["history"] for v in h["versions"] for line in v["changed"]]
    assert "removed from Amy Example's network" in changed
    assert "a lives_with link to another person removed" in changed
    with pytest.raises(NotFound):
        networks.subject_access("p-nobody", username="ada")


def test_the_command_prints_text_or_json(
    networks: Store, neo4j_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    runner = CliRunner()
    as_json = runner.invoke(main, ["subject-access", "p-kai", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output)["subject"] == {"kind": "person", "id": "p-kai"}
    as_text = runner.invoke(main, ["subject-access", "yp-1"])
    assert as_text.exit_code == 0 and "name: Amy Example" in as_text.output
    for secret in THIRD_PARTY:
        assert secret not in as_text.output and secret not in as_json.output
    missing = runner.invoke(main, ["subject-access", "p-nobody"])
    assert missing.exit_code == 1 and "p-nobody" in missing.output
