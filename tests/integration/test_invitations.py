"""Invitations in the store (connections/store/invitations.py) on the real Neo4j: only the token's
hash is kept; a submit writes every rating in one transaction, rated by the young person, keeps a
worker's estimate on the answer record, turns suggestions into tasks, and happens once; revoked,
expired and never-existing tokens write nothing; only the invitation's own people are written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from connections.invitations import (
    PROVENANCE,
    Answer,
    Draft,
    InvitationState,
    new_token,
    token_hash,
)
from connections.model import RatedBy, Wishes
from connections.store import InvitationClosed, NotFound, Store
from tests.conftest import AS_OF
from tests.web.networks import OTHER, YP, amy_network, other_network

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
def saved(store: Store) -> Store:
    store.save_networks([amy_network(), other_network()])
    return store


def invite(store: Store, people: tuple[str, ...] = ("p-rose", "p-jo", "p-kai"), days: int = 14):
    token = new_token()
    invitation = store.create_invitation(YP, list(people), days, "cora", NOW, token)
    return token, invitation


def test_only_the_hash_of_the_token_is_stored(saved: Store) -> None:
    token, invitation = invite(saved)
    rows = saved.read("invitation.get", young_person_id=YP, id=invitation.id)
    stored = dict(rows[0]["invitation"])
    assert token not in str(stored)
    assert stored["token_hash"] == token_hash(token)
    assert saved.invitation_by_token(token).id == invitation.id
    assert saved.invitation_by_token(new_token()) is None
    assert invitation.state(NOW) is InvitationState.OPEN
    assert invitation.expires_at == NOW + timedelta(days=14)


def test_submit_writes_ratings_as_the_young_persons_and_keeps_the_workers_estimate(
    saved: Store,
) -> None:
    token, invitation = invite(saved)
    jo_before = saved.get_relationship(YP, "p-jo")
    assert (jo_before.closeness, jo_before.closeness_rated_by) == (3, RatedBy.WORKER)
    draft = Draft(
        (
            Answer("p-jo", 1, Wishes.NOT_NOW),
            Answer("p-kai", 4, None),
            Answer("p-rose", None, Wishes.WANTS),
        ),
        "My friend Sam from school\nAuntie Jo in Leeds",
    )
    done = saved.submit_invitation(token, draft, NOW, AS_OF, (40.0, 52.5))

    jo = saved.get_relationship(YP, "p-jo")
    assert (jo.closeness, jo.closeness_rated_by) == (1, RatedBy.YOUNG_PERSON)
    assert jo.wishes is Wishes.NOT_NOW
    assert jo.version == jo_before.version + 1
    kai = saved.get_relationship(YP, "p-kai")
    assert (kai.closeness, kai.closeness_rated_by) == (4, RatedBy.YOUNG_PERSON)
    assert kai.wishes is Wishes.WANTS
    rose = saved.get_relationship(YP, "p-rose")
    assert (rose.closeness, rose.closeness_rated_by) == (4, RatedBy.YOUNG_PERSON)

    assert done.state(NOW) is InvitationState.SUBMITTED
    assert (done.score_before, done.score_after) == (40.0, 52.5)
    by_person = {answer.person_id: answer for answer in done.answers}
    assert by_person["p-jo"].worker_estimate == 3  # kept apart, not lost
    assert by_person["p-jo"].before_rated_by is RatedBy.WORKER
    assert by_person["p-kai"].worker_estimate is None
    rows = saved.read("invitation.get", young_person_id=YP, id=invitation.id)
    answer_rows = rows[0]["answers"]
    assert {row["provenance"] for row in answer_rows} == {PROVENANCE}
    assert {row["answered_on"].to_native() for row in answer_rows} == {AS_OF}
    assert [s.text for s in done.suggestions] == ["My friend Sam from school", "Auntie Jo in Leeds"]
    # A suggestion is a task, never a person in the network.
    assert len(saved.load_network(YP).people) == len(amy_network().people)


def test_submitting_twice_is_refused_and_writes_nothing(saved: Store) -> None:
    token, _ = invite(saved)
    saved.submit_invitation(token, Draft((Answer("p-jo", 2, None),)), NOW, AS_OF)
    with pytest.raises(InvitationClosed):
        saved.submit_invitation(token, Draft((Answer("p-jo", 0, None),), "x"), NOW, AS_OF)
    assert saved.get_relationship(YP, "p-jo").closeness == 2
    assert not saved.save_invitation_draft(token, Draft(), NOW)


def test_revoked_expired_and_unknown_tokens_write_nothing(saved: Store) -> None:
    revoked, invitation = invite(saved)
    assert saved.revoke_invitation(YP, invitation.id, "cora", NOW)
    assert not saved.revoke_invitation(YP, invitation.id, "cora", NOW)  # once
    assert saved.invitation_by_token(revoked).state(NOW) is InvitationState.REVOKED
    expired, _ = invite(saved, days=1)
    later = NOW + timedelta(days=1)
    for token, when in ((revoked, NOW), (expired, later), (new_token(), NOW)):
        assert not saved.save_invitation_draft(token, Draft(), when)
        with pytest.raises(InvitationClosed):
            saved.submit_invitation(token, Draft((Answer("p-jo", 0, None),)), when, AS_OF)
    assert saved.get_relationship(YP, "p-jo").closeness == 3
    with pytest.raises(NotFound):
        saved.revoke_invitation(OTHER, invitation.id, "cora", NOW)  # not that young person's


def test_an_invitation_never_writes_another_young_persons_relationships(saved: Store) -> None:
    other = saved.load_network(OTHER)
    target = other.relationships[0]
    token, _ = invite(saved, people=("p-rose",))
    # Answers for someone not on the invitation (in another network, or in Amy's) are ignored.
    draft = Draft((Answer(target.person_id, 0, Wishes.REFUSES), Answer("p-jo", 0, None)))
    done = saved.submit_invitation(token, draft, NOW, AS_OF)
    assert done.answers == ()
    assert saved.get_relationship(OTHER, target.person_id) == target
    assert saved.get_relationship(YP, "p-jo").closeness == 3


def test_drafts_are_kept_until_submitted_and_suggestions_can_be_marked_done(saved: Store) -> None:
    token, invitation = invite(saved)
    draft = Draft((Answer("p-rose", 3, Wishes.WANTS),), "Sam")
    assert saved.save_invitation_draft(token, draft, NOW)
    assert saved.invitation_by_token(token).draft == draft
    assert saved.get_relationship(YP, "p-rose").closeness == 4  # a draft changes nothing
    done = saved.submit_invitation(token, draft, NOW, AS_OF)
    suggestion = done.suggestions[0]
    saved.mark_suggestion_done(YP, invitation.id, suggestion.id, "cora", NOW)
    again = saved.get_invitation(YP, invitation.id)
    assert again.suggestions[0].done and again.suggestions[0].done_by == "cora"
    assert again.open_suggestions == ()
    with pytest.raises(NotFound):
        saved.mark_suggestion_done(OTHER, invitation.id, suggestion.id, "cora", NOW)


def test_invitations_go_with_the_young_person(saved: Store) -> None:
    token, _ = invite(saved)
    saved.delete_young_person(YP)
    assert saved.invitation_by_token(token) is None
    assert saved.read("invitation.list", young_person_id=YP) == []


def test_the_demo_writes_open_answered_and_expired_invitations_once(store: Store) -> None:
    from connections import demo
    from connections.demo_invitations import DemoInvitations

    invitations = DemoInvitations(AS_OF)
    store.save_networks(list(invitations.passing(demo.generate(5, 2026, AS_OF))))
    assert invitations.flush(store, NOW) == 6
    ids = [young_person.id for young_person in store.list_young_people()[:3]]
    states = {i.state(NOW) for yp in ids for i in store.invitations(yp)}
    assert states == {
        InvitationState.OPEN,
        InvitationState.SUBMITTED,
        InvitationState.EXPIRED,
    }
    answered = [i for yp in ids for i in store.invitations(yp) if i.submitted_at]
    assert all(i.answers and i.suggestions and i.score_after is not None for i in answered)
    again = DemoInvitations(AS_OF)
    list(again.passing(demo.generate(5, 2026, AS_OF)))
    assert again.flush(store, NOW) == 0
