"""Spreadsheets on the command line (``docs/spreadsheets.md``): what ``connections import
FILE.csv --young-person ID`` and ``connections export ID --format csv`` do.

:mod:`connections.cli` owns those two commands and hands a ``.csv`` file, or ``--format csv``,
to the functions here; the format itself is :mod:`connections.csv_network`'s.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from connections import csv_network
from connections.cli_base import open_store
from connections.consent import family_finding_paused
from connections.store import CommitOutcomeUnknown, PreconditionFailed, Store, document_version


def is_csv(path: Path) -> bool:
    """A spreadsheet file is known by its extension, in any case (``.csv``, ``.CSV``)."""
    return path.suffix.lower() == ".csv"


def import_csv(path: Path, young_person_id: str | None, as_of: date | None = None) -> None:
    """Merge a CSV file into an existing young person's network: all of it, or nothing.

    Rows with an Id update that person, rows without add someone, nobody is removed. While
    family finding is paused for want of consent, no row may move a finding status past
    identified (as in the web app). Raises :class:`~connections.model.InvalidInput` naming each
    problem's row and column; :class:`~connections.store.NotFound` for an unknown young person.
    """
    if not young_person_id:
        raise click.UsageError("A .csv file needs --young-person ID: whose network it adds to.")
    data = path.read_bytes()
    with open_store() as store:
        result = _save(store, young_person_id, data, as_of or date.today())
    click.echo(f"Imported {path.name} into {young_person_id}'s network: {result.summary()}.")


def _save(store: Store, young_person_id: str, data: bytes, day: date) -> csv_network.CsvImport:
    network = store.load_network(young_person_id)
    paused = family_finding_paused(
        store.consents(young_person_id), network.young_person.date_of_birth, day
    )
    result = csv_network.read_import(data, network, finding_paused=paused)
    if not result.changes_anything:
        return result  # nothing to write: the stored network keeps its versions
    try:
        # Refused if someone changed the network since it was read: nothing is lost silently.
        store.replace_network(result.network, {document_version(network)})
    except PreconditionFailed as error:
        raise click.ClickException(f"{error} Run the import again.") from None
    except CommitOutcomeUnknown:
        raise click.ClickException(
            "the connection to the database was lost while the import was being committed, so "
            "whether it was saved is unknown. Export the network to see; running the import "
            "again is safe, as rows with an Id update the same people (rows without one would "
            "be added again)."
        ) from None
    return result


def export_csv(young_person_id: str) -> None:
    """Write one young person's network as CSV (the template's columns) to standard output."""
    with open_store() as store:
        network = store.load_network(young_person_id)
    click.echo(csv_network.network_csv(network), nl=False)
