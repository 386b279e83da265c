"""Importing a family tree in headless chromium: upload the .ged file, find the young person in
it, check the preview, confirm; the relatives appear as leads on the young person's page, and
axe finds nothing serious on the way."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in
from tests.gedcom_files import family

#: A busy shared machine has taken more than the fixture's 10 seconds to sign in.
SLOW_MACHINE_MS = 60_000


def test_upload_preview_and_confirm_a_family_tree(
    page: Page, browser_data: BrowserData, watch: Watch, tmp_path: Path
) -> None:
    yp = browser_data.new_young_person("Amy Example", people=[])
    tree = tmp_path / "Example family.GED"
    tree.write_bytes(family().bytes("utf-8", "\r\n", bom=True))
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")

    goto(page, f"/young-people/{yp}")
    page.get_by_role("link", name="Import a family tree (GEDCOM)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a family tree")
    assert_accessible(page, watch)

    # A file that cannot be read is refused with its line named (answered 400, as a form is).
    watch.allow(r"status of 400 \(BAD REQUEST\).*family-tree/import")
    broken = tmp_path / "broken.ged"
    broken.write_text(family().text().replace("1 SEX M\n", "1 SEX M\nnot gedcom\n", 1))
    page.get_by_label("Family tree file (GEDCOM, .ged)").set_input_files(broken)
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("line 18")

    page.get_by_label("Family tree file (GEDCOM, .ged)").set_input_files(tree)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find Amy Example in the family tree")
    people = page.locator("#people-in-file")
    expect(people).to_contain_text("3 March 2012")
    page.get_by_label("Name or year of birth").fill("müller")
    page.get_by_role("button", name="Search").click()
    expect(people).to_contain_text("Zoë Müller")
    page.get_by_label("Name or year of birth").fill("amy 2012")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page, watch)
    people.get_by_role("link", name="This is Amy Example").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check who will be added")
    expect(page.locator("#import-summary")).to_contain_text(
        "14 to add, 0 already in the network, 5 left out"
    )
    to_add = page.locator("#to-add")
    expect(to_add.get_by_role("row", name="Grandad Müller")).to_contain_text("Maternal")
    expect(to_add.get_by_role("row", name="Grandad Müller")).to_contain_text("Yes")
    expect(to_add).not_to_contain_text("Xavier Stranger")
    expect(page.locator("#left-out")).to_contain_text("Not a blood relative")
    assert_accessible(page, watch)
    page.get_by_role("button", name="Add 14 people to Amy Example's network").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "14 people added from the family tree as leads"
    )
    expect(page.locator("main")).to_contain_text("Zoë Müller")
    assert not watch.problems()
