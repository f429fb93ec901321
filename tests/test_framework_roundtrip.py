"""export_framework then load_framework gives the same framework."""

import copy
import json

import pytest
import yaml
from django.core.management import call_command

from digiorg.frameworks.loader import canonical_framework, parse_framework
from digiorg.frameworks.models import Criterion, Framework, FrameworkNode
from digiorg.frameworks.selectors import framework_document

from .conftest import seed_document


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_then_load_gives_the_same_framework(seed_framework, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    call_command("export_framework", seed_framework.code, "--format", fmt, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    exported = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    assert canonical_framework(exported) == seed_document()

    Framework.objects.all().delete()
    assert not FrameworkNode.objects.exists() and not Criterion.objects.exists()
    call_command("load_framework", str(out))
    again = tmp_path / f"again.{fmt}"
    call_command("export_framework", seed_framework.code, "--format", fmt, "-o", str(again))
    assert again.read_text(encoding="utf-8") == text
    assert parse_framework(again) == seed_document()


def test_export_keeps_thai_readable(seed_framework, tmp_path, capsys):
    call_command("export_framework", seed_framework.code)
    assert "ธรรมาภิบาลข้อมูลภาครัฐ" in capsys.readouterr().out


def test_export_of_an_unknown_code_names_what_is_loaded(seed_framework):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="dhss-do-2568"):
        call_command("export_framework", "nope")


def test_document_equals_the_loaded_file(seed_framework):
    doc = canonical_framework(copy.deepcopy(framework_document(seed_framework)))
    assert doc == seed_document()
