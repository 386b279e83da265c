"""Spreadsheets in the web app: the template, a network's CSV, the cohort's CSV, and the upload,
preview and confirm of a CSV file (errors with row and column, all or nothing, CSRF, audit)."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from connections.csvfile import FORMULA_STARTS
from connections.model import Person, Relationship, Safety, parse
from connections.store import Store
from tests.web.conftest import (
    coverage_network,
    csrf_token_of,
    make_app,
    sign_in,
    sign_in_with_csrf,
)
from tests.web.networks import SIBLING, YP, amy_network, hidden_value, sibling_network
from webapp.db import close_store

HOSTILE = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def networks(store: Store) -> None:
    store.save_networks([amy_network(), sibling_network()])


@pytest.fixture
def coordinator(networks: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("coordinator", allocated=(YP,))


def rows_of(response: Any) -> list[list[str]]:
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")  # a byte order mark, for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def upload(client: FlaskClient, text: str, filename: str = "people.csv", **extra: str) -> Any:
    data = {"file": (io.BytesIO(text.encode("utf-8")), filename), **extra}
    return client.post(
        f"/young-people/{YP}/spreadsheet", data=data, content_type="multipart/form-data"
    )


def confirm(client: FlaskClient, preview_html: str, **extra: str) -> Any:
    data = {name: hidden_value(preview_html, name) for name in ("contents", "version", "filename")}
    return client.post(f"/young-people/{YP}/spreadsheet/confirm", data={**data, **extra})


GOOD = (
    "Id,Name,Role,Category,Safety\r\n"
    "p-kai,Kai Example,Sibling,Family,Supervised contact only\r\n"
    ",Nan Oak,Grandparent,Family,Safe\r\n"
)


# --- downloads ------------------------------------------------------------------------------------


def test_the_template_is_the_header_row(coordinator: FlaskClient) -> None:
    response = coordinator.get("/spreadsheets/template.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "network-template.csv" in response.headers["Content-Disposition"]
    rows = rows_of(response)
    assert len(rows) == 1 and rows[0][:4] == ["Id", "Name", "Role", "Category"]


def test_the_network_csv_is_audited_and_safe_to_open(coordinator: FlaskClient, store: Store):
    store.create_person(parse(Person, {"id": "p-evil", "name": HOSTILE, "category": "friend"}))
    store.create_relationship(
        YP, parse(Relationship, {"person_id": "p-evil", "role": "friend", "notes": "@SUM(1)"})
    )
    response = coordinator.get(f"/young-people/{YP}/network.csv")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="network-{YP}-2026-11-22.csv"'
    rows = rows_of(response)
    names = {row[1] for row in rows[1:]}
    assert "Rose Example" in names and "'" + HOSTILE in names
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    exports = [e for e in store.audit_events(YP) if e.action == "export"]
    assert [e.detail for e in exports] == ["network.csv"]


def test_the_network_csv_is_only_for_those_allocated(
    networks: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=(SIBLING,))
    assert client.get(f"/young-people/{YP}/network.csv").status_code == 404
    assert client.get(f"/young-people/{SIBLING}/network.csv").status_code == 200


def test_downloads_need_signing_in(client: FlaskClient, networks: None) -> None:
    for url in ("/spreadsheets/template.csv", f"/young-people/{YP}/network.csv", "/cohort.csv"):
        assert client.get(url).status_code == 302


def test_the_cohort_csv_is_for_managers_and_follows_the_filters(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.save_networks(
        [
            coverage_network("yp-red", "=Red Example", 0),
            coverage_network("yp-green", "Green Example", 3),
        ]
    )
    manager = signed_in("manager")
    page = manager.get("/cohort?status=RED&page=1").get_data(as_text=True)
    assert 'href="/cohort.csv?status=RED"' in page
    response = manager.get("/cohort.csv")
    assert response.status_code == 200
    rows = rows_of(response)
    assert rows[0][:3] == ["young_person_id", "name", "age"]
    assert sorted(row[0] for row in rows[1:]) == ["yp-green", "yp-red"]
    assert "'=Red Example" in {row[1] for row in rows[1:]}
    filtered = rows_of(manager.get("/cohort.csv?status=RED"))
    assert [row[0] for row in filtered[1:]] == ["yp-red"]
    assert [e.detail for e in store.audit_events("yp-red") if e.action == "export"] == [
        "cohort.csv",
        "cohort.csv",
    ]
    assert [e.detail for e in store.audit_events("yp-green") if e.action == "export"] == [
        "cohort.csv"
    ]


@pytest.mark.parametrize("role", ["coordinator", "facilitator"])
def test_workers_get_no_cohort_csv(
    networks: None, signed_in: Callable[..., FlaskClient], role: str
) -> None:
    assert signed_in(role, allocated=(YP,)).get("/cohort.csv").status_code == 403


# --- upload, preview, confirm --------------------------------------------------------------------


def test_upload_previews_then_confirm_saves(coordinator: FlaskClient, store: Store) -> None:
    page = coordinator.get(f"/young-people/{YP}/spreadsheet")
    assert page.status_code == 200
    assert "/spreadsheets/template.csv" in page.get_data(as_text=True)
    before = store.load_network(YP)

    preview = upload(coordinator, GOOD)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "1 to add, 1 to update" in html
    assert "Nan Oak" in html and "Grandparent" in html
    assert "Kai Example" in html and "Safety" in html
    assert store.load_network(YP).to_document() == before.to_document()  # nothing yet

    saved = confirm(coordinator, html)
    assert saved.status_code == 302
    assert saved.headers["Location"].endswith(f"/young-people/{YP}/network")
    after = store.load_network(YP)
    assert len(after.people) == len(before.people) + 1
    assert "Nan Oak" in {person.name for person in after.people}
    kai = next(r for r in after.relationships if r.person_id == "p-kai")
    assert kai.safety is Safety.SUPERVISED
    assert kai.closeness == 3  # not in the file: kept
    assert len(after.links) == len(before.links)
    changes = [e.detail for e in store.audit_events(YP) if e.action == "change"]
    assert changes == ["csv import people.csv: 1 added, 1 updated, 0 unchanged"]
    followed = coordinator.get(saved.headers["Location"]).get_data(as_text=True)
    assert "people.csv is imported: 1 added, 1 updated" in followed


def test_errors_are_listed_with_row_and_column_and_nothing_is_written(
    coordinator: FlaskClient, store: Store
) -> None:
    before = store.load_network(YP)
    response = upload(
        coordinator,
        "Name,Role,Category,Safety\nNan Oak,Grandparent,Family,Safe\n"
        "Bad,Friend,pal,sometimes\n<script>alert(1)</script>,,Friend,\n",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "govuk-error-summary" in html
    assert "Row 3, column C (Category): &#34;pal&#34; is not one of" in html
    assert "Row 3, column D (Safety): &#34;sometimes&#34; is not one of" in html
    assert "Row 4, column B (Role): must not be empty" in html
    assert "people.csv has 3 problems: nothing was imported" in html
    assert "<script>alert(1)" not in html
    assert store.load_network(YP).to_document() == before.to_document()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a CSV file to upload"),
        ({"file": (io.BytesIO(b"Name"), "people.xlsx")}, "The file must be a CSV file"),
    ],
)
def test_the_upload_must_be_a_csv_file(
    coordinator: FlaskClient, data: dict[str, Any], message: str
) -> None:
    response = coordinator.post(
        f"/young-people/{YP}/spreadsheet", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_network_changed_since_the_preview_is_previewed_again(
    coordinator: FlaskClient, store: Store
) -> None:
    html = upload(coordinator, GOOD).get_data(as_text=True)
    kai = store.get_relationship(YP, "p-kai")
    store.update_relationship(YP, kai.model_copy(update={"notes": "Changed meanwhile."}))
    stale = confirm(coordinator, html)
    assert stale.status_code == 409
    fresh = stale.get_data(as_text=True)
    assert "The network has changed since you checked the file" in fresh
    assert "Nan Oak" not in {p.name for p in store.load_network(YP).people}
    assert confirm(coordinator, fresh).status_code == 302
    network = store.load_network(YP)
    assert "Nan Oak" in {p.name for p in network.people}
    assert next(r for r in network.relationships if r.person_id == "p-kai").notes == (
        "Changed meanwhile."
    )


def test_a_tampered_confirmation_writes_nothing(coordinator: FlaskClient, store: Store) -> None:
    html = upload(coordinator, GOOD).get_data(as_text=True)
    before = store.load_network(YP)
    response = confirm(coordinator, html, contents="not-a-file")
    assert response.status_code == 400
    assert "upload it again" in response.get_data(as_text=True)
    assert store.load_network(YP).to_document() == before.to_document()


def test_a_file_too_large_to_carry_to_the_confirmation_is_refused(
    networks: None, store: Store, add_user: Callable[..., Any]
) -> None:
    app = make_app(store, MAX_FORM_MEMORY_SIZE=150_000)
    try:
        client = app.test_client()
        add_user("big-file-coordinator", "coordinator", (YP,))
        sign_in(client, "big-file-coordinator")
        names = "".join(f"N{secrets.token_urlsafe(40)},Friend,Friend\n" for _ in range(4900))
        response = upload(client, "Name,Role,Category\n" + names)
        assert response.status_code == 400
        assert "too large to check and save in one go" in response.get_data(as_text=True)
    finally:
        close_store(app)


@pytest.mark.parametrize("role", ["facilitator", "coordinator-not-allocated"])
def test_only_editors_allocated_may_upload(
    networks: None, signed_in: Callable[..., FlaskClient], role: str
) -> None:
    if role == "facilitator":
        client, expected = signed_in("facilitator", allocated=(YP,)), 403
    else:
        client, expected = signed_in("coordinator", allocated=(SIBLING,)), 404
    assert client.get(f"/young-people/{YP}/spreadsheet").status_code == expected
    assert upload(client, GOOD).status_code == expected


def test_upload_and_confirm_need_the_csrf_token(
    networks: None, store: Store, add_user: Callable[..., Any]
) -> None:
    app = make_app(store, WTF_CSRF_ENABLED=True)
    try:
        client = app.test_client()
        add_user("csrf-coordinator", "coordinator", (YP,))
        sign_in_with_csrf(client, "csrf-coordinator")
        before = store.load_network(YP)
        assert upload(client, GOOD).status_code == 400  # no token
        token = csrf_token_of(client.get(f"/young-people/{YP}/spreadsheet").get_data(as_text=True))
        preview = upload(client, GOOD, csrf_token=token)
        assert preview.status_code == 200
        html = preview.get_data(as_text=True)
        assert confirm(client, html).status_code == 400  # no token
        assert store.load_network(YP).to_document() == before.to_document()
        assert confirm(client, html, csrf_token=csrf_token_of(html)).status_code == 302
    finally:
        close_store(app)


def test_the_young_persons_page_links_the_spreadsheets(coordinator: FlaskClient) -> None:
    html = coordinator.get(f"/young-people/{YP}").get_data(as_text=True)
    assert f"/young-people/{YP}/spreadsheet" in html
    assert f"/young-people/{YP}/network.csv" in html
