"""The young person's page: see :mod:`webapp.invitation_page`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError, validate_csrf
from werkzeug.exceptions import TooManyRequests
from werkzeug.wrappers import Response
from wtforms.validators import ValidationError

from connections.accounts import AuditAction
from connections.invitations import (
    Draft,
    Invitation,
    InvitationState,
    apply_answers,
    looks_like_token,
    parse_answers,
)
from connections.model import FieldError, InvalidInput, Network, Wishes
from connections.own_words import WORDS_MAX
from connections.scoring import score
from connections.store import InvitationClosed
from connections.young_person_audience import (
    InvitationView,
    for_young_person_invitation,
    shown_person_ids,
)
from webapp.auth.sessions import now
from webapp.db import get_store
from webapp.security import csrf
from webapp.tables import as_of

bp = Blueprint("invitation_page", __name__)
# The token is checked in the view (see the package's docstring for why).
csrf.exempt(bp)

#: "How close do you feel to them?" in a young person's words, 0 to 4.
CLOSENESS_CHOICES: tuple[tuple[int, str], ...] = (
    (0, "Not close"),
    (1, "A little close"),
    (2, "Quite close"),
    (3, "Close: they care about me"),
    (4, "Very close: they love me and I can count on them"),
)
#: "Would you like to see them?"
WISH_CHOICES: tuple[tuple[Wishes, str], ...] = (
    (Wishes.WANTS, "Yes"),
    (Wishes.NOT_NOW, "Not right now"),
    (Wishes.REFUSES, "No"),
    (Wishes.UNKNOWN, "I'm not sure"),
)
#: Shown with any audit event the young person's own visits make.
_WHO = "invitation:{}"


@bp.after_request
def _private(response: Response) -> Response:
    """The token is in the address: never send it on as a referrer, never keep the page."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(TooManyRequests)
def _too_many(error: TooManyRequests) -> Response:
    response = make_response(render_template("invitation_page/busy.html"), 429)
    retry = error.get_response().headers.get("Retry-After")
    if retry:
        response.headers["Retry-After"] = retry
    return response


@bp.errorhandler(CSRFError)
def _expired_form(error: CSRFError) -> Response:
    return make_response(render_template("invitation_page/expired_form.html"), 400)


def closed() -> Response:
    """The one answer to every link that does not open a page now: the same page, the same
    status, whatever the reason (answered, expired, revoked, never existed)."""
    return make_response(render_template("invitation_page/closed.html"), 404)


def _audit(invitation: Invitation, action: str, detail: str) -> None:
    get_store().record_audit(_WHO.format(invitation.id), action, invitation.young_person_id, detail)


def _open_invitation(token: str) -> Invitation | None:
    """The invitation the token opens now, or None (a refused use of a known link is
    audited)."""
    if not looks_like_token(token):
        return None
    invitation = get_store().invitation_by_token(token)
    if invitation is None:
        return None
    state = invitation.state(now())
    if state is not InvitationState.OPEN:
        _audit(invitation, AuditAction.DENIED, f"invitation link used while {state.value}")
        return None
    return invitation


@bp.route("/i/<token>", methods=["GET", "POST"])
def show(token: str) -> Response:
    invitation = _open_invitation(token)
    if invitation is None:
        return closed()
    store = get_store()
    network = store.load_network(invitation.young_person_id)
    person_ids = shown_person_ids(network, invitation.person_ids)
    view = for_young_person_invitation(network, person_ids)

    if request.method == "GET":
        _audit(invitation, AuditAction.YOUNG_PERSON, "invitation page opened")
        return _page(token, invitation, view, _values(invitation.draft, view, person_ids))

    if current_app.config.get("WTF_CSRF_ENABLED", True):
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError as error:
            raise CSRFError(str(error)) from None
    try:
        draft = parse_answers(request.form, person_ids)
    except InvalidInput as error:
        values = _posted_values(request.form, len(person_ids))
        return _page(token, invitation, view, values, error.errors, status=400)

    if request.form.get("action") == "save":
        if not store.save_invitation_draft(token, draft, now()):
            return closed()
        _audit(invitation, AuditAction.YOUNG_PERSON, "invitation answers saved to finish later")
        return redirect(url_for("invitation_page.show", token=token, saved="1") + "#saved")

    before, after = _scores(network, person_ids, draft)
    try:
        store.submit_invitation(token, draft, now(), as_of(), (before, after))
    except InvitationClosed:
        return closed()
    _audit(
        invitation,
        AuditAction.YOUNG_PERSON,
        f"invitation answers sent: {sum(1 for a in draft.answers if a.answered)} people rated, "
        f"score {before} -> {after}" + _words_detail(draft),
    )
    return make_response(render_template("invitation_page/thanks.html", view=view))


def _words_detail(draft: Draft) -> str:
    """What the audit trail says of the young person's own words (never the words)."""
    if not draft.words:
        return ""
    shown = "to show at the family meeting" if draft.share_words else "not to show"
    return f"; own words for the family meeting given ({shown})"


def _scores(network: Network, person_ids: Sequence[str], draft: Draft) -> tuple[float, float]:
    """The coverage score before and with the answers (for the coordinator's review)."""
    day = as_of()
    after = apply_answers(network, person_ids, draft)
    return score(network, day).score, score(after, day).score


def _values(draft: Draft, view: InvitationView, person_ids: Sequence[str]) -> list[dict[str, str]]:
    """What each person's questions show as chosen: the saved draft, else the young person's
    own earlier answers (never a worker's estimate: the view has none). ``view.people`` is in
    the order of ``person_ids``."""
    answers = {a.person_id: a for a in draft.answers}
    values = []
    for pid, person in zip(person_ids, view.people, strict=True):
        answer = answers.get(pid)
        closeness = answer.closeness if answer and answer.closeness is not None else None
        if closeness is None:
            closeness = person.closeness
        wishes = answer.wishes if answer and answer.wishes is not None else person.wishes
        values.append(
            {
                "closeness": "" if closeness is None else str(closeness),
                "wishes": wishes.value if wishes else "",
            }
        )
    return values


def _posted_values(form: Mapping[str, str], count: int) -> list[dict[str, str]]:
    return [
        {
            "closeness": form.get(f"closeness-{index}", ""),
            "wishes": form.get(f"wishes-{index}", ""),
        }
        for index in range(count)
    ]


def _page(
    token: str,
    invitation: Invitation,
    view: InvitationView,
    values: list[dict[str, str]],
    errors: Sequence[FieldError] = (),
    status: int = 200,
) -> Response:
    posted = request.method == "POST"
    draft = invitation.draft
    share = "" if draft.share_words is None else ("yes" if draft.share_words else "no")
    html = render_template(
        "invitation_page/page.html",
        own_words=request.form.get("own_words", "") if posted else draft.words,
        share_own_words=request.form.get("share_own_words", "") if posted else share,
        words_max=WORDS_MAX,
        token=token,
        view=view,
        values=values,
        suggestions=request.form.get("suggestions", invitation.draft.suggestions)
        if request.method == "POST"
        else invitation.draft.suggestions,
        errors={error.path: error.message for error in errors},
        expires_at=invitation.expires_at,
        saved=request.args.get("saved") == "1",
        closeness_choices=CLOSENESS_CHOICES,
        wish_choices=WISH_CHOICES,
    )
    return make_response(html, status)


__all__ = ["bp", "closed"]
