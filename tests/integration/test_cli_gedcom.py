"""``connections gedcom``, ``connections import FILE.ged`` and ``export --format gedcom``
against a real Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from connections.cli import main
from connections.gedcom import read_tree, to_network
from connections.model import Safety
from connections.store import Settings, Store
from tests.gedcom_files import EXPECTED, family


@pytest.fixture
def run(store: Store, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args))

    return invoke


@pytest.fixture
def tree_file(tmp_path: Path) -> Path:
    path = tmp_path / "Example Family.GED"  # the extension in any case
    path.write_bytes(family().bytes())
    return path


def test_gedcom_prints_a_network_document_without_a_database(tree_file: Path) -> None:
    result = CliRunner().invoke(main, ["gedcom", str(tree_file), "--young-person", "@YP@"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["format_version"] == 2
    assert document["young_person"]["id"] == "Example-Family-YP"
    assert len(document["people"]) == len(EXPECTED)
    assert "5 left out" in result.stderr


def test_gedcom_options_are_used(tree_file: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "gedcom",
            str(tree_file),
            "--young-person",
            "YP",
            "--id",
            "yp-9",
            "--status",
            "care_leaver",
            "--degree",
            "5",
            "--date-of-birth",
            "2012-01-02",
        ],
    )
    document = json.loads(result.stdout)
    assert document["young_person"] == {
        "id": "yp-9",
        "name": "Amy Example",
        "date_of_birth": "2012-01-02",
        "status": "care_leaver",
        "household": None,
    }
    assert len(document["people"]) == len(EXPECTED) + 1  # the cousin's child, degree 5


def test_an_unreadable_file_names_the_line_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.ged"
    path.write_text(family().text().replace("1 SEX M\n", "1 SEX M\nnot gedcom\n", 1))
    result = CliRunner().invoke(main, ["gedcom", str(path), "--young-person", "YP"])
    assert result.exit_code == 1
    assert "line 18: a line that is not GEDCOM" in result.output
    assert "Traceback" not in result.output


def test_import_of_a_ged_file_saves_the_network(run, store: Store, tree_file: Path) -> None:
    result = run("import", str(tree_file), "--young-person", "YP", "--id", "yp-amy")
    assert result.exit_code == 0, result.output
    assert "Imported yp-amy" in result.stdout
    network = store.load_network("yp-amy")
    assert {p.external_ref for p in network.people} == set(EXPECTED)


def test_reimporting_an_updated_file_merges_and_keeps_the_workers_record(
    run, store: Store, tree_file: Path, tmp_path: Path
) -> None:
    run("import", str(tree_file), "--young-person", "YP", "--id", "yp-amy")
    mother = store.get_relationship("yp-amy", "yp-amy-M")
    store.update_relationship(
        "yp-amy", mother.model_copy(update={"safety": Safety.SAFE, "notes": "Kind."})
    )
    updated = family().person("B", "Baby /Example/").family("F20", "D", "M", ("B",))
    path = tmp_path / "updated.ged"
    path.write_bytes(updated.bytes())
    result = run("import", str(path), "--young-person", "YP", "--id", "yp-amy")
    assert result.exit_code == 0, result.output
    assert "Merged into yp-amy" in result.stdout
    network = store.load_network("yp-amy")
    assert len(network.people) == len(EXPECTED) + 1
    mother = next(r for r in network.relationships if r.person_id == "yp-amy-M")
    assert mother.safety is Safety.SAFE and mother.notes == "Kind."


def test_an_import_that_fails_writes_nothing(run, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "tree.ged"
    path.write_bytes(family().bytes())
    result = run("import", str(path), "--young-person", "YP", "--id", "bad id!")
    assert result.exit_code == 1
    assert "young_person.id" in result.output and "nothing was written" in result.output
    assert store.list_young_people() == []


def test_gedcom_options_are_refused_for_a_json_document(run, tmp_path: Path) -> None:
    path = tmp_path / "network.json"
    path.write_text("{}")
    result = run("import", str(path), "--young-person", "YP")
    assert result.exit_code == 2
    assert "--young-person: only for a GEDCOM (.ged) file" in result.output


def test_export_as_gedcom_round_trips(run, store: Store, tree_file: Path) -> None:
    run("import", str(tree_file), "--young-person", "YP", "--id", "yp-amy")
    result = run("export", "yp-amy", "--format", "gedcom")
    assert result.exit_code == 0, result.output
    assert "2 VERS 5.5.1" in result.stdout
    again = to_network(read_tree(result.stdout.encode()), "I1", "yp-amy").network
    before = store.load_network("yp-amy")

    def kinship(network):
        names = {p.id: p.name for p in network.people}
        return sorted((names[r.person_id], r.role, r.side) for r in network.relationships)

    assert kinship(again) == kinship(before)


def test_a_siblings_tree_shares_the_people_the_same_file_gave_the_first(
    run, store: Store, tree_file: Path
) -> None:
    """One grandmother of two siblings is one person, with what a worker recorded about her."""
    assert run("import", str(tree_file), "--young-person", "@YP@", "--id", "amy").exit_code == 0
    amy = store.load_network("amy")
    gran = next(p for p in amy.people if p.external_ref == "@MGM@")
    store.update_person(gran.model_copy(update={"address": "3 Example Lane"}))

    refused = run(
        "import", str(tree_file), "--young-person", "@S@", "--id", "sam",
        "--date-of-birth", "2014-05-06", "--same-family-as", "nobody",
    )  # fmt: skip
    assert refused.exit_code == 2 and "--same-family-as" in refused.output
    assert "sam" not in {yp.id for yp in store.list_young_people()}  # nothing written

    result = run(
        "import", str(tree_file), "--young-person", "@S@", "--id", "sam",
        "--date-of-birth", "2014-05-06", "--same-family-as", "amy",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sam = store.load_network("sam")
    amy_ids = {p.external_ref: p.id for p in amy.people}
    sam_ids = {p.external_ref: p.id for p in sam.people}
    both = amy_ids.keys() & sam_ids.keys()
    assert {"@M@", "@D@", "@MGM@", "@PGM@"} <= both
    assert all(amy_ids[ref] == sam_ids[ref] for ref in both)
    assert store.network_count(gran.id) == 2
    assert store.get_person(gran.id).address == "3 Example Lane"
    roles = {r.person_id: r.role.value for r in sam.relationships}
    assert roles[gran.id] == "grandparent" and roles[amy_ids["@M@"]] == "mother"
    # Amy is a person in Sam's network (his sister), new to the database.
    assert roles[sam_ids["@YP@"]] == "sibling"


def test_same_family_as_is_refused_with_a_json_document(run, tmp_path: Path) -> None:
    path = tmp_path / "network.json"
    path.write_text(json.dumps({"young_person": {}}))
    result = run("import", str(path), "--same-family-as", "amy")
    assert result.exit_code != 0 and "--same-family-as" in result.output
