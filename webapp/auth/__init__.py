"""Signing in and out (Flask-Login): server-side sessions, whose user is loaded from the store per
request (:mod:`webapp.auth.sessions`);
changing passwords; the lockout and the per-address limit on failed sign-ins."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager, current_user

from webapp.auth import limits
from webapp.auth.sessions import load_user
from webapp.auth.users import SignedInUser
from webapp.auth.views import bp

login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"
login_manager.login_message = "Sign in to continue."
login_manager.login_message_category = "info"
# A session used from a different browser or address is dropped.
login_manager.session_protection = "strong"
login_manager.user_loader(load_user)


def init_app(app: Flask) -> None:
    # Flask-Login's own context processor loads the user for every template, even the 503 page
    # while the database is down; templates get the lazy proxy instead (webapp.layout's
    # signed_in_user() is what the layout uses).
    login_manager.init_app(app, add_context_processor=False)
    app.jinja_env.globals["current_user"] = current_user
    app.register_blueprint(bp)
    limits.init_app(app)


__all__ = ["SignedInUser", "bp", "init_app", "login_manager"]
