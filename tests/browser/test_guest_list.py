"""The facilitator prepares a conference guest list in the browser (docs/conference.md).

A guest who lives with someone under a no-contact restriction brings a warning that names the
guest but never the restricted person; the list cannot be made final until the facilitator
acknowledges it with a reason; once final, the family's conference view shows the map, and the
restricted person's name is nowhere in the page sent.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from connections.model import parse_network
from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in

RESTRICTED_NAME = "Rex Restricted-Guestlist"
GUEST_NAME = "Gina Guestlist"


def _person(person_id: str, name: str, **relationship: object) -> dict[str, object]:
    values: dict[str, object] = {"role": "aunt_uncle", "safety": "safe", "contact": "active"}
    values.update(relationship)
    return {"id": person_id, "name": name, "category": "family", "relationship": values}


def _young_person_with_a_leak(browser_data: BrowserData) -> str:
    """A young person whose aunt Gina lives with Rex, under a no-contact order in force (his
    recorded safety is "safe": only the restriction makes him no contact)."""
    yp = browser_data.new_young_person(
        "Gail Guestlist",
        people=[
            _person("p-gl-gina", GUEST_NAME),
            _person("p-gl-rex", RESTRICTED_NAME, role="father"),
            _person("p-gl-nan", "Nan Guestlist", role="grandparent"),
        ],
    )
    store = browser_data.store
    document = store.load_network(yp).to_document()
    document["links"] = [{"source": "p-gl-gina", "target": "p-gl-rex", "kind": "lives_with"}]
    document["restrictions"] = [
        {
            "id": "r-gl-rex",
            "person_id": "p-gl-rex",
            "kind": "s34_order",
            "scope": "no_contact",
            "starts": "2026-01-01",
        }
    ]
    store.save_networks([parse_network(document)])
    return yp


def test_a_leak_warning_is_acknowledged_before_the_list_is_final_and_the_family_view_opens(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    yp = _young_person_with_a_leak(browser_data)
    # Signing in (a password hash, then the cohort page) took over the fixture's 10 s on the
    # shared 2-core machine under load; nothing here waits on anything but the server.
    page.set_default_timeout(30_000)
    sign_in(page, "facilitator")
    goto(page, f"/young-people/{yp}")
    with page.expect_navigation():
        page.get_by_role("link", name="Guest list", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Guest list for Gail Guestlist's conference"
    )
    # Rex cannot be invited: he is not offered.
    options = page.locator("#person_id option")
    expect(options).not_to_contain_text([RESTRICTED_NAME])
    assert_accessible(page)

    page.get_by_label("Invite someone").select_option("p-gl-gina")
    with page.expect_navigation():
        page.get_by_role("button", name="Add to the guest list").click()
    expect(page.locator("#guest-table")).to_contain_text(GUEST_NAME)
    warning = page.locator(".lc-leak-warning")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text(
        f"{GUEST_NAME} lives with someone this young person must have no contact with: "
        "anything shared at the conference may reach them."
    )
    assert RESTRICTED_NAME not in warning.inner_text()
    assert_accessible(page)

    # Finalising is refused while the warning is not acknowledged (a 400 page, as meant).
    watch.allow(r"status of 400 .*/conference/guests/finalise")
    with page.expect_navigation():
        page.get_by_role("button", name="Finalise the guest list").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Acknowledge the warning")
    expect(page.locator("#guest-list-status")).to_contain_text("Draft")
    assert not browser_data.store.guest_list(yp).final

    page.get_by_label(f"Why {GUEST_NAME} may still attend").fill(
        "Rex works away; Gina agreed not to share anything from the conference"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Acknowledge this warning").click()
    expect(warning).to_contain_text("Acknowledged")
    with page.expect_navigation():
        page.get_by_role("button", name="Finalise the guest list").click()
    expect(page.get_by_text("The guest list is final.").first).to_be_visible()
    assert browser_data.store.guest_list(yp).final

    with page.expect_navigation():
        page.get_by_role("link", name="Open the family's conference view").click()
    expect(page.locator("#ecomap canvas")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gail Guestlist's network")
    assert RESTRICTED_NAME not in page.content()
    assert "p-gl-rex" not in page.content()
    assert_accessible(page)
