"""Criterion kinds in framework files: checklist and any_of criteria with options are
validated, exported and loaded back unchanged, and upgraded in place keeping options and
answers (also from version 1 of the bundled file, before kinds existed)."""

import copy
import json
import textwrap
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation

from digiorg.assessments.models import CriterionAssessment
from digiorg.frameworks.loader import canonical_framework, parse_framework
from digiorg.frameworks.models import Criterion, CriterionOption, Framework
from digiorg.frameworks.services import framework_load

from .assess_data import evidence
from .conftest import SEED_FILE, seed_document
from .plans_data import open_cycle

V1_FILE = Path(__file__).parent / "data" / "dhss-do-2568-v1.yaml"

KINDS = """\
urn: "urn:digiorg:framework:test:kinds"
code: "kinds"
version: 1
title: {th: "กรอบทดสอบ", en: "Test framework"}
levels:
  - {code: "1", min: 0, label: {th: "เริ่มต้น", en: "Initial"}}
nodes:
  - ref: "1"
    kind: dimension
    title: {th: "ด้านหนึ่ง", en: "One"}
  - ref: "1.1"
    parent: "1"
    kind: topic
    title: {th: "หัวข้อ", en: "Topic"}
    criteria:
      - ref: "1.1-1"
        kind: checklist
        min: 2
        text: {th: "ระบบงานสนับสนุน", en: "Back-office systems"}
        scope: department
        options:
          - {code: hr, label: {th: "งานบุคคล", en: "Human resources"}}
          - {code: budget, label: {th: "งานงบประมาณ", en: "Budget"}}
          - {code: audit, label: {th: "งานตรวจสอบ", en: "Audit"}}
      - ref: "1.1-2"
        kind: any_of
        text: {th: "มาตรฐานใดมาตรฐานหนึ่ง", en: "Any one standard"}
        scope: unit
        options:
          - {code: iso, label: {th: "ISO/IEC 27001", en: "ISO/IEC 27001"}}
          - {code: own, label: {th: "มาตรฐานของหน่วยงาน", en: "The agency's own"}}
      - ref: "1.1-3"
        text: {th: "ผลทั่วไป", en: "A plain result"}
        scope: unit
"""


def write(tmp_path, text, name="kinds.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path, text, language="en") -> str:
    with translation.override(language), pytest.raises(CommandError) as info:
        call_command("load_framework", str(write(tmp_path, text)))
    assert not Framework.objects.exists() and not Criterion.objects.exists()
    assert not CriterionOption.objects.exists()
    return str(info.value)


# ---------------------------------------------------------------------------- validation


def test_a_file_with_kinds_loads_with_its_options(db, tmp_path):
    call_command("load_framework", str(write(tmp_path, KINDS)))
    checklist = Criterion.objects.get(ref="1.1-1")
    assert (checklist.kind, checklist.min_options) == ("checklist", 2)
    assert [(o.code, o.label_th, o.label_en) for o in checklist.options.all()] == [
        ("hr", "งานบุคคล", "Human resources"),
        ("budget", "งานงบประมาณ", "Budget"),
        ("audit", "งานตรวจสอบ", "Audit"),
    ]
    any_of = Criterion.objects.get(ref="1.1-2")
    assert (any_of.kind, any_of.min_options, any_of.options.count()) == ("any_of", 1, 2)
    plain = Criterion.objects.get(ref="1.1-3")
    assert (plain.kind, plain.min_options, plain.options.count()) == ("result", None, 0)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "kind: checklist",
            "kind: survey",
            "criterion “1.1-1”: kind must be result, checklist or any_of",
        ),
        (
            "options:\n          - {code: iso",
            "options: []\n        x:\n          - {code: iso",
            "criterion “1.1-2”: a criterion of kind any_of needs a list of options",
        ),
        ("{code: audit,", "{code: hr,", "criterion “1.1-1” option 3: duplicate option code “hr”"),
        (
            "{code: audit,",
            "{code: Audit Group,",
            "criterion “1.1-1” option 3: code is missing or not made of a-z, 0-9 and -",
        ),
        (
            '{code: iso, label: {th: "ISO/IEC 27001", en: "ISO/IEC 27001"}}',
            '{code: iso, label: {en: "ISO"}}',
            "criterion “1.1-2” option 1: missing Thai label (label.th)",
        ),
        (
            "{code: hr, label",
            "{code: hr, colour: red, label",
            "criterion “1.1-1” option 1: unknown key “colour”",
        ),
        (
            "min: 2",
            "min: 4",
            "criterion “1.1-1”: min must be a whole number from 1 to 3 (the number of options)",
        ),
        (
            "min: 2",
            "min: 0",
            "criterion “1.1-1”: min must be a whole number from 1 to 3 (the number of options)",
        ),
        (
            "kind: any_of\n",
            "kind: any_of\n        min: 3\n",
            "criterion “1.1-2”: min must be a whole number from 1 to 2 (the number of options)",
        ),
        (
            'text: {th: "ผลทั่วไป"',
            'min: 1\n        text: {th: "ผลทั่วไป"',
            "criterion “1.1-3”: only a checklist or any_of criterion has “min”",
        ),
    ],
)
def test_bad_kinds_and_options_are_named_and_nothing_loads(db, tmp_path, old, new, expected):
    assert old in KINDS
    message = problems(tmp_path, KINDS.replace(old, new, 1))
    assert "kinds.yaml: " + expected in message


def test_the_messages_are_thai_by_default(db, tmp_path):
    message = problems(tmp_path, KINDS.replace("{code: audit,", "{code: hr,"), language="th")
    assert "kinds.yaml: เกณฑ์ “1.1-1” ตัวเลือกที่ 3: รหัสตัวเลือก “hr” ซ้ำ" in message
    message = problems(tmp_path, KINDS.replace("kind: checklist", "kind: survey"), language="th")
    assert "ประเภทต้องเป็น result, checklist หรือ any_of" in message


# ---------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_options_round_trip_through_export(db, tmp_path, fmt):
    source = write(tmp_path, KINDS)
    call_command("load_framework", str(source))
    out = tmp_path / f"export.{fmt}"
    call_command("export_framework", "kinds", "--format", fmt, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    exported = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    assert canonical_framework(exported) == parse_framework(source)
    checklist = exported["nodes"][1]["criteria"][0]
    assert checklist["kind"] == "checklist" and checklist["min"] == 2
    assert checklist["options"][2] == {
        "code": "audit",
        "label": {"th": "งานตรวจสอบ", "en": "Audit"},
    }
    assert "kind" not in exported["nodes"][1]["criteria"][2]  # a result criterion stays as it was

    Framework.objects.all().delete()
    call_command("load_framework", str(out))
    again = tmp_path / f"again.{fmt}"
    call_command("export_framework", "kinds", "--format", fmt, "-o", str(again))
    assert again.read_text(encoding="utf-8") == text


# ---------------------------------------------------------------------------- upgrades


def test_upgrade_keeps_option_identity_and_retires_dropped_options(db, tmp_path):
    first = framework_load(parse_framework(write(tmp_path, KINDS))).framework
    hr = CriterionOption.objects.get(criterion__ref="1.1-1", code="hr")
    audit = CriterionOption.objects.get(criterion__ref="1.1-1", code="audit")
    doc = copy.deepcopy(parse_framework(write(tmp_path, KINDS)))
    doc["version"] = 2
    checklist = doc["nodes"][1]["criteria"][0]
    checklist["options"] = [
        {"code": "it", "label": {"th": "งานไอที", "en": "IT"}},
        {"code": "hr", "label": {"th": "งานบริหารบุคคล", "en": "HR"}},
    ]
    checklist["min"] = None
    result = framework_load(doc)
    assert result.outcome == "upgraded" and result.framework.pk == first.pk
    hr.refresh_from_db()
    audit.refresh_from_db()
    assert (hr.label_th, hr.position, hr.retired) == ("งานบริหารบุคคล", 2, False)
    assert audit.retired  # kept for the answers that tick it
    assert CriterionOption.objects.get(code="budget").retired
    active = Criterion.objects.get(ref="1.1-1").options.filter(retired=False)
    assert [o.code for o in active] == ["it", "hr"]
    assert Criterion.objects.get(ref="1.1-1").min_options is None
    assert result.retired == 2


def test_the_bundled_file_upgrades_version_1_in_place_and_keeps_its_answers(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    old = framework_load(parse_framework(V1_FILE)).framework
    assert old.version == 1
    cycle = open_cycle(world, old)
    meeting = old.criteria.get(ref="5.1-11")
    from digiorg.assessments.services import assessment_save

    proof = [evidence(world, unit="HSS", who="secretariat")]
    answer = assessment_save(
        actor=world.people["secretariat"], cycle=cycle, criterion=meeting, unit=world.units["HSS"],
        result="met", evidence=proof,
    )  # fmt: skip

    result = framework_load(seed_document(), filename=SEED_FILE.name)

    assert result.outcome == "upgraded" and result.framework.pk == old.pk
    assert result.framework.version == seed_document()["version"]
    meeting.refresh_from_db()
    assert meeting.retired  # the per-example criterion is retired, not deleted ...
    kept = CriterionAssessment.objects.get(pk=answer.pk)  # ... and its answer is kept
    assert (kept.criterion_id, kept.result, list(kept.evidence.all())) == (meeting.pk, "met", proof)
    retired = set(old.criteria.filter(retired=True).values_list("ref", flat=True))
    assert {f"5.1-{n}" for n in range(1, 12)} <= retired
    assert {"6.1-1", "6.1-4", "6.2-1", "6.2-4", "5.2.2-1", "4.4.2-2", "4.1.3-5"} <= retired
    assert "6.1-5" not in retired and "5.2.2-2" not in retired  # not examples: still criteria
    back_office = old.criteria.get(ref="5.1-12", retired=False)
    assert back_office.kind == "checklist" and back_office.options.count() == 11
    assert "meetings" in set(back_office.options.values_list("code", flat=True))
    assert old.criteria.get(ref="6.2-8").kind == "any_of"
    first = old.criteria.get(ref="1.1-1")
    assert "แผนพัฒนาสุขภาพดิจิทัลของประเทศไทย พ.ศ. 2566 - 2570" in first.text_th  # the memo's words
    assert framework_load(seed_document()).outcome == "unchanged"  # loading it again is a no-op


def test_version_1_of_the_file_still_loads_unchanged_canonical_form(db):
    """Files without kinds keep their canonical form (and content hash): a result criterion
    gets no kind, options or min keys."""
    doc = parse_framework(V1_FILE)
    criteria = [c for n in doc["nodes"] for c in n["criteria"]]
    assert criteria and all(
        set(c) == {"ref", "text", "scope", "weight", "evidence_hint", "references"}
        for c in criteria
    )
