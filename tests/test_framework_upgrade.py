"""A newer version of the same URN upgrades in place: rows, ids and references stay."""

import copy

import pytest

from digiorg.frameworks.loader import FrameworkFileError
from digiorg.frameworks.models import Criterion, FrameworkNode
from digiorg.frameworks.services import framework_load

from .conftest import seed_document


def newer(doc, **changes):
    doc = copy.deepcopy(doc)
    doc.update(changes)
    return doc


def test_upgrade_keeps_ids_retires_what_was_dropped_and_adds_what_is_new(seed_framework):
    criterion = Criterion.objects.get(framework=seed_framework, ref="2.1-1")
    node = FrameworkNode.objects.get(framework=seed_framework, ref="4.4.2")
    dropped = Criterion.objects.get(framework=seed_framework, ref="7.1-1")

    version = seed_document()["version"] + 1
    doc = newer(seed_document(), version=version)
    by_ref = {n["ref"]: n for n in doc["nodes"]}
    by_ref["2.1"]["criteria"][0]["text"]["en"] = "Reworded in version 2"
    seven = by_ref["7.1"]
    seven["criteria"] = [c for c in seven["criteria"] if c["ref"] != "7.1-1"]
    seven["criteria"].append(
        {**copy.deepcopy(seven["criteria"][0]), "ref": "7.1-99", "text": {"th": "ใหม่", "en": "New"}}
    )
    result = framework_load(doc)

    assert result.outcome == "upgraded"
    assert result.framework.pk == seed_framework.pk
    assert result.framework.version == version
    criterion.refresh_from_db()
    assert criterion.text_en == "Reworded in version 2"
    assert FrameworkNode.objects.get(pk=node.pk).ref == "4.4.2"
    dropped.refresh_from_db()
    assert dropped.retired
    assert Criterion.objects.get(ref="7.1-99").node.ref == "7.1"
    assert result.retired == 1


def test_reloading_the_same_file_changes_nothing(seed_framework):
    before = list(Criterion.objects.values_list("pk", "text_th"))
    assert framework_load(seed_document()).outcome == "unchanged"
    assert list(Criterion.objects.values_list("pk", "text_th")) == before


def test_an_older_version_or_a_changed_file_with_the_same_version_is_refused(seed_framework):
    loaded = seed_document()["version"] + 1
    framework_load(newer(seed_document(), version=loaded))
    for doc in (
        newer(seed_document(), version=loaded - 1),
        newer(seed_document(), version=loaded, fiscal_year=2569),
    ):
        with pytest.raises(FrameworkFileError, match="กรุณาเพิ่มหมายเลขฉบับ"):
            framework_load(doc)


def test_a_code_used_by_another_urn_is_refused(seed_framework):
    other = newer(seed_document(), urn="urn:digiorg:framework:other:x")
    with pytest.raises(FrameworkFileError, match="ถูกใช้แล้ว"):
        framework_load(other)
