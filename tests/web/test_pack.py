"""The My Network pack in the web app: the consent gate, the page and the PDF, and what their
bytes never hold (refused and no-contact people, restrictions, notes, safety notes, addresses,
contact details of someone who did not agree, worker ratings)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient
from pypdf import PdfReader

from connections.consent import Purpose
from connections.model import Network, parse_network
from connections.store import Store
from tests.consents import entry, record_in_place
from tests.web.conftest import text_of
from tests.web.networks import hidden_value

YP = "yp-pack"
OTHER = "yp-other"
NEVER = {
    "refused person's name": "Rita Refused",
    "no-contact person's name": "Nick Nocontact",
    "restricted person's name": "Olga Ordered",
    "refused person's contact": "07700 900001",
    "no-contact person's contact": "07700 900002",
    "not agreed contact": "07700 900003",
    "agreed in the future": "07700 900004",
    "restricted person's contact": "07700 900005",
    "address": "12 Secret Row",
    "note": "NOTE-gran-private",
    "safety note": "SAFETYNOTE-uncle-risk",
    "restriction source": "ORDER-REF-77",
    "restriction note": "RESTRICTION-NOTE-x",
}
#: Rated close only by a worker (an estimate): not in the pack by default, though a worker may
#: choose them (so the page's chooser lists them).
ESTIMATED = "Wendy Guessed"
HOSTILE = "</text><script>alert(1)</script> & </svg>"
SHOWN = {
    "gran": "Gran Pack",
    "gran contact": "07700 900123",
    "adviser": "Pat Adviser",
    "adviser contact": "pat.adviser@example.org",
    "not agreed": "Sam Noagree",
}


def pack_network() -> Network:
    def person(pid: str, name: str, **fields: object) -> dict:
        return {"id": pid, "name": name, "category": "family", **fields}

    def close(pid: str, role: str = "aunt_uncle", **fields: object) -> dict:
        return {
            "person_id": pid,
            "role": role,
            "closeness": 4,
            "closeness_rated_by": "young_person",
            "safety": "safe",
            "wishes": "wants",
            "contact": "active",
            "last_contact": "2026-11-01",
            **fields,
        }

    return parse_network(
        {
            "young_person": {
                "id": YP,
                "name": "Pia Pack",
                "date_of_birth": "2009-01-15",
                "status": "in_care",
            },
            "people": [
                person(
                    "p-gran",
                    SHOWN["gran"],
                    contact_details=SHOWN["gran contact"],
                    reachable_agreed_on="2026-10-01",
                    address=NEVER["address"],
                ),
                person(
                    "p-rita",
                    NEVER["refused person's name"],
                    contact_details=NEVER["refused person's contact"],
                    reachable_agreed_on="2026-10-01",
                ),
                person(
                    "p-nick",
                    NEVER["no-contact person's name"],
                    contact_details=NEVER["no-contact person's contact"],
                    reachable_agreed_on="2026-10-01",
                ),
                person(
                    "p-olga",
                    NEVER["restricted person's name"],
                    contact_details=NEVER["restricted person's contact"],
                    reachable_agreed_on="2026-10-01",
                ),
                person("p-sam", SHOWN["not agreed"], contact_details=NEVER["not agreed contact"]),
                person(
                    "p-future",
                    "Fay Future",
                    contact_details=NEVER["agreed in the future"],
                    reachable_agreed_on="2026-12-25",
                ),
                person("p-wendy", ESTIMATED),
                person("p-evil", HOSTILE),
                {
                    "id": "p-pat",
                    "name": SHOWN["adviser"],
                    "category": "professional",
                    "contact_details": SHOWN["adviser contact"],
                    "reachable_agreed_on": "2026-09-01",
                },
            ],
            "relationships": [
                close(
                    "p-gran",
                    "grandparent",
                    notes=NEVER["note"],
                    support=["somewhere_to_stay", "emotional"],
                    continues_beyond_role=True,
                ),
                close("p-rita", wishes="refuses"),
                close("p-nick", safety="no_contact", safety_note=NEVER["safety note"]),
                close("p-olga"),
                close("p-sam", closeness=3, support=["practical"]),
                close("p-future"),
                close("p-evil", role="friend"),
                {
                    "person_id": "p-wendy",
                    "role": "cousin",
                    "closeness": 4,
                    "closeness_rated_by": "worker",
                    "safety": "safe",
                },
                {
                    "person_id": "p-pat",
                    "role": "personal_adviser",
                    "paid": True,
                    "safety": "safe",
                    "support": ["education_work"],
                },
            ],
            "restrictions": [
                {
                    "id": "r-olga",
                    "person_id": "p-olga",
                    "kind": "s34_order",
                    "scope": "no_contact",
                    "starts": "2026-01-01",
                    "source": NEVER["restriction source"],
                    "note": NEVER["restriction note"],
                }
            ],
        }
    )


@pytest.fixture
def networks(store: Store) -> None:
    mine = pack_network()
    other = mine.model_copy(
        update={
            "young_person": mine.young_person.model_copy(update={"id": OTHER}),
            # A restriction belongs to one young person: the other's is its own.
            "restrictions": [r.model_copy(update={"id": "r-olga-2"}) for r in mine.restrictions],
        }
    )
    store.save_networks([pack_network(), other])


@pytest.fixture
def coordinator(networks: None, store: Store, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    record_in_place(store, YP, [Purpose.MY_NETWORK_PACK])
    return signed_in("coordinator", allocated=(YP,))


def assert_nothing_it_must_not(body: str) -> None:
    for what, secret in NEVER.items():
        assert secret not in body, what
    lowered = body.lower()
    for word in ("no contact", "no_contact", "restriction", "safety", "closeness", "estimate"):
        assert word not in lowered, word


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_the_pack_page_shows_the_chosen_people_and_nothing_it_must_not(
    coordinator: FlaskClient, store: Store
) -> None:
    response = coordinator.get(f"/young-people/{YP}/pack")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert_nothing_it_must_not(html)
    pack_part = html.split('id="pack-choose"')[0]
    assert ESTIMATED not in pack_part and ESTIMATED in html  # only in the chooser
    text = text_of(html)
    for shown in SHOWN.values():
        assert shown in text, shown
    assert "Somewhere to stay" in text or "somewhere to stay" in text
    assert "They have promised to stay in your life." in text
    assert "Ask your personal adviser to help you get in touch." in text  # Sam did not agree
    assert "Always Here" in text
    assert 'class="lc-static-map"' in html and "http://" not in html
    assert "<script>alert(1)</script>" not in html and "</text><script>" not in html
    assert "&lt;/text&gt;&lt;script&gt;alert(1)" in html  # the name is text, in the list and map
    assert [e.detail for e in store.audit_events(YP) if e.action == "view"] == ["pack.show"]


def test_the_pdf_holds_the_pack_and_nothing_it_must_not(
    coordinator: FlaskClient, store: Store
) -> None:
    response = coordinator.get(f"/young-people/{YP}/pack.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="my-network-{YP}-2026-11-22.pdf"'
    )
    assert response.data.startswith(b"%PDF-")
    text = pdf_text(response.data)
    compact = " ".join(text.split())
    for shown in (SHOWN["gran"], SHOWN["gran contact"], SHOWN["adviser contact"], "Always Here"):
        assert shown in compact, shown
    assert_nothing_it_must_not(text)
    assert ESTIMATED not in text
    for what, secret in NEVER.items():  # nor in the file's raw bytes
        assert secret.encode() not in response.data, what
    events = [e for e in store.audit_events(YP) if e.action == "export"]
    assert [e.detail for e in events] == ["my network pack.pdf"]


def test_a_worker_chooses_who_is_in_the_pack_but_never_who_it_must_not_hold(
    coordinator: FlaskClient,
) -> None:
    html = coordinator.get(
        f"/young-people/{YP}/pack?choose=1&person=p-sam&person=p-rita&person=p-nick&person=p-olga"
    ).get_data(as_text=True)
    assert_nothing_it_must_not(html)
    assert SHOWN["not agreed"] in html and SHOWN["gran"] not in text_of(
        html.split('id="pack-choose"')[0]
    )
    assert "pack.pdf?choose=1&amp;person=p-sam" in html
    pdf = coordinator.get(
        f"/young-people/{YP}/pack.pdf?choose=1&person=p-sam&person=p-rita&person=p-nick"
    ).data
    text = pdf_text(pdf)
    assert SHOWN["not agreed"] in text and SHOWN["gran"] not in text
    assert_nothing_it_must_not(text)


def test_without_consent_the_pack_says_so_and_offers_the_consent_page(
    networks: None, store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.record_consent(YP, entry("my_network_pack", decision="refused"), "test-recorder")
    client = signed_in("coordinator", allocated=(YP,))
    for path in ("/pack", "/pack.pdf"):
        response = client.get(f"/young-people/{YP}{path}")
        assert response.status_code == 200 and response.mimetype == "text/html"
        html = response.get_data(as_text=True)
        assert 'id="pack-no-consent"' in html
        assert f'href="/young-people/{YP}/consent/new?purpose=my_network_pack"' in html
        for name in (SHOWN["gran"], SHOWN["adviser"], *NEVER.values()):
            assert name not in html
    assert not [e for e in store.audit_events(YP) if e.action == "export"]


def test_the_pack_follows_the_allocation_rule_and_is_linked(
    networks: None, store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    record_in_place(store, YP, [Purpose.MY_NETWORK_PACK])
    client = signed_in("coordinator", allocated=(OTHER,))
    for path in ("/pack", "/pack.pdf"):
        assert client.get(f"/young-people/{YP}{path}").status_code == 404
    page = client.get(f"/young-people/{OTHER}").get_data(as_text=True)
    assert f'href="/young-people/{OTHER}/pack"' in page


def test_contact_details_and_the_agreement_are_edited_on_the_person(
    coordinator: FlaskClient, store: Store
) -> None:
    path = f"/young-people/{YP}/people/p-sam/edit"
    html = coordinator.get(path).get_data(as_text=True)
    assert 'name="contact_details"' in html and 'id="reachable_agreed_on-day"' in html
    form = {
        "name": SHOWN["not agreed"],
        "category": "family",
        "household": "",
        "contact_details": "sam@example.org",
        "reachable_agreed_on": ["31", "2", "2026"],
        "version": hidden_value(html, "version"),
    }
    response = coordinator.post(path, data=form)
    assert response.status_code == 400
    assert "Date they agreed the young person may contact them" in response.get_data(as_text=True)
    assert store.get_person("p-sam").contact_details == NEVER["not agreed contact"]

    response = coordinator.post(path, data={**form, "reachable_agreed_on": ["3", "11", "2026"]})
    assert response.status_code == 302
    sam = store.get_person("p-sam")
    assert (sam.contact_details, sam.reachable_agreed_on) == ("sam@example.org", date(2026, 11, 3))
    text = text_of(coordinator.get(f"/young-people/{YP}/pack").get_data(as_text=True))
    assert "sam@example.org" in text
    changes = [e.detail for e in store.audit_events(YP) if e.action == "change"]
    assert any("contact_details" in d and "reachable_agreed_on" in d for d in changes)


def test_the_api_gives_the_same_pack_behind_the_same_consent(
    networks: None, store: Store, client: FlaskClient, token_for: Callable[..., dict[str, str]]
) -> None:
    headers = token_for("cora-api", "coordinator", (YP,))
    refused = client.get(f"/api/v1/young-people/{YP}/pack", headers=headers)
    assert refused.status_code == 409
    assert "consent for the pack is not in place" in refused.get_json()["errors"][0]["message"]

    record_in_place(store, YP, [Purpose.MY_NETWORK_PACK])
    response = client.get(f"/api/v1/young-people/{YP}/pack", headers=headers)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert_nothing_it_must_not(body)
    pack = response.get_json()
    names = {person["name"] for person in pack["people"]}
    assert SHOWN["gran"] in names and ESTIMATED not in names
    gran = next(p for p in pack["people"] if p["name"] == SHOWN["gran"])
    assert gran["contact_details"] == SHOWN["gran contact"]
    assert pack["adviser"]["contact_details"] == SHOWN["adviser contact"]

    chosen = client.get(
        f"/api/v1/young-people/{YP}/pack?person=p-sam&person=p-rita&person=p-nick",
        headers=headers,
    ).get_json()
    assert [p["name"] for p in chosen["people"]] == [SHOWN["not agreed"]]
    assert [e.detail for e in store.audit_events(YP) if e.action == "export"] == [
        "my network pack (api)",
        "my network pack (api)",
    ]
    other = token_for("olly-api", "coordinator", (OTHER,))
    assert client.get(f"/api/v1/young-people/{YP}/pack", headers=other).status_code == 404
