"""The young person's My Network pack (docs/my-network-pack.md): a page to print and a PDF.

- ``/young-people/<id>/pack``: the pack, with a short form (not printed) where the worker and the
  young person pick who is in it; by default the people the young person rated close or very
  close themselves (:func:`connections.pack.default_choice`).
- ``/young-people/<id>/pack.pdf``: the same pack as a PDF made on the server
  (:mod:`webapp.pack.pdf`), audited as an export.

The young person's consent to the pack (``my_network_pack`` in their consent ledger) is checked
first: without it both answer a page that says so and links to the consent page, with nothing
of the network on it. The pack itself is built by the pure projection
:func:`connections.pack.my_network_pack` before anything is rendered, so the page and the PDF
hold only what it kept. Who may open it is :func:`~webapp.access.young_person_access`'s rule.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from connections import maps, svgmap
from connections.accounts import AuditAction
from connections.consent import PURPOSE_LABELS, ConsentState, Purpose, consent_state
from connections.model import Network
from connections.pack import ALWAYS_HERE_PROMISE, Pack, default_choice, eligible, my_network_pack
from connections.restrictions import with_effective_safety
from webapp.access import audit, young_person_access
from webapp.consent.views import may_record
from webapp.db import get_store
from webapp.filters import role_label
from webapp.pack.pdf import html_to_pdf
from webapp.tables import as_of

bp = Blueprint("pack", __name__)

#: The query that carries the worker's choice (``?choose=1&person=p-1&person=p-2``): the same on
#: the page, in its form and in the PDF link, so the PDF is the pack on the screen.
CHOOSE = "choose"
PERSON = "person"


def _consent(network: Network) -> ConsentState:
    young_person = network.young_person
    return consent_state(
        get_store().consents(young_person.id),
        young_person.date_of_birth,
        Purpose.MY_NETWORK_PACK,
        as_of(),
    )


def _chosen(network: Network) -> list[str] | None:
    """The worker's choice from the query, or None for the default."""
    if request.args.get(CHOOSE) != "1":
        return None
    wanted = set(request.args.getlist(PERSON))
    return [person.id for person in network.people if person.id in wanted]


def _choices(network: Network, selected: set[str]) -> list[dict[str, Any]]:
    """The people a pack may hold, as checkbox items (never anyone it may not)."""
    people = {person.id: person for person in network.people}
    items = []
    seen: set[str] = set()
    for relationship in with_effective_safety(network, as_of()).relationships:
        person = people.get(relationship.person_id)
        if person is None or person.id in seen or not eligible(relationship):
            continue
        seen.add(person.id)
        items.append(
            {
                "value": person.id,
                "text": f"{person.name} ({role_label(relationship.role)})",
                "checked": person.id in selected,
            }
        )
    return sorted(items, key=lambda item: item["text"].casefold())


def _pack(network: Network) -> Pack:
    promise = current_app.config.get("PACK_PROMISE") or ALWAYS_HERE_PROMISE
    return my_network_pack(network, as_of(), _chosen(network), promise=promise)


def _map_svg(pack: Pack) -> Markup:
    """The pack's people on the map, drawn like every map (escaped by render_svg)."""
    map_data = maps.build_map(pack.network, as_of=pack.as_of)
    title = f"The people around {' '.join(pack.young_person_name.split())}"
    return Markup(svgmap.render_svg(map_data, title=title, inline=True))


def _no_consent(network: Network, state: ConsentState) -> tuple[str, int]:
    html = render_template(
        "pack/no_consent.html",
        yp=network.young_person,
        state=state,
        purpose=PURPOSE_LABELS[Purpose.MY_NETWORK_PACK],
        can_record=may_record(current_user),
    )
    return html, 200


@bp.route("/young-people/<young_person_id>/pack")
@young_person_access
def show(young_person_id: str) -> str | tuple[str, int]:
    network = get_store().load_network(young_person_id)
    state = _consent(network)
    if not state.in_place:
        return _no_consent(network, state)
    pack = _pack(network)
    selected = {person.id for person in pack.people}
    query = [(CHOOSE, "1"), *((PERSON, person.id) for person in pack.people)]
    return render_template(
        "pack/show.html",
        yp=network.young_person,
        pack=pack,
        map_svg=_map_svg(pack),
        choices=_choices(network, selected),
        default_ids=default_choice(network, as_of()),
        pdf_query=query,
    )


@bp.route("/young-people/<young_person_id>/pack.pdf")
@young_person_access
def pdf(young_person_id: str) -> Response | tuple[str, int]:
    network = get_store().load_network(young_person_id)
    state = _consent(network)
    if not state.in_place:
        return _no_consent(network, state)
    pack = _pack(network)
    html = render_template(
        "pack/pdf.html", yp=network.young_person, pack=pack, map_svg=_map_svg(pack)
    )
    body = html_to_pdf(html)
    audit(AuditAction.EXPORT, young_person_id, "my network pack.pdf")
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", young_person_id)
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="my-network-{safe}-{as_of().isoformat()}.pdf"'
    )
    return response
