"""Undo: restore an earlier version of a young person's network (:mod:`connections.restore`
says what is restored and what never is), through the store's normal save path in one
transaction, itself a new version "restore of version N".

The condition is the API PUT's (:meth:`~connections.store.networks.NetworkRecords.
replace_network`): the network's write locks first, then today's network read and its
:func:`~connections.store.networks.document_version` compared with what the caller was shown,
then the version read, the restored network checked and written, all in one transaction. So a
restore confirmed on a page that is out of date is refused with nothing written, and of two
confirmations of the same page exactly one is made (the second finds the network changed).
"""

from __future__ import annotations

from collections.abc import Collection

import neo4j

from connections import model
from connections.history import NetworkVersion
from connections.network_changes import names_of
from connections.restore import refusals, restored_network, via_restore
from connections.store import network_batch
from connections.store.base import NotFound, PreconditionFailed, StoreBase, StoreError, _statements
from connections.store.history import _version, acting_as, current_actor
from connections.store.networks import (
    ANY_VERSION,
    NETWORK_CHANGED,
    SavedNetwork,
    _load_in,
    document_version,
)

__all__ = ["NothingToRestore", "RestoreRecords", "RestoreRefused"]


#: No version is numbered above this (Neo4j's integers are 64-bit; a number from an address may
#: be any length).
MAX_NUMBER = 2**62


class RestoreRefused(StoreError):
    """The restore may not be made (a family finding stage would move past identified while
    family finding is paused); nothing was written. ``reasons`` in words."""

    def __init__(self, reasons: list[str]):
        super().__init__("Nothing was restored: " + "; ".join(reasons))
        self.reasons = reasons


class NothingToRestore(StoreError):
    """The version restored is the network as it is now: nothing would change."""


class RestoreRecords(StoreBase):
    """Read one version by number; restore it."""

    def version(self, young_person_id: str, number: int) -> NetworkVersion | None:
        """Version ``number`` of this young person's network, or ``None`` if there is none."""
        if not 1 <= number <= MAX_NUMBER:
            return None
        records = self.read("restore.version", young_person_id=young_person_id, number=number)
        return _version(records[0]) if records else None

    def restore_version(
        self,
        young_person_id: str,
        number: int,
        expected: Collection[str],
        *,
        paused: str | None = None,
    ) -> SavedNetwork:
        """Make version ``number`` the network again, if today's network is still at one of
        ``expected`` (:func:`document_version`; :data:`ANY_VERSION` for any). ``paused``: why
        family finding is paused today, if it is.

        Raises :class:`NotFound` (no such young person or version), :class:`PreconditionFailed`
        (the network changed since), :class:`NothingToRestore`, :class:`RestoreRefused` or
        :class:`~connections.model.InvalidInput`; nothing is written then. The new version is
        recorded as made by whoever is acting, through "<via>, restore of version N"."""

        if not 1 <= number <= MAX_NUMBER:
            raise NotFound(f"{young_person_id} has no version {number}.")

        def work(tx: neo4j.ManagedTransaction) -> SavedNetwork:
            statements = _statements()
            if tx.run(statements["network.lock"], id=young_person_id).single() is None:
                raise NotFound(f"No young person with id {young_person_id!r}.")
            current = _load_in(tx, young_person_id)
            assert current is not None  # locked just now
            if ANY_VERSION not in expected and document_version(current) not in expected:
                raise PreconditionFailed(NETWORK_CHANGED)
            record = tx.run(
                statements["restore.version"], young_person_id=young_person_id, number=number
            ).single()
            if record is None:
                raise NotFound(f"{young_person_id} has no version {number}.")
            past = _version(record)
            restored = restored_network(past.network, current)
            reasons = refusals(current, restored, paused, names_of(current, restored))
            if reasons:
                raise RestoreRefused(reasons)
            model.check(restored)
            if document_version(restored) == document_version(current):
                raise NothingToRestore(
                    f"Version {number} is the network as it is now: there is nothing to restore."
                )
            network_batch.write(tx, network_batch.plan([restored]))
            saved = _load_in(tx, young_person_id)
            assert saved is not None
            return SavedNetwork(saved, document_version(saved), created=False)

        actor = current_actor()
        with acting_as(actor.by, via_restore(actor.via, number), actor.at):
            result: SavedNetwork = self._transaction(work)
        return result
