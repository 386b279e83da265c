"""Recording a restriction in headless chromium: the form, the young person's page marking the
person as restricted, the person leaving the conference's guest choices, and axe finding
nothing serious."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, _aunt, assert_accessible, goto, sign_in

#: A busy shared machine has taken more than the fixture's 10 seconds to sign in.
SLOW_MACHINE_MS = 60_000


def test_record_a_no_contact_restriction(page: Page, browser_data: BrowserData, watch: Watch):
    yp = browser_data.new_young_person(
        "Rhea Restricted",
        people=[_aunt("rhea-aunt", "Aunt Safe"), _aunt("rhea-uncle", "Uncle Ordered")],
    )
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}/restrictions/new")
    assert_accessible(page, watch)
    page.get_by_label("Who is the restriction on?").select_option("rhea-uncle")
    page.get_by_label("Section 34 contact order").check()
    page.get_by_label("No contact").check()
    starts = page.get_by_role("group", name="Date it starts")
    starts.get_by_label("Day").fill("1")
    starts.get_by_label("Month").fill("11")
    starts.get_by_label("Year").fill("2026")
    page.get_by_label("Order reference or decision").fill("ZE26C01234")
    page.get_by_role("button", name="Record the restriction").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Uncle Ordered")

    goto(page, f"/young-people/{yp}")
    in_force = page.locator("#restrictions-in-force")
    expect(in_force).to_contain_text("Uncle Ordered: no contact")
    expect(in_force.locator(".govuk-tag")).to_have_text("Restricted")
    assert_accessible(page, watch)

    # The facilitator cannot put him on the conference's guest list: he is listed with the
    # reason, and not offered.
    sign_in(page, "facilitator")
    goto(page, f"/young-people/{yp}/conference/guests")
    offered = page.get_by_label("Invite someone")
    expect(offered).to_contain_text("Aunt Safe")
    expect(offered).not_to_contain_text("Uncle Ordered")
    expect(page.locator("#refused")).to_contain_text("Uncle Ordered")
