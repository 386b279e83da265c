"""A family tree into a young person's network, and the family out as a GEDCOM file
(docs/gedcom.md).

The import is four steps, one page each: upload the ``.ged`` file (read at once: a file that
cannot be read is refused with the line named), pick the young person among the people in it
(search by name and year of birth), see the preview (who will be added with role, side and
whether they have died, who is already in the network, who is left out and why), and confirm.
The file is held on the server between the steps (:mod:`.holding`). Importing goes through
:func:`connections.store.gedcom.save_import`: people already there are matched by their xref and
only what the file knows about them is updated; nothing a worker recorded is overwritten, and a
network changed by someone else since the preview is refused (nothing written).

Every page goes through :func:`~webapp.network.views.editor_only` (coordinators, managers,
admins; audited views); the upload and the import are audited too. The download
(``family-tree.ged``) is any allocated worker's, audited as an export.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from connections.accounts import AuditAction
from connections.gedcom import (
    DEFAULT_DEGREE,
    MAX_DEGREE,
    Conversion,
    FamilyTree,
    GedcomError,
    plan,
    read_tree,
    to_gedcom,
    to_network,
)
from connections.gedcom.reader import normalise_xref
from connections.model import InvalidInput, YoungPerson
from connections.store import PreconditionFailed
from connections.store.gedcom import save_import, with_family_of
from webapp.access import audit, may_open, young_person_access
from webapp.db import get_store
from webapp.gedcom import holding
from webapp.gedcom.forms import MAX_UPLOAD_BYTES, ConfirmForm, UploadForm
from webapp.network.views import editor_only, forms_only
from webapp.tables import as_of

bp = Blueprint("gedcom", __name__)
bp.before_request(forms_only)

#: Parsed trees by upload token, so searching and previewing do not read a large file again.
_TREES: OrderedDict[str, FamilyTree] = OrderedDict()
_TREES_KEPT = 8
SEARCH_LIMIT = 50
EXPIRED = "The uploaded family tree has expired or is not yours: upload it again."
CHANGED = (
    "The network changed while you were looking at the preview, so nothing was added. "
    "Check the preview again."
)


def _tree(held: holding.Held) -> FamilyTree:
    tree = _TREES.get(held.token)
    if tree is None:
        tree = read_tree(held.data)
        _TREES[held.token] = tree
        while len(_TREES) > _TREES_KEPT:
            _TREES.popitem(last=False)
    return tree


def _held(young_person_id: str, token: str) -> holding.Held:
    held = holding.fetch(token, current_user.username, young_person_id)
    if held is None:
        flash(EXPIRED, "error")
        abort(redirect(url_for("gedcom.upload", young_person_id=young_person_id)))
    return held


@bp.route("/young-people/<young_person_id>/family-tree/import", methods=["GET", "POST"])
@editor_only
def upload(young_person_id: str) -> str | WerkzeugResponse | tuple[str, int]:
    """Step 1: the file. Read at once, so a file that cannot be read is refused here."""
    young_person = get_store().get_young_person(young_person_id)
    form = UploadForm()

    def render(status: int = 200) -> tuple[str, int]:
        html = render_template("gedcom/upload.html", young_person=young_person, form=form)
        return html, status

    if request.method == "GET":
        return render()
    if not form.validate_on_submit():
        return render(400)
    upload_file = form.file.data
    file_name = re.sub(r"[^\w .()-]", "_", upload_file.filename or "family-tree.ged")[:100]
    if not file_name.lower().endswith(".ged"):
        form.file.errors = ["The family tree must be a GEDCOM file (.ged)"]
        return render(400)
    data = upload_file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        form.file.errors = [f"The file must be smaller than {MAX_UPLOAD_BYTES // 2**20} MB"]
        return render(400)
    try:
        tree = read_tree(data)
    except GedcomError as error:
        form.file.errors = [f"The file cannot be read: {error}"]
        return render(400)
    token = holding.hold(data, file_name, current_user.username, young_person_id)
    _TREES[token] = tree
    audit("upload", young_person_id, f"family tree {file_name}: {len(tree.people)} people")
    return redirect(url_for("gedcom.pick", young_person_id=young_person_id, token=token))


@bp.route("/young-people/<young_person_id>/family-tree/import/<token>")
@editor_only
def pick(young_person_id: str, token: str) -> str:
    """Step 2: who the young person is in the file (search by name and year of birth)."""
    young_person = get_store().get_young_person(young_person_id)
    held = _held(young_person_id, token)
    tree = _tree(held)
    query = request.args.get("q", young_person.name)[:200]
    found = tree.search(query, SEARCH_LIMIT + 1)
    return render_template(
        "gedcom/pick.html",
        young_person=young_person,
        held=held,
        tree=tree,
        query=query,
        found=found[:SEARCH_LIMIT],
        more=len(found) > SEARCH_LIMIT,
    )


def _degree(value: Any) -> int:
    try:
        degree = int(value)
    except (TypeError, ValueError):
        return DEFAULT_DEGREE
    return min(max(degree, 1), MAX_DEGREE)


def _siblings(young_person_id: str) -> list[YoungPerson]:
    """Whose network the same tree may have filled already: the other young people allocated
    to the signed-in worker."""
    allocated = get_store().allocated_young_people(current_user.username)
    return [yp for yp in allocated if yp.id != young_person_id]


def _family_of(young_person_id: str, value: str | None) -> str | None:
    """The sibling chosen on the preview, if the worker may open them (else nothing shared)."""
    chosen = (value or "")[:64]
    return chosen if chosen and chosen != young_person_id and may_open(chosen) else None


def _convert(tree: FamilyTree, xref: str, young_person: YoungPerson, degree: int) -> Conversion:
    return to_network(
        tree,
        xref,
        young_person.id,
        date_of_birth=young_person.date_of_birth,
        status=young_person.status,
        degree=degree,
    )


@bp.route("/young-people/<young_person_id>/family-tree/import/<token>/preview")
@editor_only
def preview(young_person_id: str, token: str) -> str | WerkzeugResponse:
    """Step 3: what the import will do, before anything is written."""
    store = get_store()
    existing = store.load_network(young_person_id)
    held = _held(young_person_id, token)
    tree = _tree(held)
    xref = normalise_xref(request.args.get("person", "")[:64])
    if xref not in tree.people:
        flash("Choose the young person from the people in the file.", "error")
        return redirect(url_for("gedcom.pick", young_person_id=young_person_id, token=token))
    degree = _degree(request.args.get("degree", DEFAULT_DEGREE))
    try:
        conversion = _convert(tree, xref, existing.young_person, degree)
    except InvalidInput as error:  # more relatives than a network holds, at a high degree
        flash(f"This cannot be imported: {error}", "error")
        return redirect(url_for("gedcom.pick", young_person_id=young_person_id, token=token))
    family_of = _family_of(young_person_id, request.args.get("family_of"))
    imported = with_family_of(store, conversion.network, family_of)
    sibling = {p.id for p in imported.people} - {p.id for p in conversion.network.people}
    form = ConfirmForm(data={"person": xref, "degree": degree, "family_of": family_of or ""})
    return render_template(
        "gedcom/preview.html",
        young_person=existing.young_person,
        held=held,
        chosen=tree.people[xref],
        conversion=conversion,
        plan=plan(existing, imported),
        shared=sibling,
        siblings=_siblings(young_person_id),
        family_of=family_of,
        degree=degree,
        degrees=range(1, MAX_DEGREE + 1),
        form=form,
    )


@bp.route("/young-people/<young_person_id>/family-tree/import/<token>/confirm", methods=["POST"])
@editor_only
def confirm(young_person_id: str, token: str) -> WerkzeugResponse:
    """Step 4: import, merged into the network as it was read now, all or nothing."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    store = get_store()
    existing = store.load_network(young_person_id)
    held = _held(young_person_id, token)
    tree = _tree(held)
    xref = normalise_xref(form.person.data or "")
    if xref not in tree.people:
        abort(400)
    back = url_for(
        "gedcom.preview",
        young_person_id=young_person_id,
        token=token,
        person=xref,
        degree=form.degree.data,
        family_of=form.family_of.data or None,
    )
    family_of = _family_of(young_person_id, form.family_of.data)
    try:
        conversion = _convert(tree, xref, existing.young_person, _degree(form.degree.data))
        imported = with_family_of(store, conversion.network, family_of)
        changes = plan(existing, imported)
        save_import(store, imported, existing)
    except PreconditionFailed:
        flash(CHANGED, "error")
        return redirect(back)
    except InvalidInput as error:
        flash(f"Nothing was added: {error}", "error")
        return redirect(back)
    holding.release(token)
    _TREES.pop(token, None)
    audit(
        AuditAction.CHANGE,
        young_person_id,
        f"family tree {held.file_name} imported: {len(changes.added)} added, "
        f"{len(changes.existing)} updated"
        + (f", people shared with {family_of}" if family_of else ""),
    )
    flash(
        f"{len(changes.added)} {'person' if len(changes.added) == 1 else 'people'} added from "
        f"the family tree as leads; {len(changes.existing)} already in the network updated.",
        "success",
    )
    return redirect(url_for("young_people.show", young_person_id=young_person_id))


@bp.route("/young-people/<young_person_id>/family-tree.ged")
@young_person_access
def download(young_person_id: str) -> Response:
    """The family as GEDCOM 5.5.1: no professionals, carers or friends, no notes or ratings,
    restricted people as placeholders (docs/gedcom.md)."""
    network = get_store().load_network(young_person_id)
    text = to_gedcom(network, as_of())
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", young_person_id)
    response = Response(text.encode("utf-8"), mimetype="text/plain")
    response.headers["Content-Type"] = "application/x-gedcom; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="family-tree-{safe}-{as_of().isoformat()}.ged"'
    )
    audit(AuditAction.EXPORT, young_person_id, "family-tree.ged")
    return response
