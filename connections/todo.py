"""A worker's "to do": what waits for them across the young people allocated to them.

Pure: the web app loads the networks (one batched query), the link requests and the invitation
answers waiting for review, and this module turns them into tasks in one order:

1. invitation answers and suggestions from young people (their own voice comes first);
2. link requests waiting for this worker's decision (another worker is held up);
3. restrictions due for review (a court order or a refusal of contact is about safety);
4. people going quiet (SCORING.md's loving relationships with no contact for over 90 days).

Within a kind, the oldest first; then the young person's name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from connections.invitations import ToReview
from connections.model import Network
from connections.network_values import NetworkValue
from connections.restrictions import to_review
from connections.scoring import CoverageReport


class TaskKind(StrEnum):
    """What a task asks for, in the order the page lists them."""

    INVITATION_ANSWERS = "invitation_answers"
    SUGGESTION = "suggestion"
    LINK_REQUEST = "link_request"
    RESTRICTION_REVIEW = "restriction_review"
    GOING_QUIET = "going_quiet"


_ORDER = {kind: index for index, kind in enumerate(TaskKind)}

#: Headings of the page's sections, one per kind.
HEADINGS = {
    TaskKind.INVITATION_ANSWERS: "Answers from young people to review",
    TaskKind.SUGGESTION: "People young people asked about",
    TaskKind.LINK_REQUEST: "Link requests waiting for your decision",
    TaskKind.RESTRICTION_REVIEW: "Restrictions due for review",
    TaskKind.GOING_QUIET: "People going quiet",
}


@dataclass(frozen=True, slots=True)
class Task:
    """One thing to do, about one young person's network.

    ``subject_id`` is what the task is about (an invitation, a suggestion, a link request, a
    restriction or a person), for the page's link; ``since`` is the day it began to wait.
    """

    kind: TaskKind
    young_person_id: str
    young_person_name: str
    subject_id: str
    text: str
    since: date


def network_tasks(
    network: Network | NetworkValue, report: CoverageReport, as_of: date
) -> list[Task]:
    """The tasks one network holds by itself: restrictions due for review and people going
    quiet (``report`` is ``score(network, as_of)``).

    >>> from connections.model import parse_network
    >>> from connections.scoring import score
    >>> network = parse_network({
    ...     "young_person": {"id": "yp", "name": "Alex", "date_of_birth": "2010-01-01",
    ...                      "status": "in_care"},
    ...     "people": [{"id": "gran", "name": "Rose Example", "category": "family"}],
    ...     "relationships": [{"person_id": "gran", "role": "grandparent", "closeness": 4,
    ...                        "closeness_rated_by": "young_person", "safety": "safe",
    ...                        "wishes": "wants", "contact": "active",
    ...                        "last_contact": "2026-01-02"}],
    ... })
    >>> day = date(2026, 6, 1)
    >>> [task.text for task in network_tasks(network, score(network, day), day)]
    ['Rose Example (grandparent): no contact recorded for 150 days.']
    """
    tasks = [
        Task(
            TaskKind.RESTRICTION_REVIEW,
            network.young_person.id,
            network.young_person.name,
            item.restriction.id,
            item.reason,
            item.due,
        )
        for item in to_review(network, as_of)
    ]
    tasks.extend(
        Task(
            TaskKind.GOING_QUIET,
            network.young_person.id,
            network.young_person.name,
            quiet.id,
            f"{quiet.name} ({quiet.role.value.replace('_', ' ')}): no contact recorded for "
            f"{quiet.days_since_contact} days.",
            quiet.last_contact + timedelta(days=90),
        )
        for quiet in report.going_quiet
    )
    return tasks


def invitation_tasks(items: Iterable[ToReview]) -> list[Task]:
    """The tasks of answered invitations: their answers to review, and each suggestion not yet
    dealt with (a suggestion's ``subject_id`` is the invitation's, for the page's link).

    >>> from datetime import UTC, datetime
    >>> item = ToReview("yp", "Alex", "inv-1", datetime(2026, 5, 1, 10, tzinfo=UTC), True,
    ...                 (("s1", "My old neighbour Pat"),))
    >>> [(task.kind.value, task.text) for task in invitation_tasks([item])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('invitation_answers', 'Alex answered an invitation: see what changed.'),
     ('suggestion', 'Alex asked about: “My old neighbour Pat”')]
    """
    tasks = []
    for item in items:
        day = item.submitted_at.date()
        if item.answers_to_review:
            tasks.append(
                Task(
                    TaskKind.INVITATION_ANSWERS,
                    item.young_person_id,
                    item.young_person_name,
                    item.invitation_id,
                    f"{item.young_person_name} answered an invitation: see what changed.",
                    day,
                )
            )
        tasks.extend(
            Task(
                TaskKind.SUGGESTION,
                item.young_person_id,
                item.young_person_name,
                item.invitation_id,
                f"{item.young_person_name} asked about: “{text}”",
                day,
            )
            for _suggestion_id, text in item.suggestions
        )
    return tasks


def ordered(tasks: Iterable[Task]) -> list[Task]:
    """Tasks in the page's order: by kind, then the longest waiting, then the young person.

    >>> first = Task(TaskKind.GOING_QUIET, "a", "Alex", "p", "", date(2026, 1, 1))
    >>> second = Task(TaskKind.LINK_REQUEST, "b", "Bo", "r", "", date(2026, 5, 1))
    >>> [task.young_person_name for task in ordered([first, second])]
    ['Bo', 'Alex']
    """
    return sorted(
        tasks,
        key=lambda task: (
            _ORDER[task.kind],
            task.since,
            task.young_person_name.casefold(),
            task.subject_id,
        ),
    )


def by_kind(tasks: Iterable[Task]) -> dict[TaskKind, list[Task]]:
    """The tasks grouped for the page's sections, every kind present (empty lists too)."""
    groups: dict[TaskKind, list[Task]] = {kind: [] for kind in TaskKind}
    for task in ordered(tasks):
        groups[task.kind].append(task)
    return groups
