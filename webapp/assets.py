"""Copy the front-end assets the app serves from ``node_modules`` into ``webapp/static/vendor``.

Run after ``npm ci`` (which installs the exact versions in package-lock.json)::

    npm ci && python -m webapp.assets

What is copied (nothing is ever loaded from a CDN):

- ``vendor/govuk-frontend/``: GOV.UK Frontend's compiled CSS and JS (an ES module) with their
  source maps, and its ``assets/images`` and ``manifest.json``. The compiled CSS refers to
  ``/assets/...`` from the site root; the copy refers to ``assets/...`` next to it instead, so
  the images load from wherever the app serves its static files.

  A council's service is not on GOV.UK, and the GOV.UK Design System allows the GDS Transport
  typeface only on GOV.UK: the copy uses Arial instead (what compiling GOV.UK Frontend's Sass
  with ``$govuk-font-family: arial, sans-serif`` and ``$govuk-include-default-font-face: false``
  gives), and the font files are not copied. Likewise the pages use the generic header, without
  the crown.
- ``vendor/vis-data/vis-data.min.js``, ``vendor/vis-network/vis-network.min.js`` and
  ``vendor/vis-network/vis-network.min.css``: the map. These are vis-network's *peer* UMD build
  (it needs vis-data's peer UMD build loaded first; both add to the one global ``vis``) and its
  stylesheet. The *standalone* build is not used: it injects its CSS with ``<style>`` elements,
  which the app's Content-Security-Policy (``style-src 'self'``) refuses. The peer build sets
  no inline styles in markup, and the stylesheet is an ordinary file. The downloaded map
  (``webapp.downloads``) inlines the same three files.
- ``vendor/axe-core/axe.min.js``: the accessibility checker the browser tests inject (skipped,
  with a note, when development dependencies were not installed).

``webapp/static/vendor`` is generated (and git-ignored): running this again replaces it.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
VENDOR = Path(__file__).resolve().with_name("static") / "vendor"


class AssetsError(RuntimeError):
    """The npm packages are not installed, or not what package.json expects."""


@dataclass(frozen=True)
class Copy:
    package: str
    source: str  # inside node_modules/<package>
    target: str  # inside static/vendor
    required: bool = True


COPIES = (
    Copy("govuk-frontend", "dist/govuk/govuk-frontend.min.css", "govuk-frontend/"),
    Copy("govuk-frontend", "dist/govuk/govuk-frontend.min.css.map", "govuk-frontend/"),
    Copy("govuk-frontend", "dist/govuk/govuk-frontend.min.js", "govuk-frontend/"),
    Copy("govuk-frontend", "dist/govuk/govuk-frontend.min.js.map", "govuk-frontend/"),
    Copy("govuk-frontend", "dist/govuk/assets/images", "govuk-frontend/assets/images"),
    Copy("govuk-frontend", "dist/govuk/assets/manifest.json", "govuk-frontend/assets/"),
    Copy("vis-data", "peer/umd/vis-data.min.js", "vis-data/"),
    Copy("vis-network", "peer/umd/vis-network.min.js", "vis-network/"),
    Copy("vis-network", "styles/vis-network.min.css", "vis-network/"),
    Copy("axe-core", "axe.min.js", "axe-core/", required=False),
)

#: GOV.UK Frontend's compiled CSS points at the site root; ours sits next to its assets.
_ROOT_ASSETS = "url(/assets/"
_LOCAL_ASSETS = "url(assets/"
#: GDS Transport: its @font-face rules, and its name at the head of each font stack.
_FONT_FACE = re.compile(r"@font-face\{font-family:\s*\"?GDS Transport\"?;[^}]*\}")
_FONT_NAME = re.compile(r"\"?GDS Transport\"?,\s*")


def expected_versions(package_json: Path = ROOT / "package.json") -> dict[str, str]:
    """Exact versions from package.json (dependencies and devDependencies)."""
    data = json.loads(package_json.read_text(encoding="utf-8"))
    return {**data.get("dependencies", {}), **data.get("devDependencies", {})}


def installed_version(package: str, node_modules: Path = NODE_MODULES) -> str | None:
    manifest = node_modules / package / "package.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("version")


def check_installed(node_modules: Path = NODE_MODULES) -> list[str]:
    """Notes on optional packages that are missing; raises :class:`AssetsError` when a required
    one is missing or is not the version package.json pins."""
    if not node_modules.is_dir():
        raise AssetsError(f"{node_modules} does not exist: run npm ci (in {ROOT}) first.")
    notes = []
    expected = expected_versions()
    optional = {copy.package for copy in COPIES if not copy.required}
    for package, version in expected.items():
        found = installed_version(package, node_modules)
        if found is None and package in optional:
            notes.append(f"{package} is not installed (npm ci without dev dependencies): skipped.")
        elif found is None:
            raise AssetsError(f"{package} is not in {node_modules}: run npm ci first.")
        elif found != version:
            raise AssetsError(
                f"{package} {found} is installed but package.json pins {version}: run npm ci."
            )
    return notes


def copy_assets(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> list[Path]:
    """Replace ``vendor`` with fresh copies; returns the files written."""
    notes = check_installed(node_modules)
    for note in notes:
        print(note, file=sys.stderr)
    if vendor.exists():
        shutil.rmtree(vendor)
    written: list[Path] = []
    for copy in COPIES:
        source = node_modules / copy.package / copy.source
        if not source.exists():
            if copy.required:
                raise AssetsError(f"{source} is missing: is {copy.package} installed? npm ci")
            continue
        target = vendor / copy.target
        if copy.target.endswith("/"):
            target = target / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
            written.extend(path for path in target.rglob("*") if path.is_file())
        else:
            shutil.copyfile(source, target)
            written.append(target)
    css = vendor / "govuk-frontend" / "govuk-frontend.min.css"
    css.write_text(council_css(css.read_text(encoding="utf-8")), encoding="utf-8")
    return written


def council_css(text: str) -> str:
    """GOV.UK Frontend's compiled CSS with asset URLs relative to it and Arial for GDS Transport.

    >>> council_css('@font-face{font-family:GDS Transport;src:url(/assets/fonts/a.woff2)}'
    ...             'p{font-family:GDS Transport,arial,sans-serif}'
    ...             '.c{background:url(/assets/images/c.svg)}')
    'p{font-family:arial,sans-serif}.c{background:url(assets/images/c.svg)}'
    """
    text, faces = _FONT_FACE.subn("", text)
    text, names = _FONT_NAME.subn("", text)
    if not faces or not names or "GDS Transport" in text:
        raise AssetsError(
            "govuk-frontend's CSS no longer declares GDS Transport as expected: check the new "
            "version and update webapp/assets.py."
        )
    if _ROOT_ASSETS not in text:
        raise AssetsError(f"govuk-frontend's CSS no longer refers to {_ROOT_ASSETS}...).")
    return text.replace(_ROOT_ASSETS, _LOCAL_ASSETS)


def main() -> int:
    try:
        written = copy_assets()
    except AssetsError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(f"Copied {len(written)} files into {VENDOR.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
