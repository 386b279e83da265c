"""User administration: admins only; add users, change roles, deactivate, reset passwords,
allocate."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from connections import accounts
from connections.accounts import User, UserRole
from connections.store import Store
from tests import factories
from tests.web.conftest import PASSWORD, sign_in, text_of

ADMIN_PAGES = [
    ("get", "/admin/users"),
    ("get", "/admin/users/new"),
    ("post", "/admin/users/new"),
    ("get", "/admin/users/test-admin"),
    ("post", "/admin/users/test-admin/role"),
    ("post", "/admin/users/test-admin/active"),
    ("post", "/admin/users/test-admin/password"),
    ("post", "/admin/users/test-admin/allocations"),
    ("post", "/admin/users/test-admin/allocations/yp-1/remove"),
    ("get", "/admin/young-people/yp-1/audit"),
]


@pytest.mark.parametrize("role", ["coordinator", "facilitator", "manager"])
def test_admin_pages_are_admin_only(
    store: Store, signed_in: Callable[..., FlaskClient], add_user: Callable[..., User], role: str
) -> None:
    store.save_network(factories.network("yp-1"))
    add_user("test-admin", "admin")
    client = signed_in(role, allocated=("yp-1",))
    for method, path in ADMIN_PAGES:
        assert getattr(client, method)(path).status_code == 403, path
    assert store.get_user("test-admin").role is UserRole.ADMIN  # nothing changed


def test_admin_navigation_only_for_admins(signed_in: Callable[..., FlaskClient]) -> None:
    assert 'href="/admin/users"' not in signed_in("manager").get("/").get_data(as_text=True)


def test_admin_lists_users(
    signed_in: Callable[..., FlaskClient], add_user: Callable[..., User]
) -> None:
    add_user("sam.jones", "coordinator", display_name="Sam Jones")
    text = text_of(signed_in("admin").get("/admin/users").get_data(as_text=True))
    assert "2 users" in text
    assert "sam.jones Sam Jones Lifelong Connections coordinator Active 0" in text


def test_admin_adds_a_user_with_an_argon2_hash(
    signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("admin")
    response = client.post(
        "/admin/users/new",
        data={
            "username": "New.Worker",
            "display_name": "New Worker",
            "role": "facilitator",
            "password": "a long enough password",
            "confirm_password": "a long enough password",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/users/new.worker"
    assert store.get_user("new.worker").role is UserRole.FACILITATOR
    stored = store.password_hash("new.worker")
    assert stored is not None and stored.startswith("$argon2id$")
    assert "a long enough password" not in stored
    client.post("/sign-out")
    sign_in(client, "new.worker", "a long enough password")


def test_add_user_errors_name_each_field(
    signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("admin")
    response = client.post(
        "/admin/users/new",
        data={
            "username": "bad name!",
            "display_name": "X",
            "role": "admin",
            "password": "short",
            "confirm_password": "different",
        },
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Error: Add a user" in html
    assert 'href="#username"' in html and 'href="#password"' in html
    assert 'href="#confirm_password"' in html
    text = text_of(html)
    assert "Username must be 2 to 64 characters" in text
    assert "Password must be 12 characters or more" in text
    assert "The passwords do not match" in text
    assert [u.username for u, _ in store.list_users()] == ["test-admin"]

    response = client.post("/admin/users/new", data={})
    text = text_of(response.get_data(as_text=True))
    for message in (
        "Enter a username",
        "Enter the person's full name",
        "Choose a role",
        "Enter a password",
    ):
        assert message in text

    response = client.post(
        "/admin/users/new",
        data={
            "username": "test-admin",
            "display_name": "Again",
            "role": "admin",
            "password": "a long enough password",
            "confirm_password": "a long enough password",
        },
    )
    assert "That username is already taken" in response.get_data(as_text=True)


def test_admin_changes_a_role(
    signed_in: Callable[..., FlaskClient], add_user: Callable[..., User], store: Store
) -> None:
    add_user("sam.jones", "coordinator")
    client = signed_in("admin")
    response = client.post("/admin/users/sam.jones/role", data={"role": "manager"})
    assert response.status_code == 302
    assert store.get_user("sam.jones").role is UserRole.MANAGER
    response = client.post("/admin/users/sam.jones/role", data={"role": "overlord"})
    assert response.status_code == 400
    assert store.get_user("sam.jones").role is UserRole.MANAGER


def test_the_last_admin_stays(signed_in: Callable[..., FlaskClient], store: Store) -> None:
    client = signed_in("admin")
    response = client.post("/admin/users/test-admin/role", data={"role": "manager"})
    assert response.status_code == 400
    assert "There must be at least one active administrator" in response.get_data(as_text=True)
    client.post("/admin/users/test-admin/active", data={"active": "0"})
    assert store.get_user("test-admin").active is True


def test_admin_deactivates_and_reactivates(
    signed_in: Callable[..., FlaskClient],
    add_user: Callable[..., User],
    store: Store,
    client: FlaskClient,
) -> None:
    add_user("sam.jones", "coordinator")
    admin = signed_in("admin")
    assert admin.post("/admin/users/sam.jones/active", data={"active": "0"}).status_code == 302
    assert store.get_user("sam.jones").active is False
    assert store.password_hash("sam.jones") is None
    admin.post("/admin/users/sam.jones/active", data={"active": "1"})
    assert store.get_user("sam.jones").active is True


def test_admin_allocates_and_unallocates(
    signed_in: Callable[..., FlaskClient], add_user: Callable[..., User], store: Store
) -> None:
    store.save_networks([factories.network("yp-1"), factories.network("yp-2")])
    add_user("sam.jones", "coordinator")
    client = signed_in("admin")
    html = client.get("/admin/users/sam.jones?find=amy").get_data(as_text=True)
    assert "Young people matching “amy”" in text_of(html)
    assert (
        client.post(
            "/admin/users/sam.jones/allocations", data={"young_person_id": "yp-2"}
        ).status_code
        == 302
    )
    assert store.allocated_ids("sam.jones") == ["yp-2"]
    response = client.post("/admin/users/sam.jones/allocations", data={"young_person_id": "yp-404"})
    assert response.status_code == 400
    assert "There is no young person with that id" in response.get_data(as_text=True)
    client.post("/admin/users/sam.jones/allocations/yp-2/remove")
    assert store.allocated_ids("sam.jones") == []


def test_admin_sees_the_audit_trail(
    signed_in: Callable[..., FlaskClient],
    add_user: Callable[..., User],
    store: Store,
    client: FlaskClient,
) -> None:
    store.save_network(factories.network("yp-1"))
    add_user("sam.jones", "coordinator", allocated=("yp-1",))
    sign_in(client, "sam.jones")
    client.get("/young-people/yp-1")
    client.post("/sign-out")
    admin = signed_in("admin")
    text = text_of(admin.get("/admin/young-people/yp-1/audit").get_data(as_text=True))
    assert "sam.jones View young_people.show" in text
    assert admin.get("/admin/young-people/yp-404/audit").status_code == 404


def test_unknown_user_page_is_404(signed_in: Callable[..., FlaskClient]) -> None:
    assert signed_in("admin").get("/admin/users/nobody").status_code == 404


def test_demo_users_can_sign_in(store: Store, client: FlaskClient) -> None:
    store.save_networks([factories.network(f"yp-{n}") for n in range(4)])
    for username, password, role in accounts.ensure_demo_users(store, ["yp-0", "yp-1"]):
        sign_in(client, username, password)
        home = client.get("/", follow_redirects=True)
        assert home.status_code == 200
        # Managers and admins (no caseload of their own) land on the whole cohort.
        expected = "/cohort" if role in ("manager", "admin") else "/"
        assert home.request.path == expected, username
        client.post("/sign-out")
    assert PASSWORD  # the shared test password is not a demo password


def test_only_admins_get_the_audit_link(
    store: Store, signed_in: Callable[..., FlaskClient], client: FlaskClient
) -> None:
    store.save_network(factories.network("yp-1"))
    link = 'href="/admin/young-people/yp-1/audit"'
    assert link not in signed_in("manager").get("/young-people/yp-1").get_data(as_text=True)
    client.post("/sign-out")
    assert link in signed_in("admin").get("/young-people/yp-1").get_data(as_text=True)


# --- password resets -----------------------------------------------------------------------------


def reset(admin: FlaskClient, username: str) -> str:
    """Reset a password as an admin; the temporary password from the page."""
    response = admin.post(f"/admin/users/{username}/password")
    assert response.status_code == 200, response.status_code
    found = re.search(r'id="temporary-password">([^<]+)<', response.get_data(as_text=True))
    assert found is not None
    return found.group(1)


def test_admin_resets_a_password_shown_once(
    signed_in: Callable[..., FlaskClient], add_user: Callable[..., User], store: Store
) -> None:
    add_user("sam.jones", "coordinator", display_name="Sam Jones")
    admin = signed_in("admin")
    page = admin.get("/admin/users/sam.jones").get_data(as_text=True)
    assert "Reset password for Sam Jones" in page
    assert "Must change password No" in text_of(page)

    response = admin.post("/admin/users/sam.jones/password")
    html = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    text = text_of(html)
    assert "Password reset for Sam Jones" in text
    assert "This is the only time the temporary password is shown" in text
    temporary = reset(admin, "sam.jones")  # a second reset: a new password
    assert temporary not in html
    assert len(temporary) == 19 and accounts.check_password(temporary) == []

    # Stored only as a hash, never shown again, and the user must change it.
    stored = store.password_hash("sam.jones")
    assert stored is not None and temporary not in stored
    assert accounts.verify_password(stored, temporary)
    assert not accounts.verify_password(stored, PASSWORD)
    assert store.get_user("sam.jones").must_change_password is True
    page = admin.get("/admin/users/sam.jones").get_data(as_text=True)
    assert temporary not in page
    assert "Must change password Yes" in text_of(page)
    with admin.session_transaction() as session:
        assert temporary not in repr(dict(session))


def test_after_a_reset_the_user_must_change_their_password(
    signed_in: Callable[..., FlaskClient],
    add_user: Callable[..., User],
    store: Store,
    client: FlaskClient,
) -> None:
    store.save_network(factories.network("yp-1"))
    add_user("sam.jones", "coordinator", allocated=("yp-1",))
    temporary = reset(signed_in("admin", username="the-admin"), "sam.jones")
    worker = client.application.test_client()  # another browser: the admin's is `client`

    # The old password no longer works; the temporary one leads to the change-password page.
    response = worker.post("/sign-in", data={"username": "sam.jones", "password": PASSWORD})
    assert "Enter a correct username and password" in response.get_data(as_text=True)
    response = worker.post("/sign-in", data={"username": "sam.jones", "password": temporary})
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/password"

    # Every other page leads there too, until they choose a new password.
    for path in ("/", "/young-people/yp-1", "/cohort", "/admin/users", "/nowhere-at-all"):
        response = worker.get(path)
        if path == "/nowhere-at-all":
            assert response.status_code == 404
            continue
        assert response.status_code == 302, path
        assert response.headers["Location"] == "/account/password", path
    assert worker.get("/healthz").status_code == 200
    page = worker.get("/account/password").get_data(as_text=True)
    assert "Your administrator has reset your password" in page

    # Wrong temporary password, then the right one.
    new = "my own long password"
    response = worker.post(
        "/account/password",
        data={"current_password": "not it at all", "password": new, "confirm_password": new},
    )
    assert "Your current password is not correct" in response.get_data(as_text=True)
    assert worker.get("/").status_code == 302
    response = worker.post(
        "/account/password",
        data={"current_password": temporary, "password": new, "confirm_password": new},
    )
    assert response.status_code == 302
    assert worker.get("/").status_code == 200
    assert worker.get("/young-people/yp-1").status_code == 200
    assert store.get_user("sam.jones").must_change_password is False
    worker.post("/sign-out")
    sign_in(worker, "sam.jones", new)


def test_a_reset_lifts_a_lockout(
    signed_in: Callable[..., FlaskClient],
    add_user: Callable[..., User],
    client: FlaskClient,
) -> None:
    add_user("sam.jones", "coordinator")
    worker = client.application.test_client()
    for _ in range(5):
        worker.post("/sign-in", data={"username": "sam.jones", "password": "wrong password"})
    response = worker.post("/sign-in", data={"username": "sam.jones", "password": PASSWORD})
    assert "too many attempts" in response.get_data(as_text=True)
    temporary = reset(signed_in("admin", username="the-admin"), "sam.jones")
    sign_in(worker, "sam.jones", temporary)


def test_an_admin_cannot_reset_their_own_password_here(
    signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    admin = signed_in("admin")
    assert "Reset password for" not in admin.get("/admin/users/test-admin").get_data(as_text=True)
    response = admin.post("/admin/users/test-admin/password")
    assert response.status_code == 302
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "To change your own password, use “Change your password”" in page
    assert accounts.verify_password(store.password_hash("test-admin"), PASSWORD)
    assert store.get_user("test-admin").must_change_password is False
    assert admin.post("/admin/users/nobody/password").status_code == 404


def test_an_api_token_still_works_after_a_reset(
    signed_in: Callable[..., FlaskClient],
    add_user: Callable[..., User],
    store: Store,
    client: FlaskClient,
) -> None:
    add_user("sam.jones", "manager")
    token = accounts.new_api_token()
    store.set_api_token_hash("sam.jones", accounts.token_hash(token))
    temporary = reset(signed_in("admin", username="the-admin"), "sam.jones")
    worker = client.application.test_client()
    response = worker.get("/api/v1/cohort", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    # A browser session of the user is still sent to change the password first.
    sign_in(worker, "sam.jones", temporary)
    response = worker.get("/api/v1/cohort")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/password"
