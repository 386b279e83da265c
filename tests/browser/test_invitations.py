"""The whole invitation flow in headless chromium, the young person's part at phone width
(320 px): the coordinator creates the link, the young person saves, comes back and sends their
answers using the keyboard, the link then shows the kind page, and the coordinator sees the
ratings saved and the score change. axe finds nothing serious on any page."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, _aunt, assert_accessible, goto, sign_in

#: A busy shared machine has taken more than the fixture's 10 seconds to sign in.
SLOW_MACHINE_MS = 60_000
PHONE = {"width": 320, "height": 740}


def _person(person_id: str, name: str, **relationship: Any) -> dict[str, Any]:
    return {"id": person_id, "name": name, "category": "family", "relationship": relationship}


def test_the_young_person_rates_their_people_on_a_phone(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    yp = browser_data.new_young_person(
        "Ivy Invited",
        people=[
            _aunt("ivy-aunt", "Aunt Mabel"),
            _person(
                "ivy-sw",
                "Sam Worker",
                role="friend",
                closeness=3,
                closeness_rated_by="worker",
                safety="safe",
                contact="active",
                last_contact="2026-11-01",
            ),
            _person("ivy-dad", "Dad Restricted", role="father", safety="no_contact"),
        ],
    )
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}")
    expect(page.locator("#network-actions")).to_contain_text("Invitations to rate their people")
    page.get_by_role("link", name="Invitations to rate their people").click()
    page.get_by_role("link", name="Create a link").click()
    assert_accessible(page, watch)
    expect(page.get_by_label("Sam Worker (Friend)")).to_be_checked()
    expect(page.get_by_label("Dad Restricted (Father): no contact allowed")).not_to_be_checked()
    page.get_by_role("button", name="Create the link").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Link created")
    expect(page.locator("svg.lc-qr")).to_be_visible()
    assert_accessible(page, watch)
    link = page.locator("#invitation-link").get_attribute("href")
    assert link and "/i/" in link

    # The young person: no session, a phone.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    goto(page, link)
    expect(page.locator("h1")).to_have_text("Hello Ivy. Tell us about your people")
    expect(page.locator("body")).not_to_contain_text("Dad Restricted")
    expect(page.locator("#help-now")).to_contain_text("0800 1111")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("a[href^='/']").count() == 0  # no way to any other page
    assert_accessible(page, watch)

    sam = page.get_by_role("group", name="How close do you feel to Sam Worker?")
    expect(sam.get_by_role("radio", checked=True)).to_have_count(0)  # the estimate is not shown
    # The keyboard alone: Tab into the group, arrows choose, Space is not needed.
    sam.get_by_label("Not close").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(sam.get_by_label("Very close: they love me and I can count on them")).to_be_checked()
    page.get_by_role("group", name="Would you like to see Sam Worker?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator("#saved")).to_contain_text("Your answers are saved")
    assert_accessible(page, watch)

    goto(page, link)  # coming back later: the saved answers are there
    expect(
        page.get_by_role("group", name="How close do you feel to Sam Worker?").get_by_label(
            "Very close: they love me and I can count on them"
        )
    ).to_be_checked()
    page.get_by_label("Anyone else who matters to you").fill("My cousin Lou in Hull")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Your answers have been sent")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, watch)

    watch.allow(r"status of 404")
    goto(page, link, status=404)  # used: the kind page
    expect(page.locator("h1")).to_have_text("This link does not work")
    assert_accessible(page, watch)

    # The coordinator sees the ratings saved and the score change.
    page.set_viewport_size({"width": 1024, "height": 800})
    sign_in(page, "coordinator", form=True)
    goto(page, f"/young-people/{yp}/invitations")
    page.locator("#invitations a").first.click()
    expect(page.locator("#invitation-state")).to_have_text("Answered")
    expect(page.locator("#answer-table")).to_contain_text(
        "Close (3), rated by a worker → Very close (4), rated by the young person"
    )
    expect(page.locator("#score-change")).to_contain_text("Before the answers")
    expect(page.locator("#suggestion-list")).to_contain_text("My cousin Lou in Hull")
    assert_accessible(page, watch)
    before, after = page.locator("#score-change strong").all_inner_texts()
    assert float(after) > float(before)
    goto(page, f"/young-people/{yp}")
    loving = page.locator(".govuk-summary-list__row").filter(has_text="Loving relationships now")
    expect(loving.first).to_contain_text("Sam Worker")  # now counted: the young person said so
