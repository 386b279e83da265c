"""My young people, a young person's page, allocation rules and the audit trail of views."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from connections.store import Store
from tests import factories
from tests.web.conftest import coverage_network, text_of

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def caseload(store: Store) -> None:
    store.save_networks(
        [
            coverage_network("yp-green", "Grace Green", 3, date_of_birth=date(2012, 1, 5)),
            coverage_network("yp-amber", "Amir Amber", 2, date_of_birth=date(2009, 6, 1)),
            coverage_network(
                "yp-red",
                "Rosa Red",
                1,
                date_of_birth=date(2006, 2, 1),
                status="care_leaver",
            ),
            coverage_network("yp-other", "Olly Other", 3),
        ]
    )


def row_names(html: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/young-people/[^"]+">([^<]+)</a>', html)


def row_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a>") + 1
    return text_of(html[start : html.index("</tr>", start)])


def test_my_young_people_shows_coverage(
    caseload: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=("yp-green", "yp-amber", "yp-red"))
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert row_names(html) == ["Amir Amber", "Grace Green", "Rosa Red"]  # by name
    assert "Olly Other" not in html  # not allocated
    # Each status is a tag with its word in it (colour never alone).
    assert 'govuk-tag govuk-tag--green">Green</strong>' in html
    assert row_of(html, "Grace Green").startswith("Grace Green 14 In care 3 Green 87.5")
    assert row_of(html, "Amir Amber").startswith("Amir Amber 17 In care 2 Amber")
    assert row_of(html, "Rosa Red").startswith("Rosa Red 20 Care leaver 1 Red")
    assert "At 18 ( 1 June 2027 ): 2 loving relationships" in row_of(html, "Amir Amber")
    assert "At 21 ( 1 February 2027 ): 1 loving relationship" in row_of(html, "Rosa Red")
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html


def test_my_young_people_sorts_by_each_column(
    caseload: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=("yp-green", "yp-amber", "yp-red"))
    cases = {
        ("score", "desc"): ["Grace Green", "Amir Amber", "Rosa Red"],
        ("score", "asc"): ["Rosa Red", "Amir Amber", "Grace Green"],
        ("age", "asc"): ["Grace Green", "Amir Amber", "Rosa Red"],
        ("coverage", "asc"): ["Rosa Red", "Amir Amber", "Grace Green"],
        ("milestone", "asc"): ["Rosa Red", "Amir Amber", "Grace Green"],
        ("name", "desc"): ["Rosa Red", "Grace Green", "Amir Amber"],
        ("qualifying", "desc"): ["Grace Green", "Amir Amber", "Rosa Red"],
        ("status", "desc"): ["Amir Amber", "Grace Green", "Rosa Red"],
    }
    for (sort, order), expected in cases.items():
        html = client.get("/", query_string={"sort": sort, "order": order}).get_data(as_text=True)
        assert row_names(html) == expected, (sort, order)
        header = re.search(
            rf'aria-sort="([a-z]+)">\s*<a class="govuk-link lc-sort-link" '
            rf'href="/\?sort={sort}&amp;order=',
            html,
        )
        assert header is not None
        assert header.group(1) == ("ascending" if order == "asc" else "descending")
    # Nonsense sorts fall back to the name.
    html = client.get("/?sort=<x>&order=sideways").get_data(as_text=True)
    assert row_names(html) == ["Amir Amber", "Grace Green", "Rosa Red"]


def test_my_young_people_searches_by_name(
    caseload: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=("yp-green", "yp-amber", "yp-red"))
    html = client.get("/", query_string={"q": "ROSA"}).get_data(as_text=True)
    assert row_names(html) == ["Rosa Red"]
    assert "1 young person matching “ROSA”" in text_of(html)
    html = client.get("/", query_string={"q": "Olly"}).get_data(as_text=True)
    assert row_names(html) == []  # only among the allocated
    assert "No young person allocated to you has a name containing “Olly”" in html
    # Sorting keeps the search.
    html = client.get("/", query_string={"q": "r", "sort": "score"}).get_data(as_text=True)
    assert "q=r&amp;sort=" in html


def test_nothing_allocated(signed_in: Callable[..., FlaskClient]) -> None:
    html = signed_in("facilitator").get("/").get_data(as_text=True)
    assert "No young people are allocated to you." in html


def test_worker_gets_404_for_a_young_person_not_allocated(
    caseload: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("coordinator", allocated=("yp-green",))
    assert client.get("/young-people/yp-green").status_code == 200
    not_allocated = client.get("/young-people/yp-other")
    missing = client.get("/young-people/yp-nobody")
    assert not_allocated.status_code == missing.status_code == 404
    # The two 404s are the same page: a URL never reveals whether a young person exists.
    assert text_of(not_allocated.get_data(as_text=True)) == text_of(missing.get_data(as_text=True))
    assert [(e.username, e.action) for e in store.audit_events("yp-other")] == [
        ("test-coordinator", "denied")
    ]


def test_a_change_of_allocation_takes_effect_on_the_next_request(
    caseload: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    # The allocations are read with the user at the start of every request, never remembered.
    client = signed_in("coordinator", allocated=("yp-green",))
    assert client.get("/young-people/yp-green").status_code == 200
    store.unallocate("test-coordinator", ["yp-green"])
    assert client.get("/young-people/yp-green").status_code == 404
    store.allocate("test-coordinator", ["yp-other"])
    assert client.get("/young-people/yp-other").status_code == 200


def test_facilitator_sees_only_allocated_too(
    caseload: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("facilitator", allocated=("yp-red",))
    assert client.get("/young-people/yp-red").status_code == 200
    assert client.get("/young-people/yp-green").status_code == 404


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_may_open_anyone(
    caseload: None, signed_in: Callable[..., FlaskClient], role: str
) -> None:
    client = signed_in(role)
    assert client.get("/young-people/yp-other").status_code == 200
    assert client.get("/young-people/yp-nobody").status_code == 404


def test_views_are_audited(
    caseload: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("coordinator", allocated=("yp-green",))
    client.get("/young-people/yp-green")
    client.get("/young-people/yp-green")
    events = store.audit_events("yp-green")
    assert [(e.username, e.action, e.detail) for e in events] == [
        ("test-coordinator", "view", "young_people.show"),
        ("test-coordinator", "view", "young_people.show"),
    ]


def test_an_allowed_attempt_is_audited_even_when_the_page_then_fails(
    caseload: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    # The event is written beside the page (not after it), and saved before the answer is sent.
    client = signed_in("manager")
    assert client.get("/young-people/yp-nobody").status_code == 404
    assert [(e.username, e.action) for e in store.audit_events("yp-nobody")] == [
        ("test-manager", "view")
    ]


def test_young_person_page_reports_in_words_with_the_table(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.save_network(factories.network("yp-1"))
    client = signed_in("coordinator", allocated=("yp-1",))
    html = client.get("/young-people/yp-1").get_data(as_text=True)
    text = text_of(html)
    # The gap sentences come first, most urgent first, before the map and the tables.
    first_gap = "At 18, Jo Smith (social worker) leaves: 1 loving relationship remains."
    assert first_gap in text
    assert text.index("What needs doing") < text.index(first_gap) < text.index("network:")
    assert "Ask the young person how close they feel to Ray Example." in text
    assert 'govuk-tag govuk-tag--orange">Amber</strong>' in html
    # The network as a table: every person, with name, role, closeness and who rated it.
    assert "Amy Example's network: 5 people" in text
    assert "Rose Example Grandparent Family Very close (4) by the young person Safe Wants" in text
    assert "Ray Example Aunt or uncle Family Somewhat close (2) by a worker No contact" in text
    assert "Dan Example (died)" in text
    assert "Jo Smith Social worker (paid) Professional" in text
    # Forecast as bars with a table, domains, leads, data to complete, siblings.
    assert "lc-bar lc-bar--w" in html
    assert "At 18 (14 March 2028) 1 Jo Smith (social worker)" in text
    assert "Somewhere to stay Covered Loving: Rose Example" in text
    assert "Money Gap" in text
    assert "Leads for family finding" in text
    assert "Kai Example" in text
    assert "Information still to complete" in text
    assert "Contact to restore" in text  # Kai: a sibling gap


def test_map_is_included_when_the_map_module_exists(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    pytest.importorskip("connections.maps")
    store.save_network(factories.network("yp-1"))
    html = signed_in("manager").get("/young-people/yp-1").get_data(as_text=True)
    assert '<script type="application/json" id="map-data">' in html
    assert 'src="/static/vendor/vis-network/vis-network.min.js"' in html
    assert 'src="/static/maps/map.js"' in html
    assert 'data-map-source="map-data"' in html


def test_hostile_names_are_escaped_on_every_page(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    document = factories.network_document("yp-x")
    document["young_person"]["name"] = f"{HOSTILE} Amy"
    document["people"][0]["name"] = f'{HOSTILE}"><img src=x onerror=alert(2)>'
    document["people"][2]["name"] = f"Kai {HOSTILE}"  # a sibling and a lead
    from connections.model import parse_network

    store.save_network(parse_network(document))
    client = signed_in("admin", allocated=("yp-x",))
    for path in (
        "/",
        "/?q=<script>",
        "/young-people/yp-x",
        "/cohort",
        "/admin/users/test-admin",
        "/admin/users/test-admin?find=amy",
        "/admin/young-people/yp-x/audit",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert HOSTILE not in html, path
        assert "<img src=x" not in html, path
        assert "&lt;script&gt;" in html or "\\u003cscript\\u003e" in html, path


def test_the_map_script_is_served_from_connections_assets(client) -> None:
    from connections import maps

    response = client.get("/static/maps/map.js")
    assert response.status_code == 200
    assert response.mimetype in {"text/javascript", "application/javascript"}
    assert response.get_data(as_text=True) == maps.MAP_JS
