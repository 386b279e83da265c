"""``connections import FOLDER | FILE.jsonl | -``: many network documents at once (a council's
first migration), each one all or nothing (docs/network-format.md).

A folder gives every ``*.json`` in it (not its subfolders), in name order; a JSON Lines file
(``.jsonl``, or ``-`` for standard input) one document a line. Each document is checked on its own:
one that is not valid is refused with the reason, naming its file or line, and the others are
saved. Valid documents are saved a batch to a transaction (one set of UNWIND statements, as
:meth:`~connections.store.Store.save_networks`), with the same outcome as importing them one at a
time in order (:mod:`connections.store.network_batch`); a batch the database refuses (a
restriction id another young person holds, say) is saved again one document at a time, so only
the documents at fault are refused. The summary lists what was refused and why; the exit status
is 1 when anything was.

What limits the rate is Neo4j's own cost of each write, not the statements (bench/load.py: a
plain CREATE of the same rows costs Neo4j as much CPU) nor Python (reading and checking a
document takes a tenth to a quarter of what Neo4j spends writing it, and overlaps with it).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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
    """Check and save every document of ``path`` (see the module docstring).

    Reading and checking documents is Python's work, writing them Neo4j's: a writer thread saves
    one batch while the next is read, so the two overlap (at most one batch is in flight, and
    batches are saved in order).
    """
    outcome = Outcome()
    refused: list[tuple[int, str, str]] = []
    batch: list[tuple[int, str, Network]] = []
    pending: Future[_Written] | None = None
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer") as writer,
        click.progressbar(
            documents(path), label="Importing", file=sys.stderr, show_pos=True
        ) as progress,
    ):
        for number, (where, text) in enumerate(progress):
            try:
                batch.append((number, where, io.loads_network(text)))
            except InvalidInput as error:
                refused.append((number, where, str(error)))
            if len(batch) >= batch_size:
                if pending is not None:
                    pending.result().add_to(outcome, refused)
                pending = writer.submit(_save, store, batch)
                batch = []
        if pending is not None:
            pending.result().add_to(outcome, refused)
        if batch:
            _save(store, batch).add_to(outcome, refused)
    outcome.refused = [(where, reason) for _, where, reason in sorted(refused)]
    return outcome


@dataclass
class _Written:
    """What saving one batch did: the documents saved, and those refused (by position)."""

    saved: list[Network] = field(default_factory=list)
    refused: list[tuple[int, str, str]] = field(default_factory=list)

    def add_to(self, outcome: Outcome, refused: list[tuple[int, str, str]]) -> None:
        outcome.saved += len(self.saved)
        outcome.relationships += sum(len(network.relationships) for network in self.saved)
        refused.extend(self.refused)


def _save(store: Store, batch: list[tuple[int, str, Network]]) -> _Written:
    """One transaction for the batch; if the database refuses it, one a document, so only the
    documents at fault are refused."""
    try:
        store.save_networks([network for _, _, network in batch])
        return _Written(saved=[network for _, _, network in batch])
    except InvalidInput as error:
        if len(batch) == 1:
            number, where, _ = batch[0]
            return _Written(refused=[(number, where, str(error))])
    written = _Written()
    for one in batch:
        alone = _save(store, [one])
        written.saved += alone.saved
        written.refused += alone.refused
    return written


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
