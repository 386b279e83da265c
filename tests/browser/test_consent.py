"""Consent in headless chromium: a coordinator records a parent's withdrawal through the form,
and family finding shows as paused on the young person's page, with the leads listed but no
action offered; axe finds nothing serious on any of the pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in
from tests.consents import entry

#: The first sign-in of a run loads a caseload page; on a busy shared machine that has taken
#: more than the fixture's 10 seconds.
SLOW_MACHINE_MS = 60_000

PAUSED = (
    "Family finding is paused: Dan Paused (parental responsibility) withdrew consent on 2026-11-20."
)


def test_recording_a_withdrawal_pauses_family_finding(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    yp = browser_data.new_young_person(
        "Pat Paused-Test",
        people=[
            {
                "id": "p-pat-uncle",
                "name": "Uncle Located",
                "category": "family",
                "relationship": {
                    "role": "aunt_uncle",
                    "safety": "safe",
                    "wishes": "wants",
                    "contact": "active",
                    "last_contact": "2026-11-01",
                    "finding_status": "located",
                },
            },
            {
                "id": "p-pat-cousin",
                "name": "Cousin To-Find",
                "category": "family",
                "relationship": {
                    "role": "cousin",
                    "safety": "safe",
                    "finding_status": "identified",
                },
            },
        ],
        consent=False,
    )
    store = browser_data.store
    store.record_consent(yp, entry(day="2026-03-01"), "demo-coordinator")
    dan = entry(party="parental_responsibility", holder_name="Dan Paused", day="2026-03-02")
    store.record_consent(yp, dan, "demo-coordinator")

    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}")
    summary = page.locator("#consent-summary")
    expect(summary).to_contain_text("Family finding: In place")
    expect(
        page.get_by_role("link", name="Update the finding stage for Uncle Located")
    ).to_be_visible()

    summary.get_by_role("link", name="Consent and information sharing").click()
    expect(page.get_by_role("heading", name="Consent and information sharing")).to_be_visible()
    page.get_by_role("button", name="Record a decision").click()
    expect(page.get_by_role("heading", name="Record a consent decision")).to_be_visible()
    assert_accessible(page, watch)

    page.get_by_label("Family finding").check()
    page.get_by_label("A holder of parental responsibility", exact=True).check()
    page.get_by_label("If it is a holder of parental responsibility: their full name").fill(
        "Dan Paused"
    )
    page.get_by_label("Withdrawn").check()
    page.get_by_label("Day").fill("20")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Phone call").check()
    page.get_by_label("Note").fill("Rang to say stop for now.")
    page.get_by_role("button", name="Record the decision").click()

    expect(
        page.get_by_text(
            "Recorded for family finding: Dan Paused (parental responsibility) withdrew consent "
            "on 20 November 2026."
        )
    ).to_be_visible()
    expect(page.locator("#family-finding-paused")).to_contain_text(PAUSED)
    ledger = page.locator("#consent-ledger")
    expect(ledger.locator("tbody tr").first).to_contain_text("Withdrawn")
    expect(ledger).to_contain_text("Rang to say stop for now.")
    assert_accessible(page, watch)

    goto(page, f"/young-people/{yp}")
    expect(page.locator("#family-finding-paused")).to_contain_text(PAUSED)
    expect(page.locator("#consent-summary")).to_contain_text("Family finding: Withdrawn")
    expect(page.locator(".lc-gaps li").first).to_contain_text(PAUSED)
    leads = page.locator("#leads-paused")
    expect(leads).to_contain_text("The leads are listed for the record only.")
    expect(
        page.get_by_text("Cousin To-Find").filter(visible=True).first
    ).to_be_visible()  # still listed
    expect(
        page.get_by_role("link", name="Update the finding stage for Uncle Located")
    ).to_have_count(0)
    assert_accessible(page, watch)

    # The network page offers no stage past identified for the cousin still to find.
    goto(page, f"/young-people/{yp}/network")
    stage = page.get_by_label("Family finding stage for Cousin To-Find")
    expect(stage.locator("option[value='located']")).to_have_count(0)
    expect(stage.locator("option[value='ruled_out']")).to_have_count(1)
    assert browser_data.store.get_relationship(yp, "p-pat-cousin").finding_status.value == (
        "identified"
    )
