"""The folder where Django keeps uploads larger than 2.5 MB while a request is read.

It lives under DIGIORG_VAR_DIR (FILE_UPLOAD_TEMP_DIR), not in the system's /tmp, so it is on the
platform's own disk and one place to watch. A process that dies mid-upload (a killed worker, a
restart) can leave its temporary file behind: each start removes those older than
DIGIORG_UPLOAD_TEMP_MAX_AGE seconds (default one day), which no upload in progress can be."""

import logging
import os
import secrets
import time
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)


def upload_temp_prepare(now: float | None = None) -> int:
    """Create the folder and remove stale upload files from it; how many were removed.

    Only Django's own temporary upload files (`*.upload*`) directly in the folder are touched;
    folders and symbolic links are left alone."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    oldest = (time.time() if now is None else now) - settings.DIGIORG_UPLOAD_TEMP_MAX_AGE
    removed = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if ".upload" not in entry.name or not entry.is_file(follow_symlinks=False):
                continue
            try:
                if entry.stat(follow_symlinks=False).st_mtime < oldest:
                    os.unlink(entry.path)
                    removed += 1
            except FileNotFoundError:  # another process removed it first
                continue
    if removed:
        log.info("removed %s stale upload files from %s", removed, folder)
    return removed


def stored_name(folder: str, organization_id: int, filename: str) -> str:
    """A random stored name for an upload (`folder/<department>/<random>.<suffix>`); the original
    name is kept in the row, never used on disk."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{folder}/{organization_id}/{secrets.token_hex(16)}.{suffix}"
