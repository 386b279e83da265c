"""``connections import FOLDER | FILE.jsonl | -``: many network documents at once (a council's
first migration), each one all or nothing (docs/network-format.md).

A folder gives every ``*.json`` in it (not its subfolders), in name order; a JSON Lines file
(``.jsonl``, or ``-`` for standard input) one document a line. Each document is checked on its own:
one that is not valid is refused with the reason, naming its file or line, and the others are
saved. Valid documents are saved a batch to a transaction (one set of UNWIND statements, as
:meth:`~connections.store.Store.save_networks`); a batch the database refuses (a restriction id
another young person holds, say) is saved again one document at a time, so only the documents at
fault are refused. The summary lists what was refused and why; the exit status is 1 when anything
was.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from connections import io
from connections.cli_base import open_store
from connections.model import InvalidInput, Network
from connections.store import Store

#: Documents to a transaction: big enough that UNWIND amortises the round trips, small enough
#: that a refused batch is cheap to retry one by one.
BATCH_SIZE = 200


def is_bulk(path: Path) -> bool:
    """A folder, a ``.jsonl`` file (any case) or ``-`` (standard input, JSON Lines)."""
    return str(path) == "-" or path.is_dir() or path.suffix.lower() == ".jsonl"


def documents(path: Path) -> Iterator[tuple[str, bytes]]:
    """``(where, text)`` for each document: ``where`` names the file, or the line of a JSON
    Lines file, for the summary."""
    if path.is_dir():
        for item in sorted(path.glob("*.json")):
            if item.is_file():
                yield item.name, item.read_bytes()
        return
    stream = sys.stdin.buffer if str(path) == "-" else path.open("rb")
    name = "standard input" if str(path) == "-" else path.name
    try:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield f"{name} line {number}", line
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


@dataclass
class Outcome:
    """What a bulk import did."""

    saved: int = 0
    relationships: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)


def import_many(store: Store, path: Path, batch_size: int = BATCH_SIZE) -> Outcome:
    """Check and save every document of ``path`` (see the module docstring)."""
    outcome = Outcome()
    batch: list[tuple[str, Network]] = []
    with click.progressbar(
        documents(path), label="Importing", file=sys.stderr, show_pos=True
    ) as progress:
        for where, text in progress:
            try:
                batch.append((where, io.loads_network(text)))
            except InvalidInput as error:
                outcome.refused.append((where, str(error)))
            if len(batch) >= batch_size:
                _save(store, batch, outcome)
                batch = []
    if batch:
        _save(store, batch, outcome)
    return outcome


def _save(store: Store, batch: list[tuple[str, Network]], outcome: Outcome) -> None:
    try:
        store.save_networks([network for _, network in batch])
    except InvalidInput:
        if len(batch) == 1:
            raise
        for one in batch:  # only the documents at fault are refused
            try:
                _save(store, [one], outcome)
            except InvalidInput as error:
                outcome.refused.append((one[0], str(error)))
        return
    outcome.saved += len(batch)
    outcome.relationships += sum(len(network.relationships) for _, network in batch)


def import_bulk(path: Path) -> None:
    """``connections import`` of a folder or JSON Lines: save, then say what was refused."""
    started = time.perf_counter()
    with open_store() as store:
        store.apply_schema()
        outcome = import_many(store, path)
    seconds = max(time.perf_counter() - started, 1e-9)
    click.echo(
        f"Imported {outcome.saved} networks ({outcome.relationships} relationships) in "
        f"{seconds:.1f} s: {outcome.relationships / seconds:,.0f} relationships a second."
    )
    if outcome.refused:
        click.echo(f"Refused {len(outcome.refused)} (nothing of them was written):", err=True)
        for where, reason in outcome.refused:
            click.echo(f"  {where}: {reason}", err=True)
        sys.exit(1)
