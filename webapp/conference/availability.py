"""Whether the family may be shown the conference map and plan yet: one place, so the
information-sharing consent for the conference is wired in here and nowhere else."""

from __future__ import annotations

from datetime import date

from connections import guest_list
from connections.guest_list import GuestList
from connections.model import Network, YoungPerson
from connections.store import Store


def conference_sharing_in_place(store: Store, young_person: YoungPerson, guests: GuestList) -> bool:
    """Whether information may be shared with the family at this young person's conference.

    The consent ledger (``connections.consent``, purpose ``conference_sharing``) is built on
    another branch; the integrator wires it in here when the two are merged. Until then the
    facilitator's final guest list is the only gate, so this answers whether it is final.
    """
    del store, young_person  # the consent ledger reads these once it is wired in
    return guests.final


def family_view_available(store: Store, network: Network, guests: GuestList, as_of: date) -> bool:
    """The family view may be shown: the guest list is final with nothing in the way on
    ``as_of`` (:func:`connections.guest_list.is_final`), and the information-sharing consent
    for the conference is in place."""
    return guest_list.is_final(network, guests, as_of) and conference_sharing_in_place(
        store, network.young_person, guests
    )
