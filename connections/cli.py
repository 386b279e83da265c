"""The ``connections`` command: the local database, imports and exports, demo data, scores.

Where the database is: ``NEO4J_URI`` (and ``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``) when set, otherwise the local development server that ``connections db
start`` runs under ``CONNECTIONS_HOME`` (default ``./var``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path

import click

from connections import devdb, io
from connections.model import InvalidInput
from connections.store import Settings, Store, StoreError, connect, settings_from_env


def home() -> Path:
    return Path(os.environ.get("CONNECTIONS_HOME", "var")).resolve()


def database_settings() -> Settings:
    """The environment's database, else the local development server if it is running."""
    if "NEO4J_URI" not in os.environ:
        server = devdb.status_persistent(home())
        if server is not None:
            return Settings(uri=server.uri)
    return settings_from_env(os.environ)


@contextmanager
def open_store() -> Iterator[Store]:
    store = connect(database_settings())
    try:
        yield store
    finally:
        store.close()


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class _Group(click.Group):
    """Turns the product's own errors into one clear line and exit status 1, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InvalidInput as error:
            click.echo("Error: the input is not valid, nothing was written:", err=True)
            for problem in error.errors:
                click.echo(f"  {problem}", err=True)
            sys.exit(1)
        except (StoreError, devdb.DevDbError) as error:
            _fail(str(error))


@click.group(cls=_Group)
@click.version_option(package_name="lifelong-connections")
def main() -> None:
    """Lifelong Connections: young people's networks, scored against the mission."""


# --- the local database ---------------------------------------------------------------------


@main.group()
def db() -> None:
    """Start, stop or check the local development Neo4j (data in $CONNECTIONS_HOME/neo4j)."""


@db.command("start")
@click.option("--port", type=int, default=None, help="Bolt port (default 7688).")
def db_start(port: int | None) -> None:
    """Start the local Neo4j in the background (data is kept between runs)."""
    server = devdb.start_persistent(home(), port=port)
    click.echo(f"Neo4j is running at {server.uri} (data in {server.data_dir}).")


@db.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j; its data stays for the next start."""
    stopped = devdb.stop_persistent(home())
    click.echo("Neo4j stopped." if stopped else "Neo4j was not running.")


@db.command("status")
def db_status() -> None:
    """Say whether the local Neo4j is running, and where."""
    server = devdb.status_persistent(home())
    if server is None:
        click.echo("Neo4j is not running. Start it with: connections db start")
        sys.exit(3)
    click.echo(f"Neo4j is running at {server.uri} (pid {server.pid}, data in {server.data_dir}).")


@main.command()
def init() -> None:
    """Apply the schema (constraints and indexes); safe to run again."""
    with open_store() as store:
        names = store.apply_schema()
    click.echo(f"Schema applied: {len(names)} constraints and indexes.")


@main.command()
def schema() -> None:
    """Rewrite schema/network.schema.json from the model."""
    io.SCHEMA_PATH.write_text(io.schema_text(), encoding="utf-8")
    click.echo(f"Wrote {io.SCHEMA_PATH}")


# --- network documents ------------------------------------------------------------------------


@main.command("export")
@click.argument("young_person_id")
def export_network(young_person_id: str) -> None:
    """Write one young person's network as a network JSON document to standard output."""
    with open_store() as store:
        network = store.load_network(young_person_id)
    click.echo(io.dumps_network(network), nl=False)


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_network(path: Path) -> None:
    """Import a network JSON document: all of it, or nothing if anything is wrong."""
    network = io.read_network(path)
    with open_store() as store:
        store.apply_schema()
        store.save_network(network)
    click.echo(
        f"Imported {network.young_person.id}: {len(network.people)} people, "
        f"{len(network.links)} links, {len(network.contact_log)} contact log entries."
    )


# --- demo data --------------------------------------------------------------------------------


@main.command()
@click.option("--young-people", "count", type=click.IntRange(1, 1_000_000), default=60)
@click.option("--seed", type=int, default=2026)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date the ages and contact dates are relative to (default today).",
)
@click.option("--replace", is_flag=True, help="Empty the database first.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=200)
def demo(count: int, seed: int, as_of: object, replace: bool, batch_size: int) -> None:
    """Load synthetic demo networks (invented people; the same for the same seed)."""
    from connections import demo as demo_data

    day = as_of.date() if as_of is not None else date.today()  # type: ignore[attr-defined]
    with open_store() as store:
        if replace:
            store.clear()
        store.apply_schema()
        started = time.perf_counter()
        loaded = load_demo(store, demo_data.generate(count, seed, day), batch_size)
        seconds = time.perf_counter() - started
    click.echo(
        f"Loaded {count} young people ({loaded} relationships) in {seconds:.1f} s from seed {seed}."
    )


def load_demo(store: Store, networks: Iterator, batch_size: int) -> int:
    """Bulk-load networks in batches (one transaction each); returns the relationships written."""
    relationships = 0
    while batch := list(islice(networks, batch_size)):
        store.save_networks(batch)
        relationships += sum(len(network.relationships) for network in batch)
    return relationships


if __name__ == "__main__":  # pragma: no cover
    main()
