"""Accounts: who may sign in, in which role, and the audit trail of who looked at what.

Users and their roles live in Neo4j (:mod:`connections.store.accounts`); this module holds the
vocabularies, validation with messages that name the field, and everything about secrets, which
never reach the store in clear:

- passwords are hashed with Argon2id (argon2-cffi's :class:`~argon2.PasswordHasher`, its
  RFC 9106 defaults); :func:`needs_rehash` says when a stored hash was made with older settings,
  so sign-in can upgrade it;
- API tokens are random, shown once, and stored only as their SHA-256 (:func:`token_hash`);
- signing in (:func:`authenticate`) is refused for a while after too many wrong passwords for one
  username (:class:`LockoutPolicy`); the count is kept in Neo4j, so it holds across web workers
  and restarts, and it is kept for any username typed, so a locked-out answer never reveals
  whether the username exists;
- an administrator's reset gives a random :func:`temporary_password` that must be changed at the
  next sign-in (``User.must_change_password``; :func:`change_password`);
- each sign-in starts a session kept in Neo4j (:func:`start_session`): the browser holds only its
  random id, the store its SHA-256. A session ends when its user signs out, after an idle timeout
  and an absolute limit (:class:`SessionPolicy`), and with every other session of the user when
  their password is set or they are deactivated, so a copy of a cookie is worth nothing after.

Roles (README, "Who sees what"): a **coordinator** or **facilitator** sees only the young people
allocated to them; a **manager** sees the whole cohort; an **admin** manages users and
allocations. Managers and admins may open any young person.

Nothing here imports Flask or the store: the functions that read and write accounts take any
object with the store's methods they use (:class:`CredentialStore`, :class:`SessionStore`,
:class:`UserStore`), so :mod:`connections.store.accounts` depends on this module and not the
other way round.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Protocol

import pydantic
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from connections.model import FieldError, InvalidInput, parse

__all__ = [
    "DEMO_USERS",
    "AuditAction",
    "AuditEvent",
    "CredentialStore",
    "LockoutPolicy",
    "SessionPolicy",
    "SessionStore",
    "SessionUser",
    "SignInResult",
    "User",
    "UserRole",
    "UserStore",
    "authenticate",
    "change_password",
    "check_password",
    "end_session",
    "ensure_demo_users",
    "hash_password",
    "lockout_message",
    "needs_rehash",
    "new_api_token",
    "parse_user",
    "resume_session",
    "set_hasher",
    "start_session",
    "temporary_password",
    "token_hash",
    "verify_password",
]


class UserRole(StrEnum):
    COORDINATOR = "coordinator"
    FACILITATOR = "facilitator"
    MANAGER = "manager"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def sees_whole_cohort(self) -> bool:
        """Managers and admins may open any young person; the others only their allocation."""
        return self in (UserRole.MANAGER, UserRole.ADMIN)


ROLE_LABELS = {
    UserRole.COORDINATOR: "Lifelong Connections coordinator",
    UserRole.FACILITATOR: "Family Group Conference facilitator",
    UserRole.MANAGER: "Manager or reviewing officer",
    UserRole.ADMIN: "Administrator",
}

USERNAME_RULE = (
    "must be 2 to 64 characters: lower-case letters, digits, dots, hyphens and underscores, "
    "starting with a letter or digit"
)
USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{1,63}$"

Username = Annotated[str, Field(pattern=USERNAME_PATTERN, description=USERNAME_RULE)]

#: Passwords: long enough to resist guessing, short enough not to be a denial of service.
PASSWORD_MIN = 12
PASSWORD_MAX = 256


class User(BaseModel):
    """Someone who signs in. No secret is ever a field here: hashes stay in the store."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    username: Username
    display_name: Annotated[str, Field(min_length=1, max_length=200)]
    role: UserRole
    active: StrictBool = True
    #: Set by an administrator's password reset: the user must choose a new password before
    #: they can use anything else.
    must_change_password: StrictBool = False

    @pydantic.field_validator("username", mode="before")
    @classmethod
    def _lower_case(cls, value: Any) -> Any:
        # Sign-in is case-insensitive: "Sam.Jones" and "sam.jones" are one user.
        return value.strip().lower() if isinstance(value, str) else value


def parse_user(data: dict[str, Any]) -> User:
    """Validate a new or changed user; :class:`InvalidInput` names each bad field in words.

    >>> parse_user({"username": " Sam.Jones ", "display_name": "Sam Jones",
    ...             "role": "coordinator"}).username
    'sam.jones'
    >>> try:
    ...     parse_user({"username": "a b", "display_name": "", "role": "boss"})
    ... except InvalidInput as error:
    ...     for problem in error.errors:
    ...         print(f"{problem.path}: {problem.message.split(':')[0]}")
    username: Username must be 2 to 64 characters
    display_name: Enter the person's full name
    role: Choose a role
    """
    try:
        return parse(User, data)
    except InvalidInput as error:
        raise InvalidInput([_user_message(problem) for problem in error.errors]) from None


def _user_message(problem: FieldError) -> FieldError:
    if problem.path == "username" and "valid id" in problem.message:
        return FieldError(path="username", message=f"Username {USERNAME_RULE}")
    if problem.path == "username" and problem.message == "is required":
        return FieldError(path="username", message="Enter a username")
    if problem.path == "display_name" and problem.message in {"must not be empty", "is required"}:
        return FieldError(path="display_name", message="Enter the person's full name")
    if problem.path == "role" and "is not one of" in problem.message:
        roles = ", ".join(role.value for role in UserRole)
        return FieldError(path="role", message=f"Choose a role: {roles}")
    return problem


# --- passwords --------------------------------------------------------------------------------


@cache
def _default_hasher() -> PasswordHasher:
    return PasswordHasher()


_hasher: PasswordHasher | None = None


def set_hasher(hasher: PasswordHasher | None) -> None:
    """Use other Argon2 parameters (tests use cheap ones); ``None`` restores the defaults."""
    global _hasher
    _hasher = hasher
    _dummy_hash.cache_clear()


def _current_hasher() -> PasswordHasher:
    return _hasher or _default_hasher()


def check_password(password: str, confirmation: str | None = None) -> list[FieldError]:
    """The problems with a new password (empty when it is acceptable)."""
    problems = []
    if len(password) < PASSWORD_MIN:
        problems.append(
            FieldError(
                path="password", message=f"Password must be {PASSWORD_MIN} characters or more"
            )
        )
    elif len(password) > PASSWORD_MAX:
        problems.append(
            FieldError(
                path="password", message=f"Password must be {PASSWORD_MAX} characters or fewer"
            )
        )
    if confirmation is not None and confirmation != password:
        problems.append(FieldError(path="confirm_password", message="The passwords do not match"))
    return problems


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password`` (PHC string format: parameters and salt included)."""
    return _current_hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``.

    With no hash (an unknown or deactivated user), a dummy hash is checked anyway, so the answer
    takes as long as for a real user and does not reveal which usernames exist.
    """
    hasher = _current_hasher()
    if not password_hash:
        with contextlib.suppress(VerificationError, InvalidHashError):
            hasher.verify(_dummy_hash(), password)
        return False
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash was made with other parameters than the current ones."""
    try:
        return _current_hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@cache
def _dummy_hash() -> str:
    return _current_hasher().hash(secrets.token_urlsafe(16))


#: Letters and digits that cannot be mistaken for one another when read out or copied by hand.
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def temporary_password() -> str:
    """A random password for an administrator to hand on (about 90 bits, 19 characters).

    >>> password = temporary_password()
    >>> len(password), password.count("-"), check_password(password)
    (19, 3, [])
    """
    groups = ("".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


# --- signing in: lockout after too many wrong passwords ----------------------------------------


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """After ``max_failures`` wrong passwords for one username within ``window``, signing in
    with that username is refused for ``lock`` (then it starts afresh)."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lock: timedelta = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class SignInResult:
    """What :func:`authenticate` decided: the ``user`` when the password is right, else
    ``locked_until`` when signing in with this username is refused for now, else neither."""

    user: User | None = None
    locked_until: datetime | None = None


class CredentialStore(Protocol):
    """What signing in and changing a password need of the store
    (:class:`connections.store.accounts.AccountRecords` has it)."""

    def sign_in_locked_until(self, username: str, now: datetime) -> datetime | None: ...

    def record_failed_sign_in(
        self, username: str, policy: LockoutPolicy, now: datetime
    ) -> datetime | None: ...

    def clear_failed_sign_ins(self, username: str) -> None: ...

    def password_hash(self, username: str) -> str | None: ...

    def set_password_hash(self, username: str, password_hash: str) -> None: ...

    def set_password(self, username: str, password_hash: str, *, must_change: bool) -> None: ...

    def get_user(self, username: str) -> User: ...


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def authenticate(
    store: CredentialStore,
    username: str,
    password: str,
    *,
    policy: LockoutPolicy = LockoutPolicy(),
    now: datetime | None = None,
) -> SignInResult:
    """Check a username and password, counting wrong ones against the username.

    A locked username is refused before its password is checked at all, so a guess made while
    locked tells nothing. An unknown username is treated exactly like a known one: its password
    is checked against a dummy hash (the same time) and its failures are counted, so neither the
    answer nor the lockout reveals which usernames exist. A right password clears the count.
    ``now`` is for tests (default: the current time).
    """
    username = username.strip().lower()
    now = _now(now)
    locked_until = store.sign_in_locked_until(username, now)
    if locked_until is not None:
        return SignInResult(locked_until=locked_until)
    stored = store.password_hash(username)
    if not verify_password(stored, password):
        return SignInResult(locked_until=store.record_failed_sign_in(username, policy, now))
    assert stored is not None
    if needs_rehash(stored):
        store.set_password_hash(username, hash_password(password))
    store.clear_failed_sign_ins(username)
    try:
        return SignInResult(user=store.get_user(username))
    except LookupError:  # the store's NotFound: deleted between the two reads
        return SignInResult()


def lockout_message(locked_until: datetime, now: datetime | None = None) -> str:
    """What to tell someone whose sign-in is refused (the same whether or not the user exists).

    >>> import textwrap
    >>> print(textwrap.fill(lockout_message(datetime(2026, 1, 1, 12, 15, tzinfo=UTC),
    ...                                     datetime(2026, 1, 1, 12, 0, 30, tzinfo=UTC)), 90))
    There have been too many attempts to sign in with this username and a wrong password. Try
    again in 15 minutes. If you have forgotten your password, ask your Lifelong Connections
    administrator to reset it.
    >>> "Try again in 1 minute." in lockout_message(datetime(2026, 1, 1, tzinfo=UTC),
    ...                                             datetime(2026, 1, 1, tzinfo=UTC))
    True
    """
    seconds = (locked_until - _now(now)).total_seconds()
    minutes = max(1, math.ceil(seconds / 60))
    wait = "1 minute" if minutes == 1 else f"{minutes} minutes"
    return (
        "There have been too many attempts to sign in with this username and a wrong password. "
        f"Try again in {wait}. If you have forgotten your password, ask your Lifelong "
        "Connections administrator to reset it."
    )


def change_password(
    store: CredentialStore,
    username: str,
    current_password: str,
    new_password: str,
    confirmation: str,
    *,
    policy: LockoutPolicy = LockoutPolicy(),
    now: datetime | None = None,
) -> list[FieldError]:
    """A signed-in user changes their own password; the problems, each naming its field
    (``current_password``, ``password``, ``confirm_password``), or ``[]`` once it is changed.

    A wrong current password counts as a failed sign-in (so the form cannot be used to guess it),
    and while the username is locked the current password is not checked at all. The new
    password must follow :func:`check_password` and differ from the current one; saving it
    clears ``must_change_password`` and any lockout.
    """
    now = _now(now)
    problems = check_password(new_password, confirmation)
    locked_until = store.sign_in_locked_until(username, now)
    if locked_until is None:
        stored = store.password_hash(username)
        if verify_password(stored, current_password):
            if new_password == current_password:
                problems.insert(
                    0,
                    FieldError(
                        path="password",
                        message="Your new password must be different from your current password",
                    ),
                )
        else:
            locked_until = store.record_failed_sign_in(username, policy, now)
            if locked_until is None:
                problems.insert(
                    0,
                    FieldError(
                        path="current_password", message="Your current password is not correct"
                    ),
                )
    if locked_until is not None:
        problems.insert(
            0, FieldError(path="current_password", message=lockout_message(locked_until, now))
        )
    if not problems:
        store.set_password(username, hash_password(new_password), must_change=False)
    return problems


# --- sessions: one per sign-in, kept in the store --------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """A session ends after ``idle`` without a request, and ``lifetime`` after sign-in however
    busy it is."""

    idle: timedelta = timedelta(minutes=60)
    lifetime: timedelta = timedelta(hours=12)

    @property
    def touch_after(self) -> timedelta:
        """How old ``last_seen`` may be before a request writes it again: a minute (or less for a
        very short idle timeout), so a busy session costs one small write a minute rather than
        one a request, and the idle timeout is kept to within that."""
        return min(timedelta(minutes=1), self.idle / 4)


@dataclass(frozen=True)
class SessionUser:
    """A user as a signed-in request sees them (:func:`resume_session`)."""

    user: User
    #: The ids of the young people allocated to them.
    allocated: frozenset[str]
    #: When the session was last seen (written at most once a minute or so, not per request).
    last_seen: datetime


class SessionStore(Protocol):
    """What sessions need of the store."""

    def create_session(
        self, username: str, id_hash: str, now: datetime, expires_at: datetime, idle: timedelta
    ) -> bool: ...

    def session_user(self, id_hash: str, now: datetime, idle: timedelta) -> SessionUser | None: ...

    def touch_session(self, id_hash: str, now: datetime) -> None: ...

    def end_session(self, id_hash: str) -> bool: ...


#: A session id longer than this is not one of ours (it is never looked up).
_SESSION_ID_MAX = 100


def new_session_id() -> str:
    """A new random session id (256 bits): what the browser's cookie refers to its session by."""
    return secrets.token_urlsafe(32)


def start_session(
    store: SessionStore,
    username: str,
    policy: SessionPolicy = SessionPolicy(),
    now: datetime | None = None,
) -> str | None:
    """Start a session for ``username`` (just authenticated) and return its id for the cookie;
    ``None`` if the user is not (or no longer) active. Expired sessions are removed here too."""
    now = _now(now)
    session_id = new_session_id()
    created = store.create_session(
        username, token_hash(session_id), now, now + policy.lifetime, policy.idle
    )
    return session_id if created else None


def resume_session(
    store: SessionStore,
    session_id: str,
    policy: SessionPolicy = SessionPolicy(),
    now: datetime | None = None,
) -> SessionUser | None:
    """The user of a live session (with their allocations), in the one read every signed-in
    request makes; ``None`` when the session has ended, expired or been idle too long (or the
    user is deactivated). Records that it was seen, at most once per ``policy.touch_after``."""
    if not session_id or len(session_id) > _SESSION_ID_MAX:
        return None
    now = _now(now)
    id_hash = token_hash(session_id)
    record = store.session_user(id_hash, now, policy.idle)
    if record is not None and now - record.last_seen >= policy.touch_after:
        store.touch_session(id_hash, now)
    return record


def end_session(store: SessionStore, session_id: str) -> None:
    """Sign out: the session is deleted, so no copy of its cookie signs anyone in again."""
    if session_id and len(session_id) <= _SESSION_ID_MAX:
        store.end_session(token_hash(session_id))


# --- API tokens ---------------------------------------------------------------------------------


def new_api_token() -> str:
    """A new random API token (shown to its user once; only :func:`token_hash` is stored)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 of an API token, as the store keeps it (a token is random and long, so a fast
    hash is enough; a password is not, so it gets Argon2).

    >>> len(token_hash("abc"))
    64
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- the audit trail ----------------------------------------------------------------------------


class AuditAction(StrEnum):
    """What an audit event records; callers may use other short lower-case words too."""

    VIEW = "view"
    CHANGE = "change"
    DENIED = "denied"
    EXPORT = "export"
    CONFERENCE = "conference"
    #: A coordinator's invitation to the young person: created, revoked, answers reviewed.
    INVITATION = "invitation"
    #: The young person themselves, through an invitation's link: opened, saved, submitted.
    YOUNG_PERSON = "young_person"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of the audit trail: who did what to which young person's network, and when."""

    at: datetime
    username: str
    action: str
    young_person_id: str
    detail: str


# --- demo logins ----------------------------------------------------------------------------------

#: The demo's users: (username, password, role, display name, how many young people allocated).
#: DEMO ONLY: these passwords are published in the source; never create them on a real system.
DEMO_USERS: tuple[tuple[str, str, UserRole, str, int], ...] = (
    ("demo-coordinator", "demo-coordinator-pass", UserRole.COORDINATOR, "Demo Coordinator", 10),
    ("demo-facilitator", "demo-facilitator-pass", UserRole.FACILITATOR, "Demo Facilitator", 3),
    ("demo-manager", "demo-manager-pass", UserRole.MANAGER, "Demo Manager", 0),
    ("demo-admin", "demo-admin-pass", UserRole.ADMIN, "Demo Administrator", 0),
)


class UserStore(Protocol):
    """What creating users needs of the store."""

    def save_user(self, user: User, password_hash: str) -> User: ...

    def allocate(self, username: str, young_person_ids: Sequence[str]) -> None: ...


def ensure_demo_users(
    store: UserStore, young_person_ids: Sequence[str]
) -> list[tuple[str, str, str]]:
    """Create (or reset) the demo users and their allocations; returns (username, password, role)
    for the demo command to print.

    Idempotent: run again, the users get their demo password, role and active flag back, and the
    coordinator the first 10 of ``young_person_ids``, the facilitator the first 3. Demo only.
    """
    logins = []
    for username, password, role, name, allocated in DEMO_USERS:
        user = User(username=username, display_name=name, role=role, active=True)
        store.save_user(user, hash_password(password))
        if allocated and young_person_ids:
            store.allocate(username, list(young_person_ids[:allocated]))
        logins.append((username, password, role.value))
    return logins
