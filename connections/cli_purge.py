"""``connections purge YP_ID person|contact ENTRY_ID --reason ...``: an entry made on the wrong
child removed from the live graph and every kept version of that network (docs/history.md,
"Purging an entry made on the wrong child"). It says what will go and asks before it does it."""

from __future__ import annotations

import click

from connections.cli_base import _os_user, open_store, writes
from connections.purge import PurgeKind, PurgePlan
from connections.vocabulary import role_label


def describe_plan(plan: PurgePlan) -> list[str]:
    """What the purge removes, in lines a person reads before confirming (the same facts the
    admin page shows)."""
    lines = []
    if plan.kind is PurgeKind.PERSON and plan.person is not None:
        role = role_label(plan.relationship.role) if plan.relationship else "no relationship"
        lines.append(f"{plan.person.name} ({plan.entry_id}), {role} of {plan.young_person_id}:")
        lines.append("  their relationship, links, restrictions on them and contact log here:")
        lines.append(
            f"  {len(plan.contacts)} contact log entries, {plan.restrictions} restrictions, "
            f"{plan.links} links"
        )
        if plan.other_networks:
            lines.append(
                f"  their own record stays: {plan.other_networks} other young people's networks "
                "hold them"
            )
        else:
            lines.append("  their own record is deleted: no other network holds them")
    elif plan.contacts:
        entry = plan.contacts[0]
        who = plan.person.name if plan.person else entry.person_id
        lines.append(
            f"Contact log entry {entry.id}: {entry.kind.value} with {who} on "
            f"{entry.date.isoformat()}, recorded by {entry.recorded_by}"
        )
    state = "in today's network and " if plan.in_live_network else ""
    lines.append(f"  {state}in {len(plan.versions)} versions of the history, each rewritten")
    return lines


@click.command("purge")
@click.argument("young_person_id")
@click.argument("kind", type=click.Choice([kind.value for kind in PurgeKind]))
@click.argument("entry_id")
@click.option("--reason", required=True, help="Why (kept in the audit trail; not the content).")
@click.option("--yes", is_flag=True, help="Do not ask before purging.")
@writes
def purge_command(young_person_id: str, kind: str, entry_id: str, reason: str, yes: bool) -> None:
    """Purge an entry made on the wrong child: a PERSON added to the wrong network (with their
    relationship, links, restrictions and contact log there) or one CONTACT log entry. It goes
    from the live graph and from every version of the network; the purge is audited and cannot
    be undone."""
    chosen = PurgeKind(kind)
    with open_store() as store:
        plan = store.purge_plan(young_person_id, chosen, entry_id)
        if not plan.found:
            raise click.ClickException(
                f"no {chosen.value} {entry_id!r} in the records of {young_person_id}"
            )
        click.echo("This purge removes, for good:")
        click.echo("\n".join(describe_plan(plan)))
        if not yes and not click.confirm("Purge it?", default=False):
            click.echo("Nothing was purged.", err=True)
            raise SystemExit(1)
        result = store.purge_entry(
            young_person_id, chosen, entry_id, username=_os_user(), reason=reason
        )
    click.echo(
        f"Purged {chosen.value} {entry_id} from {young_person_id}: "
        f"{len(result.versions_rewritten)} versions rewritten"
        + ("; their own record deleted" if result.person_deleted else "")
        + "."
    )


__all__ = ["describe_plan", "purge_command"]
