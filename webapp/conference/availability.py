"""Whether the family may be shown the conference map and plan yet: one place, so every gate
(the facilitator's final guest list, the information-sharing consent for the conference) is
decided here and nowhere else."""

from __future__ import annotations

from datetime import date

from connections import guest_list
from connections.consent import ConsentState, Purpose, consent_state
from connections.guest_list import GuestList
from connections.model import Network, YoungPerson
from connections.store import Store


def conference_sharing(store: Store, young_person: YoungPerson, as_of: date) -> ConsentState:
    """The state of the information-sharing consent for this young person's conference
    (purpose ``conference_sharing`` of their consent ledger, docs/consent.md), with its reasons
    in words for the facilitator."""
    return consent_state(
        store.consents(young_person.id),
        young_person.date_of_birth,
        Purpose.CONFERENCE_SHARING,
        as_of,
    )


def family_view_available(store: Store, network: Network, guests: GuestList, as_of: date) -> bool:
    """The family view may be shown: the guest list is final with nothing in the way on
    ``as_of`` (:func:`connections.guest_list.is_final`), and the information-sharing consent
    for the conference is in place."""
    return (
        guest_list.is_final(network, guests, as_of)
        and conference_sharing(store, network.young_person, as_of).in_place
    )
