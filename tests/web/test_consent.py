"""Consent and information sharing on the pages and the API (webapp/consent, webapp/api/consents):
the ledger and each purpose's state, recording a decision (and what is refused, naming the
field, with nothing written), who may see and record, the audit trail, and a withdrawal pausing
family finding everywhere a lead is offered as an action or a finding stage may move."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from connections.consent import Decision, Purpose
from connections.store import Store
from tests.consents import entry, record_in_place
from tests.web.conftest import (
    coverage_network,
    csrf_token_of,
    make_app,
    sign_in_with_csrf,
    text_of,
)
from tests.web.test_young_person_page import _gap_items, ella_network
from webapp.db import close_store

YP = "yp-ella"  # 16 on AS_OF (born 2010-03-14)
OTHER = "yp-other"
PAUSED = (
    "Family finding is paused: Dan Evans (parental responsibility) withdrew consent on 2026-10-02."
)
CONSENTS = "/api/v1/young-people/{}/consents"


@pytest.fixture
def ella(store: Store) -> None:
    """Ella's network (leads: Kai, a sibling out of touch; Cal and Dee, cousins to find; Ray,
    found and in touch but still "located"), with consent to family finding in place: her own
    agreement and her father's consent."""
    store.save_networks([ella_network(), coverage_network(OTHER, "Olly Other", 1)])
    for consent in (
        entry("family_finding", "young_person", "given", "2026-03-01", id="ce-1"),
        entry(
            "family_finding",
            "parental_responsibility",
            "given",
            "2026-03-02",
            id="ce-2",
            holder_name="Dan Evans",
            how="phone",
        ),
    ):
        store.record_consent(YP, consent, "someone")


@pytest.fixture
def coordinator(ella: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("coordinator", allocated=(YP,))


def _page(client: FlaskClient, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def _form(**overrides: Any) -> dict[str, Any]:
    values = {
        "purpose": "family_finding",
        "party": "parental_responsibility",
        "holder_name": "Dan Evans",
        "decision": "withdrawn",
        "date": ["2", "10", "2026"],
        "how": "phone",
        "note": "Rang the office.",
    }
    return {**values, **overrides}


def _withdraw(client: FlaskClient) -> None:
    response = client.post(f"/young-people/{YP}/consent/new", data=_form())
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert response.headers["Location"].endswith(f"/young-people/{YP}/consent")


def _audit(store: Store, yp: str) -> list[tuple[str, str, str]]:
    return [(e.username, e.action, e.detail) for e in reversed(store.audit_events(yp))]


# --- the ledger page ------------------------------------------------------------------------------


def test_the_consent_page_shows_each_purpose_and_the_ledger_newest_first(
    coordinator: FlaskClient, store: Store
) -> None:
    html = _page(coordinator, f"/young-people/{YP}/consent")
    states = text_of(html[html.index('id="consent-states"') : html.index("</dl>")])
    assert "Family finding" in states and "In place" in states
    assert "Dan Evans (parental responsibility) gave consent on 2026-03-02." in states
    assert "Sharing at a Family Group Conference" in states and "Not asked" in states
    assert "family-finding-paused" not in html
    ledger = html[html.index('id="consent-ledger"') :]
    rows = re.findall(r'<tr class="govuk-table__row" id="consent-([^"]+)">', ledger)
    assert rows == ["ce-2", "ce-1"]  # newest first
    assert "Phone call" in ledger and "Understanding: understands what they agree to" in ledger
    assert ("test-coordinator", "view", "consent.ledger") in _audit(store, YP)


def test_the_young_persons_page_shows_the_state_of_each_purpose_at_the_top(
    coordinator: FlaskClient,
) -> None:
    html = _page(coordinator, f"/young-people/{YP}")
    summary = html.index('id="consent-summary"')
    assert summary < html.index('id="gaps"')
    section = html[summary : html.index("</section>", summary)]
    assert "Consent Family finding: In place" in text_of(section)
    assert "My Network pack: Not asked" in text_of(section)
    assert f'href="/young-people/{YP}/consent"' in section


# --- recording a decision -------------------------------------------------------------------------


def test_recording_a_withdrawal_appends_it_and_audits_it(
    coordinator: FlaskClient, store: Store
) -> None:
    _withdraw(coordinator)
    ledger = store.consents(YP)
    assert [r.entry.id for r in ledger][:2] == ["ce-1", "ce-2"]
    new = ledger[-1]
    assert (new.entry.decision, new.entry.holder_name, new.recorded_by) == (
        Decision.WITHDRAWN,
        "Dan Evans",
        "test-coordinator",
    )
    assert new.entry.understanding is None and new.entry.legal_basis is None
    page = text_of(_page(coordinator, f"/young-people/{YP}/consent"))
    assert (
        "Recorded for family finding: Dan Evans (parental responsibility) withdrew consent on "
        "2 October 2026." in page
    )
    assert PAUSED in page
    detail = (
        f"consent recorded: {new.entry.id} (family_finding, parental_responsibility, withdrawn)"
    )
    assert ("test-coordinator", "change", detail) in _audit(store, YP)


def test_an_answer_for_another_party_is_refused_not_dropped(
    coordinator: FlaskClient, store: Store
) -> None:
    form = _form(party="young_person", decision="given", understanding="partly",
                 legal_basis="Public task", purpose="conference_sharing")  # fmt: skip
    response = coordinator.post(f"/young-people/{YP}/consent/new", data=form)
    assert response.status_code == 400
    text = text_of(response.get_data(as_text=True))
    assert "Leave the name of a holder of parental responsibility empty" in text
    assert "Leave the legal basis empty: the decision is not a legal basis" in text
    assert len(store.consents(YP)) == 2
    holder = _form(understanding="partly")
    refused = coordinator.post(f"/young-people/{YP}/consent/new", data=holder)
    assert "Leave how well the young person understands unanswered" in text_of(
        refused.get_data(as_text=True)
    )
    # Answered for the young person alone: recorded.
    own = _form(party="young_person", decision="given", understanding="partly", holder_name="")
    assert coordinator.post(f"/young-people/{YP}/consent/new", data=own).status_code == 302
    new = store.consents(YP)[-1].entry
    assert (new.party.value, new.understanding.value) == ("young_person", "partly")
    assert new.holder_name is None and new.legal_basis is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"purpose": ""}, "Choose what the consent covers"),
        ({"purpose": "gossip"}, "Choose what the consent covers from the list"),
        ({"party": ""}, "Choose whose decision it is"),
        ({"holder_name": ""}, "Enter the name of the holder of parental responsibility"),
        ({"party": "legal_basis", "decision": "given", "holder_name": ""}, "Enter the legal basis"),
        (
            {
                "party": "legal_basis",
                "holder_name": "",
                "legal_basis": "Public task",
                "decision": "refused",
            },
            "Decision a legal basis is given (it applies) or withdrawn, never refused",
        ),
        (
            {"party": "young_person", "decision": "given", "holder_name": ""},
            "The young person's understanding is required while the young person is under 18",
        ),
        ({"decision": ""}, "Choose the decision"),
        ({"date": ["", "", ""]}, "Enter the date of the decision"),
        ({"date": ["31", "2", "2026"]}, "Date of the decision must be a real date"),
        ({"date": ["23", "11", "2026"]}, "must be today or in the past"),
        ({"date": ["2", "10", "2009"]}, "Date 2009-10-02 is before the young person was born"),
        ({"how": "pigeon"}, "Choose how it was recorded from the list"),
        ({"note": "x" * 5001}, "Note must be 5,000 characters or fewer"),
    ],
)
def test_a_bad_decision_names_the_field_and_writes_nothing(
    coordinator: FlaskClient, store: Store, changes: dict[str, Any], message: str
) -> None:
    response = coordinator.post(f"/young-people/{YP}/consent/new", data=_form(**changes))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "There is a problem" in html
    assert message in text_of(html), text_of(html)[:3000]
    assert len(store.consents(YP)) == 2


def test_hostile_text_is_shown_as_text(coordinator: FlaskClient) -> None:
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    form = _form(holder_name=hostile, note=hostile)  # withdrawn: named on both pages
    assert coordinator.post(f"/young-people/{YP}/consent/new", data=form).status_code == 302
    for path in (f"/young-people/{YP}/consent", f"/young-people/{YP}"):
        html = _page(coordinator, path)
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)" in html


def test_the_form_prefills_the_purpose_and_asks_each_partys_question(
    coordinator: FlaskClient,
) -> None:
    html = _page(coordinator, f"/young-people/{YP}/consent/new?purpose=my_network_pack")
    assert re.search(r'value="my_network_pack"\s+checked', html)
    for field in ("understanding", "holder_name", "legal_basis"):
        assert f'name="{field}"' in html
    assert "If it is a holder of parental responsibility: their full name" in text_of(html)


def test_the_form_needs_its_csrf_token(ella: None, store: Store, add_user: Any) -> None:
    app = make_app(store, WTF_CSRF_ENABLED=True)
    try:
        client = app.test_client()
        add_user("csrf-coordinator", "coordinator", (YP,))
        sign_in_with_csrf(client, "csrf-coordinator")
        refused = client.post(f"/young-people/{YP}/consent/new", data=_form())
        assert refused.status_code == 400
        assert len(store.consents(YP)) == 2
        token = csrf_token_of(_page(client, f"/young-people/{YP}/consent/new"))
        sent = client.post(f"/young-people/{YP}/consent/new", data={**_form(), "csrf_token": token})
        assert sent.status_code == 302
        assert len(store.consents(YP)) == 3
    finally:
        close_store(app)


# --- who may see and record -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["facilitator", "manager", "admin"])
def test_every_role_that_may_open_the_young_person_may_record(
    ella: None, store: Store, signed_in: Callable[..., FlaskClient], role: str
) -> None:
    client = signed_in(role, allocated=(YP,))
    _page(client, f"/young-people/{YP}/consent")
    _withdraw(client)
    assert store.consents(YP)[-1].recorded_by == f"test-{role}"


def test_a_worker_not_allocated_sees_nothing_and_records_nothing(
    ella: None, store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("coordinator", allocated=(OTHER,))
    for path in ("/consent", "/consent/new"):
        assert client.get(f"/young-people/{YP}{path}").status_code == 404
    assert client.post(f"/young-people/{YP}/consent/new", data=_form()).status_code == 404
    assert len(store.consents(YP)) == 2
    assert ("test-coordinator", "denied", "consent.record") in _audit(store, YP)
    facilitator = signed_in("facilitator", allocated=(OTHER,), username="fay")
    assert facilitator.get(f"/young-people/{YP}/consent").status_code == 404


def test_signed_out_users_are_sent_to_sign_in(ella: None, client: FlaskClient) -> None:
    response = client.get(f"/young-people/{YP}/consent")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_there_is_no_way_to_change_or_delete_an_entry(coordinator: FlaskClient) -> None:
    for path in ("/consent/ce-1", "/consent/ce-1/edit", "/consent/ce-1/remove"):
        assert coordinator.get(f"/young-people/{YP}{path}").status_code == 404
    assert coordinator.delete(f"/young-people/{YP}/consent").status_code == 405


# --- a withdrawal pauses family finding -----------------------------------------------------------


def test_a_withdrawal_pauses_family_finding_on_the_young_persons_page(
    coordinator: FlaskClient,
) -> None:
    before = _page(coordinator, f"/young-people/{YP}")
    assert "Update the finding stage" in before
    assert f'href="/young-people/{YP}/contacts?person=p-kai"' in before

    _withdraw(coordinator)
    html = _page(coordinator, f"/young-people/{YP}")
    start = html.index('id="consent-summary"')
    summary = html[start : html.index("</section>", start)]
    assert PAUSED in text_of(summary)
    assert "Family finding: Withdrawn" in text_of(summary)
    # What needs doing: why, first, linked to the consent page; the sibling still to reconnect
    # with (a lead) is no longer a link to the contact log.
    items = _gap_items(html)
    assert text_of(items[0]) == PAUSED
    assert f'href="/young-people/{YP}/consent"' in items[0]
    kai = next(item for item in items if "Sibling Kai Sibling" in item)
    assert "<a " not in kai
    # The leads are still listed, for the record, with the reason, and no action.
    leads = html[html.index('id="leads"') : html.index('id="data-to-complete"')]
    assert PAUSED in text_of(leads)
    assert "Cal Cousin" in leads and "Dee Cousin" in leads and "Ray Located" in leads
    assert "Update the finding stage" not in leads and "<a " not in leads
    # On paper too.
    printed = _gap_items(_page(coordinator, f"/young-people/{YP}/print"))
    assert text_of(printed[0]) == PAUSED


def test_while_paused_the_finding_stage_cannot_move_past_identified(
    coordinator: FlaskClient, store: Store
) -> None:
    _withdraw(coordinator)
    manage = _page(coordinator, f"/young-people/{YP}/network")
    assert PAUSED in text_of(manage)
    row = manage[manage.index('id="person-p-cal"') :]
    select = row[row.index("<select") : row.index("</select>")]
    assert 'value="identified"' in select and 'value="ruled_out"' in select
    assert 'value="located"' not in select and 'value="contacted"' not in select

    version = store.get_relationship(YP, "p-cal").version
    refused = coordinator.post(
        f"/young-people/{YP}/people/p-cal/finding",
        data={"finding-p-cal-finding_status": "located", "finding-p-cal-version": str(version)},
    )
    assert refused.status_code == 400
    text = text_of(refused.get_data(as_text=True))
    assert (
        "Cal Cousin: Family finding stage cannot move past identified while family finding "
        "is paused: Dan Evans (parental responsibility) withdrew consent on 2026-10-02." in text
    )
    assert store.get_relationship(YP, "p-cal").finding_status.value == "identified"

    # The whole relationship form: refused, naming the field, nothing written.
    form_page = _page(coordinator, f"/young-people/{YP}/people/p-cal/relationship")
    assert PAUSED in text_of(form_page)
    data = _relationship_form(store, "p-cal", finding_status="contacted")
    response = coordinator.post(f"/young-people/{YP}/people/p-cal/relationship", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'href="#finding_status"' in html
    assert "Family finding stage cannot move past identified" in text_of(html)
    assert store.get_relationship(YP, "p-cal").finding_status.value == "identified"

    # Someone new may not be added already contacted either.
    new = {
        "name": "Nell New",
        "category": "family",
        "role": "aunt_uncle",
        "safety": "unassessed",
        "wishes": "unknown",
        "contact": "none_yet",
        "finding_status": "contacted",
    }
    added = coordinator.post(f"/young-people/{YP}/people/new", data=new)
    assert added.status_code == 400
    assert "Nell New" not in [p.name for p in store.load_network(YP).people]

    # Ruled out and declined stay allowed.
    allowed = coordinator.post(
        f"/young-people/{YP}/people/p-cal/finding",
        data={"finding-p-cal-finding_status": "ruled_out", "finding-p-cal-version": str(version)},
    )
    assert allowed.status_code == 302
    assert store.get_relationship(YP, "p-cal").finding_status.value == "ruled_out"

    # Consent given again: the stages move on.
    again = _form(decision="given", date=["20", "11", "2026"])
    assert coordinator.post(f"/young-people/{YP}/consent/new", data=again).status_code == 302
    assert "Update the finding stage" in _page(coordinator, f"/young-people/{YP}")
    version = store.get_relationship(YP, "p-dee").version
    moved = coordinator.post(
        f"/young-people/{YP}/people/p-dee/finding",
        data={"finding-p-dee-finding_status": "contacted", "finding-p-dee-version": str(version)},
    )
    assert moved.status_code == 302
    assert store.get_relationship(YP, "p-dee").finding_status.value == "contacted"


def _relationship_form(store: Store, person_id: str, **changes: str) -> dict[str, Any]:
    r = store.get_relationship(YP, person_id)
    values: dict[str, Any] = {
        "role": r.role.value,
        "closeness": "" if r.closeness is None else str(r.closeness),
        "safety": r.safety.value,
        "wishes": r.wishes.value,
        "contact": r.contact.value,
        "finding_status": r.finding_status.value if r.finding_status else "",
        "version": str(r.version),
    }
    return {**values, **changes}


# --- the API --------------------------------------------------------------------------------------


@pytest.fixture
def api(ella: None, token_for: Callable[..., dict[str, str]]) -> dict[str, str]:
    return token_for("cora", "coordinator", (YP,))


def _post(client: FlaskClient, body: Any, headers: dict[str, str], yp: str = YP) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        CONSENTS.format(yp), data=data, headers={"Content-Type": "application/json", **headers}
    )


def test_the_api_gives_the_ledger_and_each_purposes_state(
    client: FlaskClient, store: Store, api: dict[str, str]
) -> None:
    response = client.get(CONSENTS.format(YP), headers=api)
    assert response.status_code == 200
    body = response.get_json()
    assert body["young_person_id"] == YP and body["as_of"] == "2026-11-22"
    assert body["family_finding_paused"] is None
    assert set(body["states"]) == {purpose.value for purpose in Purpose}
    assert body["states"]["family_finding"]["in_place"] is True
    assert body["states"]["conference_sharing"]["status"] == "Not asked"
    assert [e["id"] for e in body["entries"]] == ["ce-1", "ce-2"]
    first = body["entries"][0]
    assert first["understanding"] == "understands" and first["recorded_by"] == "someone"
    assert ("cora", "view", "api.get_consents") in _audit(store, YP)
    earlier = client.get(CONSENTS.format(YP) + "?as_of=2026-03-01", headers=api).get_json()
    assert earlier["states"]["family_finding"]["in_place"] is False


def test_the_api_appends_a_withdrawal_and_pauses_family_finding(
    client: FlaskClient, store: Store, api: dict[str, str]
) -> None:
    body = {
        "purpose": "family_finding",
        "party": "parental_responsibility",
        "holder_name": "Dan Evans",
        "decision": "withdrawn",
        "date": "2026-10-02",
        "how": "letter",
    }
    response = _post(client, {**body, "id": "ce-api-1"}, api)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(CONSENTS.format(YP))
    saved = response.get_json()
    assert saved["id"] == "ce-api-1" and saved["recorded_by"] == "cora"
    assert saved["recorded_by_name"] == "Cora"
    # The same id again: 409, nothing more written.
    again = _post(client, {**body, "id": "ce-api-1"}, api)
    assert again.status_code == 409
    assert again.get_json()["errors"][0]["path"] == "id"
    # No id: the server gives one.
    assert _post(client, body, api).status_code == 201
    assert len(store.consents(YP)) == 4
    ledger = client.get(CONSENTS.format(YP), headers=api).get_json()
    assert ledger["family_finding_paused"] == PAUSED
    report = client.get(f"/api/v1/young-people/{YP}/report", headers=api).get_json()
    assert report["family_finding_paused"] == PAUSED
    assert any("consent recorded: ce-api-1" in d for _, _, d in _audit(store, YP))


@pytest.mark.parametrize(
    ("body", "paths"),
    [
        ({"purpose": "gossip"}, ["purpose"]),
        ({"party": "parental_responsibility"}, ["holder_name", "understanding"]),
        ({"understanding": None}, ["understanding"]),  # under 18: required
        ({"date": "2026-11-23"}, ["date"]),  # after the app's today
        ({"date": "2009-01-01"}, ["date"]),  # before she was born
        ({"recorded_by": "someone-else"}, ["recorded_by"]),
        ({"id": "has spaces"}, ["id"]),
    ],
)
def test_the_api_refuses_a_bad_entry_naming_each_field(
    client: FlaskClient, store: Store, api: dict[str, str], body: dict, paths: list[str]
) -> None:
    valid = {
        "purpose": "conference_sharing",
        "party": "young_person",
        "decision": "given",
        "date": "2026-11-01",
        "how": "meeting",
        "understanding": "understands",
    }
    response = _post(client, {**valid, **body}, api)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert [e["path"] for e in response.get_json()["errors"]] == paths
    assert len(store.consents(YP)) == 2


def test_the_api_refuses_what_is_not_an_entry(
    client: FlaskClient, store: Store, api: dict[str, str], token_for: Callable[..., dict]
) -> None:
    assert _post(client, "{not json", api).status_code == 400
    assert _post(client, "[]", api).status_code == 422
    form = client.post(CONSENTS.format(YP), data="purpose=x", headers=api)
    assert form.status_code == 415
    assert client.get(CONSENTS.format(YP)).status_code == 401
    outsider = token_for("olly", "coordinator", (OTHER,))
    assert client.get(CONSENTS.format(YP), headers=outsider).status_code == 404
    assert _post(client, {"purpose": "family_finding"}, outsider).status_code == 404
    assert client.delete(CONSENTS.format(YP), headers=api).status_code == 405
    assert client.put(CONSENTS.format(YP), headers=api).status_code == 405
    assert len(store.consents(YP)) == 2


def test_a_put_may_not_move_a_finding_stage_while_paused(
    client: FlaskClient, store: Store, api: dict[str, str]
) -> None:
    network = f"/api/v1/young-people/{YP}/network"
    _withdraw_by_store(store)
    got = client.get(network, headers=api)
    document = got.get_json()
    index = next(i for i, r in enumerate(document["relationships"]) if r["person_id"] == "p-cal")
    document["relationships"][index]["finding_status"] = "engaged"
    headers = {**api, "Content-Type": "application/json", "If-Match": got.headers["ETag"]}
    refused = client.put(network, data=json.dumps(document), headers=headers)
    assert refused.status_code == 422
    (error,) = refused.get_json()["errors"]
    assert error["path"] == f"relationships[{index}].finding_status"
    assert "Dan Evans (parental responsibility) withdrew consent on 2026-10-02" in error["message"]
    assert store.get_relationship(YP, "p-cal").finding_status.value == "identified"
    # Unchanged stages (Ray's "located") and ruling out are allowed.
    document["relationships"][index]["finding_status"] = "ruled_out"
    assert client.put(network, data=json.dumps(document), headers=headers).status_code == 200


def test_a_new_young_person_put_with_a_stage_past_identified_is_refused(
    client: FlaskClient, store: Store, token_for: Callable[..., dict[str, str]]
) -> None:
    """A young person not yet on the system has nothing recorded about consent, so family
    finding is paused for them from the first PUT."""
    manager = token_for("mo", "manager")
    document = ella_network().to_document()
    document["young_person"]["id"] = "yp-brand-new"
    index = next(i for i, r in enumerate(document["relationships"]) if r["person_id"] == "p-cal")
    document["relationships"][index]["finding_status"] = "engaged"
    network = "/api/v1/young-people/yp-brand-new/network"
    headers = {**manager, "Content-Type": "application/json", "If-None-Match": "*"}
    allowed = {None, "identified", "declined", "ruled_out"}
    past = [
        i for i, r in enumerate(document["relationships"]) if r.get("finding_status") not in allowed
    ]
    refused = client.put(network, data=json.dumps(document), headers=headers)
    assert refused.status_code == 422
    errors = refused.get_json()["errors"]
    assert [e["path"] for e in errors] == [f"relationships[{i}].finding_status" for i in past]
    assert index in past
    assert all("nothing has been recorded about consent" in e["message"] for e in errors)
    assert client.get(network, headers=manager).status_code == 404
    for i in past:
        document["relationships"][i]["finding_status"] = "identified"
    assert client.put(network, data=json.dumps(document), headers=headers).status_code == 201


def _withdraw_by_store(store: Store) -> None:
    store.record_consent(
        YP,
        entry(
            "family_finding",
            "parental_responsibility",
            "withdrawn",
            "2026-10-02",
            holder_name="Dan Evans",
        ),
        "someone",
    )


def test_consent_in_place_for_another_young_person_changes_nothing_here(
    coordinator: FlaskClient, store: Store
) -> None:
    record_in_place(store, OTHER)
    _withdraw(coordinator)
    assert PAUSED in text_of(_page(coordinator, f"/young-people/{YP}"))
