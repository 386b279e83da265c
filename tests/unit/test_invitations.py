"""The invitation's pure core (connections/invitations.py) and the young person's projection
(connections/young_person_audience.py): case by case, and over random networks (hypothesis,
bounded and seeded) that the page's view never carries anything the young person may not see."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given

from connections.invitations import (
    Answer,
    Draft,
    Invitation,
    InvitationState,
    apply_answers,
    check_days,
    check_people,
    default_people,
    expires_at,
    looks_like_token,
    new_token,
    parse_answers,
    split_suggestions,
    token_hash,
)
from connections.model import InvalidInput, Network, RatedBy, Role, Safety, Wishes
from connections.restrictions import effective_safeties
from connections.scoring import score
from connections.young_person_audience import (
    ROLE_WORDS,
    for_young_person_invitation,
    shown_person_ids,
)
from tests.unit.test_restrictions import AS_OF, SEEDED, restricted_networks
from tests.web.networks import amy_network

MADE = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def test_tokens_are_long_random_and_stored_only_as_a_hash() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(looks_like_token(token) and len(token) == 43 for token in tokens)  # 256 bits
    token = tokens.pop()
    assert token_hash(token) != token and len(token_hash(token)) == 64
    assert not looks_like_token("short") and not looks_like_token(token + "x")


def test_states_in_order_of_precedence() -> None:
    invitation = Invitation("i", "yp", ("p",), MADE, expires_at(MADE, 14), "cora")
    assert invitation.state(MADE + timedelta(days=13, hours=23)) is InvitationState.OPEN
    assert invitation.state(MADE + timedelta(days=14)) is InvitationState.EXPIRED
    answered = dataclasses.replace(invitation, submitted_at=MADE)
    assert answered.state(MADE + timedelta(days=30)) is InvitationState.SUBMITTED
    revoked = dataclasses.replace(invitation, revoked_at=MADE)
    assert revoked.state(MADE) is InvitationState.REVOKED


@pytest.mark.parametrize("days", [0, 61, -3, "14", 2.5, True])
def test_validity_outside_1_to_60_days_is_refused_naming_days(days: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_days(days)
    assert refused.value.errors[0].path == "days"


def test_by_default_everyone_but_effective_no_contact_is_shown() -> None:
    network = amy_network()
    assert "p-ray" not in default_people(network, AS_OF)  # recorded no_contact
    assert set(default_people(network, AS_OF)) == {"p-rose", "p-kai", "p-jo", "p-hana"}
    with pytest.raises(InvalidInput) as refused:
        check_people(network, ["p-rose", "p-elsewhere"])
    assert refused.value.errors[0].path == "person_ids"
    with pytest.raises(InvalidInput):
        check_people(network, [])


def test_answers_are_read_by_position_for_the_invitations_own_people_only() -> None:
    form = {
        "closeness-0": "2",
        "wishes-0": "not_now",
        "wishes-1": "unknown",
        "closeness-7": "4",  # no 8th person: ignored
        "suggestions": "  Sam\r\nJo  ",
    }
    draft = parse_answers(form, ["p-rose", "p-kai"])
    assert draft.answers == (
        Answer("p-rose", 2, Wishes.NOT_NOW),
        Answer("p-kai", None, Wishes.UNKNOWN),
    )
    assert split_suggestions(draft.suggestions) == ["Sam", "Jo"]
    with pytest.raises(InvalidInput) as refused:
        parse_answers({"closeness-0": "5", "wishes-0": "maybe"}, ["p-rose"])
    assert [e.path for e in refused.value.errors] == ["closeness-0", "wishes-0"]
    with pytest.raises(InvalidInput) as refused:
        parse_answers({"suggestions": "x" * 2001}, ["p-rose"])
    assert refused.value.errors[0].path == "suggestions"


def test_draft_round_trips_and_drops_what_is_not_the_invitations() -> None:
    draft = Draft((Answer("p-rose", 3, Wishes.WANTS), Answer("p-x", 1, None)), "Sam")
    back = Draft.from_json(json.loads(json.dumps(draft.to_json())), ["p-rose"])
    assert back == Draft((Answer("p-rose", 3, Wishes.WANTS),), "Sam")


def test_a_young_persons_rating_replaces_a_worker_estimate_and_can_change_the_score() -> None:
    network = amy_network()
    before = score(network, AS_OF)
    jo = next(r for r in network.relationships if r.person_id == "p-jo")
    assert jo.closeness_rated_by is RatedBy.WORKER  # an estimate: never counted
    after_network = apply_answers(network, ["p-jo"], Draft((Answer("p-jo", 4, Wishes.WANTS),)))
    jo_after = next(r for r in after_network.relationships if r.person_id == "p-jo")
    assert (jo_after.closeness, jo_after.closeness_rated_by) == (4, RatedBy.YOUNG_PERSON)
    assert score(after_network, AS_OF).score > before.score
    # Someone not on the invitation is never changed.
    same = apply_answers(network, ["p-rose"], Draft((Answer("p-jo", 4, None),)))
    assert same.relationships == network.relationships
    assert jo.closeness == 3  # the input is untouched


def test_every_role_has_words_a_young_person_would_say() -> None:
    assert set(ROLE_WORDS) == set(Role)
    assert ROLE_WORDS[Role.SOCIAL_WORKER] == "your social worker"


@SEEDED
@given(restricted_networks())
def test_the_young_persons_view_carries_only_names_roles_and_their_own_answers(
    net: Network,
) -> None:
    chosen = [r.person_id for r in net.relationships][::-1]
    view = for_young_person_invitation(net, [*chosen, "p-not-there"])
    assert len(view.people) == len(shown_person_ids(net, chosen))
    relationships = {r.person_id: r for r in net.relationships}
    for pid, shown in zip(shown_person_ids(net, chosen), view.people, strict=True):
        relationship = relationships[pid]
        assert shown.name == net.person(pid).name
        assert shown.role == ROLE_WORDS[relationship.role]
        own = relationship.closeness_rated_by is RatedBy.YOUNG_PERSON
        assert shown.closeness == (relationship.closeness if own else None)
    sent = json.dumps([dataclasses.asdict(p) for p in view.people], default=str)
    sent += view.first_name
    # Addresses, notes, safety notes and restrictions (planted by restricted_networks) never.
    for private in ("ADDR", "NOTES", "SAFETY", "SRC", "NOTE", "no_contact", "supervised"):
        assert private not in sent
    for pid in relationships:
        assert f'"{pid}"' not in sent  # the ids stay on the server


@SEEDED
@given(restricted_networks())
def test_the_default_choice_leaves_out_exactly_the_effective_no_contact(net: Network) -> None:
    safeties = effective_safeties(net, AS_OF)
    chosen = default_people(net, AS_OF)
    assert set(chosen) == {
        r.person_id for r in net.relationships if safeties[r.person_id] is not Safety.NO_CONTACT
    }
