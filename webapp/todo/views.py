"""``/to-do``: what waits for the signed-in worker across the young people allocated to them.

One batched read of their networks (the scoring read, without free text), the link requests
waiting for their decision, and one audit write naming every young person whose tasks the page
shows. The tasks themselves are worked out in :mod:`connections.todo`.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from connections import todo
from connections.accounts import AuditAction
from connections.scoring import score
from connections.todo import Task, TaskKind
from webapp.db import get_store
from webapp.layout import LINK_REQUEST_ROLES
from webapp.tables import as_of

bp = Blueprint("todo", __name__)


@bp.route("/to-do")
@login_required
def index() -> str:
    store = get_store()
    allocated = current_user.allocated  # read with the user for this request
    ids = sorted(allocated) if allocated is not None else store.allocated_ids(current_user.username)
    day = as_of()
    tasks: list[Task] = []
    for network in store.networks_for_scoring(ids) if ids else []:
        tasks.extend(todo.network_tasks(network, score(network, day), day))
    if ids:
        tasks.extend(todo.invitation_tasks(store.invitations_to_review(ids)))
    if current_user.role in LINK_REQUEST_ROLES:
        tasks.extend(
            Task(
                TaskKind.LINK_REQUEST,
                item.young_person_id,
                item.young_person_name,
                item.id,
                f"{item.requested_by_name} asks to link someone they searched for as "
                f"“{item.query}” to {item.young_person_name}’s network.",
                item.created_at.date(),
            )
            for item in store.link_requests_awaiting(
                current_user.username, everyone=bool(current_user.is_admin)
            )
        )
    groups = todo.by_kind(tasks)
    # A link request's young person is the requester's, not necessarily one of this worker's:
    # only the tasks from their own networks are views of a child's data here.
    shown = sorted(
        {task.young_person_id for task in tasks if task.kind is not TaskKind.LINK_REQUEST}
    )
    store.record_audits(current_user.username, AuditAction.VIEW, shown, "to do")
    return render_template(
        "todo/index.html",
        groups=groups,
        headings=todo.HEADINGS,
        kinds=TaskKind,
        total=len(tasks),
        allocated=len(ids),
    )
