"""Upload rules for evidence files: name, type (from the content, not the name), size cap.

The type comes from the content: a type detector (puremagic) reads the first bytes, then the
kinds with a structure are checked for it: a PDF ends with its end-of-file marker, a PNG starts
with its header chunk, a ZIP-based file (zip, docx/xlsx/pptx, odt/ods/odp) opens as an archive
within the archive limits (size unpacked, entries, compression ratio) and holds the parts of its
kind. Files are streamed in chunks and hashed (SHA-256) on the way; nothing is read whole into
memory and nothing is written. `CappedUploadHandler` stops keeping a file as soon as it passes
the cap, while the request is still being read.
"""

import codecs
import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import puremagic
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

from digiorg.core.archives import archive_names
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
TAIL_SIZE = 1024  # a PDF's end-of-file marker lies within its last 1024 bytes
MAX_NAME_LENGTH = 255  # EvidenceRevision.name

_PDF_END = b"%%EOF"
_PNG_HEADER = b"IHDR"  # the first chunk, right after the signature and its length
# The signature each kind must start with, besides what the detector says (it also accepts
# looser matches, such as any RIFF file as WebP).
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office: doc, xls, ppt
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # an archive, an empty archive
# What the type detector may call a file of each extension (it names JPEG several ways).
_DETECTED_AS = {
    "pdf": {"pdf"},
    "png": {"png"},
    "jpg": {"jpg", "jpeg", "jfif", "jpe"},
    "jpeg": {"jpg", "jpeg", "jfif", "jpe"},
    "gif": {"gif"},
    "webp": {"webp"},
}
# The parts that make a ZIP an Office file of that kind (ECMA-376 main parts).
_OOXML_PARTS = {
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    "pptx": ("[Content_Types].xml", "ppt/presentation.xml"),
}
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


def _detected(head: bytes) -> tuple[set[str], set[bytes]]:
    """What the type detector (puremagic) finds in the first bytes: the extensions it names and
    the signatures it matched."""
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return set(), set()
    return (
        {m.extension.lstrip(".").lower() for m in matches},
        {bytes(m.byte_match) for m in matches if isinstance(m.byte_match, bytes)},
    )


def _mismatch(extension: str) -> ValidationFailed:
    return _fail(
        _("The file's content does not match its name (.%(extension)s).") % {"extension": extension}
    )


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
    finally:
        file.seek(0)


def _check_archive(extension: str, file) -> None:
    """A ZIP-based file opens as an archive within the limits and holds the parts of its kind."""
    try:
        names = set(archive_names(file))
    except ValidationFailed as exc:
        if exc.errors.get("file") == _("The file is not a readable ZIP archive."):
            raise _mismatch(extension) from exc
        raise  # a limit passed: that message says which
    if extension in _OOXML_PARTS:
        if not set(_OOXML_PARTS[extension]) <= names:  # damaged, or another kind renamed
            raise _mismatch(extension)
    elif extension in _ODF_MIMETYPE and _odf_mimetype(file) != _ODF_MIMETYPE[extension]:
        raise _mismatch(extension)


def _check_content(extension: str, head: bytes, tail: bytes, complete: bool, file) -> None:
    """Raises ValidationFailed when the content is not what the extension says: the detector's
    verdict on the first bytes, then the structure of the kinds that have one."""
    if extension in {"csv", "txt"}:
        if not _is_text(head, complete):
            raise _mismatch(extension)
        return
    extensions, signatures = _detected(head)
    if extension in _DETECTED_AS:
        if not extensions & _DETECTED_AS[extension] or not head.startswith(_SIGNATURES[extension]):
            raise _mismatch(extension)
        if extension == "webp" and head[8:12] != b"WEBP":
            raise _mismatch(extension)
    elif extension in {"doc", "xls", "ppt"}:
        if _OLE2 not in signatures:
            raise _mismatch(extension)
    elif not signatures & set(_ZIP_SIGNATURES) or not head.startswith(_ZIP_SIGNATURES):
        raise _mismatch(extension)  # zip, and the Office kinds that are ZIP archives
    if extension == "pdf" and _PDF_END not in tail:
        raise _fail(
            _("The PDF file is incomplete: its end-of-file marker (%(marker)s) is missing.")
            % {"marker": _PDF_END.decode()}
        )
    if extension == "png" and head[12:16] != _PNG_HEADER:
        raise _mismatch(extension)
    if extension == "zip" or extension in _OOXML_PARTS or extension in _ODF_MIMETYPE:
        _check_archive(extension, file)


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
    tail = b""
    size = 0
    file.seek(0)
    try:
        for chunk in file.chunks(chunk_size=CHUNK_SIZE):
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(max_bytes)
            if len(head) < HEAD_SIZE:
                head += chunk[: HEAD_SIZE - len(head)]
            tail = (tail + chunk[-TAIL_SIZE:])[-TAIL_SIZE:]
            digest.update(chunk)
        if size == 0:
            raise _fail(_("The file is empty."))
        _check_content(extension, bytes(head), tail, size <= HEAD_SIZE, file)
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
