"""What a worker may learn about a person shared between young people's networks: the rule of
docs/sharing-people.md, as pure functions of what the store found.

People are shared nodes (a grandmother of three siblings is one person), but a worker sees only
the networks of the young people allocated to them. So, searching "someone already known":

- someone in the network of one of the worker's own young people is listed as before, and may be
  added directly;
- someone protected (:meth:`connections.store.Store.protected_people`: today anyone with a
  ``no_contact`` relationship with any young person) and not in the worker's own networks is not
  mentioned at all, to anyone, in any way;
- anyone else: managers and administrators (who may open the whole cohort) see them listed and
  may add them; coordinators learn only that "a possible match exists elsewhere", and may send a
  link request, which someone allocated to a network holding the person (or an administrator)
  approves or declines (:mod:`connections.store.link_requests`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from connections.store.networks import FoundPerson


@dataclass(frozen=True)
class SearchResult:
    """What a search may show: people listed by name, and whether to say that a possible match
    exists elsewhere (nothing more: no name, id, category, address or count)."""

    listed: list[FoundPerson]
    elsewhere: bool


def may_link_directly(person: FoundPerson, *, sees_whole_cohort: bool) -> bool:
    """Whether this worker may see this person's summary and add them to a network of theirs
    without anyone's approval.

    >>> mine = FoundPerson("p", "Rose", "family", False, 2, [("yp", "Amy")], in_allocated=True)
    >>> may_link_directly(mine, sees_whole_cohort=False)
    True
    >>> theirs = FoundPerson("p", "Rose", "family", False, 1, [])
    >>> may_link_directly(theirs, sees_whole_cohort=False), may_link_directly(
    ...     theirs, sees_whole_cohort=True)
    (False, True)
    >>> from dataclasses import replace
    >>> may_link_directly(replace(theirs, protected=True), sees_whole_cohort=True)
    False
    """
    if person.in_allocated:
        return True  # they see this person in their own young person's network already
    if person.protected:
        return False
    return sees_whole_cohort


def link_request_candidates(found: Sequence[FoundPerson]) -> list[FoundPerson]:
    """The people a link request may name as possible matches (never shown to the requester):
    those outside the requester's own networks and not protected."""
    return [p for p in found if not p.in_allocated and not p.protected]


def search_result(
    found: Sequence[FoundPerson], *, sees_whole_cohort: bool, limit: int
) -> SearchResult:
    """What a search shows this worker of the people the store ``found``.

    >>> theirs = FoundPerson("p-x", "Rose", "family", False, 1, [])
    >>> search_result([theirs], sees_whole_cohort=False, limit=20)
    SearchResult(listed=[], elsewhere=True)
    >>> from dataclasses import replace
    >>> search_result([replace(theirs, protected=True)], sees_whole_cohort=False, limit=20)
    SearchResult(listed=[], elsewhere=False)
    """
    listed = [p for p in found if may_link_directly(p, sees_whole_cohort=sees_whole_cohort)]
    elsewhere = any(
        not may_link_directly(p, sees_whole_cohort=sees_whole_cohort)
        for p in link_request_candidates(found)
    )
    return SearchResult(listed=listed[:limit], elsewhere=elsewhere)
