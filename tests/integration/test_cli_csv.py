"""`connections import FILE.csv --young-person ID` and `connections export ID --format csv`
against a real Neo4j: the round trip, merging, and all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from connections.cli import main
from connections.model import Safety
from connections.store import Settings, Store
from tests import factories as f


@pytest.fixture
def run(store: Store, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args))

    return invoke


def test_export_as_csv_then_import_changes_nothing(run, store: Store, tmp_path: Path) -> None:
    store.save_network(f.network("yp-1"))
    before = store.load_network("yp-1")
    exported = run("export", "yp-1", "--format", "csv")
    assert exported.exit_code == 0, exported.output
    assert exported.output.startswith("Id,Name,Role,Category,")
    path = tmp_path / "amy.CSV"  # the extension in any case
    path.write_text(exported.output, encoding="utf-8")
    result = run("import", str(path), "--young-person", "yp-1")
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 5 unchanged" in result.output
    after = store.load_network("yp-1")
    assert after.to_document() == before.to_document()
    assert after.person("p-rose").version == before.person("p-rose").version  # not rewritten
    assert run("export", "yp-1", "--format", "csv").output == exported.output


def test_a_csv_adds_and_updates_and_never_removes(run, store: Store, tmp_path: Path) -> None:
    store.save_network(f.network("yp-1"))
    path = tmp_path / "more.csv"
    path.write_text(
        "Id,Name,Role,Category,Safety\n"
        "p-ray,Ray Example,Aunt or uncle,Family,Supervised contact only\n"
        ",Nan Oak,Grandparent,Family,Safe\n",
        encoding="utf-8",
    )
    result = run("import", str(path), "--young-person", "yp-1")
    assert result.exit_code == 0, result.output
    assert "1 added, 1 updated, 0 unchanged" in result.output
    network = store.load_network("yp-1")
    assert len(network.people) == 6
    assert "Nan Oak" in {person.name for person in network.people}
    ray = next(r for r in network.relationships if r.person_id == "p-ray")
    assert ray.safety is Safety.SUPERVISED
    assert ray.safety_note == "Court order."  # not in the file: kept
    assert len(network.links) == 3 and len(network.contact_log) == 1  # kept


def test_one_bad_row_writes_nothing(run, store: Store, tmp_path: Path) -> None:
    store.save_network(f.network("yp-1"))
    before = store.load_network("yp-1")
    path = tmp_path / "bad.csv"
    path.write_text(
        "Name,Role,Category,Safety\n"
        "Nan Oak,Grandparent,Family,Safe\n"
        "Bad Row,Friend,Friend,sometimes\n"
        "Also Fine,Friend,Friend,Safe\n",
        encoding="utf-8",
    )
    result = run("import", str(path), "--young-person", "yp-1")
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert 'row 3, column D (Safety): "sometimes" is not one of' in result.output
    assert store.load_network("yp-1").to_document() == before.to_document()


def test_the_young_person_must_exist_and_be_named(run, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Role,Category\nNan Oak,Grandparent,Family\n", encoding="utf-8")
    missing = run("import", str(path), "--young-person", "nobody")
    assert missing.exit_code == 1
    assert "No young person with id 'nobody'" in missing.output
    unnamed = run("import", str(path))
    assert unnamed.exit_code == 2
    assert "needs --young-person ID" in unnamed.output
    assert store.list_young_people() == []
