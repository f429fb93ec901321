"""Evidence upload rules: name, type from content, size cap, hashing, and the capped handler."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.core.handlers.wsgi import WSGIRequest
from django.utils import translation

from digiorg.core.errors import ValidationFailed
from digiorg.evidence.uploads import (
    ALLOWED,
    CappedUploadHandler,
    upload_inspect,
    upload_name_check,
    upload_too_large,
)
from digiorg.sample.bench.upload import BOUNDARY, bench_upload, upload_request

PATH_MESSAGE = "The file name must not contain a folder path."
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
THAI = "ชื่อ,หน่วยงาน\nสมชาย,กองแผนงาน\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MAIN_PART = {"word": "document.xml", "xl": "workbook.xml", "ppt": "presentation.xml"}


def ooxml(folder: str) -> bytes:
    """The smallest archive with the parts of its kind: the content types and the main part."""
    return zipped({"[Content_Types].xml": b"<Types/>", f"{folder}/{MAIN_PART[folder]}": b"<x/>"})


def pdf(size: int) -> bytes:
    """`size` bytes with a PDF's header and its end-of-file marker."""
    return b"%PDF-1.4\n" + bytes(size - 16) + b"\n%%EOF\n"


def odf(kind: str) -> bytes:
    return zipped(
        {"mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(), "content.xml": b"<x/>"}
    )


VALID = {
    "pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
    "doc": OLE2,
    "xls": OLE2,
    "ppt": OLE2,
    "docx": ooxml("word"),
    "xlsx": ooxml("xl"),
    "pptx": ooxml("ppt"),
    "odt": odf("text"),
    "ods": odf("spreadsheet"),
    "odp": odf("presentation"),
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17),
    "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20),
    "jpeg": b"\xff\xd8\xff\xdb" + bytes(20),
    "gif": b"GIF89a\x01\x00\x01\x00" + bytes(10),
    "webp": b"RIFF\x1a\x00\x00\x00WEBPVP8 " + bytes(14),
    "csv": b"name,unit\nSomchai,Planning\n",
    "txt": b"Plain notes.\n",
    "zip": zipped({"a.txt": b"hello"}),
}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def named(name: str, content: bytes) -> ContentFile:
    """A file whose name is kept as given (UploadedFile would strip folders and cut it short)."""
    return ContentFile(content, name=name)


def failure(file, **kwargs) -> str:
    with pytest.raises(ValidationFailed) as caught:
        upload_inspect(file, **kwargs)
    assert list(caught.value.errors) == ["file"]
    return caught.value.errors["file"]


def test_every_allowed_type_has_a_valid_sample():
    assert set(VALID) == set(ALLOWED)


@pytest.mark.parametrize("extension", sorted(VALID))
def test_valid_file_passes(extension):
    content = VALID[extension]
    file = upload(f"หลักฐาน {extension}.{extension}", content)
    info = upload_inspect(file)
    assert info.name == f"หลักฐาน {extension}.{extension}"
    assert info.extension == extension
    assert info.content_type == ALLOWED[extension]
    assert info.size == len(content)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert file.tell() == 0  # left at the start for storing


def test_empty_zip_passes_as_zip():
    content = zipped({})
    assert content.startswith(b"PK\x05\x06")
    assert upload_inspect(upload("empty.zip", content)).size == len(content)


def test_upper_case_extension_passes():
    info = upload_inspect(upload("REPORT.PDF", VALID["pdf"]))
    assert (info.name, info.extension, info.content_type) == (
        "REPORT.PDF",
        "pdf",
        "application/pdf",
    )


def test_name_is_cleaned():
    assert upload_name_check("  แผน.pdf  ") == "แผน.pdf"


def test_plain_file_object_works():
    info = upload_inspect(ContentFile(VALID["pdf"], name="plan.pdf"))
    assert info.sha256 == hashlib.sha256(VALID["pdf"]).hexdigest()


def test_large_file_is_hashed_across_chunks():
    content = b"%PDF-1.4\n" + bytes(range(256)) * 12_000 + b"%%EOF"  # ~3 MB: several chunks
    info = upload_inspect(upload("big.pdf", content))
    assert info.size == len(content)
    assert info.sha256 == hashlib.sha256(content).hexdigest()


def test_empty_file():
    assert failure(upload("empty.pdf", b"")) == "The file is empty."


def test_over_the_cap_by_size(settings):
    settings.DIGIORG_UPLOAD_MAX_BYTES = 1024
    message = failure(upload("big.pdf", b"%PDF-1.4\n" + bytes(2000)))
    assert message.startswith("The file is larger than the ")
    assert "MB limit" in message


def test_limit_is_named_in_megabytes(settings):
    settings.DIGIORG_UPLOAD_MAX_BYTES = 50 * 2**20
    assert upload_inspect(upload("ok.pdf", VALID["pdf"])).size == len(VALID["pdf"])
    message = failure(upload("ok.pdf", VALID["pdf"]), max_bytes=10)
    assert message.startswith("The file is larger than the ")
    file = upload("big.pdf", VALID["pdf"])
    file.size = 60 * 2**20  # declared size is checked before anything is read
    assert failure(file) == "The file is larger than the 50 MB limit."


def test_over_the_cap_while_streaming(settings):
    settings.DIGIORG_UPLOAD_MAX_BYTES = 1024
    file = upload("big.pdf", b"%PDF-1.4\n" + bytes(5000))
    file.size = 100  # a declared size that lies is caught by counting
    assert failure(file).startswith("The file is larger than the ")


def test_exactly_at_the_cap_passes():
    content = pdf(1024)
    assert upload_inspect(upload("a.pdf", content), max_bytes=1024).size == 1024


@pytest.mark.parametrize(
    "name", ["../x.pdf", "a/b.pdf", "C:\\x.pdf", "..\\x.pdf", "/etc/x.pdf", "C:x.pdf", ".."]
)
def test_path_in_name(name):
    file = named(name, VALID["pdf"])
    assert failure(file) == PATH_MESSAGE
    with pytest.raises(ValidationFailed):
        upload_name_check(name)


@pytest.mark.parametrize("name", ["x\x00.pdf", "a\x1fb.pdf", "report\u202efdp.exe"])
def test_control_characters_in_name(name):
    file = named(name, VALID["pdf"])
    assert failure(file) == "The file name must not contain control characters."


def test_empty_name():
    file = named("  ", VALID["pdf"])
    assert failure(file) == "The file has no name."


def test_too_long_name():
    file = named("ก" * 300 + ".pdf", VALID["pdf"])
    assert failure(file).startswith("The file name is too long")


@pytest.mark.parametrize("name", ["setup.exe", "README", ".pdf", "page.html", "x.svg"])
def test_type_not_allowed(name):
    message = failure(upload(name, VALID["pdf"]))
    assert message.startswith("Files of this type cannot be uploaded. Allowed types: ")
    assert ".pdf" in message and ".xlsx" in message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"<!DOCTYPE html><html><body>hi</body></html>"),
        ("photo.jpg", VALID["png"]),
        ("report.docx", VALID["zip"]),
        ("report.docx", ooxml("xl")),  # a spreadsheet named as a document
        ("sheet.xlsx", b"PK\x03\x04 not really a zip"),
        ("report.odt", odf("spreadsheet")),
        ("report.odt", VALID["zip"]),
        ("data.csv", b"a,b\n1,\x002\n"),
        ("notes.txt", b"\x81\xde\xff\xfe binary"),
        ("old.doc", VALID["pdf"]),
        ("pic.webp", b"RIFF\x1a\x00\x00\x00WAVEfmt " + bytes(14)),
        ("pic.gif", b"GIF88a" + bytes(10)),
        ("archive.zip", b"MZ\x90\x00 an exe"),
    ],
)
def test_content_must_match_extension(name, content):
    extension = name.rsplit(".", 1)[1]
    message = failure(upload(name, content))
    assert message == f"The file's content does not match its name (.{extension})."


def test_thai_csv_in_cp874_passes():
    content = THAI.encode("cp874")
    info = upload_inspect(upload("รายชื่อ.csv", content))
    assert (info.content_type, info.size) == ("text/csv", len(content))


def test_thai_csv_in_utf8_passes():
    content = ("\ufeff" + THAI).encode()
    assert upload_inspect(upload("รายชื่อ.csv", content)).size == len(content)


def test_utf8_character_cut_at_the_end_of_the_head_passes():
    content = b"a" * (8 * 1024 - 1) + "ก".encode() * 10  # 3-byte char split at 8 KB
    assert upload_inspect(upload("notes.txt", content)).size == len(content)


def test_message_is_translated_for_thai_users():
    with translation.override("th"):
        message = failure(upload("empty.pdf", b""))
    assert message != "The file is empty."


# CappedUploadHandler, through Django's real multipart parser.


def post_file(size: int, cap: int):
    chunk = pdf(size)
    request = upload_request("big.pdf", "application/pdf", [chunk], size)
    request.upload_handlers = [
        CappedUploadHandler(request, max_bytes=cap),
        MemoryFileUploadHandler(request),
    ]
    return request


def test_handler_drops_a_file_over_the_cap():
    request = post_file(5 * 1024, cap=1024)
    assert upload_too_large(request) is True
    assert "file" not in request.FILES


def test_handler_keeps_a_file_under_the_cap():
    request = post_file(800, cap=1024)
    assert upload_too_large(request) is False
    stored = request.FILES["file"]
    assert stored.size == 800
    assert upload_inspect(stored).size == 800


def test_handler_reads_the_cap_from_settings(settings):
    settings.DIGIORG_UPLOAD_MAX_BYTES = 2048
    request = upload_request("a.pdf", "application/pdf", [b"%PDF-" + bytes(3000)], 3005)
    request.upload_handlers = [CappedUploadHandler(request), MemoryFileUploadHandler(request)]
    assert "file" not in request.FILES
    assert upload_too_large(request)


def test_handler_drops_only_the_file_over_the_cap():
    small, big = pdf(509), pdf(3009)
    body = b"".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="{field}.pdf"'
        f"\r\nContent-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
        for field, content in [("first", small), ("second", big)]
    )
    body += f"--{BOUNDARY}--\r\n".encode()
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "wsgi.input": io.BytesIO(body),
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": str(len(body)),
        }
    )
    request.upload_handlers = [
        CappedUploadHandler(request, max_bytes=1024),
        TemporaryFileUploadHandler(request),
    ]
    try:
        assert upload_too_large(request)
        assert list(request.FILES) == ["first"]
        assert upload_inspect(request.FILES["first"]).size == len(small)
    finally:
        request.close()


def test_handler_resets_its_count_for_each_file():
    handler = CappedUploadHandler(None, max_bytes=100)
    handler.new_file("file", "a.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(bytes(80), 0) == bytes(80)
    handler.new_file("file2", "b.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(bytes(80), 0) == bytes(80)
    assert handler.file_complete(80) is None


def test_bench_memory_does_not_grow_with_the_file():
    result = bench_upload(size_mb=5)
    assert result["sha256_ok"] is True
    assert result["python_peak_mb"] < 20
