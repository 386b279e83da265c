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
        actor = Actor("the young person", "invitation")
    elif current_user.is_authenticated:
        actor = Actor(current_user.display_name, "api" if request.blueprint == "api" else "web")
    else:
        return
    g.history_actor = set_actor(actor)


def _end(_: BaseException | None) -> None:
    token: Token[Actor | None] | None = g.pop("history_actor", None)
    if token is not None:
        token.var.reset(token)


def init_app(app: Flask) -> None:
    app.before_request(_begin)
    app.teardown_request(_end)
