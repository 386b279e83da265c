"""``connections consents YOUNG_PERSON_ID``: a young person's consent ledger and what it allows
on a date (docs/consent.md). Registered on :data:`connections.cli.main`.

Read-only, as the ledger's reader should be: entries are appended by the web app or the API
(``POST /api/v1/young-people/<id>/consents``), never changed here.
"""

from __future__ import annotations

import json
from datetime import date

import click

from connections.cli_base import open_store
from connections.consent import (
    DECISION_LABELS,
    HOW_LABELS,
    PURPOSE_LABELS,
    UNDERSTANDING_LABELS,
    ConsentRecord,
    Party,
    consent_states,
    family_finding_paused,
)


@click.command("consents")
@click.argument("young_person_id")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date the state is for, YYYY-MM-DD (default today).",
)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
def consents(young_person_id: str, as_of: object, output: str) -> None:
    """List a young person's consent ledger (date order) and the state of each purpose."""
    day = as_of.date() if as_of is not None else date.today()  # type: ignore[attr-defined]
    with open_store() as store:
        young_person = store.get_young_person(young_person_id)
        ledger = store.consents(young_person_id)
    born = young_person.date_of_birth
    states = consent_states(ledger, born, day)
    paused = family_finding_paused(ledger, born, day)
    if output == "json":
        document = {
            "young_person_id": young_person.id,
            "as_of": day.isoformat(),
            "family_finding_paused": paused,
            "states": {
                purpose.value: {
                    "in_place": state.in_place,
                    "status": state.status,
                    "reasons": list(state.reasons),
                }
                for purpose, state in states.items()
            },
            "entries": [_record_dict(record) for record in ledger],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    click.echo(f"{young_person.name} ({young_person.id}), consent on {day.isoformat()}")
    click.echo("")
    for purpose, state in states.items():
        click.echo(f"{PURPOSE_LABELS[purpose]}: {state.status}")
        for reason in state.reasons:
            click.echo(f"  {reason}")
    if paused:
        click.echo("")
        click.echo(paused)
    click.echo("")
    if not ledger:
        click.echo("Ledger: nothing recorded yet.")
        return
    click.echo(f"Ledger ({len(ledger)} {'entry' if len(ledger) == 1 else 'entries'}, date order):")
    for record in ledger:
        click.echo(ledger_line(record))


def ledger_line(record: ConsentRecord) -> str:
    """One entry on one line: date, purpose, whose decision, decision, how, who recorded it.

    >>> from datetime import datetime, timezone
    >>> from connections.consent import parse_entry
    >>> entry = parse_entry({"id": "ce-1", "purpose": "family_finding",
    ...     "party": "parental_responsibility", "holder_name": "Dan Example",
    ...     "decision": "withdrawn", "date": "2026-10-02", "how": "phone"})
    >>> print(ledger_line(ConsentRecord(entry, "cora", datetime(2026, 10, 2, tzinfo=timezone.utc))))
    2026-10-02  ce-1  Family finding: Dan Example (parental responsibility) withdrawn, phone call (recorded by cora)
    """  # noqa: E501
    entry = record.entry
    if entry.party is Party.PARENTAL_RESPONSIBILITY:
        whose = f"{entry.holder_name} (parental responsibility)"
    elif entry.party is Party.LEGAL_BASIS:
        whose = f"legal basis ({entry.legal_basis})"
    else:
        whose = "the young person"
        if entry.understanding is not None:
            whose += f" ({UNDERSTANDING_LABELS[entry.understanding].lower()})"
    line = (
        f"{entry.date.isoformat()}  {entry.id}  {PURPOSE_LABELS[entry.purpose]}: {whose} "
        f"{DECISION_LABELS[entry.decision].lower()}, {HOW_LABELS[entry.how].lower()} "
        f"(recorded by {record.recorded_by_name or record.recorded_by})"
    )
    if entry.note:
        line += f": {entry.note}"
    return line


def _record_dict(record: ConsentRecord) -> dict[str, object]:
    return {
        **record.entry.model_dump(mode="json"),
        "recorded_by": record.recorded_by,
        "recorded_by_name": record.recorded_by_name,
        "recorded_at": record.recorded_at.isoformat() if record.recorded_at else None,
    }
