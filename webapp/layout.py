"""What every page's layout needs: the signed-in user (without touching a database that is
down), the service navigation for their role, and which optional static files exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j.exceptions
from flask import Flask, request, url_for
from flask_login import current_user

from connections.accounts import UserRole
from connections.store import DatabaseUnavailable
from webapp.auth.users import SignedInUser
from webapp.db import database_known_down, mark_database_down

STATIC = Path(__file__).with_name("static")
#: Who asks for and decides link requests: the roles that may change networks.
LINK_REQUEST_ROLES = frozenset({UserRole.COORDINATOR, UserRole.MANAGER, UserRole.ADMIN})


def signed_in_user() -> SignedInUser | None:
    """The signed-in user, or ``None``; never waits on a database known to be down."""
    if database_known_down():
        return None
    try:
        user = current_user._get_current_object()  # type: ignore[attr-defined]
    except (
        DatabaseUnavailable,
        neo4j.exceptions.ServiceUnavailable,
        neo4j.exceptions.SessionExpired,
    ):
        mark_database_down()
        return None
    return user if user.is_authenticated else None


def navigation(user: SignedInUser | None) -> list[dict[str, Any]]:
    """The service navigation items for this user's role, the current one marked."""
    if user is None:
        return []
    items: list[tuple[str, str, tuple[str, ...]]] = []
    # A manager or admin with no young people of their own has no "My young people" (their
    # home is the cohort review) and nothing to do for any.
    has_own = not user.sees_whole_cohort or user.allocated is None or bool(user.allocated)
    if has_own:
        items.append(("young_people.index", "My young people", ("young_people.",)))
    if user.sees_whole_cohort:
        items.append(("cohort.index", "Cohort review", ("cohort.", "new_young_person.")))
        items.append(("finding.cohort", "Family finding", ()))
        items.append(("shared_people.index", "Shared people", ("shared_people.",)))
        items.append(("siblings.index", "Siblings apart", ()))
        items.append(("constellations.index", "Constellations", ("constellations.",)))
    if has_own:
        items.append(("todo.index", "To do", ("todo.",)))
    if user.role in LINK_REQUEST_ROLES:
        items.append(("link_requests.index", "Link requests", ("link_requests.",)))
    if user.is_admin:
        items.append(("admin.users", "Users", ("admin.",)))
        items.append(("admin_records.index", "Records", ("admin_records.",)))
    endpoint = request.endpoint or ""
    return [
        {
            "href": url_for(target),
            "text": text,
            "current": endpoint == target,
            "active": endpoint.startswith(prefixes) and endpoint != target,
        }
        for target, text, prefixes in items
    ]


def init_app(app: Flask) -> None:
    @app.context_processor
    def _layout() -> dict[str, Any]:
        return {
            "signed_in_user": signed_in_user,
            "navigation": navigation,
        }
