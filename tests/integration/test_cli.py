"""The `connections` command against a real Neo4j: demo data, import/export, scores, cohort."""

from __future__ import annotations

import csv
import io as text_io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from connections import cohort, csvfile, devdb, io, scoring
from connections.cli import main
from connections.store import Settings, Store
from tests import factories as f
from tests.bolt_proxy import BoltProxy
from tests.conftest import AS_OF


@pytest.fixture
def run(store: Store, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def _export_all(run, store: Store) -> dict[str, str]:
    return {yp.id: run("export", yp.id).output for yp in store.list_young_people()}


def test_demo_is_the_same_for_the_same_seed(run, store: Store) -> None:
    args = ("demo", "--young-people", "12", "--seed", "5", "--as-of", "2026-01-01", "--replace")
    assert run(*args).exit_code == 0
    first = _export_all(run, store)
    assert run(*args).exit_code == 0
    assert _export_all(run, store) == first
    assert len(first) == 12
    run("demo", "--young-people", "12", "--seed", "6", "--as-of", "2026-01-01", "--replace")
    assert _export_all(run, store) != first


def test_demo_shares_people_between_young_people(run, store: Store) -> None:
    run("demo", "--young-people", "40", "--seed", "3", "--as-of", "2026-01-01", "--replace")
    shared = store.driver.execute_query(
        "MATCH (p:Person)<-[:RELATIONSHIP]-(y:YoungPerson) WITH p, count(y) AS n WHERE n > 1 "
        "RETURN count(p) AS shared",
        database_=store.database,
    ).records[0]["shared"]
    assert shared > 0


def test_export_then_import_round_trips(run, store: Store, tmp_path: Path) -> None:
    store.save_network(f.network("yp-1"))
    exported = run("export", "yp-1").output
    path = tmp_path / "yp-1.json"
    path.write_text(exported)
    store.clear()
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "Imported yp-1: 5 people" in result.output
    assert run("export", "yp-1").output == exported


def test_an_invalid_import_says_where_and_writes_nothing(run, store: Store, tmp_path: Path):
    document = f.network_document("yp-1")
    document["relationships"][3]["safety"] = "sometimes"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1
    assert 'relationships[3].safety: "sometimes" is not one of' in result.output
    assert "nothing was written" in result.output
    assert store.count_young_people() == 0


@pytest.fixture
def proxy(neo4j_settings: Settings) -> Iterator[BoltProxy]:
    proxy = BoltProxy(int(neo4j_settings.uri.rsplit(":", 1)[1]))
    proxy.start()
    yield proxy
    proxy.stop()


def test_an_import_cut_off_in_its_commit_says_so_and_is_safe_to_run_again(
    store: Store, proxy: BoltProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", proxy.uri)
    path = tmp_path / "yp-1.json"
    path.write_text(io.dumps_network(f.network("yp-1")))
    # The connection drops after the import's COMMIT reached Neo4j, before its answer came back.
    proxy.cut_commit_of("UNWIND $young_people AS row")
    result = CliRunner().invoke(main, ["import", str(path)])
    assert proxy.commit_cut.is_set()
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: the connection to the database was lost while the import of yp-1 was being "
        "committed, so whether it was saved is unknown. Running the same import again is safe"
    ), result.stderr
    assert "cannot be reached" not in result.output
    # It had committed.
    exported = CliRunner().invoke(main, ["export", "yp-1"]).output
    assert exported == path.read_text()

    again = CliRunner().invoke(main, ["import", str(path)])
    assert again.exit_code == 0, again.output
    assert CliRunner().invoke(main, ["export", "yp-1"]).output == exported
    assert store.count_young_people() == 1
    assert len(store.load_network("yp-1").people) == len(f.network("yp-1").people)


BAD = f.bad_documents("yp-1")


@pytest.mark.parametrize(("what", "text", "path", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_documents_are_refused_naming_the_place_and_nothing_is_written(
    run, store: Store, tmp_path: Path, what: str, text: str, path: str, words: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(text, encoding="utf-8")
    result = run("import", str(file))  # an exception other than the exit would fail the test
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert (f"  {path}: " if path else "  line ") in result.output
    assert words in result.output
    assert store.count_young_people() == 0


def test_a_number_too_long_to_read_is_one_clear_message(
    store: Store, neo4j_settings: Settings, tmp_path: Path
) -> None:
    """The real command, as a user runs it: no traceback, the line named."""
    what, text, _, words = BAD[0]
    file = tmp_path / "huge.json"
    file.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "connections.cli", "import", str(file)],
        capture_output=True,
        text=True,
        env={**os.environ, "NEO4J_URI": neo4j_settings.uri},
    )
    assert result.returncode == 1, what
    assert "Traceback" not in result.stderr
    assert words in result.stderr and "nothing was written" in result.stderr
    assert store.count_young_people() == 0


def test_export_of_an_unknown_young_person_is_a_clear_error(run) -> None:
    result = CliRunner().invoke(main, ["export", "yp-nobody"])
    assert result.exit_code == 1
    assert "No young person with id 'yp-nobody'" in result.output


def test_score_a_file_needs_no_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{devdb.free_port()}")  # nothing there
    path = tmp_path / "network.json"
    path.write_text(io.dumps_network(f.network()))
    result = CliRunner().invoke(main, ["score", str(path), "--as-of", "2026-11-22"])
    assert result.exit_code == 0, result.output
    report = scoring.score(f.network(), AS_OF)
    assert f"{report.status.value}  score {report.score:.1f}" in result.output
    assert report.gaps[0] in result.output
    as_json = CliRunner().invoke(
        main, ["score", str(path), "--as-of", "2026-11-22", "--format", "json"]
    )
    assert json.loads(as_json.output) == report.to_dict()


def test_scores_from_neo4j_and_from_json_are_identical(run, store: Store, tmp_path: Path):
    run("demo", "--young-people", "25", "--seed", "9", "--as-of", "2026-11-01", "--replace")
    for young_person in store.list_young_people():
        path = tmp_path / f"{young_person.id}.json"
        path.write_text(run("export", young_person.id).output)
        from_file = run("score", str(path), "--as-of", "2026-11-22", "--format", "json").output
        from_db = run(
            "score", "--young-person", young_person.id, "--as-of", "2026-11-22", "--format", "json"
        ).output
        assert json.loads(from_file) == json.loads(from_db)


def test_cohort_streams_the_same_scores_as_one_by_one(
    run, store: Store, neo4j_settings: Settings
) -> None:
    run("demo", "--young-people", "30", "--seed", "4", "--as-of", "2026-11-01", "--replace")
    expected = list(
        cohort.rows(
            (
                store.load_network(yp.id)
                for yp in sorted(store.list_young_people(), key=lambda yp: yp.id)
            ),
            AS_OF,
        )
    )
    assert any(row.restrictions_to_review for row in expected)  # the demo has some to review
    for workers in (1, 2, 3):  # 5 batches: 3 workers may finish them out of order
        rows = list(cohort.stream_from_store(neo4j_settings, AS_OF, batch_size=7, workers=workers))
        assert rows == expected


def test_cohort_command_formats(run, store: Store) -> None:
    run("demo", "--young-people", "30", "--seed", "4", "--as-of", "2026-11-01", "--replace")
    as_json = json.loads(run("cohort", "--as-of", "2026-11-22", "--format", "json").stdout)
    rows, totals = as_json["young_people"], as_json["totals"]
    assert totals["young_people"] == len(rows) == 30
    assert totals["mission_met"] == sum(row["qualifying_now"] >= 2 for row in rows)
    assert sum(totals["by_status"].values()) == 30
    for row in totals["priority"]:
        assert row["coverage"] in {"RED", "AMBER"} and row["next_milestone_date"] <= "2027-11-22"
    dates = [row["next_milestone_date"] for row in totals["priority"]]
    assert dates == sorted(dates)

    table = run("cohort", "--as-of", "2026-11-22", "--workers", "1").output
    assert "30 young people; mission met:" in table
    as_csv = list(csv.DictReader(text_io.StringIO(run("cohort", "--format", "csv").stdout)))
    assert len(as_csv) == 30 and {"coverage", "score", "most_urgent_gap"} <= set(as_csv[0])


def test_init_applies_the_schema_twice(run) -> None:
    assert "Schema applied" in run("init").output
    assert run("init").exit_code == 0


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+44 7700 900123", "-2+3", "@SUM(A1:A9)"]


def test_cohort_csv_file_neutralises_formulas(
    store: Store, neo4j_settings: Settings, tmp_path: Path
) -> None:
    """The file a user opens in a spreadsheet: names that start like a formula stay text."""
    for index, name in enumerate([*FORMULAS, "Amy Example"]):
        store.save_network(
            f.network(f"yp-{index}").model_copy(
                update={"young_person": f.young_person(f"yp-{index}", name=name)}
            )
        )
    path = tmp_path / "cohort.csv"
    with path.open("w", encoding="utf-8", newline="") as output:
        subprocess.run(
            [sys.executable, "-m", "connections.cli", "cohort", "--format", "csv"],
            stdout=output,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NEO4J_URI": neo4j_settings.uri},
            check=True,
        )
    with path.open(encoding="utf-8", newline="") as written:
        rows = list(csv.DictReader(written))
    names = {row["young_person_id"]: row["name"] for row in rows}
    assert names == {
        **{f"yp-{index}": "'" + name for index, name in enumerate(FORMULAS)},
        f"yp-{len(FORMULAS)}": "Amy Example",
    }
    for row in rows:
        assert not any(cell.startswith(csvfile.FORMULA_STARTS) for cell in row.values()), row
        assert float(row["score"]) >= 0  # numbers are still numbers


def test_every_formula_start_is_neutralised_in_a_written_file(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    cells = ["=1+1", "+1", "-1", "@A1", "\tTab", "\rReturn", "plain", "", None, 3, -1.5]
    with path.open("w", encoding="utf-8", newline="") as output:
        csvfile.csv_writer(output).writerow(cells)
    with path.open(encoding="utf-8", newline="") as written:
        (row,) = list(csv.reader(written))
    assert row == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A1",
        "'\tTab",
        "'\rReturn",
        "plain",
        "",
        "",
        "3",
        "-1.5",
    ]


def test_cohort_table_starts_with_a_header_row(run) -> None:
    run("demo", "--young-people", "5", "--seed", "4", "--as-of", "2026-11-01", "--replace")
    lines = run("cohort", "--as-of", "2026-11-22", "--workers", "1").stdout.splitlines()
    assert lines[0].split() == [
        "id", "name", "age", "status", "score", "loving", "next", "most", "urgent", "gap"
    ]  # fmt: skip
    assert lines[1].startswith("yp-")
    # The header's columns line up with the rows': each row's status starts under "status".
    status_at = lines[0].index("status")
    for line in lines[1:6]:
        assert line[status_at:].split()[0] in {"RED", "AMBER", "GREEN"}, line


def test_user_list_starts_with_a_header_row(run, store: Store) -> None:
    run("demo", "--young-people", "3", "--seed", "4", "--as-of", "2026-11-01", "--replace")
    run("demo", "--young-people", "3", "--seed", "4", "--as-of", "2026-11-01", "--users")
    lines = run("user", "list").stdout.splitlines()
    assert lines[0] == "username\trole\tstate\tallocated\tname"
    assert "demo-coordinator\tcoordinator\tactive\t3\tDemo Coordinator" in lines[1:]


def test_demo_shows_progress_on_standard_error(run) -> None:
    result = run("demo", "--young-people", "7", "--batch-size", "3", "--replace", "--users")
    assert result.exit_code == 0
    for step in ("Emptying the database", "Applying the schema", "Loading young people",
                 "Creating the demo sign-ins"):  # fmt: skip
        assert step in result.stderr
        assert step not in result.stdout
    assert result.stdout.startswith("Loaded 7 young people")


def test_bulk_save_reports_each_committed_batch(store: Store) -> None:
    saved: list[int] = []
    store.bulk_save((f.network(f"yp-{n}") for n in range(7)), 3, on_saved=saved.append)
    assert saved == [3, 3, 1]
    assert store.count_young_people() == 7


def test_score_of_a_bad_file_does_not_say_it_wrote_nothing(tmp_path: Path) -> None:
    document = f.network_document("yp-1")
    document["relationships"][0]["closeness"] = 9
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the input is not valid:")
    assert "relationships[0].closeness" in result.stderr
    assert "written" not in result.stderr


def test_the_user_commands_do_not_import_the_main_command() -> None:
    # connections.cli imports connections.cli_users to register `user`; never the other way.
    code = "import sys, connections.cli_users; print('connections.cli' in sys.modules)"
    imported = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert imported.stdout.strip() == "False"
