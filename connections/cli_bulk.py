"""``connections import FOLDER | FILE.jsonl | -``: many network documents at once (a council's
first migration), each one all or nothing (docs/network-format.md).

A folder gives every ``*.json`` in it (not its subfolders), in name order; a JSON Lines file
(``.jsonl``, or ``-`` for standard input) one document a line. Each document is checked on its own:
one that is not valid is refused with the reason, naming its file or line, and the others are
saved. Valid documents are saved a batch to a transaction (one set of UNWIND statements, as
:meth:`~connections.store.Store.save_networks`), with the same outcome as importing them one at a
time in order (:mod:`connections.store.network_batch`); a batch the database refuses (a
restriction id another young person holds, say) is saved again one document at a time, so only
the documents at fault are refused. A document marking a person as a young person who is not
known yet (a sibling whose document comes later in the run) is held back and saved at the end of
the run, with the others that mark one another; it is refused only if that young person never
arrived. The summary lists what was refused and why; the exit status is 1 when anything was.

What limits the rate is Neo4j's CPU (bench/load.py; README "Bulk load"): once warm, a plain
CREATE of the same rows costs it about half of what an import does, and most of the rest is the
history kept with every write (each changed network read back in the transaction and kept as a
version, connections.store.history: every network holding a person the batch saved, not only
the batch's own). Reading and checking the documents costs Python about a third of what Neo4j
spends, and overlaps with the writing.
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
from connections.store.siblings import UnknownYoungPerson

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

    A document marking a person as a young person the service does not know yet (a sibling whose
    own document comes later in the run) is held back and saved at the end of the run
    (:func:`_save_held_back`), still all or nothing; one whose young person never arrived is
    refused then, with the reason naming ``people[i].young_person_id``.
    """
    outcome = Outcome()
    refused: list[tuple[int, str, str]] = []
    held_back: list[_Document] = []
    batch: list[_Document] = []
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
                    pending.result().add_to(outcome, refused, held_back)
                pending = writer.submit(_save_arrived, store, batch)
                batch = []
        if pending is not None:
            pending.result().add_to(outcome, refused, held_back)
        if batch:
            _save_arrived(store, batch).add_to(outcome, refused, held_back)
    if held_back:
        _save_held_back(store, held_back, batch_size).add_to(outcome, refused, held_back)
    outcome.refused = [(where, reason) for _, where, reason in sorted(refused)]
    return outcome


#: A document of the run: its position, where it came from (for the summary), the network.
_Document = tuple[int, str, Network]


@dataclass
class _Written:
    """What saving one batch did: the documents saved, those refused (by position) and those
    held back until the end of the run (a young person they mark has not arrived yet)."""

    saved: list[Network] = field(default_factory=list)
    refused: list[tuple[int, str, str]] = field(default_factory=list)
    held_back: list[_Document] = field(default_factory=list)

    def add_to(
        self, outcome: Outcome, refused: list[tuple[int, str, str]], held_back: list[_Document]
    ) -> None:
        outcome.saved += len(self.saved)
        outcome.relationships += sum(len(network.relationships) for network in self.saved)
        refused.extend(self.refused)
        held_back.extend(self.held_back)

    def extend(self, other: _Written) -> None:
        self.saved += other.saved
        self.refused += other.refused
        self.held_back += other.held_back


def _marked(network: Network) -> set[str]:
    """The young people a network's people are marked as."""
    return {p.young_person_id for p in network.people if p.young_person_id is not None}


def _save_arrived(store: Store, batch: list[_Document]) -> _Written:
    """Save the documents whose marked young people are known or in this batch; hold back the
    others (one query asks which marked young people exist, so the batch's transaction is not
    refused for them)."""
    marked = set().union(*(_marked(network) for _, _, network in batch))
    known = store.known_young_people(sorted(marked)) if marked else set()
    written = _Written()
    saving = _arriving_only(batch, known)
    saved = {number for number, _, _ in saving}
    written.held_back = [one for one in batch if one[0] not in saved]
    written.extend(_save(store, saving, hold_back=True))
    return written


def _save(store: Store, batch: list[_Document], *, hold_back: bool) -> _Written:
    """One transaction for the batch; if the database refuses it, one a document, so only the
    documents at fault are refused (or, with ``hold_back``, held back when all that is wrong is
    a young person they mark who is not known yet)."""
    if not batch:
        return _Written()
    try:
        store.save_networks([network for _, _, network in batch])
        return _Written(saved=[network for _, _, network in batch])
    except InvalidInput as error:
        if len(batch) == 1:
            if hold_back and isinstance(error, UnknownYoungPerson):
                return _Written(held_back=batch)
            number, where, _ = batch[0]
            return _Written(refused=[(number, where, str(error))])
    written = _Written()
    for one in batch:
        written.extend(_save(store, [one], hold_back=hold_back))
    return written


def _save_held_back(store: Store, held_back: list[_Document], batch_size: int) -> _Written:
    """At the end of the run: save the documents held back whose marked young people now exist
    or are among them, each group of documents marking one another in one transaction (two
    siblings who mark each other can only be saved together); refuse the rest with the
    database's own reason."""
    held_back = sorted(held_back, key=lambda one: one[0])
    marked = set().union(*(_marked(network) for _, _, network in held_back))
    known = store.known_young_people(sorted(marked))
    hopeful = _arriving_only(held_back, known)
    written = _Written()
    saved = {number for number, _, _ in hopeful}
    for one in held_back:
        if one[0] not in saved:
            # Refused alone, so the reason is the database's: the young person it names.
            written.extend(_save(store, [one], hold_back=False))
    for batch in _packed(_groups(hopeful), batch_size):
        try:
            store.save_networks([network for group in batch for _, _, network in group])
            written.saved += [network for group in batch for _, _, network in group]
        except InvalidInput:
            for group in batch:
                written.extend(_save(store, group, hold_back=False))
    return written


def _arriving_only(documents: list[_Document], known: set[str]) -> list[_Document]:
    """Those of ``documents`` every young person they mark is ``known`` or among the young
    people of the documents kept (dropping one document can strand another that marked its
    young person, so until nothing more drops)."""
    kept = documents
    while True:
        arriving = known | {network.young_person.id for _, _, network in kept}
        fewer = [one for one in kept if _marked(one[2]) <= arriving]
        if len(fewer) == len(kept):
            return kept
        kept = fewer


def _groups(documents: list[_Document]) -> list[list[_Document]]:
    """The documents in groups that must be saved together: those marking one another's young
    people, transitively (a union of the documents by young person), in document order."""
    parent = list(range(len(documents)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    by_young_person: dict[str, list[int]] = {}
    for index, (_, _, network) in enumerate(documents):
        by_young_person.setdefault(network.young_person.id, []).append(index)
    for index, (_, _, network) in enumerate(documents):
        for other in _marked(network):
            for holder in by_young_person.get(other, []):
                parent[root(holder)] = root(index)
    groups: dict[int, list[_Document]] = {}
    for index, document in enumerate(documents):
        groups.setdefault(root(index), []).append(document)
    return list(groups.values())


def _packed(groups: list[list[_Document]], batch_size: int) -> Iterator[list[list[_Document]]]:
    """Whole groups to a transaction, about ``batch_size`` documents each."""
    batch: list[list[_Document]] = []
    size = 0
    for group in groups:
        if batch and size + len(group) > batch_size:
            yield batch
            batch, size = [], 0
        batch.append(group)
        size += len(group)
    if batch:
        yield batch


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
