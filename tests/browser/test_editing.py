"""Building a network, the Family Group Conference and the downloads, in headless chromium.

A coordinator adds a relative and sees them on the map and in the table, edits a relationship
and sees the report change; a facilitator opens the conference view (no hidden person anywhere
in the page source) and records the plan; the downloaded map draws with no network at all; axe
finds no serious or critical problem on any of these pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in
from tests.web.networks import ready_conference

HIDDEN_NAME = "Harriet Hidden-Browser"
NO_CONTACT_NAME = "Danny Danger-Browser"
SECRETS = [
    HIDDEN_NAME,
    NO_CONTACT_NAME,
    "42 Confidential Close",
    "SAFETY-NOTE-browser",
    "NOTE-TEXT-browser",
]


def _person(person_id: str, name: str, **relationship: object) -> dict[str, object]:
    values: dict[str, object] = {"role": "cousin", "safety": "safe", "wishes": "wants"}
    values.update(relationship)
    return {"id": person_id, "name": name, "category": "family", "relationship": values}


def _map_names(page: Page) -> set[str]:
    data = json.loads(page.locator("#map-data").text_content() or "{}")
    return {node["name"] for node in data["nodes"]}


def _network_table(page: Page) -> str:
    return page.locator("#network-table").inner_text()


def test_add_a_relative_and_see_them_on_the_map_and_in_the_table(
    page: Page, browser_data: BrowserData
) -> None:
    yp = browser_data.new_young_person("Alex Adding")
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}")
    page.get_by_role("link", name="Add someone").click()
    expect(page.get_by_role("heading", name="Add someone to the network")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Full name").fill("Gran Browser-Test")
    page.get_by_label("Family", exact=True).check()
    page.get_by_label("Who they are to Alex Adding").select_option(label="Grandparent")
    page.get_by_label("4: Very close").check()
    page.get_by_label("The young person", exact=True).check()
    page.get_by_label("Safe", exact=True).check()
    page.get_by_label("Wants contact").check()
    page.get_by_label("Active: regular contact").check()
    last_contact = page.get_by_role("group", name="Date of last contact")
    last_contact.get_by_label("Day").fill("2")
    last_contact.get_by_label("Month").fill("11")
    last_contact.get_by_label("Year").fill("2026")
    page.get_by_label("Somewhere to stay").check()
    page.get_by_role("button", name="Add to the network").click()

    expect(page.get_by_text("Gran Browser-Test is now in the network.")).to_be_visible()
    expect(page.locator("#report-summary")).to_contain_text("2 loving relationships now")
    assert_accessible(page)

    goto(page, f"/young-people/{yp}")
    assert "Gran Browser-Test" in _network_table(page)
    assert "Gran Browser-Test" in _map_names(page)
    expect(page.locator("#ecomap canvas")).to_have_count(1)
    assert_accessible(page)


def test_validation_errors_are_shown_and_accessible(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    watch.allow(r"status of 400")  # a form with errors comes back as 400 Bad Request
    yp = browser_data.new_young_person("Vera Validation")
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}/people/new")
    last_contact = page.get_by_role("group", name="Date of last contact")
    last_contact.get_by_label("Day").fill("30")
    last_contact.get_by_label("Month").fill("2")
    last_contact.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add to the network").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the person's name")
    expect(summary).to_contain_text("Choose a category")
    expect(summary).to_contain_text("Choose who they are to the young person")
    expect(summary).to_contain_text("Date of last contact must be a real date")
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    # The summary's link takes the user to the field.
    summary.get_by_role("link", name="Date of last contact must be a real date").click()
    expect(page.locator("#last_contact-day")).to_be_focused()


def test_edit_a_relationship_and_see_the_report_change(
    page: Page, browser_data: BrowserData
) -> None:
    yp = browser_data.new_young_person(
        "Eddie Editing",
        people=[
            _person(
                "p-edit-aunt",
                "Aunt Always",
                role="aunt_uncle",
                closeness=4,
                closeness_rated_by="young_person",
                contact="active",
                last_contact="2026-11-01",
            ),
            _person(
                "p-edit-cousin",
                "Cousin Waiting",
                closeness=4,
                closeness_rated_by="young_person",
                contact="lost",
            ),
        ],
    )
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}")
    expect(page.locator(".lc-gaps")).to_contain_text(
        "Only 1 loving relationship (Aunt Always): the mission is not met."
    )
    page.get_by_role("link", name="Manage the network").click()
    assert_accessible(page)
    page.get_by_role("link", name="Relationship with Cousin Waiting").click()
    assert_accessible(page)
    page.get_by_label("Active: regular contact").check()
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_text("The relationship with Cousin Waiting is saved")).to_be_visible()
    expect(page.locator("#report-summary")).to_contain_text("2 loving relationships now")
    goto(page, f"/young-people/{yp}")
    assert "Only 1 loving relationship" not in page.locator("main").inner_text()
    expect(page.locator("body")).to_contain_text("2 loving relationships now")


def test_family_finding_stage_from_the_row(page: Page, browser_data: BrowserData) -> None:
    yp = browser_data.new_young_person(
        "Fran Finding", people=[_person("p-find-uncle", "Uncle Found", contact="none_yet")]
    )
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}/network")
    page.get_by_label("Family finding stage for Uncle Found").select_option(label="Located")
    page.get_by_role("button", name="Save the stage for Uncle Found").click()
    expect(page.get_by_text("Uncle Found: located.")).to_be_visible()
    expect(page.get_by_label("Family finding stage for Uncle Found")).to_have_value("located")


def test_every_editing_page_is_accessible(page: Page, browser_data: BrowserData) -> None:
    yp = browser_data.new_young_person(
        "Ada Accessible",
        people=[
            _person("p-a11y-gran", "Gran Access", role="grandparent"),
            _person("p-a11y-kid", "Kid Access", role="sibling"),
        ],
    )
    sign_in(page, "coordinator")
    for suffix in (
        "/network",
        "/people/new",
        "/people/new?q=Access",
        "/people/p-a11y-gran/relationship",
        "/people/p-a11y-gran/edit",
        "/people/p-a11y-gran/remove",
        "/links/new",
        "/households",
        "/contacts",
        "/conference",
        "/conference/plan",
        "/conference/plan/p-a11y-gran",
        "/print",
    ):
        goto(page, f"/young-people/{yp}{suffix}")
        assert_accessible(page)


def test_the_conference_view_sends_no_hidden_person(page: Page, browser_data: BrowserData) -> None:
    yp = browser_data.new_young_person(
        "Connie Conference",
        people=[
            {
                **_person(
                    "p-conf-aunt",
                    "Aunt Visible",
                    role="aunt_uncle",
                    closeness=4,
                    closeness_rated_by="young_person",
                    contact="active",
                    last_contact="2026-11-01",
                    safety_note="SAFETY-NOTE-browser",
                    notes="NOTE-TEXT-browser",
                ),
                "address": "42 Confidential Close",
            },
            _person("p-conf-hidden", HIDDEN_NAME, hide_in_conference=True, contact="active"),
            _person("p-conf-danger", NO_CONTACT_NAME, safety="no_contact"),
        ],
    )
    ready_conference(browser_data.store, yp)  # the guest list final, sharing consent given
    sign_in(page, "facilitator")
    response = goto(page, f"/young-people/{yp}/conference")
    source = response.text()
    for secret in SECRETS:
        assert secret not in source, secret
        assert secret not in page.content(), secret
    assert "Aunt Visible" in source
    expect(page.locator("#ecomap canvas")).to_have_count(1)
    assert_accessible(page)

    # Record the plan: the aunt offers money and is Always Here.
    page.get_by_role("button", name="Record the plan").click()
    for secret in SECRETS:
        assert secret not in page.content(), secret
    assert_accessible(page)
    page.get_by_role("link", name="Aunt Visible", exact=True).click()
    for secret in SECRETS:
        assert secret not in page.content(), secret
    assert_accessible(page)
    page.get_by_label("Money").check()
    page.get_by_label("Always Here: they will stay in touch after their role ends").check()
    page.get_by_role("button", name="Save and go back to the plan").click()

    expect(page.get_by_text("Aunt Visible's part of the plan is saved.")).to_be_visible()
    expect(page.locator("#plan-people")).to_contain_text("Money")
    goto(page, f"/young-people/{yp}/conference")
    expect(page.locator("#plan-domains")).to_contain_text("Aunt Visible (aunt or uncle)")
    expect(page.locator("#always-here")).to_contain_text("Aunt Visible (aunt or uncle)")
    for secret in SECRETS:
        assert secret not in page.content(), secret
    relationship = browser_data.store.get_relationship(yp, "p-conf-aunt")
    assert "money" in {domain.value for domain in relationship.support}
    assert relationship.notes == "NOTE-TEXT-browser"  # kept, though the conference never saw it


def test_a_facilitator_is_offered_no_editing(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    yp = browser_data.new_young_person("Fay Facilitated")
    sign_in(page, "facilitator")
    goto(page, f"/young-people/{yp}")
    expect(page.get_by_role("link", name="Manage the network")).to_have_count(0)
    expect(page.get_by_role("link", name="Family Group Conference view")).to_have_count(1)
    watch.allow(r"status of 403")
    goto(page, f"/young-people/{yp}/network", status=403)


def test_the_downloaded_map_draws_with_no_network(page: Page, browser_data: BrowserData) -> None:
    yp = browser_data.new_young_person("Dee Download")
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}/print")
    assert_accessible(page)
    expect(page.locator("#ecomap canvas")).to_have_count(1)
    goto(page, f"/young-people/{yp}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the map (HTML file)").click()
    download = download_info.value
    assert re.fullmatch(rf"network-map-{yp}-\d{{4}}-\d\d-\d\d\.html", download.suggested_filename)
    html = Path(download.path()).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    # Opened on its own (no app, no server, none of the app's headers): the map still draws, and
    # nothing is requested.
    page.goto("about:blank")
    page.set_content(html)
    expect(page.locator("#map canvas")).to_have_count(1)
    assert "Aunt Tested" in page.locator("table").inner_text()
