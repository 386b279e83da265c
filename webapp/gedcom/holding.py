"""An uploaded family tree, held on the server between the upload, the choice of the young
person, the preview and the confirmation, so the coordinator never uploads it twice.

Why a file on the server and not the file re-sent in a hidden field or kept in the cookie
session: the file holds a whole family's names, so it never goes back to the browser, and a
3,000-person tree is too large for a cookie. Each upload is one file named by a random token
(``secrets.token_urlsafe``), with its owner (the user and the young person) beside it: a token is
honoured only for the user who uploaded it and for the same young person, and only for
:data:`HOLD_MINUTES`. The folder and files are readable by the app's user alone; a file is
deleted once imported, and expired ones at the next upload. ``GEDCOM_UPLOAD_DIR`` chooses the
folder (several app servers need one they share, or sticky sessions).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

HOLD_MINUTES = 30
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


@dataclass(frozen=True)
class Held:
    token: str
    data: bytes
    file_name: str


def folder() -> Path:
    configured = current_app.config.get("GEDCOM_UPLOAD_DIR")
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "lc-gedcom-uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def hold(data: bytes, file_name: str, username: str, young_person_id: str) -> str:
    """Keep ``data`` for this user and young person; the token that fetches it."""
    sweep()
    token = secrets.token_urlsafe(32)
    base = folder() / token
    owner = {"username": username, "young_person_id": young_person_id, "file_name": file_name}
    for path, content in ((base.with_suffix(".ged"), data), (base.with_suffix(".json"), None)):
        body = content if content is not None else json.dumps(owner).encode()
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(body)
    return token


def fetch(token: str, username: str, young_person_id: str) -> Held | None:
    """The upload, if ``token`` is this user's for this young person and has not expired."""
    if not _TOKEN.match(token):
        return None
    base = folder() / token
    try:
        owner = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        if _expired(base.with_suffix(".json")):
            release(token)
            return None
        if owner.get("username") != username or owner.get("young_person_id") != young_person_id:
            return None
        return Held(token, base.with_suffix(".ged").read_bytes(), str(owner.get("file_name")))
    except (OSError, ValueError):
        return None


def release(token: str) -> None:
    """Delete an upload (imported, or expired)."""
    if not _TOKEN.match(token):
        return
    for suffix in (".ged", ".json"):
        (folder() / token).with_suffix(suffix).unlink(missing_ok=True)


def sweep() -> None:
    """Delete every upload older than :data:`HOLD_MINUTES`."""
    for path in folder().glob("*.json"):
        if _expired(path):
            release(path.stem)


def _expired(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > HOLD_MINUTES * 60
    except OSError:
        return True
