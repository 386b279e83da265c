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


def share_people(imported: Network, sibling: Network) -> Network:
    """``imported`` with the people the same file already gave ``sibling`` (matched by
    ``external_ref``) as those very people: a grandmother of two siblings imported from one family
    tree is one person in both networks, not two records.

    A shared person keeps what is recorded about them (an address, a household); the file
    updates only their name, and a death, as :func:`merge` does. Only the people are shared:
    each young person's relationship with them is their own.

    >>> from connections.model import parse_network
    >>> def network(yp, pid):
    ...     return parse_network({"young_person": {"id": yp, "name": yp,
    ...         "date_of_birth": "2012-01-01", "status": "in_care"},
    ...         "people": [{"id": pid, "name": "Gran", "category": "family",
    ...                     "external_ref": "@I3@", "household": "h-gran"}],
    ...         "relationships": [{"person_id": pid, "role": "grandparent"}]})
    >>> shared = share_people(network("bo", "bo-I3"), network("al", "al-I3"))
    >>> [(p.id, p.household) for p in shared.people], shared.relationships[0].person_id
    ([('al-I3', 'h-gran')], 'al-I3')
    """
    theirs = {p.external_ref: p for p in sibling.people if p.external_ref}
    id_for: dict[str, str] = {}
    people = []
    for person in imported.people:
        known = theirs.get(person.external_ref) if person.external_ref else None
        if known is None:
            people.append(person)
            continue
        id_for[person.id] = known.id
        people.append(
            known.model_copy(
                update={"name": person.name, "deceased": known.deceased or person.deceased}
            )
        )
    relationships = [
        r.model_copy(update={"person_id": id_for.get(r.person_id, r.person_id)})
        for r in imported.relationships
    ]
    links = [
        Link(
            source=id_for.get(link.source, link.source),
            target=id_for.get(link.target, link.target),
            kind=link.kind,
        )
        for link in imported.links
    ]
    shared = imported.model_copy(
        update={"people": people, "relationships": relationships, "links": links}
    )
    return shared.canonical()
