"""A subject access export in a real Neo4j: everything about the subject, and no third party's
address or workers' notes in the bytes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from connections import subject_access
from connections.cli import main
from connections.invitations import Answer, Draft, token_hash
from connections.model import Relationship, Wishes, parse, revise
from connections.store import NotFound, Store
from tests import factories as f
from tests.conftest import AS_OF

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


def test_a_young_persons_export_holds_invitations_conferences_and_link_requests(
    networks: Store,
) -> None:
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    token = "a-secret-invitation-token-value"
    networks.create_invitation("yp-1", ["p-kai", "p-rose"], 14, "cora", now, token)
    networks.submit_invitation(
        token,
        Draft((Answer("p-kai", 3, Wishes.WANTS),), suggestions="My old swimming coach"),
        now,
        AS_OF,
    )
    # Two conferences: a list made final, back to draft, then final again.
    listed = networks.set_guests("yp-1", ["p-kai"], 0, AS_OF)
    final = networks.finalise_guest_list("yp-1", "fay", listed.version, AS_OF)
    again = networks.set_guests("yp-1", ["p-kai", "p-jo"], final.version, AS_OF)
    networks.finalise_guest_list("yp-1", "gus", again.version, AS_OF)
    networks.create_link_request(
        "lr-1",
        young_person_id="yp-1",
        query="Auntie Zelda from Leeds",
        relationship=parse(
            Relationship,
            {"person_id": "x", "role": "aunt_uncle", "notes": "Met at the hospital"},
        ),
        requested_by="cora",
        candidate_ids=["p-ray"],
    )
    export = networks.subject_access("yp-1", username="ada")
    text = json.dumps(export, ensure_ascii=False)
    [invitation] = export["invitations"]
    assert invitation["created_by"] == "cora" and invitation["submitted_at"]
    assert invitation["people"] == ["Kai Example", "Rose Example"]
    assert invitation["answers"][0] == {
        "person": "Kai Example",
        "before_closeness": invitation["answers"][0]["before_closeness"],
        "before_rated_by": invitation["answers"][0]["before_rated_by"],
        "before_wishes": invitation["answers"][0]["before_wishes"],
        "closeness": 3,
        "wishes": "wants",
    }
    assert [s["text"] for s in invitation["suggestions"]] == ["My old swimming coach"]
    # Never the invitation's link or its hash.
    assert token not in text and token_hash(token) not in text and "token" not in text
    conference = export["conference"]
    assert conference["guest_list"]["status"] == "final"
    assert conference["guest_list"]["guests"] == ["Jo Smith", "Kai Example"]
    assert [held["by"] for held in conference["held"]] == ["fay", "gus"]
    assert [held["guests"] for held in conference["held"]] == [1, 2]
    [request] = export["link_requests"]
    assert request["status"] == "pending" and request["requested_by"] == "cora"
    assert request["relationship"]["role"] == "aunt_uncle"
    # What the worker typed and the relationship's notes are withheld; candidates never named.
    assert request["withheld_for_review"] == ["query", "notes"]
    for secret in ("Auntie Zelda", "Met at the hospital", "p-ray"):
        assert secret not in json.dumps(request)
    assert "Auntie Zelda" not in text and "Met at the hospital" not in text
    # The readable text has the new sections too.
    readable = subject_access.as_text(export)
    assert "invitations: 1" in readable and "link requests: 1" in readable
    assert "held: 2" in readable and "Auntie Zelda" not in readable
