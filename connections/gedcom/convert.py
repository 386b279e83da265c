"""A family tree and the young person in it -> a network document (format version 2).

Everyone taken from the file is a lead for the coordinator, not yet a relationship: closeness
unknown, safety ``unassessed``, wishes ``unknown``, contact ``none_yet``, finding status
``identified``. Each keeps their xref as ``external_ref``, so an updated file updates the same
people (:func:`connections.gedcom.merge.merge`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from connections import model
from connections.gedcom.kinship import DEFAULT_DEGREE, Kin, kinship
from connections.gedcom.reader import FamilyTree, GedcomError, normalise_xref
from connections.model import (
    Category,
    Contact,
    FindingStatus,
    Link,
    LinkKind,
    Network,
    Person,
    Relationship,
    Safety,
    Wishes,
    YoungPerson,
    YoungPersonStatus,
)

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]+")
_ID_MAX = 64


@dataclass
class Conversion:
    """The network taken from a file, and what the preview says about the rest of the file."""

    network: Network
    #: How many people the file holds (the young person included).
    people_in_file: int
    #: reason -> count of people of the file left out
    left_out: Counter[str] = field(default_factory=Counter)
    #: Things in the file that were skipped (pointers to records that are not there).
    warnings: list[str] = field(default_factory=list)
    #: person id -> their kinship (degree included), for the preview
    kin: dict[str, Kin] = field(default_factory=dict)

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())


def _slug(text: str) -> str:
    return _ID_UNSAFE.sub("-", text).strip("-._:") or "x"


def default_young_person_id(file_name: str, xref: str) -> str:
    """The young person's id when ``--id`` is not given: the file's name and the xref.

    >>> default_young_person_id("Smith family tree.ged", "@I1@")
    'Smith-family-tree-I1'
    """
    xref_part = _slug(xref.strip("@"))[:20]
    stem = _slug(PurePath(file_name).stem)[: _ID_MAX - len(xref_part) - 1]
    return f"{stem}-{xref_part}"


def person_id(young_person_id: str, xref: str) -> str:
    """A relative's id: the young person's id and their xref (unique within one network).

    >>> person_id("yp-1", "@I12@")
    'yp-1-I12'
    """
    xref_part = _slug(xref.strip("@"))[:24]
    return f"{young_person_id[: _ID_MAX - len(xref_part) - 1]}-{xref_part}"


def to_network(
    tree: FamilyTree,
    young_person_xref: str,
    young_person_id: str,
    *,
    date_of_birth: date | None = None,
    status: YoungPersonStatus = YoungPersonStatus.IN_CARE,
    degree: int = DEFAULT_DEGREE,
) -> Conversion:
    """The young person's network from ``tree``; :class:`~connections.model.InvalidInput`
    naming the option or the xref when it cannot be made."""
    xref = normalise_xref(young_person_xref)
    found = tree.people.get(xref)
    if found is None:
        raise GedcomError(f"--young-person: {xref} is not a person in the file")
    born = date_of_birth or found.birth_date
    if born is None:
        raise GedcomError(
            f"--date-of-birth: the file has no full date of birth for {xref} ({found.name}): "
            "give it as YYYY-MM-DD"
        )
    young_person = model.parse(
        YoungPerson,
        {"id": young_person_id, "name": found.name, "date_of_birth": born, "status": status},
        prefix="young_person",
    )
    family = kinship(tree, xref, degree)
    ids = _person_ids(young_person.id, family.relatives)
    people = []
    relationships = []
    for person_xref, kin in family.relatives.items():
        individual = tree.people[person_xref]
        people.append(
            Person(
                id=ids[person_xref],
                name=individual.name,
                category=Category.FAMILY,
                deceased=individual.deceased,
                external_ref=person_xref,
            )
        )
        relationships.append(
            Relationship(
                person_id=ids[person_xref],
                role=kin.role,
                side=kin.side,
                closeness=None,
                safety=Safety.UNASSESSED,
                wishes=Wishes.UNKNOWN,
                contact=Contact.NONE_YET,
                finding_status=FindingStatus.IDENTIFIED,
            )
        )
    network = Network(
        young_person=young_person,
        people=people,
        relationships=relationships,
        links=_links(tree, ids),
    ).canonical()
    model.check(network)
    return Conversion(
        network=network,
        people_in_file=len(tree.people),
        left_out=family.left_out,
        warnings=list(tree.warnings),
        kin={ids[x]: kin for x, kin in family.relatives.items()},
    )


def _person_ids(young_person_id: str, relatives: dict[str, Kin]) -> dict[str, str]:
    ids: dict[str, str] = {}
    taken: set[str] = {young_person_id}
    for xref in sorted(relatives):
        candidate = person_id(young_person_id, xref)
        number = 2
        while candidate in taken:  # two xrefs that differ only in characters an id cannot hold
            candidate = person_id(young_person_id, f"{xref}-{number}")
            number += 1
        taken.add(candidate)
        ids[xref] = candidate
    return ids


def _links(tree: FamilyTree, ids: dict[str, str]) -> list[Link]:
    """``parent`` from each family's children, ``partner`` between its two partners: only
    between people taken (the young person is the centre, not a linked person)."""
    keys: dict[tuple[str, str, str], Link] = {}
    for family in tree.families.values():
        partners = [ids[p] for p in family.partners if p in ids]
        if len(partners) == 2 and partners[0] != partners[1]:
            link = Link(source=partners[0], target=partners[1], kind=LinkKind.PARTNER)
            keys[link.key] = link
        for parent in partners:
            for child in family.children:
                if child in ids and ids[child] != parent:
                    link = Link(source=parent, target=ids[child], kind=LinkKind.PARENT)
                    keys[link.key] = link
    return list(keys.values())
