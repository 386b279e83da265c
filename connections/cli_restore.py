"""``connections history YP_ID --restore N``: undo from the command line, on the same terms as
the history page (docs/history.md): what will change is printed, then version N is restored as a
new version ("command line: ..., restore of version N"), refused with nothing written if the
network changed between reading it and restoring."""

from __future__ import annotations

from datetime import date

import click

from connections.cli_base import open_store
from connections.consent import family_finding_paused
from connections.restore import plan_restore
from connections.store import (
    NothingToRestore,
    PreconditionFailed,
    RestoreRefused,
    document_version,
)


def restore(young_person_id: str, number: int) -> None:
    """Restore version ``number``, saying what changed."""
    with open_store() as store:
        today = store.load_network(young_person_id)
        version = store.version(young_person_id, number)
        if version is None:
            raise click.ClickException(f"--restore: {young_person_id} has no version {number}")
        day = date.today()
        paused = family_finding_paused(
            store.consents(young_person_id), today.young_person.date_of_birth, day
        )
        plan = plan_restore(version, today, day, paused)
        try:
            store.restore_version(young_person_id, number, {document_version(today)}, paused=paused)
        except (NothingToRestore, RestoreRefused, PreconditionFailed) as error:
            raise click.ClickException(f"--restore: {error}") from None
    lines = [
        f"Restored version {number} of {young_person_id}.",
        f"People back: {', '.join(plan.people_back) or 'no one'}",
        f"People who left: {', '.join(plan.people_removed) or 'no one'}",
    ]
    if plan.people_kept:
        lines.append(
            f"Added since but staying (a restriction or the contact log names them): "
            f"{', '.join(plan.people_kept)}"
        )
    lines += [f"  {line}" for line in (*plan.attributes, *plan.contact_back)]
    lines.append(
        f"Score {plan.before.score} ({plan.before.status.value}) -> "
        f"{plan.after.score} ({plan.after.status.value}); restrictions, the contact log and the "
        "consent ledger are never taken back by a restore."
    )
    click.echo("\n".join(lines))
