"""A subject access export: everything held about one person, and nothing confidential about
anyone else (UK GDPR article 15; docs/subject-access.md says how a council uses it).

Pure: the store gathers the records (:mod:`connections.store.subject_access`), this module picks
out what is about the subject. The subject is either a young person or a person in young people's
networks.

What is in it, and what is left out on purpose:

- **A young person**: their own details, their consent ledger, the people in their network with
  the relationship as recorded (including their own closeness ratings and wishes, which are
  theirs), their contact log, the restrictions on contact in their network, every version of
  their network in words, and the audit trail of who viewed or changed their records. Other
  people's addresses, contact details and references are never included.
- **A person in networks**: their own details, each network they are in (the young person's name,
  and their relationship as the service recorded it: role, safety, contact, support, finding
  stage), the contact log entries with them, the restrictions on them, the versions that changed
  something about them, and the audit events that name their record. The young person's own
  closeness ratings, wishes and wish to hide them are the young person's, not theirs, and are
  left out.
- **Free text written by workers** (relationship notes, safety notes, contact and restriction
  notes) can hold anyone's information: it is never copied in. The export says where such text
  exists ("withheld_for_review") so the council's disclosure officer reads it and releases what
  is the subject's, as the law expects a person to do rather than a program.
- Audit events are given as when, who, what kind and the first words of what was done (before any
  ":"), never the rest of the detail, which may quote a removed entry.
- A young person's **invitations** (with their answers and the people they suggested, their own),
  **conference** (the guest list as it stands and every conference held) and the **link
  requests** made for their network are in their export; an invitation's link, or its hash, never
  is; a warning's acknowledgement reason and what a worker typed to find someone are workers' text,
  withheld for review; people who matched a link request in other networks are never named.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from connections.accounts import AuditEvent
from connections.guest_list import GuestList
from connections.history import NetworkVersion
from connections.invitations import Invitation
from connections.model import ContactEntry, Network, Person, Relationship, Restriction
from connections.network_changes import ChangeKind, changes, names_of, sentence

__all__ = [
    "PersonHoldings",
    "YoungPersonHoldings",
    "as_json",
    "as_text",
    "person_export",
    "young_person_export",
]

#: Export format version: a council's tools can tell a later layout apart.
FORMAT = "lifelong-connections/subject-access"
FORMAT_VERSION = 1

#: A person's relationship as the service recorded it (the young person's own ratings left out).
_RELATIONSHIP_FOR_PERSON = (
    "role",
    "side",
    "safety",
    "contact",
    "last_contact",
    "paid",
    "role_ends_at_age",
    "continues_beyond_role",
    "support",
    "finding_status",
)
#: A relationship in a young person's own export: theirs, ratings and wishes included.
_RELATIONSHIP_FOR_YOUNG_PERSON = (
    *_RELATIONSHIP_FOR_PERSON,
    "closeness",
    "closeness_rated_by",
    "wishes",
)
#: Free text, never copied in: flagged for the disclosure officer instead.
_TEXT_FIELDS = ("notes", "safety_note")
#: A relationship's fields a person's export may say changed (not the young person's own).
_PRIVATE_TO_YOUNG_PERSON = frozenset(
    {"closeness", "closeness_rated_by", "wishes", "hide_in_conference"}
)


@dataclass(frozen=True)
class PersonHoldings:
    """What the store holds that may be about a person: today's networks holding them, every
    version of each network that ever held them (oldest first), and audit events naming them."""

    person_id: str
    networks: Sequence[Network]
    histories: Mapping[str, Sequence[NetworkVersion]]
    audit: Sequence[AuditEvent]


@dataclass(frozen=True)
class YoungPersonHoldings:
    """What the store holds about a young person: their network today, its versions (oldest
    first), their consent ledger (rows as the store gives them), their audit trail, their
    invitations (with answers and suggestions), their conference guest list, every conference
    held (rows: at, by, guests) and the link requests made for their network (rows as stored)."""

    network: Network
    versions: Sequence[NetworkVersion]
    consents: Sequence[Mapping[str, Any]]
    audit: Sequence[AuditEvent]
    invitations: Sequence[Invitation] = ()
    guest_list: GuestList | None = None
    conferences_held: Sequence[Mapping[str, Any]] = ()
    link_requests: Sequence[Mapping[str, Any]] = ()


def _value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_value(item) for item in value]
    if hasattr(value, "value"):
        return value.value
    return value


def _shown(value: Any) -> str:
    value = _value(value)
    if value is None or value == "" or value == []:
        return "none"
    return ", ".join(value) if isinstance(value, list) else str(value)


def _pick(entity: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _value(getattr(entity, name)) for name in fields}


def _withheld(entity: Any, fields: Iterable[str]) -> list[str]:
    return [name for name in fields if getattr(entity, name, "")]


def _audit(events: Iterable[AuditEvent]) -> list[dict[str, Any]]:
    return [
        {
            "at": _value(event.at),
            "by": event.username,
            "action": event.action,
            "young_person_id": event.young_person_id,
            "what": event.detail.split(":", 1)[0][:80],
        }
        for event in events
    ]


def _contact(entry: ContactEntry, with_name: str | None = None) -> dict[str, Any]:
    found = {"id": entry.id, "date": _value(entry.date), "kind": _value(entry.kind)}
    if with_name is not None:
        found["with"] = with_name
    found["recorded_by"] = entry.recorded_by
    if entry.note:
        found["withheld_for_review"] = ["note"]
    return found


def _restriction(restriction: Restriction, on: str | None = None) -> dict[str, Any]:
    found = _pick(restriction, ("id", "kind", "scope", "starts", "ends", "review_by", "source"))
    if on is not None:
        found["on"] = on
    if restriction.note:
        found["withheld_for_review"] = ["note"]
    return found


def _person_details(person: Person) -> dict[str, Any]:
    return _pick(
        person,
        (
            "id",
            "name",
            "category",
            "deceased",
            "household",
            "address",
            "contact_details",
            "reachable_agreed_on",
        ),
    )


def _versions_about_person(
    person_id: str, young_person_name: str, versions: Sequence[NetworkVersion]
) -> list[dict[str, Any]]:
    """Each version that changed something about the person, in words of their own record."""
    found = []
    previous: Network | None = None
    for version in versions:
        network = version.network
        entries = {
            c.id: c for c in [*(previous.contact_log if previous else []), *network.contact_log]
        }
        restrictions = {
            r.id: r for r in [*(previous.restrictions if previous else []), *network.restrictions]
        }
        words = []
        for change in changes(previous, network):
            words.extend(
                _words_for_person(change, person_id, young_person_name, entries, restrictions)
            )
        if words:
            found.append(
                {
                    "number": version.number,
                    "at": _value(version.at),
                    "by": version.by,
                    "via": version.via,
                    "changed": words,
                }
            )
        previous = network
    return found


def _words_for_person(
    change: Any,
    person_id: str,
    young_person_name: str,
    entries: Mapping[str, ContactEntry],
    restrictions: Mapping[str, Restriction],
) -> list[str]:
    kind = change.kind
    if kind is ChangeKind.ADDED and change.subject == person_id:
        return [f"added to {young_person_name}'s network as {_value(change.after.role)}"]
    if kind is ChangeKind.REMOVED and change.subject == person_id:
        return [f"removed from {young_person_name}'s network"]
    if kind is ChangeKind.PERSON and change.subject == person_id:
        return [f"{change.field} changed"]
    if kind is ChangeKind.RELATIONSHIP and change.subject == person_id:
        if change.field in _PRIVATE_TO_YOUNG_PERSON:
            return []
        if change.field in _TEXT_FIELDS:
            return [f"relationship {change.field.replace('_', ' ')} changed"]
        return [f"{change.field}: {_shown(change.before)} -> {_shown(change.after)}"]
    if kind in (ChangeKind.LINK_ADDED, ChangeKind.LINK_REMOVED):
        link = change.after if kind is ChangeKind.LINK_ADDED else change.before
        if person_id in (link.source, link.target):
            verb = "added" if kind is ChangeKind.LINK_ADDED else "removed"
            return [f"a {_value(link.kind)} link to another person {verb}"]
        return []
    if kind in (ChangeKind.RESTRICTION_ADDED, ChangeKind.RESTRICTION_CHANGED):
        restriction = restrictions.get(change.subject)
        if change.after is not None and isinstance(change.after, Restriction):
            restriction = change.after
        if restriction is not None and restriction.person_id == person_id:
            done = "recorded" if kind is ChangeKind.RESTRICTION_ADDED else "changed"
            return [f"restriction {restriction.id} {done}"]
        return []
    if kind in (ChangeKind.CONTACT_ADDED, ChangeKind.CONTACT_CHANGED, ChangeKind.CONTACT_REMOVED):
        entry = change.after if kind is ChangeKind.CONTACT_ADDED else change.before
        if not isinstance(entry, ContactEntry):
            entry = entries.get(change.subject)
        if entry is not None and entry.person_id == person_id:
            verb = {
                ChangeKind.CONTACT_ADDED: "logged",
                ChangeKind.CONTACT_CHANGED: "corrected",
                ChangeKind.CONTACT_REMOVED: "removed",
            }[kind]
            return [f"contact log entry {entry.id} {verb}"]
    return []


def person_export(holdings: PersonHoldings, made_at: datetime) -> dict[str, Any]:
    """Everything held about a person in networks (see the module for what is left out).
    ``None`` details when no network today or in history holds them."""
    pid = holdings.person_id
    latest_person: Person | None = None
    networks = []
    for network in holdings.networks:
        person = next((p for p in network.people if p.id == pid), None)
        relationship = next((r for r in network.relationships if r.person_id == pid), None)
        if person is None or relationship is None:
            continue
        latest_person = person
        networks.append(_membership(network, relationship))
    if latest_person is None:
        for versions in holdings.histories.values():
            for version in reversed(versions):
                latest_person = next((p for p in version.network.people if p.id == pid), None)
                if latest_person is not None:
                    break
            if latest_person is not None:
                break
    history = []
    for young_person_id, versions in sorted(holdings.histories.items()):
        if not versions:
            continue
        name = versions[-1].network.young_person.name
        about = _versions_about_person(pid, name, versions)
        if about:
            history.append({"young_person_id": young_person_id, "versions": about})
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "made_at": _value(made_at),
        "subject": {"kind": "person", "id": pid},
        "details": _person_details(latest_person) if latest_person else None,
        "networks": networks,
        "history": history,
        "audit": _audit(holdings.audit),
    }


def _membership(network: Network, relationship: Relationship) -> dict[str, Any]:
    pid = relationship.person_id
    return {
        "young_person": {"id": network.young_person.id, "name": network.young_person.name},
        "relationship": _pick(relationship, _RELATIONSHIP_FOR_PERSON),
        "withheld_for_review": _withheld(relationship, _TEXT_FIELDS),
        "links": sorted(
            _value(link.kind) for link in network.links if pid in (link.source, link.target)
        ),
        "contact_log": [_contact(c) for c in network.contact_log if c.person_id == pid],
        "restrictions": [_restriction(r) for r in network.restrictions if r.person_id == pid],
    }


def young_person_export(holdings: YoungPersonHoldings, made_at: datetime) -> dict[str, Any]:
    """Everything held about a young person (see the module for what is left out)."""
    network = holdings.network
    names = {p.id: p.name for p in network.people}
    people = []
    for relationship in network.relationships:
        person = next(p for p in network.people if p.id == relationship.person_id)
        people.append(
            {
                "name": person.name,
                "category": _value(person.category),
                "deceased": person.deceased,
                "relationship": _pick(relationship, _RELATIONSHIP_FOR_YOUNG_PERSON),
                "withheld_for_review": _withheld(relationship, _TEXT_FIELDS),
            }
        )
    history = []
    previous: Network | None = None
    for version in holdings.versions:
        history.append(
            {
                "number": version.number,
                "at": _value(version.at),
                "by": version.by,
                "via": version.via,
                "changed": sentence(
                    changes(previous, version.network), names_of(previous, version.network)
                ),
            }
        )
        previous = version.network
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "made_at": _value(made_at),
        "subject": {"kind": "young_person", "id": network.young_person.id},
        "details": _pick(
            network.young_person, ("id", "name", "date_of_birth", "status", "household")
        ),
        "consents": [
            {key: _value(value) for key, value in row.items() if key != "note"}
            | ({"withheld_for_review": ["note"]} if row.get("note") else {})
            for row in holdings.consents
        ],
        "network": sorted(people, key=lambda item: (item["name"], item["relationship"]["role"])),
        "contact_log": [
            _contact(c, names.get(c.person_id, c.person_id)) for c in network.contact_log
        ],
        "restrictions": [
            _restriction(r, names.get(r.person_id, r.person_id)) for r in network.restrictions
        ],
        "history": history,
        "invitations": [_invitation(i, names) for i in holdings.invitations],
        "conference": _conference(holdings, names),
        "link_requests": [_link_request(r, names) for r in holdings.link_requests],
        "audit": _audit(holdings.audit),
    }


def _invitation(invitation: Invitation, names: Mapping[str, str]) -> dict[str, Any]:
    """An invitation to the young person: when, by whom, what became of it, the people it asked
    about, their answers (before and after: theirs) and the people they suggested (their own
    words). Never its link or the link's hash."""
    found = _pick(
        invitation,
        (
            "id",
            "created_at",
            "created_by",
            "expires_at",
            "submitted_at",
            "revoked_at",
            "revoked_by",
            "reviewed_at",
            "reviewed_by",
            "score_before",
            "score_after",
        ),
    )
    found["people"] = [names.get(pid, pid) for pid in invitation.person_ids]
    found["answers"] = [
        {
            "person": answer.person_name,
            **_pick(
                answer,
                ("before_closeness", "before_rated_by", "before_wishes", "closeness", "wishes"),
            ),
        }
        for answer in invitation.answers
    ]
    found["suggestions"] = [
        _pick(suggestion, ("text", "done", "done_by", "done_at"))
        for suggestion in invitation.suggestions
    ]
    draft = invitation.draft
    if invitation.submitted_at is None and (draft.answers or draft.suggestions or draft.words):
        found["draft"] = {
            "answers": [
                {"person": names.get(a.person_id, a.person_id), **_pick(a, ("closeness", "wishes"))}
                for a in draft.answers
            ],
            "suggestions": draft.suggestions,
            "words": draft.words,
        }
    return found


def _conference(holdings: YoungPersonHoldings, names: Mapping[str, str]) -> dict[str, Any]:
    """The guest list as it stands (who is invited; each warning acknowledged, its reason a
    worker's text withheld for review) and every conference held."""
    listed = holdings.guest_list
    guest_list = None
    if listed is not None and (listed.version or listed.guest_ids):
        guest_list = {
            "status": listed.status,
            "guests": sorted(names.get(pid, pid) for pid in listed.guest_ids),
            "finalised_by": listed.finalised_by,
            "finalised_at": _value(listed.finalised_at),
            "warnings_acknowledged": [
                {"by": ack.by, "at": _value(ack.at)}
                | ({"withheld_for_review": ["reason"]} if ack.reason else {})
                for _key, ack in sorted(listed.acknowledgements.items())
            ],
        }
    return {
        "guest_list": guest_list,
        "held": [
            {"at": _value(held.get("at")), "by": held.get("by"), "guests": held.get("guests")}
            for held in holdings.conferences_held
        ],
    }


def _link_request(request: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """A request to add someone known in other networks to the young person's: the relationship
    asked for and what became of it. What the worker typed to find them, and the relationship's
    notes, are withheld for review; the people who matched (other networks') are never named,
    only the person added, who is in the young person's network."""
    try:
        asked = json.loads(request.get("relationship") or "{}")
    except ValueError:
        asked = {}
    found = {
        "id": request.get("id"),
        "status": request.get("status"),
        "requested_by": request.get("requested_by"),
        "requested_at": _value(request.get("created_at")),
        "relationship": {
            key: asked.get(key) for key in _RELATIONSHIP_FOR_YOUNG_PERSON if key in asked
        },
        "decided_by": request.get("decided_by"),
        "decided_at": _value(request.get("decided_at")),
    }
    person_id = request.get("person_id")
    if person_id:
        found["person_added"] = names.get(person_id, person_id)
    withheld = ["query"] if request.get("query") else []
    withheld += [name for name in _TEXT_FIELDS if asked.get(name)]
    if withheld:
        found["withheld_for_review"] = withheld
    return found


def as_json(export: Mapping[str, Any]) -> str:
    """The export as the JSON a download gives (stable layout)."""
    return json.dumps(export, indent=2, ensure_ascii=False) + "\n"


def as_text(export: Mapping[str, Any]) -> str:
    """The export as plain text to read: every section, one fact a line."""
    lines: list[str] = []

    def walk(value: Any, indent: int, label: str | None) -> None:
        pad = "  " * indent
        if isinstance(value, Mapping):
            if label is not None:
                lines.append(f"{pad}{label}:")
            for key, item in value.items():
                walk(item, indent + (1 if label is not None else 0), str(key).replace("_", " "))
        elif isinstance(value, list) and value and not all(isinstance(v, str) for v in value):
            lines.append(f"{pad}{label}: {len(value)}")
            for index, item in enumerate(value, 1):
                walk(item, indent + 1, f"{index}")
        else:
            if isinstance(value, list):
                value = ", ".join(value) if value else "none"
            lines.append(f"{pad}{label}: {'not recorded' if value is None else value}")

    walk(export, 0, None)
    return "\n".join(lines) + "\n"
