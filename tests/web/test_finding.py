"""Is family finding working? Against the real Neo4j: a history written through the store with
back-dated versions, the cohort's figures for a period counted by hand, their CSV, bad dates
named, managers only; and a young person's timeline with the conference marked."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from connections.finding_progress import UK
from connections.model import Network, parse_network
from connections.store import Store
from connections.store.history import acting_as
from tests.conftest import AS_OF
from tests.factories import finding_relationship as _rel
from tests.web.conftest import text_of

PERIOD = "start-day=1&start-month=1&start-year=2026&end-day=31&end-month=3&end-year=2026"


def _network(yp: str, *relationships: dict[str, Any]) -> Network:
    people = [
        {"id": r["person_id"], "name": r["person_id"][2:].title(), "category": "family"}
        | {"household": f"h-{r['person_id']}"}
        for r in relationships
    ]
    young_person = {
        "id": yp,
        "name": yp.title(),
        "date_of_birth": "2012-06-01",
        "status": "in_care",
    }
    return parse_network(
        {"young_person": young_person, "people": people, "relationships": list(relationships)}
    )


def _at(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UK)


#: (when, network): the unit test's history (tests/unit/test_finding_progress.py), saved.
HISTORY = [
    (_at(11, 1, 2025), _network("yp-b", _rel("p-dee", loving=True), _rel("p-eve", loving=True))),
    (
        _at(12, 1, 2025),
        _network("yp-a", _rel("p-ann", loving=True), _rel("p-cy", finding="identified")),
    ),
    (
        _at(1, 10),
        _network(
            "yp-a",
            _rel("p-ann", loving=True),
            _rel("p-cy", finding="identified"),
            _rel("p-bea", finding="identified"),
        ),
    ),
    (_at(2, 1), _network("yp-b", _rel("p-eve", loving=True))),
    (
        _at(2, 9),
        _network(
            "yp-a",
            _rel("p-ann", loving=True),
            _rel("p-cy", finding="located"),
            _rel("p-bea", finding="contacted"),
        ),
    ),
    (
        _at(3, 1),
        _network(
            "yp-a",
            _rel("p-ann", loving=True),
            _rel("p-cy", finding="located"),
            _rel("p-bea", loving=True, finding="committed"),
        ),
    ),
    (_at(3, 30), _network("yp-c", _rel("p-fay"))),
    # After the period: not in its figures.
    (_at(4, 20), _network("yp-c", _rel("p-fay"), _rel("p-gus", finding="identified"))),
]


@pytest.fixture
def history(store: Store) -> None:
    for at, network in HISTORY:
        with acting_as("Sam Worker", "web", at=at):
            store.save_networks([network])


def test_the_figures_for_a_period_match_a_count_by_hand(
    history: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("manager")
    response = client.get(f"/cohort/family-finding?{PERIOD}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text_of(html)
    assert "1 January 2026 to 31 March 2026" in page
    assert "3 young people with a kept history" in page
    # Sizes on 1 January: a 2 (ann, cy), b 2, c none yet; on 31 March: 3, 1, 1.
    assert "Median network size 2.0 1.0" in page
    # Loving on 1 January: a 1, b 2; on 31 March: a 2, b 1, c 0.
    assert "Median loving relationships 1.5 1.0" in page
    figures = {
        key: text_of(html.split(f'id="{key}">')[1].split("<")[0])
        for key in ("out-of-red", "into-red", "found", "lost")
    }
    assert figures == {"out-of-red": "1", "into-red": "1", "found": "2", "lost": "1"}
    stages = text_of(html.split('id="stages"')[1].split("</table>")[0])
    # Bea: identified 10 Jan, located and contacted 9 Feb (30 days), engaged and committed 1 Mar.
    # Cy: identified before the period, located 9 Feb, no further.
    assert "Identified to located 1 1 100% 30.0" in stages
    assert "Located to contacted 2 1 50% 0.0" in stages
    assert "Contacted to engaged 1 1 100% 20.0" in stages
    assert "Engaged to committed 1 1 100% 0.0" in stages


def test_the_figures_as_csv(history: None, signed_in: Callable[..., FlaskClient]) -> None:
    client = signed_in("manager")
    response = client.get(f"/cohort/family-finding?{PERIOD}&format=csv")
    assert response.mimetype == "text/csv"
    assert "family-finding-2026-01-01-to-2026-03-31.csv" in response.headers["Content-Disposition"]
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(response.get_data(as_text=True)))}
    assert rows["Moved from RED to AMBER or GREEN"] == ["", "", "1"]
    assert rows["Median network size"] == ["2.0", "1.0", ""]
    assert rows["People found"] == ["", "", "2"] and rows["People lost"] == ["", "", "1"]
    assert rows["Identified -> Located: median days"] == ["", "", "30.0"]


def test_the_last_complete_quarter_by_default_and_bad_dates_named(
    history: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("manager")
    page = text_of(client.get("/cohort/family-finding").get_data(as_text=True))
    assert AS_OF.month == 11 and "1 July 2026 to 30 September 2026" in page
    # Nothing changed in that quarter: a 3 people, b 1, c 2 (Gus from April); none found or lost.
    assert "Median network size 2.0 2.0" in page
    assert "People found 0 People lost 0" in page
    bad = client.get(
        "/cohort/family-finding?start-day=31&start-month=2&start-year=2026"
        "&end-day=1&end-month=3&end-year=<script>"
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert 'href="#start-day"' in html and "The start date must be a real date" in html
    assert 'href="#end-day"' in html and "The end date must be a real date" in html
    assert "<script>" not in html


def test_only_managers_and_admins_see_the_figures(
    history: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=("yp-a",))
    assert client.get("/cohort/family-finding").status_code == 403


def test_the_timeline_of_a_young_person_with_the_conference_marked(
    history: None, store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    guests = store.set_guests("yp-a", ["p-ann"], store.guest_list("yp-a").version, AS_OF)
    store.finalise_guest_list("yp-a", "Fay Facilitator", guests.version, AS_OF)
    client = signed_in("coordinator", allocated=("yp-a",))
    history_page = client.get("/young-people/yp-a/history").get_data(as_text=True)
    assert 'id="timeline-link"' in history_page
    response = client.get("/young-people/yp-a/timeline")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count("<svg") == 1 and 'role="img"' in html
    table = text_of(html.split('id="timeline-table"')[1].split("</table>")[0])
    assert "1 December 2025 2 1 " in table  # ann and cy, ann loving
    assert "10 January 2026 3 1" in table and "Bea: identified" in table
    assert "1 March 2026 3 2" in table and "Bea: engaged" in table and "Bea: committed" in table
    # The guest list was made final today, after the last change.
    after = text_of(html.split('id="marks-after"')[1].split("</ul>")[0])
    assert "Conference guest list made final" in after


def test_no_one_else_sees_the_timeline(
    history: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=("yp-b",))
    assert client.get("/young-people/yp-a/timeline").status_code == 404
