"""Accounts against a real Neo4j: users, password hashes, the sign-in lockout, password changes
and resets, allocations, the audit trail, the demo logins and the ``connections user`` commands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

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


PASSWORD = "a long password"
T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
POLICY = accounts.LockoutPolicy(
    max_failures=5, window=timedelta(minutes=15), lock=timedelta(minutes=15)
)


def sign_in(store: Store, username: str, password: str, at: datetime) -> accounts.SignInResult:
    return accounts.authenticate(store, username, password, policy=POLICY, now=at)


def throttles(store: Store) -> list[dict[str, object]]:
    records = store.driver.execute_query(
        "MATCH (t:SignInThrottle) RETURN properties(t) AS props ORDER BY t.username",
        database_=store.database,
    )[0]
    return [record["props"] for record in records]


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
    store.record_audit("sam", "view", "yp-1", "x" * 50_000)
    assert len(store.audit_events("yp-1")[0].detail) == 6000


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


# --- signing in: the lockout ---------------------------------------------------------------------


def test_authenticate_right_and_wrong_passwords(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    assert sign_in(store, " Sam.Jones ", PASSWORD, T0) == accounts.SignInResult(user=sam())
    assert sign_in(store, "sam.jones", "wrong password", T0) == accounts.SignInResult()
    store.update_user(sam(active=False))
    assert sign_in(store, "sam.jones", PASSWORD, T0) == accounts.SignInResult()


def test_lockout_after_too_many_wrong_passwords(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    for minute in range(4):
        result = sign_in(store, "sam.jones", "wrong password", T0 + timedelta(minutes=minute))
        assert result == accounts.SignInResult(), minute
    fifth = T0 + timedelta(minutes=4)
    locked = sign_in(store, "sam.jones", "wrong password", fifth)
    assert locked.user is None
    assert locked.locked_until == fifth + timedelta(minutes=15)
    # While locked, even the right password is refused (and not checked).
    for at in (fifth, fifth + timedelta(minutes=14, seconds=59)):
        assert sign_in(store, "sam.jones", PASSWORD, at) == accounts.SignInResult(
            locked_until=fifth + timedelta(minutes=15)
        )
    assert store.sign_in_locked_until("sam.jones", fifth) == fifth + timedelta(minutes=15)
    # The lock ends by itself; the right password then signs in and clears the count.
    after = fifth + timedelta(minutes=15)
    assert store.sign_in_locked_until("sam.jones", after) is None
    assert sign_in(store, "sam.jones", PASSWORD, after).user == sam()
    assert throttles(store) == []


def test_an_unknown_username_is_locked_out_the_same_way(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    for username in ("sam.jones", "nobody"):
        results = [
            sign_in(store, username, "wrong password", T0 + timedelta(seconds=n)) for n in range(6)
        ]
        assert [r.user for r in results] == [None] * 6
        assert [r.locked_until for r in results] == [None] * 4 + [
            T0 + timedelta(seconds=4, minutes=15),
            T0 + timedelta(seconds=4, minutes=15),
        ], username
    # No user was made for the unknown name.
    assert [u.username for u, _ in store.list_users()] == ["sam.jones"]


def test_failures_outside_the_window_start_afresh(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    for minute in (0, 1, 2, 3):
        sign_in(store, "sam.jones", "wrong", T0 + timedelta(minutes=minute))
    # The first failure was more than 15 minutes ago: this one starts a new count.
    result = sign_in(store, "sam.jones", "wrong", T0 + timedelta(minutes=15, seconds=1))
    assert result.locked_until is None
    assert throttles(store)[0]["failures"] == 1


def test_a_right_password_resets_the_count(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    for _ in range(4):
        sign_in(store, "sam.jones", "wrong", T0)
    assert sign_in(store, "sam.jones", PASSWORD, T0).user == sam()
    for _ in range(4):
        assert sign_in(store, "sam.jones", "wrong", T0).locked_until is None
    assert sign_in(store, "sam.jones", "wrong", T0).locked_until is not None


def test_the_lockout_is_per_username(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    store.create_user(sam(username="ann"), accounts.hash_password(PASSWORD))
    for _ in range(5):
        sign_in(store, "ann", "wrong", T0)
    assert sign_in(store, "ann", PASSWORD, T0).user is None
    assert sign_in(store, "sam.jones", PASSWORD, T0).user == sam()


def test_expired_throttles_are_removed(store: Store) -> None:
    for name in ("typo-one", "typo-two"):
        sign_in(store, name, "wrong", T0)
    assert [t["username"] for t in throttles(store)] == ["typo-one", "typo-two"]
    sign_in(store, "someone", "wrong", T0 + timedelta(minutes=16))
    assert [t["username"] for t in throttles(store)] == ["someone"]


def test_lockout_message_is_the_same_for_anyone() -> None:
    message = accounts.lockout_message(T0 + timedelta(minutes=15), T0)
    assert "Try again in 15 minutes" in message
    assert "sam" not in message
    assert "Try again in 1 minute." in accounts.lockout_message(T0 + timedelta(seconds=5), T0)


# --- changing and resetting passwords ------------------------------------------------------------


def test_must_change_password_is_kept_with_the_user(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    assert store.get_user("sam.jones").must_change_password is False
    store.set_password("sam.jones", accounts.hash_password("temporary password"), must_change=True)
    assert store.get_user("sam.jones").must_change_password is True
    assert accounts.verify_password(store.password_hash("sam.jones"), "temporary password")
    # A change of role keeps it; the list shows it.
    store.update_user(store.get_user("sam.jones").model_copy(update={"role": UserRole.MANAGER}))
    assert store.get_user("sam.jones").must_change_password is True
    assert store.list_users()[0][0].must_change_password is True
    with pytest.raises(NotFound):
        store.set_password("nobody", accounts.hash_password(PASSWORD), must_change=True)


def test_setting_a_password_lifts_the_lockout(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    for _ in range(5):
        sign_in(store, "sam.jones", "wrong", T0)
    assert store.sign_in_locked_until("sam.jones", T0) is not None
    store.set_password("sam.jones", accounts.hash_password("a new long password"), must_change=True)
    assert store.sign_in_locked_until("sam.jones", T0) is None
    assert sign_in(store, "sam.jones", "a new long password", T0).user == sam(
        must_change_password=True
    )


def change(store: Store, current: str, new: str, confirm: str | None = None) -> list[str]:
    problems = accounts.change_password(
        store, "sam.jones", current, new, new if confirm is None else confirm, policy=POLICY, now=T0
    )
    return [f"{p.path}: {p.message}" for p in problems]


def test_change_password(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    store.set_password("sam.jones", accounts.hash_password(PASSWORD), must_change=True)
    assert change(store, "wrong password", "a new long password") == [
        "current_password: Your current password is not correct"
    ]
    assert change(store, PASSWORD, "a new long password", "a different one") == [
        "confirm_password: The passwords do not match"
    ]
    assert change(store, PASSWORD, "short") == ["password: Password must be 12 characters or more"]
    assert change(store, PASSWORD, PASSWORD) == [
        "password: Your new password must be different from your current password"
    ]
    assert accounts.verify_password(store.password_hash("sam.jones"), PASSWORD)
    assert change(store, PASSWORD, "a new long password") == []
    assert accounts.verify_password(store.password_hash("sam.jones"), "a new long password")
    assert store.get_user("sam.jones").must_change_password is False


def test_wrong_current_passwords_count_towards_the_lockout(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    for _ in range(4):
        change(store, "wrong password", "a new long password")
    problems = change(store, "wrong password", "a new long password")
    assert len(problems) == 1 and problems[0].startswith("current_password: There have been too")
    # Locked: even the right current password is not accepted now.
    problems = change(store, PASSWORD, "a new long password")
    assert problems[0].startswith("current_password: There have been too many attempts")
    assert accounts.verify_password(store.password_hash("sam.jones"), PASSWORD)


# --- the command line: passwords -----------------------------------------------------------------


def test_cli_user_password_sets_it_and_lifts_the_lockout(
    store: Store, neo4j_settings: Settings
) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    store.set_password("sam.jones", accounts.hash_password(PASSWORD), must_change=True)
    for _ in range(5):
        sign_in(store, "sam.jones", "wrong", datetime.now(UTC))
    assert store.sign_in_locked_until("sam.jones", datetime.now(UTC)) is not None
    runner = CliRunner()
    env = {"NEO4J_URI": neo4j_settings.uri}
    result = runner.invoke(
        main,
        ["user", "password", "Sam.Jones", "--password-stdin"],
        input="another long password\n",
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert "Set the password of sam.jones" in result.output
    assert accounts.verify_password(store.password_hash("sam.jones"), "another long password")
    assert store.sign_in_locked_until("sam.jones", datetime.now(UTC)) is None
    assert store.get_user("sam.jones").must_change_password is False

    # Asked for twice without --password-stdin.
    result = runner.invoke(
        main,
        ["user", "password", "sam.jones"],
        input="a third long password\na third long password\n",
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert accounts.verify_password(store.password_hash("sam.jones"), "a third long password")


def test_cli_user_password_errors(store: Store, neo4j_settings: Settings) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    runner = CliRunner()
    env = {"NEO4J_URI": neo4j_settings.uri}
    result = runner.invoke(
        main, ["user", "password", "sam.jones", "--password-stdin"], input="short\n", env=env
    )
    assert result.exit_code == 1
    assert "password: Password must be 12 characters or more" in result.output
    result = runner.invoke(
        main,
        ["user", "password", "nobody", "--password-stdin"],
        input="a long enough password\n",
        env=env,
    )
    assert result.exit_code == 1
    assert "No user called 'nobody'" in result.output
    assert accounts.verify_password(store.password_hash("sam.jones"), PASSWORD)


# --- sessions ------------------------------------------------------------------------------------

SESSIONS = accounts.SessionPolicy(idle=timedelta(minutes=30), lifetime=timedelta(hours=2))


def signed_in(store: Store, at: datetime = T0) -> str:
    """The id of a new session of sam.jones started at ``at``."""
    session_id = accounts.start_session(store, "sam.jones", SESSIONS, at)
    assert session_id is not None
    return session_id


def stored_sessions(store: Store) -> list[dict[str, object]]:
    return [
        record["s"]
        for record in store.driver.execute_query(
            "MATCH (s:Session) RETURN s {.*} AS s", database_=store.database
        ).records
    ]


def test_a_session_is_stored_only_as_the_hash_of_its_id(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    session_id = signed_in(store)
    (stored,) = stored_sessions(store)
    assert stored["id_hash"] == accounts.token_hash(session_id)
    assert session_id not in str(stored)
    assert stored["created_at"] == stored["last_seen"]
    assert len(session_id) >= 43  # 256 random bits

    record = accounts.resume_session(store, session_id, SESSIONS, T0 + timedelta(minutes=5))
    assert record is not None
    assert record.user == sam() and record.allocated == frozenset()
    assert accounts.resume_session(store, accounts.new_session_id(), SESSIONS, T0) is None
    assert accounts.resume_session(store, "", SESSIONS, T0) is None
    assert accounts.resume_session(store, "x" * 10_000, SESSIONS, T0) is None


def test_the_session_read_carries_the_allocations(store: Store) -> None:
    with_young_people(store, "yp-1", "yp-2")
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    store.allocate("sam.jones", ["yp-2"])
    record = accounts.resume_session(store, signed_in(store), SESSIONS, T0)
    assert record is not None and record.allocated == frozenset({"yp-2"})


def test_ending_a_session_deletes_only_that_one(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    first, second = signed_in(store), signed_in(store)
    assert store.count_sessions("sam.jones") == 2
    accounts.end_session(store, first)
    assert accounts.resume_session(store, first, SESSIONS, T0) is None
    assert accounts.resume_session(store, second, SESSIONS, T0) is not None
    assert store.count_sessions("sam.jones") == 1
    accounts.end_session(store, first)  # twice is harmless


def test_a_session_ends_after_the_idle_timeout_and_the_absolute_limit(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    idle = signed_in(store)
    assert accounts.resume_session(store, idle, SESSIONS, T0 + timedelta(minutes=29)) is not None
    # Seen at 29 minutes: idle from then on.
    assert accounts.resume_session(store, idle, SESSIONS, T0 + timedelta(minutes=58)) is not None
    assert accounts.resume_session(store, idle, SESSIONS, T0 + timedelta(minutes=89)) is None

    busy = signed_in(store)
    at = T0
    while at < T0 + timedelta(hours=2) - timedelta(minutes=10):
        at += timedelta(minutes=10)
        assert accounts.resume_session(store, busy, SESSIONS, at) is not None, at
    assert accounts.resume_session(store, busy, SESSIONS, T0 + timedelta(hours=2)) is None


def test_last_seen_is_written_at_most_once_a_minute(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    session_id = signed_in(store)
    for seconds in (10, 30, 59):
        accounts.resume_session(store, session_id, SESSIONS, T0 + timedelta(seconds=seconds))
    assert stored_sessions(store)[0]["last_seen"].to_native() == T0
    accounts.resume_session(store, session_id, SESSIONS, T0 + timedelta(seconds=61))
    assert stored_sessions(store)[0]["last_seen"].to_native() == T0 + timedelta(seconds=61)


def test_a_new_password_ends_every_session(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    sessions = [signed_in(store) for _ in range(3)]
    store.set_password("sam.jones", accounts.hash_password("another long one"), must_change=True)
    assert store.count_sessions("sam.jones") == 0
    assert all(accounts.resume_session(store, s, SESSIONS, T0) is None for s in sessions)


def test_deactivation_ends_every_session_and_reactivation_brings_none_back(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    session_id = signed_in(store)
    store.update_user(sam(role="manager"))  # other changes keep the session
    assert accounts.resume_session(store, session_id, SESSIONS, T0) is not None
    store.update_user(sam(active=False))
    assert store.count_sessions("sam.jones") == 0
    assert accounts.start_session(store, "sam.jones", SESSIONS, T0) is None  # inactive
    store.update_user(sam(active=True))
    assert accounts.resume_session(store, session_id, SESSIONS, T0) is None


def test_the_demo_reset_ends_the_demo_users_sessions(store: Store) -> None:
    accounts.ensure_demo_users(store, [])
    session_id = accounts.start_session(store, "demo-manager", SESSIONS, T0)
    assert session_id is not None
    accounts.ensure_demo_users(store, [])
    assert accounts.resume_session(store, session_id, SESSIONS, T0) is None


def test_expired_sessions_are_removed_when_someone_signs_in(store: Store) -> None:
    store.create_user(sam(), accounts.hash_password(PASSWORD))
    store.create_user(sam(username="jo.bloggs"), accounts.hash_password(PASSWORD))
    for _ in range(3):
        signed_in(store, T0)  # idle from T0 + 30 minutes
    live = signed_in(store, T0 + timedelta(minutes=20))
    assert accounts.start_session(store, "jo.bloggs", SESSIONS, T0 + timedelta(minutes=40))
    assert store.count_sessions("sam.jones") == 1
    assert accounts.resume_session(store, live, SESSIONS, T0 + timedelta(minutes=40)) is not None
    # And past the absolute limit, however recently seen.
    store.driver.execute_query(
        "MATCH (s:Session) SET s.last_seen = $at",
        at=T0 + timedelta(hours=3),
        database_=store.database,
    )
    assert accounts.start_session(store, "jo.bloggs", SESSIONS, T0 + timedelta(hours=3))
    assert store.count_sessions("sam.jones") == 0
    assert store.count_sessions("jo.bloggs") == 1
