"""``GET /api/v1/cohort/family-finding`` against the real Neo4j: the history of
tests/web/test_finding.py (the unit test's, saved), its figures counted by hand as the page's,
the last complete quarter by default, bad dates named, managers and admins only."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.conftest import AS_OF
from tests.web.test_finding import history  # noqa: F401  (the fixture)

URL = "/api/v1/cohort/family-finding"


def test_the_figures_for_a_period_match_a_count_by_hand(
    history: None,  # noqa: F811
    client: FlaskClient,
    token_for: Callable[..., dict[str, str]],
) -> None:
    manager = token_for("mo", "manager")
    response = client.get(f"{URL}?start=2026-01-01&end=2026-03-31", headers=manager)
    assert response.status_code == 200
    body = response.get_json()
    assert body["start"] == "2026-01-01" and body["end"] == "2026-03-31"
    assert body["young_people"] == 3
    assert (body["out_of_red"], body["into_red"], body["found"], body["lost"]) == (1, 1, 2, 1)
    assert body["median_size"] == {"start": 2.0, "end": 1.0}
    assert body["median_qualifying"] == {"start": 1.5, "end": 1.0}
    steps = {(s["stage"], s["next"]): s for s in body["stages"]}
    assert steps[("identified", "located")] == {
        "stage": "identified",
        "next": "located",
        "reached": 1,
        "went_on": 1,
        "median_days": 30.0,
    }
    assert (
        steps[("located", "contacted")]["reached"],
        steps[("located", "contacted")]["went_on"],
    ) == (2, 1)
    assert steps[("contacted", "engaged")]["median_days"] == 20.0


def test_the_last_complete_quarter_by_default_and_bad_dates_named(
    history: None,  # noqa: F811
    client: FlaskClient,
    token_for: Callable[..., dict[str, str]],
) -> None:
    admin = token_for("ada", "admin")
    body = client.get(URL, headers=admin).get_json()
    assert AS_OF.month == 11 and (body["start"], body["end"]) == ("2026-07-01", "2026-09-30")
    assert body["median_size"] == {"start": 2.0, "end": 2.0} and body["found"] == 0

    def errors(query: str) -> list[tuple[str, str]]:
        response = client.get(f"{URL}?{query}", headers=admin)
        assert response.status_code == 400, query
        return [(e["path"], e["message"]) for e in response.get_json()["errors"]]

    assert [path for path, _ in errors("start=2026-02-31&end=2026-03-01")] == ["start"]
    assert [path for path, _ in errors("start=2026-01-01&end=01/03/2026")] == ["end"]
    assert [path for path, _ in errors("start=2026-01-01")] == ["end"]
    assert errors("start=2026-03-01&end=2026-01-01") == [
        ("end", "end: The end date must be the same as or after the start date.")
    ]
    future = AS_OF.replace(year=AS_OF.year + 1).isoformat()
    assert [path for path, _ in errors(f"start=2026-01-01&end={future}")] == ["end"]
    assert [path for path, _ in errors("start=2020-01-01&end=2026-01-01")] == ["start"]


def test_only_managers_and_admins_get_the_figures(
    client: FlaskClient, token_for: Callable[..., dict[str, str]]
) -> None:
    for role in ("coordinator", "facilitator"):
        response = client.get(URL, headers=token_for(f"{role}-1", role))
        assert response.status_code == 403
        assert "managers and administrators" in response.get_json()["errors"][0]["message"]
    assert client.get(URL).status_code == 401
