"""Retention in a real Neo4j, with controlled dates: records past the keeping period are deleted
whole (network, every version, people only they held), audited; a dry run writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from connections import retention
from connections.cli import main
from connections.model import revise
from connections.store import NotFound, Store
from tests import factories as f


def _count(store: Store, query: str, **params: object) -> int:
    records, _, _ = store.driver.execute_query(query, params)
    return records[0][0]


@pytest.fixture
def two_networks(store: Store) -> Store:
    """yp-old born 1950 (past 75 years on 2026-11-22), yp-1 born 2010; Rose in both."""
    old = f.network_document("yp-old")
    old["young_person"]["date_of_birth"] = "1950-06-01"
    old["people"].append({"id": "p-only-old", "name": "Olive Onlyold", "category": "friend"})
    old["relationships"].append({"person_id": "p-only-old", "role": "friend"})
    from connections.model import parse_network

    store.save_network(parse_network(old))
    store.save_network(f.network("yp-1"))
    rose = store.get_relationship("yp-old", "p-rose")
    store.update_relationship(
        "yp-old", revise(rose, {"closeness": 2, "closeness_rated_by": "worker"})
    )
    return store


def test_records_are_due_by_date_of_birth_and_the_setting() -> None:
    held = [retention.Held("a", date(1950, 6, 1), 2), retention.Held("b", date(2010, 3, 14), 1)]
    assert [d.held.young_person_id for d in retention.due(held, date(2025, 6, 1), 75)] == []
    assert [d.held.young_person_id for d in retention.due(held, date(2025, 6, 2), 75)] == ["a"]
    assert retention.due(held, date(2049, 1, 1), 100) == []
    with pytest.raises(retention.InvalidInput) as refused:
        retention.years_from_env({"CONNECTIONS_RETENTION_YEARS": "seventy"})
    assert refused.value.errors[0].path == "CONNECTIONS_RETENTION_YEARS"


def test_retention_deletes_the_whole_record_and_audits_it(
    two_networks: Store, neo4j_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = two_networks
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.delenv("CONNECTIONS_RETENTION_YEARS", raising=False)
    runner = CliRunner()
    versions_old = len(store.all_versions("yp-old"))
    everything = _count(store, "MATCH (n) RETURN count(n)")

    dry = runner.invoke(main, ["retention", "--dry-run", "--today", "2026-11-22"])
    assert dry.exit_code == 0, dry.output
    assert (
        "Would delete yp-old: born 1950-06-01, kept until 2025-06-01; "
        f"network and {versions_old} versions" in dry.output
    )
    assert "yp-1" not in dry.output and "nothing was deleted" in dry.output
    assert _count(store, "MATCH (n) RETURN count(n)") == everything  # a dry run writes nothing

    # With a period of 100 years (an adopted child's) nothing is due yet.
    later = runner.invoke(main, ["retention", "--years", "100", "--today", "2026-11-22"])
    assert "Nothing is past retention (100 years from birth)" in later.output

    done = runner.invoke(main, ["retention", "--today", "2026-11-22"])
    assert done.exit_code == 0, done.output
    assert (
        "Deleted yp-old: born 1950-06-01, kept until 2025-06-01; "
        f"network and {versions_old} versions" in done.output
    )
    with pytest.raises(NotFound):
        store.get_young_person("yp-old")
    assert store.all_versions("yp-old") == []
    assert _count(store, "MATCH (p:Person {id: 'p-only-old'}) RETURN count(p)") == 0
    assert _count(store, "MATCH (c:ContactEntry {id: 'c-yp-old-1'}) RETURN count(c)") == 0
    # Rose stays: yp-1's network holds her; yp-1 is untouched.
    assert store.get_person("p-rose").name == "Rose Example"
    assert len(store.all_versions("yp-1")) == 1
    event = store.audit_events("yp-old")[0]
    assert event.action == "retention" and "kept until 2025-06-01" in event.detail
    assert "Amy" not in event.detail

    again = runner.invoke(main, ["retention", "--today", "2026-11-22"])
    assert "Nothing is past retention" in again.output


def test_versions_left_by_a_deleted_young_person_go_when_due(two_networks: Store) -> None:
    store = two_networks
    store.delete_young_person("yp-old")  # the versions outlive an ordinary deletion
    held = {h.young_person_id: h for h in store.records_held()}
    assert not held["yp-old"].live and held["yp-old"].date_of_birth == date(1950, 6, 1)
    (item,) = retention.due(store.records_held(), date(2026, 11, 22), 75)
    assert store.delete_past_retention(item, username="ada", years=75) == held["yp-old"].versions
    assert store.all_versions("yp-old") == []


def test_an_unreadable_setting_is_refused_naming_it(
    store: Store, neo4j_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("CONNECTIONS_RETENTION_YEARS", "-3")
    result = CliRunner().invoke(main, ["retention", "--dry-run"])
    assert result.exit_code == 1 and "CONNECTIONS_RETENTION_YEARS" in result.output
