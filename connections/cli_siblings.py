"""``connections siblings``: the cohort's sibling groups with two or more in care placed in
different households, with each one's contact with the others (:mod:`connections.siblings`).
Registered on :data:`connections.cli.main`."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from connections import csvfile, siblings
from connections.cli_base import open_store


@click.command("siblings")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date the contact status is for, YYYY-MM-DD (default today).",
)
@click.option("--format", "output", type=click.Choice(["table", "csv", "json"]), default="table")
def siblings_command(as_of: object, output: str) -> None:
    """Siblings placed apart: groups with two or more in care in different households.

    Siblings are young people one of whose networks marks a brother or sister as the other, or
    who have the same mother or father recorded. For each one and each sibling: their contact
    (from their own record of that sibling) and whether it is a gap (safe, wanted and out of
    contact, or not recorded at all). The CSV has one row per young person and sibling.
    """
    day = as_of.date() if as_of is not None else date.today()  # type: ignore[attr-defined]
    with open_store() as store:
        groups = siblings.from_store(store, day)
    if output == "json":
        document = {
            "as_of": day.isoformat(),
            "sibling_groups": [group.to_dict() for group in groups],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    elif output == "csv":
        writer = csvfile.csv_writer(sys.stdout)
        writer.writerow(siblings.CSV_COLUMNS)
        for number, group in enumerate(groups, start=1):
            writer.writerows(group.csv_rows(number))
    else:
        for number, group in enumerate(groups, start=1):
            names = ", ".join(
                f"{m.name} ({m.household or 'household not recorded'})" for m in group.members
            )
            click.echo(
                f"{number:>3}. {names}: {group.in_care} in care, {group.households} households, "
                f"{group.gaps} contact gaps"
            )
        click.echo(f"\n{len(groups)} sibling groups placed apart.")
