"""Evidence files are what they say beyond their first bytes: real Office files pass, an Office
file without its main part or another kind renamed does not, zip bombs and archives past the
limits are refused, a PDF needs its end-of-file marker; each refusal stores nothing."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from digiorg.core.errors import ValidationFailed
from digiorg.evidence import services
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.evidence.uploads import upload_inspect

MISMATCH = "The file's content does not match its name (.{})."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def zipped(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def real_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("คำสั่งแต่งตั้งคณะทำงาน")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def real_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["หน่วยงาน", "ผล"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def failure(name: str, content: bytes) -> str:
    with pytest.raises(ValidationFailed) as caught:
        upload_inspect(SimpleUploadedFile(name, content))
    return caught.value.errors["file"]


def test_real_office_files_pass():
    assert upload_inspect(SimpleUploadedFile("คำสั่ง.docx", real_docx())).extension == "docx"
    assert upload_inspect(SimpleUploadedFile("ผล.xlsx", real_xlsx())).extension == "xlsx"


def test_a_docx_without_its_document_part_is_refused():
    content = zipped(
        {"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<w:styles/>"}
    )  # a word/ folder, but no word/document.xml
    assert failure("คำสั่ง.docx", content) == MISMATCH.format("docx")


def test_a_spreadsheet_renamed_as_a_document_is_refused():
    assert failure("คำสั่ง.docx", real_xlsx()) == MISMATCH.format("docx")
    assert failure("ผล.xlsx", real_docx()) == MISMATCH.format("xlsx")
    assert failure("สไลด์.pptx", real_docx()) == MISMATCH.format("pptx")


def test_a_zip_bomb_is_refused():
    bomb = zipped({"a.txt": bytes(20 * 2**20)})  # 20 MB of zeros packs to about 20 KB
    assert len(bomb) < 100_000
    message = failure("รวมไฟล์.zip", bomb)
    assert "zip bomb" in message and "a.txt" in message


def test_an_office_file_that_is_a_zip_bomb_is_refused():
    bomb = zipped(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document>" + b" " * (20 * 2**20) + b"</w:document>",
        }
    )
    assert "zip bomb" in failure("คำสั่ง.docx", bomb)


def test_archives_past_the_size_or_entry_limits_are_refused(settings):
    settings.DIGIORG_ARCHIVE_MAX_BYTES = 10_000
    stored = zipped({"a.bin": bytes(6_000), "b.bin": bytes(6_000)}, zipfile.ZIP_STORED)
    assert failure("ข้อมูล.zip", stored) == "The archive unpacks to more than 0.0095 MB."
    settings.DIGIORG_ARCHIVE_MAX_BYTES = 500 * 2**20
    settings.DIGIORG_ARCHIVE_MAX_ENTRIES = 5
    many = zipped({f"{n}.txt": b"x" for n in range(6)})
    assert failure("ข้อมูล.zip", many) == "The archive holds more than 5 files."
    assert upload_inspect(SimpleUploadedFile("ข้อมูล.zip", zipped({"1.txt": b"x"}))).size > 0


def test_a_pdf_needs_its_end_of_file_marker_near_the_end():
    head = b"%PDF-1.7\n1 0 obj<<>>endobj\n"
    assert upload_inspect(SimpleUploadedFile("a.pdf", head + b"%%EOF\n")).extension == "pdf"
    assert upload_inspect(SimpleUploadedFile("a.pdf", head + b"%%EOF")).extension == "pdf"
    cut = failure("a.pdf", head + bytes(5000))  # a download that stopped half way
    assert cut == "The PDF file is incomplete: its end-of-file marker (%%EOF) is missing."
    assert cut.count("%") == 2
    assert failure("a.pdf", head + b"%%EOF\n" + bytes(2000)) == cut  # not near the end


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.png", b"\x89PNG\r\n\x1a\n" + bytes(30)),  # no header chunk
        ("a.jpg", b"\xff\xd8" + bytes(30)),
        ("a.gif", b"GIF90a" + bytes(30)),
        ("a.webp", b"RIFF\x1a\x00\x00\x00AVI LIST" + bytes(20)),
    ],
)
def test_images_must_be_what_they_say(name, content):
    assert failure(name, content) == MISMATCH.format(name.rsplit(".", 1)[1])


def test_a_refused_file_stores_nothing(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    bomb = zipped({"a.txt": bytes(20 * 2**20)})
    with pytest.raises(ValidationFailed):
        services.evidence_create(
            actor=world.people["member"], unit=world.units["R1"], kind="file", title="ระเบิด",
            upload=SimpleUploadedFile("รวมไฟล์.zip", bomb),
        )  # fmt: skip
    assert Evidence.objects.count() == EvidenceRevision.objects.count() == 0
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_messages_are_thai_for_thai_users():
    with translation.override("th"):
        message = failure("รวมไฟล์.zip", zipped({"a.txt": bytes(20 * 2**20)}))
    assert "zip bomb" not in message
