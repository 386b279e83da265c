"""The ``connections`` command: the local database, imports and exports, demo data, scores.

Where the database is: ``NEO4J_URI`` (and ``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``) when set, otherwise the local development server that ``connections db
start`` runs under ``CONNECTIONS_HOME`` (default ``./var``).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime
from pathlib import Path

import click

from connections import (
    accounts,
    cli_bulk,
    cli_csv,
    cli_history,
    cohort,
    csvfile,
    devdb,
    io,
    scoring,
)
from connections.cli_base import command_writes, database_settings, home, open_store, writes
from connections.cli_consents import consents
from connections.cli_gedcom import (
    check_json_options,
    export_gedcom,
    gedcom,
    gedcom_options,
    import_gedcom,
    is_gedcom,
    same_family_option,
)
from connections.cli_map import map_command
from connections.cli_purge import purge_command
from connections.cli_restrictions import restrictions
from connections.cli_retention import retention_command
from connections.cli_shared import shared
from connections.cli_siblings import siblings_command
from connections.cli_subject_access import subject_access_command
from connections.cli_users import user
from connections.model import InvalidInput
from connections.store import CommitOutcomeUnknown, StoreError


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class _Group(click.Group):
    """Turns the product's own errors into one clear line and exit status 1, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InvalidInput as error:
            # Only a command that writes can say it wrote nothing; scoring a file writes nothing.
            written = ", nothing was written" if command_writes(ctx) else ""
            click.echo(f"Error: the input is not valid{written}:", err=True)
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
@click.option(
    "--pagecache",
    default=None,
    help="Page cache, e.g. 2g (default $CONNECTIONS_NEO4J_PAGECACHE or 256m).",
)
@click.option(
    "--heap", default=None, help="Java heap, e.g. 2g (default $CONNECTIONS_NEO4J_HEAP or 1g)."
)
def db_start(port: int | None, pagecache: str | None, heap: str | None) -> None:
    """Start the local Neo4j in the background (data is kept between runs). A region's or the
    country's cohort wants a page cache that holds the store (README "Memory"); the sizes
    apply when it starts, not to a server already running."""
    try:
        memory = devdb.Memory.from_env(pagecache=pagecache, heap=heap)
    except devdb.DevDbError as error:
        raise click.UsageError(str(error)) from None
    server = devdb.start_persistent(home(), port=port, memory=memory)
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


@db.command("uri")
def db_uri() -> None:
    """Print the Bolt URI of the running local Neo4j (for NEO4J_URI)."""
    server = devdb.status_persistent(home())
    if server is None:
        _fail("Neo4j is not running. Start it with: connections db start")
    click.echo(server.uri)


@main.command()
@writes
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
@click.option(
    "--format",
    "output",
    type=click.Choice(["json", "csv", "gedcom"]),
    default="json",
    help="json: the network document; csv: a spreadsheet, one row a person; gedcom: the family "
    "as a GEDCOM 5.5.1 file (docs/gedcom.md).",
)
@click.option(
    "--at",
    type=cli_history.Instant(),
    default=None,
    help="The network as it was at this instant, ISO 8601 with Z or an offset "
    "(2026-03-01T12:00:00Z): the same bytes an export gave then (docs/history.md).",
)
def export_network(young_person_id: str, output: str, at: datetime | None) -> None:
    """Write one young person's network to standard output: a network JSON document, a
    spreadsheet (CSV), or their family tree (GEDCOM); with --at, as it was then."""
    if at is not None:  # history: connections/cli_history.py
        cli_history.export_at(young_person_id, output, at)
        return
    if output == "csv":  # spreadsheets: connections/cli_csv.py
        cli_csv.export_csv(young_person_id)
        return
    if output == "gedcom":  # family trees: connections/cli_gedcom.py
        export_gedcom(young_person_id)
        return
    with open_store() as store:
        network = store.load_network(young_person_id)
    click.echo(io.dumps_network(network), nl=False)


@main.command("import")
@click.argument("path", type=click.Path(exists=True, allow_dash=True, path_type=Path))
@gedcom_options
@same_family_option
@writes
def import_network(path: Path, **choices: object) -> None:
    """Import a network JSON document: all of it, or nothing if anything is wrong.

    Safe to run again: importing the same document gives the same stored network. A GEDCOM
    family tree (FILE.ged, with --young-person XREF) is merged into the young person's network
    (docs/gedcom.md); a spreadsheet (FILE.csv, with --young-person ID) adds and updates people
    in that young person's network (docs/spreadsheets.md). A FOLDER (every *.json in it) or a
    JSON Lines file (FILE.jsonl, or - for standard input) imports many documents, each all or
    nothing, and lists those refused (exit status 1 if any was).
    """
    if is_gedcom(path):  # family trees: connections/cli_gedcom.py
        import_gedcom(path, **choices)
        return
    if cli_csv.is_csv(path):  # spreadsheets: connections/cli_csv.py
        young_person_id = choices.pop("young_person_xref")
        check_json_options(**choices)
        cli_csv.import_csv(path, young_person_id)  # type: ignore[arg-type]
        return
    check_json_options(**choices)
    if cli_bulk.is_bulk(path):  # many documents: connections/cli_bulk.py
        cli_bulk.import_bulk(path)
        return
    network = io.read_network(path)
    with open_store() as store:
        try:
            store.apply_schema()
            store.save_network(network)
        except CommitOutcomeUnknown:
            _fail(
                f"the connection to the database was lost while the import of "
                f"{network.young_person.id} was being committed, so whether it was saved is "
                f"unknown. Running the same import again is safe: an import is idempotent (the "
                f"same document gives the same stored network)."
            )
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
@click.option("--replace", is_flag=True, help="Empty the database first (users too).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=200)
@click.option("--users", is_flag=True, help="Also create the demo sign-ins and print them.")
@click.option(
    "--history/--no-history",
    default=True,
    help="Also write two years of history before each network (default: yes).",
)
@writes
def demo(
    count: int,
    seed: int,
    as_of: object,
    replace: bool,
    batch_size: int,
    users: bool,
    history: bool,
) -> None:
    """Load synthetic demo networks (invented people; the same for the same seed)."""
    from connections import demo as demo_data
    from connections.demo.history import DemoHistory
    from connections.demo_consents import DemoConsents
    from connections.demo_invitations import DemoInvitations

    day = as_of.date() if as_of is not None else date.today()  # type: ignore[attr-defined]
    # Progress goes to standard error, so standard output stays the summary and the sign-ins.
    with open_store() as store:
        if replace:
            click.echo("Emptying the database...", err=True)
            store.clear()
        click.echo("Applying the schema...", err=True)
        store.apply_schema()
        started = time.perf_counter()
        consents = DemoConsents(day)  # their consent ledgers, written batch by batch
        invitations = DemoInvitations(day)  # the first young people's invitations, at the end
        with click.progressbar(
            length=count, label="Loading young people", file=sys.stderr, show_pos=True
        ) as progress:
            # Each batch's two years of history are written just before the batch itself.
            past = DemoHistory(store, day, seed, batch_size)

            def saved(networks: int) -> None:
                consents.flush(store)  # the batch's young people are saved now
                past.flush()
                progress.update(networks)

            stream = invitations.passing(consents.passing(demo_data.generate(count, seed, day)))
            loaded = store.bulk_save(past.passing(stream) if history else stream, batch_size, saved)
            consents.flush(store)
        invitations.flush(store)
        seconds = time.perf_counter() - started
        logins = []
        if users:
            click.echo("Creating the demo sign-ins...", err=True)
            ids = [young_person.id for young_person in store.list_young_people()]
            logins = accounts.ensure_demo_users(store, ids)
    click.echo(
        f"Loaded {count} young people ({loaded} relationships, {consents.written} consent "
        f"decisions) and {invitations.written} invitations in {seconds:.1f} s from seed {seed}."
    )
    if history:
        click.echo(
            f"With two years of history: {past.versions} earlier versions and "
            f"{past.conferences} conferences."
        )
    if logins:
        click.echo("Demo sign-ins (demo data only, never for real use):")
        for username, password, role in logins:
            click.echo(f"  {role:<12} username {username:<18} password {password}")


# --- scores -------------------------------------------------------------------------------------

_AS_OF = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date the report is for, YYYY-MM-DD (default today).",
)


def _day(as_of: object) -> date:
    return as_of.date() if as_of is not None else date.today()  # type: ignore[attr-defined]


@main.command("score")
@click.argument(
    "path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--young-person", "young_person_id", help="Score this young person from Neo4j.")
@_AS_OF
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
def score_command(
    path: Path | None, young_person_id: str | None, as_of: object, output: str
) -> None:
    """Score one network: a network JSON FILE (no database needed) or --young-person ID."""
    if (path is None) == (young_person_id is None):
        raise click.UsageError("Give either a network JSON file or --young-person ID.")
    if path is not None:
        network = io.read_network(path)
    else:
        with open_store() as store:
            network = store.load_network(young_person_id)
    report = scoring.score(network, _day(as_of))
    if output == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report_text(report))


def report_text(report: scoring.CoverageReport) -> str:
    """The report as a coordinator reads it: the verdict, the gaps in words, then the figures."""
    yp = report.young_person
    milestone = report.next_milestone
    lines = [
        f"{yp.name} ({yp.id}), {yp.age}, {yp.status.value.replace('_', ' ')}",
        f"{report.status.value}  score {report.score:.1f}  "
        f"loving relationships now: {report.qualifying_count}  "
        f"robust: {'yes' if report.robust else 'no'}",
    ]
    if milestone:
        lines.append(f"At {milestone.age} ({milestone.date:%d %B %Y}): {milestone.count} remain")
    lines.append("")
    lines += [f"- {gap}" for gap in report.gaps] or ["No gaps."]
    if report.qualifying_now:
        lines += ["", "Loving relationships:"]
        lines += [f"  {p.name} ({p.role.value.replace('_', ' ')})" for p in report.qualifying_now]
    lines += ["", "Support:"]
    lines += [
        f"  {d.domain.value.replace('_', ' '):<18} {d.status.value.replace('_', ' ')}"
        for d in report.domains
    ]
    return "\n".join(lines)


@main.command("cohort")
@_AS_OF
@click.option("--format", "output", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("--batch-size", type=click.IntRange(1, 5000), default=500)
@click.option("--workers", type=click.IntRange(1, 16), default=None, help="Default: CPU count.")
def cohort_command(as_of: object, output: str, batch_size: int, workers: int | None) -> None:
    """Score every young person (docs/scoring.md, the cohort): one line each, totals, priority list.

    In the table, "loving" is the loving relationships now and "next" the next milestone age with
    the number forecast to remain then (e.g. "18: 1").
    """
    day = _day(as_of)
    settings = database_settings()
    with open_store() as store:
        total = store.count_young_people()
    totals = cohort.CohortTotals(day)
    writer = _cohort_writer(output)
    with click.progressbar(
        length=total, label="Scoring", file=sys.stderr, show_pos=True
    ) as progress:
        for row in cohort.stream_from_store(settings, day, batch_size=batch_size, workers=workers):
            totals.add(row)
            writer.row(row)
            progress.update(1)
    writer.finish(totals)


class _CohortWriter:
    """Writes rows as they come (bounded memory), then the totals."""

    def __init__(self, output: str):
        self.output = output
        self.rows: list[dict] = []
        self.csv = None
        #: The table's header row is written before its first row (none for an empty cohort).
        self.table_started = False
        if output == "csv":
            self.csv = csvfile.csv_writer(sys.stdout)
            self.csv.writerow(_COHORT_COLUMNS)

    def row(self, row: cohort.CohortRow) -> None:
        data = row.to_dict()
        if self.csv is not None:
            self.csv.writerow([data[column] for column in _COHORT_COLUMNS])
        elif self.output == "table":
            if not self.table_started:
                click.echo(_table_line(*_TABLE_HEADER))
                self.table_started = True
            click.echo(
                _table_line(
                    row.young_person_id,
                    row.name[:24],
                    str(row.age),
                    row.coverage.value,
                    f"{row.score:.1f}",
                    str(row.qualifying_now),
                    _milestone(row),
                    row.most_urgent_gap or "",
                )
            )
        else:
            self.rows.append(data)

    def finish(self, totals: cohort.CohortTotals) -> None:
        if self.output == "json":
            click.echo(
                json.dumps({"young_people": self.rows, "totals": totals.to_dict()}, indent=2)
            )
            return
        if self.output == "csv":
            return
        click.echo("")
        click.echo(
            f"{totals.young_people} young people; mission met: {_share(totals.mission_met_share)}; "
            f"GREEN: {_share(totals.green_share)}"
        )
        priority = totals.priority_list()
        click.echo(f"Priority (RED or AMBER within 12 months of a milestone): {len(priority)}")
        for row in priority:
            click.echo(
                f"  {row.next_milestone_date} at {row.next_milestone_age}: {row.name} "
                f"({row.coverage.value}, {row.qualifying_now} now)"
            )


_COHORT_COLUMNS = list(cohort.CSV_COLUMNS)  # the web app's cohort download writes the same


def _cohort_writer(output: str) -> _CohortWriter:
    return _CohortWriter(output)


#: The table's column names; ``cohort --help`` says what "loving" and "next" are.
_TABLE_HEADER = ("id", "name", "age", "status", "score", "loving", "next", "most urgent gap")


def _table_line(
    young_person_id: str,
    name: str,
    age: str,
    status: str,
    score: str,
    loving: str,
    milestone: str,
    gap: str,
) -> str:
    """One line of the cohort table, the header row included."""
    return (
        f"{young_person_id:<12} {name:<24} {age:>3} {status:<6} {score:>5} {loving:>6} "
        f"{milestone:<10} {gap}"
    ).rstrip()


def _milestone(row: cohort.CohortRow) -> str:
    if row.next_milestone_age is None:
        return "-"
    return f"{row.next_milestone_age}: {row.next_milestone_count}"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


main.add_command(user)
main.add_command(restrictions)
main.add_command(consents)
main.add_command(shared)
main.add_command(siblings_command)
main.add_command(map_command)
main.add_command(gedcom)
main.add_command(cli_history.history)
main.add_command(purge_command)
main.add_command(retention_command)
main.add_command(subject_access_command)


if __name__ == "__main__":  # pragma: no cover
    main()
