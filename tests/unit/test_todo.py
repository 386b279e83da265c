"""The to do's tasks from a network: what is due, since when, and in which order."""

from __future__ import annotations

from datetime import date

from connections import todo
from connections.model import parse_network
from connections.scoring import score
from connections.todo import Task, TaskKind

DAY = date(2026, 6, 1)


def _network(**extra: list) -> object:
    return parse_network(
        {
            "young_person": {
                "id": "yp",
                "name": "Alex",
                "date_of_birth": "2010-01-01",
                "status": "in_care",
            },
            "people": [
                {"id": "gran", "name": "Rose Example", "category": "family"},
                {"id": "dad", "name": "Ray Example", "category": "family"},
            ],
            "relationships": [
                {
                    "person_id": "gran",
                    "role": "grandparent",
                    "closeness": 4,
                    "closeness_rated_by": "young_person",
                    "safety": "safe",
                    "wishes": "wants",
                    "contact": "active",
                    "last_contact": "2026-05-20",
                },
                {"person_id": "dad", "role": "father"},
            ],
            **extra,
        }
    )


def test_refusal_waits_from_its_eighth_day_and_review_from_its_date() -> None:
    network = _network(
        restrictions=[
            {
                "id": "r1",
                "person_id": "dad",
                "kind": "s34_refusal",
                "scope": "no_contact",
                "starts": "2026-05-01",
            },
            {
                "id": "r2",
                "person_id": "gran",
                "kind": "cp_plan_condition",
                "scope": "supervised",
                "starts": "2026-01-01",
                "review_by": "2026-04-01",
            },
        ]
    )
    tasks = todo.network_tasks(network, score(network, DAY), DAY)
    since = {task.subject_id: task.since for task in tasks}
    assert since == {"r1": date(2026, 5, 8), "r2": date(2026, 4, 1)}
    assert {task.kind for task in tasks} == {TaskKind.RESTRICTION_REVIEW}


def test_ended_restrictions_and_recent_contact_make_no_task() -> None:
    network = _network(
        restrictions=[
            {
                "id": "r1",
                "person_id": "dad",
                "kind": "s34_order",
                "scope": "no_contact",
                "starts": "2025-01-01",
                "ends": "2026-01-01",
                "review_by": "2025-06-01",
            },
        ]
    )
    assert todo.network_tasks(network, score(network, DAY), DAY) == []


def test_quiet_from_the_ninety_first_day() -> None:
    network = _network()
    quiet_day = date(2026, 8, 19)  # 91 days after the last contact
    tasks = todo.network_tasks(network, score(network, quiet_day), quiet_day)
    assert [(task.kind, task.subject_id, task.since) for task in tasks] == [
        (TaskKind.GOING_QUIET, "gran", date(2026, 8, 18))
    ]
    day_ninety = date(2026, 8, 18)
    assert todo.network_tasks(network, score(network, day_ninety), day_ninety) == []


def test_sections_in_order_every_kind_present() -> None:
    tasks = [
        Task(TaskKind.GOING_QUIET, "a", "Alex", "p1", "", date(2026, 1, 1)),
        Task(TaskKind.INVITATION_ANSWERS, "b", "bo", "i1", "", date(2026, 5, 1)),
        Task(TaskKind.INVITATION_ANSWERS, "c", "Ann", "i2", "", date(2026, 5, 1)),
        Task(TaskKind.INVITATION_ANSWERS, "d", "Zed", "i3", "", date(2026, 4, 1)),
    ]
    groups = todo.by_kind(tasks)
    assert list(groups) == list(TaskKind)
    assert [t.young_person_name for t in groups[TaskKind.INVITATION_ANSWERS]] == [
        "Zed",
        "Ann",
        "bo",
    ]
    assert groups[TaskKind.LINK_REQUEST] == []
