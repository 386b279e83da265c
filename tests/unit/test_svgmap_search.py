"""The free-place search under every map's names (connections.svgmap._Occupied): its shortcuts
(a grid, the boxes already found in the way, skipping the steps outward still blocked) must find
exactly the place a plain look at every box and every step finds. Pure tests, no map needed."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from connections import svgmap

Box = tuple[float, float, float, float]

coordinate = st.floats(min_value=-600, max_value=600, allow_nan=False, allow_infinity=False)
extent = st.floats(min_value=1, max_value=220, allow_nan=False, allow_infinity=False)


@st.composite
def boxes(draw: st.DrawFn) -> list[svgmap.TextBox]:
    placed = []
    for _ in range(draw(st.integers(min_value=0, max_value=60))):
        left, top = draw(coordinate), draw(coordinate)
        placed.append(svgmap.TextBox(left, top, left + draw(extent), top + draw(extent) / 4))
    return placed


def occupied_by(placed: list[svgmap.TextBox]) -> svgmap._Occupied:
    occupied = svgmap._Occupied()
    for box in placed:
        occupied.add(box)
    return occupied


def free(
    placed: list[svgmap.TextBox], left: float, top: float, width: float, height: float
) -> bool:
    wanted = svgmap.TextBox(left, top, left + width, top + height)
    return not any(wanted.overlaps(box) for box in placed)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(boxes(), coordinate, coordinate, extent, extent)
def test_a_check_in_the_grid_is_a_check_against_every_box(
    placed: list[svgmap.TextBox], left: float, top: float, width: float, height: float
) -> None:
    hit = occupied_by(placed).hit_at(left, top, left + width, top + height / 4)
    if free(placed, left, top, width, height / 4):
        assert hit is None
    else:
        assert hit in placed
        assert hit.overlaps(svgmap.TextBox(left, top, left + width, top + height / 4))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(boxes(), st.lists(st.tuples(coordinate, coordinate), max_size=32), extent, extent)
def test_the_first_free_corner_is_the_first_a_plain_search_finds(
    placed: list[svgmap.TextBox],
    corners: list[tuple[float, float]],
    width: float,
    height: float,
) -> None:
    expected = next((c for c in corners if free(placed, c[0], c[1], width, height)), None)
    assert occupied_by(placed).first_free(corners, width, height) == expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    boxes(),
    st.tuples(coordinate, coordinate),
    st.floats(min_value=0, max_value=2 * math.pi, allow_nan=False),
    st.floats(min_value=0, max_value=80, allow_nan=False),
    st.tuples(extent, st.floats(min_value=8, max_value=40, allow_nan=False)),
)
def test_going_outward_finds_the_first_free_step_as_trying_every_step_would(
    placed: list[svgmap.TextBox],
    start: tuple[float, float],
    angle: float,
    reach: float,
    size: tuple[float, float],
) -> None:
    width, height = size
    direction = (math.cos(angle), math.sin(angle))
    step = height / 2
    left, top = occupied_by(placed).first_free_outward(start, direction, reach, step, size)
    assert free(placed, left, top, width, height)
    # Every step before it was taken (by a plain walk outward, one step at a time).
    ux, uy = direction
    shift_x = 0.0 if ux >= 0.3 else -width if ux <= -0.3 else -width / 2
    shift_y = 0.0 if uy >= 0.3 else -height if uy <= -0.3 else -height / 2
    index = 0
    while True:
        distance = reach + index * step
        corner = (start[0] + ux * distance + shift_x, start[1] + uy * distance + shift_y)
        if free(placed, *corner, width, height):
            break
        index += 1
    assert (left, top) == corner
