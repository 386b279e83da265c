"""What changed between two versions of one young person's network, as values and in words.

The history of a network (issue 12) is a sequence of whole versions; this module compares two of
them. Pure: it reads two :class:`~connections.model.Network` values and returns
:class:`Change` values, which :func:`describe` turns into the sentences a history page shows
("added Rose Example as grandparent; closeness 4 from the young person").

Assumptions:

- A person is in a network through the young person's relationship with them (a network
  document has no one else), so adding or removing that relationship adds or removes them.
- Free text that may be sensitive (notes, safety notes, addresses, contact details) is reported
  as changed, never quoted: the words of a change are shown in places its content is not.
- Changes come in a stable order: the young person first, then people by name, then links,
  restrictions and the contact log, so the same two versions always read the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from connections.model import ContactEntry, Link, Network, Person, Relationship, Restriction
from connections.vocabulary import closeness as closeness_words
from connections.vocabulary import phrase, role_label

__all__ = ["Change", "ChangeKind", "changes", "describe", "names_of", "sentence"]

#: Fields reported as "changed" without their content.
_UNQUOTED: Final = frozenset({"notes", "safety_note", "address", "contact_details", "note"})
#: Fields whose values are vocabulary values, shown in words ("no_contact" -> "no contact").
_WORDED: Final = frozenset(
    {"role", "safety", "wishes", "contact", "category", "status", "finding_status", "side"}
    | {"kind", "scope", "closeness_rated_by", "support"}
)
#: Fields a worker never sees as a change of their own (the store's bookkeeping).
_IGNORED: Final = frozenset({"person_id", "id"})


class ChangeKind(StrEnum):
    YOUNG_PERSON = "young_person"
    ADDED = "added"
    REMOVED = "removed"
    RELATIONSHIP = "relationship"
    PERSON = "person"
    LINK_ADDED = "link_added"
    LINK_REMOVED = "link_removed"
    RESTRICTION_ADDED = "restriction_added"
    RESTRICTION_CHANGED = "restriction_changed"
    CONTACT_ADDED = "contact_added"
    CONTACT_CHANGED = "contact_changed"
    CONTACT_REMOVED = "contact_removed"


@dataclass(frozen=True)
class Change:
    """One difference: ``subject`` is the person's id (or the link, restriction or entry id);
    ``field`` with ``before`` -> ``after`` for an attribute, else ``None``."""

    kind: ChangeKind
    subject: str
    field: str | None = None
    before: Any = None
    after: Any = None


def changes(before: Network | None, after: Network) -> list[Change]:
    """Every difference from ``before`` (``None``: an empty network) to ``after``.

    >>> from connections.model import parse_network
    >>> doc = {"young_person": {"id": "yp", "name": "Sam", "date_of_birth": "2010-01-01",
    ...        "status": "in_care"}, "people": [{"id": "p1", "name": "Rose", "category": "family"}],
    ...        "relationships": [{"person_id": "p1", "role": "grandparent"}]}
    >>> old = parse_network(doc)
    >>> doc["relationships"][0].update(closeness=4, closeness_rated_by="young_person")
    >>> [(c.field, c.before, c.after) for c in changes(old, parse_network(doc))]
    [('closeness', None, 4), ('closeness_rated_by', None, 'young_person')]
    """
    return [
        *_young_person(before, after),
        *_members(before, after),
        *_links(before, after),
        *_restrictions(before, after),
        *_contact_log(before, after),
    ]


def describe(change: Change, names: Mapping[str, str]) -> str:
    """One change in words; ``names`` gives each person's name by id (from either version).

    >>> describe(Change(ChangeKind.RELATIONSHIP, "p1", "closeness", 2, 4), {"p1": "Rose"})
    'Rose: closeness Somewhat close (2) -> Very close (4)'
    >>> describe(Change(ChangeKind.RELATIONSHIP, "p1", "notes", "a", "b"), {"p1": "Rose"})
    'Rose: notes changed'
    """
    name = names.get(change.subject, change.subject)
    kind = change.kind
    if kind is ChangeKind.ADDED:
        return f"added {name} as {role_label(change.after.role)}{_rating(change.after)}"
    if kind is ChangeKind.REMOVED:
        return f"removed {name} ({role_label(change.before.role)})"
    if kind in (ChangeKind.RELATIONSHIP, ChangeKind.PERSON, ChangeKind.YOUNG_PERSON):
        return f"{name}: {_field(change)}"
    if kind in (ChangeKind.LINK_ADDED, ChangeKind.LINK_REMOVED):
        link: Link = change.after if kind is ChangeKind.LINK_ADDED else change.before
        verb = "linked" if kind is ChangeKind.LINK_ADDED else "unlinked"
        return (
            f"{verb} {names.get(link.source, link.source)} and "
            f"{names.get(link.target, link.target)} ({phrase(link.kind)})"
        )
    if kind is ChangeKind.RESTRICTION_ADDED:
        restriction: Restriction = change.after
        person = names.get(restriction.person_id, restriction.person_id)
        return f"recorded a restriction ({phrase(restriction.kind)}) on {person}"
    if kind is ChangeKind.RESTRICTION_CHANGED:
        return f"restriction {change.subject}: {_field(change)}"
    entry: ContactEntry = change.after if kind is ChangeKind.CONTACT_ADDED else change.before
    person = names.get(entry.person_id, entry.person_id)
    verb = {
        ChangeKind.CONTACT_ADDED: "logged",
        ChangeKind.CONTACT_CHANGED: "corrected",
        ChangeKind.CONTACT_REMOVED: "removed",
    }[kind]
    return f"{verb} a {phrase(entry.kind)} with {person} on {entry.date.isoformat()}"


def sentence(found: Iterable[Change], names: Mapping[str, str]) -> str:
    """Several changes as one sentence, in order: ``added Rose ...; Kai: safety ...``."""
    return "; ".join(describe(change, names) for change in found) or "no change"


def _rating(relationship: Relationship) -> str:
    if relationship.closeness is None:
        return ""
    by = "the young person" if relationship.closeness_rated_by == "young_person" else "a worker"
    return f"; closeness {relationship.closeness} from {by}"


def _field(change: Change) -> str:
    label = change.field.replace("_", " ") if change.field else ""
    if change.field in _UNQUOTED:
        return f"{label} changed"
    if change.field == "closeness":
        return f"{label} {closeness_words(change.before)} -> {closeness_words(change.after)}"
    worded = change.field in _WORDED
    return f"{label} {_value(change.before, worded)} -> {_value(change.after, worded)}"


def _value(value: Any, worded: bool) -> str:
    if value is None or value == "" or value == []:
        return "none"
    if isinstance(value, list):
        return ", ".join(phrase(item) if worded else str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return phrase(value) if worded else str(value)


def _fields(before: Any, after: Any, kind: ChangeKind, subject: str) -> Iterator[Change]:
    old, new = before.model_dump(), after.model_dump()
    for field, value in new.items():
        if field not in _IGNORED and old.get(field) != value:
            yield Change(kind, subject, field, _plain(old.get(field)), _plain(value))


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return getattr(value, "value", value)


def _young_person(before: Network | None, after: Network) -> Iterator[Change]:
    if before is not None:
        yield from _fields(
            before.young_person, after.young_person, ChangeKind.YOUNG_PERSON, after.young_person.id
        )


def _members(before: Network | None, after: Network) -> Iterator[Change]:
    old_people = {p.id: p for p in before.people} if before else {}
    new_people = {p.id: p for p in after.people}
    old = {r.person_id: r for r in before.relationships} if before else {}
    new = {r.person_id: r for r in after.relationships}
    names = {
        **{i: p.name for i, p in old_people.items()},
        **{i: p.name for i, p in new_people.items()},
    }
    for person_id in sorted(old.keys() | new.keys(), key=lambda i: (names.get(i, ""), i)):
        if person_id not in old:
            yield Change(ChangeKind.ADDED, person_id, after=new[person_id])
        elif person_id not in new:
            yield Change(ChangeKind.REMOVED, person_id, before=old[person_id])
        else:
            yield from _fields(old[person_id], new[person_id], ChangeKind.RELATIONSHIP, person_id)
            yield from _person(old_people.get(person_id), new_people.get(person_id))


def _person(before: Person | None, after: Person | None) -> Iterator[Change]:
    if before is not None and after is not None:
        yield from _fields(before, after, ChangeKind.PERSON, after.id)


def _links(before: Network | None, after: Network) -> Iterator[Change]:
    old = {link.key: link for link in before.links} if before else {}
    new = {link.key: link for link in after.links}
    for key in sorted(old.keys() - new.keys()):
        yield Change(ChangeKind.LINK_REMOVED, "/".join(key), before=old[key])
    for key in sorted(new.keys() - old.keys()):
        yield Change(ChangeKind.LINK_ADDED, "/".join(key), after=new[key])


def _restrictions(before: Network | None, after: Network) -> Iterator[Change]:
    old = {r.id: r for r in before.restrictions} if before else {}
    for restriction in sorted(after.restrictions, key=lambda r: r.id):
        if restriction.id not in old:
            yield Change(ChangeKind.RESTRICTION_ADDED, restriction.id, after=restriction)
        else:
            yield from _fields(
                old[restriction.id], restriction, ChangeKind.RESTRICTION_CHANGED, restriction.id
            )


def _contact_log(before: Network | None, after: Network) -> Iterator[Change]:
    old = {c.id: c for c in before.contact_log} if before else {}
    new = {c.id: c for c in after.contact_log}
    for entry_id in sorted(old.keys() | new.keys()):
        if entry_id not in old:
            yield Change(ChangeKind.CONTACT_ADDED, entry_id, after=new[entry_id])
        elif entry_id not in new:
            yield Change(ChangeKind.CONTACT_REMOVED, entry_id, before=old[entry_id])
        elif old[entry_id].model_dump() != new[entry_id].model_dump():
            yield Change(
                ChangeKind.CONTACT_CHANGED, entry_id, before=old[entry_id], after=new[entry_id]
            )


def names_of(*networks: Network | None) -> dict[str, str]:
    """Every person's name by id across ``networks`` (later ones win): what :func:`describe`
    needs to name people who are in only one of two versions."""
    names: dict[str, str] = {}
    for network in networks:
        if network is not None:
            names.update({p.id: p.name for p in network.people})
            names[network.young_person.id] = network.young_person.name
    return names
