"""Accounts against a real Neo4j: users, password hashes, allocations, the audit trail, the
demo logins and the ``connections user`` commands."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner

from connections import accounts
from connections.accounts import User, UserRole
from connections.cli import main
from connections.model import InvalidInput
from connections.store import AlreadyExists, NotFound, Settings, Store
from tests import factories


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    accounts.set_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    accounts.set_hasher(None)


def sam(**changes: object) -> User:
    values = {"username": "sam.jones", "display_name": "Sam Jones", "role": "coordinator"}
    return accounts.parse_user({**values, **changes})


def with_young_people(store: Store, *ids: str) -> None:
    store.save_networks([factories.network(yp_id) for yp_id in ids])


# --- users ---------------------------------------------------------------------------------------


def test_create_and_get_user(store: Store) -> None:
    created = store.create_user(sam(), accounts.hash_password("a long password"))
    assert created == sam()
    assert store.get_user("sam.jones") == created
    assert store.list_users() == [(created, 0)]


def test_username_is_unique(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password("a long password"))
    with pytest.raises(AlreadyExists, match="already a user called 'sam.jones'"):
        store.create_user(sam(display_name="Another Sam"), accounts.hash_password("x" * 12))


def test_unknown_user(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_user("nobody")
    assert store.password_hash("nobody") is None


def test_passwords_are_stored_as_argon2_hashes_never_in_clear(store: Store) -> None:
    password = "correct horse battery staple"
    store.create_user(sam(), accounts.hash_password(password))
    stored = store.password_hash("sam.jones")
    assert stored is not None and stored.startswith("$argon2id$")
    assert accounts.verify_password(stored, password)
    assert not accounts.verify_password(stored, "wrong password!")
    # Nothing in the database holds the password itself.
    records = store.driver.execute_query("MATCH (u:User) RETURN properties(u) AS props")[0]
    assert password not in repr([record["props"] for record in records])


def test_needs_rehash_when_parameters_change(store: Store) -> None:
    old = accounts.hash_password("a long password")
    assert not accounts.needs_rehash(old)
    accounts.set_hasher(PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1))
    assert accounts.needs_rehash(old)
    assert accounts.verify_password(old, "a long password")
    assert accounts.needs_rehash("not a hash")


def test_verify_without_a_hash_is_false() -> None:
    assert not accounts.verify_password(None, "anything")
    assert not accounts.verify_password("", "anything")
    assert not accounts.verify_password("garbage", "anything")


def test_deactivated_user_has_no_password_hash(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password("a long password"))
    store.update_user(sam(active=False))
    assert store.get_user("sam.jones").active is False
    assert store.password_hash("sam.jones") is None


def test_update_user_role_and_name(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password("a long password"))
    updated = store.update_user(sam(role="manager", display_name="Samantha Jones"))
    assert updated.role is UserRole.MANAGER
    assert store.get_user("sam.jones").display_name == "Samantha Jones"
    with pytest.raises(NotFound):
        store.update_user(sam(username="someone.else"))


def test_count_active_admins(store: Store) -> None:
    store.create_user(sam(role="admin"), accounts.hash_password("a long password"))
    store.create_user(
        sam(username="ann", role="admin", active=False), accounts.hash_password("x" * 12)
    )
    store.create_user(sam(username="bob", role="manager"), accounts.hash_password("x" * 12))
    assert store.count_active_admins() == 1


def test_api_token_only_its_hash_is_stored(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password("a long password"))
    token = accounts.new_api_token()
    store.set_api_token_hash("sam.jones", accounts.token_hash(token))
    assert store.user_for_api_token_hash(accounts.token_hash(token)) == sam()
    assert store.user_for_api_token_hash(accounts.token_hash("other")) is None
    records = store.driver.execute_query("MATCH (u:User) RETURN properties(u) AS props")[0]
    assert token not in repr([record["props"] for record in records])
    store.set_api_token_hash("sam.jones", None)
    assert store.user_for_api_token_hash(accounts.token_hash(token)) is None


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"username": "a b"}, "username", "Username must be 2 to 64 characters"),
        ({"username": "x"}, "username", "Username must be 2 to 64 characters"),
        ({"username": "<script>"}, "username", "Username must be 2 to 64 characters"),
        ({"username": "a" * 65}, "username", "Username must be 2 to 64 characters"),
        ({"display_name": ""}, "display_name", "Enter the person's full name"),
        ({"role": "boss"}, "role", "Choose a role: coordinator, facilitator, manager, admin"),
    ],
)
def test_user_validation_names_the_field(data: dict[str, str], path: str, message: str) -> None:
    values = {"username": "sam", "display_name": "Sam", "role": "admin", **data}
    with pytest.raises(InvalidInput) as raised:
        accounts.parse_user(values)
    assert [error.path for error in raised.value.errors] == [path]
    assert raised.value.errors[0].message.startswith(message)


def test_usernames_are_lower_cased() -> None:
    assert sam(username="  Sam.JONES ").username == "sam.jones"


def test_password_rules() -> None:
    assert accounts.check_password("a long password", "a long password") == []
    assert [e.path for e in accounts.check_password("short")] == ["password"]
    assert [e.path for e in accounts.check_password("x" * 300)] == ["password"]
    problems = accounts.check_password("a long password", "a different one")
    assert [(e.path, e.message) for e in problems] == [
        ("confirm_password", "The passwords do not match")
    ]


# --- allocations ----------------------------------------------------------------------------------


def test_allocate_and_unallocate(store: Store) -> None:
    with_young_people(store, "yp-1", "yp-2", "yp-3")
    store.create_user(sam(), accounts.hash_password("a long password"))
    store.allocate("sam.jones", ["yp-2", "yp-1", "yp-2"])
    store.allocate("sam.jones", ["yp-1"])  # again: no duplicate
    assert store.allocated_ids("sam.jones") == ["yp-1", "yp-2"]
    assert store.is_allocated("sam.jones", "yp-1")
    assert not store.is_allocated("sam.jones", "yp-3")
    assert store.list_users() == [(sam(), 2)]
    assert [yp.id for yp in store.allocated_young_people("sam.jones")] == ["yp-1", "yp-2"]
    assert store.unallocate("sam.jones", ["yp-1", "yp-3"]) == 1
    assert store.allocated_ids("sam.jones") == ["yp-2"]


def test_allocate_is_all_or_nothing(store: Store) -> None:
    with_young_people(store, "yp-1")
    store.create_user(sam(), accounts.hash_password("a long password"))
    with pytest.raises(NotFound, match="'yp-404'"):
        store.allocate("sam.jones", ["yp-1", "yp-404"])
    assert store.allocated_ids("sam.jones") == []
    with pytest.raises(NotFound, match="No user"):
        store.allocate("nobody", ["yp-1"])


def test_find_young_people_by_name_or_id(store: Store) -> None:
    with_young_people(store, "yp-1", "yp-2")
    assert [yp.id for yp in store.find_young_people("AMY ex")] == ["yp-1", "yp-2"]
    assert [yp.id for yp in store.find_young_people("yp-2")] == ["yp-2"]
    assert store.find_young_people("nobody") == []


# --- the audit trail ----------------------------------------------------------------------------


def test_audit_events_newest_first(store: Store) -> None:
    store.record_audit("sam.jones", "view", "yp-1", "young_people.show")
    store.record_audit("ann", "change", "yp-1", "relationship p-1")
    store.record_audit("ann", "view", "yp-2")
    events = store.audit_events("yp-1")
    assert [(e.username, e.action, e.detail) for e in events] == [
        ("ann", "change", "relationship p-1"),
        ("sam.jones", "view", "young_people.show"),
    ]
    assert events[0].at >= events[1].at
    assert events[0].at.tzinfo is not None
    assert len(store.audit_events("yp-1", limit=1)) == 1


def test_audit_detail_is_kept_short(store: Store) -> None:
    store.record_audit("sam", "view", "yp-1", "x" * 5000)
    assert len(store.audit_events("yp-1")[0].detail) == 500


# --- the demo's logins ---------------------------------------------------------------------------


def test_ensure_demo_users_is_idempotent(store: Store) -> None:
    ids = [f"yp-{n}" for n in range(12)]
    with_young_people(store, *ids)
    logins = accounts.ensure_demo_users(store, ids)
    again = accounts.ensure_demo_users(store, ids)
    assert logins == again
    assert {role for _, _, role in logins} == {"coordinator", "facilitator", "manager", "admin"}
    for username, password, role in logins:
        assert store.get_user(username).role.value == role
        assert accounts.verify_password(store.password_hash(username), password)
    users = {u.username: n for u, n in store.list_users()}
    assert users["demo-coordinator"] == 10
    assert users["demo-facilitator"] == 3
    assert users["demo-manager"] == users["demo-admin"] == 0


# --- the command line ----------------------------------------------------------------------------


def test_cli_user_add_and_allocate(store: Store, neo4j_settings: Settings) -> None:
    with_young_people(store, "yp-1", "yp-2")
    runner = CliRunner()
    env = {"NEO4J_URI": neo4j_settings.uri}
    result = runner.invoke(
        main,
        ["user", "add", "Admin.One", "--role", "admin", "--name", "Ada Admin", "--password-stdin"],
        input="a long enough password\n",
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert "Added admin.one" in result.output
    assert store.get_user("admin.one").role is UserRole.ADMIN
    assert accounts.verify_password(store.password_hash("admin.one"), "a long enough password")

    result = runner.invoke(main, ["user", "allocate", "admin.one", "yp-1", "yp-2"], env=env)
    assert result.exit_code == 0, result.output
    assert store.allocated_ids("admin.one") == ["yp-1", "yp-2"]

    result = runner.invoke(main, ["user", "list"], env=env)
    assert "admin.one\tadmin\tactive\t2\tAda Admin" in result.output


def test_cli_user_add_prompts_twice(store: Store, neo4j_settings: Settings) -> None:
    result = CliRunner().invoke(
        main,
        ["user", "add", "sam", "--role", "coordinator", "--name", "Sam"],
        input="a long enough password\na long enough password\n",
        env={"NEO4J_URI": neo4j_settings.uri},
    )
    assert result.exit_code == 0, result.output
    assert store.get_user("sam").display_name == "Sam"


def test_cli_errors_are_one_clear_line(store: Store, neo4j_settings: Settings) -> None:
    runner = CliRunner()
    env = {"NEO4J_URI": neo4j_settings.uri}
    result = runner.invoke(
        main,
        ["user", "add", "bad name", "--role", "admin", "--name", "X", "--password-stdin"],
        input="a long enough password\n",
        env=env,
    )
    assert result.exit_code == 1
    assert "username: Username must be" in result.output
    result = runner.invoke(
        main,
        ["user", "add", "sam", "--role", "admin", "--name", "X", "--password-stdin"],
        input="short\n",
        env=env,
    )
    assert result.exit_code == 1
    assert "password: Password must be 12 characters or more" in result.output
    result = runner.invoke(main, ["user", "allocate", "nobody", "yp-1"], env=env)
    assert result.exit_code == 1
    assert "No user called 'nobody'" in result.output
