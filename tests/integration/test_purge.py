"""Purging an entry made on the wrong child, in a real Neo4j: gone from the live graph and every
version of that network, other networks untouched, the purge audited and no new version made."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from connections import io
from connections.cli import main
from connections.model import InvalidInput, Restriction, parse, revise
from connections.purge import PurgeKind
from connections.store import NotFound, Store
from tests import factories as f

WRONG_NAME = "Zebedee Wrongchild"
WRONG_ADDRESS = "99 Misfiled Lane"
WRONG_NOTE = "Belongs to another family entirely"
WRONG_VISIT = "Visited at the misfiled address"


def _strings_in_graph(store: Store, text: str) -> list[str]:
    """Every node or relationship property anywhere in the database that contains ``text``."""
    nodes, _, _ = store.driver.execute_query(
        "MATCH (n) RETURN labels(n) AS what, properties(n) AS p"
    )
    edges, _, _ = store.driver.execute_query(
        "MATCH ()-[r]->() RETURN [type(r)] AS what, properties(r) AS p"
    )
    return [
        f"{record['what'][0]}.{key}"
        for record in [*nodes, *edges]
        for key, value in record["p"].items()
        if text in str(value)
    ]


def _wrong_entry(store: Store) -> None:
    """A person added to yp-1 by mistake, with everything that can hang on them, then edited."""
    store.create_person(f.person("p-wrong", name=WRONG_NAME, address=WRONG_ADDRESS))
    store.create_relationship(
        "yp-1", f.relationship("p-wrong", role="aunt_uncle", notes=WRONG_NOTE)
    )
    store.create_link(f.link("p-wrong", "p-rose", "sibling"))
    store.add_contact("yp-1", f.contact("c-wrong", "p-wrong", note=WRONG_VISIT))
    store.add_restriction(
        "yp-1",
        parse(
            Restriction,
            {
                "id": "r-wrong",
                "person_id": "p-wrong",
                "kind": "other",
                "scope": "supervised",
                "starts": date(2026, 10, 1),
                "note": WRONG_NOTE,
            },
        ),
        "sam",
    )
    relationship = store.get_relationship("yp-1", "p-wrong")
    store.update_relationship(
        "yp-1", revise(relationship, {"closeness": 2, "closeness_rated_by": "worker"})
    )


def test_a_person_added_to_the_wrong_child_is_gone_from_every_version(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))
    _wrong_entry(store)
    # An ordinary edit after the mistake: that version holds the person too.
    rose = store.get_relationship("yp-1", "p-rose")
    store.update_relationship(
        "yp-1", revise(rose, {"closeness": 3, "closeness_rated_by": "young_person"})
    )
    before = store.all_versions("yp-1")
    other_before = [(v.number, v.document) for v in store.all_versions("yp-2")]
    assert any(WRONG_NAME in v.document for v in before)

    shown = store.purge_plan("yp-1", PurgeKind.PERSON, "p-wrong")
    assert shown.found and shown.in_live_network and shown.person.name == WRONG_NAME
    assert (len(shown.contacts), shown.restrictions, shown.links) == (1, 1, 1)
    assert shown.other_networks == 0
    assert shown.versions == tuple(v.number for v in before if WRONG_NAME in v.document)

    result = store.purge_entry(
        "yp-1", PurgeKind.PERSON, "p-wrong", username="ada", reason="added to the wrong child"
    )
    assert result.person_deleted and result.live_removed
    assert result.versions_rewritten == shown.versions

    after = store.all_versions("yp-1")
    # Numbers, times and authors stay; no version is added by the purge.
    assert [(v.number, v.at, v.by) for v in after] == [(v.number, v.at, v.by) for v in before]
    for version in after:
        for text in (WRONG_NAME, WRONG_ADDRESS, WRONG_NOTE, WRONG_VISIT, "p-wrong", "r-wrong"):
            assert text not in version.document
        # Still the canonical export form of a valid network.
        assert io.dumps_network(io.loads_network(version.document)) == version.document
    # The latest version is what an export of today's network gives.
    assert after[-1].document == io.dumps_network(store.load_network("yp-1"))
    # Versions that held no trace of the mistake are byte for byte as they were.
    untouched = {v.number for v in before} - set(shown.versions)
    assert {v.number: v.document for v in after if v.number in untouched} == {
        v.number: v.document for v in before if v.number in untouched
    }
    # Another network's versions are untouched.
    assert [(v.number, v.document) for v in store.all_versions("yp-2")] == other_before

    for text in (WRONG_NAME, WRONG_ADDRESS, WRONG_NOTE, WRONG_VISIT):
        assert _strings_in_graph(store, text) == []
    purge_event = store.audit_events("yp-1")[0]
    assert (purge_event.username, purge_event.action) == ("ada", "purge")
    assert "p-wrong" in purge_event.detail and "added to the wrong child" in purge_event.detail

    # The next edit makes a version as usual, without the purged person.
    store.update_relationship(
        "yp-1",
        revise(
            store.get_relationship("yp-1", "p-rose"),
            {"closeness": 4, "closeness_rated_by": "young_person"},
        ),
    )
    latest = store.all_versions("yp-1")[-1]
    assert latest.number == after[-1].number + 1 and WRONG_NAME not in latest.document


def test_a_shared_person_purged_from_one_network_stays_in_the_others(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))  # Rose is in both
    other_before = [(v.number, v.document) for v in store.all_versions("yp-2")]
    assert store.purge_plan("yp-1", PurgeKind.PERSON, "p-rose").other_networks == 1

    result = store.purge_entry(
        "yp-1", PurgeKind.PERSON, "p-rose", username="ada", reason="wrong child"
    )
    assert not result.person_deleted
    assert store.get_person("p-rose").name == "Rose Example"
    assert all("Rose Example" not in v.document for v in store.all_versions("yp-1"))
    assert "p-rose" not in {p.id for p in store.load_network("yp-1").people}
    assert [(v.number, v.document) for v in store.all_versions("yp-2")] == other_before
    assert "p-rose" in {p.id for p in store.load_network("yp-2").people}
    # A link between two people yp-2 still holds stays (Rose is Ray's parent there).
    assert any(link.source == "p-rose" for link in store.load_network("yp-2").links)


def test_one_contact_entry_is_purged_from_versions_and_from_the_audit_quote(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    entry = store.add_contact("yp-1", f.contact("c-misfiled", "p-kai", note=WRONG_VISIT))
    # Removed from the log the ordinary way first: the audit trail quoted it, versions held it.
    removed = store.remove_contact("yp-1", "c-misfiled", entry.version)
    store.record_audit(
        "sam", "change", "yp-1", f'contact removed: c-misfiled {{"note": "{removed.note}"}}'
    )
    store.record_audit("sam", "change", "yp-1", 'contact removed: c-misfiled2 {"note": "kept"}')
    assert any(WRONG_VISIT in v.document for v in store.all_versions("yp-1"))

    shown = store.purge_plan("yp-1", PurgeKind.CONTACT, "c-misfiled")
    assert shown.found and not shown.in_live_network and shown.contacts[0].note == WRONG_VISIT
    result = store.purge_entry(
        "yp-1", PurgeKind.CONTACT, "c-misfiled", username="ada", reason="wrong child's log"
    )
    assert result.audit_events_redacted == 1
    assert _strings_in_graph(store, WRONG_VISIT) == []
    assert "Kai Example" in store.all_versions("yp-1")[-1].document  # only the entry went
    details = [event.detail for event in store.audit_events("yp-1")]
    assert 'contact removed: c-misfiled2 {"note": "kept"}' in details


def test_a_purge_needs_a_reason_and_an_entry_that_exists(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    count = len(store.all_versions("yp-1"))
    with pytest.raises(InvalidInput) as refused:
        store.purge_entry("yp-1", PurgeKind.PERSON, "p-rose", username="ada", reason="  ")
    assert refused.value.errors[0].path == "reason"
    with pytest.raises(NotFound):
        store.purge_entry("yp-1", PurgeKind.PERSON, "p-nobody", username="ada", reason="x")
    with pytest.raises(NotFound):
        store.purge_plan("yp-nobody", PurgeKind.PERSON, "p-rose")
    assert not store.purge_plan("yp-1", PurgeKind.CONTACT, "c-nothing").found
    assert len(store.all_versions("yp-1")) == count
    assert "Rose Example" in store.all_versions("yp-1")[-1].document


def test_the_purge_command_says_what_goes_and_needs_yes(
    store: Store, neo4j_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    store.save_network(f.network("yp-1"))
    _wrong_entry(store)
    runner = CliRunner()
    shown = runner.invoke(
        main, ["purge", "yp-1", "person", "p-wrong", "--reason", "wrong child"], input="n\n"
    )
    assert shown.exit_code == 1, shown.output
    assert WRONG_NAME in shown.output and "Nothing was purged" in shown.output
    assert any(WRONG_NAME in v.document for v in store.all_versions("yp-1"))

    done = runner.invoke(
        main, ["purge", "yp-1", "person", "p-wrong", "--reason", "wrong child", "--yes"]
    )
    assert done.exit_code == 0, done.output
    assert "versions rewritten" in done.output
    assert all(WRONG_NAME not in v.document for v in store.all_versions("yp-1"))
    first = store.all_versions("yp-1")[0]
    exported = runner.invoke(main, ["export", "yp-1", "--at", first.at.isoformat()])
    assert exported.output == first.document and WRONG_NAME not in exported.output
    missing = runner.invoke(main, ["purge", "yp-1", "person", "p-wrong", "--reason", "x", "--yes"])
    assert missing.exit_code == 1 and "p-wrong" in missing.output
