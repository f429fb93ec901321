"""The unit filter's options (the `unit_options` tag): what the evidence library and the plan
page list, in the person's language, the chosen unit marked, names escaped."""

import pytest
from django.template import engines
from django.utils import translation

from digiorg.org.models import OrgUnit

TEMPLATE = engines["django"].from_string(
    "{% unit_options units unit %}|{% unit_options units unit codes=False %}"
)


@pytest.fixture
def units(world):
    r1, r2 = world.units["R1"], world.units["R2"]
    r1.name_en = "Region One"
    r1.save(update_fields=["name_en"])
    r2.name_en = ""  # no English name: the Thai one is shown
    r2.name_th = "กลุ่ม <ทดสอบ> & งาน"
    r2.save(update_fields=["name_en", "name_th"])
    return OrgUnit.objects.filter(pk__in=[world.units["R1"].pk, r2.pk]).order_by("path")


def test_options_in_thai_with_the_chosen_unit(world, units):
    r1, r2 = world.units["R1"], world.units["R2"]
    with translation.override("th"):
        coded, plain = TEMPLATE.render({"units": units, "unit": r1}).split("|")
    assert coded.count("<option") == 2 and coded.count(" selected") == 1
    assert f'<option value="{r1.pk}" selected>{r1.code} · {r1.name_th}</option>' in coded
    assert f'<option value="{r2.pk}">{r2.code} · กลุ่ม &lt;ทดสอบ&gt; &amp; งาน</option>' in coded
    assert f'<option value="{r1.pk}" selected>{r1.name_th}</option>' in plain


def test_options_in_english_and_from_a_list(world, units):
    r1 = world.units["R1"]
    with translation.override("en"):
        coded, _ = TEMPLATE.render({"units": list(units), "unit": None}).split("|")
    assert " selected" not in coded
    assert f"{r1.code} · Region One</option>" in coded
    assert "กลุ่ม &lt;ทดสอบ&gt; &amp; งาน" in coded  # Thai when there is no English name
