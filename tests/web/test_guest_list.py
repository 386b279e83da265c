"""The conference guest list (docs/conference.md): refusals on the server, leak warnings on
networks built for them, acknowledgements with a reason (audited), finalising, and the family
view that follows the list and never shows a warning, a restricted person or a reason."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connections import maps
from connections.audiences import for_conference
from connections.model import Network, Safety, parse_network
from connections.restrictions import effective_safeties
from connections.store import GuestRefused, Store
from tests.conftest import AS_OF
from tests.consents import entry as consent_entry
from tests.web.conftest import sign_in
from tests.web.networks import OTHER, YP, amy_network, other_network, ready_conference

GUESTS = f"/young-people/{YP}/conference/guests"
FAMILY = f"/young-people/{YP}/conference"
#: Amy's network: Rose is a parent of Ray (no contact), so inviting Rose warns.
ROSE_KEY = "p-rose|parent|p-ray"


@pytest.fixture
def facilitator(store: Store, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    store.save_networks([amy_network()])
    return signed_in("facilitator", allocated=(YP,))


def version(store: Store) -> str:
    return str(store.guest_list(YP).version)


def test_no_contact_hidden_and_strangers_are_refused_on_the_server(
    facilitator: FlaskClient, store: Store
) -> None:
    # Jo becomes no_contact by a restriction in force, not by her recorded safety.
    network = store.load_network(YP)
    order = {
        "id": "r-jo",
        "person_id": "p-jo",
        "kind": "s34_order",
        "scope": "no_contact",
        "starts": "2026-01-01",
        "source": "ORDER-REF-123",
    }
    document = network.to_document()
    document["restrictions"] = [order]
    store.save_networks([parse_network(document)])
    page = facilitator.get(GUESTS).get_data(as_text=True)
    # Offered: Rose and Kai only; the others are listed, with the reason, for the facilitator.
    offered = re.findall(r'<option value="([^"]+)"', page)
    assert offered == ["p-kai", "p-rose"]
    assert "must have no contact with them (a restriction in force)" in page
    assert "asked for them not to be shown to the family" in page
    # A crafted post for each is refused with the reason, and nothing is written.
    for person_id, reason in [
        ("p-jo", "a restriction in force"),
        ("p-ray", "recorded as no contact"),
        ("p-hana", "asked for them not to be shown"),
        ("p-nobody", "not in the young person&#39;s network"),
    ]:
        response = facilitator.post(
            f"{GUESTS}/add", data={"person_id": person_id, "version": version(store)}
        )
        assert response.status_code == 400, person_id
        assert reason in response.get_data(as_text=True), person_id
    assert store.guest_list(YP).guest_ids == ()
    # The store refuses too, whatever the caller checked.
    from connections.model import InvalidInput

    with pytest.raises(InvalidInput, match="person_id"):
        store.add_guest(YP, "p-hana", store.guest_list(YP).version, AS_OF)
    assert {e.detail for e in store.audit_events(YP) if e.action == "conference"} >= {
        "guest refused: p-jo",
        "guest refused: p-hana",
    }


def test_a_warning_must_be_acknowledged_with_a_reason_before_the_list_is_final(
    facilitator: FlaskClient, store: Store
) -> None:
    assert (
        facilitator.post(f"{GUESTS}/add", data={"person_id": "p-rose", "version": "0"}).status_code
        == 302
    )
    page = facilitator.get(GUESTS).get_data(as_text=True)
    assert (
        "Rose Example is a parent of someone this young person must have no contact with: "
        "anything shared at the conference may reach them."
    ) in page
    # Finalising is refused while the warning is not acknowledged.
    response = facilitator.post(f"{GUESTS}/finalise", data={"version": version(store)})
    assert response.status_code == 400
    assert "Acknowledge the warning" in response.get_data(as_text=True)
    assert not store.guest_list(YP).final
    with pytest.raises(GuestRefused):
        store.finalise_guest_list(YP, "x", store.guest_list(YP).version, AS_OF)
    # No reason: refused, naming the field.
    response = facilitator.post(
        f"{GUESTS}/acknowledge", data={"key": ROSE_KEY, "reason": "  ", "version": version(store)}
    )
    assert response.status_code == 400
    assert "Give the reason" in response.get_data(as_text=True)
    assert store.guest_list(YP).acknowledgements == {}
    # A stale version: refused.
    stale = facilitator.post(
        f"{GUESTS}/acknowledge", data={"key": ROSE_KEY, "reason": "ok", "version": "0"}
    )
    assert stale.status_code == 409
    # With a reason: recorded, audited, and the list may be final.
    response = facilitator.post(
        f"{GUESTS}/acknowledge",
        data={
            "key": ROSE_KEY,
            "reason": "Rose has had no contact with Ray for years",
            "version": version(store),
        },
    )
    assert response.status_code == 302
    ack = store.guest_list(YP).acknowledgements[ROSE_KEY]
    assert ack.reason == "Rose has had no contact with Ray for years"
    assert ack.by == "test-facilitator"
    assert (
        facilitator.post(f"{GUESTS}/finalise", data={"version": version(store)}).status_code == 302
    )
    assert store.guest_list(YP).final
    details = [e.detail for e in store.audit_events(YP) if e.action == "conference"]
    assert f"warning acknowledged: {ROSE_KEY}" in details and "guest list finalised" in details
    # Adding a guest makes it a draft again.
    facilitator.post(f"{GUESTS}/add", data={"person_id": "p-kai", "version": version(store)})
    assert not store.guest_list(YP).final


def test_the_family_view_follows_the_guest_list(facilitator: FlaskClient, store: Store) -> None:
    body = facilitator.get(FAMILY).get_data(as_text=True)
    assert "The conference map is not available yet" in body
    for plan in (f"{FAMILY}/plan", f"{FAMILY}/plan/p-rose"):
        assert "not available yet" in facilitator.get(plan).get_data(as_text=True)
    for name in ("Rose Example", "Kai Example", "Jo Smith", "Ray Danger", "Hana Hidden"):
        assert name not in body
    ready_conference(store, YP)
    body = facilitator.get(FAMILY).get_data(as_text=True)
    assert "Rose Example" in body and "At the conference" in body
    # The facilitator's warnings, reasons and restricted people never reach the family view.
    for secret in (
        "anything shared",
        "Agreed with the young person",
        "Ray Danger",
        "p-ray",
        "cannot be invited",
        "Hana Hidden",
    ):
        assert secret not in body, secret
    # A restriction that starts after the list was final closes the family view again.
    document = store.load_network(YP).to_document()
    document["restrictions"] = [
        {
            "id": "r-kai",
            "person_id": "p-kai",
            "kind": "s34_order",
            "scope": "no_contact",
            "starts": "2026-01-01",
        }
    ]
    store.save_networks([parse_network(document)])
    assert "not available yet" in facilitator.get(FAMILY).get_data(as_text=True)


def test_the_family_view_waits_for_information_sharing_consent(
    facilitator: FlaskClient, store: Store
) -> None:
    ready_conference(store, YP, consent=False)
    assert store.guest_list(YP).final
    body = facilitator.get(FAMILY).get_data(as_text=True)
    assert "The conference map is not available yet" in body and "Rose Example" not in body
    page = facilitator.get(GUESTS).get_data(as_text=True)
    assert "Information-sharing consent for the conference" in page
    assert "The family view stays closed until it is in place." in page
    # The young person agrees; a parent with parental responsibility refuses: still closed.
    store.record_consent(YP, consent_entry("conference_sharing"), "Sam Worker")
    store.record_consent(
        YP,
        consent_entry(
            "conference_sharing", "parental_responsibility", "refused", holder_name="Dan Example"
        ),
        "Sam Worker",
    )
    assert "not available yet" in facilitator.get(FAMILY).get_data(as_text=True)
    assert "Dan Example" in facilitator.get(GUESTS).get_data(as_text=True)
    # Dan gives it: the family view opens, and says nothing of the consent ledger.
    store.record_consent(
        YP,
        consent_entry(
            "conference_sharing",
            "parental_responsibility",
            "given",
            day="2026-03-02",
            holder_name="Dan Example",
        ),
        "Sam Worker",
    )
    body = facilitator.get(FAMILY).get_data(as_text=True)
    assert "Rose Example" in body and "Dan Example" not in body


def test_a_worker_not_allocated_may_neither_see_nor_change_the_guest_list(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    store.save_networks([amy_network(), other_network()])
    client = signed_in("coordinator", allocated=(OTHER,), username="stranger")
    assert client.get(GUESTS).status_code == 404
    assert (
        client.post(f"{GUESTS}/add", data={"person_id": "p-rose", "version": "0"}).status_code
        == 404
    )
    assert store.guest_list(YP).guest_ids == ()


# --- redaction over random networks ----------------------------------------------------------

TOKEN = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=12, max_size=12)


@st.composite
def restricted_networks(draw: st.DrawFn) -> tuple[Network, list[str]]:
    """A random network with restrictions; every name, id and sensitive text a distinctive
    token. Returns it with the tokens of free text that must never reach the family."""
    tokens = draw(st.lists(TOKEN, min_size=2, max_size=7, unique=True))
    ids = [f"p-{token.lower()}" for token in tokens]
    sensitive: list[str] = []

    def secret() -> str:
        token = "S" + draw(TOKEN)
        sensitive.append(token)
        return token

    people = [
        {
            "id": pid,
            "name": "N" + token,
            "category": "family",
            "address": secret(),
            "household": draw(st.sampled_from([None, "h1", "h2"])),
        }
        for pid, token in zip(ids, tokens, strict=True)
    ]
    relationships = [
        {
            "person_id": pid,
            "role": "aunt_uncle",
            "safety": draw(st.sampled_from([s.value for s in Safety])),
            "hide_in_conference": draw(st.booleans()),
            "notes": secret(),
            "safety_note": secret(),
        }
        for pid in ids
    ]
    links = []
    for _ in range(draw(st.integers(0, 5))):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if a != b:
            kind = draw(st.sampled_from(["partner", "lives_with", "parent", "knows"]))
            links.append({"source": a, "target": b, "kind": kind})
    restrictions = [
        {
            "id": f"r{i}",
            "person_id": draw(st.sampled_from(ids)),
            "kind": "s34_order",
            "scope": draw(st.sampled_from(["no_contact", "supervised", "address_withheld"])),
            "starts": draw(st.sampled_from(["2026-01-01", "2027-01-01"])),
            "source": secret(),
            "note": secret(),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    one_per_pair = {frozenset((link["source"], link["target"])): link for link in links}
    network = parse_network(
        {
            "young_person": {
                "id": YP,
                "name": "Amy Example",
                "date_of_birth": "2010-03-14",
                "status": "in_care",
            },
            "people": people,
            "relationships": relationships,
            "links": list(one_per_pair.values()),
            "restrictions": restrictions,
        }
    )
    return network, sensitive


def must_not_show(network: Network) -> list[str]:
    safeties = effective_safeties(network, AS_OF)
    names = {p.id: p.name for p in network.people}
    return [
        value
        for r in network.relationships
        if safeties[r.person_id] is Safety.NO_CONTACT or r.hide_in_conference
        for value in (r.person_id, names[r.person_id])
    ]


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(generated=restricted_networks())
def test_the_family_view_never_holds_what_it_may_not_show(
    generated: tuple[Network, list[str]],
    store: Store,
    client: FlaskClient,
    add_user: Callable[..., Any],
) -> None:
    network, sensitive = generated
    forbidden = [*must_not_show(network), *sensitive]
    shown = for_conference(network, AS_OF)
    data = maps.build_map(shown, conference=True, as_of=AS_OF).to_json()
    for value in forbidden:
        assert value not in data
    store.clear()
    store.save_networks([network])
    add_user("h-manager", "manager")
    sign_in(client, "h-manager")
    with contextlib.suppress(GuestRefused):  # no one may be invited: the view stays closed
        ready_conference(store, YP)
    for path in (FAMILY, f"{FAMILY}/plan"):
        body = client.get(path).data
        assert b"anything shared at the conference" not in body
        for value in forbidden:
            assert value.encode() not in body, (path, value)
