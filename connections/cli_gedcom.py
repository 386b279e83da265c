"""``connections gedcom FILE.ged --young-person XREF``: a family tree as a network document, and
the GEDCOM side of ``connections import`` and ``connections export --format gedcom``
(docs/gedcom.md). Registered on :data:`connections.cli.main`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from connections import io
from connections.cli_base import open_store
from connections.gedcom import (
    DEFAULT_DEGREE,
    MAX_DEGREE,
    Conversion,
    read_tree,
    to_gedcom,
    to_network,
)
from connections.gedcom.convert import default_young_person_id
from connections.model import YoungPersonStatus
from connections.store import CommitOutcomeUnknown, NotFound
from connections.store.gedcom import save_import, with_family_of

F = TypeVar("F", bound=Callable[..., Any])


def is_gedcom(path: Path) -> bool:
    """A GEDCOM file is known by its extension, in any case (``.ged``, ``.GED``)."""
    return path.suffix.lower() == ".ged"


_OPTIONS = [
    click.option(
        "--young-person",
        "young_person_xref",
        metavar="XREF",
        help="Who the young person is: in a .ged file their xref (@I1@ or I1); for "
        "`import FILE.csv`, their id.",
    ),
    click.option("--id", "young_person_id", help="GEDCOM only: the young person's id."),
    click.option(
        "--date-of-birth",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="GEDCOM only: YYYY-MM-DD, needed when the file has no full date for them.",
    ),
    click.option(
        "--status",
        type=click.Choice([s.value for s in YoungPersonStatus]),
        default=None,
        help="GEDCOM only: in_care (default) or care_leaver.",
    ),
    click.option(
        "--degree",
        type=click.IntRange(1, MAX_DEGREE),
        default=None,
        help=f"GEDCOM only: blood relatives up to this degree (default {DEFAULT_DEGREE}).",
    ),
]


#: ``connections import FILE.ged`` only: whose network the same family tree was imported into.
same_family_option = click.option(
    "--same-family-as",
    "same_family_as",
    metavar="YP_ID",
    default=None,
    help="GEDCOM only: a young person (a sibling) whose network was imported from the same "
    "family tree; the people it gave them are the same people here, not new records.",
)


def gedcom_options(command: F) -> F:
    """The options that say who the young person is in a family tree."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def convert_file(
    path: Path,
    young_person_xref: str | None,
    young_person_id: str | None = None,
    date_of_birth: object = None,
    status: str | None = None,
    degree: int | None = None,
) -> Conversion:
    """The network in a GEDCOM file for the young person at ``young_person_xref``."""
    if not young_person_xref:
        raise click.UsageError("Give --young-person XREF: who the young person is in the file.")
    tree = read_tree(path.read_bytes())
    return to_network(
        tree,
        young_person_xref,
        young_person_id or default_young_person_id(path.name, young_person_xref),
        date_of_birth=date_of_birth.date() if date_of_birth is not None else None,  # type: ignore[attr-defined]
        status=YoungPersonStatus(status or YoungPersonStatus.IN_CARE),
        degree=degree or DEFAULT_DEGREE,
    )


def summary(conversion: Conversion) -> str:
    """What was taken and what was left out, in words (standard error, or the preview)."""
    network = conversion.network
    lines = [
        f"{network.young_person.name} ({network.young_person.id}): {len(network.people)} "
        f"relatives taken of {conversion.people_in_file} people in the file, "
        f"{conversion.left_out_total} left out."
    ]
    lines += [f"  left out, {reason}: {count}" for reason, count in conversion.left_out.items()]
    lines += [f"  skipped: {warning}" for warning in conversion.warnings]
    return "\n".join(lines)


@click.command("gedcom")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@gedcom_options
def gedcom(path: Path, **options: Any) -> None:
    """Write the network in a GEDCOM family tree (format version 2) to standard output: the
    young person's relatives only, as leads (no database needed)."""
    conversion = convert_file(path, **options)
    click.echo(io.dumps_network(conversion.network), nl=False)
    click.echo(summary(conversion), err=True)


def import_gedcom(path: Path, same_family_as: str | None = None, **options: Any) -> None:
    """``connections import FILE.ged``: convert, then save (merged into the stored network when
    the young person exists), all or nothing; with ``--same-family-as``, the people the file
    gave that young person are shared rather than added again."""
    conversion = convert_file(path, **options)
    with open_store() as store:
        store.apply_schema()
        try:
            network = with_family_of(store, conversion.network, same_family_as)
        except NotFound:
            raise click.BadParameter(
                f"no young person with id {same_family_as!r}", param_hint="--same-family-as"
            ) from None
        try:
            saved = save_import(store, network)
        except CommitOutcomeUnknown:
            click.echo(
                f"Error: the connection to the database was lost while the import of "
                f"{network.young_person.id} was being committed, so whether it was saved is "
                "unknown. Running the same import again is safe: people are matched by their "
                "xref, never added twice.",
                err=True,
            )
            sys.exit(1)
    click.echo(summary(conversion), err=True)
    action = "Imported" if saved.created else "Merged into"
    click.echo(
        f"{action} {network.young_person.id}: {len(saved.network.people)} people in the "
        f"network, {len(saved.network.links)} links."
    )


def check_json_options(**options: Any) -> None:
    """A JSON document says everything itself: the GEDCOM options are refused with it."""
    given = [name for name, value in options.items() if value is not None]
    if given:
        flags = ", ".join(
            "--"
            + name.replace("young_person_xref", "young_person")
            .replace("young_person_id", "id")
            .replace("_", "-")
            for name in given
        )
        raise click.UsageError(f"{flags}: only for a GEDCOM (.ged) file.")


def export_gedcom(young_person_id: str, as_of: date | None = None) -> None:
    """``connections export YP_ID --format gedcom``: the family as GEDCOM 5.5.1."""
    with open_store() as store:
        network = store.load_network(young_person_id)
    click.echo(to_gedcom(network, as_of or date.today()), nl=False)
