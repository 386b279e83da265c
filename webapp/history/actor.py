"""Who a request's changes are made by, for the versions of networks they make
(:func:`connections.store.history.acting_as`): the signed-in worker through the web pages or the
API, or the young person through their invitation's page."""

from __future__ import annotations

from contextvars import Token

from flask import Flask, g, request
from flask_login import current_user

from connections.store.history import Actor, set_actor


def _begin() -> None:
    if request.blueprint == "invitation_page":
        g.history_actor = set_actor(Actor("the young person", "invitation"))
    elif request.endpoint not in (None, "static", "map_assets.static", "health.healthz"):
        g.history_actor = set_actor(_signed_in_actor)


def _signed_in_actor() -> Actor:
    """Asked only when a version is made: the user is read from the session then, not for
    every request (a static file must not need the database)."""
    name = current_user.display_name if current_user.is_authenticated else ""
    return Actor(name, "api" if request.blueprint == "api" else "web")


def _end(_: BaseException | None) -> None:
    token: Token | None = g.pop("history_actor", None)  # type: ignore[type-arg]
    if token is not None:
        token.var.reset(token)


def init_app(app: Flask) -> None:
    app.before_request(_begin)
    app.teardown_request(_end)
