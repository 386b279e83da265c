"""``/young-people/<id>/own-words``: what the young person wants their family to know, and
whether they chose to show it at their Family Group Conference.

The worker's view shows the words whatever the choice, with where they came from (the young
person's invitation page, or a worker recording what the young person said, who and when). A
worker records them on the young person's behalf only by confirming they are the young person's
own words. The conference view shows them only when the young person chose to
(:func:`connections.audiences.conference_words`). Access is
:func:`~webapp.access.young_person_access` (audited); each change is audited, never with the
words themselves.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from connections.accounts import AuditAction
from connections.model import InvalidInput
from connections.own_words import WORDS_MAX, parse_words
from webapp.access import audit, young_person_access
from webapp.auth.sessions import now
from webapp.db import get_store
from webapp.own_words.forms import OwnWordsForm

bp = Blueprint("own_words", __name__)

_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


@bp.before_request
def _forms_only() -> None:
    if request.method == "POST" and request.mimetype and request.mimetype not in _FORM_TYPES:
        abort(415)


@bp.route("/young-people/<young_person_id>/own-words", methods=["GET", "POST"])
@young_person_access
def show(young_person_id: str) -> Response | tuple[str, int]:
    """The words as recorded, and the form to record them on the young person's behalf."""
    store = get_store()
    young_person = store.get_young_person(young_person_id)
    words = store.own_words(young_person_id)
    if request.method == "GET" and words is not None:
        form = OwnWordsForm(
            data={"own_words": words.text, "share_own_words": "yes" if words.share else "no"}
        )
    else:
        form = OwnWordsForm()

    def page(status: int = 200) -> tuple[str, int]:
        html = render_template(
            "own_words/show.html", yp=young_person, words=words, form=form, words_max=WORDS_MAX
        )
        return html, status

    if not form.validate_on_submit():
        return page(400 if form.errors else 200)
    try:
        text, share = parse_words(form.values(), worker=True)
        store.record_own_words(young_person_id, text, bool(share), current_user.username, now())
    except InvalidInput as error:
        form.show_errors(error.errors)
        return page(400)
    shown = "to show at the family meeting" if share else "not to show"
    audit(AuditAction.CHANGE, young_person_id, f"own words recorded for the young person ({shown})")
    flash(
        f"Recorded what {young_person.name} wants their family to know"
        + (": it will be shown at the family meeting." if share else ": it will not be shown."),
        "success",
    )
    return redirect(url_for("own_words.show", young_person_id=young_person_id))
