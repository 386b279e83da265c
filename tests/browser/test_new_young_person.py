"""A manager lands on the cohort review and adds a young person, in headless chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in


def test_a_manager_adds_a_young_person_from_the_cohort(
    page: Page, watch: Watch, browser_data: BrowserData
) -> None:
    store = browser_data.store
    store.unallocate("demo-manager", store.allocated_ids("demo-manager"))  # other tests add some
    sign_in(page, "manager")
    goto(page, "/")
    assert urlsplit(page.url).path == "/cohort"  # no caseload of their own: the whole cohort
    with page.expect_navigation():
        page.get_by_role("button", name="Add a young person").click()  # a link styled as a button
    expect(page.get_by_role("heading", name="Add a young person")).to_be_visible()
    assert_accessible(page, watch)

    watch.allow(r"status of 400")  # the browser logs the error page's own 400 status
    # Sent empty: every problem is named and linked from the summary, and the page stays usable.
    with page.expect_navigation():
        page.get_by_role("button", name="Add young person").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the young person's full name")
    expect(summary).to_contain_text("Enter the young person's date of birth")
    assert page.title().startswith("Error: ")
    assert_accessible(page, watch)
    name_problem = summary.get_by_role("link", name="Enter the young person's full name")
    expect(name_problem).to_have_attribute("href", "#name")

    page.get_by_label("Full name").fill("Bryn Browser-Added")
    page.get_by_label("Day").fill("9")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2012")
    page.get_by_label("In care", exact=True).check()
    page.get_by_label("Id (optional)").fill("yp-browser-added")
    page.get_by_label("Allocate to").select_option(label=_coordinator_label())
    with page.expect_navigation():
        page.get_by_role("button", name="Add young person").click()

    assert urlsplit(page.url).path == "/young-people/yp-browser-added/network"
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Bryn Browser-Added has been added"
    )
    assert_accessible(page, watch)
    assert browser_data.store.allocated_ids("demo-coordinator").count("yp-browser-added") == 1


def _coordinator_label() -> str:
    return "Demo Coordinator (Lifelong Connections coordinator)"
