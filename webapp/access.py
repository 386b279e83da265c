"""Who may see what: roles, the young-person allocation check, and the audit trail.

- :func:`roles_required`: a signed-in user with one of these roles, else 403.
- :func:`young_person_access`: THE check for every route with a ``young_person_id``. Managers and
  admins may open any young person; coordinators and facilitators only those allocated to them.
  Anyone else gets 404, exactly as for an id that does not exist, so a URL never reveals whether a
  young person is on the system. An allowed GET is recorded in the audit trail as a view (written
  while the page is built, and the page is sent only once the event is saved); a refused attempt
  as ``denied``.
- :func:`audit`: record a change (views that change a network call it after saving).
- :func:`search_scope`: whose networks a search for people known to the service sees for the
  signed-in user (what it may then show is :mod:`connections.sharing`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, make_response, request
from flask_login import current_user, login_required

from connections.accounts import AuditAction, UserRole
from connections.store import Store
from webapp.db import get_store

F = TypeVar("F", bound=Callable[..., Any])

#: The model's id rule (connections.model.Id): anything else cannot be a young person.
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def roles_required(*roles: UserRole) -> Callable[[F], F]:
    """Allow only signed-in users with one of ``roles`` (others get 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorator


def may_open(young_person_id: str) -> bool:
    """Whether the signed-in user may open this young person (no query of its own for a
    signed-in session: the allocations come with the user)."""
    if not current_user.is_authenticated or not _ID.match(young_person_id):
        return False
    if current_user.role.sees_whole_cohort:
        return True
    if current_user.allocated is not None:  # read with the user at the start of the request
        return young_person_id in current_user.allocated
    return get_store().is_allocated(current_user.username, young_person_id)


def search_scope(store: Store) -> dict[str, Any]:
    """How the store's person searches see the signed-in user (``visible``, ``all_visible``,
    ``allocated``: :meth:`~connections.store.Store.find_people`): the young people allocated to
    them, whose networks they see, and for managers and admins every young person's name."""
    allocated = (
        sorted(current_user.allocated)
        if current_user.allocated is not None
        else store.allocated_ids(current_user.username)
    )
    if current_user.role.sees_whole_cohort:
        return {"visible": [], "all_visible": True, "allocated": allocated}
    return {"visible": allocated, "all_visible": False, "allocated": allocated}


def young_person_access(view: F) -> F:
    """For every route with a ``young_person_id``: 404 unless the signed-in user may open this
    young person; the view is audited (a GET as ``view``, with the endpoint as detail)."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        young_person_id = kwargs["young_person_id"]
        if not may_open(young_person_id):
            if _ID.match(young_person_id):
                audit(AuditAction.DENIED, young_person_id, request.endpoint or "")
            abort(404)
        recording = None
        if request.method in ("GET", "HEAD"):
            recording = _audit_beside(AuditAction.VIEW, young_person_id, request.endpoint or "")
        try:
            response = make_response(view(*args, **kwargs))
        finally:
            if recording is not None:
                # The view is not sent unless its audit event was saved (an error here is the
                # database's: answered 503 like any other).
                recording.result()
        return response

    return cast(F, wrapped)


#: Audit writes beside the page being built: a view's event is one small write transaction,
#: and waiting for it before reading the network added its whole round trip to every page.
_AUDIT_WRITERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="audit")


def _audit_beside(action: str, young_person_id: str, detail: str) -> Future[None]:
    """Start writing an audit event on another thread; the caller waits for it (``result()``)
    before answering, so no view is ever sent unrecorded."""
    return _AUDIT_WRITERS.submit(
        get_store().record_audit, current_user.username, str(action), young_person_id, detail
    )


def audit(action: str, young_person_id: str, detail: str = "") -> None:
    """Append an event to the audit trail for the signed-in user."""
    get_store().record_audit(current_user.username, str(action), young_person_id, detail)
