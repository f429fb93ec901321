"""Evidence pages: adding file and link evidence, every bad upload refused with nothing stored,
new revisions and changing details with a version check (downloads, who may add and change,
the library and query counts: test_evidence_access.py)."""

import hashlib
import re
from datetime import date

import pytest
from auditlog.models import LogEntry
from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from digiorg.core.errors import ValidationFailed
from digiorg.evidence import services
from digiorg.evidence.models import Evidence
from digiorg.evidence.uploads import upload_cap_message

from . import evidence_pages_data
from .assess_data import PDF, criterion, evidence
from .evidence_pages_data import (
    CONFLICT,
    HTML,
    PNG,
    THAI_NAME,
    alerts,
    body,
    create,
    detail_url,
    edit,
    field_errors,
    files_under,
    pdf_bytes,
    refusal,
    revise,
    stored,
)

# the fixtures both evidence page modules use (files under tmp_path, an assessed cycle)
media = evidence_pages_data.media
cycle = evidence_pages_data.cycle


# --- adding evidence -----------------------------------------------------------------------


def test_member_adds_file_evidence(world, cycle, media):
    member = world.people["member"]
    content = pdf_bytes("คำสั่งแต่งตั้ง".encode() * 50)
    c1, c3 = criterion(cycle, "2.2-1"), criterion(cycle, "2.2-3")
    response = create(
        world.client("member"), world, description="ลงนามแล้ว",
        file=SimpleUploadedFile(THAI_NAME, content, content_type="application/pdf"),
        effective_date="2024-10-01", expiry_date="2025-09-30", criteria=[c1.pk, c3.pk],
    )  # fmt: skip

    item = Evidence.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(item)
    assert (item.unit, item.kind, item.title) == (
        world.units["R1"],
        "file",
        "คำสั่งแต่งตั้งคณะทำงาน",
    )
    assert item.organization == world.units["HSS"]
    assert item.created_by == member
    assert (item.effective_date, item.expiry_date) == (date(2024, 10, 1), date(2025, 9, 30))
    assert set(item.criteria.all()) == {c1, c3}

    revision = item.current
    assert list(item.revisions.all()) == [revision]
    assert revision.number == 1
    assert revision.name == THAI_NAME
    assert revision.size == len(content)
    assert revision.sha256 == hashlib.sha256(content).hexdigest()
    assert revision.content_type == "application/pdf"
    assert revision.uploaded_by == member
    # stored under a random name in the department's folder, never under the original name
    assert re.fullmatch(rf"evidence/{item.organization_id}/[0-9a-f]{{32}}\.pdf", revision.file.name)
    assert "คำสั่ง" not in revision.file.name
    assert files_under(media) == {f"media/{revision.file.name}"}
    assert (media / "media" / revision.file.name).read_bytes() == content

    created = LogEntry.objects.get_for_object(item).get(action=LogEntry.Action.CREATE)
    assert created.actor == member
    assert LogEntry.objects.get_for_object(revision).filter(action=LogEntry.Action.CREATE).exists()

    page = world.client("member").get(response.url).content.decode()
    assert THAI_NAME in page and revision.sha256 in page and "ลงนามแล้ว" in page


def test_member_adds_link_evidence(world, cycle, media):
    response = create(
        world.client("member"), world, kind="link", title="หน้าเว็บแผนดิจิทัล",
        url="https://www.hss.go.th/plan-2568",
    )  # fmt: skip
    item = Evidence.objects.get()
    assert response.status_code == 302 and response.url == detail_url(item)
    assert (item.kind, item.url, item.current) == (
        "link",
        "https://www.hss.go.th/plan-2568",
        None,
    )
    assert files_under(media) == set()
    assert LogEntry.objects.get_for_object(item).filter(action=LogEntry.Action.CREATE).exists()
    page = world.client("member").get(response.url).content.decode()
    assert 'href="https://www.hss.go.th/plan-2568"' in page


def test_link_without_address_is_refused(world, cycle, media):
    before = stored(media)
    response = create(world.client("member"), world, kind="link", title="ลิงก์ที่ไม่มีที่อยู่")
    assert response.status_code == 200
    assert field_errors(response, "url") == [_("A link needs its address.")]
    assert stored(media) == before


def test_file_evidence_without_a_file_is_refused(world, cycle, media):
    before = stored(media)
    response = create(world.client("member"), world)
    assert response.status_code == 200
    assert field_errors(response, "file") == [_("Choose a file to upload.")]
    assert stored(media) == before


BAD_FILES = [
    # id, file name, content
    ("not-allowed-exe", "setup.exe", b"MZ\x90\x00" + bytes(60)),
    ("not-allowed-html", "page.html", HTML),
    ("html-named-pdf", "report.pdf", HTML),
    ("png-named-docx", "report.docx", PNG),
]


@pytest.mark.parametrize(
    ("name", "content"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_bad_file_is_refused_and_nothing_stored(world, cycle, media, name, content):
    before = stored(media)
    response = create(world.client("member"), world, file=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert field_errors(response, "file") == [refusal(name, content)]
    assert stored(media) == before


def test_empty_file_is_refused(world, cycle, media):
    before = stored(media)
    response = create(world.client("member"), world, file=SimpleUploadedFile("ว่าง.pdf", b""))
    assert response.status_code == 200
    assert field_errors(response, "file") == [str(forms.FileField.default_error_messages["empty"])]
    assert stored(media) == before


def test_empty_file_is_refused_by_the_service_too(world, media):
    before = stored(media)
    with pytest.raises(ValidationFailed) as info:
        services.evidence_create(
            actor=world.people["member"], unit=world.units["R1"], kind="file", title="ว่าง",
            upload=SimpleUploadedFile("ว่าง.pdf", b""),
        )  # fmt: skip
    assert info.value.errors == {"file": _("The file is empty.")}
    assert stored(media) == before


def test_file_over_the_cap_is_dropped_and_explained(world, cycle, media, settings):
    settings.DIGIORG_UPLOAD_MAX_BYTES = 1024
    before = stored(media)
    big = SimpleUploadedFile("ใหญ่.pdf", pdf_bytes(bytes(5 * 1024)))
    response = create(world.client("member"), world, file=big)
    assert response.status_code == 200
    assert field_errors(response, "file") == [upload_cap_message()]  # and no "choose a file"
    assert stored(media) == before


def test_file_at_the_cap_passes(world, cycle, media, settings):
    content = pdf_bytes(bytes(1000))
    settings.DIGIORG_UPLOAD_MAX_BYTES = len(content)
    response = create(world.client("member"), world, file=SimpleUploadedFile("พอดี.pdf", content))
    assert response.status_code == 302
    assert Evidence.objects.get().current.size == len(content)


def test_expiry_before_effective_date_is_refused(world, cycle, media):
    before = stored(media)
    response = create(
        world.client("member"), world, file=SimpleUploadedFile(THAI_NAME, PDF),
        effective_date="2025-01-01", expiry_date="2024-12-31",
    )  # fmt: skip
    assert response.status_code == 200
    assert field_errors(response, "expiry_date") == [
        _("The expiry date is before the effective date.")
    ]
    assert stored(media) == before


def test_missing_title_is_refused(world, cycle, media):
    before = stored(media)
    response = create(
        world.client("member"), world, title="", file=SimpleUploadedFile(THAI_NAME, PDF)
    )
    assert response.status_code == 200
    assert field_errors(response, "title") == [str(forms.Field.default_error_messages["required"])]
    assert stored(media) == before


def multipart(fields: dict, filename: str, content: bytes) -> tuple[bytes, str]:
    """A raw multipart body, so the file name is sent exactly as given."""
    boundary = "digiorg-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("sent", ["../../etc/x.pdf", "..\\..\\x.pdf", "/var/www/x.pdf"])
def test_path_sent_in_the_file_name_never_reaches_the_disk(world, cycle, media, sent):
    """Django's multipart parser keeps only the last part of a sent name, so a path cannot
    arrive through the page: the file is kept as "x.pdf" under a random stored name."""
    fields = {"unit": world.units["R1"].pk, "kind": "file", "title": "ชื่อไฟล์มีโฟลเดอร์"}
    data, content_type = multipart(fields, sent, PDF)
    response = world.client("member").post(
        reverse("evidence:create"), data=data, content_type=content_type
    )
    assert response.status_code == 302
    revision = Evidence.objects.get().current
    assert revision.name == "x.pdf"
    assert re.fullmatch(r"evidence/\d+/[0-9a-f]{32}\.pdf", revision.file.name)
    assert files_under(media) == {f"media/{revision.file.name}"}


@pytest.mark.parametrize(
    "upload",
    [
        # UploadedFile keeps only the base name on POSIX, so the backslash path reaches the service
        SimpleUploadedFile("a\\b.pdf", PDF),
        # plain files keep their name as given
        ContentFile(PDF, name="../../etc/x.pdf"),
        ContentFile(PDF, name="a\\b.pdf"),
        ContentFile(PDF, name="C:x.pdf"),
    ],
    ids=["uploaded-backslash", "file-dotdot", "file-backslash", "file-drive"],
)
def test_service_refuses_a_path_in_the_file_name(world, media, upload):
    before = stored(media)
    with pytest.raises(ValidationFailed) as info:
        services.evidence_create(
            actor=world.people["member"], unit=world.units["R1"], kind="file", title="เส้นทาง",
            upload=upload,
        )  # fmt: skip
    assert info.value.errors == {"file": _("The file name must not contain a folder path.")}
    assert stored(media) == before


def test_service_given_an_uploaded_dotdot_name_stores_only_the_base_name(world, media):
    upload = SimpleUploadedFile("../../etc/x.pdf", PDF)
    assert upload.name == "x.pdf"  # what Django hands over; the path is already gone
    item = services.evidence_create(
        actor=world.people["member"], unit=world.units["R1"], kind="file", title="เส้นทาง",
        upload=upload,
    )  # fmt: skip
    assert item.current.name == "x.pdf"
    assert files_under(media) == {f"media/{item.current.file.name}"}


# --- new revisions -------------------------------------------------------------------------


def test_new_revision_becomes_current_and_the_old_one_stays(world, cycle, media):
    first = evidence(world)
    old = first.current
    content = pdf_bytes("ฉบับแก้ไข".encode())
    response = revise(
        world.client("member"), first, 1, SimpleUploadedFile("คำสั่ง-ฉบับแก้ไข.pdf", content)
    )
    assert response.status_code == 302 and response.url == detail_url(first)

    first.refresh_from_db()
    assert first.version == 2
    assert first.current.number == 2
    assert first.current.name == "คำสั่ง-ฉบับแก้ไข.pdf"
    assert first.current.sha256 == hashlib.sha256(content).hexdigest()
    assert [r.number for r in first.revisions.all()] == [2, 1]
    assert len(files_under(media)) == 2

    client = world.client("member")
    assert body(client.get(reverse("evidence:download", args=[first.pk]))) == content
    assert body(client.get(reverse("evidence:revision-download", args=[old.pk]))) == PDF
    page = client.get(detail_url(first)).content.decode()
    assert "คำสั่ง-ฉบับแก้ไข.pdf" in page and old.name in page
    assert LogEntry.objects.get_for_object(first.current).exists()


def test_new_revision_on_a_stale_version_is_a_conflict(world, cycle, media):
    item = evidence(world)
    # the coordinator uploads first; the member's page still says version 1
    first = revise(world.client("coordinator"), item, 1, SimpleUploadedFile("b.pdf", PDF))
    assert first.status_code == 302
    before = stored(media)
    member = world.client("member")
    response = revise(member, item, 1, SimpleUploadedFile("c.pdf", pdf_bytes(b"c")))
    assert response.status_code == 302 and response.url == detail_url(item)
    page = member.get(response.url)
    assert _(CONFLICT) in alerts(page)
    assert stored(media) == before
    item.refresh_from_db()
    assert (item.version, item.current.name) == (2, "b.pdf")


@pytest.mark.parametrize(("name", "content"), [("report.pdf", HTML), ("setup.exe", b"MZ")])
def test_bad_new_revision_is_refused(world, cycle, media, name, content):
    item = evidence(world)
    before = stored(media)
    client = world.client("member")
    response = revise(client, item, 1, SimpleUploadedFile(name, content))
    assert response.status_code == 302
    assert refusal(name, content) in alerts(client.get(response.url))
    assert stored(media) == before
    item.refresh_from_db()
    assert (item.version, item.current.number) == (1, 1)


def test_new_revision_over_the_cap_is_refused(world, cycle, media, settings):
    item = evidence(world)
    settings.DIGIORG_UPLOAD_MAX_BYTES = 1024
    before = stored(media)
    client = world.client("member")
    response = revise(client, item, 1, SimpleUploadedFile("ใหญ่.pdf", pdf_bytes(bytes(5 * 1024))))
    assert response.status_code == 302
    assert alerts(client.get(response.url)) == [upload_cap_message()]
    assert stored(media) == before


# --- changing details ----------------------------------------------------------------------


def test_edit_details_with_a_version_check(world, cycle, media):
    item = evidence(world, title="ชื่อเดิม")
    c2 = criterion(cycle, "2.2-2")
    response = edit(
        world.client("member"), item, 1, title="ชื่อใหม่", criteria=[c2.pk],
        effective_date="2024-10-01", expiry_date="2026-09-30",
    )  # fmt: skip
    assert response.status_code == 302 and response.url == detail_url(item)
    item.refresh_from_db()
    assert (item.title, item.version, item.expiry_date) == ("ชื่อใหม่", 2, date(2026, 9, 30))
    assert list(item.criteria.all()) == [c2]
    assert LogEntry.objects.get_for_object(item).filter(action=LogEntry.Action.UPDATE).exists()

    # someone who opened the page at version 1 saves afterwards: refused, nothing changed
    before = stored(media)
    stale = edit(world.client("coordinator"), item, 1, title="ชื่อที่จะทับ")
    assert stale.status_code == 200
    assert _(CONFLICT + " Reload to see their change.") in alerts(stale)
    item.refresh_from_db()
    assert (item.title, item.version) == ("ชื่อใหม่", 2)
    assert list(item.criteria.all()) == [c2]
    assert stored(media) == before


def test_edit_with_expiry_before_effective_is_refused(world, cycle, media):
    item = evidence(world, title="ชื่อเดิม")
    response = edit(
        world.client("member"), item, 1, title="ชื่อใหม่",
        effective_date="2025-01-01", expiry_date="2024-01-01",
    )  # fmt: skip
    assert response.status_code == 200
    assert field_errors(response, "expiry_date") == [
        _("The expiry date is before the effective date.")
    ]
    item.refresh_from_db()
    assert (item.title, item.version, item.expiry_date) == ("ชื่อเดิม", 1, None)


def test_the_evidence_form_picks_criteria_grouped_by_dimension_and_topic(world, cycle, media):
    """The same searchable picker as the action form: checkboxes under the dimension and topic
    headings, a filter box, no Ctrl-click list."""
    html = world.client("member").get(reverse("evidence:create")).content.decode()
    c1 = criterion(cycle, "2.2-1")
    assert '<select name="criteria"' not in html
    assert f'name="criteria" value="{c1.pk}"' in html
    dimension = c1.node.parent.parent or c1.node.parent
    assert dimension.title in html and c1.node.title in html
    assert "js/picker.js" in html
