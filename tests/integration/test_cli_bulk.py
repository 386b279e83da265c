"""`connections import` of a folder, a JSON Lines file and standard input, against the real
Neo4j: each document all or nothing, the refused named by file or line with the reason, the
others saved, exit status 1 when anything was refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from connections import cli_bulk
from connections.cli import main
from connections.store import NotFound, Settings, Store
from tests import factories as f


@pytest.fixture
def run(store: Store, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)

    def invoke(*args: str, stdin: str | None = None) -> Result:
        return CliRunner().invoke(main, list(args), input=stdin)

    return invoke


def document(yp_id: str) -> dict:
    return f.network_document(yp_id)


def test_a_folder_saves_the_good_and_names_the_bad(run, store: Store, tmp_path: Path) -> None:
    for yp in ("yp-a", "yp-b"):
        (tmp_path / f"{yp}.json").write_text(json.dumps(document(yp)))
    bad = document("yp-bad")
    bad["relationships"][0]["closeness"] = 9
    (tmp_path / "yp-bad.json").write_text(json.dumps(bad))
    (tmp_path / "notes.txt").write_text("not a document")
    result = run("import", str(tmp_path))
    assert result.exit_code == 1
    assert "Imported 2 networks" in result.output
    assert "yp-bad.json: relationships[0].closeness" in result.output
    assert {yp.id for yp in store.list_young_people()} == {"yp-a", "yp-b"}


def test_json_lines_names_the_line_and_standard_input_works(
    run, store: Store, tmp_path: Path
) -> None:
    lines = [json.dumps(document("yp-1")), "", "{not json", json.dumps(document("yp-2"))]
    path = tmp_path / "cohort.JSONL"
    path.write_text("\n".join(lines) + "\n")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "cohort.JSONL line 3: line 1, column 2" in result.output
    assert {yp.id for yp in store.list_young_people()} == {"yp-1", "yp-2"}

    result = run("import", "-", stdin=json.dumps(document("yp-3")) + "\n")
    assert result.exit_code == 0, result.output
    assert "Imported 1 networks" in result.output
    store.get_young_person("yp-3")


def test_a_document_the_database_refuses_is_refused_alone(
    run, store: Store, tmp_path: Path
) -> None:
    # A restriction id held by another young person is refused by the database's check, inside
    # the batch's transaction: the batch is saved again one by one, refusing only that document.
    first = document("yp-first")
    person = first["people"][0]["id"]
    restriction = {
        "id": "r-shared",
        "person_id": person,
        "kind": "s34_order",
        "scope": "no_contact",
        "starts": "2026-01-01",
    }
    first["restrictions"] = [restriction]
    assert run("import", "-", stdin=json.dumps(first) + "\n").exit_code == 0
    clash = document("yp-clash")
    clash["restrictions"] = [{**restriction, "person_id": clash["people"][0]["id"]}]
    lines = [json.dumps(document("yp-ok")), json.dumps(clash)]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(lines))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "two.jsonl line 2: restrictions[0].id" in result.output
    store.get_young_person("yp-ok")
    with pytest.raises(NotFound):
        store.get_young_person("yp-clash")


def _sibling_document(yp_id: str, sibling_person: str, marks: str) -> dict:
    """A network whose only person is a sibling marked as young person ``marks``."""
    return {
        "young_person": {
            "id": yp_id,
            "name": yp_id.removeprefix("yp-").title(),
            "date_of_birth": "2012-01-01",
            "status": "in_care",
        },
        "people": [
            {
                "id": sibling_person,
                "name": sibling_person,
                "category": "family",
                "young_person_id": marks,
            }
        ],
        "relationships": [{"person_id": sibling_person, "role": "sibling", "contact": "lost"}],
    }


@pytest.mark.parametrize("batch_size", [1, 2, 200])
def test_a_mark_of_a_young_person_arriving_later_in_the_run_is_saved(
    store: Store, tmp_path: Path, batch_size: int
) -> None:
    # amy marks bo, who arrives later (in a later batch when batches are small); bo and cy mark
    # each other and both come after amy; eve marks nobody who ever arrives: only eve is refused,
    # naming the field, and nothing of hers is written.
    documents = [
        _sibling_document("yp-amy", "p-amy-bo", "yp-bo"),
        _sibling_document("yp-eve", "p-eve-x", "yp-nobody"),
        document("yp-plain"),
        _sibling_document("yp-bo", "p-bo-cy", "yp-cy"),
        _sibling_document("yp-cy", "p-cy-bo", "yp-bo"),
    ]
    path = tmp_path / "siblings.jsonl"
    path.write_text("".join(json.dumps(one) + "\n" for one in documents))
    outcome = cli_bulk.import_many(store, path, batch_size)
    assert outcome.saved == 4
    assert outcome.refused == [
        (
            "siblings.jsonl line 2",
            'people[0].young_person_id: "yp-nobody" is not a young person known to the service',
        )
    ]
    assert {yp.id for yp in store.list_young_people()} == {"yp-amy", "yp-plain", "yp-bo", "yp-cy"}
    assert store.load_network("yp-amy").person("p-amy-bo").young_person_id == "yp-bo"
    assert store.load_network("yp-bo").person("p-bo-cy").young_person_id == "yp-cy"
    assert store.load_network("yp-cy").person("p-cy-bo").young_person_id == "yp-bo"
    with pytest.raises(NotFound):
        store.load_network("yp-eve")


def test_a_held_back_document_refused_for_another_reason_names_it(
    run, store: Store, tmp_path: Path
) -> None:
    # Held back for its mark (yp-plain comes later), then refused at the end with the
    # database's reason: yp-plain holds p-shared in their own network, so p-shared cannot be
    # yp-plain.
    later = _sibling_document("yp-later", "p-shared", "yp-plain")
    lines = [json.dumps(later), json.dumps(document("yp-plain"))]
    owner = document("yp-plain")
    owner["people"].append({"id": "p-shared", "name": "Shared", "category": "family"})
    owner["relationships"].append({"person_id": "p-shared", "role": "sibling", "contact": "lost"})
    lines[1] = json.dumps(owner)
    path = tmp_path / "own.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "own.jsonl line 1: people[0].young_person_id:" in result.output
    assert "own network" in result.output
    with pytest.raises(NotFound):
        store.get_young_person("yp-later")
    store.get_young_person("yp-plain")
