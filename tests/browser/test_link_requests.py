"""A link request in headless chromium (docs/sharing-people.md): the coordinator's search finds
someone only in a network not allocated to them, so the page says only that a possible match
exists elsewhere; they ask for the person to be linked; a manager allocated to that network sees
the request, approves it, and the person is in the coordinator's young person's network."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, assert_accessible, goto, sign_in

GRANDMOTHER = "Zebedee Quillfeather-Browser"
ADDRESS = "3 Quill Lane, Browsertown"


def test_ask_for_someone_known_elsewhere_and_approve(page: Page, browser_data: BrowserData) -> None:
    theirs = browser_data.new_young_person(
        "Theo Theirs",
        people=[
            {
                "id": "p-zebedee-browser",
                "name": GRANDMOTHER,
                "category": "family",
                "address": ADDRESS,
                "relationship": {"role": "grandparent", "safety": "safe"},
            }
        ],
        allocate_to=("demo-manager",),
    )
    mine = browser_data.new_young_person("Mia Mine")

    sign_in(page, "coordinator")
    goto(page, f"/young-people/{mine}/people/new")
    page.get_by_label("Name or id").fill("quillfeather")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#elsewhere")).to_contain_text(
        "A possible match for “quillfeather” exists elsewhere in the service"
    )
    source = page.content()
    for secret in (GRANDMOTHER, "Zebedee", "p-zebedee-browser", ADDRESS, "Theo Theirs", theirs):
        assert secret not in source, secret
    assert_accessible(page)

    page.get_by_role("link", name="Ask for someone matching “quillfeather”").click()
    expect(page.get_by_role("heading", name="Ask to link someone known elsewhere")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Who they are to Mia Mine").select_option(label="Grandparent")
    page.get_by_label("Safe", exact=True).check()
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()
    expect(page.locator("#mine-table")).to_contain_text("Waiting for a decision")
    assert GRANDMOTHER not in page.content()
    assert_accessible(page)

    sign_in(page, "manager", form=True)
    goto(page, "/link-requests")
    expect(page.locator("#awaiting-table")).to_contain_text("Mia Mine")
    page.get_by_role("link", name="Decide").first.click()
    expect(page.locator("#candidates")).to_contain_text(GRANDMOTHER)
    expect(page.locator("#candidates")).to_contain_text("Theo Theirs (grandparent)")
    assert_accessible(page)
    page.get_by_label(GRANDMOTHER).check()
    page.get_by_role("button", name="Approve: link them").click()
    expect(
        page.get_by_text(f"Approved: {GRANDMOTHER} is now in Mia Mine's network.")
    ).to_be_visible()

    sign_in(page, "coordinator", form=True)
    goto(page, "/link-requests")
    assert "Link requests" in page.title(), page.content()[:3000]
    expect(page.locator("#mine-table")).to_contain_text(
        "Approved: they are now in Mia Mine's network"
    )
    goto(page, f"/young-people/{mine}")
    expect(page.locator("#network-table")).to_contain_text(GRANDMOTHER)
