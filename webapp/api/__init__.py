"""The JSON API, ``/api/v1`` (a blueprint): a young person's network (GET, PUT in the network
JSON format), their coverage report, their consent ledger, their restrictions, the conference
guest list, the cohort, and the OpenAPI document describing them.

Authentication, CSRF and JSON errors are in :mod:`.base`, the endpoints in :mod:`.views`,
:mod:`.consents`, :mod:`.restrictions` and :mod:`.guests` (the guest list), the OpenAPI document in
:mod:`.openapi`.
"""

from webapp.api import consents, guests, restrictions, views  # noqa: F401  (register the endpoints)
from webapp.api.base import bp

__all__ = ["bp"]
