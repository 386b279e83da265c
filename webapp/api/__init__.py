"""The JSON API, ``/api/v1`` (a blueprint): a young person's network (GET, PUT in the network
JSON format), their coverage report, the cohort, the conference guest list, and the OpenAPI
document describing them.

Authentication, CSRF and JSON errors are in :mod:`.base`, the endpoints in :mod:`.views` and
:mod:`.guests` (the guest list) and :mod:`.restrictions`, the OpenAPI document in :mod:`.openapi`.
"""

from webapp.api import guests, restrictions, views  # noqa: F401  (registers the endpoints on bp)
from webapp.api.base import bp

__all__ = ["bp"]
