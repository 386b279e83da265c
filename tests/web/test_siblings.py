"""Siblings placed apart in the web app and the API, against the real Neo4j: the managers' page,
its CSV and JSON with a cohort counted by hand; marking a person as another young person and
recording where a young person lives (audited, checked, refused clearly); nobody else sees the
cohort's list."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from connections.cli import main
from connections.model import parse_network
from connections.store import Settings, Store
from tests.conftest import AS_OF
from tests.web.conftest import text_of

BO = "=Bo HYPERLINK(1)"  # a name a spreadsheet would run, to show the CSV neutralises it


def document(
    yp: str, name: str, household: str | None, people: list[tuple[str, str, str, str | None]]
) -> dict[str, Any]:
    """``people``: (id, name, role, the young person they are or None)."""
    return {
        "young_person": {
            "id": yp,
            "name": name,
            "date_of_birth": "2012-01-01",
            "status": "in_care",
            "household": household,
        },
        "people": [
            {"id": pid, "name": pname, "category": "family", "young_person_id": other}
            for pid, pname, _, other in people
        ],
        "relationships": [
            {"person_id": pid, "role": role, "safety": "safe", "wishes": "wants", "contact": "lost"}
            for pid, _, role, _ in people
        ],
    }


@pytest.fixture
def cohort(store: Store) -> None:
    # Amy (h-a) and Bo (h-b) in care: Amy's brother p-bo is Bo (contact lost: a gap); Bo's
    # network does not have Amy (a gap). Cy lives with the carers of h-c and has no siblings.
    store.save_networks(
        [
            parse_network(
                document("yp-bo", BO, "h-b", [("p-carer", "Cara Carer", "hub_carer", None)])
            ),
            parse_network(
                document(
                    "yp-amy",
                    "Amy",
                    "h-a",
                    [("p-bo", "Bo Brother", "sibling", "yp-bo"), ("p-kai", "Kai", "sibling", None)],
                )
            ),
            parse_network(
                document("yp-cy", "Cy", None, [("p-cc", "Cass Carer", "foster_carer", None)])
            ),
        ]
    )
    store.update_person(
        store.load_network("yp-cy").person("p-cc").model_copy(update={"household": "h-c"})
    )


EXPECTED_GROUP = {
    "young_people": [
        {"id": "yp-bo", "name": BO, "status": "in_care", "household": "h-b"},
        {"id": "yp-amy", "name": "Amy", "status": "in_care", "household": "h-a"},
    ],
    "in_care": 2,
    "households": 2,
    "gaps": 2,
    "links": [{"a": "yp-amy", "b": "yp-bo", "reason": "marked"}],
    "contacts": [
        {
            "young_person_id": "yp-bo",
            "sibling_id": "yp-amy",
            "recorded": False,
            "role": None,
            "contact": None,
            "last_contact": None,
            "wishes": None,
            "safety": None,
            "closeness": None,
            "gap": True,
        },
        {
            "young_person_id": "yp-amy",
            "sibling_id": "yp-bo",
            "recorded": True,
            "role": "sibling",
            "contact": "lost",
            "last_contact": None,
            "wishes": "wants",
            "safety": "safe",
            "closeness": None,
            "gap": True,
        },
    ],
}


def test_manager_page_shows_the_group_apart(
    cohort: None, signed_in: Callable[..., FlaskClient]
) -> None:
    response = signed_in("manager").get("/cohort/siblings-apart")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = text_of(html)
    assert "1 sibling group placed apart, with 2 contact gaps" in text
    assert f"{BO} and Amy" in text
    assert "Not in =Bo HYPERLINK(1)'s network as this young person" in text
    assert 'href="/cohort/siblings-apart"' in html  # in the menu


def test_csv_one_row_each_way_neutralising_formulas(
    cohort: None, signed_in: Callable[..., FlaskClient]
) -> None:
    response = signed_in("manager").get("/cohort/siblings-apart?format=csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["young_person_id"], r["sibling_id"], r["gap"]) for r in rows] == [
        ("yp-bo", "yp-amy", "yes"),
        ("yp-amy", "yp-bo", "yes"),
    ]
    assert rows[0]["young_person"] == "'" + BO
    assert rows[1]["recorded"] == "yes" and rows[1]["contact"] == "lost"


def test_api_gives_the_json(
    cohort: None, token_for: Callable[..., dict[str, str]], client: FlaskClient
) -> None:
    response = client.get(
        f"/api/v1/siblings-apart?as_of={AS_OF.isoformat()}", headers=token_for("boss", "manager")
    )
    assert response.status_code == 200
    assert response.get_json() == {"as_of": AS_OF.isoformat(), "sibling_groups": [EXPECTED_GROUP]}
    bad = client.get(
        "/api/v1/siblings-apart?as_of=yesterday", headers=token_for("boss2", "manager")
    )
    assert bad.status_code == 400


def test_other_roles_are_refused(
    cohort: None,
    signed_in: Callable[..., FlaskClient],
    token_for: Callable[..., dict[str, str]],
    client: FlaskClient,
) -> None:
    headers = token_for("cora-api", "coordinator", ("yp-amy",))
    assert client.get("/api/v1/siblings-apart", headers=headers).status_code == 403
    client = signed_in("coordinator", ("yp-amy",))
    assert client.get("/cohort/siblings-apart").status_code == 403
    assert client.get("/cohort/siblings-apart?format=csv").status_code == 403


def test_command_line_json(
    cohort: None, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    result = CliRunner().invoke(
        main, ["siblings", "--as-of", AS_OF.isoformat(), "--format", "json"], catch_exceptions=False
    )
    assert json.loads(result.output) == {
        "as_of": AS_OF.isoformat(),
        "sibling_groups": [EXPECTED_GROUP],
    }


def _version_of(html: str) -> str:
    found = re.search(r'name="version"[^>]*value="(\d+)"', html) or re.search(
        r'value="(\d+)"[^>]*name="version"', html
    )
    assert found
    return found.group(1)


def test_marking_a_sibling_as_a_young_person_is_audited(
    cohort: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("coordinator", ("yp-amy", "yp-cy"))
    url = "/young-people/yp-amy/people/p-kai/young-person"
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # Offered: the worker's other young people only (not Amy herself, not Bo).
    assert 'value="yp-cy"' in html and 'value="yp-amy"' not in html and 'value="yp-bo"' not in html
    saved = client.post(url, data={"young_person_id": "yp-cy", "version": _version_of(html)})
    assert saved.status_code == 302
    assert store.load_network("yp-amy").person("p-kai").young_person_id == "yp-cy"
    details = [event.detail for event in store.audit_events("yp-amy")]
    assert "person p-kai marked as young person yp-cy" in details
    assert [e.detail for e in store.audit_events("yp-cy") if e.action == "change"] == [
        "marked as person p-kai of yp-amy"
    ]


def test_marking_refuses_a_young_person_not_offered_and_a_stale_form(
    cohort: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("coordinator", ("yp-amy", "yp-cy"))
    url = "/young-people/yp-amy/people/p-kai/young-person"
    version = _version_of(client.get(url).get_data(as_text=True))
    for other in ("yp-bo", "yp-amy", "<script>", "yp-nobody"):
        refused = client.post(url, data={"young_person_id": other, "version": version})
        assert refused.status_code == 400
        assert "Choose one of your young people from the list" in refused.get_data(as_text=True)
    stale = client.post(url, data={"young_person_id": "yp-cy", "version": "0"})
    assert stale.status_code == 409
    assert store.load_network("yp-amy").person("p-kai").young_person_id is None
    # A person not in the network, and a network not allocated: not found.
    assert client.get("/young-people/yp-amy/people/p-carer/young-person").status_code == 404
    assert client.get("/young-people/yp-bo/people/p-carer/young-person").status_code == 404


def test_where_a_young_person_lives_is_chosen_from_their_network(
    cohort: None, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("coordinator", ("yp-cy",))
    assert "Where Cy lives is not recorded." in text_of(
        client.get("/young-people/yp-cy").get_data(as_text=True)
    )
    url = "/young-people/yp-cy/household"
    html = client.get(url).get_data(as_text=True)
    assert 'value="h-c"' in html
    refused = client.post(url, data={"household": "h-b", "version": _version_of(html)})
    assert refused.status_code == 400
    assert "Choose a household from the list" in refused.get_data(as_text=True)
    saved = client.post(url, data={"household": "h-c", "version": _version_of(html)})
    assert saved.status_code == 302
    assert store.load_network("yp-cy").young_person.household == "h-c"
    assert "Lives with Cass Carer." in text_of(
        client.get("/young-people/yp-cy").get_data(as_text=True)
    )
    assert "household: h-c" in [e.detail for e in store.audit_events("yp-cy")]
    # The form held the old version: a second save is refused as stale.
    again = client.post(url, data={"household": "", "version": _version_of(html)})
    assert again.status_code == 409


def test_a_new_young_person_with_a_household(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("manager")
    form = {
        "name": "Dee New",
        "date_of_birth": ["1", "2", "2013"],
        "status": "in_care",
        "id": "yp-dee",
        "allocate_to": "",
    }
    bad = client.post("/add-young-person", data={**form, "household": "h 1!"})
    assert bad.status_code == 400
    assert "Household must be 1 to 64 letters" in bad.get_data(as_text=True)
    assert client.post("/add-young-person", data={**form, "household": "h-d"}).status_code == 302
    assert store.get_young_person("yp-dee").household == "h-d"


def test_api_put_marks_only_young_people_the_worker_may_open(
    cohort: None, store: Store, client: FlaskClient, token_for: Callable[..., dict[str, str]]
) -> None:
    url = "/api/v1/young-people/yp-amy/network"
    auth = token_for("cora-api", "coordinator", ("yp-amy", "yp-cy"))
    got = client.get(url, headers=auth)
    document = got.get_json()
    headers = {**auth, "Content-Type": "application/json", "If-Match": got.headers["ETag"]}
    # p-bo is marked as Bo (not allocated to this worker): sent back unchanged, it is kept.
    assert client.put(url, data=json.dumps(document), headers=headers).status_code == 200
    kai = next(i for i, p in enumerate(document["people"]) if p["id"] == "p-kai")
    for other, message in (
        ("yp-bo", "is not one of your young people"),
        ("yp-amy", "is this network's own young person"),
        ("yp-nobody", "is not one of your young people"),  # nothing said of who exists
    ):
        document["people"][kai]["young_person_id"] = other
        refused = client.put(url, data=json.dumps(document), headers=headers)
        assert refused.status_code == 422
        (error,) = refused.get_json()["errors"]
        assert error["path"] == f"people[{kai}].young_person_id" and message in error["message"]
    document["people"][kai]["young_person_id"] = "yp-cy"
    assert client.put(url, data=json.dumps(document), headers=headers).status_code == 200
    assert store.load_network("yp-amy").person("p-kai").young_person_id == "yp-cy"
