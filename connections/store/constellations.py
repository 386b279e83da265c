"""Every carer relationship of the cohort, for :mod:`connections.constellations`. Statements
are in ``cypher/constellations.cypher``."""

from __future__ import annotations

from connections.constellations import CareLink
from connections.model import CARER_ROLES, Role, YoungPersonStatus
from connections.store.base import StoreBase


class ConstellationRecords(StoreBase):
    """Carers and the young people they care or cared for."""

    def care_links(self) -> list[CareLink]:
        """Every carer relationship in the cohort, in one query."""
        records = self.read(
            "constellations.care_links", roles=sorted(role.value for role in CARER_ROLES)
        )
        return [
            CareLink(
                r["young_person_id"],
                r["young_person_name"],
                YoungPersonStatus(r["status"]),
                r["young_person_household"],
                r["person_id"],
                r["person_name"],
                r["person_household"],
                Role(r["role"]),
            )
            for r in records
        ]
