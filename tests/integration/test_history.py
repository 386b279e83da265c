"""Network history in a real Neo4j: every change makes a version in its own transaction, and the
network at any instant since is what an export printed then."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from connections import io
from connections.cli import main
from connections.model import revise
from connections.store import NotFound, Store
from connections.store.history import acting_as
from tests import factories as f


def _now() -> datetime:
    time.sleep(0.002)  # versions a tick apart, so an instant falls between them
    return datetime.now(UTC)


def test_every_change_makes_a_version_with_who_and_through_what(store: Store) -> None:
    with acting_as("sam", "web"):
        store.save_network(f.network("yp-1"))
        store.save_network(f.network("yp-2"))  # Rose, Kai and others in both networks
        rose = store.get_relationship("yp-1", "p-rose")
        store.update_relationship("yp-1", revise(rose, {"closeness": 2}))
    with acting_as("cora", "api"):
        store.add_contact("yp-1", f.contact("c-new", "p-kai", date="2026-11-20"))
    numbers = [v.number for v in store.all_versions("yp-1")]
    assert numbers == [1, 2, 3]
    newest = store.versions("yp-1")[0]
    assert (newest.by, newest.via) == ("cora", "api")
    assert newest.document == io.dumps_network(store.load_network("yp-1"))
    assert store.record_version("yp-1") is None  # nothing changed since

    # A change to a person shared by two networks is a version of each.
    before = [len(store.all_versions(yp)) for yp in ("yp-1", "yp-2")]
    person = store.get_person("p-rose")
    store.update_person(revise(person, {"name": "Rose Renamed"}))
    assert [len(store.all_versions(yp)) for yp in ("yp-1", "yp-2")] == [n + 1 for n in before]

    # A removal is a version; the one before it still holds the person and their contact log.
    kai = store.get_relationship("yp-1", "p-kai")
    store.remove_from_network("yp-1", "p-kai", kai.version)
    latest, previous = store.versions("yp-1", limit=2)
    assert "p-kai" not in {p.id for p in latest.network.people}
    assert "c-new" in {c.id for c in previous.network.contact_log}
    with pytest.raises(NotFound):
        store.record_version("nobody")


def test_the_network_at_any_instant_is_the_export_of_that_instant(store: Store) -> None:
    """Random edits: at each instant the version in force is what an export printed then, byte
    for byte; before the first version there is none."""
    chooser = random.Random(2026)
    started = _now()
    store.save_network(f.network("yp-1"))
    exported = [(_now(), io.dumps_network(store.load_network("yp-1")))]
    for _ in range(12):
        relationship = store.get_relationship("yp-1", chooser.choice(["p-rose", "p-kai", "p-jo"]))
        field, value = chooser.choice(
            [("closeness", chooser.randint(0, 4)), ("notes", f"note {chooser.random()}")]
        )
        changes = {field: value}
        if field == "closeness":
            changes["closeness_rated_by"] = "young_person"
        store.update_relationship("yp-1", revise(relationship, changes))
        exported.append((_now(), io.dumps_network(store.load_network("yp-1"))))

    assert store.version_at("yp-1", started) is None
    for instant, text in exported:
        assert store.version_at("yp-1", instant).document == text
    versions = store.all_versions("yp-1")
    assert [v.number for v in versions] == list(range(1, len(versions) + 1))
    assert len({v.document for v in versions}) == len(versions)  # no version without a change
    assert [v.number for v in store.versions("yp-1", limit=3, before=5)] == [4, 3, 2]


@pytest.fixture
def run(store: Store, neo4j_settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    return lambda *args: CliRunner().invoke(main, list(args))


def test_export_at_an_instant_and_the_history_in_words(run, store: Store, tmp_path) -> None:
    path = tmp_path / "network.json"
    path.write_text(io.dumps_network(f.network("yp-1")))
    assert run("import", str(path)).exit_code == 0
    then, text = _now(), io.dumps_network(store.load_network("yp-1"))
    with acting_as("cora", "web"):
        rose = store.get_relationship("yp-1", "p-rose")
        store.update_relationship("yp-1", revise(rose, {"safety": "supervised"}))

    for at in (then.isoformat(), then.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")):
        result = run("export", "yp-1", "--at", at)
        assert result.exit_code == 0, result.output
        assert result.stdout == text
    assert run("export", "yp-1", "--at", _now().isoformat()).stdout != text
    csv_then = run("export", "yp-1", "--at", then.isoformat(), "--format", "csv")
    assert csv_then.exit_code == 0 and "Rose Example" in csv_then.stdout

    early = run("export", "yp-1", "--at", "2020-02-01T00:00:00Z")
    assert early.exit_code == 1 and "the history of yp-1 begins at" in early.output
    for bad in ("yesterday", "2026-03-01T12:00:00"):
        refused = run("export", "yp-1", "--at", bad)
        assert refused.exit_code == 2 and "--at" in refused.output

    lines = run("history", "yp-1").stdout.splitlines()
    assert lines[0].startswith("2\t") and "\tcora (web)\t" in lines[0]
    assert "Rose Example: safety safe -> supervised contact only" in lines[0]
    assert lines[1].startswith("1\t") and "(command line: main import)" in lines[1]
    assert "added Rose Example as grandparent" in lines[1]
    assert timedelta(0) < _now() - then < timedelta(minutes=5)
