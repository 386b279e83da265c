"""The guest list of a young person's next Family Group Conference (the rules are in
:mod:`connections.guest_list` and docs/conference.md). Statements are in
``cypher/guest_lists.cypher``.

Every change is one transaction: the young person's and the conference's write locks, the
version check (:class:`~connections.store.base.StaleEdit` if someone else changed the list since
the caller read it), the network loaded in that same transaction and the rules checked on it
(nobody :func:`~connections.guest_list.refusal` refuses is ever written as a guest; a list is
never marked final while anything :func:`~connections.guest_list.blockers` names is in the way),
then the write. The web pages and the API check the same rules first, to say why; this is the
check that holds whatever the caller did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import neo4j
import neo4j.time

from connections.guest_list import (
    DRAFT,
    Acknowledgement,
    GuestList,
    blockers,
    leak_warnings,
    refusal,
)
from connections.model import InvalidInput, Network
from connections.store.base import NotFound, StaleEdit, StoreBase, StoreError, _statements
from connections.store.networks import _load_in

#: The longest reason an acknowledgement may give.
REASON_MAX = 2000

STALE = (
    "Someone else changed this guest list after you opened it. Nothing was saved: reload the "
    "page to see their change, then make yours again."
)


class GuestRefused(StoreError):
    """A change the guest list's rules refuse; the message says why, fit to show the
    facilitator (never the family)."""


def _native(value: Any) -> datetime | None:
    return value.to_native() if isinstance(value, neo4j.time.DateTime) else value


class GuestListRecords(StoreBase):
    """Read and change a young person's conference guest list."""

    def guest_list(self, young_person_id: str) -> GuestList:
        """The list as stored (an empty draft at version 0 if none was started); only guests
        still in the network. :class:`NotFound` for no such young person."""
        records = self.read("guest_list.get", young_person_id=young_person_id)
        if not records:
            raise NotFound(f"No young person with id {young_person_id!r}.")
        record = records[0]
        conference = record["conference"] or {}
        acknowledgements = {
            row["key"]: Acknowledgement(row["key"], row["reason"], row["by"], _native(row["at"]))
            for row in record["acknowledgements"]
        }
        return GuestList(
            young_person_id=young_person_id,
            status=conference.get("status", DRAFT),
            version=conference.get("version", 0),
            guest_ids=tuple(sorted(record["guests"])),
            acknowledgements=acknowledgements,
            finalised_by=conference.get("finalised_by"),
            finalised_at=_native(conference.get("finalised_at")),
        )

    def set_guests(
        self, young_person_id: str, guest_ids: Sequence[str], version: int, as_of: date
    ) -> GuestList:
        """The guests become exactly ``guest_ids``; a final list goes back to draft.
        :class:`InvalidInput` (path ``guest_ids[i]``) naming anyone who may not be invited,
        with the reason; nothing is written then."""

        def change(tx: neo4j.ManagedTransaction, network: Network) -> None:
            errors = [
                (index, reason)
                for index, person_id in enumerate(guest_ids)
                if (reason := refusal(network, person_id, as_of)) is not None
            ]
            if errors:
                raise InvalidInput.single(f"guest_ids[{errors[0][0]}]", errors[0][1])
            tx.run(
                _statements()["guest_list.set_guests"],
                young_person_id=young_person_id,
                guest_ids=sorted(set(guest_ids)),
            )

        self._change(young_person_id, version, change)
        return self.guest_list(young_person_id)

    def add_guest(
        self, young_person_id: str, person_id: str, version: int, as_of: date
    ) -> GuestList:
        """Add one guest (see :meth:`set_guests`; the error's path is ``person_id``)."""
        current = self.guest_list(young_person_id)
        try:
            return self.set_guests(young_person_id, [*current.guest_ids, person_id], version, as_of)
        except InvalidInput as error:
            raise InvalidInput.single("person_id", error.errors[0].message) from None

    def remove_guest(
        self, young_person_id: str, person_id: str, version: int, as_of: date
    ) -> GuestList:
        """Remove one guest (a final list goes back to draft)."""
        current = self.guest_list(young_person_id)
        if person_id not in current.guest_ids:
            raise NotFound("They are not on the guest list.")
        remaining = [guest for guest in current.guest_ids if guest != person_id]
        return self.set_guests(young_person_id, remaining, version, as_of)

    def acknowledge_warning(
        self, young_person_id: str, key: str, reason: str, by: str, version: int, as_of: date
    ) -> GuestList:
        """Record ``by``'s acknowledgement of the current warning ``key`` with their reason
        (required: :class:`InvalidInput` on ``reason``; :class:`NotFound` for a key that is not
        a current warning)."""
        reason = reason.strip()
        if not reason:
            raise InvalidInput.single("reason", "Give the reason the guest may still attend.")
        if len(reason) > REASON_MAX:
            raise InvalidInput.single("reason", f"Keep the reason under {REASON_MAX} characters.")

        def change(tx: neo4j.ManagedTransaction, network: Network) -> None:
            guests = _guests_in(tx, young_person_id)
            if key not in {w.key for w in leak_warnings(network, guests, as_of)}:
                raise NotFound("There is no such warning on this guest list now.")
            tx.run(
                _statements()["guest_list.acknowledge"],
                young_person_id=young_person_id,
                key=key,
                reason=reason,
                by=by,
            )

        self._change(young_person_id, version, change)
        return self.guest_list(young_person_id)

    def finalise_guest_list(
        self, young_person_id: str, by: str, version: int, as_of: date
    ) -> GuestList:
        """Mark the list final: :class:`GuestRefused` (saying what is in the way) while there
        are no guests, a guest may not be invited now, or a warning is not acknowledged."""

        def change(tx: neo4j.ManagedTransaction, network: Network) -> None:
            guests = _guests_in(tx, young_person_id)
            acknowledged = {
                row["key"]
                for row in tx.run(
                    _statements()["guest_list.get"], young_person_id=young_person_id
                ).single()["acknowledgements"]
            }
            problems = blockers(network, guests, acknowledged, as_of)
            if problems:
                raise GuestRefused(" ".join(problems))
            tx.run(_statements()["guest_list.finalise"], young_person_id=young_person_id, by=by)

        self._change(young_person_id, version, change)
        return self.guest_list(young_person_id)

    def _change(
        self,
        young_person_id: str,
        version: int,
        change: Callable[[neo4j.ManagedTransaction, Network], None],
    ) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            locked = tx.run(
                _statements()["guest_list.lock"], young_person_id=young_person_id
            ).single()
            if locked is None:
                raise NotFound(f"No young person with id {young_person_id!r}.")
            if locked["version"] != version:
                raise StaleEdit(STALE)
            network = _load_in(tx, young_person_id)
            if network is None:  # pragma: no cover - locked above
                raise NotFound(f"No young person with id {young_person_id!r}.")
            change(tx, network)

        self._transaction(work)


def _guests_in(tx: neo4j.ManagedTransaction, young_person_id: str) -> list[str]:
    record = tx.run(_statements()["guest_list.get"], young_person_id=young_person_id).single()
    return list(record["guests"]) if record else []
