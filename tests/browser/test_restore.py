"""Undo in headless chromium: from the history page to the confirmation page, which says what a
restore changes, to the restored network; and the network on a day. Axe finds nothing serious on
the pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from connections.model import revise
from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in

#: The first sign-in of a run loads a caseload page; on a busy shared machine that has taken
#: more than the fixture's 10 seconds.
SLOW_MACHINE_MS = 60_000


def test_restore_an_earlier_version_from_the_history_page(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    yp = browser_data.new_young_person("Rhea Restoring")
    store = browser_data.store
    aunt = store.get_relationship(yp, f"{yp}-aunt")
    store.update_relationship(yp, revise(aunt, {"closeness": 1}))  # the mistake to undo
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}/history")
    page.get_by_role("link", name="Restore version 1").click()
    expect(page.get_by_role("heading", name="Restore version 1?")).to_be_visible()
    expect(page.locator("#restore-changes")).to_contain_text("Aunt Tested: closeness")
    expect(page.get_by_text("none is removed, reopened or changed")).to_be_visible()
    assert_accessible(page, watch)
    page.get_by_role("button", name="Yes, restore this version").click()
    expect(page.get_by_text("Version 1 is restored")).to_be_visible()
    expect(page.locator("#versions")).to_contain_text("restore of version 1")
    assert store.versions(yp, limit=1)[0].document == store.version(yp, 1).document

    page.get_by_role("link", name="See the network on a day").click()
    page.get_by_label("Day").fill(store.version(yp, 1).at.date().isoformat())
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#on-day")).to_contain_text("Aunt Tested")
    assert_accessible(page, watch)
