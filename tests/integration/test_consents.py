"""The consent ledger in the store (connections/store/consents.py) on the real Neo4j: entries are
appended and read back exactly, in date order, never changed or deleted; bad entries, unknown
young people and clashing ids write nothing."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

from connections import accounts
from connections.accounts import User, UserRole
from connections.consent import (
    ConsentRecord,
    Decision,
    Purpose,
    consent_state,
    family_finding_paused,
)
from connections.model import InvalidInput
from connections.store import AlreadyExists, NotFound, Store, load_statements
from connections.store.consents import ConsentRecords
from tests import factories
from tests.conftest import AS_OF
from tests.consents import entry

DOB = date(2012, 5, 1)


@pytest.fixture
def amy(store: Store) -> str:
    store.create_young_person(factories.young_person("yp-amy", date_of_birth=DOB))
    user = User(username="cora", display_name="Cora Ordinator", role=UserRole.COORDINATOR)
    store.create_user(user, accounts.hash_password("x" * 12))
    return "yp-amy"


def test_entries_are_appended_and_read_back_in_date_order(store: Store, amy: str) -> None:
    later = entry(
        id="ce-2",
        day="2026-10-02",
        party="parental_responsibility",
        holder_name="Dan Example",
        decision="withdrawn",
        note="By phone to the office.",
    )
    earlier = entry(id="ce-1", day="2026-03-01")
    same_day = entry(
        id="ce-0",
        day="2026-10-02",
        purpose="conference_sharing",
        party="legal_basis",
        legal_basis="Public task: Children Act 1989 s.22(3)",
    )
    saved = store.record_consent(amy, later, "cora")
    assert isinstance(saved, ConsentRecord)
    assert saved.entry == later
    assert saved.recorded_by == "cora" and saved.recorded_by_name == "Cora Ordinator"
    assert saved.recorded_at is not None
    store.record_consent(amy, earlier, "cora")
    store.record_consent(amy, same_day, "someone-gone")

    ledger = store.consents(amy)
    # By date; of one date, in the order recorded.
    assert [record.entry.id for record in ledger] == ["ce-1", "ce-2", "ce-0"]
    assert [record.entry for record in ledger] == [earlier, later, same_day]
    assert ledger[2].recorded_by_name == "someone-gone"  # no such user: the username
    assert ledger[1].entry.decision is Decision.WITHDRAWN
    assert ledger[1].entry.holder_name == "Dan Example"
    assert ledger[1].entry.understanding is None

    # What the guest list and the pages read from it.
    assert consent_state(ledger, DOB, Purpose.CONFERENCE_SHARING, AS_OF).in_place is False
    assert family_finding_paused(ledger, DOB, AS_OF) == (
        "Family finding is paused: Dan Example (parental responsibility) withdrew consent on "
        "2026-10-02."
    )


def test_a_withdrawal_is_a_new_entry_and_nothing_is_overwritten(store: Store, amy: str) -> None:
    store.record_consent(amy, entry(id="ce-1"), "cora")
    store.record_consent(amy, entry(id="ce-2", decision="withdrawn", day="2026-06-01"), "cora")
    ledger = store.consents(amy)
    assert [(r.entry.id, r.entry.decision.value) for r in ledger] == [
        ("ce-1", "given"),
        ("ce-2", "withdrawn"),
    ]


def test_an_id_in_use_is_refused_and_the_first_entry_stays(store: Store, amy: str) -> None:
    first = entry(id="ce-1")
    store.record_consent(amy, first, "cora")
    with pytest.raises(AlreadyExists):
        store.record_consent(amy, entry(id="ce-1", decision="refused"), "cora")
    assert [record.entry for record in store.consents(amy)] == [first]


def test_an_unknown_young_person_is_not_found_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(NotFound):
        store.record_consent("yp-nobody", entry(id="ce-1"), "cora")
    assert store.consents("yp-nobody") == []
    # Not left behind as an entry without a young person either: the id is still free.
    store.create_young_person(factories.young_person("yp-nobody", date_of_birth=DOB))
    store.record_consent("yp-nobody", entry(id="ce-1"), "cora")


def test_the_young_persons_rules_are_checked_under_the_lock(store: Store, amy: str) -> None:
    # Under 18 on the entry's date: their own entry needs the worker's judgement.
    without = entry(id="ce-1").model_copy(update={"understanding": None})
    with pytest.raises(InvalidInput) as raised:
        store.record_consent(amy, without, "cora")
    assert [error.path for error in raised.value.errors] == ["understanding"]
    before_birth = entry(id="ce-2", day="2011-01-01")
    with pytest.raises(InvalidInput) as raised:
        store.record_consent(amy, before_birth, "cora")
    assert [error.path for error in raised.value.errors] == ["date"]
    assert store.consents(amy) == []


def test_the_ledger_has_no_way_to_change_or_delete_an_entry() -> None:
    """Append-only by construction: no method of the store's consent records and no Cypher
    statement of the ledger sets, removes or deletes an entry once created."""
    methods = {name for name, value in vars(ConsentRecords).items() if inspect.isfunction(value)}
    assert {"record_consent", "consents"} <= methods
    assert not {
        name
        for name in methods
        if any(
            word in name for word in ("update", "delete", "remove", "edit", "replace", "correct")
        )
    }
    for name, text in load_statements().items():
        if not name.startswith("consent."):
            continue
        statement = text.upper()
        assert "DELETE" not in statement, name
        # Only the marker of an entry being created (the demo's bulk write) is ever removed.
        assert "REMOVE C" not in statement.replace("REMOVE C._NEW", ""), name
        # An entry's properties are set only as it is created.
        for line in statement.splitlines():
            if "SET C" in line and "SET C._NEW" not in line:
                assert line.lstrip().startswith(("SET C = $PROPS", "ON CREATE SET C")), line
    assert "MERGE (c:ConsentEntry" in load_statements()["consent.bulk_create"]
    assert "ON CREATE SET" in load_statements()["consent.bulk_create"]


def test_deleting_a_young_person_takes_their_ledger(store: Store, amy: str) -> None:
    store.record_consent(amy, entry(id="ce-1"), "cora")
    store.delete_young_person(amy)
    store.create_young_person(factories.young_person(amy, date_of_birth=DOB))
    assert store.consents(amy) == []
    store.record_consent(amy, entry(id="ce-1"), "cora")  # the id was freed with the record


def test_replacing_a_network_leaves_the_ledger_alone(store: Store, amy: str) -> None:
    store.record_consent(amy, entry(id="ce-1"), "cora")
    network = store.load_network(amy)
    store.save_network(network)
    assert [record.entry.id for record in store.consents(amy)] == ["ce-1"]


def test_bulk_recording_for_the_demo(store: Store, amy: str) -> None:
    rows = [(amy, entry(id=f"ce-{n}"), "demo") for n in range(5)]
    rows.append(("yp-nobody", entry(id="ce-x"), "demo"))
    assert store.record_consents_in_bulk(rows, batch_size=2) == 5
    assert [record.entry.id for record in store.consents(amy)] == [f"ce-{n}" for n in range(5)]
