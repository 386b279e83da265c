"""The history page against the real Neo4j: versions in words with the score then, two days
compared with both maps, bad days named, and no one else's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from connections.model import revise
from connections.store import Store
from connections.store.history import acting_as
from tests.web.conftest import text_of
from tests.web.networks import OTHER, YP, amy_network, other_network

MARCH, APRIL = datetime(2026, 3, 1, 9, tzinfo=UTC), datetime(2026, 4, 1, 9, tzinfo=UTC)


@pytest.fixture
def history(store: Store) -> None:
    """Amy's network on 1 March, then Kai loving her from 1 April."""
    with acting_as("Sam Worker", "web", at=MARCH):
        store.save_networks([amy_network(), other_network()])
    with acting_as("Sam Worker", "web", at=APRIL):
        kai = store.get_relationship(YP, "p-kai")
        loving = {"closeness": 4, "closeness_rated_by": "young_person", "contact": "active"}
        store.update_relationship(YP, revise(kai, loving | {"last_contact": "2026-03-30"}))


def test_the_versions_newest_first_in_words_with_the_score_then(
    history: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=(YP,))
    response = client.get(f"/young-people/{YP}/history")
    assert response.status_code == 200
    rows = text_of(response.get_data(as_text=True).split('id="versions"')[1].split("</table>")[0])
    newest, oldest = rows.index("1 April 2026"), rows.index("1 March 2026")
    assert newest < oldest
    assert "Sam Worker (web) Kai Example: closeness Close (3) -> Very close (4)" in rows
    assert "added Rose" in rows[oldest:]
    assert 'id="history-link"' in client.get(f"/young-people/{YP}").get_data(as_text=True)


def test_two_days_side_by_side_with_both_maps(
    history: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=(YP,))
    html = client.get(f"/young-people/{YP}/history?from=2026-04-02&to=2026-03-01").get_data(
        as_text=True
    )
    compared = html.split('id="comparison"')[1]
    page = text_of(compared)
    assert "1 March 2026 and 2 April 2026" in page  # either order
    assert "Loving relationships gained Kai Example" in page
    assert "Loving relationships lost No one" in page
    assert compared.count("<svg") == 2


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=yesterday&to=2026-04-01", "from", "Enter the first day as YYYY-MM-DD"),
        ("from=2026-03-01&to=<script>", "to", "Enter the second day as YYYY-MM-DD"),
        ("from=2026-01-01&to=2026-04-01", "from", "The history begins on 2026-03-01"),
    ],
)
def test_a_bad_day_is_named(
    history: None,
    signed_in: Callable[..., FlaskClient],
    query: str,
    field: str,
    message: str,
) -> None:
    client = signed_in("coordinator", allocated=(YP,))
    response = client.get(f"/young-people/{YP}/history?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'href="#{field}"' in html and message in html
    assert "<script>" not in html


def test_no_one_else_sees_the_history(history: None, signed_in: Callable[..., FlaskClient]) -> None:
    client = signed_in("coordinator", allocated=(OTHER,))
    assert client.get(f"/young-people/{YP}/history").status_code == 404
