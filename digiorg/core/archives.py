"""Limits for ZIP containers (zip uploads, Office files, spreadsheets to import): an archive
whose entries would unpack to too much, or that holds too many entries, or compresses far better
than real documents do (a "zip bomb"), is refused before anything unpacks it.

Only the archive's directory is read. Python's zipfile never returns more than an entry's
declared size, so the declared sizes bound what any later reading here can unpack."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ValidationFailed

RATIO_FLOOR = 2**20  # entries smaller than this unpacked are not held to the ratio


@dataclass(frozen=True)
class ArchiveLimits:
    max_bytes: int  # all entries unpacked, together
    max_entries: int
    max_ratio: int  # unpacked size / packed size of one entry

    @classmethod
    def from_settings(cls, max_bytes: int | None = None) -> "ArchiveLimits":
        return cls(
            max_bytes=max_bytes or settings.DIGIORG_ARCHIVE_MAX_BYTES,
            max_entries=settings.DIGIORG_ARCHIVE_MAX_ENTRIES,
            max_ratio=settings.DIGIORG_ARCHIVE_MAX_RATIO,
        )


def _megabytes(size: int) -> str:
    mb = size / 2**20
    return f"{mb:,.0f}" if mb >= 10 else f"{mb:.2g}"


def archive_names(file, limits: ArchiveLimits | None = None, *, field: str = "file") -> list[str]:
    """The entry names of the ZIP archive `file` (a path or a seekable file, left at its start).

    Raises ValidationFailed (under `field`) when it is not a readable ZIP archive or passes one
    of the limits."""
    limits = limits or ArchiveLimits.from_settings()
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ValidationFailed({field: _("The file is not a readable ZIP archive.")}) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(0)
    if len(entries) > limits.max_entries:
        raise ValidationFailed(
            {
                field: _("The archive holds more than %(count)s files.")
                % {"count": f"{limits.max_entries:,}"}
            }
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        if total > limits.max_bytes:
            raise ValidationFailed(
                {
                    field: _("The archive unpacks to more than %(mb)s MB.")
                    % {"mb": _megabytes(limits.max_bytes)}
                }
            )
        if entry.file_size > RATIO_FLOOR and (
            entry.file_size > limits.max_ratio * max(entry.compress_size, 1)
        ):
            raise ValidationFailed(
                {
                    field: _(
                        "The archive entry “%(name)s” is compressed more than %(ratio)s times; "
                        "such files are refused as a possible zip bomb."
                    )
                    % {"name": entry.filename[:100], "ratio": limits.max_ratio}
                }
            )
    return [entry.filename for entry in entries]
