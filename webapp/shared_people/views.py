"""``/cohort/shared-people``: everyone in two or more young people's networks, with the impact
of losing them (:mod:`connections.shared_people`), filtered by role and category, and as CSV.

Managers and administrators only, as the cohort review: it reads every network holding a shared
person (one query for who they are, then one per 500 networks).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from flask import Blueprint, Response, render_template, request

from connections import csvfile, shared_people
from connections.accounts import UserRole
from connections.model import Category, Role
from connections.shared_people import SharedPerson
from webapp.access import roles_required
from webapp.db import get_store
from webapp.tables import as_of

bp = Blueprint("shared_people", __name__)
_E = TypeVar("_E", bound=StrEnum)

#: The page shows this many; the CSV has everyone.
SHOWN = 200


@dataclass(frozen=True)
class Filters:
    role: Role | None
    category: Category | None

    @classmethod
    def from_args(cls, args: object) -> Filters:
        get = args.get  # type: ignore[attr-defined]
        return cls(_choice(Role, get("role", "")), _choice(Category, get("category", "")))

    def keep(self, person: SharedPerson) -> bool:
        if self.role is not None and self.role not in person.roles:
            return False
        return self.category is None or person.category is self.category


def _choice(kind: type[_E], value: str) -> _E | None:
    """The member ``value`` names; an unknown value (typed into the address) is no filter."""
    try:
        return kind(value)
    except ValueError:
        return None


@bp.route("/cohort/shared-people")
@roles_required(UserRole.MANAGER, UserRole.ADMIN)
def index() -> str | Response:
    day = as_of()
    filters = Filters.from_args(request.args)
    everyone = shared_people.from_store(get_store(), day)
    people = [person for person in everyone if filters.keep(person)]
    if request.args.get("format") == "csv":
        return _csv(people, day.isoformat())
    return render_template(
        "shared_people/index.html",
        people=people[:SHOWN],
        matching=len(people),
        everyone=len(everyone),
        filters=filters,
        roles=list(Role),
        categories=list(Category),
        as_of=day,
    )


def _csv(people: list[SharedPerson], day: str) -> Response:
    out = io.StringIO()
    writer = csvfile.csv_writer(out)
    writer.writerow(shared_people.CSV_COLUMNS)
    writer.writerows(
        [row[column] for column in shared_people.CSV_COLUMNS]
        for row in map(SharedPerson.to_dict, people)
    )
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="shared-people-{day}.csv"'},
    )
