"""The young person page's map sends its first view's names only; the names of everyone in its
groups come from ``/young-people/ID/map/open-names`` when a group is first opened."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient

from connections import demo, maplabels
from connections.maps import build_map
from connections.model import Network
from connections.scoring import score
from connections.store import Store
from tests.conftest import AS_OF
from tests.web.networks import map_data


def _large(store: Store) -> Network:
    """A network large enough for its map to fold groups, saved."""
    (network,) = demo.generate(1, 21, AS_OF, people_per_network=(120, 120))
    store.save_network(network)
    return network


def test_the_page_sends_the_first_view_and_the_open_names_come_when_asked(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    network = _large(store)
    yp = network.young_person.id
    client = signed_in("coordinator", allocated=(yp,))
    data = map_data(client.get(f"/young-people/{yp}").get_data(as_text=True))
    labels = data["labels"]
    assert data["groups"] and labels["first"]
    assert "open" not in labels and "open_headings" not in labels
    url = urlsplit(labels["open_url"])
    assert url.path == f"/young-people/{yp}/map/open-names"

    answer = client.get(labels["open_url"])
    assert answer.status_code == 200
    drawn = build_map(network, score(network, AS_OF))
    expected = maplabels.place_labels(drawn)
    assert answer.get_json() == {
        "open": expected["open"],
        "open_headings": [list(h) for h in expected["open_headings"]],
    }
    # Every person on the map has a place for their name once groups are open.
    people = {n["id"] for n in data["nodes"] if n["kind"] == "person"}
    assert people <= set(answer.get_json()["open"])
    assert [e.action for e in store.audit_events(yp)][:2] == ["view", "view"]
    assert parse_qs(url.query)["key"] == [maplabels.map_key(drawn)]


def test_a_map_changed_since_the_page_was_loaded_is_refused_not_misdrawn(
    store: Store, signed_in: Callable[..., FlaskClient]
) -> None:
    network = _large(store)
    yp = network.young_person.id
    client = signed_in("coordinator", allocated=(yp,))
    open_url = map_data(client.get(f"/young-people/{yp}").get_data(as_text=True))["labels"][
        "open_url"
    ]
    person = network.people[0]
    renamed = network.model_copy(
        update={
            "people": [person.model_copy(update={"name": person.name + " Longername"})]
            + list(network.people[1:])
        }
    )
    store.save_network(renamed)
    answer = client.get(open_url)
    assert answer.status_code == 409
    assert "Reload the page" in answer.get_json()["error"]
    for key in ("", "x" * 5000, "<script>"):
        assert client.get(f"/young-people/{yp}/map/open-names?key={key}").status_code == 409


def test_only_those_who_may_see_the_young_person_get_the_names(
    store: Store, client: FlaskClient, signed_in: Callable[..., FlaskClient]
) -> None:
    network = _large(store)
    yp = network.young_person.id
    url = f"/young-people/{yp}/map/open-names?key=" + maplabels.map_key(
        build_map(network, score(network, AS_OF))
    )
    signed_out = client.get(url)
    assert signed_out.status_code == 302 and "/sign-in" in signed_out.headers["Location"]
    signed_in("coordinator", allocated=(), username="someone-else")
    refused = client.get(url)
    assert refused.status_code in (403, 404)
    assert b"open_headings" not in refused.data
