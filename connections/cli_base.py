"""What every ``connections`` subcommand module needs: where the database is, a store to use,
and how a command says that it writes.

It sits below :mod:`connections.cli` and :mod:`connections.cli_users` so that neither has to
import the other for these (``cli`` imports ``cli_users`` only to register its group).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from connections import devdb
from connections.store import Settings, Store, connect, settings_from_env
from connections.store.history import acting_as

F = TypeVar("F", bound=Callable[..., Any])

#: Set in the click context's ``meta`` (shared by a command and its groups) by a command that
#: writes, so an error can say whether anything was written.
_WRITES = "connections.writes"


def home() -> Path:
    """Where the local development server keeps its data (``CONNECTIONS_HOME``, else ``var``)."""
    return Path(os.environ.get("CONNECTIONS_HOME", "var")).resolve()


def database_settings() -> Settings:
    """The environment's database, else the local development server if it is running."""
    if "NEO4J_URI" not in os.environ:
        server = devdb.status_persistent(home())
        if server is not None:
            return Settings(uri=server.uri)
    return settings_from_env(os.environ)


@contextmanager
def open_store() -> Iterator[Store]:
    """A store on :func:`database_settings`, closed when the block ends. The versions of
    networks it writes say the command and the operating-system user that ran it."""
    store = connect(database_settings())
    context = click.get_current_context(silent=True)
    via = f"command line: {context.command_path}" if context else "command line"
    try:
        with acting_as(_os_user(), via):
            yield store
    finally:
        store.close()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container)
        return ""


def writes(command: F) -> F:
    """Mark a command's callback as one that writes: its invalid-input errors then say that
    nothing was written (all of its writes are checked first or are one transaction)."""

    @wraps(command)
    def marked(*args: Any, **kwargs: Any) -> Any:
        click.get_current_context().meta[_WRITES] = True
        return command(*args, **kwargs)

    return marked  # type: ignore[return-value]


def command_writes(ctx: click.Context) -> bool:
    """Whether the command being run is marked with :func:`writes`."""
    return bool(ctx.meta.get(_WRITES))
