"""Sign in (username and password), sign out (POST only), and change your own password.

Signing in is refused for a while after too many wrong passwords for one username
(:func:`connections.accounts.authenticate`; ``SIGN_IN_*`` in :mod:`webapp.config`) and after too
many failed attempts from one address (:mod:`webapp.auth.limits`). A user whose password an
administrator has reset is sent to the change-password page from every other page until they
choose a new one.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from connections import accounts
from webapp.auth import sessions
from webapp.auth.forms import ChangePasswordForm, SignInForm
from webapp.auth.sessions import now
from webapp.db import database_known_down, get_store

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

FAILED = "Enter a correct username and password"

#: What a user who must change their password may still reach.
_ALLOWED_BEFORE_CHANGE = frozenset(
    {"auth.change_password", "auth.sign_out", "auth.sign_in", "health.healthz"}
)


def lockout_policy() -> accounts.LockoutPolicy:
    """The app's ``SIGN_IN_*`` settings as a lockout policy."""
    config = current_app.config
    return accounts.LockoutPolicy(
        max_failures=int(config["SIGN_IN_MAX_FAILURES"]),
        window=timedelta(minutes=float(config["SIGN_IN_WINDOW_MINUTES"])),
        lock=timedelta(minutes=float(config["SIGN_IN_LOCKOUT_MINUTES"])),
    )


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Response | str:
    if current_user.is_authenticated:
        return redirect(url_for("young_people.index"))
    form = SignInForm()
    if form.validate_on_submit():
        at = now()
        result = accounts.authenticate(
            get_store(),
            form.username.data or "",
            form.password.data or "",
            policy=lockout_policy(),
            now=at,
        )
        if result.user is not None:
            target = _safe_next(request.args.get("next"))
            # A fresh session on sign-in: nothing from before (a planted session, an old
            # CSRF token) survives into the signed-in one.
            session.clear()
            session.permanent = True
            if not sessions.begin(result.user):  # deactivated since the password was checked
                form.username.errors = [FAILED]
                return render_template("auth/sign_in.html", form=form)
            if result.user.must_change_password:
                return redirect(url_for("auth.change_password"))
            return redirect(target or url_for("young_people.index"))
        if result.locked_until is not None:
            log.warning(
                "Sign-in refused from %s: username %r is locked until %s",
                request.remote_addr,
                (form.username.data or "").strip().lower(),
                result.locked_until.isoformat(),
            )
            form.username.errors = [accounts.lockout_message(result.locked_until, at)]
        else:
            log.info("Failed sign-in from %s", request.remote_addr)
            form.username.errors = [FAILED]
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out() -> Response:
    sessions.end()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.sign_in"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> Response | str:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        problems = accounts.change_password(
            get_store(),
            current_user.username,
            form.current_password.data or "",
            form.password.data or "",
            form.confirm_password.data or "",
            policy=lockout_policy(),
            now=now(),
        )
        if not problems:
            # The new password ended every session, this one too: carry on in a fresh one.
            sessions.begin(current_user.user)
            flash("Your password has been changed.", "success")
            return redirect(url_for("young_people.index"))
        for problem in problems:
            field = getattr(form, problem.path)
            field.errors = [*field.errors, problem.message]
    return render_template(
        "auth/change_password.html", form=form, forced=current_user.must_change_password
    )


@bp.before_app_request
def _require_password_change() -> Response | None:
    """After an administrator's reset, every page leads to the change-password page."""
    endpoint = request.endpoint
    if (
        endpoint is None
        or endpoint in _ALLOWED_BEFORE_CHANGE
        or endpoint == "static"
        or endpoint.endswith(".static")
        or database_known_down()  # webapp.errors answers 503 at once, without loading the user
    ):
        return None
    if request.blueprint == "api" and "Authorization" in request.headers:
        return None  # an API token is its own credential, not the password
    if current_user.is_authenticated and current_user.must_change_password:
        return redirect(url_for("auth.change_password"))
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
