"""The My Network pack in headless chromium: from the young person's page to the pack, its map
and the people chosen, a change of who is in it, and the PDF downloaded; axe finds nothing
serious."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in

SLOW_MACHINE_MS = 60_000


def _person(pid: str, name: str, relationship: dict, **person: object) -> dict:
    return {"id": pid, "name": name, "category": "family", **person, "relationship": relationship}


def _close(**fields: object) -> dict:
    return {
        "role": "grandparent",
        "closeness": 4,
        "closeness_rated_by": "young_person",
        "safety": "safe",
        "wishes": "wants",
        "contact": "active",
        "last_contact": "2026-11-01",
        **fields,
    }


def test_the_pack_page_renders_and_the_pdf_downloads(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    yp = browser_data.new_young_person(
        "Pip Packer",
        people=[
            _person(
                "p-pip-gran",
                "Gran Keeper",
                _close(support=["somewhere_to_stay"], continues_beyond_role=True),
                contact_details="07700 900777",
                reachable_agreed_on="2026-10-01",
            ),
            _person("p-pip-aunt", "Aunt Maybe", _close(role="aunt_uncle", closeness=3)),
            _person("p-pip-dad", "Dad Refused", _close(role="father", wishes="refuses")),
        ],
    )
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}")
    page.get_by_role("link", name="My Network pack").click()
    expect(page.get_by_role("heading", name="Pip Packer's network")).to_be_visible()
    people = page.locator("#pack-people")
    expect(people).to_contain_text("Gran Keeper")
    expect(people).to_contain_text("07700 900777")
    expect(people).to_contain_text("Aunt Maybe")
    assert "Dad Refused" not in page.content()
    expect(page.locator("#pack-map svg text", has_text="Gran Keeper")).to_have_count(1)
    assert_accessible(page, watch)

    # Only Gran, then the PDF of that pack.
    page.get_by_label("Aunt Maybe (aunt or uncle)").uncheck()
    page.get_by_role("button", name="Show the pack with these people").click()
    expect(people).not_to_contain_text("Aunt Maybe")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the pack (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"my-network-{yp}-")
    assert download.suggested_filename.endswith(".pdf")
    reader = PdfReader(Path(download.path()))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    assert "Gran Keeper" in text and "07700 900777" in text
    assert "Aunt Maybe" not in text and "Dad Refused" not in text


def test_without_consent_the_pack_offers_the_consent_page(
    page: Page, browser_data: BrowserData, watch: Watch
) -> None:
    yp = browser_data.new_young_person("Quin Noconsent", consent=False)
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{yp}/pack")
    expect(page.locator("#pack-no-consent")).to_be_visible()
    page.locator("#pack-record-consent").click()
    expect(page.get_by_role("heading", name="Record a consent decision")).to_be_visible()
    assert_accessible(page, watch)
