from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from digiorg.core.thai import format_date, thai_digits


def test_thai_date_is_in_the_buddhist_era():
    assert format_date(date(2024, 11, 8), "th") == "8 พฤศจิกายน 2567"
    assert format_date(date(2024, 11, 8), "th", abbreviated=True) == "8 พ.ย. 2567"


def test_english_date_is_gregorian():
    assert format_date(date(2024, 11, 8), "en") == "8 November 2024"


def test_aware_datetime_is_shown_in_bangkok_time():
    moment = datetime(2024, 9, 30, 18, 30, tzinfo=ZoneInfo("UTC"))  # 1 Oct 01:30 in Bangkok
    assert format_date(moment, "th", with_time=True) == "1 ตุลาคม 2567 เวลา 01:30 น."


@override_settings(DIGIORG_BUDDHIST_ERA=False)
def test_gregorian_setting():
    assert format_date(date(2024, 11, 8), "th") == "8 พฤศจิกายน 2024"


def test_thai_digits():
    assert thai_digits("0701.4/3250") == "๐๗๐๑.๔/๓๒๕๐"


def test_template_filters_follow_the_active_language():
    template = Template("{{ d|thaidate }} {{ n|thaidigits }}")
    context = Context({"d": date(2025, 9, 30), "n": 2568})
    with translation.override("th"):
        assert template.render(context) == "30 กันยายน 2568 ๒๕๖๘"
    with translation.override("en"):
        assert template.render(context) == "30 September 2025 ๒๕๖๘"
