"""Importing a family tree into a network that already exists (an updated file, or a tree for a
young person whose network a worker has started).

:func:`merge` only adds and updates what the file knows: new relatives, names, deaths and links.
It never removes anyone, and never overwrites what a worker has recorded: closeness, safety,
wishes, contact, finding status, notes, the role and side they chose, addresses, households.
People are matched by ``external_ref`` (their xref in the file), else by id. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from connections.model import Link, Network, Person, Relationship


@dataclass(frozen=True)
class Match:
    """One person of the imported network and who they are in the existing one, if anyone."""

    imported: Person
    relationship: Relationship
    existing: Person | None = None


@dataclass
class ImportPlan:
    """What an import will do, for the preview: who is added, who is already there."""

    added: list[Match] = field(default_factory=list)
    existing: list[Match] = field(default_factory=list)


def _matches(existing: Network, imported: Network) -> list[Match]:
    by_ref = {p.external_ref: p for p in existing.people if p.external_ref}
    by_id = {p.id: p for p in existing.people}
    relationships = {r.person_id: r for r in imported.relationships}
    matches = []
    for person in imported.people:
        found = by_ref.get(person.external_ref) if person.external_ref else None
        if found is None:
            found = by_id.get(person.id)
        matches.append(Match(person, relationships[person.id], found))
    return matches


def plan(existing: Network | None, imported: Network) -> ImportPlan:
    """Who :func:`merge` would add and who it would update."""
    result = ImportPlan()
    if existing is None:
        relationships = {r.person_id: r for r in imported.relationships}
        result.added = [Match(p, relationships[p.id]) for p in imported.people]
        return result
    for match in _matches(existing, imported):
        (result.added if match.existing is None else result.existing).append(match)
    return result


def merge(existing: Network, imported: Network) -> Network:
    """``existing`` with what ``imported`` adds: the young person and everything a worker has
    recorded stay as they are."""
    matches = _matches(existing, imported)
    id_for = {m.imported.id: (m.existing.id if m.existing else m.imported.id) for m in matches}
    updated = {
        m.existing.id: m.existing.model_copy(
            update={
                "name": m.imported.name,
                # A death is news; a file that does not record one does not bring anyone back.
                "deceased": m.existing.deceased or m.imported.deceased,
                "external_ref": m.existing.external_ref or m.imported.external_ref,
            }
        )
        for m in matches
        if m.existing is not None
    }
    people = [updated.get(p.id, p) for p in existing.people]
    relationships = list(existing.relationships)
    related = {r.person_id: index for index, r in enumerate(relationships)}
    for match in matches:
        if match.existing is None:
            people.append(match.imported)
            relationships.append(match.relationship)
        elif match.existing.id in related and match.relationship.side is not None:
            index = related[match.existing.id]
            if relationships[index].side is None:  # a side nobody recorded yet
                relationships[index] = relationships[index].model_copy(
                    update={"side": match.relationship.side}
                )
        elif match.existing.id not in related:  # a person without a relationship: not valid
            relationships.append(
                match.relationship.model_copy(update={"person_id": id_for[match.imported.id]})
            )
    links = {link.key: link for link in existing.links}
    for link in imported.links:
        if id_for[link.source] == id_for[link.target]:
            continue  # two people of the file matched to one person already recorded
        moved = Link(source=id_for[link.source], target=id_for[link.target], kind=link.kind)
        links.setdefault(moved.key, moved)
    merged = existing.model_copy(
        update={"people": people, "relationships": relationships, "links": list(links.values())}
    )
    return merged.canonical()
