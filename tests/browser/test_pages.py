"""Every page, in headless chromium, for each role: it answers, nothing is fetched from anywhere
but the app, nothing breaks the Content-Security-Policy or logs an error, and axe-core finds no
serious or critical accessibility problem. Then what the pages do: the map is drawn and its
tooltips are text, the cohort table sorts and searches, and a worker cannot open a young person
who is not allocated to them.

The ``page`` fixture fails a test on any request off 127.0.0.1, console error, CSP violation,
uncaught exception or dialog (see conftest.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    HOSTILE_NAME,
    HOSTILE_PERSON,
    BrowserData,
    LiveServer,
    Watch,
    assert_accessible,
    goto,
    sign_in,
)

#: Pages each role opens: paths with {hostile}, {demo} (allocated to the coordinator), {other}
#: (allocated to no one) and {person} (the hostile relative) filled in from the test data.
PAGES = {
    "coordinator": [
        "/",
        "/?q=Casey",
        "/?sort=score&order=desc",
        "/young-people/{hostile}",
        "/young-people/{demo}",
    ],
    "facilitator": ["/", "/young-people/{hostile}"],
    "manager": [
        "/",
        "/cohort",
        "/cohort?status=RED&status=AMBER&age=16-17&milestone=12",
        "/cohort?sort=score&order=desc",
        "/cohort/siblings-apart",
        "/cohort/constellations",
        "/young-people/{other}",
    ],
    "admin": [
        "/admin/users",
        "/admin/users/new",
        "/admin/users/demo-coordinator",
        "/admin/young-people/{hostile}/audit",
        # What a purge would remove: the relative with the hostile name, shown as text.
        "/admin/records/young-people/{hostile}/purge/person/{person}",
        "/young-people/{hostile}",
        "/cohort",
    ],
}

#: Routes that are not HTML pages for a person to look at (JSON, files, health checks).
NOT_PAGES = {"static", "map_assets.static", "health.healthz", "downloads.map_file"}
NOT_PAGES |= {"spreadsheets.template", "spreadsheets.network_file", "spreadsheets.cohort_file"}
NOT_PAGES |= {"downloads.map_svg", "gedcom.download", "map_names.open_names"}
NOT_PAGE_PREFIXES = ("api.",)


def fill(path: str, data: BrowserData) -> str:
    return path.format(
        hostile=data.hostile_id,
        demo=data.demo_ids[0],
        other=data.not_allocated_id,
        person=HOSTILE_PERSON,
    )


def _app_pages() -> list[str]:
    """Every GET route of the app that is a page, as a path pattern for :func:`fill`."""
    from webapp import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "collect-routes-only", "APPLY_SCHEMA": False})
    values = {"young_person_id": "{hostile}", "person_id": "{person}", "username": "demo-admin"}
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()) or rule.endpoint in NOT_PAGES:
            continue
        if rule.endpoint.startswith(NOT_PAGE_PREFIXES) or not set(rule.arguments) <= set(values):
            continue
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<{argument}>", values[argument])
        paths.append(path)
    return sorted(set(paths))


def _check_page(page: Page, watch: Watch, path: str) -> None:
    goto(page, path)
    expect(page.locator("h1")).to_have_count(1)
    page.wait_for_load_state("load")
    assert_accessible(page, watch)


@pytest.mark.parametrize(
    ("role", "path"), [(role, path) for role, paths in PAGES.items() for path in paths]
)
def test_page_for_role(
    page: Page, watch: Watch, browser_data: BrowserData, role: str, path: str
) -> None:
    sign_in(page, role)
    _check_page(page, watch, fill(path, browser_data))


@pytest.mark.parametrize("path", _app_pages())
def test_every_page_of_the_app(
    page: Page, watch: Watch, browser_data: BrowserData, path: str
) -> None:
    """Every GET route (new pages included as they are added), opened by an administrator on the
    young person whose relative has a hostile name."""
    sign_in(page, "admin")
    _check_page(page, watch, fill(path, browser_data))
    assert "onerror" not in (page.evaluate("() => [...document.images].map(i => i.outerHTML)"))


def test_sign_in_page_and_its_errors(page: Page, watch: Watch) -> None:
    goto(page, "/sign-in")
    assert_accessible(page)
    page.get_by_label("Username", exact=True).fill("demo-coordinator")
    page.get_by_label("Password", exact=True).fill("not the password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a correct username and password"
    )
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def test_signed_out_user_is_sent_to_sign_in(page: Page, browser_data: BrowserData) -> None:
    goto(page, f"/young-people/{browser_data.hostile_id}")
    assert urlsplit(page.url).path == "/sign-in"
    expect(page.locator("h1")).to_have_text("Sign in to Lifelong Connections")


def test_sign_out(page: Page) -> None:
    sign_in(page, "coordinator")
    goto(page, "/")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Sign out")).click()
    assert urlsplit(page.url).path == "/sign-in"
    expect(page.locator("body")).to_contain_text("You have signed out.")


def test_not_found_page(page: Page, watch: Watch) -> None:
    watch.allow(r"status of 404")  # the browser logs the page's own 404 status
    sign_in(page, "coordinator")
    goto(page, "/no-such-page", status=404)
    expect(page.locator("h1")).to_have_text("Page not found")
    assert_accessible(page)


@pytest.mark.parametrize("suffix", ["", "/network", "/conference", "/print"])
def test_coordinator_cannot_open_a_young_person_not_allocated(
    page: Page, watch: Watch, browser_data: BrowserData, live_server: LiveServer, suffix: str
) -> None:
    watch.allow(r"status of 404")
    other = browser_data.not_allocated_id
    path = f"/young-people/{other}{suffix}"
    if suffix and not any(
        rule.rule == f"/young-people/<young_person_id>{suffix}"
        for rule in live_server.app.url_map.iter_rules()
    ):
        pytest.skip(f"no {suffix} page yet")
    sign_in(page, "coordinator")
    goto(page, path, status=404)
    expect(page.locator("h1")).to_have_text("Page not found")
    assert browser_data.name_of(other) not in page.content()
    # Nor is the young person listed among the coordinator's.
    goto(page, "/")
    assert f"/young-people/{other}" not in page.content()


def test_map_is_drawn_and_tooltips_are_text(page: Page, browser_data: BrowserData) -> None:
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{browser_data.hostile_id}")
    container = page.locator("[data-map]")
    expect(container).to_have_attribute("data-map-ready", "true")
    canvas = container.locator("canvas")
    expect(canvas).to_have_count(1)
    container.scroll_into_view_if_needed()
    drawn = canvas.evaluate(
        """canvas => {
             const {width, height} = canvas;
             const pixels = canvas.getContext("2d").getImageData(0, 0, width, height).data;
             let painted = 0;
             for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
             return {width, height, painted};
           }"""
    )
    assert drawn["width"] > 100 and drawn["height"] > 100, drawn
    assert drawn["painted"] > 500, f"the map canvas is blank: {drawn}"

    images_before = page.evaluate("() => document.images.length")
    point = page.evaluate(
        """id => {
             const network = window.LifelongConnectionsMaps.get("ecomap");
             const dom = network.canvasToDOM(network.getPositions([id])[id]);
             const box = document.querySelector("[data-map]").getBoundingClientRect();
             return {x: box.left + dom.x, y: box.top + dom.y};
           }""",
        HOSTILE_PERSON,
    )
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"], steps=5)
    tooltip = page.locator("div.vis-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(HOSTILE_NAME)
    assert tooltip.locator("img, script, b").count() == 0
    assert page.evaluate("() => document.images.length") == images_before
    assert page.locator("img[src='x']").count() == 0
    # The same person is in the table, as text.
    expect(page.locator("#network-table")).to_contain_text(HOSTILE_NAME)
    assert page.locator("#network-table b, #network-table img").count() == 0


def _allocated(data: BrowserData) -> int:
    """How many young people the coordinator has (other tests may have added some)."""
    return len(data.store.allocated_ids("demo-coordinator"))


def _column(page: Page, index: int) -> list[str]:
    return page.locator(f"tbody tr > :nth-child({index})").all_inner_texts()


def test_young_people_table_sorts(page: Page, browser_data: BrowserData) -> None:
    sign_in(page, "coordinator")
    goto(page, "/")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(_allocated(browser_data))
    names = _column(page, 1)
    assert names == sorted(names, key=str.casefold)
    name_header = page.locator("th", has_text="Name").first
    expect(name_header).to_have_attribute("aria-sort", "ascending")

    score = page.locator("th", has=page.get_by_role("link", name=re.compile("^Score")))
    with page.expect_navigation():
        score.get_by_role("link").click()
    expect(score).to_have_attribute("aria-sort", "ascending")
    expect(name_header).to_have_attribute("aria-sort", "none")
    scores = [float(text) for text in _column(page, 6)]
    assert scores == sorted(scores)

    with page.expect_navigation():
        score.get_by_role("link").click()
    expect(score).to_have_attribute("aria-sort", "descending")
    scores = [float(text) for text in _column(page, 6)]
    assert scores == sorted(scores, reverse=True)


def test_young_people_search(page: Page, browser_data: BrowserData) -> None:
    sign_in(page, "coordinator")
    goto(page, "/?sort=score&order=desc")
    search = page.get_by_label("Search by name")
    search.fill("hostile-TEST")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert "sort=score" in page.url  # the sort is kept
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody tr")).to_contain_text("Casey Hostile-Test")
    expect(search).to_have_value("hostile-TEST")

    # Markup in the search box is shown back as text, and nothing runs.
    search.fill("<img src=x onerror=alert(1)>")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    expect(page.locator("main")).to_contain_text(
        "No young person allocated to you has a name containing “<img src=x onerror=alert(1)>”"
    )
    assert page.locator("img[src='x']").count() == 0

    with page.expect_navigation():
        page.get_by_role("link", name="Clear search").click()
    expect(page.locator("tbody tr")).to_have_count(_allocated(browser_data))
