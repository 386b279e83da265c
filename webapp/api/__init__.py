"""The JSON API, ``/api/v1`` (a blueprint): a young person's network (GET, PUT in the network
JSON format), their coverage report, their consent ledger, their restrictions, the conference
guest list, the cohort and its family-finding figures, the people young people share, siblings
placed apart, and the OpenAPI document describing them.

Authentication, CSRF and JSON errors are in :mod:`.base`, the endpoints in :mod:`.views`,
:mod:`.consents`, :mod:`.restrictions`, :mod:`.guests` (the guest list), :mod:`.invitations`,
:mod:`.pack`, :mod:`.restore` (undo; ``at`` and ``on`` in :mod:`.history`),
:mod:`.shared_people`, :mod:`.siblings` and :mod:`.finding` (the family-finding figures), the
OpenAPI document in :mod:`.openapi`.
"""

from webapp.api import (  # noqa: F401  (register the endpoints)
    consents,
    finding,
    guests,
    invitations,
    pack,
    restore,
    restrictions,
    shared_people,
    siblings,
    views,
)
from webapp.api.base import bp

__all__ = ["bp"]
