"""The plain values the core reads (connections.network_values): they hold what the models
hold, less the free text, and the store's report model made from them holds it all again;
everything that reads a network says the same of either (random networks with restrictions:
hypothesis, bounded and seeded)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given

from connections.cohort_rows import kept_row
from connections.model import Network
from connections.network_values import NetworkValue, from_model
from connections.restrictions import effective_safeties, to_review
from connections.scoring import mission_facts, route_graph, score
from connections.store import report_model
from connections.todo import network_tasks
from tests import factories as f
from tests.unit.test_cohort_rows import SEEDED, dated_networks
from tests.unit.test_scoring_properties import AS_OF

#: What the values leave out: free text, addresses and the contact log.
_LEFT_OUT = {
    "people": ("address", "contact_details", "reachable_agreed_on", "external_ref"),
    "relationships": ("notes", "safety_note"),
    "restrictions": ("source", "note"),
}


def _without_free_text(network: Network) -> dict[str, Any]:
    document = network.to_document()
    for key, names in _LEFT_OUT.items():
        for item in document.get(key, []):
            for name in names:
                item.pop(name, None)
    document.pop("contact_log", None)
    return document


@SEEDED
@given(dated_networks())
def test_values_and_back_hold_the_network_less_its_free_text(network: Network) -> None:
    values = from_model(network)
    assert isinstance(values, NetworkValue)
    assert from_model(values) is values
    back = report_model(values)
    assert _without_free_text(back) == _without_free_text(network)
    assert back.restrictions_given  # a whole network read from the store
    assert [person.address for person in back.people] == [""] * len(network.people)


@SEEDED
@given(dated_networks())
def test_what_reads_a_network_says_the_same_of_its_values(network: Network) -> None:
    values = from_model(network)
    for day in (AS_OF, AS_OF + timedelta(days=45)):
        assert score(values, day) == score(network, day)
        assert mission_facts(values, day) == mission_facts(network, day)
        assert kept_row(values, day) == kept_row(network, day)
        assert _reviews(values, day) == _reviews(network, day)
        assert effective_safeties(values, day) == effective_safeties(network, day)
        report = score(network, day)
        assert [task.text for task in network_tasks(values, report, day)] == [
            task.text for task in network_tasks(network, report, day)
        ]
        assert sorted(map(sorted, route_graph(values, day).edges)) == sorted(
            map(sorted, route_graph(network, day).edges)
        )


def _reviews(network: Network | NetworkValue, day: date) -> list[tuple[str, str, str, date]]:
    return [
        (item.restriction.id, item.person_name, item.reason, item.due)
        for item in to_review(network, day)
    ]


def test_values_cannot_be_changed_in_place() -> None:
    values = from_model(f.network("yp-1"))
    with pytest.raises(AttributeError):
        values.young_person.name = "Someone else"  # type: ignore[misc]
    assert isinstance(values.relationships, tuple) and isinstance(values.people, tuple)
