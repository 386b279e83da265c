"""Spreadsheets in and out of the web app (``docs/spreadsheets.md``).

- ``/spreadsheets/template.csv``: the template (headers only), for anyone signed in.
- ``/young-people/<id>/network.csv``: the network as CSV, for workers allocated to the young
  person (audited as an export). Every cell is safe to open in a spreadsheet.
- ``/young-people/<id>/spreadsheet``: upload a CSV file (coordinators, managers and admins), see
  who will be added and who updated, then confirm. Errors are listed with their row and column in
  the GOV.UK error summary, and nothing is written unless the whole file is good. Confirming
  checks the file again against the network as it is then, and the save is refused (a new
  preview is shown) if the network changed since the preview. The import is audited as a change.
- ``/cohort.csv``: the cohort table as CSV, with the cohort page's filters, for managers and
  admins (each young person in it gets an export event on their audit trail).
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as BaseResponse

from connections import cohort, cohort_rows, csv_network
from connections.accounts import AuditAction, UserRole
from connections.csvfile import csv_writer
from connections.model import FieldError, InvalidInput, Network
from connections.store import CommitOutcomeUnknown, PreconditionFailed, document_version
from webapp.access import audit, roles_required, young_person_access
from webapp.cohort.views import Filters
from webapp.consent.current import finding_paused
from webapp.db import get_store
from webapp.network.views import editor_only, forms_only
from webapp.spreadsheets.forms import ConfirmForm, UploadForm, pack, unpack
from webapp.tables import as_of

bp = Blueprint("spreadsheets", __name__)
bp.before_request(forms_only)

#: The error summary lists at most this many problems; the table under it lists them all.
SUMMARY_MAX = 30
CSV_TYPE = "text/csv; charset=utf-8"

CHANGED_SINCE = (
    "The network has changed since you checked the file. Check the changes below again, "
    "then save them."
)


def _csv_response(text: str, filename: str) -> Response:
    # With a byte order mark, so that Excel reads the file as UTF-8.
    response = Response(text.encode("utf-8-sig"), content_type=CSV_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


# --- downloads ------------------------------------------------------------------------------------


@bp.route("/spreadsheets/template.csv")
@login_required
def template() -> Response:
    """The template: no child's data, so any signed-in user may have it (nothing to audit)."""
    return _csv_response(csv_network.template_csv(), "network-template.csv")


@bp.route("/young-people/<young_person_id>/network.csv")
@young_person_access
def network_file(young_person_id: str) -> Response:
    network = get_store().load_network(young_person_id)
    audit(AuditAction.EXPORT, young_person_id, "network.csv")
    filename = f"network-{_safe_name(young_person_id)}-{as_of().isoformat()}.csv"
    return _csv_response(csv_network.network_csv(network), filename)


@bp.route("/cohort.csv")
@roles_required(UserRole.MANAGER, UserRole.ADMIN)
def cohort_file() -> Response:
    """The cohort CSV of ``connections cohort --format csv``, filtered as the cohort page is."""
    day = as_of()
    filters = Filters.from_args(request.args)
    store = get_store()
    rows = [row for row in cohort_rows.all_rows(store, day) if filters.keep(row, day)]
    out = _Text()
    writer = csv_writer(out)
    writer.writerow(cohort.CSV_COLUMNS)
    writer.writerows(cohort.csv_cells(row) for row in rows)
    store.record_audits(
        current_user.username,
        str(AuditAction.EXPORT),
        [row.young_person_id for row in rows],
        "cohort.csv",
    )
    return _csv_response(out.text(), f"cohort-{day.isoformat()}.csv")


@bp.app_template_global("cohort_csv_url")
def cohort_csv_url() -> str:
    """The cohort CSV with the cohort page's filters (not its page number or sort)."""
    kept = {
        name: request.args.getlist(name)
        for name in request.args
        if name not in ("page", "sort", "order")
    }
    return url_for("spreadsheets.cohort_file", **kept)


class _Text:
    """A text stream to write a CSV into (a list of parts: no quadratic joining)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def text(self) -> str:
        return "".join(self.parts)


# --- upload, preview, confirm --------------------------------------------------------------------


@bp.route("/young-people/<young_person_id>/spreadsheet", methods=["GET", "POST"])
@editor_only
def upload(young_person_id: str) -> BaseResponse | tuple[str, int]:
    store = get_store()
    network = store.load_network(young_person_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _upload_page(network, form, status=400 if form.errors else 200)
    storage = form.file.data
    data = storage.read()
    filename = storage.filename or "file.csv"
    return _check(network, form, data, filename)


@bp.route("/young-people/<young_person_id>/spreadsheet/confirm", methods=["POST"])
@editor_only
def confirm(young_person_id: str) -> BaseResponse | tuple[str, int]:
    store = get_store()
    network = store.load_network(young_person_id)
    form = ConfirmForm()
    data = unpack(form.contents.data or "") if form.validate_on_submit() else None
    if data is None:
        # A form without its CSRF token, or with its file tampered with: start again.
        upload_form = UploadForm(formdata=None)
        upload_form.file.errors = ["The file could not be read back: upload it again"]
        return _upload_page(network, upload_form, status=400)
    filename = (form.filename.data or "file.csv")[:200]
    if form.version.data != document_version(network):
        return _check(network, UploadForm(formdata=None), data, filename, CHANGED_SINCE, 409)
    try:
        result = _read(network, data)
    except InvalidInput as error:
        return _upload_page(network, UploadForm(formdata=None), error.errors, filename, 400)
    if result.changes_anything:
        try:
            store.replace_network(result.network, {form.version.data})
        except PreconditionFailed:  # changed since it was read above: preview it as it is now
            network = store.load_network(young_person_id)
            return _check(network, UploadForm(formdata=None), data, filename, CHANGED_SINCE, 409)
        except CommitOutcomeUnknown:
            abort(
                503,
                description="The connection to the database was lost while saving: "
                "look at the network to see whether the changes were saved.",
            )
        audit(
            AuditAction.CHANGE,
            young_person_id,
            f"csv import {filename}: {result.summary()}",
        )
    flash(f"{filename} is imported: {result.summary()}.", "success")
    return redirect(url_for("network.manage", young_person_id=young_person_id))


def _read(network: Network, data: bytes) -> csv_network.CsvImport:
    paused = finding_paused(network.young_person.id, network.young_person.date_of_birth)
    return csv_network.read_import(data, network, finding_paused=paused)


def _check(
    network: Network,
    form: UploadForm,
    data: bytes,
    filename: str,
    problem: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    """The preview of a file, or the upload page with its errors."""
    try:
        result = _read(network, data)
    except InvalidInput as error:
        return _upload_page(network, form, error.errors, filename, 400)
    packed = pack(data)
    limit = request.max_form_memory_size  # what the confirm form's hidden field may hold
    if limit is not None and len(packed) > limit - 10_000:  # room for the other fields
        too_big = FieldError(
            path="",
            message="the file is too large to check and save in one go in the web app: split it "
            "into smaller files (or import it with the connections command)",
        )
        return _upload_page(network, form, [too_big], filename, 400)
    confirm_form = ConfirmForm(
        formdata=None,
        contents=packed,
        version=document_version(network),
        filename=filename[:200],
    )
    people = {person.id: person.name for person in network.people}
    page = render_template(
        "spreadsheets/preview.html",
        network=network,
        yp=network.young_person,
        result=result,
        form=confirm_form,
        filename=filename,
        people=people,
        problem=problem,
    )
    return page, status


def _upload_page(
    network: Network,
    form: UploadForm,
    problems: list[FieldError] | None = None,
    filename: str = "",
    status: int = 200,
) -> tuple[str, int]:
    problems = problems or []
    if problems:
        count = len(problems)
        form.file.errors = [
            f"{filename or 'The file'} has {count} problem{'s' if count != 1 else ''}: nothing "
            "was imported. Correct the file and upload it again"
        ]
    summary: list[dict[str, Any]] = [
        {"text": str(error)[0].upper() + str(error)[1:], "href": "#problems"}
        for error in problems[:SUMMARY_MAX]
    ]
    if not problems and form.file.errors:
        summary = [{"text": form.file.errors[0], "href": "#file"}]
    page = render_template(
        "spreadsheets/upload.html",
        network=network,
        yp=network.young_person,
        form=form,
        problems=problems,
        summary=summary,
        more=max(0, len(problems) - SUMMARY_MAX),
        columns=csv_network.COLUMNS,
    )
    return page, status
