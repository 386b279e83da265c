"""A coordinator imports people from a spreadsheet: upload, a file with a mistake (its row and
column named), then the corrected file's preview and confirm, in headless chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in

HEADER = "Name,Role,Category,Safety,How close (0-4),Rated by\r\n"


def _file(text: str) -> dict[str, object]:
    return {"name": "family.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}


def test_a_coordinator_uploads_previews_and_confirms(
    page: Page, watch: Watch, browser_data: BrowserData
) -> None:
    young_person_id = browser_data.new_young_person("Sky Spreadsheet")
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{young_person_id}")
    with page.expect_navigation():
        page.get_by_role("link", name="Import people from a spreadsheet").click()
    expect(page.get_by_role("heading", name="Import people from a spreadsheet")).to_be_visible()
    assert_accessible(page, watch)

    watch.allow(r"status of 400")  # the browser logs the error page's own 400 status
    page.get_by_label("Upload a CSV file").set_input_files(
        _file(
            HEADER + "Nia Nan,Grandparent,Family,Safe,4,Young person\r\n"
            "Oz Uncle,Uncle,Family,Safe,,\r\n"
        )
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text('Row 3, column B (Role): "Uncle" is not one of')
    assert page.title().startswith("Error: ")
    assert_accessible(page, watch)
    assert "Nia Nan" not in {
        p.name for p in browser_data.store.load_network(young_person_id).people
    }

    page.get_by_label("Upload a CSV file").set_input_files(
        _file(
            HEADER + "Nia Nan,Grandparent,Family,Safe,4,Young person\r\n"
            "Oz Uncle,Aunt or uncle,Family,No contact,,\r\n"
        )
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check the changes from family.csv")).to_be_visible()
    added = page.locator("#added")
    expect(added).to_contain_text("Nia Nan")
    expect(added).to_contain_text("Oz Uncle")
    expect(added).to_contain_text("No contact")
    assert_accessible(page, watch)

    with page.expect_navigation():
        page.get_by_role("button", name="Save these changes").click()
    assert urlsplit(page.url).path == f"/young-people/{young_person_id}/network"
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "family.csv is imported: 2 added, 0 updated"
    )
    names = {p.name for p in browser_data.store.load_network(young_person_id).people}
    assert {"Nia Nan", "Oz Uncle", "Aunt Tested"} <= names
