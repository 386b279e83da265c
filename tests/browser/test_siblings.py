"""In headless chromium: marking a brother as the young person he is, from the person's details,
shows the two on the managers' siblings placed apart list; a constellation's map is drawn beside
its table; axe finds nothing serious on either page."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, _aunt, assert_accessible, goto, sign_in

#: A busy shared machine has taken more than the fixture's 10 seconds to sign in.
SLOW_MACHINE_MS = 60_000


def _carer(person_id: str, name: str, role: str, household: str) -> dict[str, Any]:
    return {
        "id": person_id,
        "name": name,
        "category": "carer",
        "household": household,
        "relationship": {"role": role, "safety": "safe", "contact": "active"},
    }


def test_mark_a_brother_as_a_young_person_then_see_them_apart(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    page.set_default_timeout(SLOW_MACHINE_MS)
    brother = browser_data.new_young_person(
        "Sol Sibling", people=[_carer("sol-carer", "Cai Carer", "foster_carer", "h-sol")]
    )
    sister = {
        "id": "tia-brother",
        "name": "Sol Sibling",
        "category": "family",
        "relationship": {"role": "sibling", "safety": "safe", "wishes": "wants", "contact": "lost"},
    }
    tia = browser_data.new_young_person(
        "Tia Sibling",
        people=[
            sister,
            _aunt("tia-aunt", "Aunt Tia"),
            _carer("tia-c", "Di Carer", "foster_carer", "h-tia"),
        ],
    )
    for yp, home in ((brother, "h-sol"), (tia, "h-tia")):
        young_person = browser_data.store.get_young_person(yp)
        browser_data.store.update_young_person(young_person.model_copy(update={"household": home}))

    sign_in(page, "coordinator")
    goto(page, f"/young-people/{tia}/people/tia-brother/edit")
    page.get_by_role("link", name="Mark them as a young person we support").click()
    expect(page.locator("h1")).to_have_text("Is Sol Sibling a young person we support?")
    assert_accessible(page, watch)
    page.get_by_label("Which young person are they?").select_option(brother)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Sol Sibling is marked as a young person we support."
    )

    sign_in(page, "manager")
    goto(page, "/cohort/siblings-apart")
    group = page.locator("section", has_text="Tia Sibling")
    expect(group.locator("h2")).to_have_text("Sol Sibling and Tia Sibling")
    expect(group).to_contain_text("2 in care, in 2 households; 2 contact gaps.")
    assert_accessible(page, watch)


def test_a_constellation_map_beside_its_table(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    page.set_default_timeout(SLOW_MACHINE_MS)
    hub = ("hub-browser", "Hope Hub", "hub_carer", "h-hope")
    for name in ("Una Hubbed", "Vic Hubbed"):
        browser_data.new_young_person(name, people=[_carer(*hub)])
    sign_in(page, "manager")
    goto(page, "/cohort/constellations")
    assert_accessible(page, watch)
    page.get_by_role("link", name="Hope Hub's constellation").click()
    expect(page.locator("h1")).to_have_text("Hope Hub's constellation")
    container = page.locator("[data-map]")
    expect(container).to_have_attribute("data-map-ready", "true")
    expect(container.locator("canvas")).to_have_count(1)
    expect(page.locator("#constellation-young-people")).to_contain_text("Una Hubbed")
    expect(page.locator("#constellation-carers")).to_contain_text("Mockingbird hub carer")
    assert_accessible(page, watch)
