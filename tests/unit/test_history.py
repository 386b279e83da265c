"""A network's history read for people: entries in words, and today's restrictions on the past."""

from __future__ import annotations

from datetime import UTC, datetime

from connections import io
from connections.history import NetworkVersion, entries, with_todays_restrictions
from connections.model import Restriction as RestrictionModel
from connections.model import parse, parse_network
from tests import factories as f


def _version(number: int, day: int, document: dict) -> NetworkVersion:
    text = io.dumps_network(parse_network(document))
    return NetworkVersion(number, datetime(2026, 3, day, 12, tzinfo=UTC), "sam", "web", text)


def test_entries_say_what_each_version_changed_and_its_score_then() -> None:
    first = f.network_document()
    second = f.network_document()
    second["relationships"][2]["closeness"] = 4  # Kai, from 3
    versions = [_version(2, 5, second), _version(1, 1, first)]  # newest first
    newest, oldest = entries(versions, more=False)
    assert newest.words == "Kai Example: closeness Close (3) -> Very close (4)"
    assert oldest.words.startswith("added ")
    assert (newest.number, newest.by, newest.via) == (2, "sam", "web")
    # With ``more``, the last version is read only to compare the oldest shown with.
    (only,) = entries(versions, more=True)
    assert only.number == 2 and only.words == newest.words


def test_a_past_network_is_shown_with_todays_restrictions() -> None:
    past = f.network()
    restriction = parse(
        RestrictionModel,
        {"id": "r-1", "person_id": "p-rose", "kind": "s34_order", "scope": "no_contact",
         "starts": "2026-11-01"},
    )  # fmt: skip
    today = past.model_copy(update={"restrictions": [restriction]})
    shown = with_todays_restrictions(past, today)
    assert shown.restrictions == [restriction]
    assert shown.relationships == past.relationships
