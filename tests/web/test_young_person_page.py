"""The young person page as a new user reads it: "What needs doing" links each gap to where it
is done, the support grid says who leaves at a milestone, and a lead already in contact is
shown as a finding stage to update, not as someone to find."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from html import unescape

import pytest
from flask.testing import FlaskClient

from connections.scoring import score
from connections.store import Store
from tests.conftest import AS_OF
from tests.consents import record_in_place
from tests.web.conftest import coverage_network, text_of

YP = "yp-ella"
RECENT = (AS_OF - timedelta(days=10)).isoformat()


def _person(person_id: str, name: str, category: str, **relationship: object) -> dict[str, object]:
    return {"id": person_id, "name": name, "category": category, "relationship": relationship}


def _loving(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "closeness": 4,
        "closeness_rated_by": "young_person",
        "safety": "safe",
        "wishes": "wants",
        "contact": "active",
        "last_contact": RECENT,
    }
    return {**values, **overrides}


def ella_network():  # type: ignore[no-untyped-def]
    """Ella (16) has 2 loving relationships: Emma, her foster carer (paid: she leaves at 18)
    and Ray, an uncle found and back in touch whose finding stage still says "located" (so
    the report ranks him first among its leads). Kai is a sibling out of touch; Cal and Dee are
    cousins still to find, neither rated nor assessed."""
    return coverage_network(
        YP,
        "Ella Evans-Test",
        0,
        extra_people=[
            _person(
                "p-emma",
                "Emma Evans",
                "carer",
                **_loving(role="foster_carer", paid=True, support=["somewhere_to_stay"]),
            ),
            _person(
                "p-ray",
                "Ray Located",
                "family",
                **_loving(
                    role="aunt_uncle",
                    finding_status="located",
                    support=["somewhere_to_stay", "emotional"],
                ),
            ),
            _person(
                "p-kai",
                "Kai Sibling",
                "family",
                role="sibling",
                closeness=3,
                closeness_rated_by="young_person",
                safety="safe",
                wishes="wants",
                contact="lost",
            ),
            _person("p-cal", "Cal Cousin", "family", role="cousin", finding_status="identified"),
            _person("p-dee", "Dee Cousin", "family", role="cousin"),
        ],
    )


@pytest.fixture
def ella(store: Store) -> None:
    store.save_network(ella_network())
    record_in_place(store, YP)  # family finding is not paused (see tests/web/test_consent.py)


@pytest.fixture
def coordinator(ella: None, signed_in: Callable[..., FlaskClient]) -> FlaskClient:
    return signed_in("coordinator", allocated=(YP,))


def _page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def _gap_items(html: str) -> list[str]:
    """The top-level items of the "What needs doing" list, as HTML."""
    start = html.index('class="govuk-list govuk-list--number lc-gaps"')
    body = html[start : html.index("</ol>", start)]
    return body.split('<li class="lc-gap">')[1:]


def _first_link(item: str) -> tuple[str, str]:
    match = re.search(r'<a class="govuk-link" href="([^"]+)">(.*?)</a>', item, re.S)
    assert match, item
    return unescape(match.group(1)), text_of(match.group(2))


def test_what_needs_doing_links_each_gap_to_where_it_is_done(coordinator: FlaskClient) -> None:
    report = score(ella_network(), AS_OF)
    html = _page(coordinator, f"/young-people/{YP}")
    items = _gap_items(html)
    assert len(items) == len(report.gaps) >= 6
    links = [_first_link(item) for item in items]
    # Every gap is a link whose text is the gap sentence itself, in the report's order.
    assert [text for _, text in links] == list(report.gaps)
    where = {text: href for href, text in links}
    base = f"/young-people/{YP}"
    assert where["At 18, Emma Evans (foster carer) leaves: 1 loving relationship remains."] == (
        f"{base}/people/p-emma/relationship#continues_beyond_role"
    )
    assert where["Sibling Kai Sibling: contact lost, Kai Sibling is safe and wanted."] == (
        f"{base}/contacts?person=p-kai"
    )
    assert where["No loving relationship offers help with money."] == f"{base}/network#people"
    # A gap about several people goes to the network page and to each person's own form.
    rate = "Ask the young person how close they feel to 2 people."
    assert where[rate] == f"{base}/network#people"
    rate_item = next(item for item in items if rate in item)
    people = re.findall(r'href="([^"]+)">([^<]+)<span class="govuk-visually-hidden">', rate_item)
    assert people == [
        (f"{base}/people/p-cal/relationship#closeness", "Cal Cousin"),
        (f"{base}/people/p-dee/relationship#closeness", "Dee Cousin"),
    ]
    assert "record how close the young person feels" in rate_item
    assert where["Assess whether contact with 2 people is safe."] == f"{base}/network#people"
    # Every link opens, and the form has the field it points to.
    for href, _ in links:
        path, _, anchor = href.partition("#")
        target = _page(coordinator, path)
        if anchor:
            assert f'id="{anchor}' in target, (href, anchor)
    # The network page lists the same gaps with the same links.
    manage = _page(coordinator, f"{base}/network")
    assert [_first_link(item) for item in _gap_items(manage)] == links


def test_what_needs_doing_is_text_for_a_facilitator_and_on_paper(
    ella: None, signed_in: Callable[..., FlaskClient]
) -> None:
    client = signed_in("facilitator", allocated=(YP,))
    report = score(ella_network(), AS_OF)
    for path in (f"/young-people/{YP}", f"/young-people/{YP}/print"):
        items = _gap_items(_page(client, path))
        assert [text_of(item) for item in items] == list(report.gaps)
        assert not any("<a " in item for item in items), path


def test_the_support_grid_says_who_leaves_at_a_milestone(coordinator: FlaskClient) -> None:
    page = text_of(_page(coordinator, f"/young-people/{YP}"))
    assert "Somewhere to stay Covered Loving: Emma Evans (leaves at 18), Ray Located" in page
    # Ray stays: nothing is said beside him anywhere in the grid.
    assert "Ray Located (leaves" not in page
    assert "Emotional Covered Loving: Ray Located Paid" not in page
    assert "Emotional Covered Loving: Ray Located Practical" in page
    printed = text_of(_page(coordinator, f"/young-people/{YP}/print"))
    assert "Somewhere to stay Covered Emma Evans (leaves at 18), Ray Located" in printed


def test_a_lead_already_in_contact_is_shown_as_a_finding_stage_to_update(
    coordinator: FlaskClient,
) -> None:
    # The report keeps its leads as the scoring definition says: Ray is its top lead.
    report = score(ella_network(), AS_OF)
    assert [lead.id for lead in report.leads][:1] == ["p-ray"]
    html = _page(coordinator, f"/young-people/{YP}")
    leads = html[html.index('id="leads"') : html.index('id="data-to-complete"')]
    table = leads[leads.index("<table") : leads.index("</table>")]
    assert "Ray Located" not in table  # not someone to find
    assert "Cal Cousin" in table and "Dee Cousin" in table
    update = leads[leads.index('id="stage-to-update"') :]
    assert (
        "Ray Located (aunt or uncle): contact active, but the family finding stage is still "
        "located." in text_of(update)
    )
    link = f'href="/young-people/{YP}/people/p-ray/relationship#finding_status"'
    assert link in update
    assert "Update the finding stage" in text_of(update)
    form = _page(coordinator, f"/young-people/{YP}/people/p-ray/relationship")
    assert 'id="finding_status"' in form


def test_a_facilitator_sees_the_stage_to_update_without_a_link(
    ella: None, signed_in: Callable[..., FlaskClient]
) -> None:
    html = _page(signed_in("facilitator", allocated=(YP,)), f"/young-people/{YP}")
    update = html[html.index('id="stage-to-update"') : html.index('id="data-to-complete"')]
    assert "Ray Located" in update
    assert "/relationship" not in update
