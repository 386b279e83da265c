"""The records administration pages: admins only; a purge confirmed on a page that says what will
go, after which no version, page or download holds the purged name; subject access downloads."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from connections.model import revise
from connections.store import Store
from tests import factories as f
from tests.web.conftest import text_of

WRONG = "Zebedee Wrongchild"
NOTE = "Misfiled family detail"


@pytest.fixture
def wrong_entry(store: Store) -> Store:
    store.save_network(f.network("yp-1"))
    store.save_network(f.network("yp-2"))
    store.create_person(f.person("p-wrong", name=WRONG, address="99 Misfiled Lane"))
    store.create_relationship("yp-1", f.relationship("p-wrong", notes=NOTE))
    store.add_contact("yp-1", f.contact("c-wrong", "p-wrong", note=NOTE))
    relationship = store.get_relationship("yp-1", "p-wrong")
    store.update_relationship(
        "yp-1", revise(relationship, {"closeness": 1, "closeness_rated_by": "worker"})
    )
    return store


PAGES = [
    ("get", "/admin/records"),
    ("get", "/admin/records/young-people/yp-1/purge/person/p-wrong"),
    ("post", "/admin/records/young-people/yp-1/purge/person/p-wrong"),
    ("get", "/admin/records/subject-access/yp-1"),
]


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_records_pages_are_admin_only(
    wrong_entry: Store, signed_in: Callable[..., FlaskClient], role: str
) -> None:
    client = signed_in(role, allocated=("yp-1",))
    for method, path in PAGES:
        response = getattr(client, method)(path, data={"reason": "x"})
        assert response.status_code == 403, path
    assert any(WRONG in v.document for v in wrong_entry.all_versions("yp-1"))


def test_an_admin_purges_a_person_after_seeing_what_goes(
    wrong_entry: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("admin")
    store = wrong_entry
    other = [(v.number, v.document) for v in store.all_versions("yp-2")]
    found = client.get(
        "/admin/records",
        query_string={
            "purge": "1",
            "young_person_id": "yp-1",
            "kind": "person",
            "entry_id": "p-wrong",
        },
    )
    assert found.status_code == 302 and found.location.endswith("/purge/person/p-wrong")
    page = client.get(found.location)
    words = text_of(page.get_data(as_text=True))
    assert page.status_code == 200
    assert f"Person {WRONG} (p-wrong)" in words
    assert "1 contact log entries, 0 restrictions, 0 links to other people" in words
    assert "Deleted: no other network holds them" in words
    assert "In today's network and in 3 versions" in words
    assert store.audit_events("yp-1")[0].action == "view"  # opening it is audited

    refused = client.post(found.location, data={"reason": "  "})
    assert refused.status_code == 400 and "Say why this entry is purged" in refused.get_data(
        as_text=True
    )
    assert any(WRONG in v.document for v in store.all_versions("yp-1"))

    done = client.post(found.location, data={"reason": "added to the wrong child"})
    assert done.status_code == 302
    assert "3 versions rewritten" in text_of(client.get(done.location).get_data(as_text=True))
    for version in store.all_versions("yp-1"):
        assert WRONG not in version.document and NOTE not in version.document
    assert [(v.number, v.document) for v in store.all_versions("yp-2")] == other
    history = client.get("/young-people/yp-1/history").get_data()
    assert WRONG.encode() not in history and NOTE.encode() not in history
    network_page = client.get("/young-people/yp-1").get_data()
    assert WRONG.encode() not in network_page
    purge = next(e for e in store.audit_events("yp-1") if e.action == "purge")
    assert purge.username == "test-admin" and "p-wrong" in purge.detail
    assert WRONG not in purge.detail
    # Gone: the page says so rather than offering to purge again.
    assert client.get(found.location).status_code == 404


def test_an_admin_downloads_a_subject_access_export(
    wrong_entry: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("admin")
    redirected = client.get("/admin/records", query_string={"access": "1", "subject_id": "p-kai"})
    assert redirected.status_code == 302
    response = client.get(redirected.location)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="subject-access-p-kai.json"'
    )
    export = json.loads(response.get_data(as_text=True))
    assert export["details"]["name"] == "Kai Example"
    body = response.get_data(as_text=True)
    for secret in ("1 Example Row", "Bakes on Sundays", "Court order", NOTE, "99 Misfiled Lane"):
        assert secret not in body
    assert wrong_entry.audit_events("yp-2")[0].action == "subject_access"
    assert client.get("/admin/records/subject-access/p-nobody").status_code == 404


def test_bad_ids_are_named_not_looked_up(
    wrong_entry: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("admin")
    page = client.get(
        "/admin/records",
        query_string={"purge": "1", "young_person_id": "yp-1", "kind": "person", "entry_id": "<x>"},
    )
    assert page.status_code == 400
    assert "Ids are letters, digits" in text_of(page.get_data(as_text=True))
    missing = client.get("/admin/records", query_string={"purge": "1", "young_person_id": "yp-1"})
    assert missing.status_code == 400
    assert "Choose what was entered on the wrong child" in missing.get_data(as_text=True)


def test_records_past_retention_are_listed(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    document = f.network_document("yp-old")
    document["young_person"]["date_of_birth"] = "1940-01-01"
    from connections.model import parse_network

    store.save_network(parse_network(document))
    text = text_of(signed_in("admin").get("/admin/records").get_data(as_text=True))
    assert "until 75 years after their birth" in text
    assert "yp-old 2015-01-01 1" in text


def test_an_unreadable_retention_setting_is_said_not_a_500(
    store: Store, signed_in: Callable[..., FlaskClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONNECTIONS_RETENTION_YEARS", "forever")
    page = signed_in("admin").get("/admin/records")
    assert page.status_code == 200
    assert "CONNECTIONS_RETENTION_YEARS: 'forever' is not a whole number" in text_of(
        page.get_data(as_text=True)
    )
