"""The demo's consent ledgers (connections/demo_consents.py): every kind of entry is there, the
same every time, valid, and they tell both stories: consent in place and family finding paused."""

from __future__ import annotations

from datetime import date

from connections import demo
from connections.consent import (
    Decision,
    Party,
    Purpose,
    RecordedHow,
    Understanding,
    age_on,
    check_entry,
    consent_states,
    family_finding_paused,
    parse_entry,
)
from connections.demo_consents import ledger

AS_OF = date(2026, 11, 22)


def _ledgers(count: int = 60) -> dict[str, tuple[date, list]]:
    return {
        network.young_person.id: (network.young_person.date_of_birth, ledger(network, AS_OF))
        for network in demo.generate(count, 2026, AS_OF)
    }


def test_the_demo_holds_consents_of_every_kind() -> None:
    entries = [entry for _, ledger_ in _ledgers().values() for entry in ledger_]
    assert {e.purpose for e in entries} == set(Purpose)
    assert {e.party for e in entries} == set(Party)
    assert {e.decision for e in entries} == set(Decision)
    assert {e.how for e in entries} == set(RecordedHow)
    assert {e.understanding for e in entries} - {None} == set(Understanding)
    holders = {e.holder_name for e in entries if e.party is Party.PARENTAL_RESPONSIBILITY}
    assert len(holders) > 10


def test_the_demo_shows_family_finding_in_place_and_paused_at_every_age() -> None:
    paused = {"child": 0, "adult": 0}
    in_place = {"child": 0, "adult": 0}
    for born, entries in _ledgers().values():
        group = "adult" if age_on(born, AS_OF) >= 18 else "child"
        if family_finding_paused(entries, born, AS_OF) is None:
            in_place[group] += 1
        else:
            paused[group] += 1
    assert all(paused.values()) and all(in_place.values()), (paused, in_place)
    # Most young people's family finding goes on.
    assert sum(in_place.values()) > sum(paused.values())


def test_every_demo_entry_is_valid_for_its_young_person() -> None:
    for yp_id, (born, entries) in _ledgers().items():
        ids = [e.id for e in entries]
        assert len(set(ids)) == len(ids)
        assert all(i.startswith(f"ce-{yp_id}-") for i in ids)
        for entry in entries:
            assert parse_entry(entry.model_dump()) == entry
            check_entry(entry, born, today=AS_OF)
        assert [e.date for e in entries] == sorted(e.date for e in entries)
        consent_states(entries, born, AS_OF)


def test_the_demo_ledgers_are_the_same_every_time() -> None:
    assert _ledgers(20) == _ledgers(20)
