"""Undo: what restoring an earlier version of a young person's network saves, and what that
changes, in words. Pure: the versions come from :mod:`connections.store.history`, the restore is
written by :meth:`connections.store.restore.RestoreRecords.restore_version` through the store's
normal save path, in one transaction, and is itself a new version.

The rules (docs/history.md, "Restoring an earlier version"):

- The network becomes the version restored: its people and relationships, each with the
  attributes it had then, its links, and the young person's details as they were. People
  removed since come back (with their contact log entries of that version); people added since
  leave the network, like a removal.
- **Restrictions are never removed, reopened or rewritten by a restore**: the restored network
  carries every restriction as it is *today*. A person added since whom a restriction names
  stays in the network (a restriction needs its person there), and the page says so.
- **The contact log is never deleted from by a restore**: every entry there today stays as it is
  today (a correction made since is not undone); entries the version held that are gone since
  come back. A person added since whom the contact log names stays, as for a restriction.
- **The consent ledger is not part of a network** and is never touched: it is append-only.
  While family finding is paused for want of consent, a restore may not move a family finding
  stage past identified, as no other save may (:func:`refusals`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from connections.consent import finding_stage_errors
from connections.history import NetworkVersion
from connections.model import FindingStatus, Network
from connections.network_changes import Change, ChangeKind, changes, describe, names_of
from connections.scoring import CoverageReport, score

__all__ = ["RestorePlan", "plan_restore", "refusals", "restored_network", "via_restore"]


def via_restore(via: str, number: int) -> str:
    """What a restore's version says it came through: ``web, restore of version 7``.

    >>> via_restore("api", 7)
    'api, restore of version 7'
    """
    return f"{via}, restore of version {number}" if via else f"restore of version {number}"


def restored_network(past: Network, today: Network) -> Network:
    """The network a restore of ``past`` saves over ``today`` (the rules in the module)."""
    past_members = {r.person_id for r in past.relationships}
    named_today = {e.person_id for e in today.contact_log} | {
        r.person_id for r in today.restrictions
    }
    kept = [
        r.person_id
        for r in today.relationships
        if r.person_id not in past_members and r.person_id in named_today
    ]
    kept_set = set(kept)
    today_people = {p.id: p for p in today.people}
    members = past_members | kept_set
    logged_today = {e.id for e in today.contact_log}
    return past.model_copy(
        update={
            "young_person": past.young_person.model_copy(
                update={"household": today.young_person.household}
            ),
            "people": [*past.people, *(today_people[i] for i in kept if i in today_people)],
            "relationships": [
                *past.relationships,
                *(r for r in today.relationships if r.person_id in kept_set),
            ],
            "links": [
                *past.links,
                *(
                    link
                    for link in today.links
                    if (link.source in kept_set or link.target in kept_set)
                    and link.source in members
                    and link.target in members
                    and link.key not in {old.key for old in past.links}
                ),
            ],
            "contact_log": [
                *today.contact_log,
                *(e for e in past.contact_log if e.id not in logged_today),
            ],
            "restrictions": list(today.restrictions),
        }
    )


def refusals(
    today: Network, restored: Network, paused: str | None, names: Mapping[str, str]
) -> list[str]:
    """Why this restore may not be made, in words (none: it may): while family finding is paused
    for want of consent (``paused``, from :func:`connections.consent.family_finding_paused`), no
    relationship's finding stage may move past identified, by a restore as by any save."""
    before: dict[str, FindingStatus | None] = {
        r.person_id: r.finding_status for r in today.relationships
    }
    errors = finding_stage_errors(before, restored.relationships, paused)
    result = []
    for error in errors:
        index = int(error.path.split("[", 1)[1].split("]", 1)[0])
        person_id = restored.relationships[index].person_id
        result.append(f"{names.get(person_id, person_id)}: family finding stage {error.message}")
    return result


@dataclass(frozen=True)
class RestorePlan:
    """What restoring ``version`` would do to today's network, for the confirmation page and
    the API: every change in words, the people who come back and who leave, who stays because
    a restriction or the contact log names them, and the score before and after."""

    version: NetworkVersion
    restored: Network
    changes: tuple[Change, ...]
    names: Mapping[str, str]
    people_back: tuple[str, ...]
    people_removed: tuple[str, ...]
    people_kept: tuple[str, ...]
    contact_back: tuple[str, ...]
    #: Attribute changes in words (``Rose Example: closeness Close (3) -> Very close (4)``).
    attributes: tuple[str, ...]
    before: CoverageReport
    after: CoverageReport
    refused: tuple[str, ...]

    @property
    def changes_nothing(self) -> bool:
        return not self.changes


def plan_restore(
    version: NetworkVersion, today: Network, day: date, paused: str | None = None
) -> RestorePlan:
    """What restoring ``version`` over ``today`` would change, both scored on ``day``."""
    restored = restored_network(version.network, today)
    found = changes(today, restored)
    names = names_of(today, version.network, restored)

    def named(ids: set[str] | list[str]) -> tuple[str, ...]:
        return tuple(sorted(names.get(i, i) for i in ids))

    now = {r.person_id for r in today.relationships}
    then = {r.person_id for r in version.network.relationships}
    restored_members = {r.person_id for r in restored.relationships}
    member_kinds = (ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.CONTACT_ADDED)
    return RestorePlan(
        version=version,
        restored=restored,
        changes=tuple(found),
        names=names,
        people_back=named(restored_members - now),
        people_removed=named(now - restored_members),
        people_kept=named((now - then) & restored_members),
        contact_back=tuple(describe(c, names) for c in found if c.kind is ChangeKind.CONTACT_ADDED),
        attributes=tuple(describe(c, names) for c in found if c.kind not in member_kinds),
        before=score(today, day),
        after=score(restored, day),
        refused=tuple(refusals(today, restored, paused, names)),
    )
