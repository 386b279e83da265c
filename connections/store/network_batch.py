"""Writing many whole networks in one transaction, exactly as saving them one at a time would.

:meth:`~connections.store.networks.NetworkRecords.save_networks` (bulk import, the demo, the
API's PUT through :meth:`~connections.store.networks.NetworkRecords.replace_network`) runs the
``network.save_*`` statements of ``cypher/network.cypher`` once per batch, each an UNWIND over
every document of the batch, so a batch of 200 documents costs a dozen round trips rather than
2,400. What one-by-one saving would have done is kept, in the order given:

- a person in several documents ends as the *last* document gives them, and their version rises
  once for each document, as it would after that many saves;
- a link between two people is kept or removed as the *last* document holding both people says
  (a document is authoritative for the links between its people);
- a young person given twice starts a new sub-batch in the same transaction, so the second
  document replaces the first as it would;
- a contact log entry or restriction id given for two different young people in one batch is
  refused for the batch (:class:`~connections.model.InvalidInput`): saved one by one, the second
  document would be refused, and the caller's retry one at a time says which
  (``connections.cli_bulk``).

Whose networks a batch changed, for their kept cohort rows and versions, is noted as its
statements run (:mod:`connections.store.invalidation`): every young person of the batch, and the
other networks holding a person whose details changed or a link added or removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from connections import model
from connections.model import InvalidInput, Network
from connections.store.base import _props, _relationship_props, _statements
from connections.store.siblings import (
    check_young_person_claims,
    kept_by_omission,
    young_person_claim,
)


@dataclass
class SaveBatch:
    """The parameters of the network.save_* statements for documents of distinct young
    people (see :func:`plan`)."""

    young_people: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    networks: list[dict[str, Any]] = field(default_factory=list)
    restrictions: list[dict[str, Any]] = field(default_factory=list)
    #: People said to be another young person (checked once everything is written).
    young_person_claims: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, networks: Sequence[Network], recorded_by: str = "") -> SaveBatch:
        """``networks`` of distinct young people; ``recorded_by``: who is saving, kept on each
        restriction this batch adds.

        A young person's ``household`` and a person's ``young_person_id`` that a document does
        not hold (any document written before they existed) are left as recorded, never removed
        by omission, as a relationship's ``side`` is."""
        batch = cls()
        people: dict[str, dict[str, Any]] = {}
        #: For each person, the documents (by position) that hold them.
        holders: dict[str, list[int]] = {}
        entry_owner: dict[str, str] = {}
        restriction_owner: dict[str, tuple[str, str]] = {}
        clashes: list[model.FieldError] = []
        for position, network in enumerate(networks):
            for person in network.people:
                holders.setdefault(person.id, []).append(position)
        for position, network in enumerate(networks):
            yp_id = network.young_person.id
            batch.young_people.append(kept_by_omission(network.young_person, "household"))
            for index, person in enumerate(network.people):
                row = people.get(person.id)
                # The last document's details, saved as many times as documents hold them.
                people[person.id] = {
                    "id": person.id,
                    "props": kept_by_omission(person, "young_person_id"),
                    "saves": 1 if row is None else row["saves"] + 1,
                }
                if person.young_person_id is not None:
                    batch.young_person_claims.append(
                        young_person_claim(person, f"people[{index}].young_person_id")
                    )
            for relationship in network.relationships:
                batch.relationships.append(
                    {
                        "young_person_id": yp_id,
                        "person_id": relationship.person_id,
                        "props": _relationship_props(relationship),
                    }
                )
            batch.links.extend(
                {"source": link.source, "target": link.target, "kind": link.kind.value}
                for link in network.links
                if _last_holder(holders, link.source, link.target) == position
            )
            for entry in network.contact_log:
                if entry_owner.setdefault(entry.id, yp_id) != yp_id:
                    clashes.append(_batch_clash("contact_log", "entry", entry.id))
                props = _props(entry)
                del props["person_id"]
                batch.entries.append(
                    {
                        "young_person_id": yp_id,
                        "person_id": entry.person_id,
                        "id": entry.id,
                        "props": props,
                    }
                )
            for index, restriction in enumerate(network.restrictions):
                owner = (yp_id, restriction.person_id)
                if restriction_owner.setdefault(restriction.id, owner) != owner:
                    clashes.append(_batch_clash("restrictions", "restriction", restriction.id))
                props = _props(restriction)
                del props["person_id"]
                batch.restrictions.append(
                    {
                        "index": index,
                        "young_person_id": yp_id,
                        "person_id": restriction.person_id,
                        "id": restriction.id,
                        "props": props,
                        "recorded_by": recorded_by,
                    }
                )
            batch.networks.append(
                {
                    "id": yp_id,
                    "person_ids": [p.id for p in network.people],
                    "link_keys": [list(link.key) for link in network.links],
                    "entry_ids": [e.id for e in network.contact_log],
                }
            )
        if clashes:
            raise InvalidInput(clashes)
        batch.people = list(people.values())
        return batch

    def run(self, tx: neo4j.ManagedTransaction) -> None:
        """Write the batch in ``tx`` (the foreign checks first: a clash writes nothing)."""
        statements = _statements()
        if self.entries:
            clashes = tx.run(statements["network.foreign_contacts"], entries=self.entries).data()
            if clashes:
                raise InvalidInput(
                    [
                        model.FieldError(
                            path="contact_log",
                            message=f'entry id "{clash["id"]}" is already in the log of '
                            f'young person "{clash["young_person_id"]}"',
                        )
                        for clash in clashes
                    ]
                )
        if self.restrictions:
            clashes = tx.run(
                statements["network.foreign_restrictions"], restrictions=self.restrictions
            ).data()
            if clashes:
                raise InvalidInput([_restriction_clash(clash) for clash in clashes])
        for name, rows in (
            ("network.save_young_people", {"young_people": self.young_people}),
            ("network.save_people", {"people": self.people}),
            ("network.prune_relationships", {"networks": self.networks}),
            ("network.save_relationships", {"relationships": self.relationships}),
            ("network.prune_links", {"networks": self.networks}),
            ("network.save_links", {"links": self.links}),
            ("network.prune_contacts", {"networks": self.networks}),
            ("network.save_contacts", {"entries": self.entries}),
            ("network.save_restrictions", {"restrictions": self.restrictions}),
        ):
            if next(iter(rows.values())):
                tx.run(statements[name], rows).consume()


def plan(networks: Iterable[Network], recorded_by: str = "") -> list[SaveBatch]:
    """The batches for ``networks`` in order: a new one wherever a young person comes again, so
    a later document for them replaces the earlier as saving one by one would."""
    runs: list[list[Network]] = [[]]
    seen: set[str] = set()
    for network in networks:
        if network.young_person.id in seen:
            runs.append([])
            seen = set()
        seen.add(network.young_person.id)
        runs[-1].append(network)
    return [SaveBatch.of(run, recorded_by) for run in runs if run]


def write(tx: neo4j.ManagedTransaction, batches: Sequence[SaveBatch]) -> None:
    """Every batch in ``tx``, in order.

    People marked as another young person are checked once everything is written, so a mark
    may name a young person any batch of the transaction brings (a sibling later in the run:
    :class:`~connections.store.siblings.UnknownYoungPerson` when that is all that is wrong)."""
    for batch in batches:
        batch.run(tx)
    check_young_person_claims(
        tx, [claim for batch in batches for claim in batch.young_person_claims]
    )


def _last_holder(holders: dict[str, list[int]], source: str, target: str) -> int:
    """The last document of the batch holding both people (whose links between them stand)."""
    return max(set(holders[source]).intersection(holders[target]))


def _batch_clash(part: str, what: str, id: str) -> model.FieldError:
    return model.FieldError(
        path=part, message=f'{what} id "{id}" is given for two young people in this batch'
    )


def _restriction_clash(clash: dict[str, Any]) -> model.FieldError:
    return model.FieldError(
        path=f"restrictions[{clash['index']}].id",
        message=(
            f'"{clash["id"]}" is already a restriction on young person '
            f'"{clash["young_person_id"]}" with person "{clash["person_id"]}": a restriction\'s '
            "young person and person never change"
        ),
    )
