"""Every Cypher statement that writes what scoring reads invalidates kept cohort rows
(connections/store/invalidation.py): a new write statement without a line there fails here."""

from __future__ import annotations

import re

from connections.store import load_statements
from connections.store.invalidation import TOUCHES, UNRELATED, VERSIONED, touched

_WRITES = re.compile(r"\b(SET|CREATE|MERGE|DELETE|REMOVE)\b")


def test_every_network_write_statement_is_listed() -> None:
    statements = load_statements()
    prefixes = {name.split(".")[0] for name in statements if "." in name}
    assert {"young_person", "person", "relationship", "link", "restriction", "network"} <= prefixes
    network_statements = {
        name
        for name, text in statements.items()
        if name.split(".")[0]
        in {
            "young_person",
            "person",
            "relationship",
            "link",
            "restriction",
            "contact",
            "network",
            "own_words",
            "purge",
            "retention",
            "guest_list",
            "finding",
        }
        and _WRITES.search(text)
    }
    unlisted = network_statements - set(TOUCHES) - set(VERSIONED) - UNRELATED
    assert not unlisted, f"say in connections/store/invalidation.py whose rows {unlisted} change"
    # The invitation's answers write relationships: listed too.
    assert "invitation.write_answers" in TOUCHES
    assert set(TOUCHES) <= set(statements) and set(VERSIONED) <= set(statements)
    assert not set(TOUCHES) & set(VERSIONED)  # versioned either way; invalidated once


def test_a_shared_person_reaches_every_young_person_holding_them() -> None:
    assert touched("person.update", {"id": "p-rose"}).people == ["p-rose"]
    assert touched("link.create", {"source": "a", "target": "b"}).people == ["a", "b"]
    # A bulk save's people and links reach only as far as the statement reports it changed.
    assert touched("network.save_people", {"people": [{"id": "p-rose"}]}).people == []
    assert touched("contact.create", {"young_person_id": "yp-1"}) is None
