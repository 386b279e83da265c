"""All Neo4j access: a repository over the official driver.

Every statement lives in ``cypher/*.cypher`` as a named block (``// name: person.create``) and is
run with parameters only. Writes run in managed transactions (``execute_write`` /
``execute_query`` with retries), reads are routed as reads and ``database_`` is always given, so
the same code runs on a single server, a cluster or Aura (``neo4j://`` URIs).

Edits carry the version the editor saw; a write whose version is stale raises :class:`StaleEdit`
instead of silently overwriting someone else's change.

This module never imports networkx, pyvis or Flask: it turns rows into model values and back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import neo4j
import neo4j.exceptions
import neo4j.time
from neo4j import GraphDatabase, RoutingControl

from connections import model
from connections.model import (
    ContactEntry,
    InvalidInput,
    Link,
    Network,
    Person,
    Relationship,
    YoungPerson,
)

CYPHER_DIR = Path(__file__).resolve().parents[1] / "cypher"
_BLOCK = re.compile(r"^// name: (?P<name>[\w.]+)\s*$", re.MULTILINE)

EntityT = TypeVar("EntityT", bound=model.BaseModel)


class StoreError(Exception):
    """A request the store refuses; the message is fit to show a user."""


class NotFound(StoreError, LookupError):
    pass


class AlreadyExists(StoreError):
    pass


class StaleEdit(StoreError):
    """Someone else saved this record after the editor loaded it."""


class DatabaseUnavailable(StoreError):
    """Neo4j cannot be reached (or keeps failing) within the short timeouts."""


@dataclass(frozen=True)
class Settings:
    """Where the database is; read from the environment by :func:`settings_from_env`."""

    uri: str = "bolt://127.0.0.1:7688"
    user: str | None = None
    password: str | None = None
    database: str = "neo4j"


def settings_from_env(environ: Mapping[str, str]) -> Settings:
    """``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (docker-compose sets
    them; the local development server needs only the URI)."""
    defaults = Settings()
    return Settings(
        uri=environ.get("NEO4J_URI", defaults.uri),
        user=environ.get("NEO4J_USER") or None,
        password=environ.get("NEO4J_PASSWORD") or None,
        database=environ.get("NEO4J_DATABASE", defaults.database),
    )


def load_statements(directory: Path = CYPHER_DIR) -> dict[str, str]:
    """Every named Cypher block in ``directory``, by name."""
    statements: dict[str, str] = {}
    for path in sorted(directory.glob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        marks = list(_BLOCK.finditer(text))
        for mark, following in zip(marks, [*marks[1:], None], strict=True):
            end = following.start() if following else len(text)
            body = "\n".join(
                line for line in text[mark.end() : end].splitlines() if not line.startswith("//")
            ).strip()
            name = mark["name"]
            if name in statements:
                raise ValueError(f"{path.name}: Cypher block {name!r} is defined twice")
            statements[name] = body.rstrip(";").strip()
    return statements


@cache
def _statements() -> dict[str, str]:
    return load_statements()


def connect(settings: Settings) -> Store:
    """One driver per process, with short timeouts so a dead database fails in seconds."""
    auth = (settings.user, settings.password) if settings.user else None
    driver = GraphDatabase.driver(
        settings.uri,
        auth=auth,
        connection_timeout=3.0,
        connection_acquisition_timeout=5.0,
        max_transaction_retry_time=5.0,
        liveness_check_timeout=30.0,
        user_agent="lifelong-connections",
    )
    return Store(driver, settings.database)


class Store:
    """The repository: create, read, update and delete every entity, and whole networks."""

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j"):
        self.driver = driver
        self.database = database

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- running statements ------------------------------------------------------------------

    def _run(self, name: str, *, write: bool, **params: Any) -> list[neo4j.Record]:
        try:
            records, _, _ = self.driver.execute_query(
                _statements()[name],
                params,
                database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as error:
            raise DatabaseUnavailable(
                "The database cannot be reached just now; try again in a minute."
            ) from error
        except neo4j.exceptions.ConstraintError as error:
            raise AlreadyExists("A record with this id already exists.") from error
        return records

    def read(self, name: str, **params: Any) -> list[neo4j.Record]:
        return self._run(name, write=False, **params)

    def write(self, name: str, **params: Any) -> list[neo4j.Record]:
        return self._run(name, write=True, **params)

    def _transaction(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        """Several statements in one managed write transaction: all of them or none."""
        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(work)
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as error:
            raise DatabaseUnavailable(
                "The database cannot be reached just now; try again in a minute."
            ) from error

    def ping(self) -> None:
        """Raise :class:`DatabaseUnavailable` unless the database answers now."""
        try:
            self.driver.verify_connectivity()
        except neo4j.exceptions.DriverError as error:
            raise DatabaseUnavailable("The database cannot be reached.") from error
        except OSError as error:
            raise DatabaseUnavailable("The database cannot be reached.") from error

    def apply_schema(self) -> list[str]:
        """Constraints and indexes from cypher/schema.cypher; safe to run any number of times."""
        names = [name for name in _statements() if name.endswith(("_unique", "_index"))]
        for name in names:
            self.write(name)
        return names

    def clear(self) -> None:
        """Delete every node (tests and demo reloads); the schema stays."""
        self.write("network.clear")

    # --- young people ------------------------------------------------------------------------

    def create_young_person(self, young_person: YoungPerson) -> YoungPerson:
        model.check(young_person)
        records = self.write("young_person.create", props=_props(young_person))
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
            props=_relationship_props(relationship),
        )
        return _decode(Relationship, row["relationship"])

    def delete_relationship(self, young_person_id: str, person_id: str) -> None:
        self._deleted(
            "relationship.delete",
            f"relationship with {person_id!r}",
            young_person_id=young_person_id,
            person_id=person_id,
        )

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
        records = self.read("network.load", id=young_person_id)
        if not records:
            raise NotFound(f"No young person with id {young_person_id!r}.")
        return _network(records[0], with_contact_log=True)

    def iter_networks(self, batch_size: int = 500) -> Iterator[list[Network]]:
        """The whole cohort in id order, ``batch_size`` networks per query, in bounded memory.

        The batches leave out free text and the contact log (scoring reads neither).
        """
        after = ""
        while True:
            records = self.read("network.batch", after=after, limit=batch_size)
            if not records:
                return
            yield [_network(record, with_contact_log=False) for record in records]
            after = records[-1]["young_person"]["id"]

    def save_network(self, network: Network) -> None:
        """Import one network: validated first, then written in one transaction, or not at all."""
        model.check(network)
        self.save_networks([network])

    def save_networks(self, networks: Sequence[Network]) -> None:
        """Write a batch of (already valid) networks in one transaction.

        Shared people (the same id in several networks) are written once per batch.
        """
        batch = _SaveBatch.of(networks)
        self._transaction(batch.run)

    # --- helpers -----------------------------------------------------------------------------

    def _versioned(self, name: str, what: str, **params: Any) -> neo4j.Record:
        records = self.write(name, **params)
        if not records:
            raise NotFound(f"No {what}.")
        if not records[0]["fresh"]:
            raise StaleEdit(
                f"Someone else saved changes to this {what.split(' ')[0]} after you opened it. "
                "Your changes were not saved: reload to see theirs, then make your change again."
            )
        return records[0]

    def _deleted(self, name: str, what: str, **params: Any) -> None:
        records = self.write(name, **params)
        if not records or not records[0]["deleted"]:
            raise NotFound(f"No {what}.")


@dataclass
class _SaveBatch:
    """The parameters of the network.save_* statements for a batch of networks."""

    young_people: list[dict[str, Any]]
    people: list[dict[str, Any]]
    relationships: list[dict[str, Any]]
    links: list[dict[str, Any]]
    entries: list[dict[str, Any]]
    networks: list[dict[str, Any]]

    @classmethod
    def of(cls, networks: Iterable[Network]) -> _SaveBatch:
        batch = cls([], [], [], [], [], [])
        seen_people: set[str] = set()
        for network in networks:
            yp_id = network.young_person.id
            batch.young_people.append(_props(network.young_person))
            for person in network.people:
                if person.id not in seen_people:
                    seen_people.add(person.id)
                    batch.people.append(_props(person))
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
            )
            for entry in network.contact_log:
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
            batch.networks.append(
                {
                    "id": yp_id,
                    "person_ids": [p.id for p in network.people],
                    "link_keys": [list(link.key) for link in network.links],
                    "entry_ids": [e.id for e in network.contact_log],
                }
            )
        return batch

    def run(self, tx: neo4j.ManagedTransaction) -> None:
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
        for name, rows in (
            ("network.save_young_people", {"young_people": self.young_people}),
            ("network.save_people", {"people": self.people}),
            ("network.prune_relationships", {"networks": self.networks}),
            ("network.save_relationships", {"relationships": self.relationships}),
            ("network.prune_links", {"networks": self.networks}),
            ("network.save_links", {"links": self.links}),
            ("network.prune_contacts", {"networks": self.networks}),
            ("network.save_contacts", {"entries": self.entries}),
        ):
            if next(iter(rows.values())):
                tx.run(statements[name], rows).consume()


# --- rows <-> model values ---------------------------------------------------------------------


def _db_value(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return [_db_value(item) for item in value]
    return value


def _props(entity: model.BaseModel) -> dict[str, Any]:
    """Properties to store: every field (None removes a property), enums as their values."""
    return {
        key: _db_value(value)
        for key, value in entity.model_dump(mode="python", exclude={"version"}).items()
    }


def _relationship_props(relationship: Relationship) -> dict[str, Any]:
    props = _props(relationship)
    del props["person_id"]  # the relationship's end node says who it is with
    return props


def _enum_lookup(annotation: Any) -> dict[str, StrEnum] | None:
    """For a field typed ``E``, ``E | None`` or ``list[E]`` with ``E`` an enum: value -> member."""
    candidates = [annotation, *get_args(annotation)]
    if get_origin(annotation) is list:
        candidates = list(get_args(annotation))
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, StrEnum):
            return {member.value: member for member in candidate}
    return None


@cache
def _decoder(cls: type[model.BaseModel]) -> list[tuple[str, Any, dict[str, StrEnum] | None, bool]]:
    fields = []
    for name, info in cls.model_fields.items():
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        is_list = get_origin(info.annotation) is list
        fields.append((name, default, _enum_lookup(info.annotation), is_list))
    return fields


def _decode(cls: type[EntityT], row: Mapping[str, Any]) -> EntityT:
    """A model value from a database row, without re-validating what the store validated on
    the way in (the cohort decodes hundreds of thousands of these)."""
    values: dict[str, Any] = {}
    for name, default, enum, is_list in _decoder(cls):
        value = row.get(name)
        if value is None:
            value = list(default) if is_list else default
        elif enum is not None:
            value = [enum[item] for item in value] if is_list else enum[value]
        elif isinstance(value, neo4j.time.Date):
            value = value.to_native()
        values[name] = value
    entity = cls.__new__(cls)
    object.__setattr__(entity, "__dict__", values)
    object.__setattr__(entity, "__pydantic_fields_set__", set(values))
    object.__setattr__(entity, "__pydantic_extra__", None)
    object.__setattr__(entity, "__pydantic_private__", None)
    return entity


def _network(record: neo4j.Record, *, with_contact_log: bool) -> Network:
    return _decode(
        Network,
        {
            "young_person": _decode(YoungPerson, record["young_person"]),
            "people": [_decode(Person, row) for row in record["people"]],
            "relationships": [_decode(Relationship, row) for row in record["relationships"]],
            "links": [_decode(Link, row) for row in record["links"]],
            "contact_log": (
                [_decode(ContactEntry, row) for row in record["contact_log"]]
                if with_contact_log
                else []
            ),
        },
    )


__all__ = [
    "AlreadyExists",
    "DatabaseUnavailable",
    "InvalidInput",
    "NotFound",
    "Settings",
    "StaleEdit",
    "Store",
    "StoreError",
    "connect",
    "load_statements",
    "settings_from_env",
]
