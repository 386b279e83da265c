"""Correcting and removing a contact log entry in headless chromium: the links on the log, the
prefilled form, the confirmation page, and axe finding nothing serious on either page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from connections.model import ContactEntry, parse
from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in

#: The first sign-in of a run loads a caseload page; on a busy shared machine that has taken
#: more than the fixture's 10 seconds.
SLOW_MACHINE_MS = 60_000


def test_correct_then_remove_a_contact(page: Page, browser_data: BrowserData, watch: Watch) -> None:
    yp = browser_data.new_young_person("Cora Correcting")
    entry = parse(
        ContactEntry,
        {
            "id": f"c-{yp}",
            "person_id": f"{yp}-aunt",
            "date": "2026-11-01",
            "kind": "visit",
            "note": "Went to the park",
            "recorded_by": "Sam Worker",
        },
    )
    browser_data.store.add_contact(yp, entry)
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}/contacts")
    page.get_by_role("link", name="Correct the contact with Aunt Tested on 1 November 2026").click()
    expect(page.get_by_role("heading", name="Correct a contact")).to_be_visible()
    expect(page.get_by_label("Note")).to_have_value("Went to the park")
    assert_accessible(page, watch)
    page.get_by_label("Note").fill("Went to the park and the café")
    page.get_by_label("Phone call").check()
    page.get_by_role("button", name="Save the correction").click()
    expect(
        page.get_by_text("The contact with Aunt Tested on 1 November 2026 is corrected.")
    ).to_be_visible()
    log = page.locator("#contact-log")
    expect(log).to_contain_text("Went to the park and the café")
    expect(log).to_contain_text("Phone call")

    page.get_by_role("link", name="Remove the contact with Aunt Tested on 1 November 2026").click()
    expect(page.get_by_role("heading", name="Remove this contact?")).to_be_visible()
    assert_accessible(page, watch)
    page.get_by_role("button", name="Yes, remove this entry").click()
    expect(
        page.get_by_text("The contact with Aunt Tested on 1 November 2026 is removed.")
    ).to_be_visible()
    expect(page.get_by_text("No contacts recorded yet.")).to_be_visible()
    assert browser_data.store.contact_log(yp) == []
