"""Restoring an earlier version against a real Neo4j: the network becomes that version again
through the normal save path, in one transaction, as a new version; restrictions, the contact
log and the consent ledger are never taken back; a restore on an out-of-date view writes nothing.
"""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from connections import io
from connections.cli import main
from connections.model import Restriction, parse, parse_network, revise
from connections.store import (
    NotFound,
    NothingToRestore,
    PreconditionFailed,
    RestoreRefused,
    Store,
    document_version,
)
from connections.store.history import acting_as
from tests import consents as c
from tests import factories as f


def _restriction(id: str, person_id: str, **fields: object) -> Restriction:
    values = {"kind": "s34_order", "scope": "no_contact", "starts": "2026-03-01"}
    return parse(Restriction, {"id": id, "person_id": person_id, **values, **fields})


def _bad_import() -> dict:
    """Amy's network as a bad import gave it: Kai and the contact log gone, Rose's closeness
    wrong, and two people who should not be there."""
    document = f.network_document("yp-1")
    document["people"] = [p for p in document["people"] if p["id"] != "p-kai"]
    document["people"] += [
        {"id": "p-bad", "name": "Bad Import", "category": "family"},
        {"id": "p-new", "name": "New Person", "category": "family"},
    ]
    document["relationships"] = [r for r in document["relationships"] if r["person_id"] != "p-kai"]
    document["relationships"] += [
        {"person_id": "p-bad", "role": "cousin"},
        {"person_id": "p-new", "role": "cousin"},
    ]
    document["relationships"][0]["closeness"] = 1
    document["links"] = [link for link in document["links"] if "p-kai" not in link.values()]
    document["contact_log"] = []
    return document


def _current(store: Store, yp: str = "yp-1") -> set[str]:
    return {document_version(store.load_network(yp))}


def test_a_restore_after_a_bad_import_gives_back_the_very_export(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    first = store.version("yp-1", 1)
    store.save_network(parse_network(_bad_import()))
    assert len(store.all_versions("yp-1")) == 2

    with acting_as("Sam Worker", "web"):
        saved = store.restore_version("yp-1", 1, _current(store))

    latest = store.versions("yp-1", limit=1)[0]
    assert latest.number == 3
    assert latest.document == first.document == io.dumps_network(store.load_network("yp-1"))
    assert (latest.by, latest.via) == ("Sam Worker", "web, restore of version 1")
    assert saved.version == document_version(store.load_network("yp-1"))
    # The person only the bad import added is in no one's network now (as after an import).
    assert store.network_count("p-bad") == 0


def test_restrictions_contact_log_and_consents_are_never_taken_back(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.record_consent("yp-1", c.entry(id="ce-1"), "sam")
    store.save_network(parse_network(_bad_import()))
    # Since version 1: a restriction on Rose, one on the new person, an ended one on Ray, and
    # a contact log entry with the new person.
    store.add_restriction("yp-1", _restriction("r-rose", "p-rose"), "sam")
    store.add_restriction("yp-1", _restriction("r-new", "p-new"), "sam")
    store.add_restriction("yp-1", _restriction("r-ray", "p-ray"), "sam")
    ray = next(r for r in store.restrictions("yp-1") if r.restriction.id == "r-ray")
    store.end_restriction("yp-1", "r-ray", date(2026, 6, 1), ray.restriction.version)
    store.add_contact("yp-1", f.contact("c-new", "p-new", date="2026-11-20"))
    before = store.load_network("yp-1")
    ledger = store.consents("yp-1")

    store.restore_version("yp-1", 1, _current(store))

    after = store.load_network("yp-1")
    members = {r.person_id for r in after.relationships}
    assert "p-kai" in members  # removed since: back
    assert "p-bad" not in members  # added since: gone
    assert "p-new" in members  # added since, but a restriction and the contact log name them
    rose = next(r for r in after.relationships if r.person_id == "p-rose")
    assert rose.closeness == 4
    assert sorted(r.model_dump_json() for r in after.restrictions) == sorted(
        r.model_dump_json() for r in before.restrictions
    )
    assert next(r for r in after.restrictions if r.id == "r-ray").ends == date(2026, 6, 1)
    # Today's entries stay; the one the bad import deleted is back.
    assert {e.id for e in after.contact_log} == {"c-new", "c-yp-1-1"}
    assert store.consents("yp-1") == ledger


def test_a_restore_on_an_out_of_date_view_writes_nothing_and_happens_once(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    store.save_network(parse_network(_bad_import()))
    shown = _current(store)
    kai_less = store.load_network("yp-1")
    rose = store.get_relationship("yp-1", "p-rose")
    store.update_relationship("yp-1", revise(rose, {"closeness": 2}))  # meanwhile
    with pytest.raises(PreconditionFailed):
        store.restore_version("yp-1", 1, shown)
    assert len(store.all_versions("yp-1")) == 3

    shown = _current(store)
    store.restore_version("yp-1", 1, shown)
    with pytest.raises(PreconditionFailed):  # the same confirmation sent again
        store.restore_version("yp-1", 1, shown)
    assert len(store.all_versions("yp-1")) == 4

    with pytest.raises(NothingToRestore):
        store.restore_version("yp-1", 4, _current(store))
    with pytest.raises(NotFound):
        store.restore_version("yp-1", 99, _current(store))
    with pytest.raises(NotFound):
        store.restore_version("nobody", 1, {"*"})
    assert store.version("yp-1", 2).document == io.dumps_network(kai_less)


def test_a_restore_may_not_move_a_finding_stage_while_finding_is_paused(store: Store) -> None:
    store.save_network(f.network("yp-1"))  # Rose: committed
    rose = store.get_relationship("yp-1", "p-rose")
    store.update_relationship("yp-1", revise(rose, {"finding_status": "identified"}))
    with pytest.raises(RestoreRefused) as refused:
        store.restore_version("yp-1", 1, _current(store), paused="Family finding is paused: no.")
    assert "Rose Example: family finding stage cannot move past identified" in str(refused.value)
    assert len(store.all_versions("yp-1")) == 2


def test_the_command_line_restores_and_says_what_changed(
    store: Store, neo4j_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    store.save_network(f.network("yp-1"))
    store.save_network(parse_network(_bad_import()))
    result = CliRunner().invoke(main, ["history", "yp-1", "--restore", "1"])
    assert result.exit_code == 0, result.output
    assert "People back: Kai Example" in result.output
    assert "People who left: Bad Import, New Person" in result.output
    assert "never taken back" in result.output
    newest = store.versions("yp-1", limit=1)[0]
    assert newest.via == "command line: main history, restore of version 1"
    again = CliRunner().invoke(main, ["history", "yp-1", "--restore", "3"])
    assert again.exit_code == 1 and "nothing to restore" in again.output
    missing = CliRunner().invoke(main, ["history", "yp-1", "--restore", "9"])
    assert missing.exit_code == 1 and "has no version 9" in missing.output
