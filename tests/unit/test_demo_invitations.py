"""The demo's invitations (connections/demo_invitations.py): open, answered (with ratings and a
suggestion) and expired ones, for the first young people by name, chosen from the networks alone."""

from __future__ import annotations

from datetime import date

from connections import demo
from connections.demo_invitations import YOUNG_PEOPLE, DemoInvitations, plan
from connections.invitations import default_people

AS_OF = date(2026, 11, 22)


def test_the_first_young_people_by_name_get_every_kind_of_invitation() -> None:
    networks = list(demo.generate(12, 2026, AS_OF))
    invitations = DemoInvitations(AS_OF)
    assert list(invitations.passing(networks)) == networks  # the stream is untouched
    first = sorted((n.young_person.name, n.young_person.id) for n in networks)[:YOUNG_PEOPLE]
    pending = invitations.pending
    assert [item[:2] for item in invitations.first] == first
    kinds = [item.kind for _, item in pending]
    assert {"open", "answered", "expired"} <= set(kinds)
    answered = [item for _, item in pending if item.kind == "answered"]
    assert len(answered) == YOUNG_PEOPLE
    for item in answered:
        assert item.draft.answers and item.draft.suggestions
        assert all(2 <= a.closeness <= 4 for a in item.draft.answers)
    # The same networks, the same plan (no random source in the answers).
    network = networks[0]
    assert plan(network, AS_OF, 0) == plan(network, AS_OF, 0)
    assert set(plan(network, AS_OF, 0)[0].person_ids) == set(default_people(network, AS_OF))
