"""``connections export YP_ID --at INSTANT`` and ``connections history YP_ID``: a network as it was
at any instant since its history began, and its versions in words (docs/history.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from connections import csv_network
from connections.cli_base import open_store
from connections.cli_restore import restore
from connections.gedcom import to_gedcom
from connections.network_changes import changes, names_of, sentence
from connections.store.history import NetworkVersion


class Instant(click.ParamType):
    """An ISO 8601 date and time with its offset: ``2026-03-01T12:00:00Z`` or ``...+01:00``."""

    name = "instant"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):  # type: ignore[no-untyped-def]
        if isinstance(value, datetime):
            return value
        try:
            instant = datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(
                f"{value!r} is not an ISO 8601 date and time (say 2026-03-01T12:00:00Z)",
                param,
                ctx,
            )
        if instant.tzinfo is None:
            self.fail(
                f"{value!r} has no time zone: end it with Z or an offset such as +01:00",
                param,
                ctx,
            )
        try:
            instant.astimezone(UTC)
        except OverflowError:
            self.fail(f"{value!r} is outside the years 1 to 9999 in UTC", param, ctx)
        return instant


def export_at(young_person_id: str, output: str, at: datetime) -> None:
    """The export as it was at ``at``: the very JSON text printed then, or the spreadsheet or
    family tree of that network."""
    with open_store() as store:
        version = store.version_at(young_person_id, at)
        if version is None:
            began = store.history_began(young_person_id)
            store.get_young_person(young_person_id)  # NotFound names a young person who is not
    if version is None:
        raise click.ClickException(
            f"--at: the history of {young_person_id} begins at {began.isoformat()}; "
            f"there is no version at {at.isoformat()}"
            if began
            else f"--at: {young_person_id} has no history yet"
        )
    if output == "csv":
        click.echo(csv_network.network_csv(version.network), nl=False)
    elif output == "gedcom":
        click.echo(to_gedcom(version.network, at.date()), nl=False)
    else:
        click.echo(version.document, nl=False)


def describe_versions(versions: list[NetworkVersion]) -> list[str]:
    """Each version (newest first) in one line: number, when, who, through what, and what
    changed since the one before it (the oldest given is compared with nothing)."""
    lines = []
    for version, before in zip(versions, [*versions[1:], None], strict=True):
        previous = before.network if before else None
        found = changes(previous, version.network)
        who = version.by or "someone unnamed"
        lines.append(
            f"{version.number}\t{version.at.isoformat()}\t{who} ({version.via})\t"
            f"{sentence(found, names_of(previous, version.network))}"
        )
    return lines


@click.command("history")
@click.argument("young_person_id")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option(
    "--restore",
    "restore_number",
    type=click.IntRange(1),
    default=None,
    help="Restore version N (undo): the network becomes that version again, as a new version; "
    "restrictions, the contact log and the consent ledger are never taken back (docs/history.md).",
)
def history(young_person_id: str, limit: int, restore_number: int | None) -> None:
    """A young person's network versions, newest first, each with what changed in words."""
    if restore_number is not None:
        restore(young_person_id, restore_number)
        return
    with open_store() as store:
        store.get_young_person(young_person_id)
        versions = store.versions(young_person_id, limit=limit + 1)
    if not versions:
        click.echo(f"{young_person_id} has no history yet.", err=True)
        return
    shown = describe_versions(versions)
    # The extra, older version was read only to say what the oldest shown changed.
    click.echo("\n".join(shown[:limit]))


__all__ = ["Instant", "describe_versions", "export_at", "history"]
