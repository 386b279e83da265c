"""The family-tree import in the web app (upload, pick the young person, preview, confirm) and
the GEDCOM download, with a real Neo4j."""

from __future__ import annotations

import io
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.gedcom import read_tree
from connections.model import Safety
from connections.store import Store
from tests import factories as f
from tests.gedcom_files import EXPECTED, family
from tests.web.conftest import PASSWORD, close_store, make_app, sign_in, text_of
from tests.web.networks import SECRETS, YP, amy_network

IMPORT = f"/young-people/{YP}/family-tree/import"


@pytest.fixture
def upload_dir(tmp_path: Path) -> Path:
    return tmp_path / "uploads"


@pytest.fixture
def app(store: Store, upload_dir: Path) -> Iterator[Flask]:
    app = make_app(store, GEDCOM_UPLOAD_DIR=str(upload_dir))
    yield app
    close_store(app)


@pytest.fixture
def amy(store: Store) -> None:
    store.create_young_person(f.young_person(YP, name="Amy Example", date_of_birth="2012-03-03"))


@pytest.fixture
def coordinator(amy: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("coordinator", allocated=(YP,))


def upload(client: FlaskClient, data: bytes, name: str = "Example family.ged"):
    return client.post(
        IMPORT,
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def uploaded(client: FlaskClient, data: bytes | None = None) -> str:
    """Upload and return the pick page's path."""
    response = upload(client, data or family().bytes())
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def test_upload_pick_preview_confirm(coordinator: FlaskClient, store: Store, upload_dir: Path):
    pick = uploaded(coordinator)
    held = list(upload_dir.glob("*.ged"))
    assert len(held) == 1 and stat.S_IMODE(held[0].stat().st_mode) == 0o600

    page = text_of(coordinator.get(pick).get_data(as_text=True))
    assert "Example family.ged holds 20 people" in page
    assert "Amy Example" in page and "3 March 2012" in page  # searched by the recorded name
    html = coordinator.get(pick + "?q=m%C3%BCller").get_data(as_text=True)
    found = text_of(html.split('id="people-in-file"')[1].split("</table>")[0])
    assert "Zoë Müller" in found and "@YP@" not in found and "4 matches" in found
    assert "No one in the file matches" in coordinator.get(pick + "?q=nobody").get_data(
        as_text=True
    )

    response = coordinator.get(pick + "/preview?person=YP")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text_of(html)
    assert "14 to add, 0 already in the network, 5 left out" in page
    to_add = text_of(html.split('id="to-add"')[1].split("</table>")[0])
    assert "Grandad Müller Grandparent Maternal Yes" in to_add
    assert "Sky Step Step-sibling — No" in to_add
    assert "Ann Müller Aunt or uncle Maternal No" in to_add
    assert "Xavier" not in to_add
    assert "4 people Not a blood relative" in page
    assert "1 person A blood relative further than degree 4" in page
    assert store.load_network(YP).people == []  # nothing written by the preview

    response = coordinator.post(
        pick.replace(IMPORT, IMPORT) + "/confirm", data={"person": "@YP@", "degree": "4"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/young-people/{YP}")
    network = store.load_network(YP)
    assert {p.external_ref for p in network.people} == set(EXPECTED)
    assert not list(upload_dir.glob("*"))  # the held file is gone
    actions = [(e.action, e.detail) for e in store.audit_events(YP)]
    assert ("upload", "family tree Example family.ged: 20 people") in actions
    assert any(a == "change" and "14 added, 0 updated" in d for a, d in actions)
    shown = text_of(coordinator.get(f"/young-people/{YP}").get_data(as_text=True))
    assert "14 people added from the family tree as leads" in shown


def test_a_second_import_matches_people_and_keeps_the_workers_record(
    coordinator: FlaskClient, store: Store
) -> None:
    pick = uploaded(coordinator)
    coordinator.post(pick + "/confirm", data={"person": "@YP@", "degree": "4"})
    mother = store.get_relationship(YP, f"{YP}-M")
    store.update_relationship(YP, mother.model_copy(update={"safety": Safety.SAFE}))
    updated = family().person("B", "Baby /Example/").family("F20", "D", "M", ("B",))
    pick = uploaded(coordinator, updated.bytes())
    page = text_of(coordinator.get(pick + "/preview?person=YP").get_data(as_text=True))
    assert "1 to add, 14 already in the network" in page
    coordinator.post(pick + "/confirm", data={"person": "@YP@", "degree": "4"})
    network = store.load_network(YP)
    assert len(network.people) == 15
    assert store.get_relationship(YP, f"{YP}-M").safety is Safety.SAFE


def test_the_degree_can_be_changed_in_the_preview(coordinator: FlaskClient) -> None:
    pick = uploaded(coordinator)
    page = text_of(coordinator.get(pick + "/preview?person=YP&degree=5").get_data(as_text=True))
    assert "15 to add" in page and "Cal Husband" in page


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            family().text().replace("1 SEX M\n", "1 SEX M\nnot gedcom\n", 1).encode(),
            "t.ged",
            "The file cannot be read: line 18: a line that is not GEDCOM",
        ),
        (b"", "t.ged", "The file cannot be read: the file is empty"),
        (family().bytes(), "tree.json", "The family tree must be a GEDCOM file (.ged)"),
        (b"0 HEAD\n" + b"1 NOTE " + b"x" * (5 * 1024 * 1024), "big.ged", "smaller than 5 MB"),
    ],
)
def test_a_bad_upload_is_refused_naming_the_problem(
    coordinator: FlaskClient, upload_dir: Path, data: bytes, name: str, message: str
) -> None:
    response = upload(coordinator, data, name)
    assert response.status_code == 400
    page = text_of(response.get_data(as_text=True))
    assert "There is a problem" in page and message in page
    assert not upload_dir.exists() or not list(upload_dir.glob("*.ged"))


def test_no_file_is_refused(coordinator: FlaskClient) -> None:
    response = coordinator.post(IMPORT, data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a family tree file (.ged)" in response.get_data(as_text=True)


def test_an_upload_is_only_for_the_user_and_young_person_who_made_it(
    coordinator: FlaskClient, app: Flask, store: Store, add_user
) -> None:
    pick = uploaded(coordinator)
    add_user("other-coordinator", "coordinator", (YP,))
    other = app.test_client()
    sign_in(other, "other-coordinator", PASSWORD)
    response = other.get(pick, follow_redirects=True)
    assert "The uploaded family tree has expired or is not yours" in response.get_data(as_text=True)
    response = other.post(pick + "/confirm", data={"person": "@YP@", "degree": "4"})
    assert response.status_code == 302 and response.headers["Location"].endswith(IMPORT)
    assert store.load_network(YP).people == []
    assert coordinator.get(pick.replace(pick.rsplit("/", 1)[1], "not-a-token")).status_code == 302


def test_who_may_import(amy: None, app: Flask, add_user, store: Store) -> None:
    store.create_young_person(f.young_person("yp-other"))
    add_user("facilitator-1", "facilitator", (YP,))
    add_user("coordinator-2", "coordinator", ("yp-other",))
    facilitator = app.test_client()
    sign_in(facilitator, "facilitator-1")
    assert facilitator.get(IMPORT).status_code == 403
    assert facilitator.post(IMPORT, data={}).status_code == 403
    assert facilitator.get(f"/young-people/{YP}/family-tree.ged").status_code == 200
    other = app.test_client()
    sign_in(other, "coordinator-2")
    assert other.get(IMPORT).status_code == 404
    assert other.get(f"/young-people/{YP}/family-tree.ged").status_code == 404


def test_the_upload_form_is_csrf_protected(amy: None, store: Store, add_user, upload_dir) -> None:
    app = make_app(store, WTF_CSRF_ENABLED=True, GEDCOM_UPLOAD_DIR=str(upload_dir))
    try:
        client = app.test_client()
        add_user("csrf-coordinator", "coordinator", (YP,))
        from tests.web.conftest import sign_in_with_csrf

        sign_in_with_csrf(client, "csrf-coordinator")
        response = upload(client, family().bytes())
        assert response.status_code == 400
        assert not upload_dir.exists() or not list(upload_dir.glob("*.ged"))
    finally:
        close_store(app)


def test_the_links_are_on_the_young_persons_page(coordinator: FlaskClient) -> None:
    html = coordinator.get(f"/young-people/{YP}").get_data(as_text=True)
    assert f'href="{IMPORT}"' in html
    assert f'href="/young-people/{YP}/family-tree.ged"' in html


def test_the_download_is_the_family_only_and_audited(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.save_network(amy_network())
    client = signed_in("coordinator", allocated=(YP,))
    response = client.get(f"/young-people/{YP}/family-tree.ged")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="family-tree-{YP}-2026-11-22.ged"'
    )
    text = response.get_data(as_text=True)
    assert "2 VERS 5.5.1" in text
    for secret in SECRETS.values():
        assert secret not in text, secret
    assert "Jo" not in re.findall(r"1 NAME (.*)", text)  # the social worker
    tree = read_tree(text.encode())
    assert "Rose /Example/" in text
    family_names = {p.name for p in amy_network().people if p.category.value == "family"}
    assert {p.name for p in tree.people.values()} - {"Name withheld"} <= family_names | {
        "Amy Example"
    }
    assert ("export", "family-tree.ged") in [(e.action, e.detail) for e in store.audit_events(YP)]


def test_a_held_upload_expires_and_is_swept(
    coordinator: FlaskClient, app: Flask, upload_dir: Path
) -> None:
    import os
    import time

    from webapp.gedcom import holding

    pick = uploaded(coordinator)
    token = pick.rsplit("/", 1)[1]
    old = time.time() - (holding.HOLD_MINUTES + 1) * 60
    for path in upload_dir.glob(f"{token}.*"):
        os.utime(path, (old, old))
    response = coordinator.get(pick, follow_redirects=True)
    assert "The uploaded family tree has expired" in response.get_data(as_text=True)
    assert not list(upload_dir.glob(f"{token}.*"))
    with app.app_context():
        kept = holding.hold(b"0 HEAD\n0 TRLR\n", "t.ged", "someone", YP)
        stale = holding.hold(b"0 HEAD\n0 TRLR\n", "t.ged", "someone", YP)
        for path in upload_dir.glob(f"{stale}.*"):
            os.utime(path, (old, old))
        holding.sweep()
        assert holding.fetch(kept, "someone", YP) is not None
        assert holding.fetch(kept, "someone-else", YP) is None
        assert holding.fetch(kept, "someone", "yp-other") is None
        assert not list(upload_dir.glob(f"{stale}.*"))
        assert holding.fetch("../../etc/passwd", "someone", YP) is None


def test_a_siblings_import_shares_the_people_of_the_same_tree(
    amy: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    """Sam's network came from the file first; Amy's import, told so, shares his people."""
    store.create_young_person(f.young_person("sam", name="Sam Example", date_of_birth="2014-05-06"))
    client = signed_in("coordinator", allocated=(YP, "sam"))
    amy_pick = uploaded(client)
    sam_pick = client.post(
        "/young-people/sam/family-tree/import",
        data={"file": (io.BytesIO(family().bytes()), "Example family.ged")},
        content_type="multipart/form-data",
    ).headers["Location"]
    client.post(sam_pick + "/confirm", data={"person": "@S@", "degree": "4"})
    gran = next(p for p in store.load_network("sam").people if p.external_ref == "@MGM@")

    preview = client.get(amy_pick + "/preview?person=YP&family_of=sam").get_data(as_text=True)
    assert '<option value="sam" selected>Sam Example</option>' in preview
    to_add = text_of(preview.split('id="to-add"')[1].split("</table>")[0])
    assert "Gran Müller Same person as in the sibling's network" in to_add
    assert 'name="family_of" type="hidden" value="sam"' in preview

    client.post(amy_pick + "/confirm", data={"person": "@YP@", "degree": "4", "family_of": "sam"})
    amy_people = {p.external_ref: p.id for p in store.load_network(YP).people}
    assert amy_people["@MGM@"] == gran.id and store.network_count(gran.id) == 2
    assert any("people shared with sam" in e.detail for e in store.audit_events(YP))


def test_a_sibling_the_worker_may_not_open_shares_nothing(
    coordinator: FlaskClient, store: Store
) -> None:
    store.create_young_person(f.young_person("zed", name="Zed Other", date_of_birth="2013-01-01"))
    pick = uploaded(coordinator)
    preview = coordinator.get(pick + "/preview?person=YP&family_of=zed").get_data(as_text=True)
    assert "zed" not in preview and "Same person as" not in preview
    coordinator.post(pick + "/confirm", data={"person": "@YP@", "degree": "4", "family_of": "zed"})
    assert len(store.load_network(YP).people) == len(EXPECTED)
