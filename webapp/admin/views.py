"""User administration (admins only): users, roles, deactivation, password resets, allocations,
the audit trail."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from connections import accounts
from connections.accounts import User, UserRole
from connections.model import FieldError, InvalidInput
from connections.store import AlreadyExists, NotFound
from webapp.access import roles_required, young_person_access
from webapp.admin.forms import AddUserForm, AllocateForm, RoleForm
from webapp.db import get_store

bp = Blueprint("admin", __name__, url_prefix="/admin")
log = logging.getLogger(__name__)

admin_only = roles_required(UserRole.ADMIN)

LAST_ADMIN = "There must be at least one active administrator"


@bp.route("/users")
@admin_only
def users() -> str:
    return render_template("admin/users.html", users=get_store().list_users())


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def add_user() -> Response | str:
    form = AddUserForm()
    if form.validate_on_submit():
        problems = accounts.check_password(form.password.data or "", form.confirm_password.data)
        user = None
        try:
            user = accounts.parse_user(
                {
                    "username": form.username.data,
                    "display_name": form.display_name.data,
                    "role": form.role.data,
                }
            )
        except InvalidInput as error:
            problems = [*error.errors, *problems]
        if user is not None and not problems:
            try:
                get_store().create_user(user, accounts.hash_password(form.password.data or ""))
            except AlreadyExists:
                problems = [FieldError(path="username", message="That username is already taken")]
            else:
                flash(f"{user.display_name} can now sign in as {user.username}.", "success")
                return redirect(url_for("admin.user", username=user.username))
        _show_problems(form, problems)
    return render_template("admin/add_user.html", form=form)


def _user_or_404(username: str) -> User:
    try:
        return get_store().get_user(username)
    except NotFound:
        abort(404)


@bp.route("/users/<username>")
@admin_only
def user(username: str) -> str:
    shown = _user_or_404(username)
    store = get_store()
    find = request.args.get("find", "").strip()[:100]
    found = store.find_young_people(find, limit=50) if find else []
    allocated = store.allocated_young_people(username)
    allocated_ids = {yp.id for yp in allocated}
    return render_template(
        "admin/user.html",
        shown=shown,
        role_form=RoleForm(data={"role": shown.role.value}),
        allocate_form=AllocateForm(),
        allocated=allocated,
        find=find,
        found=[yp for yp in found if yp.id not in allocated_ids],
    )


@bp.route("/users/<username>/role", methods=["POST"])
@admin_only
def change_role(username: str) -> Response | tuple[str, int]:
    shown = _user_or_404(username)
    form = RoleForm()
    if form.validate_on_submit():
        role = UserRole(form.role.data)
        if _would_remove_last_admin(shown, role=role):
            form.role.errors = [LAST_ADMIN]
        else:
            get_store().update_user(shown.model_copy(update={"role": role}))
            flash(f"{shown.display_name} is now: {role.label}.", "success")
            return redirect(url_for("admin.user", username=username))
    return _user_page_with_errors(shown, role_form=form)


@bp.route("/users/<username>/active", methods=["POST"])
@admin_only
def set_active(username: str) -> Response | str:
    shown = _user_or_404(username)
    active = request.form.get("active") == "1"
    if not active and shown.username == current_user.username:
        flash("You cannot deactivate your own account.", "error")
        return redirect(url_for("admin.user", username=username))
    if not active and _would_remove_last_admin(shown, active=False):
        flash(f"{LAST_ADMIN}.", "error")
        return redirect(url_for("admin.user", username=username))
    get_store().update_user(shown.model_copy(update={"active": active}))
    flash(
        f"{shown.display_name} can sign in again."
        if active
        else f"{shown.display_name} can no longer sign in.",
        "success",
    )
    return redirect(url_for("admin.user", username=username))


@bp.route("/users/<username>/password", methods=["POST"])
@admin_only
def reset_password(username: str) -> Response | str:
    """Give a user a random temporary password, shown to the admin this once (never stored in
    clear, never flashed into the session cookie); the user must choose a new one when they
    next sign in. Also lifts any sign-in lockout."""
    shown = _user_or_404(username)
    if shown.username == current_user.username:
        flash("To change your own password, use “Change your password”.", "error")
        return redirect(url_for("admin.user", username=username))
    temporary = accounts.temporary_password()
    get_store().set_password(shown.username, accounts.hash_password(temporary), must_change=True)
    log.info("%s reset the password of %s", current_user.username, shown.username)
    return render_template("admin/password_reset.html", shown=shown, temporary=temporary)


@bp.route("/users/<username>/allocations", methods=["POST"])
@admin_only
def allocate(username: str) -> Response | tuple[str, int]:
    shown = _user_or_404(username)
    form = AllocateForm()
    if form.validate_on_submit():
        young_person_id = (form.young_person_id.data or "").strip()
        try:
            get_store().allocate(username, [young_person_id])
        except NotFound:
            form.young_person_id.errors = ["There is no young person with that id"]
        else:
            flash(f"Allocated {young_person_id} to {shown.display_name}.", "success")
            return redirect(url_for("admin.user", username=username))
    return _user_page_with_errors(shown, allocate_form=form)


@bp.route("/users/<username>/allocations/<young_person_id>/remove", methods=["POST"])
@admin_only
def unallocate(username: str, young_person_id: str) -> Response:
    shown = _user_or_404(username)
    if get_store().unallocate(username, [young_person_id]):
        flash(f"{young_person_id} is no longer allocated to {shown.display_name}.", "success")
    return redirect(url_for("admin.user", username=username))


@bp.route("/young-people/<young_person_id>/audit")
@admin_only
@young_person_access
def audit_trail(young_person_id: str) -> str:
    store = get_store()
    young_person = store.get_young_person(young_person_id)
    return render_template(
        "admin/audit.html",
        young_person=young_person,
        events=store.audit_events(young_person_id, limit=200),
    )


def _would_remove_last_admin(
    user: User, *, role: UserRole | None = None, active: bool | None = None
) -> bool:
    if user.role is not UserRole.ADMIN or not user.active:
        return False
    stays_admin = (role or user.role) is UserRole.ADMIN and (active is None or active)
    return not stays_admin and get_store().count_active_admins() <= 1


def _show_problems(form: AddUserForm, problems: list[FieldError]) -> None:
    for problem in problems:
        field = getattr(form, problem.path, None) or form.username
        field.errors = [*field.errors, problem.message]


def _user_page_with_errors(
    shown: User, role_form: RoleForm | None = None, allocate_form: AllocateForm | None = None
) -> tuple[str, int]:
    store = get_store()
    page = render_template(
        "admin/user.html",
        shown=shown,
        role_form=role_form or RoleForm(data={"role": shown.role.value}),
        allocate_form=allocate_form or AllocateForm(formdata=None),
        allocated=store.allocated_young_people(shown.username),
        find="",
        found=[],
    )
    return page, 400
