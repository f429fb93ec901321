"""Shared data and helpers of the evidence page tests (test_evidence_pages.py and
test_evidence_access.py)."""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from digiorg.core.errors import ValidationFailed
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.evidence.uploads import upload_inspect

from .assess_data import PDF, assessed_cycle

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>\n"
THAI_NAME = "คำสั่ง.pdf"
CONFLICT = "Someone else changed this evidence after you opened it."


# --- fixtures (imported by both modules) ----------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    """Files go to tmp_path/media; the whole tmp_path is checked, so a file written beside
    MEDIA_ROOT (a path escaping it) would be seen too."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@pytest.fixture
def cycle(world, seed_framework, media):
    return assessed_cycle(world, seed_framework)


# --- helpers -------------------------------------------------------------------------------


def files_under(root) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def stored(root) -> tuple:
    return Evidence.objects.count(), EvidenceRevision.objects.count(), files_under(root)


def pdf_bytes(extra: bytes = b"") -> bytes:
    """A PDF with `extra` in a comment, ended as an incremental update is: by %%EOF."""
    return PDF + b"%" + extra + b"\n%%EOF\n"


def create(client, world, *, unit="R1", kind="file", title="คำสั่งแต่งตั้งคณะทำงาน", **fields):
    data = {"unit": world.units[unit].pk, "kind": kind, "title": title, **fields}
    return client.post(reverse("evidence:create"), data)


def detail_url(evidence) -> str:
    return reverse("evidence:detail", args=[evidence.pk])


def field_errors(response, field: str) -> list[str]:
    """The error messages shown under one field of a form (templates/_form_fields.html)."""
    html = response.content.decode()
    for block in html.split('<div class="mb-3')[1:]:
        if f'for="id_{field}"' in block:
            found = re.findall(
                r'<div class="invalid-feedback d-block"[^>]*>(.*?)</div>', block, re.S
            )
            return [unescape(m) for m in found]
    raise AssertionError(f"no field {field!r} on the page")


def alerts(response) -> list[str]:
    """Danger alerts: a form's non-field errors and error messages (base.html)."""
    html = response.content.decode()
    found = re.findall(r'<div class="alert alert-danger" role="alert">(.*?)</div>', html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in found]


def refusal(name: str, content: bytes) -> str:
    """The message the upload rules give for this file, in the active language."""
    with pytest.raises(ValidationFailed) as info:
        upload_inspect(SimpleUploadedFile(name, content))
    return info.value.errors["file"]


def body(response) -> bytes:
    """The streamed file. Reading it to the end closes it (the test client does); closing it
    again here would fire request_finished and close the test's database connection."""
    return b"".join(response.streaming_content)


def library_titles(response) -> set[str]:
    assert response.status_code == 200
    prefix = reverse("evidence:library")
    html = response.content.decode()
    found = re.findall(rf'<td><a href="{prefix}\d+/">(.*?)</a></td>', html)
    return {unescape(re.sub(r"<[^>]+>", "", t)) for t in found}  # word-break hints are markup


def revise(client, evidence, version, upload):
    return client.post(
        reverse("evidence:revise", args=[evidence.pk]), {"version": version, "file": upload}
    )


def edit(client, evidence, version, **fields):
    return client.post(detail_url(evidence), {"form": "edit", "version": version, **fields})
