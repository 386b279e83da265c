"""What a restore saves and what it says it changes (connections/restore.py), without a database:
the version comes back, but never at the cost of a restriction or a contact log entry."""

from __future__ import annotations

from datetime import UTC, date, datetime

from connections import io
from connections.history import NetworkVersion
from connections.model import parse_network
from connections.restore import plan_restore, restored_network
from tests import factories as f


def _today() -> dict:
    """Amy's network after a bad edit: Kai removed (with nothing else), Rose's closeness 1, New
    Person and Bad Import added; a restriction and a contact log entry with New Person."""
    document = f.network_document("yp-1")
    document["people"] = [p for p in document["people"] if p["id"] != "p-kai"] + [
        {"id": "p-new", "name": "New Person", "category": "family"},
        {"id": "p-bad", "name": "Bad Import", "category": "family"},
    ]
    document["relationships"] = [r for r in document["relationships"] if r["person_id"] != "p-kai"]
    document["relationships"] += [
        {"person_id": "p-new", "role": "cousin"},
        {"person_id": "p-bad", "role": "cousin"},
    ]
    document["relationships"][0]["closeness"] = 1
    document["links"] = [
        link for link in document["links"] if "p-kai" not in (link["source"], link["target"])
    ] + [{"source": "p-new", "target": "p-rose", "kind": "knows"}]
    document["contact_log"] = [
        {
            "id": "c-new",
            "person_id": "p-new",
            "date": "2026-11-20",
            "kind": "phone_call",
            "recorded_by": "Sam Worker",
        }
    ]
    document["restrictions"] = [
        {
            "id": "r-1",
            "person_id": "p-ray",
            "kind": "s34_order",
            "scope": "no_contact",
            "starts": "2026-03-01",
            "ends": "2026-06-01",
        }
    ]
    return document


def _version(number: int = 1) -> NetworkVersion:
    return NetworkVersion(
        number, datetime(2026, 3, 1, tzinfo=UTC), "Sam", "web", io.dumps_network(f.network())
    )


def test_the_version_comes_back_but_restrictions_and_the_contact_log_stay() -> None:
    today = parse_network(_today())
    restored = restored_network(_version().network, today)
    members = {r.person_id for r in restored.relationships}
    assert {"p-kai", "p-new"} <= members and "p-bad" not in members
    assert restored.restrictions == today.restrictions  # ended on 1 June, as today
    assert {e.id for e in restored.contact_log} == {"c-new", "c-yp-1-1"}
    assert ("p-new", "p-rose", "knows") in {link.key for link in restored.links}
    assert next(r for r in restored.relationships if r.person_id == "p-rose").closeness == 4


def test_the_plan_says_it_in_words_with_the_score_before_and_after() -> None:
    plan = plan_restore(_version(), parse_network(_today()), date(2026, 11, 22))
    assert plan.people_back == ("Kai Example",)
    assert plan.people_removed == ("Bad Import",)
    assert plan.people_kept == ("New Person",)
    assert "Rose Example: closeness A little close (1) -> Very close (4)" in plan.attributes
    assert plan.contact_back == ("logged a visit with Rose Example on 2026-11-01",)
    assert plan.before.score != plan.after.score
    assert not plan.refused and not plan.changes_nothing


def test_nothing_to_restore_and_a_paused_finding_stage_is_refused() -> None:
    today = f.network()
    assert plan_restore(_version(), today, date(2026, 11, 22)).changes_nothing
    document = f.network_document("yp-1")
    document["relationships"][0]["finding_status"] = "identified"
    plan = plan_restore(_version(), parse_network(document), date(2026, 11, 22), "Paused: no.")
    assert plan.refused and plan.refused[0].startswith("Rose Example: family finding stage")
