"""A young person's consent as the pages need it: the ledger, the state of each purpose on the
app's date, and whether family finding is paused. The rule itself is
:mod:`connections.consent`'s; this only reads the ledger through the store (one query) and asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from connections.consent import (
    ALLOWED_WHILE_PAUSED,
    ConsentRecord,
    ConsentState,
    Purpose,
    check_finding_stage,
    consent_states,
    family_finding_paused,
)
from connections.model import FindingStatus
from webapp.db import get_store
from webapp.form_fields import choices
from webapp.tables import as_of


@dataclass(frozen=True)
class CurrentConsent:
    """The ledger (date order), each purpose's state and the pause sentence (None: family
    finding may go on)."""

    ledger: list[ConsentRecord]
    states: dict[Purpose, ConsentState]
    paused: str | None


def current_consent(young_person_id: str, date_of_birth: date) -> CurrentConsent:
    ledger = get_store().consents(young_person_id)
    day = as_of()
    return CurrentConsent(
        ledger=ledger,
        states=consent_states(ledger, date_of_birth, day),
        paused=family_finding_paused(ledger, date_of_birth, day),
    )


def finding_paused(young_person_id: str, date_of_birth: date) -> str | None:
    """Why family finding is paused for this young person today, or ``None``."""
    return family_finding_paused(get_store().consents(young_person_id), date_of_birth, as_of())


def finding_choices(
    pairs: Iterable[tuple[str, str]], current: str, paused: str | None
) -> list[tuple[str, Any]]:
    """The family finding stages a form offers: while paused, only no stage, identified,
    declined, ruled out and the stage it has now (the server refuses any other anyway)."""
    if paused is None:
        return list(pairs)
    allowed = {"", current, *(stage.value for stage in ALLOWED_WHILE_PAUSED)}
    return [(value, label) for value, label in pairs if value in allowed]


def refuse_finding_move(field: Any, before: FindingStatus | None, paused: str | None) -> bool:
    """Whether a form's family finding stage (``field``, a select of stage values) moves past
    identified while family finding is paused: if so the field carries the message, naming the
    reason, and nothing may be written (:func:`connections.consent.check_finding_stage`)."""
    after = FindingStatus(field.data) if field.data in _STAGES else None
    error = check_finding_stage(before, after, paused)
    if error is None:
        return False
    field.errors = [*field.errors, f"Family finding stage {error.message}"]
    return True


def limit_finding_field(
    field: Any, pairs: Iterable[tuple[str, str]], current: str, paused: str | None
) -> None:
    """While family finding is paused, a form's stage select offers only the stages allowed
    (:func:`finding_choices`, keeping ``current``, the stage saved) and says why in its hint."""
    if paused is None:
        return
    field.choices = choices(finding_choices(pairs, current, paused))
    field.description = f"{paused} Until consent is in place the stage cannot move past identified."


_STAGES = frozenset(stage.value for stage in FindingStatus)
