"""``connections shared``: the people several young people share, and the impact of losing each
(:mod:`connections.shared_people`). Registered on :data:`connections.cli.main`."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from connections import csvfile, shared_people
from connections.cli_base import open_store


@click.command("shared")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date the figures are for, YYYY-MM-DD (default today).",
)
@click.option("--format", "output", type=click.Choice(["table", "csv", "json"]), default="table")
def shared(as_of: object, output: str) -> None:
    """People in two or more young people's networks, most at risk first.

    For each: the young people whose networks hold them, those they are a loving relationship
    for, and how many young people would fall below the mission ("below") or stop being robust
    ("not robust") if that relationship were lost.
    """
    day = as_of.date() if as_of is not None else date.today()  # type: ignore[attr-defined]
    with open_store() as store:
        people = shared_people.from_store(store, day)
    rows = [person.to_dict() for person in people]
    if output == "json":
        click.echo(json.dumps({"shared_people": rows}, indent=2, ensure_ascii=False))
    elif output == "csv":
        writer = csvfile.csv_writer(sys.stdout)
        writer.writerow(shared_people.CSV_COLUMNS)
        writer.writerows([row[column] for column in shared_people.CSV_COLUMNS] for row in rows)
    else:
        click.echo(
            f"{'id':<14} {'name':<28} {'in':>4} {'loving':>6} {'below':>5} {'not robust':>10}"
        )
        for row in rows:
            click.echo(
                f"{row['person_id']:<14} {row['name'][:28]:<28} {row['young_people']:>4} "
                f"{row['loving_for']:>6} {row['below_mission_if_lost']:>5} "
                f"{row['not_robust_if_lost']:>10}"
            )
        click.echo(f"\n{len(rows)} people in two or more young people's networks.")
