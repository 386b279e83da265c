"""The ecomap in the browser: full screen, presenting mode at a conference, groups folded and
opened by mouse and keyboard, and pictures of 12-, 40- and 120-person maps a person can open.

The pictures are kept in ``var/screenshots/`` (ignored by git; ``MAP_SCREENSHOTS`` names another
folder): ``map-12-people.png``, ``map-40-people.png``, ``map-120-people.png`` (the worker's map
in full screen at 1280 x 720) and ``conference-40-people-presenting.png`` (docs/maps.md).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from connections import demo
from connections.demo.prefixed import with_prefix
from tests.browser.conftest import BrowserData, assert_accessible, goto, sign_in
from tests.conftest import AS_OF
from tests.web.networks import ready_conference

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("MAP_SCREENSHOTS") or ROOT / "var" / "screenshots")
SIZES = (12, 40, 120)
_SAVED: dict[int, str] = {}


@pytest.fixture(autouse=True)
def _patient(page: Page) -> None:
    """Big maps and a first sign-in on a busy machine take longer than the usual 10 s."""
    page.set_default_timeout(30_000)


def _young_person(data: BrowserData, size: int) -> str:
    """A demo young person with ``size`` people, saved once a run and allocated to the
    coordinator and the facilitator."""
    if size not in _SAVED:
        (network,) = demo.generate(1, 13, AS_OF, people_per_network=(size, size))
        network = with_prefix(network, f"map{size}-")
        data.store.save_network(network)
        for username in ("demo-coordinator", "demo-facilitator"):
            data.store.allocate(username, [network.young_person.id])
        _SAVED[size] = network.young_person.id
    return _SAVED[size]


def _map_data(page: Page) -> dict[str, Any]:
    return page.evaluate("() => JSON.parse(document.getElementById('map-data').textContent)")


def _open_map(page: Page, path: str) -> None:
    goto(page, path)
    expect(page.locator("[data-map]")).to_have_attribute("data-map-ready", "true")


def _folded(page: Page, group: dict[str, Any]) -> bool:
    """Whether the group is folded: its first member is inside its node."""
    path = page.evaluate(
        "id => window.LifelongConnectionsMaps.get('ecomap').findNode(id)", group["members"][0]
    )
    return path == [group["id"], group["members"][0]]


def _painted(page: Page) -> int:
    return page.locator("[data-map] canvas").evaluate(
        """canvas => {
             const pixels = canvas.getContext("2d")
               .getImageData(0, 0, canvas.width, canvas.height).data;
             let painted = 0;
             for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
             return painted;
           }"""
    )


@pytest.mark.parametrize("size", SIZES)
def test_full_screen_maps_of_12_40_and_120_people_are_kept_as_pictures(
    page: Page, browser_data: BrowserData, size: int
) -> None:
    yp = _young_person(browser_data, size)
    sign_in(page, "coordinator")
    _open_map(page, f"/young-people/{yp}")
    frame = page.locator("[data-map-frame='ecomap']")
    full = page.get_by_role("button", name="Full screen")
    full.click()
    expect(frame).to_have_class(re.compile(r"\bmap-frame--full\b"))
    expect(page.get_by_role("button", name="Leave full screen")).to_have_attribute(
        "aria-pressed", "true"
    )
    box = frame.bounding_box()
    assert box is not None and box["width"] >= 1270 and box["height"] >= 710, box
    map_box = page.locator("[data-map]").bounding_box()
    assert map_box is not None and map_box["height"] > 400, map_box
    page.wait_for_timeout(300)  # the refit after the frame grew
    assert _painted(page) > 2000
    data = _map_data(page)
    if size > 60:
        assert data["groups"], "a large map folds groups"
    else:
        assert not data["groups"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    picture = SCREENSHOTS / f"map-{size}-people.png"
    page.screenshot(path=str(picture))
    assert picture.stat().st_size > 10_000
    print(f"\nmap of {size} people: {picture}")


def _screen_labels(page: Page) -> list[dict[str, Any]]:
    """The names as map.js drew them, in the viewport's CSS pixels (waiting for a drawing)."""
    page.wait_for_function("() => window.LifelongConnectionsMaps.labels('ecomap').length > 0")
    return page.evaluate("() => window.LifelongConnectionsMaps.labels('ecomap')")


def _assert_readable(labels: list[dict[str, Any]], expected: set[str]) -> None:
    """Every expected name is drawn once, at 16 px or more on the screen, and no two overlap."""
    assert sorted(label["id"] for label in labels) == sorted(expected)
    for label in labels:
        assert label["fontPx"] >= 16 - 1e-6, label
        assert label["right"] > label["left"] and label["bottom"] > label["top"], label
    for index, first in enumerate(labels):
        for second in labels[index + 1 :]:
            apart = (
                first["right"] <= second["left"]
                or second["right"] <= first["left"]
                or first["bottom"] <= second["top"]
                or second["bottom"] <= first["top"]
            )
            assert apart, f"{first} overlaps {second}"


def _first_view_ids(data: dict[str, Any]) -> set[str]:
    folded = {member for group in data["groups"] for member in group["members"]}
    people = {n["id"] for n in data["nodes"] if n["kind"] == "person" and n["id"] not in folded}
    return people | {group["id"] for group in data["groups"]}


@pytest.mark.parametrize("size", SIZES)
def test_names_on_the_first_view_never_overlap_and_are_at_least_16_px(
    page: Page, browser_data: BrowserData, size: int
) -> None:
    """At 1280 x 720, on the page and in full screen: the first view of maps of 12, 40 and 120
    people (120 folded into groups) draws every name it shows at 16 px or more, none on
    another, measured on the screen."""
    page.set_viewport_size({"width": 1280, "height": 720})
    yp = _young_person(browser_data, size)
    sign_in(page, "coordinator")
    _open_map(page, f"/young-people/{yp}")
    data = _map_data(page)
    expected = _first_view_ids(data)
    assert (size > 60) == bool(data["groups"])
    _assert_readable(_screen_labels(page), expected)
    # Names are drawn by map.js, not by vis-network (which would place them itself).
    assert (
        page.evaluate(
            """() => window.LifelongConnectionsMaps.get("ecomap").body.data.nodes
                   .get().filter(n => n.kind === "person" && n.label).length"""
        )
        == 0
    )
    page.get_by_role("button", name="Full screen").click()
    expect(page.locator("[data-map-frame='ecomap']")).to_have_class(
        re.compile(r"\bmap-frame--full\b")
    )
    page.wait_for_timeout(300)  # the refit after the frame grew
    _assert_readable(_screen_labels(page), expected)
    # A dragged person takes their name along (moved by the map's API, as a drag does).
    person = next(n["id"] for n in data["nodes"] if n["id"] in expected and n["kind"] == "person")
    before = next(label for label in _screen_labels(page) if label["id"] == person)
    page.evaluate(
        """id => {
             const network = window.LifelongConnectionsMaps.get("ecomap");
             const place = network.getPositions([id])[id];
             network.moveNode(id, place.x + 40, place.y + 20);
             network.redraw();
           }""",
        person,
    )
    after = next(label for label in _screen_labels(page) if label["id"] == person)
    scale = page.evaluate("() => window.LifelongConnectionsMaps.get('ecomap').getScale()")
    assert after["left"] - before["left"] == pytest.approx(40 * scale, abs=1)
    assert after["top"] - before["top"] == pytest.approx(20 * scale, abs=1)


def test_full_screen_is_operated_with_the_keyboard_and_escape_leaves(
    page: Page, browser_data: BrowserData
) -> None:
    yp = _young_person(browser_data, 12)
    sign_in(page, "coordinator")
    _open_map(page, f"/young-people/{yp}")
    frame = page.locator("[data-map-frame='ecomap']")
    page.get_by_role("button", name="Fit the map to the window").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Full screen"
    page.keyboard.press("Enter")
    expect(frame).to_have_class(re.compile(r"\bmap-frame--full\b"))
    # The map itself has the focus in full screen (its arrow keys pan, + and - zoom).
    assert page.evaluate("() => document.activeElement.closest('[data-map]').id") == "ecomap"
    before = page.evaluate("() => window.LifelongConnectionsMaps.get('ecomap').getScale()")
    page.keyboard.down("=")  # vis-network's key for zooming in (and "-" out), held a moment
    page.wait_for_timeout(300)
    page.keyboard.up("=")
    after = page.evaluate("() => window.LifelongConnectionsMaps.get('ecomap').getScale()")
    assert after > before, "the + key zooms the map in"
    page.keyboard.press("Escape")
    expect(frame).not_to_have_class(re.compile(r"\bmap-frame--full\b"))
    expect(page.get_by_role("button", name="Full screen")).to_have_attribute(
        "aria-pressed", "false"
    )


def test_groups_fold_on_a_large_map_and_open_by_click_or_keyboard(
    page: Page, browser_data: BrowserData
) -> None:
    yp = _young_person(browser_data, 120)
    sign_in(page, "coordinator")
    _open_map(page, f"/young-people/{yp}")
    data = _map_data(page)
    groups = data["groups"]
    assert groups
    for group in groups:
        assert _folded(page, group), group["label"]
    # The people counting towards the mission are never inside a group.
    qualifying = [n["id"] for n in data["nodes"] if n.get("qualifies")]
    in_groups = {member for group in groups for member in group["members"]}
    assert not set(qualifying) & in_groups
    for person in qualifying:
        path = page.evaluate(
            "id => window.LifelongConnectionsMaps.get('ecomap').findNode(id)", person
        )
        assert path == [person]

    # The keyboard: a group's button opens it (Enter) and folds it again (Space).
    first = groups[0]
    button = page.locator(f"[data-group-id='{first['id']}']")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    assert not _folded(page, first)
    member = first["members"][0]
    assert page.evaluate(
        "id => window.LifelongConnectionsMaps.get('ecomap').findNode(id)", member
    ) == [member]
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "false")
    assert _folded(page, first)

    # The mouse: a click on a group's diamond opens it (the map moved to it first, as a person
    # would drag it: names stay at body size, so a large map's first view shows its middle).
    last = groups[-1]
    page.locator("[data-map]").scroll_into_view_if_needed()
    point = page.evaluate(
        """id => {
             const network = window.LifelongConnectionsMaps.get("ecomap");
             network.moveTo({position: network.getPositions([id])[id], animation: false});
             const dom = network.canvasToDOM(network.getPositions([id])[id]);
             const box = document.querySelector("[data-map]").getBoundingClientRect();
             return {x: box.left + dom.x, y: box.top + dom.y};
           }""",
        last["id"],
    )
    page.mouse.click(point["x"], point["y"])
    expect(page.locator(f"[data-group-id='{last['id']}']")).to_have_attribute(
        "aria-expanded", "true"
    )
    assert not _folded(page, last)

    # "Open every group" leaves none folded, and everyone's names (fetched when the first
    # group opened: the page sent the first view's only) are drawn, none overlapping.
    assert "open" not in data["labels"] and data["labels"]["open_url"]
    page.get_by_role("button", name="Open every group").click()
    for group in groups:
        expect(page.locator(f"[data-group-id='{group['id']}']")).to_have_attribute(
            "aria-expanded", "true"
        )
        assert not _folded(page, group)
    everyone = {n["id"] for n in data["nodes"] if n["kind"] == "person"}
    page.wait_for_function(
        "n => window.LifelongConnectionsMaps.labels('ecomap').length === n", arg=len(everyone)
    )
    _assert_readable(_screen_labels(page), everyone)
    assert_accessible(page)


def test_presenting_mode_at_a_conference_shows_the_key_large_and_no_closeness(
    page: Page, browser_data: BrowserData
) -> None:
    yp = _young_person(browser_data, 40)
    ready_conference(browser_data.store, yp)
    sign_in(page, "facilitator")
    response = goto(page, f"/young-people/{yp}/conference")
    html = response.text()
    expect(page.locator("[data-map]")).to_have_attribute("data-map-ready", "true")
    # What the server sent holds no ring, no closeness and no restriction mark.
    for private in ("very close", "Not rated by the young person", "closeness", "\u26a0"):
        assert private not in html, private
    data = _map_data(page)
    assert data["rings"] == [] and data["conference"] is True
    assert len({round((n["x"] ** 2 + n["y"] ** 2) ** 0.5) for n in data["nodes"][1:]}) <= 5

    present = page.get_by_role("button", name="Present to the family")
    present.focus()
    page.keyboard.press("Enter")
    frame = page.locator("[data-map-frame='ecomap']")
    expect(frame).to_have_class(re.compile(r"\bmap-frame--presenting\b"))
    heading = frame.locator(".map-frame__heading")
    expect(heading).to_be_visible()
    expect(heading).to_contain_text(browser_data.store.load_network(yp).young_person.name)
    key_size = frame.locator(".map-legend").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert key_size >= 24, key_size
    expect(frame.locator(".map-key-panel")).to_contain_text("how far a person is from the centre")
    page.wait_for_timeout(300)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    picture = SCREENSHOTS / "conference-40-people-presenting.png"
    page.screenshot(path=str(picture))
    print(f"\nconference map, presenting: {picture}")
    page.keyboard.press("Escape")
    expect(frame).not_to_have_class(re.compile(r"\bmap-frame--presenting\b"))
    expect(heading).to_be_hidden()


def test_the_map_in_words_names_each_sector_and_ring(page: Page, browser_data: BrowserData) -> None:
    yp = _young_person(browser_data, 12)
    sign_in(page, "coordinator")
    _open_map(page, f"/young-people/{yp}")
    data = _map_data(page)
    page.get_by_text("The map in words").click()
    words = page.locator("#ecomap-description")
    expect(words).to_be_visible()
    for sector in data["sectors"]:
        expect(words).to_contain_text(sector["label"])
    for ring in data["rings"]:
        expect(words).to_contain_text(ring["label"])
    for node in data["nodes"][1:]:
        expect(words).to_contain_text(node["name"])
    assert page.locator("#ecomap").get_attribute("aria-describedby") == "ecomap-description"
