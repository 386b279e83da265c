"""Saving a network taken from a GEDCOM file: new, or merged into the one already stored.

The merge is :func:`connections.gedcom.merge.merge` (pure); here it is read, merged and written
on a condition: the stored network must still be the one that was read
(:meth:`~connections.store.networks.NetworkRecords.replace_network`), so a worker's edit made
while the file was being imported is never lost (the import is refused instead, nothing
written). No Cypher of its own: the network statements do the reading and writing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from connections.gedcom.merge import merge, share_people
from connections.model import Network
from connections.store.base import NotFound
from connections.store.networks import SavedNetwork, document_version

if TYPE_CHECKING:
    from connections.store import Store


def existing_network(store: Store, young_person_id: str) -> Network | None:
    """The young person's stored network, or None when there is no such young person yet."""
    try:
        return store.load_network(young_person_id)
    except NotFound:
        return None


def with_family_of(store: Store, imported: Network, sibling_id: str | None) -> Network:
    """``imported`` sharing the people the same family tree already gave young person
    ``sibling_id`` (:func:`~connections.gedcom.merge.share_people`); unchanged without one.
    :class:`~connections.store.NotFound` when there is no such young person."""
    if not sibling_id:
        return imported
    return share_people(imported, store.load_network(sibling_id))


def save_import(store: Store, imported: Network, existing: Network | None = None) -> SavedNetwork:
    """Save ``imported``: as a new network, or merged into ``existing`` (read now if not given),
    which must still be what is stored (else :class:`~connections.store.PreconditionFailed`)."""
    if existing is None:
        existing = existing_network(store, imported.young_person.id)
    if existing is None:
        return store.replace_network(imported, None)
    return store.replace_network(merge(existing, imported), {document_version(existing)})
