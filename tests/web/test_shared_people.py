"""Shared people for managers, against the real Neo4j: the page, its filters and CSV, the API and
`connections shared`, with figures worked out by hand; nobody else may see them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from connections.cli import main
from connections.model import parse_network
from connections.store import Settings, Store
from tests.conftest import AS_OF
from tests.factories import loving
from tests.web.conftest import text_of

HUB = "Hana =HYPERLINK(1)"  # a name a spreadsheet would run, to show the CSV neutralises it


def network(yp: str, relationships: list[dict[str, Any]]) -> Any:
    people = {
        "gran": ("Rose Gran", "family"),
        "hub": (HUB, "carer"),
        "aunt": ("Ann Aunt", "family"),
        "pa": ("Pat Adviser", "professional"),
        "friend": ("Finn Friend", "friend"),
    }
    return parse_network(
        {
            "young_person": {
                "id": yp,
                "name": yp.title(),
                "date_of_birth": "2010-01-01",
                "status": "in_care",
            },
            "people": [
                {
                    "id": r["person_id"],
                    "name": people[r["person_id"]][0],
                    "category": people[r["person_id"]][1],
                }
                for r in relationships
            ],
            "relationships": relationships,
        }
    )


@pytest.fixture
def cohort(store: Store) -> None:
    # amy: gran + aunt (mission met, not robust): losing gran puts amy below the mission.
    # bo: gran + hub + pa (robust): losing gran or hub leaves bo not robust.
    # cy: hub loving alone (gran only a worker's estimate, the friend not close): nothing to lose.
    store.save_networks(
        [
            network("yp-amy", [loving("gran", "grandparent"), loving("aunt", "aunt_uncle")]),
            network(
                "yp-bo",
                [
                    loving("gran", "grandparent"),
                    loving("hub", "foster_carer"),
                    loving("pa", "personal_adviser"),
                ],
            ),
            network(
                "yp-cy",
                [
                    loving("gran", "grandparent", closeness_rated_by="worker"),
                    loving("hub", "foster_carer"),
                    loving("friend", "friend", closeness=2),
                ],
            ),
        ]
    )


EXPECTED = [
    {
        "person_id": "gran",
        "name": "Rose Gran",
        "young_people": 3,
        "loving_for": 2,
        "below_mission_if_lost": 1,
        "not_robust_if_lost": 1,
    },
    {
        "person_id": "hub",
        "name": HUB,
        "young_people": 2,
        "loving_for": 2,
        "below_mission_if_lost": 0,
        "not_robust_if_lost": 1,
    },
]


def test_manager_page_lists_most_at_risk_first(
    cohort: None, signed_in: Callable[..., FlaskClient]
) -> None:
    response = signed_in("manager").get("/cohort/shared-people")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = text_of(html)
    assert "2 of 2 shared people" in text
    assert text.index("Rose Gran") < text.index("Hana")
    assert "Finn Friend" not in text and "Ann Aunt" not in text
    assert 'href="/cohort/shared-people"' in html  # in the menu


def test_filters_by_role_and_category(cohort: None, signed_in: Callable[..., FlaskClient]) -> None:
    client = signed_in("manager")
    carers = text_of(client.get("/cohort/shared-people?category=carer").get_data(as_text=True))
    assert "1 of 2 shared people" in carers and "Rose Gran" not in carers
    grans = text_of(client.get("/cohort/shared-people?role=grandparent").get_data(as_text=True))
    assert "Rose Gran" in grans and "Hana" not in grans
    # An unknown filter value is no filter, never an error.
    assert client.get("/cohort/shared-people?role=<script>").status_code == 200


def test_csv_has_the_figures_and_neutralises_formulas(
    cohort: None, signed_in: Callable[..., FlaskClient]
) -> None:
    response = signed_in("manager").get("/cohort/shared-people?format=csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["person_id"] for row in rows] == ["gran", "hub"]
    assert rows[1]["name"] == HUB  # no leading "=": it starts with "Hana"
    assert rows[0]["below_mission_if_lost"] == "1"


def test_api_gives_the_json(
    cohort: None, token_for: Callable[..., dict[str, str]], client: FlaskClient
) -> None:
    response = client.get(
        f"/api/v1/shared-people?as_of={AS_OF.isoformat()}", headers=token_for("boss", "manager")
    )
    assert response.status_code == 200
    assert response.get_json() == {"as_of": AS_OF.isoformat(), "shared_people": EXPECTED}


def test_other_roles_are_refused(
    cohort: None,
    signed_in: Callable[..., FlaskClient],
    token_for: Callable[..., dict[str, str]],
    client: FlaskClient,
) -> None:
    headers = token_for("cora-api", "coordinator", ("yp-amy",))
    assert client.get("/api/v1/shared-people", headers=headers).status_code == 403
    assert signed_in("coordinator", ("yp-amy",)).get("/cohort/shared-people").status_code == 403


def test_command_line_json(
    cohort: None, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    result = CliRunner().invoke(
        main, ["shared", "--as-of", AS_OF.isoformat(), "--format", "json"], catch_exceptions=False
    )
    assert json.loads(result.output) == {"shared_people": EXPECTED}
