"""Upload rules for evidence files: name, type (from the content, not the name), size cap.

Files are streamed in chunks and hashed (SHA-256) on the way; nothing is read whole into memory
and nothing is written. `CappedUploadHandler` stops keeping a file as soon as it passes the cap,
while the request is still being read.
"""

import codecs
import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

from digiorg.core.errors import ValidationFailed

# extension -> the content type the file is served with
ALLOWED: dict[str, str] = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "csv": "text/csv",
    "txt": "text/plain",
    "zip": "application/zip",
}

CHUNK_SIZE = 2**20  # bytes hashed at a time
HEAD_SIZE = 8 * 2**10  # bytes the type is recognised from
MAX_NAME_LENGTH = 255  # EvidenceRevision.name

_PDF = b"%PDF-"
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_GIFS = (b"GIF87a", b"GIF89a")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office: doc, xls, ppt
_ZIP_LOCAL = b"PK\x03\x04"
_ZIP_EMPTY = b"PK\x05\x06"
_OOXML_FOLDER = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_DRIVE = re.compile(r"^[A-Za-z]:")
# Bidirectional overrides can make "fdp.exe" look like "exe.pdf"; refused with control characters.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class UploadInfo:
    name: str  # the cleaned original name, kept for display and download (never used on disk)
    extension: str  # lower case, without the dot
    content_type: str
    size: int
    sha256: str


def _fail(message: str) -> ValidationFailed:
    return ValidationFailed({"file": message})


def _megabytes(size: int) -> str:
    mb = size / 2**20
    text = f"{mb:.2f}".rstrip("0").rstrip(".")
    return text if text != "0" else f"{mb:.2g}"


def upload_max_bytes() -> int:
    return getattr(settings, "DIGIORG_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)


def _too_large(max_bytes: int) -> ValidationFailed:
    return _fail(
        _("The file is larger than the %(limit)s MB limit.") % {"limit": _megabytes(max_bytes)}
    )


def upload_cap_message() -> str:
    return _too_large(upload_max_bytes()).errors["file"]


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem.strip(" .") else ""


def upload_name_check(name: str) -> str:
    """The cleaned file name (no surrounding spaces, NFC); raises ValidationFailed for a name with
    a folder path or control characters, an empty or too long name, or a type not allowed."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise _fail(_("The file has no name."))
    if any(unicodedata.category(c) == "Cc" or c in _BIDI_CONTROLS for c in name):
        raise _fail(_("The file name must not contain control characters."))
    if "/" in name or "\\" in name or _DRIVE.match(name) or name in {".", ".."}:
        raise _fail(_("The file name must not contain a folder path."))
    if len(name) > MAX_NAME_LENGTH:
        raise _fail(
            _("The file name is too long (at most %(count)d characters).")
            % {"count": MAX_NAME_LENGTH}
        )
    if _extension(name) not in ALLOWED:
        raise _fail(
            _("Files of this type cannot be uploaded. Allowed types: %(types)s.")
            % {"types": ", ".join(f".{extension}" for extension in ALLOWED)}
        )
    return name


def _is_text(head: bytes, complete: bool) -> bool:
    """No NUL byte, and UTF-8 (a character cut at the end of the head is fine) or Thai Windows."""
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return True
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp874")
        return True
    except UnicodeDecodeError:
        return False


def _zip_names(file) -> list[str] | None:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _odf_mimetype(file) -> bytes | None:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive, archive.open("mimetype") as member:
            return member.read(200).strip()
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ):
        # KeyError: no such member; RuntimeError: encrypted; NotImplementedError: unknown
        # compression; the others: a damaged archive
        return None


def _content_matches(extension: str, head: bytes, complete: bool, file) -> bool:
    if extension == "pdf":
        return head.startswith(_PDF)
    if extension == "png":
        return head.startswith(_PNG)
    if extension in {"jpg", "jpeg"}:
        return head.startswith(_JPEG)
    if extension == "gif":
        return head.startswith(_GIFS)
    if extension == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if extension in {"doc", "xls", "ppt"}:
        return head.startswith(_OLE2)
    if extension == "zip":
        return head.startswith((_ZIP_LOCAL, _ZIP_EMPTY))
    if extension in _OOXML_FOLDER:
        if not head.startswith(_ZIP_LOCAL):
            return False
        names = _zip_names(file)
        folder = _OOXML_FOLDER[extension]
        return (
            names is not None
            and "[Content_Types].xml" in names
            and any(n.startswith(folder) for n in names)
        )
    if extension in _ODF_MIMETYPE:
        return head.startswith(_ZIP_LOCAL) and _odf_mimetype(file) == _ODF_MIMETYPE[extension]
    if extension in {"csv", "txt"}:
        return _is_text(head, complete)
    return False


def _declared_size(file) -> int | None:
    try:
        return file.size
    except (AttributeError, OSError):
        return None


def upload_inspect(file, max_bytes: int | None = None) -> UploadInfo:
    """Check an uploaded file (a Django UploadedFile or File) and hash it, streaming.

    Raises ValidationFailed (field "file") for a bad name, a type not allowed, an empty file, a
    file over the cap, or content that does not match the extension. Writes nothing; the file is
    left at its start."""
    if max_bytes is None:
        max_bytes = upload_max_bytes()
    name = upload_name_check(getattr(file, "name", "") or "")
    extension = _extension(name)
    declared = _declared_size(file)
    if declared is not None and declared > max_bytes:
        raise _too_large(max_bytes)

    digest = hashlib.sha256()
    head = bytearray()
    size = 0
    file.seek(0)
    try:
        for chunk in file.chunks(chunk_size=CHUNK_SIZE):
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(max_bytes)
            if len(head) < HEAD_SIZE:
                head += chunk[: HEAD_SIZE - len(head)]
            digest.update(chunk)
        if size == 0:
            raise _fail(_("The file is empty."))
        if not _content_matches(extension, bytes(head), size <= HEAD_SIZE, file):
            raise _fail(
                _("The file's content does not match its name (.%(extension)s).")
                % {"extension": extension}
            )
    finally:
        file.seek(0)
    return UploadInfo(
        name=name,
        extension=extension,
        content_type=ALLOWED[extension],
        size=size,
        sha256=digest.hexdigest(),
    )


class CappedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: drops a file as soon as it passes the cap.

    The rest of that file is read and thrown away (the request body is drained), the file is
    left out of request.FILES, and `upload_too_large(request)` becomes True. Chunks under the cap
    go on unchanged to the next handler, which stores them."""

    def __init__(self, request=None, max_bytes: int | None = None):
        super().__init__(request)
        self.max_bytes = upload_max_bytes() if max_bytes is None else max_bytes
        self.received = 0

    def new_file(
        self,
        field_name,
        file_name,
        content_type,
        content_length,
        charset=None,
        content_type_extra=None,
    ):
        super().new_file(
            field_name, file_name, content_type, content_length, charset, content_type_extra
        )
        # Counted in receive_data_chunk only: SkipFile raised here, before the next handler has
        # opened its file, would make Django close the previous (kept) file of the request.
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            if self.request is not None:
                self.request.digiorg_upload_too_large = True
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the file


def upload_too_large(request) -> bool:
    """True when CappedUploadHandler dropped a file of this request for passing the cap.

    Reads the request body first if nothing has read it yet."""
    request.FILES  # noqa: B018  (parses the body, which is when the flag is set)
    return bool(getattr(request, "digiorg_upload_too_large", False))
