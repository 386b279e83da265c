"""Layout in headless chromium: the "Manage the network" table fits its column at 1280 px (and
stacks on a phone), and the last link of every row is on screen and clickable, not clipped."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import BrowserData, Watch, assert_accessible, goto, sign_in

#: The first sign-in of a run loads a caseload page; on a busy shared machine that has taken
#: more than the fixture's 10 seconds.
SLOW_MACHINE_MS = 60_000

LONG_NAMES = [
    "Maximilian Bartholomew Featherstonehaugh-Worthington",
    "Anastasia Konstantinopoulou-Papadimitriou",
    "Christopher-Alexander Montgomery-Fitzwilliam",
]

#: For every row of the people table: is the row's last link (or button) inside the viewport
#: and inside the main column, not cut off by the table's scrolling box, and the element that
#: a click at its centre reaches? Returns the problems found (none is the pass).
_CHECK_ROWS = """() => {
  const problems = [];
  const table = document.querySelector("#people");
  const wrapper = table.closest(".lc-table-wrapper") || table.parentElement;
  const column = document.querySelector("main").getBoundingClientRect();
  if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
    problems.push(`the table is ${wrapper.scrollWidth}px wide in a ${wrapper.clientWidth}px box`);
  }
  const rows = table.querySelectorAll("tbody tr");
  rows.forEach((row, index) => {
    const actions = row.querySelectorAll("a, button");
    const last = actions[actions.length - 1];
    if (!last) { problems.push(`row ${index}: no link`); return; }
    // Scroll the page (never the table) so that the link is in the middle of the window.
    const top = last.getBoundingClientRect().top;
    window.scrollTo(0, window.scrollY + top - window.innerHeight / 2);
    const box = last.getBoundingClientRect();
    const shown = wrapper.getBoundingClientRect();
    const what = `row ${index} (${last.textContent.trim()})`;
    if (wrapper.scrollLeft !== 0) problems.push(`${what}: the table scrolled sideways`);
    if (box.width === 0 || box.height === 0) problems.push(`${what}: not shown`);
    if (box.left < 0 || box.right > window.innerWidth) {
      problems.push(`${what}: outside the viewport (${box.left}..${box.right})`);
    }
    if (box.left < column.left - 1 || box.right > column.right + 1) {
      problems.push(`${what}: outside the column (${box.right} > ${column.right})`);
    }
    if (box.right > shown.right + 1) problems.push(`${what}: clipped by the table's box`);
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!hit || !(hit === last || last.contains(hit))) {
      problems.push(`${what}: a click at its centre reaches ${hit && hit.outerHTML.slice(0, 80)}`);
    }
  });
  window.scrollTo(0, 0);
  return {rows: rows.length, problems};
}"""


def _crowded_people() -> list[dict[str, Any]]:
    """People whose cells are as long as they get: long names in one household, worker-rated
    closeness, every finding stage set."""
    people = []
    for index, name in enumerate(LONG_NAMES * 2):
        people.append(
            {
                "id": f"p-layout-{index}",
                "name": f"{name} {index}",
                "category": "family",
                "household": "h-layout" if index < 4 else None,
                "relationship": {
                    "role": "other_relative" if index % 2 else "aunt_uncle",
                    "closeness": 2,
                    "closeness_rated_by": "worker",
                    "safety": "no_contact" if index == 1 else "unassessed",
                    "wishes": "unknown",
                    "contact": "none_yet",
                    "paid": index == 5,
                    "finding_status": "identified",
                },
            }
        )
    return people


@pytest.fixture
def crowded(browser_data: BrowserData) -> str:
    return browser_data.new_young_person("Layla Layout", people=_crowded_people())


@pytest.mark.parametrize("width", [1280, 1024, 375])
def test_the_last_link_of_every_row_is_on_screen_and_clickable(
    page: Page, browser_data: BrowserData, crowded: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    for young_person in (crowded, browser_data.hostile_id, *browser_data.demo_ids[:3]):
        goto(page, f"/young-people/{young_person}/network")
        result = page.evaluate(_CHECK_ROWS)
        assert result["rows"] > 0
        assert result["problems"] == [], f"{young_person} at {width}px: {result['problems']}"
        # Playwright's own check that a click would land (visible, enabled, not covered).
        for row in page.locator("#people tbody tr").all():
            row.locator("a").last.click(trial=True)


def test_the_last_link_of_a_row_works_at_1280(page: Page, crowded: str, watch: Watch) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.set_default_timeout(SLOW_MACHINE_MS)
    sign_in(page, "coordinator")
    goto(page, f"/young-people/{crowded}/network")
    assert_accessible(page, watch)
    row = page.locator("#person-p-layout-5")
    row.get_by_role("link", name=f"Remove {LONG_NAMES[2]} 5").click()
    expect(page.get_by_role("heading", name=f"Remove {LONG_NAMES[2]} 5?")).to_be_visible()
