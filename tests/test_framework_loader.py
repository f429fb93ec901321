"""Malformed framework files: a clear message naming file, node and problem; nothing loaded."""

import textwrap

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from digiorg.frameworks.loader import FrameworkFileError, parse_framework
from digiorg.frameworks.models import Criterion, Framework, FrameworkNode

GOOD = """\
urn: "urn:digiorg:framework:test:mini"
code: "mini"
version: 1
title: {th: "กรอบทดสอบ", en: "Test framework"}
levels:
  - {code: "1", min: 0, label: {th: "เริ่มต้น", en: "Initial"}}
  - {code: "2", min: 50, label: {th: "ก้าวหน้า", en: "Advanced"}}
nodes:
  - ref: "1"
    kind: dimension
    title: {th: "นโยบาย", en: "Policies"}
  - ref: "1.1"
    parent: "1"
    kind: topic
    title: {th: "นโยบายดิจิทัล", en: "Digital Policy"}
    criteria:
      - ref: "1.1-1"
        text: {th: "มีแผนปฏิบัติการดิจิทัล", en: "There is a digital action plan"}
        scope: department
"""


def write(tmp_path, text, name="mini.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_errors(path) -> str:
    with pytest.raises(CommandError) as info:
        call_command("load_framework", str(path))
    return str(info.value)


def assert_nothing_loaded():
    assert Framework.objects.count() == 0
    assert FrameworkNode.objects.count() == 0
    assert Criterion.objects.count() == 0


def test_good_file_loads(db, tmp_path):
    call_command("load_framework", str(write(tmp_path, GOOD)))
    assert Framework.objects.get().code == "mini"
    assert Criterion.objects.get().node.ref == "1.1"


def test_bad_yaml_names_the_file_and_line(db, tmp_path):
    path = write(tmp_path, GOOD.replace('code: "mini"', 'code: "mini'))
    with translation.override("en"):
        message = load_errors(path)
    assert "mini.yaml" in message
    assert "not valid YAML at line" in message
    assert_nothing_loaded()


def test_duplicate_ref(db, tmp_path):
    text = (
        GOOD
        + """\
  - ref: "1.1"
    parent: "1"
    kind: topic
    title: {th: "ซ้ำ", en: "Again"}
"""
    )
    with translation.override("en"):
        message = load_errors(write(tmp_path, text))
    assert "mini.yaml: node “1.1”: duplicate ref" in message
    assert_nothing_loaded()


def test_missing_parent(db, tmp_path):
    with translation.override("en"):
        message = load_errors(write(tmp_path, GOOD.replace('parent: "1"', 'parent: "9"')))
    assert "mini.yaml: node “1.1”: parent “9” is not defined before it" in message
    assert_nothing_loaded()


def test_missing_thai_title(db, tmp_path):
    text = GOOD.replace(
        'title: {th: "นโยบายดิจิทัล", en: "Digital Policy"}', 'title: {en: "Digital Policy"}'
    )
    with translation.override("en"):
        message = load_errors(write(tmp_path, text))
    assert "mini.yaml: node “1.1”: missing Thai title (title.th)" in message
    assert_nothing_loaded()


def test_messages_are_thai_by_default(db, tmp_path):
    text = GOOD.replace(
        'title: {th: "นโยบายดิจิทัล", en: "Digital Policy"}', 'title: {en: "Digital Policy"}'
    )
    message = load_errors(write(tmp_path, text))
    assert "mini.yaml: หัวข้อ “1.1”: ไม่มีชื่อเรื่องภาษาไทย (title.th)" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "scope: department",
            "scope: everyone",
            "criterion “1.1-1”: scope must be department or unit",
        ),
        ("kind: topic", "kind: chapter", "node “1.1”: kind must be dimension, topic or subtopic"),
        ("version: 1", 'version: "one"', "version: must be a whole number from 1"),
        (
            'ref: "1.1-1"',
            'ref: "1.1-1"\n        colour: red',
            "criterion “1.1-1”: unknown key “colour”",
        ),
        ("min: 50", "min: 0", "level 2: levels must be in ascending order of min"),
        ('urn: "urn:digiorg:framework:test:mini"', 'urn: "mini"', "urn: missing or not a URN"),
    ],
)
def test_other_problems_are_named(db, tmp_path, old, new, expected):
    with translation.override("en"):
        message = load_errors(write(tmp_path, GOOD.replace(old, new)))
    assert expected in message
    assert_nothing_loaded()


def test_criteria_only_on_the_lowest_level(db, tmp_path):
    text = (
        GOOD
        + """\
  - ref: "1.1.1"
    parent: "1.1"
    kind: subtopic
    title: {th: "ย่อย", en: "Sub"}
"""
    )
    with translation.override("en"):
        message = load_errors(write(tmp_path, text))
    assert "node “1.1”: criteria belong on the lowest level only" in message


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace('parent: "1"', 'parent: "9"').replace("scope: department", "scope: x")
    with pytest.raises(FrameworkFileError) as info, translation.override("en"):
        parse_framework(write(tmp_path, text))
    assert len(info.value.errors) == 2


def test_empty_and_non_mapping_files(tmp_path):
    for text in ("", "- just\n- a list\n"):
        with pytest.raises(FrameworkFileError) as info, translation.override("en"):
            parse_framework(write(tmp_path, text))
        assert "the file must hold one framework" in str(info.value)


def test_missing_file_is_a_clear_error(db, tmp_path):
    with translation.override("en"):
        message = load_errors(tmp_path / "nowhere.yaml")
    assert "nowhere.yaml: cannot read the file" in message
