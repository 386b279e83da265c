"""The young person's own words for their family meeting (:mod:`connections.own_words`).
Statements are in ``cypher/own_words.cypher``; the invitation page's copy is written inside the
submission's own transaction (:meth:`~connections.store.Store.submit_invitation`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import neo4j.time

from connections.model import InvalidInput
from connections.own_words import WORDS_MAX, GivenBy, OwnWords
from connections.store.base import NotFound, StoreBase


def _native(value: Any) -> datetime:
    return value.to_native() if isinstance(value, neo4j.time.DateTime) else value


class OwnWordsRecords(StoreBase):
    """Read and record a young person's own words."""

    def own_words(self, young_person_id: str) -> OwnWords | None:
        """The statement as recorded, or ``None`` if there is none."""
        records = self.read("own_words.get", young_person_id=young_person_id)
        if not records:
            return None
        row = records[0]["words"]
        return OwnWords(
            text=row["text"],
            share=bool(row["share"]),
            given_by=GivenBy(row["given_by"]),
            recorded_by=row["recorded_by"],
            recorded_at=_native(row["recorded_at"]),
        )

    def record_own_words(
        self, young_person_id: str, text: str, share: bool, recorded_by: str, now: datetime
    ) -> OwnWords:
        """Record what the young person said, on their behalf, by ``recorded_by`` (a worker's
        username) at ``now``, replacing any earlier statement. :class:`InvalidInput` naming the
        field for empty or too long words (nothing written); :class:`NotFound` for no such
        young person."""
        text = text.strip()
        if not text:
            raise InvalidInput.single("own_words", "write what the young person said")
        if len(text) > WORDS_MAX:
            raise InvalidInput.single("own_words", f"is longer than {WORDS_MAX} characters")
        records = self.write(
            "own_words.save",
            young_person_id=young_person_id,
            text=text,
            share=share,
            given_by=GivenBy.WORKER.value,
            recorded_by=recorded_by,
            recorded_at=now,
        )
        if not records or not records[0]["saved"]:
            raise NotFound(f"no young person {young_person_id}")
        return OwnWords(text, share, GivenBy.WORKER, recorded_by, now)
