"""Sign in (username and password) and sign out (POST only)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from connections import accounts
from connections.store import NotFound
from webapp.auth.forms import SignInForm
from webapp.auth.users import SignedInUser
from webapp.db import get_store

bp = Blueprint("auth", __name__)

FAILED = "Enter a correct username and password"


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("young_people.index"))
    form = SignInForm()
    if form.validate_on_submit():
        user = _check_credentials(form.username.data or "", form.password.data or "")
        if user is not None:
            target = _safe_next(request.args.get("next"))
            # A fresh session on sign-in: nothing from before (a planted session, an old
            # CSRF token) survives into the signed-in one.
            session.clear()
            session.permanent = True
            login_user(SignedInUser(user))
            return redirect(target or url_for("young_people.index"))
        form.username.errors = [FAILED]
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out() -> Response:
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))


def _check_credentials(username: str, password: str) -> accounts.User | None:
    """The active user with this username and password, else ``None`` (in the same time
    whether or not the username exists)."""
    username = username.strip().lower()
    store = get_store()
    stored = store.password_hash(username)
    if not accounts.verify_password(stored, password):
        return None
    assert stored is not None
    if accounts.needs_rehash(stored):
        store.set_password_hash(username, accounts.hash_password(password))
    try:
        return store.get_user(username)
    except NotFound:  # deleted between the two reads
        return None


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site (never ``//host`` or ``https://host``) may follow sign-in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target
