"""Cohort review: managers and admins only; filters, totals, priority list, charts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from connections.store import Store
from tests.web.conftest import coverage_network, text_of


@pytest.fixture
def cohort(store: Store) -> None:
    store.save_networks(
        [
            # 17, turns 18 on 1 June 2027: within 12 months of 22 November 2026.
            coverage_network("yp-1", "Amir Amber", 2, date_of_birth=date(2009, 6, 1)),
            coverage_network("yp-2", "Grace Green", 3, date_of_birth=date(2012, 1, 5)),
            coverage_network(
                "yp-3", "Rosa Red", 0, date_of_birth=date(2006, 2, 1), status="care_leaver"
            ),
            coverage_network("yp-4", "Ruth Red", 1, date_of_birth=date(2014, 8, 9)),
        ]
    )


def names(html: str) -> list[str]:
    table = html[html.index('id="young-people"') :]
    return re.findall(r'<a class="govuk-link" href="/young-people/[^"]+">([^<]+)</a>', table)


@pytest.mark.parametrize("role", ["coordinator", "facilitator"])
def test_workers_cannot_open_the_cohort(signed_in: Callable[..., FlaskClient], role: str) -> None:
    response = signed_in(role).get("/cohort")
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_review_the_cohort(
    cohort: None, signed_in: Callable[..., FlaskClient], role: str
) -> None:
    response = signed_in(role).get("/cohort")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = text_of(html)
    assert "all 4 young people" in text
    # Totals: 2 of 4 meet the mission, 1 of 4 is green.
    assert "50% meet the mission" in text
    assert "25% are green" in text
    # Priority: red or amber within 12 months of a milestone, nearest first.
    priority = text[text.index("Priority list") : text.index("Young people 1 to")]
    assert priority.index("Rosa Red") < priority.index("Amir Amber")
    assert "Ruth Red" not in priority and "Grace Green" not in priority
    # The distribution chart with a table beside it.
    assert (
        "Young people by coverage Coverage Young people Share Red 2 50% Amber 1 25% Green 1 25%"
        in text
    )
    assert "lc-bar lc-bar--red lc-bar--w100" in html
    # Default order: most urgent first.
    assert names(html) == ["Rosa Red", "Ruth Red", "Amir Amber", "Grace Green"]


def test_cohort_filters(cohort: None, signed_in: Callable[..., FlaskClient]) -> None:
    client = signed_in("manager")
    html = client.get("/cohort?status=RED").get_data(as_text=True)
    assert names(html) == ["Rosa Red", "Ruth Red"]
    assert "2 of 4 young people (filtered)" in text_of(html)
    html = client.get("/cohort?status=RED&status=AMBER&age=16-17").get_data(as_text=True)
    assert names(html) == ["Amir Amber"]
    html = client.get("/cohort?age=18-20").get_data(as_text=True)
    assert names(html) == ["Rosa Red"]
    html = client.get("/cohort?milestone=12").get_data(as_text=True)
    assert names(html) == ["Rosa Red", "Amir Amber"]
    html = client.get("/cohort?age=nonsense&status=PURPLE").get_data(as_text=True)
    assert len(names(html)) == 4
    # Sorting keeps the filters.
    html = client.get("/cohort?status=RED&sort=name&order=desc").get_data(as_text=True)
    assert names(html) == ["Ruth Red", "Rosa Red"]
    assert "status=RED&amp;sort=name&amp;order=asc" in html


def test_cohort_pages(store: Store, signed_in: Callable[..., FlaskClient]) -> None:
    store.save_networks(
        [coverage_network(f"yp-{n:03}", f"Person {n:03}", n % 4) for n in range(120)]
    )
    client = signed_in("manager")
    html = client.get("/cohort?sort=name").get_data(as_text=True)
    assert names(html)[0] == "Person 000" and len(names(html)) == 50
    assert "govuk-pagination" in html
    html = client.get("/cohort?sort=name&page=3").get_data(as_text=True)
    assert names(html)[0] == "Person 100" and len(names(html)) == 20
    assert "Young people 101 to 120 of 120" in text_of(html)
    assert client.get("/cohort?page=999").status_code == 200
    assert client.get("/cohort?page=x").status_code == 200
