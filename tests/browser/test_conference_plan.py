"""Recording the Family Group Conference plan live in the room, with the keyboard only.

The facilitator goes round the people one at a time: from the plan's list to a person's short
page, ticks what they offer, their Always Here commitment and whether they stay in touch with
Tab, Space and the arrow keys, and saves with Enter; the next person opens with the "saved"
banner focused and their form the next Tab away. Nobody the conference may not see is in any page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, assert_accessible, goto, sign_in
from tests.web.networks import ready_conference

NO_CONTACT_NAME = "Nadia Nocontact-Keys"

#: What the focused element is called: its label's text (checkboxes, radios), else its own
#: text (links, buttons).
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  if (e.labels && e.labels.length) return e.labels[0].innerText.trim();
  return (e.innerText || e.value || "").trim();
}"""


def _tab_to(page: Page, name: str, limit: int = 80) -> None:
    """Press Tab until the element called ``name`` has the focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused == name:
            return
        seen.append(focused)
    pytest.fail(f"Tab never reached {name!r}; it went through {seen}")


def _person(person_id: str, name: str, **relationship: object) -> dict[str, object]:
    values: dict[str, object] = {"role": "aunt_uncle", "safety": "safe", "contact": "none_yet"}
    values.update(relationship)
    return {"id": person_id, "name": name, "category": "family", "relationship": values}


def test_the_plan_can_be_recorded_with_the_keyboard_only(
    page: Page, browser_data: BrowserData
) -> None:
    yp = browser_data.new_young_person(
        "Kim Keyboard",
        people=[
            _person("p-keys-aunt", "Aunt Keys"),
            _person("p-keys-bro", "Ben Keys", role="sibling"),
            _person("p-keys-danger", NO_CONTACT_NAME, role="father", safety="no_contact"),
        ],
    )
    ready_conference(browser_data.store, yp)  # the family view opens on a final guest list
    sign_in(page, "facilitator")
    goto(page, f"/young-people/{yp}/conference/plan")
    assert NO_CONTACT_NAME not in page.content()
    assert_accessible(page)

    # From the top of the plan's list: the skip link first, then "Start with Aunt Keys", Enter.
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED) == "Skip to main content"
    page.keyboard.press("Enter")
    _tab_to(page, "Start with Aunt Keys", limit=3)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aunt Keys (aunt or uncle)")
    assert NO_CONTACT_NAME not in page.content()
    assert_accessible(page)

    # Space ticks a checkbox; the arrow keys choose a radio; Enter on the button saves.
    _tab_to(page, "Money")
    page.keyboard.press("Space")
    _tab_to(page, "Somewhere to stay")
    page.keyboard.press("Space")
    _tab_to(page, "Always Here: they will stay in touch after their role ends")
    page.keyboard.press("Space")
    _tab_to(page, "Not agreed at this conference")  # Tab lands on the radio that is chosen
    page.keyboard.press("ArrowUp")
    assert page.evaluate(_FOCUSED) == "Yes, now and then"
    _tab_to(page, "Save and go to the next person")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The next person opens with the "saved" banner focused, and the form is the next Tab.
    expect(page.get_by_role("heading", level=1)).to_have_text("Ben Keys (sibling)")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Aunt Keys's part of the plan is saved.")
    expect(banner).to_be_focused()
    _tab_to(page, "Emotional", limit=1)
    page.keyboard.press("Space")
    # Ben is the last person: one button, back to the plan.
    _tab_to(page, "Save and go back to the plan")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_text("Ben Keys's part of the plan is saved.")).to_be_visible()
    table = page.locator("#plan-people")
    expect(table).to_contain_text("Somewhere to stay, Money")
    expect(table).to_contain_text("Yes, now and then")
    assert NO_CONTACT_NAME not in page.content()
    store = browser_data.store
    aunt = store.get_relationship(yp, "p-keys-aunt")
    assert [d.value for d in aunt.support] == ["somewhere_to_stay", "money"]
    assert aunt.continues_beyond_role is True and aunt.contact.value == "occasional"
    ben = store.get_relationship(yp, "p-keys-bro")
    assert [d.value for d in ben.support] == ["emotional"] and not ben.continues_beyond_role
    assert store.get_relationship(yp, "p-keys-danger").version == 1  # never touched
