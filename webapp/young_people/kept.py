"""The young person page's report, rendered once for each network content and kept.

A large network's page spends most of its time rendering what follows from the network and its
report alone: the verdict and what needs doing, and everything from the map to "going quiet"
(at 300 people, several hundred table rows and lists). Those two fragments are pure functions of
the network as read, the report's date, whether the viewer may edit and whether family finding
is paused, so they are kept by exactly that: the network's content hash
(:func:`connections.pagemaps.content_of`, which changes whatever changed the network), the
date and the two flags. The user, the session, CSRF tokens and the consent summary stay outside
them, rendered on every view. Each app keeps its own (its URLs are in the HTML).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Final

from flask import current_app, render_template
from markupsafe import Markup

from connections.kept import Kept

#: How many fragments an app keeps (two a page): about 0.5 MiB each at 300 people.
CACHE_SIZE: Final = 64


def kept_fragment(template: str, key: Hashable, context: Callable[[], dict[str, Any]]) -> Markup:
    """``template`` rendered with ``context()``, kept by ``key``: everything the fragment
    depends on. ``context`` is called only when the fragment is not kept."""
    fragments: Kept[Markup] = current_app.extensions.setdefault("kept_fragments", Kept(CACHE_SIZE))
    return fragments.get_or_make(
        (template, key), lambda: Markup(render_template(template, **context()))
    )


def forget_fragments() -> None:
    """Keep nothing (benchmarks measuring a first view, tests)."""
    fragments = current_app.extensions.get("kept_fragments")
    if fragments is not None:
        fragments.clear()
