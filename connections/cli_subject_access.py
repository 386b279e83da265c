"""``connections subject-access ID [--format text|json]``: everything held about one young
person or one person, for a subject access request (docs/subject-access.md). Audited."""

from __future__ import annotations

import click

from connections import subject_access
from connections.cli_base import _os_user, open_store


@click.command("subject-access")
@click.argument("subject_id")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def subject_access_command(subject_id: str, output: str) -> None:
    """Everything held about SUBJECT_ID (a young person's id or a person's): details, networks
    and relationships as recorded, contact log, restrictions, consents, the versions that changed
    something about them and the audit trail, with other people's confidential details left out
    and workers' free text flagged for review. The export is recorded in the audit trail."""
    with open_store() as store:
        export = store.subject_access(subject_id, username=_os_user())
    if output == "json":
        click.echo(subject_access.as_json(export), nl=False)
    else:
        click.echo(subject_access.as_text(export), nl=False)


__all__ = ["subject_access_command"]
