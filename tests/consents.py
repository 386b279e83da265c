"""Builders for consent ledgers in tests: one entry with only the fields a test cares about, and
the entries that put consent in place, so a test about something else (moving a family finding
stage) starts from a young person whose family finding is not paused."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from connections.consent import ConsentEntry, Party, Purpose, parse_entry
from connections.store import Store

_COUNTER = iter(range(1, 10**9))


def entry(
    purpose: str = "family_finding",
    party: str = "young_person",
    decision: str = "given",
    day: str | date = "2026-03-01",
    **fields: Any,
) -> ConsentEntry:
    """An entry (a young person's own has ``understanding`` "understands" unless given)."""
    values: dict[str, Any] = {
        "id": fields.pop("id", f"ce-test-{next(_COUNTER):06d}"),
        "purpose": purpose,
        "party": party,
        "decision": decision,
        "date": day,
        "how": fields.pop("how", "in_person"),
    }
    if party == Party.YOUNG_PERSON:
        values["understanding"] = fields.pop("understanding", "understands")
    return parse_entry({**values, **fields})


def in_place(
    purposes: Iterable[Purpose] = tuple(Purpose), day: str = "2026-03-01"
) -> list[ConsentEntry]:
    """The young person's agreement and a legal basis for each purpose: consent in place at any
    age."""
    entries = []
    for purpose in purposes:
        entries.append(entry(purpose.value, day=day))
        entries.append(
            entry(purpose.value, "legal_basis", day=day, legal_basis="Public task: test")
        )
    return entries


def record_in_place(
    store: Store, young_person_id: str, purposes: Iterable[Purpose] = tuple(Purpose)
) -> None:
    """Record :func:`in_place` in the young person's ledger."""
    for consent in in_place(purposes):
        store.record_consent(young_person_id, consent, "test-recorder")
