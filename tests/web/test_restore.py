"""Undo and the past through the web app and the API, against the real Neo4j: the confirmation
page says what a restore changes, confirming restores once (CSRF, out-of-date pages refused), the
API's restore, ``GET .../network?at=`` and ``GET .../report?on=``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connections.model import revise
from connections.scoring import score
from connections.store import Store
from connections.store.history import acting_as
from tests.web.conftest import csrf_token_of, make_app, sign_in, sign_in_with_csrf, text_of
from tests.web.networks import OTHER, YP, amy_network, other_network

MARCH, APRIL = datetime(2026, 3, 1, 9, tzinfo=UTC), datetime(2026, 4, 1, 9, tzinfo=UTC)


@pytest.fixture
def history(store: Store) -> str:
    """Amy's network on 1 March (version 1), then on 1 April a bad edit: Rose removed and Kai's
    closeness changed (versions 2 and 3). Returns version 1's export text."""
    with acting_as("Sam Worker", "web", at=MARCH):
        store.save_networks([amy_network(), other_network()])
    first = store.version(YP, 1).document
    with acting_as("Bad Import", "command line", at=APRIL):
        rose = store.get_relationship(YP, "p-rose")
        store.remove_from_network(YP, "p-rose", rose.version)
        kai = store.get_relationship(YP, "p-kai")
        store.update_relationship(YP, revise(kai, {"closeness": 1}))
    return first


def test_the_page_says_what_a_restore_changes_and_confirming_restores_once(
    history: str, signed_in: Callable[..., FlaskClient], store: Store
) -> None:
    client = signed_in("coordinator", allocated=(YP,), username="cora")
    listing = client.get(f"/young-people/{YP}/history").get_data(as_text=True)
    assert f"/young-people/{YP}/history/1/restore" in listing
    assert f"/young-people/{YP}/history/3/restore" not in listing  # the network as it is now

    page = client.get(f"/young-people/{YP}/history/1/restore")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    changes = text_of(html.split('id="restore-changes"')[1].split("</dl>")[0])
    assert "People back in the network Rose Example" in changes
    assert "People who leave the network No one" in changes
    assert "Kai Example: closeness" in changes and "-> Close (3)" in changes
    assert "logged a visit with Rose Example" in changes  # her log, deleted with her, comes back
    score = text_of(html.split('id="restore-score"')[1].split("</table>")[0])
    assert "Loving relationships 0 1" in score
    assert "none is removed, reopened or changed" in html
    shown = html.split('name="shown" type="hidden" value="')[1].split('"')[0]

    response = client.post(f"/young-people/{YP}/history/1/restore", data={"shown": shown})
    assert response.status_code == 302
    newest = store.versions(YP, limit=1)[0]
    assert newest.document == history
    assert (newest.by, newest.via) == ("Cora", "web, restore of version 1")
    assert any(
        e.action == "change" and "version 1 restored" in e.detail for e in store.audit_events(YP)
    )
    # The same confirmation sent again restores nothing.
    again = client.post(f"/young-people/{YP}/history/1/restore", data={"shown": shown})
    assert again.status_code == 409
    assert "The network has changed since this page was shown" in again.get_data(as_text=True)
    assert store.versions(YP, limit=1)[0].number == newest.number


def test_only_editors_allocated_may_restore_and_only_with_the_csrf_token(
    history: str, store: Store, add_user: Callable[..., object]
) -> None:
    app = make_app(store, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    add_user("fay", "facilitator", (YP,))
    sign_in_with_csrf(client, "fay")
    assert client.get(f"/young-people/{YP}/history/1/restore").status_code == 403
    add_user("cora", "coordinator", (OTHER,))
    client = app.test_client()
    sign_in_with_csrf(client, "cora")
    assert client.get(f"/young-people/{YP}/history/1/restore").status_code == 404
    add_user("cory", "coordinator", (YP,))
    client = app.test_client()
    sign_in_with_csrf(client, "cory")
    html = client.get(f"/young-people/{YP}/history/1/restore").get_data(as_text=True)
    shown = html.split('name="shown" type="hidden" value="')[1].split('"')[0]
    refused = client.post(f"/young-people/{YP}/history/1/restore", data={"shown": shown})
    assert refused.status_code == 400
    assert store.versions(YP, limit=1)[0].number == 3
    assert client.get(f"/young-people/{YP}/history/9/restore").status_code == 404
    data = {"shown": shown, "csrf_token": csrf_token_of(html)}
    assert client.post(f"/young-people/{YP}/history/1/restore", data=data).status_code == 302
    assert store.versions(YP, limit=1)[0].number == 4


def test_the_api_restores_with_if_match_like_the_put(
    history: str, client: FlaskClient, token_for: Callable[..., dict[str, str]], store: Store
) -> None:
    auth = token_for("cora", "coordinator", (YP,))
    url = f"/api/v1/young-people/{YP}/history/1/restore"
    assert client.post(url, headers=auth).status_code == 428
    stale = client.post(url, headers={**auth, "If-Match": '"d-old"'})
    assert stale.status_code == 412
    etag = client.get(f"/api/v1/young-people/{YP}/network", headers=auth).headers["ETag"]
    done = client.post(url, headers={**auth, "If-Match": etag})
    assert done.status_code == 200
    assert done.get_data(as_text=True) == history
    assert done.headers["ETag"] != etag
    assert client.post(url, headers={**auth, "If-Match": etag}).status_code == 412
    same = client.post(url, headers={**auth, "If-Match": done.headers["ETag"]})
    assert same.status_code == 409 and "nothing to restore" in same.get_data(as_text=True)
    facilitator = token_for("fay", "facilitator", (YP,))
    assert client.post(url, headers={**facilitator, "If-Match": "*"}).status_code == 403
    assert store.versions(YP, limit=1)[0].via == "api, restore of version 1"


def test_the_network_at_an_instant_and_the_report_on_a_day(
    history: str, client: FlaskClient, token_for: Callable[..., dict[str, str]], store: Store
) -> None:
    auth = token_for("cora", "coordinator", (YP,))
    network = f"/api/v1/young-people/{YP}/network"
    then = client.get(network, query_string={"at": "2026-03-15T12:00:00Z"}, headers=auth)
    assert then.status_code == 200 and then.get_data(as_text=True) == history
    offset = client.get(network, query_string={"at": "2026-03-01T10:00:00+01:00"}, headers=auth)
    assert offset.get_data(as_text=True) == history  # 09:00 UTC: version 1 exactly
    now = client.get(network, headers=auth).get_data(as_text=True)
    assert (
        client.get(network, query_string={"at": "2027-01-01T00:00:00Z"}, headers=auth).get_data(
            as_text=True
        )
        == now
    )
    for bad, words in (
        ("2026-03-15T12:00:00", "has no time zone"),
        ("yesterday", "ISO 8601"),
        ("2026-02-01T00:00:00Z", "begins at 2026-03-01T09:00:00+00:00"),
    ):
        refused = client.get(network, query_string={"at": bad}, headers=auth)
        error = refused.get_json()["errors"][0]
        assert refused.status_code in (400, 404) and error["path"] == "at", (bad, error)
        assert words in error["message"]

    report = f"/api/v1/young-people/{YP}/report"
    march = client.get(report, query_string={"on": "2026-03-31"}, headers=auth).get_json()
    then = store.version_at(YP, datetime(2026, 3, 31, 22, 59, tzinfo=UTC)).network  # 23:59 BST
    expected = score(then, date(2026, 3, 31)).to_dict()
    assert {k: v for k, v in march.items() if k != "family_finding_paused"} == expected
    today_on_that_day = client.get(
        report, query_string={"as_of": "2026-03-31"}, headers=auth
    ).get_json()
    assert today_on_that_day["households"] != march["households"]  # Rose was there then
    both = client.get(
        report, query_string={"on": "2026-03-31", "as_of": "2026-03-31"}, headers=auth
    )
    assert both.status_code == 400 and both.get_json()["errors"][0]["path"] == "on"
    early = client.get(report, query_string={"on": "2026-02-28"}, headers=auth)
    assert early.status_code == 404 and "begins at" in early.get_json()["errors"][0]["message"]
    assert client.get(report, query_string={"on": "March"}, headers=auth).status_code == 400
    other = token_for("olly", "coordinator", (OTHER,))
    assert (
        client.get(network, query_string={"at": "2026-03-15T12:00:00Z"}, headers=other).status_code
        == 404
    )


def test_the_network_on_a_day_read_only_with_todays_restrictions(
    history: str,
    signed_in: Callable[..., FlaskClient],
    app: Flask,
    add_user: Callable[..., object],
) -> None:
    client = signed_in("coordinator", allocated=(YP,))
    assert 'id="on-day-link"' in client.get(f"/young-people/{YP}/history").get_data(as_text=True)
    assert client.get(f"/young-people/{YP}/history/day").status_code == 200
    march = client.get(f"/young-people/{YP}/history/day?on=2026-03-31")
    assert march.status_code == 200
    page = text_of(march.get_data(as_text=True).split('id="on-day"')[1])
    assert "version 1" in page and "Rose Example" in page
    assert march.get_data(as_text=True).count("<svg") >= 1
    april = text_of(
        client.get(f"/young-people/{YP}/history/day?on=2026-04-01")
        .get_data(as_text=True)
        .split('id="on-day"')[1]
    )
    assert "version 3" in april and "Rose Example" not in april
    for bad, words in (("2026-02-01", "The history begins on 2026-03-01"), ("soon", "YYYY-MM-DD")):
        refused = client.get(f"/young-people/{YP}/history/day?on={bad}")
        assert refused.status_code == 400 and words in refused.get_data(as_text=True)
    add_user("olly", "coordinator", (OTHER,))
    other = app.test_client()
    sign_in(other, "olly")
    assert other.get(f"/young-people/{YP}/history/day?on=2026-03-31").status_code == 404
