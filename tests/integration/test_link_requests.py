"""Link requests in the store (connections/store/link_requests.py) on the real Neo4j: who may
decide, a person protected after the request was made, and two deciders at the same moment."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from connections import accounts
from connections.accounts import User, UserRole
from connections.model import revise
from connections.store import LinkRefused, NotFound, Store
from tests import factories
from tests.web.conftest import coverage_network

ASKED = factories.relationship("requested", role="grandparent", safety="safe")


@pytest.fixture
def request_id(store: Store) -> str:
    """Amy's worker asks about Rosalind, who is in Olly's network (allocated to Olly's worker and
    to a second worker of Olly's)."""
    store.save_networks(
        [
            coverage_network("yp-amy", "Amy Example", 1),
            coverage_network(
                "yp-olly",
                "Olly Other",
                1,
                extra_people=[
                    {
                        "id": "p-rosalind",
                        "name": "Rosalind Secretworth",
                        "category": "family",
                        "relationship": {"role": "grandparent"},
                    }
                ],
            ),
        ]
    )
    for username, allocated in (
        ("amys-worker", ["yp-amy"]),
        ("ollys-worker", ["yp-olly"]),
        ("ollys-other-worker", ["yp-olly"]),
        ("bystander", []),
    ):
        user = User(username=username, display_name=username, role=UserRole.COORDINATOR)
        store.create_user(user, accounts.hash_password("x" * 12))
        if allocated:
            store.allocate(username, allocated)
    held_by = store.create_link_request(
        "lr-000000000001",
        young_person_id="yp-amy",
        query="rosalind",
        relationship=ASKED,
        requested_by="amys-worker",
        candidate_ids=["p-rosalind"],
    )
    assert held_by == [("yp-olly", "p-rosalind")]
    return "lr-000000000001"


def test_only_a_worker_of_a_network_holding_a_candidate_sees_and_decides_it(
    store: Store, request_id: str
) -> None:
    assert [r.id for r in store.link_requests_awaiting("ollys-worker", everyone=False)] == [
        request_id
    ]
    assert store.link_requests_awaiting("bystander", everyone=False) == []
    assert store.link_requests_awaiting("amys-worker", everyone=False) == []  # their own
    assert [r.id for r in store.link_requests_awaiting("amys-worker", everyone=True)] == []
    _, candidates = store.link_request_for_decider(request_id, "bystander", everyone=False)
    assert candidates == []
    with pytest.raises(NotFound):
        store.approve_link_request(request_id, "p-rosalind", "bystander", everyone=False)
    with pytest.raises(LinkRefused, match="someone else must decide"):
        store.approve_link_request(request_id, "p-rosalind", "amys-worker", everyone=True)
    assert store.link_requests_made_by("amys-worker")[0].status == "pending"


def test_a_person_protected_after_the_request_cannot_be_linked(
    store: Store, request_id: str
) -> None:
    relationship = store.get_relationship("yp-olly", "p-rosalind")
    store.update_relationship("yp-olly", revise(relationship, {"safety": "no_contact"}))
    with pytest.raises(LinkRefused, match="no-contact"):
        store.approve_link_request(request_id, "p-rosalind", "ollys-worker", everyone=False)
    assert {yp for yp, _ in store.young_people_of("p-rosalind")} == {"yp-olly"}
    assert store.link_requests_made_by("amys-worker")[0].status == "pending"


def test_two_deciders_at_once_decide_once(store: Store, request_id: str) -> None:
    """An approval and a decline at the same moment, five times over: each request is decided
    once (the request's write lock comes before its status is read)."""

    def approve(lr: str) -> str:
        try:
            store.approve_link_request(lr, "p-rosalind", "ollys-worker", everyone=False)
        except LinkRefused:
            return "refused"
        return "approved"

    def decline(lr: str) -> str:
        try:
            store.decline_link_request(lr, "ollys-other-worker", everyone=False)
        except LinkRefused:
            return "refused"
        return "declined"

    for round_ in range(5):
        lr = request_id if round_ == 0 else f"lr-00000000010{round_}"
        if round_:
            store.create_link_request(
                lr,
                young_person_id="yp-amy",
                query="rosalind",
                relationship=ASKED,
                requested_by="amys-worker",
                candidate_ids=["p-rosalind"],
            )
        with ThreadPoolExecutor(2) as pool:
            futures = [pool.submit(approve, lr), pool.submit(decline, lr)]
            outcomes = sorted(future.result() for future in futures)
        assert outcomes in (["approved", "refused"], ["declined", "refused"])
        status = next(r.status for r in store.link_requests_made_by("amys-worker") if r.id == lr)
        linked = {yp for yp, _ in store.young_people_of("p-rosalind")}
        assert (status, linked) in (
            ("approved", {"yp-amy", "yp-olly"}),
            ("declined", {"yp-olly"}),
        )
        if status == "approved":
            store.delete_relationship("yp-amy", "p-rosalind")
