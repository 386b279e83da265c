"""The network forms that carry a version, sent at the same moment from the same page by several
signed-in editors against the real Neo4j: exactly one is saved, the others are refused, and what
is stored is the winner's. (Each form's check is made by the store under the write lock, in the
same transaction as its write; the store's own races are in tests/integration/test_store.py.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.accounts import User
from connections.store import Store, network_version
from tests.web.conftest import sign_in
from tests.web.networks import YP, amy_network, person_form, relationship_form

EDITORS = 8

Post = tuple[str, dict[str, object]]


@pytest.fixture
def editors(app: Flask, store: Store, add_user: Callable[..., User]) -> list[FlaskClient]:
    """One signed-in client for each editor, all the same coordinator (as several tabs)."""
    store.save_network(amy_network())
    add_user("cora", "coordinator", (YP,))
    clients = []
    for _ in range(EDITORS):
        client = app.test_client()
        sign_in(client, "cora")
        clients.append(client)
    return clients


def race(editors: list[FlaskClient], posts: list[Post]) -> list[int]:
    """Each editor sends its post at the same moment; their statuses, in order."""
    start = threading.Barrier(len(posts))
    statuses = [0] * len(posts)

    def send(index: int) -> None:
        path, data = posts[index]
        start.wait()
        statuses[index] = editors[index].post(path, data=data).status_code

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_concurrent_person_edits_from_the_same_version_one_is_saved(
    editors: list[FlaskClient], store: Store
) -> None:
    version = store.get_person("p-kai").version
    posts: list[Post] = [
        (
            f"/young-people/{YP}/people/p-kai/edit",
            person_form(name=f"Kai Edit {n}", version=str(version)),
        )
        for n in range(EDITORS)
    ]
    statuses = race(editors, posts)
    assert sorted(statuses) == [302] + [409] * (EDITORS - 1), statuses
    winner = statuses.index(302)
    kai = store.get_person("p-kai")
    assert (kai.name, kai.version) == (f"Kai Edit {winner}", version + 1)


def test_concurrent_removals_and_edits_of_one_relationship_one_is_saved(
    editors: list[FlaskClient], store: Store
) -> None:
    version = store.get_relationship(YP, "p-kai").version
    remove: Post = (f"/young-people/{YP}/people/p-kai/remove", {"version": str(version)})
    posts: list[Post] = [
        remove
        if n % 2
        else (
            f"/young-people/{YP}/people/p-kai/relationship",
            relationship_form(role="sibling", notes=f"Edit {n}", version=str(version)),
        )
        for n in range(EDITORS)
    ]
    statuses = race(editors, posts)
    # A loser is 409 (stale) or, when the removal won before it loaded the page, 404.
    assert statuses.count(302) == 1 and set(statuses) <= {302, 404, 409}, statuses
    winner = statuses.index(302)
    if posts[winner] is remove:
        assert "p-kai" not in {p.id for p in store.load_network(YP).people}
    else:
        kai = store.get_relationship(YP, "p-kai")
        assert (kai.notes, kai.version) == (f"Edit {winner}", version + 1)


def test_concurrent_household_changes_from_the_same_page_one_is_saved(
    editors: list[FlaskClient], store: Store
) -> None:
    before = {pid: store.get_person(pid) for pid in ("p-kai", "p-jo")}
    posts: list[Post] = [
        (
            f"/young-people/{YP}/households",
            {
                "people": ["p-kai", "p-jo"],
                "household": "new",
                "version": network_version(store.load_network(YP)),
            },
        )
        for _ in range(EDITORS)
    ]
    statuses = race(editors, posts)
    assert sorted(statuses) == [302] + [409] * (EDITORS - 1), statuses
    after = {pid: store.get_person(pid) for pid in before}
    # One new household for both, written once: each person's version went up by one.
    assert after["p-kai"].household == after["p-jo"].household
    assert after["p-kai"].household not in {p.household for p in before.values()}
    assert all(after[pid].version == before[pid].version + 1 for pid in before)
