"""The store's foundation: settings, the one driver, named Cypher statements, errors, decoding.

Statements are named blocks in ``cypher/*.cypher`` (``// name: person.create``), always run with
parameters. Rows come back as model values through :func:`_decode`, which trusts what the store
validated on the way in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import neo4j
import neo4j.exceptions
import neo4j.time
from neo4j import RoutingControl

from connections import model
from connections.model import (
    Relationship,
)
from connections.store import invalidation

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"
#: How long apply_schema waits for new indexes to come online.
SCHEMA_WAIT_SECONDS = 300
_BLOCK = re.compile(r"^// name: (?P<name>[\w.]+)\s*$", re.MULTILINE)

EntityT = TypeVar("EntityT", bound=model.BaseModel)
StrEnumT = TypeVar("StrEnumT", bound=StrEnum)


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


class CommitOutcomeUnknown(DatabaseUnavailable):
    """The connection was lost while a write was being committed: the database may have saved
    it or not, and nothing here can tell which (the driver's
    :class:`neo4j.exceptions.IncompleteCommit`). The caller should say so, never "not saved"."""


class PreconditionFailed(StaleEdit):
    """A conditional write's condition did not hold (the network changed since the version the
    caller read, or exists when it was to be created, or not when it was to be replaced)."""


UNREACHABLE = "The database cannot be reached just now; try again in a minute."
OUTCOME_UNKNOWN = (
    "The connection to the database was lost while the change was being committed, so it may "
    "or may not have been saved."
)


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


class StoreBase:
    """Runs named statements on one driver; the record mixins build on it."""

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j"):
        self.driver = driver
        self.database = database

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- running statements ------------------------------------------------------------------

    def _run(self, name: str, *, write: bool, **params: Any) -> list[neo4j.Record]:
        if write and (name in invalidation.TOUCHES or name in invalidation.VERSIONED):
            # With the invalidation of the kept cohort rows it may change, in one transaction.
            query = _statements()[name]
            try:
                result: list[neo4j.Record] = self._transaction(
                    lambda tx: list(tx.run(query, params))
                )
            except neo4j.exceptions.ConstraintError as error:
                raise AlreadyExists("A record with this id already exists.") from error
            return result
        try:
            records, _, _ = self.driver.execute_query(
                _statements()[name],
                params,
                database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        except neo4j.exceptions.IncompleteCommit as error:
            raise CommitOutcomeUnknown(OUTCOME_UNKNOWN) from error
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as error:
            raise DatabaseUnavailable(UNREACHABLE) from error
        except neo4j.exceptions.ConstraintError as error:
            raise AlreadyExists("A record with this id already exists.") from error
        return records

    def read(self, name: str, **params: Any) -> list[neo4j.Record]:
        return self._run(name, write=False, **params)

    def write(self, name: str, **params: Any) -> list[neo4j.Record]:
        return self._run(name, write=True, **params)

    def _transaction(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        """Several statements in one managed write transaction: all of them or none. Each
        statement that may change a young person's coverage invalidates their kept cohort row,
        and every network the transaction changed gets a new version before it commits, in the
        same transaction (:mod:`connections.store.invalidation`, :meth:`_networks_changed`)."""
        statements = _statements()

        def invalidating(tx: neo4j.ManagedTransaction) -> Any:
            noted = invalidation.InvalidatingTransaction(tx, statements)
            result = work(noted)  # type: ignore[arg-type]
            if noted.young_people or noted.people:
                self._networks_changed(tx, noted.finish(), set())
            return result

        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(invalidating)
        except neo4j.exceptions.IncompleteCommit as error:
            # A subclass of ServiceUnavailable, but not the same news: the commit may have
            # happened (the driver does not retry it, and neither do we).
            raise CommitOutcomeUnknown(OUTCOME_UNKNOWN) from error
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as error:
            raise DatabaseUnavailable(UNREACHABLE) from error

    def _networks_changed(
        self, tx: neo4j.ManagedTransaction, young_people: set[str], people: set[str]
    ) -> None:
        """Called before a writing transaction commits with the young people whose networks it
        changed and the people it changed (each in every network holding them). Nothing here;
        :class:`~connections.store.history.HistoryRecords` keeps a version of each."""

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
        # A new index is built in the background; the full-text index behind find_people must
        # be online before the first search (seconds, even for a large cohort).
        self.write("schema.await_indexes", seconds=SCHEMA_WAIT_SECONDS)
        self.write("schema.date_invalidated_rows")
        return names

    def clear(self) -> None:
        """Delete every node (tests and demo reloads); the schema stays."""
        self.write("network.clear")

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


# --- rows <-> model values ---------------------------------------------------------------------


def _db_value(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return [_db_value(item) for item in value]
    return value


def _props(entity: model.BaseModel) -> dict[str, Any]:
    """Properties to store: every field (None removes a property), enums as their values."""
    return {key: _db_value(value) for key, value in entity.model_dump(mode="python").items()}


def _relationship_props(relationship: Relationship) -> dict[str, Any]:
    props = _props(relationship)
    del props["person_id"]  # the relationship's end node says who it is with
    if "side" not in relationship.model_fields_set:
        # A document that does not say which side of the family (any version 1 document)
        # leaves the side recorded as it is: it is never removed by omission.
        del props["side"]
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


#: The column a versioned entity's version is read from (a property of its node or relationship).
VERSION = "version"


@cache
def _decoder(cls: type[model.BaseModel]) -> list[tuple[str, Any, dict[str, StrEnum] | None, bool]]:
    fields = []
    for name, info in cls.model_fields.items():
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        is_list = get_origin(info.annotation) is list
        fields.append((name, default, _enum_lookup(info.annotation), is_list))
    if issubclass(cls, model.Versioned):
        fields.append((VERSION, 0, None, False))  # not a field: the store's own count
    return fields


def columns(cls: type[model.BaseModel]) -> list[str]:
    """The model's fields in order, then its version if it has one: the columns of a positional
    row (:func:`_decode_row`)."""
    return [name for name, *_ in _decoder(cls)]


def _decode(cls: type[EntityT], row: Mapping[str, Any]) -> EntityT:
    """A model value from a database row, without re-validating what the store validated on
    the way in (the cohort decodes hundreds of thousands of these)."""
    return _decode_row(cls, [row.get(name) for name, *_ in _decoder(cls)])


def _decode_row(cls: type[EntityT], row: Sequence[Any]) -> EntityT:
    """:func:`_decode` for a positional row: one value per field, in :func:`columns` order (a
    large network's rows are lists, a third of the bytes of maps that repeat every key)."""
    values: dict[str, Any] = {}
    for (name, default, enum, is_list), value in zip(_decoder(cls), row, strict=True):
        if value is None:
            value = list(default) if is_list else default
        elif enum is not None:
            value = [enum[item] for item in value] if is_list else enum[value]
        elif isinstance(value, neo4j.time.Date):
            value = value.to_native()
        values[name] = value
    version = values.pop(VERSION) if issubclass(cls, model.Versioned) else 0
    return trusted(cls, values, version)


def trusted(cls: type[EntityT], values: dict[str, Any], version: int = 0) -> EntityT:
    """A model value from complete, already valid field values (every field present), built the
    way pydantic's ``model_construct`` does but without its per-call overhead; a
    :class:`~connections.model.Versioned` one at ``version``."""
    entity = cls.__new__(cls)
    object.__setattr__(entity, "__dict__", values)
    object.__setattr__(entity, "__pydantic_fields_set__", set(values))
    object.__setattr__(entity, "__pydantic_extra__", None)
    private = {"_version": version} if issubclass(cls, model.Versioned) else None
    object.__setattr__(entity, "__pydantic_private__", private)
    return entity


def members(enum: type[StrEnumT]) -> dict[str | None, StrEnumT | None]:
    """value -> member, and None -> None, for decoding optional enum columns with one lookup."""
    return {None: None, **{member.value: member for member in enum}}
