"""The JSON API, ``/api/v1`` (a blueprint): a young person's network (GET, PUT in the network
JSON format), their coverage report, their consent ledger, the cohort, and the OpenAPI document
describing them.

Authentication, CSRF and JSON errors are in :mod:`.base`, the endpoints in :mod:`.views` and
:mod:`.consents`, the OpenAPI document in :mod:`.openapi`.
"""

from webapp.api import consents, views  # noqa: F401  (register the endpoints on bp)
from webapp.api.base import bp

__all__ = ["bp"]
