"""Invitations to a young person to rate their own people (docs/invitations.md,
:mod:`connections.invitations`). Statements are in ``cypher/invitations.cypher``.

The token is never stored, only its SHA-256: a young person's link is looked up by that hash
(:meth:`InvitationRecords.invitation_by_token`). Submitting the answers
(:meth:`InvitationRecords.submit_invitation`) is one transaction: the young person's write lock,
the check that the invitation is still open, every rating, and the invitation marked answered
with its suggestions; a second submit, or a submit after the link expired or was revoked, writes
nothing. A worker's estimate replaced by the young person's rating is kept on the answer record.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import neo4j
import neo4j.time

from connections.invitations import (
    PROVENANCE,
    AnswerRecord,
    Draft,
    Invitation,
    Suggestion,
    ToReview,
    expires_at,
    split_suggestions,
    token_hash,
)
from connections.model import RatedBy, Wishes
from connections.store.base import AlreadyExists, NotFound, StoreBase, StoreError, _statements


class InvitationClosed(StoreError):
    """The invitation is answered, revoked or expired (or never existed): nothing was written.
    The message is for a coordinator or an API client, never for the young person's page, which
    answers every such case with one kind page."""


class InvitationRecords(StoreBase):
    """Create, find, revoke and answer invitations."""

    def create_invitation(
        self,
        young_person_id: str,
        person_ids: Sequence[str],
        days: int,
        created_by: str,
        now: datetime,
        token: str,
        *,
        request_key: str = "",
    ) -> Invitation:
        """A new open invitation for ``person_ids`` (checked by the caller against the network:
        :func:`connections.invitations.check_people`), valid ``days`` from ``now``; only the
        hash of ``token`` is stored. :class:`NotFound` for no such young person.

        ``request_key`` is the form's own one-time key: the same form sent twice (a refresh of
        the page that showed the link, a double click) raises :class:`AlreadyExists` and
        creates nothing, so there is never a second live link the coordinator did not see. The
        check and the write are one transaction under the young person's write lock."""
        props = {
            "id": f"inv-{uuid.uuid4().hex[:16]}",
            "token_hash": token_hash(token),
            "person_ids": list(person_ids),
            "created_at": now,
            "expires_at": expires_at(now, days),
            "created_by": created_by,
            "revoked_by": "",
            "draft": json.dumps(Draft().to_json()),
            "request_key": request_key,
        }

        def work(tx: neo4j.ManagedTransaction) -> neo4j.Record:
            statements = _statements()
            made = tx.run(
                statements["invitation.lock_request"],
                young_person_id=young_person_id,
                request_key=request_key,
            ).single()
            if made is None:
                raise NotFound(f"No young person with id {young_person_id!r}.")
            if made["made"]:
                raise AlreadyExists("This invitation was created already.")
            record = tx.run(
                statements["invitation.create"], young_person_id=young_person_id, props=props
            ).single()
            if record is None:  # cannot happen under the lock; say so rather than assume
                raise NotFound(f"No young person with id {young_person_id!r}.")
            return record

        return _invitation(self._transaction(work))

    def invitation_by_token(self, token: str) -> Invitation | None:
        """The invitation a link's token opens, whatever its state; None for no such token.
        (The young person's page treats every state but open exactly as None.)"""
        records = self.read("invitation.by_token", token_hash=token_hash(token))
        return _invitation(records[0]) if records else None

    def get_invitation(self, young_person_id: str, invitation_id: str) -> Invitation:
        """One invitation of this young person with its answers and suggestions; NotFound if
        it is not theirs."""
        records = self.read("invitation.get", young_person_id=young_person_id, id=invitation_id)
        if not records:
            raise NotFound("No such invitation.")
        return _invitation(records[0])

    def invitations(self, young_person_id: str) -> list[Invitation]:
        """The young person's invitations, newest first."""
        records = self.read("invitation.list", young_person_id=young_person_id)
        return [_invitation(record) for record in records]

    def revoke_invitation(
        self, young_person_id: str, invitation_id: str, revoked_by: str, now: datetime
    ) -> bool:
        """Revoke at once; False if it was answered or revoked already (nothing changes).
        NotFound if it is not this young person's."""
        records = self.write(
            "invitation.revoke",
            young_person_id=young_person_id,
            id=invitation_id,
            revoked_by=revoked_by,
            now=now,
        )
        if not records:
            raise NotFound("No such invitation.")
        return bool(records[0]["revocable"])

    def save_invitation_draft(self, token: str, draft: Draft, now: datetime) -> bool:
        """Save the young person's answers so far ("save and come back"); False (nothing
        written) unless the invitation is open at ``now``."""
        records = self.write(
            "invitation.save_draft",
            token_hash=token_hash(token),
            draft=json.dumps(draft.to_json()),
            now=now,
        )
        return bool(records and records[0]["saved"])

    def submit_invitation(
        self,
        token: str,
        draft: Draft,
        now: datetime,
        answered_on: date,
        scores: tuple[float, float] | None = None,
    ) -> Invitation:
        """Save the young person's answers, in one transaction: each rating on their
        relationship (``closeness_rated_by = young_person``), what it replaced kept on the
        invitation's answer record, the invitation answered for good, each line of the
        suggestions a task to review, and their own words for the family meeting (with their
        choice to show them or not) if they wrote any. Only the invitation's own people can be
        written.
        ``scores`` (before, after) are the coverage scores the web worked out for the review.

        :class:`InvitationClosed` (nothing written) unless the invitation is open at ``now``:
        already submitted, revoked, expired, or no such token."""
        statements = _statements()
        hashed = token_hash(token)

        def work(tx: neo4j.ManagedTransaction) -> tuple[str, str]:
            head = tx.run(statements["invitation.lock_open"], token_hash=hashed, now=now).single()
            if head is None or not head["open"]:
                raise InvitationClosed("This invitation is answered, revoked or expired.")
            allowed = set(head["person_ids"] or [])
            answers = [
                {
                    "person_id": answer.person_id,
                    "closeness": answer.closeness,
                    "wishes": answer.wishes.value if answer.wishes else None,
                }
                for answer in draft.answers
                if answer.person_id in allowed and answer.answered
            ]
            tx.run(
                statements["invitation.write_answers"],
                young_person_id=head["young_person_id"],
                id=head["id"],
                answers=answers,
                answered_on=answered_on,
                provenance=PROVENANCE,
            ).consume()
            suggestions = [
                {"id": f"sg-{uuid.uuid4().hex[:12]}", "text": text, "position": position}
                for position, text in enumerate(split_suggestions(draft.suggestions))
            ]
            if draft.words and draft.share_words is not None:
                tx.run(
                    statements["own_words.save_from_invitation"],
                    token_hash=hashed,
                    text=draft.words,
                    share=draft.share_words,
                    recorded_at=now,
                ).consume()
            before, after = scores if scores is not None else (None, None)
            tx.run(
                statements["invitation.finish"],
                id=head["id"],
                now=now,
                draft=json.dumps(draft.to_json()),
                score_before=before,
                score_after=after,
                suggestions=suggestions,
            ).consume()
            return head["young_person_id"], head["id"]

        young_person_id, invitation_id = self._transaction(work)
        return self.get_invitation(young_person_id, invitation_id)

    def mark_invitation_reviewed(
        self, young_person_id: str, invitation_id: str, reviewed_by: str, now: datetime
    ) -> bool:
        """A worker has read what an answered invitation changed; False when it is not answered
        or was reviewed already (nothing changes)."""
        records = self.write(
            "invitation.reviewed",
            young_person_id=young_person_id,
            id=invitation_id,
            reviewed_by=reviewed_by,
            now=now,
        )
        return bool(records and records[0]["reviewed"])

    def invitations_to_review(self, young_person_ids: Sequence[str]) -> list[ToReview]:
        """These young people's answered invitations whose answers are not reviewed yet or
        that have suggestions not yet dealt with, oldest answer first: one query."""
        records = self.read("invitation.to_review", young_person_ids=list(young_person_ids))
        return [
            ToReview(
                young_person_id=record["young_person_id"],
                young_person_name=record["young_person_name"],
                invitation_id=record["id"],
                submitted_at=_native(record["submitted_at"]),
                answers_to_review=bool(record["answers_to_review"]),
                suggestions=tuple((sid, text) for sid, text in record["suggestions"]),
            )
            for record in records
        ]

    def mark_suggestion_done(
        self,
        young_person_id: str,
        invitation_id: str,
        suggestion_id: str,
        done_by: str,
        now: datetime,
    ) -> None:
        """A worker has dealt with a suggestion (added the person, or decided not to)."""
        records = self.write(
            "invitation.suggestion_done",
            young_person_id=young_person_id,
            id=invitation_id,
            suggestion_id=suggestion_id,
            done_by=done_by,
            now=now,
        )
        if not records or not records[0]["done"]:
            raise NotFound("No such suggestion.")


def _native(value: Any) -> Any:
    if isinstance(value, neo4j.time.DateTime | neo4j.time.Date):
        return value.to_native()
    return value


def _enum(kind: type[Any], value: Any) -> Any:
    return None if value is None else kind(value)


def _answer(values: Mapping[str, Any]) -> AnswerRecord:
    return AnswerRecord(
        person_id=values.get("person_id", ""),
        person_name=values.get("person_name", ""),
        before_closeness=values.get("before_closeness"),
        before_rated_by=_enum(RatedBy, values.get("before_rated_by")),
        before_wishes=_enum(Wishes, values.get("before_wishes")),
        closeness=values.get("closeness"),
        wishes=_enum(Wishes, values.get("wishes")),
    )


def _suggestion(values: Mapping[str, Any]) -> Suggestion:
    return Suggestion(
        id=values.get("id", ""),
        text=values.get("text", ""),
        done=bool(values.get("done")),
        done_by=values.get("done_by") or "",
        done_at=_native(values.get("done_at")),
    )


def _invitation(record: neo4j.Record) -> Invitation:
    values = dict(record["invitation"])
    person_ids = tuple(values.get("person_ids") or ())
    try:
        draft = Draft.from_json(json.loads(values.get("draft") or "{}"), person_ids)
    except ValueError:
        draft = Draft()
    answers = sorted((_answer(a) for a in record["answers"]), key=lambda a: a.person_name)
    suggestions = [
        _suggestion(s)
        for s in sorted(record["suggestions"], key=lambda s: (s.get("position") or 0, s["id"]))
    ]
    return Invitation(
        id=values["id"],
        young_person_id=record["young_person_id"],
        person_ids=person_ids,
        created_at=_native(values["created_at"]),
        expires_at=_native(values["expires_at"]),
        created_by=values.get("created_by", ""),
        submitted_at=_native(values.get("submitted_at")),
        revoked_at=_native(values.get("revoked_at")),
        revoked_by=values.get("revoked_by") or "",
        reviewed_at=_native(values.get("reviewed_at")),
        reviewed_by=values.get("reviewed_by") or "",
        draft=draft,
        score_before=values.get("score_before"),
        score_after=values.get("score_after"),
        answers=tuple(answers),
        suggestions=tuple(suggestions),
    )
