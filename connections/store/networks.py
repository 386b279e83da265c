"""Young people, people, relationships, links, the contact log and whole networks."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from typing import Any, Final

import neo4j
import neo4j.exceptions

from connections import model
from connections.model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Category,
    Contact,
    ContactEntry,
    Domain,
    FieldError,
    FindingStatus,
    InvalidInput,
    Link,
    LinkKind,
    Network,
    Person,
    RatedBy,
    Relationship,
    Restriction,
    RestrictionKind,
    RestrictionScope,
    Role,
    Safety,
    Side,
    Wishes,
    YoungPerson,
    YoungPersonStatus,
    revise,
)
from connections.network_values import (
    LinkValue,
    NetworkValue,
    PersonValue,
    RelationshipValue,
    RestrictionValue,
    YoungPersonValue,
)
from connections.store import network_batch
from connections.store.base import (
    AlreadyExists,
    NotFound,
    PreconditionFailed,
    StaleEdit,
    StoreBase,
    _decode,
    _decode_row,
    _props,
    _relationship_props,
    _statements,
    columns,
    members,
    trusted,
)

#: The most people :meth:`NetworkRecords.find_people` returns.
FIND_LIMIT = 20
#: A name search looks at this many characters and words of what was typed, no more.
_FIND_TEXT_MAX = 200
_FIND_WORDS = 8
#: Words as the full-text index's analyser sees them (it splits at spaces and hyphens and keeps
#: apostrophes: "O'Brien", "Smith-Jones" -> "o'brien", "smith", "jones").
_WORD = re.compile("[\\w'\u2019]+")
#: Every character Lucene's query parser gives a meaning to.
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')

NETWORK_STALE = (
    "Someone else saved changes to this network after you opened it. Your changes were not "
    "saved: reload to see theirs, then make your change again."
)
#: :meth:`NetworkRecords.replace_network`'s refusals (the API answers them with 412).
NETWORK_CHANGED = "The network has changed since the version given. Nothing was written."
NETWORK_EXISTS = "This young person's network exists already. Nothing was written."
NETWORK_MISSING = "There is no network for this young person to replace. Nothing was written."
#: In ``expected``, any existing network (``If-Match: *``).
ANY_VERSION = "*"


@dataclass(frozen=True)
class FoundPerson:
    """A person found by name: only what anyone searching may be shown.

    ``visible_young_people`` (id, name) are the young people the person is linked to among those
    the searcher may open; the others are only counted in ``networks``, never named.
    """

    id: str
    name: str
    category: Category
    deceased: bool
    networks: int
    visible_young_people: list[tuple[str, str]]
    #: Whether they are in the network of a young person allocated to the searcher.
    in_allocated: bool = False
    #: Whether :meth:`NetworkRecords.protected_people` protects them (worked out only for
    #: people outside the searcher's allocation: inside it they are seen anyway).
    protected: bool = False

    @property
    def known(self) -> bool:
        """Whether the person is in the network of a young person the searcher may open."""
        return bool(self.visible_young_people)


@dataclass(frozen=True)
class MemberChange:
    """Changes to one member of a young person's network, as model field -> new value.

    ``relationship`` changes their relationship with this young person; ``person`` changes the
    person themselves (shared: it shows in every network they are in). Values are validated by
    the model, as a form or the API would give them (strings for enums, ISO dates accepted).
    """

    person_id: str
    relationship: Mapping[str, Any] = field(default_factory=dict)
    person: Mapping[str, Any] = field(default_factory=dict)


#: A version of a young person's network computed from its members as the store locks them
#: (relationships and people, by person id): see :meth:`NetworkRecords.update_relationships`.
MembersVersion = Callable[[Mapping[str, Relationship], Mapping[str, Person]], str]


@dataclass(frozen=True)
class NetworkUpdate:
    """What :meth:`NetworkRecords.update_relationships` wrote."""

    #: The network's version after the change (for a further edit from the same page).
    version: str
    #: Person ids whose relationship with the young person changed.
    relationships: list[str]
    #: Person ids whose own details changed.
    people: list[str]

    @property
    def changed(self) -> list[str]:
        """Every person id with any change, in the order the changes were given."""
        return list(dict.fromkeys([*self.relationships, *self.people]))


@dataclass(frozen=True)
class SavedNetwork:
    """What :meth:`NetworkRecords.replace_network` wrote, read back in its transaction."""

    network: Network
    #: :func:`document_version` of ``network``: the API's new ETag.
    version: str
    #: Whether the young person was new.
    created: bool


def document_version(network: Network) -> str:
    """The version of a whole network document: a hash of its content, everything the network
    JSON document holds (the young person, people, relationships, links, contact log) and nothing
    else. The API's ETag; :meth:`NetworkRecords.replace_network` compares it under the locks.

    Why the content and not a counter: a counter (a revision on the young person) is correct
    only if *every* write that changes what the document shows raises it, and many writes do
    that without touching the young person at all: a shared person's details edited from another
    young person's page, a link added between two people who are also in this network, another
    young person's import that merges a shared person. Each of those would have to find and bump
    every young person whose network the change shows in, and one forgotten path would silently
    bring lost updates back. The content cannot be forgotten: whatever path changed the document,
    its hash changed. (The per-record ``version`` counters are not enough either: links and
    contact log entries have none.) And two equal documents are truly equal for the caller, so
    matching one is never a lost update.

    What makes the check safe is the locking, which every write path shares: each statement
    that changes a record takes that record's write lock, and each that adds or removes a
    relationship, a link or a contact log entry takes the young person's (or, for a link, both
    people's) write lock first (``cypher/relationships.cypher``, ``links.cypher``,
    ``contact_log.cypher``), so nothing can change between :meth:`replace_network`'s
    check and its commit.
    """
    text = json.dumps(
        network.to_document(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return "d-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def network_version(network: Network) -> str:
    """The version of a whole network as loaded: it changes whenever any relationship of the
    young person or any person in the network is saved, added or removed. An editor that changes
    several members at once carries it to :meth:`NetworkRecords.update_relationships`."""
    people = {person.id: person.version for person in network.people}
    return _version_of(
        (r.person_id, r.version, people.get(r.person_id, 0)) for r in network.relationships
    )


def _version_of(rows: Iterable[tuple[str, int, int]]) -> str:
    text = json.dumps(sorted(rows), separators=(",", ":"))
    return "n-" + hashlib.sha256(text.encode()).hexdigest()[:24]


def name_query(text: str) -> str | None:
    """The full-text query for a name search, or ``None`` when there is no word to look for.

    Every word typed must be the start of a word of the name (case-insensitive: the index and
    the query are both lower case, so ``and``/``or``/``not`` are never operators). Only words
    reach the query, and any Lucene special character is escaped all the same.

    >>> name_query("Rose  Smith-Jones")
    'rose* AND smith* AND jones*'
    >>> name_query('") OR 1=1 //')
    'or* AND 1* AND 1*'
    >>> name_query("*~") is None
    True
    """
    words = _WORD.findall(text[:_FIND_TEXT_MAX].lower())[:_FIND_WORDS]
    if not words:
        return None
    return " AND ".join(_LUCENE_SPECIAL.sub(r"\\\1", word) + "*" for word in words)


class NetworkRecords(StoreBase):
    """Create, read, update and delete every entity of a network, and whole networks."""

    # --- young people ------------------------------------------------------------------------

    def create_young_person(
        self, young_person: YoungPerson, allocate_to: str | None = None
    ) -> YoungPerson:
        """Create a young person with no network yet; :class:`AlreadyExists` if the id is taken.

        With ``allocate_to`` (a username) the young person is allocated to that active user in
        the same write, or :class:`NotFound` and nothing is created.
        """
        model.check(young_person)
        if allocate_to is None:
            records = self.write("young_person.create", props=_props(young_person))
        else:
            records = self.write(
                "young_person.create_allocated", props=_props(young_person), username=allocate_to
            )
            if not records:
                raise NotFound(f"No active user called {allocate_to!r}.")
        return _decode(YoungPerson, records[0]["young_person"])

    def get_young_person(self, young_person_id: str) -> YoungPerson:
        records = self.read("young_person.get", id=young_person_id)
        if not records:
            raise NotFound(f"No young person with id {young_person_id!r}.")
        return _decode(YoungPerson, records[0]["young_person"])

    def update_young_person(self, young_person: YoungPerson) -> YoungPerson:
        """Save an edit; ``young_person.version`` is the version the editor loaded."""
        model.check(young_person)
        row = self._versioned(
            "young_person.update",
            f"young person {young_person.id!r}",
            id=young_person.id,
            version=young_person.version,
            props=_props(young_person),
        )
        return _decode(YoungPerson, row["young_person"])

    def delete_young_person(self, young_person_id: str) -> None:
        self._deleted(
            "young_person.delete", f"young person {young_person_id!r}", id=young_person_id
        )

    def list_young_people(self) -> list[YoungPerson]:
        return [
            _decode(YoungPerson, record["young_person"])
            for record in self.read("young_person.list")
        ]

    def count_young_people(self) -> int:
        return self.read("young_person.count")[0]["count"]

    # --- people ------------------------------------------------------------------------------

    def create_person(self, person: Person) -> Person:
        model.check(person)
        records = self.write("person.create", props=_props(person))
        return _decode(Person, records[0]["person"])

    def get_person(self, person_id: str) -> Person:
        records = self.read("person.get", id=person_id)
        if not records:
            raise NotFound(f"No person with id {person_id!r}.")
        return _decode(Person, records[0]["person"])

    def update_person(self, person: Person) -> Person:
        model.check(person)
        row = self._versioned(
            "person.update",
            f"person {person.id!r}",
            id=person.id,
            version=person.version,
            props=_props(person),
        )
        return _decode(Person, row["person"])

    def delete_person(self, person_id: str) -> None:
        self._deleted("person.delete", f"person {person_id!r}", id=person_id)

    def household(self, household_id: str) -> list[Person]:
        """The people who share one household id."""
        return [
            _decode(Person, r["person"])
            for r in self.read("person.household", household=household_id)
        ]

    def young_people_of(self, person_id: str) -> list[tuple[str, str]]:
        """(young person id, role) for every young person a shared person is related to."""
        return [
            (r["young_person_id"], r["role"])
            for r in self.read("person.young_people", id=person_id)
        ]

    def network_count(self, person_id: str) -> int:
        """How many young people's networks a (shared) person is in (0 for no such person)."""
        records = self.read("person.network_count", id=person_id)
        return records[0]["networks"] if records else 0

    def find_people(
        self,
        text: str,
        *,
        not_in_network_of: str | None = None,
        visible: Sequence[str] = (),
        all_visible: bool = False,
        allocated: Sequence[str] = (),
        limit: int = FIND_LIMIT,
    ) -> list[FoundPerson]:
        """People known to the service whose name matches ``text`` (each word typed starts a word
        of their name, in any case) or whose id is ``text``, at most ``limit``: those in the
        networks of the young people in ``allocated`` (the searcher's own) first, then by name.

        Leaves out those already in ``not_in_network_of``'s network. Names the young people each
        is linked to only among ``visible``, or all with ``all_visible``; the rest are only
        counted. Everyone found outside ``allocated`` is checked by :meth:`protected_people`.
        What a searcher may then be shown is :func:`connections.sharing.search_result`'s rule.
        Any text is safe: it is only ever a parameter, and the full-text query built from it is
        escaped (:func:`name_query`).
        """
        query = name_query(text)
        if query is None or limit < 1:
            return []
        records = self.read(
            "person.find",
            query=query,
            id=text.strip()[:_FIND_TEXT_MAX],
            young_person_id=not_in_network_of or "",
            visible=list(visible),
            all_visible=all_visible,
            allocated=list(allocated),
            limit=min(limit, 100),
        )
        return self._with_protection([_found_person(record) for record in records])

    def person_summaries(
        self,
        person_ids: Sequence[str],
        *,
        visible: Sequence[str] = (),
        all_visible: bool = False,
        allocated: Sequence[str] = (),
    ) -> list[FoundPerson]:
        """These people as :meth:`find_people` finds them (ids that are no one left out)."""
        records = self.read(
            "person.summaries",
            ids=list(person_ids),
            visible=list(visible),
            all_visible=all_visible,
            allocated=list(allocated),
        )
        return self._with_protection([_found_person(record) for record in records])

    def person_summary(
        self,
        person_id: str,
        *,
        visible: Sequence[str] = (),
        all_visible: bool = False,
        allocated: Sequence[str] = (),
    ) -> FoundPerson:
        """One person as :meth:`find_people` would show them; :class:`NotFound` if none."""
        found = self.person_summaries(
            [person_id], visible=visible, all_visible=all_visible, allocated=allocated
        )
        if not found:
            raise NotFound(f"No person with id {person_id!r}.")
        return found[0]

    def protected_people(self, person_ids: Sequence[str]) -> set[str]:
        """THE safeguarding check (docs/sharing-people.md): of these people, those about whom
        nothing may be said to a worker outside the networks allocated to them, not even that
        they exist (today: anyone with a ``no_contact`` relationship with any young person).
        Every search, link and link request asks this method, so a new rule goes here."""
        if not person_ids:
            return set()
        return set(self.read("person.protected", ids=list(person_ids))[0]["protected"])

    def _with_protection(self, found: list[FoundPerson]) -> list[FoundPerson]:
        protected = self.protected_people([p.id for p in found if not p.in_allocated])
        return [replace(p, protected=True) if p.id in protected else p for p in found]

    # --- relationships -----------------------------------------------------------------------

    def create_relationship(self, young_person_id: str, relationship: Relationship) -> Relationship:
        model.check(relationship)
        records = self.write(
            "relationship.create",
            young_person_id=young_person_id,
            person_id=relationship.person_id,
            props=_relationship_props(relationship),
        )
        if not records:
            self.get_young_person(young_person_id)
            self.get_person(relationship.person_id)
            raise AlreadyExists(
                f"Young person {young_person_id!r} already has a relationship with "
                f"{relationship.person_id!r}."
            )
        return _decode(Relationship, records[0]["relationship"])

    def get_relationship(self, young_person_id: str, person_id: str) -> Relationship:
        records = self.read(
            "relationship.get", young_person_id=young_person_id, person_id=person_id
        )
        if not records:
            raise NotFound(
                f"Young person {young_person_id!r} has no relationship with {person_id!r}."
            )
        return _decode(Relationship, records[0]["relationship"])

    def update_relationship(self, young_person_id: str, relationship: Relationship) -> Relationship:
        model.check(relationship)
        row = self._versioned(
            "relationship.update",
            f"relationship with {relationship.person_id!r}",
            young_person_id=young_person_id,
            person_id=relationship.person_id,
            version=relationship.version,
            props=(props := _relationship_props(relationship)),
            keep_side="side" not in props,
        )
        return _decode(Relationship, row["relationship"])

    def delete_relationship(self, young_person_id: str, person_id: str) -> None:
        self._deleted(
            "relationship.delete",
            f"relationship with {person_id!r}",
            young_person_id=young_person_id,
            person_id=person_id,
        )

    def remove_from_network(
        self, young_person_id: str, person_id: str, expected_version: int
    ) -> bool:
        """Remove a person from a young person's network (their relationship and its contact
        log) if the relationship is still at ``expected_version``, the version the editor saw;
        a person then left in no one's network is deleted altogether. Returns whether they were.

        One transaction: the young person's and the relationship's write locks, then the check,
        then the removal, so an edit saved in between is never removed unseen. Raises
        :class:`NotFound` (no such relationship) or :class:`StaleEdit` (it changed).
        """

        def work(tx: neo4j.ManagedTransaction) -> bool:
            statements = _statements()
            record = tx.run(
                statements["relationship.lock"],
                young_person_id=young_person_id,
                person_id=person_id,
            ).single()
            if record is None:
                raise NotFound(
                    f"Young person {young_person_id!r} has no relationship with {person_id!r}."
                )
            if record["version"] != expected_version:
                raise StaleEdit(
                    "Someone else saved changes to this relationship after you opened it. "
                    "Nothing was removed: check the network, then remove them again if you "
                    "still want to."
                )
            tx.run(
                statements["relationship.delete"],
                young_person_id=young_person_id,
                person_id=person_id,
            ).consume()
            deleted = tx.run(statements["person.delete_if_unrelated"], id=person_id).single()
            return bool(deleted and deleted["deleted"])

        result: bool = self._transaction(work)
        return result

    def update_relationships(
        self,
        young_person_id: str,
        changes: Sequence[MemberChange],
        expected_version: str,
        *,
        version_of: MembersVersion | None = None,
    ) -> NetworkUpdate:
        """Change several members of one young person's network in one transaction: all of the
        changes, or (when any is invalid, or the network changed since ``expected_version`` was
        read: see :func:`network_version`) none.

        The young person, their relationships and the people in the network are write-locked
        before the one version check, so no other edit can slip in between the check and the
        writes. Only what actually changes is written (and has its version raised).

        ``version_of`` computes the version ``expected_version`` is checked against, from the
        network's members as locked, and the returned version, from them as written: by default
        the whole network's (:func:`network_version`); a page made for one audience passes that
        audience's own (e.g. :func:`connections.audiences.conference_version`), so that the version
        it carries says nothing about what that audience may not see.

        Raises :class:`NotFound` for no such young person, :class:`StaleEdit` for an out-of-date
        version, :class:`~connections.model.InvalidInput` naming each bad field as
        ``changes[i].relationship.<field>`` or ``changes[i].person.<field>``.
        """
        changes = list(changes)
        errors = _change_shape_errors(changes)
        if errors:
            raise InvalidInput(errors)

        def work(tx: neo4j.ManagedTransaction) -> NetworkUpdate:
            statements = _statements()
            record = tx.run(statements["network.lock"], id=young_person_id).single()
            if record is None:
                raise NotFound(f"No young person with id {young_person_id!r}.")
            people = {row["id"]: _decode(Person, row) for row in record["people"]}
            relationships = {
                row["person_id"]: _decode(Relationship, row) for row in record["relationships"]
            }
            version = version_of or _members_version
            if version(relationships, people) != expected_version:
                raise StaleEdit(NETWORK_STALE)
            plan = _ChangePlan.of(changes, relationships, people)
            if plan.relationship_rows:
                tx.run(
                    statements["network.update_relationships"],
                    young_person_id=young_person_id,
                    rows=plan.relationship_rows,
                ).consume()
            if plan.person_rows:
                tx.run(statements["network.update_people"], rows=plan.person_rows).consume()
            return NetworkUpdate(
                version=version(plan.relationships, plan.people),
                relationships=[row["person_id"] for row in plan.relationship_rows],
                people=[row["id"] for row in plan.person_rows],
            )

        result: NetworkUpdate = self._transaction(work)
        return result

    # --- links -------------------------------------------------------------------------------

    def create_link(self, link: Link) -> Link:
        model.check(link)
        records = self.write("link.create", **link.model_dump(mode="json"))
        if not records:
            raise NotFound(f"No person with id {link.source!r} or {link.target!r}.")
        return link

    def delete_link(self, link: Link) -> None:
        self._deleted("link.delete", "link", **link.model_dump(mode="json"))

    def links_of(self, person_id: str) -> list[Link]:
        return [_decode(Link, dict(record)) for record in self.read("link.of_person", id=person_id)]

    # --- contact log -------------------------------------------------------------------------

    def add_contact(self, young_person_id: str, entry: ContactEntry) -> ContactEntry:
        model.check(entry)
        props = _props(entry)
        del props["person_id"]
        records = self.write(
            "contact.create",
            young_person_id=young_person_id,
            person_id=entry.person_id,
            props=props,
        )
        if not records:
            raise NotFound(
                f"Young person {young_person_id!r} has no relationship with {entry.person_id!r}."
            )
        return _decode(ContactEntry, records[0]["entry"])

    def contact_log(self, young_person_id: str) -> list[ContactEntry]:
        return [
            _decode(ContactEntry, r["entry"])
            for r in self.read("contact.list", young_person_id=young_person_id)
        ]

    def get_contact(self, young_person_id: str, entry_id: str) -> ContactEntry:
        records = self.read("contact.get", young_person_id=young_person_id, id=entry_id)
        if not records:
            raise NotFound(f"No contact log entry {entry_id!r} for {young_person_id!r}.")
        return _decode(ContactEntry, records[0]["entry"])

    def update_contact(self, young_person_id: str, entry: ContactEntry) -> ContactEntry:
        """Correct a contact log entry: ``entry.version`` is the version the editor loaded;
        :class:`StaleEdit` (nothing written) when someone saved it in between. The entry may
        move to another person, who must be in the young person's network (else
        :class:`NotFound`)."""
        model.check(entry)
        props = _props(entry)
        del props["person_id"]
        record = self._versioned(
            "contact.update",
            f"contact log entry {entry.id!r} with a person in this network",
            young_person_id=young_person_id,
            id=entry.id,
            person_id=entry.person_id,
            props=props,
            version=entry.version,
        )
        return _decode(ContactEntry, record["entry"])

    def remove_contact(self, young_person_id: str, entry_id: str, version: int) -> ContactEntry:
        """Remove a contact log entry if it is still at ``version``; returns it as it was (for
        the audit record of what was removed). :class:`StaleEdit` when someone changed it."""
        record = self._versioned(
            "contact.remove",
            f"contact log entry {entry_id!r}",
            young_person_id=young_person_id,
            id=entry_id,
            version=version,
        )
        return _decode(ContactEntry, record["entry"])

    def delete_contact(self, young_person_id: str, entry_id: str) -> None:
        self._deleted(
            "contact.delete",
            f"contact log entry {entry_id!r}",
            young_person_id=young_person_id,
            id=entry_id,
        )

    # --- whole networks ----------------------------------------------------------------------

    def load_network(self, young_person_id: str) -> Network:
        """One young person's whole network, in one round trip."""
        records = self.read("network.load", **_load_parameters(young_person_id))
        if not records:
            raise NotFound(f"No young person with id {young_person_id!r}.")
        return _loaded_network(records[0])

    def load_report_network(self, young_person_id: str) -> Network:
        """What a coverage report, its map and its table show: the network without addresses,
        free-text notes or the contact log, as the cohort reads it (about 30% quicker than
        :meth:`load_network` at 300 people, 37% at 1,000). Never save what this returns: those
        fields are empty, not unchanged.
        """
        return report_model(self.load_report_values(young_person_id))

    def load_report_values(self, young_person_id: str) -> NetworkValue:
        """:meth:`load_report_network` as plain values: scoring the model would first turn it
        back into values (1.2 ms more at 300 people, 3.2 ms at 1,000:
        ``bench/network_values.py``)."""
        networks = self.networks_for_scoring([young_person_id])
        if not networks:
            raise NotFound(f"No young person with id {young_person_id!r}.")
        return networks[0]

    def networks_for_scoring(self, young_person_ids: Sequence[str]) -> list[NetworkValue]:
        """The networks of these young people in one query, without free text or contact log
        (scoring reads neither); in the order given, missing ids left out."""
        records = self.read("network.for_scoring", ids=list(young_person_ids))
        return [_scoring_network(record) for record in records]

    def iter_young_person_ids(self, batch_size: int = 1000) -> Iterator[list[str]]:
        """Every young person's id in order, a batch at a time (keyset paging)."""
        after = ""
        while ids := [
            r["id"] for r in self.read("network.ids_after", after=after, limit=batch_size)
        ]:
            yield ids
            after = ids[-1]

    def iter_networks(self, batch_size: int = 500) -> Iterator[list[Network]]:
        """The whole cohort in id order, one query per batch of ``batch_size`` networks, in
        bounded memory."""
        for ids in self.iter_young_person_ids(batch_size):
            yield self.networks_for_scoring(ids)

    def save_network(self, network: Network) -> None:
        """Import one network: validated first, then written in one transaction, or not at all.

        Unconditional (an import is authoritative) and idempotent: saving the same document
        again gives the same stored network, so an import whose outcome is unknown
        (:class:`~connections.store.CommitOutcomeUnknown`) is safely run again.
        """
        model.check(network)
        self.save_networks([network])

    def replace_network(self, network: Network, expected: Collection[str] | None) -> SavedNetwork:
        """Save one network on a condition, checked in the same transaction as the write.

        ``expected`` is what the caller read: the :func:`document_version` (or several) the
        stored network must still have, or :data:`ANY_VERSION` for any existing network
        (``If-Match``); ``None`` when the young person must not exist yet (``If-None-Match: *``).
        The young person's, every relationship's and every person's write locks are taken
        first (``network.lock``), then the network is read and its version compared, then it
        is written and read back, all in one transaction, so of several callers sending the
        same version exactly one wins. Raises :class:`PreconditionFailed` (nothing written) when
        the condition does not hold, :class:`~connections.model.InvalidInput` for an invalid
        network.
        """
        model.check(network)
        batches = network_batch.plan([network])
        young_person_id = network.young_person.id

        def work(tx: neo4j.ManagedTransaction) -> SavedNetwork:
            statements = _statements()
            locked = tx.run(statements["network.lock"], id=young_person_id).single()
            current = None if locked is None else _load_in(tx, young_person_id)
            if current is None:
                if expected is not None:
                    raise PreconditionFailed(NETWORK_MISSING)
                try:
                    tx.run(statements["young_person.claim"], id=young_person_id).consume()
                except neo4j.exceptions.ConstraintError:
                    # Created by someone else since network.lock found nothing.
                    raise PreconditionFailed(NETWORK_EXISTS) from None
            elif expected is None:
                raise PreconditionFailed(NETWORK_EXISTS)
            elif ANY_VERSION not in expected and document_version(current) not in expected:
                raise PreconditionFailed(NETWORK_CHANGED)
            network_batch.write(tx, batches)
            saved = _load_in(tx, young_person_id)
            assert saved is not None  # written just now, in this transaction
            return SavedNetwork(saved, document_version(saved), created=current is None)

        result: SavedNetwork = self._transaction(work)
        return result

    def bulk_save(
        self,
        networks: Iterable[Network],
        batch_size: int = 200,
        on_saved: Callable[[int], None] | None = None,
    ) -> int:
        """Save a stream of (already valid) networks, ``batch_size`` to a transaction, for demo
        data and benchmarks; returns the number of relationships written. ``on_saved`` is told
        how many networks each committed batch held (for a progress bar)."""
        relationships = 0
        networks = iter(networks)
        while batch := list(islice(networks, batch_size)):
            # Generated data: a sibling's young person may come in a later batch.
            self.save_networks(batch, check_young_people=False)
            relationships += sum(len(network.relationships) for network in batch)
            if on_saved is not None:
                on_saved(len(batch))
        return relationships

    def save_networks(
        self, networks: Sequence[Network], *, check_young_people: bool = True
    ) -> None:
        """Write a batch of (already valid) networks in one transaction, with the same outcome
        as saving them one at a time in this order (:mod:`.network_batch`): all or nothing.

        A person marked as another young person is refused unless that young person exists
        once the batch is written (``check_young_people=False`` trusts generated data)."""
        batches = network_batch.plan(networks)
        if not check_young_people:
            for batch in batches:
                batch.young_person_claims.clear()
        self._transaction(lambda tx: network_batch.write(tx, batches))


def _load_parameters(*young_person_ids: str) -> dict[str, Any]:
    return {
        "ids": list(young_person_ids),
        "person_columns": columns(Person),
        "relationship_columns": columns(Relationship),
    }


def _load_in(tx: neo4j.ManagedTransaction, young_person_id: str) -> Network | None:
    """network.load inside a transaction (so it sees that transaction's own writes)."""
    record = tx.run(_statements()["network.load"], _load_parameters(young_person_id)).single()
    return None if record is None else _loaded_network(record)


def _load_many_in(tx: neo4j.ManagedTransaction, young_person_ids: Sequence[str]) -> list[Network]:
    """network.load of many young people inside a transaction, in one query (those that exist,
    in no particular order)."""
    records = tx.run(_statements()["network.load"], _load_parameters(*young_person_ids))
    return [_loaded_network(record) for record in records]


def _loaded_network(record: neo4j.Record) -> Network:
    return _decode(
        Network,
        {
            "young_person": _decode(YoungPerson, record["young_person"]),
            "people": [_decode_row(Person, row) for row in record["people"]],
            "relationships": [_decode_row(Relationship, row) for row in record["relationships"]],
            "links": [_decode_row(Link, row) for row in record["links"]],
            "contact_log": [_decode(ContactEntry, row) for row in record["contact_log"]],
            "restrictions": [_decode(Restriction, row) for row in record["restrictions"]],
        },
    )


def _found_person(record: neo4j.Record) -> FoundPerson:
    return FoundPerson(
        id=record["id"],
        name=record["name"],
        category=_CATEGORY[record["category"]] or Category.FAMILY,
        deceased=bool(record["deceased"]),
        networks=record["networks"],
        visible_young_people=[(yp_id, name) for yp_id, name in record["visible_young_people"]],
        in_allocated=bool(record["in_allocated"]),
    )


#: What a :class:`MemberChange` may not change: who the change is about. (The store's version is
#: not a field at all, so a change naming it is refused as any unknown field is.)
_FIXED_FIELDS = {"relationship": ("person_id",), "person": ("id",)}


def _change_shape_errors(changes: Sequence[MemberChange]) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: set[str] = set()
    for index, change in enumerate(changes):
        if change.person_id in seen:
            errors.append(
                FieldError(
                    path=f"changes[{index}].person_id",
                    message="appears twice: give one change per person",
                )
            )
        seen.add(change.person_id)
        for part, fixed in _FIXED_FIELDS.items():
            values: Mapping[str, Any] = getattr(change, part)
            errors.extend(
                FieldError(path=f"changes[{index}].{part}.{name}", message="cannot be changed")
                for name in fixed
                if name in values
            )
    return errors


def _members_version(
    relationships: Mapping[str, Relationship], people: Mapping[str, Person]
) -> str:
    return _version_of(
        (person_id, r.version, people[person_id].version if person_id in people else 0)
        for person_id, r in relationships.items()
    )


@dataclass
class _ChangePlan:
    """The writes for a batch of member changes, validated against the network as locked."""

    relationships: dict[str, Relationship]
    people: dict[str, Person]
    relationship_rows: list[dict[str, Any]]
    person_rows: list[dict[str, Any]]

    @classmethod
    def of(
        cls,
        changes: Sequence[MemberChange],
        relationships: Mapping[str, Relationship],
        people: Mapping[str, Person],
    ) -> _ChangePlan:
        plan = cls(dict(relationships), dict(people), [], [])
        errors: list[FieldError] = []
        for index, change in enumerate(changes):
            before = relationships.get(change.person_id)
            person = people.get(change.person_id)
            if before is None or person is None:
                errors.append(
                    FieldError(
                        path=f"changes[{index}].person_id",
                        message="is not in this young person's network",
                    )
                )
                continue
            try:
                after = revise(before, dict(change.relationship), f"changes[{index}].relationship")
            except InvalidInput as error:
                errors.extend(error.errors)
                after = before
            try:
                changed_person = revise(person, dict(change.person), f"changes[{index}].person")
            except InvalidInput as error:
                errors.extend(error.errors)
                changed_person = person
            if errors:
                continue  # nothing will be written: only the errors are wanted now
            if after.model_dump() != before.model_dump():
                version = before.version + 1
                plan.relationship_rows.append(
                    {
                        "person_id": change.person_id,
                        "props": _relationship_props(after),
                        "version": version,
                    }
                )
                plan.relationships[change.person_id] = after.at_version(version)
            if changed_person.model_dump() != person.model_dump():
                version = person.version + 1
                plan.person_rows.append(
                    {"id": person.id, "props": _props(changed_person), "version": version}
                )
                plan.people[person.id] = changed_person.at_version(version)
        if errors:
            raise InvalidInput(errors)
        return plan


# --- the cohort's scoring rows ---------------------------------------------------------------
# network.for_scoring returns each relationship as one positional list (the person's columns,
# then the relationship's). Decoding those is the client's biggest cost when the whole cohort
# streams through, so it is done column by column here rather than by the generic _decode.

_CATEGORY = members(Category)
_ROLE = members(Role)
_RATED_BY = members(RatedBy)
_SAFETY = members(Safety)
_WISHES = members(Wishes)
_CONTACT = members(Contact)
_DOMAIN = members(Domain)
_FINDING = members(FindingStatus)
_LINK_KIND = members(LinkKind)
_STATUS = members(YoungPersonStatus)
_SIDE = members(Side)
_RESTRICTION_KIND = members(RestrictionKind)
_SCOPE = members(RestrictionScope)


def _scoring_network(record: neo4j.Record) -> NetworkValue:
    """The plain values scoring reads (connections.network_values), straight from the row."""
    yp_id, name, date_of_birth, status, yp_household = record["young_person"]
    people = []
    relationships = []
    for (
        person_id,
        person_name,
        category,
        deceased,
        household,
        young_person_id,
        role,
        closeness,
        rated_by,
        safety,
        wishes,
        contact,
        last_contact,
        paid,
        role_ends_at_age,
        continues_beyond_role,
        support,
        finding_status,
        hide_in_conference,
        side,
    ) in record["relationships"]:
        people.append(
            PersonValue(
                person_id,
                person_name,
                _CATEGORY[category],
                bool(deceased),
                household,
                young_person_id,
            )
        )
        relationships.append(
            RelationshipValue(
                person_id,
                _ROLE[role],
                closeness,
                _RATED_BY[rated_by],
                _SAFETY[safety],
                _WISHES[wishes],
                _CONTACT[contact],
                last_contact and date.fromisoformat(last_contact),
                bool(paid),
                role_ends_at_age,
                bool(continues_beyond_role),
                tuple(_DOMAIN[domain] for domain in support) if support else (),
                _FINDING[finding_status],
                bool(hide_in_conference),
                _SIDE[side],
            )
        )
    return NetworkValue(
        YoungPersonValue(
            yp_id, name, date.fromisoformat(date_of_birth), _STATUS[status], yp_household
        ),
        tuple(people),
        tuple(relationships),
        tuple(
            LinkValue(source, target, _LINK_KIND[kind]) for source, target, kind in record["links"]
        ),
        tuple(
            RestrictionValue(
                restriction_id,
                person_id,
                _RESTRICTION_KIND[kind],
                _SCOPE[scope],
                date.fromisoformat(starts),
                ends and date.fromisoformat(ends),
                review_by and date.fromisoformat(review_by),
            )
            for restriction_id, person_id, kind, scope, starts, ends, review_by in record[
                "restrictions"
            ]
        ),
    )


def report_model(network: NetworkValue) -> Network:
    """The model of ``network`` for the pages that draw and print a report, its free text,
    addresses and contact log empty (never save it: they would read as emptied, not unchanged).
    Made as :func:`~connections.store.base.trusted` makes every model the store reads: under
    half the time of pydantic's ``model_construct`` (4.8 against 11.4 ms for 300 people,
    ``bench/network_values.py``)."""
    relationships = []
    for relationship in network.relationships:
        values = dict(zip(_RELATIONSHIP_KEYS, relationship + _RELATIONSHIP_EMPTY, strict=False))
        values["support"] = list(relationship.support)
        relationships.append(trusted(Relationship, values))
    return trusted(
        Network,
        {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "young_person": trusted(YoungPerson, network.young_person._asdict()),
            "people": [
                trusted(Person, dict(zip(_PERSON_KEYS, person + _PERSON_EMPTY, strict=False)))
                for person in network.people
            ],
            "relationships": relationships,
            "links": [
                trusted(Link, dict(zip(_LINK_KEYS, link, strict=False))) for link in network.links
            ],
            "contact_log": [],
            "restrictions": [
                trusted(
                    Restriction,
                    dict(zip(_RESTRICTION_KEYS, restriction + _RESTRICTION_EMPTY, strict=False)),
                )
                for restriction in network.restrictions
            ],
        },
    )


def _empty(
    value_type: type[tuple[Any, ...]], empty: dict[str, Any]
) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """The field names of a model made from ``value_type`` and ``empty`` (the fields scoring
    never reads: free text and addresses), and the empty values."""
    return (*value_type._fields, *empty), tuple(empty.values())  # type: ignore[attr-defined]


_PERSON_KEYS, _PERSON_EMPTY = _empty(
    PersonValue,
    {"address": "", "contact_details": "", "reachable_agreed_on": None, "external_ref": ""},
)
_RELATIONSHIP_KEYS, _RELATIONSHIP_EMPTY = _empty(
    RelationshipValue, {"notes": "", "safety_note": ""}
)
_RESTRICTION_KEYS, _RESTRICTION_EMPTY = _empty(RestrictionValue, {"source": "", "note": ""})
_LINK_KEYS: Final = LinkValue._fields
