"""``connections restrictions YP_ID``: a young person's restrictions on contact, as a table
(docs/restrictions.md): in force, to review (and why) or ended."""

from __future__ import annotations

from datetime import date, datetime

import click

from connections.cli_base import open_store
from connections.restrictions import KIND_WORDS, SCOPE_WORDS, to_review
from connections.store import RestrictionPage


@click.command("restrictions")
@click.argument("young_person_id")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day to judge them on (YYYY-MM-DD); default today.",
)
def restrictions(young_person_id: str, as_of: datetime | None) -> None:
    """List one young person's restrictions on contact, ended ones too."""
    day = as_of.date() if as_of is not None else date.today()
    with open_store() as store:
        page = store.restriction_page(young_person_id)
    click.echo(restrictions_text(page, day), nl=False)


def restrictions_text(page: RestrictionPage, day: date) -> str:
    """The table: one line per restriction, then the reasons for those to review."""
    reasons = {item.restriction.id: item.reason for item in to_review(page.network(), day)}
    name = page.young_person.name
    if not page.records:
        return f"{name} ({page.young_person.id}) has no restrictions on contact.\n"
    lines = [f"Restrictions on contact for {name} ({page.young_person.id}) on {day.isoformat()}"]
    header = ("state", "person", "scope", "kind", "starts", "ends", "review by")
    rows = [header]
    for record in page.records:
        r = record.restriction
        if r.ends is not None and r.ends < day:
            state = "ended"
        elif r.id in reasons:
            state = "to review"
        elif r.starts > day:
            state = "from " + r.starts.isoformat()
        else:
            state = "active"
        person = record.person_name + ("" if record.in_network else " (left the network)")
        rows.append(
            (
                state,
                person,
                SCOPE_WORDS[r.scope],
                KIND_WORDS[r.kind],
                r.starts.isoformat(),
                r.ends.isoformat() if r.ends else "-",
                r.review_by.isoformat() if r.review_by else "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    for record in page.records:
        if record.restriction.id in reasons:
            lines.append(f"To review: {reasons[record.restriction.id]}")
    return "\n".join(lines) + "\n"
