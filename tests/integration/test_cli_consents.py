"""`connections consents YP_ID` and the demo's consent ledgers against a real Neo4j."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from connections.cli import main
from connections.consent import Party, family_finding_paused
from connections.store import Settings, Store
from tests import factories
from tests.conftest import AS_OF
from tests.consents import entry


@pytest.fixture
def run(store: Store, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_consents_lists_the_ledger_and_each_purposes_state(run, store: Store) -> None:
    store.create_young_person(factories.young_person("yp-1", date_of_birth="2012-05-01"))
    store.record_consent("yp-1", entry(id="ce-1", day="2026-03-01"), "cora")
    withdrawn = entry(
        id="ce-2",
        party="parental_responsibility",
        holder_name="Dan Example",
        decision="withdrawn",
        day="2026-10-02",
        how="phone",
        note="Rang the office.",
    )
    store.record_consent("yp-1", withdrawn, "cora")
    store.record_consent(
        "yp-1", entry(id="ce-0", party="parental_responsibility", holder_name="Dan Example",
                      day="2026-03-02"), "cora"
    )  # fmt: skip

    result = run("consents", "yp-1", "--as-of", "2026-11-22")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Amy Example (yp-1), consent on 2026-11-22"
    assert "Family finding: Withdrawn" in lines
    assert "  Dan Example (parental responsibility) withdrew consent on 2026-10-02." in lines
    assert "Sharing at a Family Group Conference: Not asked" in lines
    assert (
        "Family finding is paused: Dan Example (parental responsibility) withdrew consent on "
        "2026-10-02." in lines
    )
    ledger = lines[lines.index("Ledger (3 entries, date order):") + 1 :]
    assert [line.split()[1] for line in ledger] == ["ce-1", "ce-0", "ce-2"]
    assert ledger[2] == (
        "2026-10-02  ce-2  Family finding: Dan Example (parental responsibility) withdrawn, "
        "phone call (recorded by cora): Rang the office."
    )

    # Before the withdrawal: the young person and Dan had both given consent.
    output = run("consents", "yp-1", "--as-of", "2026-05-01", "--format", "json").output
    as_json = json.loads(output)
    assert as_json["family_finding_paused"] is None
    assert as_json["states"]["family_finding"] == {
        "in_place": True,
        "status": "In place",
        "reasons": [
            "The young person agreed on 2026-03-01 (the worker's judgement: understands what "
            "they agree to).",
            "Dan Example (parental responsibility) gave consent on 2026-03-02.",
        ],
    }
    assert [e["id"] for e in as_json["entries"]] == ["ce-1", "ce-0", "ce-2"]
    assert as_json["entries"][2]["recorded_by"] == "cora"


def test_consents_of_no_one_is_a_clear_error(run) -> None:
    result = CliRunner().invoke(main, ["consents", "yp-nobody"])
    assert result.exit_code == 1
    assert "No young person with id 'yp-nobody'" in result.output


def test_the_demo_records_consent_ledgers_once(run, store: Store) -> None:
    args = ("demo", "--young-people", "12", "--seed", "5", "--as-of", AS_OF.isoformat())
    first = run(*args, "--replace", "--batch-size", "5")
    assert first.exit_code == 0, first.output
    assert "consent decisions)" in first.stdout
    ledgers = {yp.id: store.consents(yp.id) for yp in store.list_young_people()}
    assert all(ledgers.values())
    parties = {record.entry.party for records in ledgers.values() for record in records}
    assert parties == set(Party)
    assert {record.recorded_by for records in ledgers.values() for record in records} == {
        "demo-coordinator"
    }
    young_people = {yp.id: yp for yp in store.list_young_people()}
    paused = [
        yp_id
        for yp_id, records in ledgers.items()
        if family_finding_paused(records, young_people[yp_id].date_of_birth, AS_OF)
    ]
    assert 0 < len(paused) < len(ledgers)
    # Again without --replace: nothing is recorded twice, nothing changes.
    again = run(*args)
    assert again.exit_code == 0 and "(0 relationships" not in again.stdout
    assert "0 consent decisions" in again.stdout
    assert {yp: store.consents(yp) for yp in ledgers} == ledgers
