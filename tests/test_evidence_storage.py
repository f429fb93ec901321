"""A file is kept only when its row is: if recording it fails, the written file is removed."""

import pytest
from django.conf import settings

from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.evidence.services import evidence_revise

from .assess_data import evidence, pdf_upload


def stored_files() -> list:
    from pathlib import Path

    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


class Broken(Exception):
    pass


def test_failed_create_leaves_no_file(world, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise Broken

    monkeypatch.setattr(EvidenceRevision, "save", refuse)
    with pytest.raises(Broken):
        evidence(world)
    assert not Evidence.objects.exists() and not stored_files()


def test_failed_revision_keeps_the_earlier_file_only(world, monkeypatch):
    item = evidence(world)
    before = stored_files()
    assert len(before) == 1

    def refuse(self, *args, **kwargs):
        raise Broken

    monkeypatch.setattr(Evidence, "save", refuse)
    with pytest.raises(Broken):
        evidence_revise(item, actor=world.people["member"], upload=pdf_upload("v2.pdf"), version=1)
    assert stored_files() == before
    assert EvidenceRevision.objects.filter(evidence=item).count() == 1
