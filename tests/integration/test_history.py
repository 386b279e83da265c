"""Network history in a real Neo4j: versions kept, numbered, and read back as they were."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from connections import io
from connections.cli import main
from connections.model import revise
from connections.store import NotFound, Store
from connections.store.history import acting_as
from tests import factories as f

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_a_version_is_kept_only_when_the_network_changed(store: Store) -> None:
    store.save_network(f.network("yp-1"))
    with acting_as("sam", "web"):
        assert store.record_version("yp-1", T0) == 1
        assert store.record_version("yp-1", T0 + timedelta(minutes=1)) is None  # no change
        rose = store.get_relationship("yp-1", "p-rose")
        store.update_relationship("yp-1", revise(rose, {"closeness": 2}))
        assert store.record_version("yp-1", T0 + timedelta(minutes=2)) == 2
    newest, oldest = store.versions("yp-1")
    assert (newest.number, newest.by, newest.via) == (2, "sam", "web")
    assert oldest.network.to_document() != newest.network.to_document()
    assert newest.document == io.dumps_network(store.load_network("yp-1"))
    with pytest.raises(NotFound):
        store.record_version("nobody")


def test_the_network_at_any_instant_is_the_export_of_that_instant(store: Store) -> None:
    """Random edits at random times: at each instant the version in force is what an export
    printed then, byte for byte; before the first version there is none."""
    chooser = random.Random(2026)
    store.save_network(f.network("yp-1"))
    exported: list[tuple[datetime, str]] = []
    at = T0
    for _ in range(12):
        relationship = store.get_relationship("yp-1", chooser.choice(["p-rose", "p-kai", "p-jo"]))
        field, value = chooser.choice(
            [("closeness", chooser.randint(0, 4)), ("notes", f"note {chooser.random()}")]
        )
        changes = {field: value}
        if field == "closeness":
            changes["closeness_rated_by"] = "young_person"
        store.update_relationship("yp-1", revise(relationship, changes))
        at += timedelta(minutes=chooser.randint(1, 600))
        if store.record_version("yp-1", at) is not None:
            exported.append((at, io.dumps_network(store.load_network("yp-1"))))

    assert store.version_at("yp-1", T0 - timedelta(seconds=1)) is None
    assert store.history_began("yp-1") == exported[0][0]
    for index, (saved_at, text) in enumerate(exported):
        assert store.version_at("yp-1", saved_at).document == text
        later = exported[index + 1][0] if index + 1 < len(exported) else saved_at + timedelta(1)
        assert store.version_at("yp-1", later - timedelta(microseconds=1)).document == text
    numbers = [v.number for v in store.all_versions("yp-1")]
    assert numbers == list(range(1, len(exported) + 1))
    assert [v.number for v in store.versions("yp-1", limit=3, before=5)] == [4, 3, 2]


@pytest.fixture
def run(store: Store, neo4j_settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    return lambda *args: CliRunner().invoke(main, list(args))


def test_export_at_an_instant_and_the_history_in_words(run, store: Store) -> None:
    store.save_network(f.network("yp-1"))
    with acting_as("sam", "cli import"):
        store.record_version("yp-1", T0)
    then = io.dumps_network(store.load_network("yp-1"))
    rose = store.get_relationship("yp-1", "p-rose")
    store.update_relationship("yp-1", revise(rose, {"safety": "supervised"}))
    with acting_as("cora", "web"):
        store.record_version("yp-1", T0 + timedelta(days=1))

    for at in ("2026-03-01T12:00:00Z", "2026-03-01T13:30:00+01:00", "2026-03-02T11:59:59Z"):
        result = run("export", "yp-1", "--at", at)
        assert result.exit_code == 0, result.output
        assert result.stdout == then
    assert run("export", "yp-1", "--at", "2026-03-02T12:00:00Z").stdout != then
    csv_then = run("export", "yp-1", "--at", "2026-03-01T12:00:00Z", "--format", "csv")
    assert csv_then.exit_code == 0 and "Rose Example" in csv_then.stdout

    early = run("export", "yp-1", "--at", "2026-02-01T00:00:00Z")
    assert early.exit_code == 1 and "history of yp-1 begins at 2026-03-01T12:00:00+00:00" in (
        early.output
    )
    for bad in ("yesterday", "2026-03-01T12:00:00"):
        refused = run("export", "yp-1", "--at", bad)
        assert refused.exit_code == 2 and "--at" in refused.output

    lines = run("history", "yp-1").stdout.splitlines()
    assert lines[0].startswith("2\t2026-03-02T12:00:00+00:00\tcora (web)\t")
    assert "Rose Example: safety safe -> supervised contact only" in lines[0]
    assert lines[1].startswith("1\t") and "sam (cli import)" in lines[1]
    assert "added Rose Example as grandparent" in lines[1]
