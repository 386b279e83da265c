"""``/api/v1/young-people/<id>/pack``: the young person's My Network pack as JSON
(docs/my-network-pack.md), the same projection as the page and the PDF
(:func:`connections.pack.my_network_pack`): never people they refuse or must not see, notes,
restrictions or worker ratings, and contact details only of people who agreed to be reachable.

The ``my_network_pack`` consent is checked first: without it, 409 with its state's reasons.
``person`` (repeated) chooses who is in it, as the page's checkboxes do; people the pack may
never hold are left out whatever is asked. Audited as an export, like the PDF.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request

from connections.accounts import AuditAction
from connections.consent import Purpose, consent_state
from connections.pack import ALWAYS_HERE_PROMISE, PackPerson, my_network_pack
from webapp.access import audit, young_person_access
from webapp.api.base import ApiError, bp, json_response
from webapp.api.views import _as_of
from webapp.db import get_store


def _person(person: PackPerson) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "offers": list(person.offers),
        "always_here": person.always_here,
        "deceased": person.deceased,
        "contact_details": person.contact_details,
    }


@bp.get("/young-people/<young_person_id>/pack")
@young_person_access
def get_pack(young_person_id: str) -> Response:
    day = _as_of()
    store = get_store()
    network = store.load_network(young_person_id)
    young_person = network.young_person
    state = consent_state(
        store.consents(young_person_id), young_person.date_of_birth, Purpose.MY_NETWORK_PACK, day
    )
    if not state.in_place:
        reasons = " ".join(state.reasons) or "No decision is recorded."
        raise ApiError(409, f"The young person's consent for the pack is not in place. {reasons}")
    wanted = request.args.getlist("person")
    chosen = [person.id for person in network.people if person.id in set(wanted)]
    promise = current_app.config.get("PACK_PROMISE") or ALWAYS_HERE_PROMISE
    pack = my_network_pack(network, day, chosen if wanted else None, promise=promise)
    audit(AuditAction.EXPORT, young_person_id, "my network pack (api)")
    return json_response(
        {
            "young_person_name": pack.young_person_name,
            "as_of": pack.as_of.isoformat(),
            "people": [_person(person) for person in pack.people],
            "adviser": _person(pack.adviser) if pack.adviser else None,
            "promise": pack.promise,
        }
    )
