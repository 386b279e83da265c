"""Purging an entry made on the wrong child: what goes, and each kept version without it.

History keeps everything (docs/history.md), so an edit or a removal never loses anything. Some
things must be lost all the same: a person added to the wrong young person's network, or a
contact log entry written on the wrong child's record, is another family's information held on
this child's file. An administrator purges it: it leaves the live graph, and every kept version of
that network is rewritten without it (:mod:`connections.store.purge`). Pure: documents in,
documents out.

Assumptions:

- A version is the canonical export text (``io.dumps_network``); it is rewritten in the same
  canonical form (the JSON parsed, the entry's parts taken out, written back with the same
  layout), so ``export --at`` still returns a valid document, byte for byte what an export of
  that network without the entry gives. Version numbers, times and authors stay.
- A person's entry is everything that put them in this network: the person, the young person's
  relationship with them, links to or from them, restrictions on them and the contact log with
  them. A contact entry is that one entry.
- The purge is recorded in the audit trail by kind and id, with the reason typed, never the
  content (:func:`audit_detail`): a record of the purge must not keep what was purged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from connections import io
from connections.model import ContactEntry, FieldError, InvalidInput, Network, Person, Relationship

__all__ = [
    "MAX_REASON",
    "PurgeKind",
    "PurgePlan",
    "PurgeResult",
    "audit_detail",
    "contact_ids",
    "holds",
    "redacted_detail",
    "check_reason",
    "plan",
    "without_entry",
]

#: The longest reason kept in the audit trail.
MAX_REASON = 500


class PurgeKind(StrEnum):
    """What can be purged: a person from one young person's network, or one contact entry."""

    PERSON = "person"
    CONTACT = "contact"


@dataclass(frozen=True)
class PurgePlan:
    """What a purge will remove, for the page an administrator confirms on. ``person`` and
    ``relationship`` are as last recorded (today's network, else the latest version holding
    them); ``versions`` the numbers of the versions that will be rewritten."""

    young_person_id: str
    kind: PurgeKind
    entry_id: str
    versions: tuple[int, ...]
    in_live_network: bool
    person: Person | None = None
    relationship: Relationship | None = None
    contacts: tuple[ContactEntry, ...] = ()
    restrictions: int = 0
    links: int = 0
    #: How many other young people's networks hold the person today (their record stays).
    other_networks: int = 0

    @property
    def found(self) -> bool:
        return self.in_live_network or bool(self.versions)


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did: the versions rewritten, whether the live graph held the entry, and
    whether a person's own record was deleted (no other network held them)."""

    young_person_id: str
    kind: PurgeKind
    entry_id: str
    versions_rewritten: tuple[int, ...]
    live_removed: bool
    person_deleted: bool
    audit_events_redacted: int = 0
    contact_ids: tuple[str, ...] = field(default=())


def check_reason(reason: str | None) -> str:
    """The reason typed, trimmed; :class:`InvalidInput` naming ``reason`` when it is missing or
    too long (a purge is never done without one).

    >>> check_reason("  added to the wrong child ")
    'added to the wrong child'
    >>> check_reason("")
    Traceback (most recent call last):
    ...
    connections.model.InvalidInput: reason: say why this entry is purged
    """
    text = (reason or "").strip()
    if not text:
        raise InvalidInput([FieldError(path="reason", message="say why this entry is purged")])
    if len(text) > MAX_REASON:
        raise InvalidInput([FieldError(path="reason", message=f"at most {MAX_REASON} characters")])
    return text


def without_entry(document: str, kind: PurgeKind, entry_id: str) -> str:
    """The version ``document`` without the entry, in the same canonical layout; the very same
    text when it does not hold the entry.

    >>> doc = io.dumps_network(io.loads_network('{"young_person": {"id": "y", "name": "Y", '
    ...     '"date_of_birth": "2012-01-01", "status": "in_care"}, "people": [{"id": "p", '
    ...     '"name": "Wrong Person", "category": "family"}], "relationships": '
    ...     '[{"person_id": "p", "role": "aunt_uncle"}]}'))
    >>> "Wrong Person" in without_entry(doc, PurgeKind.PERSON, "p")
    False
    >>> without_entry(doc, PurgeKind.CONTACT, "c-1") == doc
    True
    """
    data = json.loads(document)
    if kind is PurgeKind.PERSON:
        changed = _drop_person(data, entry_id)
    else:
        changed = _drop(data, "contact_log", lambda item: item.get("id") == entry_id)
    if not changed:
        return document
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _drop(data: dict[str, Any], key: str, matches: Any) -> bool:
    items = data.get(key)
    if not isinstance(items, list):
        return False
    kept = [item for item in items if not matches(item)]
    if len(kept) == len(items):
        return False
    data[key] = kept
    return True


def _drop_person(data: dict[str, Any], person_id: str) -> bool:
    dropped = [
        _drop(data, "people", lambda item: item.get("id") == person_id),
        _drop(data, "relationships", lambda item: item.get("person_id") == person_id),
        _drop(data, "links", lambda item: person_id in (item.get("source"), item.get("target"))),
        _drop(data, "contact_log", lambda item: item.get("person_id") == person_id),
        _drop(data, "restrictions", lambda item: item.get("person_id") == person_id),
    ]
    return any(dropped)


def contact_ids(documents: Iterable[str], kind: PurgeKind, entry_id: str) -> tuple[str, ...]:
    """The contact entries the purge removes, from every document: the entry itself, or every
    entry with the person (audit records of their removal quote them, and are redacted)."""
    if kind is PurgeKind.CONTACT:
        return (entry_id,)
    found: set[str] = set()
    for document in documents:
        for item in json.loads(document).get("contact_log") or []:
            if item.get("person_id") == entry_id:
                found.add(item["id"])
    return tuple(sorted(found))


def plan(
    young_person_id: str,
    kind: PurgeKind,
    entry_id: str,
    today: Network | None,
    versions: Sequence[tuple[int, str]],
    other_networks: int = 0,
) -> PurgePlan:
    """What purging ``entry_id`` from this young person's records removes: read from today's
    network and every version (``(number, document)``, any order), newest record first."""
    holding = [
        (number, document)
        for number, document in versions
        if without_entry(document, kind, entry_id) != document
    ]
    holding.sort(reverse=True)
    latest = today
    in_live = today is not None and holds(today, kind, entry_id)
    if not in_live and holding:
        latest = io.loads_network(holding[0][1])
    if latest is None or not (in_live or holding):
        return PurgePlan(young_person_id, kind, entry_id, (), False)
    if kind is PurgeKind.CONTACT:
        entry = next(c for c in latest.contact_log if c.id == entry_id)
        person = next((p for p in latest.people if p.id == entry.person_id), None)
        return PurgePlan(
            young_person_id,
            kind,
            entry_id,
            tuple(sorted(number for number, _ in holding)),
            in_live,
            person=person,
            contacts=(entry,),
        )
    return PurgePlan(
        young_person_id,
        kind,
        entry_id,
        tuple(sorted(number for number, _ in holding)),
        in_live,
        person=next(p for p in latest.people if p.id == entry_id),
        relationship=next((r for r in latest.relationships if r.person_id == entry_id), None),
        contacts=tuple(c for c in latest.contact_log if c.person_id == entry_id),
        restrictions=sum(1 for r in latest.restrictions if r.person_id == entry_id),
        links=sum(1 for link in latest.links if entry_id in (link.source, link.target)),
        other_networks=other_networks,
    )


def holds(network: Network, kind: PurgeKind, entry_id: str) -> bool:
    if kind is PurgeKind.CONTACT:
        return any(c.id == entry_id for c in network.contact_log)
    return any(p.id == entry_id for p in network.people)


def audit_detail(kind: PurgeKind, entry_id: str, reason: str, versions: int) -> str:
    """The audit record of a purge: what kind of entry, its id, how many versions were
    rewritten and the reason typed, never the content.

    >>> audit_detail(PurgeKind.PERSON, "p-1", "wrong child", 3)
    'purged person p-1 (3 versions rewritten): wrong child'
    """
    plural = "version" if versions == 1 else "versions"
    return f"purged {kind.value} {entry_id} ({versions} {plural} rewritten): {reason}"


#: What replaces an audit record that quoted a purged entry's content.
REDACTED = "{} {} (content purged {})"


def redacted_detail(prefix: str, entry_id: str, when: datetime) -> str:
    """The audit detail of an event that quoted a purged contact entry, without the quote.

    >>> from datetime import UTC
    >>> redacted_detail("contact removed:", "c-1", datetime(2026, 11, 22, tzinfo=UTC))
    'contact removed: c-1 (content purged 2026-11-22)'
    """
    return REDACTED.format(prefix, entry_id, when.date().isoformat())
