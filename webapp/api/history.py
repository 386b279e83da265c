"""The API's history: ``GET .../network?at=INSTANT`` is the export text of that instant, the one
``connections export --at`` prints, and ``GET .../report?on=DAY`` scores the network as it was at
the end of that day, UK time (docs/history.md). The endpoints are :mod:`.views`'; they call here
when given ``at`` or ``on``. Restoring a version is :mod:`.restore`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask import Response

from connections.consent import family_finding_paused
from connections.finding_progress import end_of_uk_day
from connections.history import NetworkVersion
from connections.scoring import score
from connections.store import NotFound, document_version
from webapp.api.base import ApiError, json_response
from webapp.db import get_store

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def instant(value: str) -> datetime:
    """``at`` as a timezone-aware instant: ISO 8601 with ``Z`` or an offset; 400 naming ``at``
    otherwise.

    >>> instant("2026-03-01T13:00:00+01:00").isoformat()
    '2026-03-01T12:00:00+00:00'
    """
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        raise ApiError(
            400,
            "at must be an ISO 8601 date and time with its time zone, for example "
            "2026-03-01T12:00:00Z.",
            path="at",
        ) from None
    if found.tzinfo is None:
        raise ApiError(
            400,
            f"at has no time zone: end it with Z or an offset such as +01:00 ({value!r}).",
            path="at",
        )
    try:
        return found.astimezone(UTC)
    except OverflowError:  # year 1 or 9999 moved past the calendar's ends by its offset
        raise ApiError(
            400, f"at is outside the years 1 to 9999 in UTC ({value!r}).", path="at"
        ) from None


def day(value: str, name: str = "on") -> date:
    """A ``YYYY-MM-DD`` query parameter; 400 naming it otherwise."""
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            400, f"{name} must be a date written YYYY-MM-DD, for example 2026-03-01.", path=name
        ) from None


def version_at(young_person_id: str, at: datetime, name: str) -> NetworkVersion:
    """The version in force at ``at``; 404 for no such young person, and 404 naming ``name``
    (with the instant the history began) before it began."""
    store = get_store()
    version = store.version_at(young_person_id, at)
    if version is not None:
        return version
    store.get_young_person(young_person_id)  # NotFound: no such young person
    began = store.history_began(young_person_id)
    message = (
        f"{name}: the history of {young_person_id} begins at {began.isoformat()}; there is no "
        f"version at {at.isoformat()}."
        if began
        else f"{name}: {young_person_id} has no history yet."
    )
    raise ApiError(404, message, path=name)


def network_at(young_person_id: str, at: str) -> Response:
    """The export text of ``at``, byte for byte, with the ETag that network had."""
    version = version_at(young_person_id, instant(at), "at")
    response = Response(version.document, mimetype="application/json")
    response.headers["ETag"] = f'"{document_version(version.network)}"'
    return response


def report_on(young_person_id: str, on: str) -> Response:
    """The report of the network as it was at the end of ``on`` (UK time), scored on ``on``,
    with whether family finding was paused that day by the ledger as it is now."""
    when = day(on)
    version = version_at(young_person_id, end_of_uk_day(when), "on")
    network = version.network
    try:
        ledger = get_store().consents(young_person_id)
    except NotFound:  # pragma: no cover - found just now
        ledger = []
    paused = family_finding_paused(ledger, network.young_person.date_of_birth, when)
    return json_response({**score(network, when).to_dict(), "family_finding_paused": paused})
