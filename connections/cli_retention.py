"""``connections retention [--dry-run]``: apply the council's retention rule
(:mod:`connections.retention`; docs/history.md, "Retention"), saying what it would do or did."""

from __future__ import annotations

from datetime import date

import click

from connections import retention
from connections.cli_base import _os_user, open_store, writes


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="Say what would be deleted; write nothing.")
@click.option(
    "--years",
    type=click.IntRange(1, 200),
    default=None,
    help=f"Years from birth to keep records (default ${retention.ENVIRONMENT_VARIABLE}, "
    f"else {retention.DEFAULT_YEARS}).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day to judge by (default today).",
)
@writes
def retention_command(dry_run: bool, years: int | None, today: object) -> None:
    """Delete the records (network, every version, people only it held) of young people whose
    keeping period has ended: date of birth + YEARS before today. Each deletion is audited."""
    period = years if years is not None else retention.env_years()
    day = today.date() if today is not None else date.today()  # type: ignore[attr-defined]
    with open_store() as store:
        found = retention.due(store.records_held(), day, period)
        if not found:
            click.echo(f"Nothing is past retention ({period} years from birth) on {day}.")
            return
        verb = "Would delete" if dry_run else "Deleted"
        for item in found:
            versions = item.held.versions
            if not dry_run:
                versions = store.delete_past_retention(item, username=_os_user(), years=period)
            gone = "network and " if item.held.live else ""
            click.echo(
                f"{verb} {item.held.young_person_id}: born {item.held.date_of_birth}, kept until "
                f"{item.keep_until}; {gone}{versions} versions"
            )
    if dry_run:
        click.echo(f"Dry run: nothing was deleted ({len(found)} records past retention).")


__all__ = ["retention_command"]
