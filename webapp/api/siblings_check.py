"""The check a network document's sibling marks pass in the API's PUT (docs/
siblings-and-constellations.md): separate from :mod:`.siblings` so :mod:`.views` can import it."""

from __future__ import annotations

from flask_login import current_user

from connections.model import FieldError, InvalidInput, Network
from connections.store import NotFound
from webapp.access import may_open
from webapp.db import get_store


def refuse_young_people_not_open(network: Network) -> None:
    """A worker may mark a person as being only one of the young people they may open (docs/
    siblings-and-constellations.md): 422 naming each ``people[i].young_person_id`` that marks
    anyone else, in words that say nothing of that young person. A mark already recorded (made
    by someone who may open both) may be sent back unchanged."""
    if current_user.role.sees_whole_cohort:
        return
    marked = [
        (index, person)
        for index, person in enumerate(network.people)
        if person.young_person_id is not None and not may_open(person.young_person_id)
    ]
    if not marked:
        return
    try:
        stored = get_store().load_network(network.young_person.id)
        recorded = {person.id: person.young_person_id for person in stored.people}
    except NotFound:
        recorded = {}
    refused = [
        FieldError(
            path=f"people[{index}].young_person_id",
            message="is not one of your young people: only a young person you may open can be "
            "marked",
        )
        for index, person in marked
        if recorded.get(person.id) != person.young_person_id
    ]
    if refused:
        raise InvalidInput(refused)
