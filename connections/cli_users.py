"""``connections user ...``: create users and allocate young people to them from the command line.

``connections user add USERNAME --role admin --name "Sam Jones"`` creates the first admin (the
password is asked for twice, or read from standard input with ``--password-stdin``); after that,
admins manage users in the web app. ``connections user password USERNAME`` sets a user's password
(and lifts a lockout after too many wrong ones), for when no administrator can sign in.
``connections user token USERNAME`` gives a user a token for the JSON API
(``Authorization: Bearer ...``). Registered on :data:`connections.cli.main`.
"""

from __future__ import annotations

import sys

import click

from connections import accounts
from connections.accounts import UserRole
from connections.cli_base import open_store, writes
from connections.model import InvalidInput


@click.group("user")
def user() -> None:
    """Add users, set their passwords, allocate young people to them, list them."""


@user.command("add")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([role.value for role in UserRole]),
    required=True,
    help="coordinator and facilitator see only their allocated young people; manager the "
    "whole cohort; admin manages users.",
)
@click.option("--name", "display_name", required=True, help='Full name, e.g. "Sam Jones".')
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input instead of asking.",
)
@writes
def add(username: str, role: str, display_name: str, password_stdin: bool) -> None:
    """Create a user who can sign in to the web app."""
    new_user = accounts.parse_user(
        {"username": username, "display_name": display_name, "role": role}
    )
    password = _read_password(password_stdin)
    with open_store() as store:
        store.apply_schema()
        store.create_user(new_user, accounts.hash_password(password))
    click.echo(f"Added {new_user.username} ({new_user.role.label}).")


@user.command("password")
@click.argument("username")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input instead of asking.",
)
@writes
def password(username: str, password_stdin: bool) -> None:
    """Set a user's password (asked for twice) and lift any sign-in lockout.

    The user can sign in with it at once and is not asked to change it.
    """
    username = username.strip().lower()
    new_password = _read_password(password_stdin)
    with open_store() as store:
        store.set_password(username, accounts.hash_password(new_password), must_change=False)
    click.echo(f"Set the password of {username}; any sign-in lockout is lifted.")


def _read_password(from_stdin: bool) -> str:
    """A new password from standard input or asked for twice; :class:`InvalidInput` unless it
    follows the rules."""
    if from_stdin:
        new_password = sys.stdin.readline().rstrip("\r\n")
    else:
        new_password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problems = accounts.check_password(new_password)
    if problems:
        raise InvalidInput(problems)
    return new_password


@user.command("allocate")
@click.argument("username")
@click.argument("young_person_ids", nargs=-1, required=True)
@writes
def allocate(username: str, young_person_ids: tuple[str, ...]) -> None:
    """Allocate young people (by id) to a user; all of them, or none if an id is unknown."""
    with open_store() as store:
        store.allocate(username.strip().lower(), list(young_person_ids))
    click.echo(f"Allocated {len(set(young_person_ids))} young people to {username}.")


@user.command("unallocate")
@click.argument("username")
@click.argument("young_person_ids", nargs=-1, required=True)
@writes
def unallocate(username: str, young_person_ids: tuple[str, ...]) -> None:
    """Remove young people (by id) from a user's allocation."""
    with open_store() as store:
        removed = store.unallocate(username.strip().lower(), list(young_person_ids))
    click.echo(f"Removed {removed} allocations from {username}.")


@user.command("list")
def list_users() -> None:
    """Every user: username, role, whether they can sign in, young people allocated."""
    with open_store() as store:
        rows = store.list_users()
    # Tab-separated, like the rows, so it still reads as a table in `cut` or a spreadsheet.
    click.echo("username\trole\tstate\tallocated\tname")
    for shown, allocated in rows:
        state = "active" if shown.active else "deactivated"
        click.echo(
            f"{shown.username}\t{shown.role.value}\t{state}\t{allocated}\t{shown.display_name}"
        )


@user.command("token")
@click.argument("username")
@click.option("--revoke", is_flag=True, help="Remove the user's API token instead.")
@writes
def token(username: str, revoke: bool) -> None:
    """Give a user a new API token for /api/v1, printed once (only its hash is kept).

    The new token replaces any earlier one, which stops working at once.
    """
    username = username.strip().lower()
    with open_store() as store:
        if revoke:
            store.set_api_token_hash(username, None)
            click.echo(f"Revoked the API token of {username}.")
            return
        new_token = accounts.new_api_token()
        store.set_api_token_hash(username, accounts.token_hash(new_token))
    click.echo(
        f"API token for {username} (shown only this once; send it as "
        "'Authorization: Bearer <token>'):",
        err=True,
    )
    click.echo(new_token)
