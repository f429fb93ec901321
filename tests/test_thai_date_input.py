"""Dates as people type them in the web forms: dd/mm/yyyy in the Buddhist era (the Christian era
when the site shows Christian-era dates), Thai digits, and a clear Thai message for anything else."""

from datetime import date

import pytest
from django.test import override_settings
from django.utils import translation

from digiorg.core.datefields import ThaiDateField, ThaiDateInput
from digiorg.core.thaidates import TypedDateError, format_typed_date, input_era, parse_typed_date


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("15/01/2569", date(2026, 1, 15)),
        ("1/10/2568", date(2025, 10, 1)),
        ("๑๕/๐๑/๒๕๖๙", date(2026, 1, 15)),
        ("  15/01/2569  ", date(2026, 1, 15)),
        ("15 / 01 / 2569", date(2026, 1, 15)),
        ("29/02/2567", date(2024, 2, 29)),  # 2024 is a leap year
        ("15-01-2569", date(2026, 1, 15)),
        ("2026-01-15", date(2026, 1, 15)),  # ISO 8601 is always the Christian era
    ],
)
def test_buddhist_era_is_read(typed, expected):
    assert parse_typed_date(typed) == expected


def test_empty_is_none():
    assert parse_typed_date("   ") is None


@pytest.mark.parametrize(
    "typed, words",
    [
        ("31/02/2569", "กุมภาพันธ์ 2569 ไม่มีวันที่ 31"),
        ("29/02/2568", "กุมภาพันธ์ 2568 ไม่มีวันที่ 29"),
        ("15/13/2569", "ไม่มีเดือนที่ 13"),
        ("00/01/2569", "มกราคม 2569 ไม่มีวันที่ 0"),
        ("15/01/69", "ปีให้ครบ 4 หลัก"),
        ("15/01/569", "ปีให้ครบ 4 หลัก"),
        ("15/01/2026", "2026 เป็นปีคริสต์ศักราช"),
        ("15/01/3111", "ไม่รับปี 3111"),
        ("15 มกราคม 2569", "ไม่ใช่วันที่"),
        ("2569-01-15", "ไม่ใช่วันที่"),
        ("2026-02-30", "ไม่ใช่วันที่"),
        ("15/01-2569", "ไม่ใช่วันที่"),
    ],
)
def test_bad_input_names_the_expected_format(typed, words):
    with pytest.raises(TypedDateError) as refused:
        parse_typed_date(typed)
    message = str(refused.value)
    assert words in message
    assert "วว/ดด/ปปปป" in message and "พุทธศักราช" in message


@override_settings(DIGIORG_BUDDHIST_ERA=False)
def test_christian_era_setting():
    assert input_era() == "ce"
    assert parse_typed_date("15/01/2026") == date(2026, 1, 15)
    assert parse_typed_date("๑๕/๐๑/๒๐๒๖") == date(2026, 1, 15)
    with pytest.raises(TypedDateError, match=r"2569 เป็นปีพุทธศักราช.*คริสต์ศักราช"):
        parse_typed_date("15/01/2569")
    assert format_typed_date(date(2026, 1, 15)) == "15/01/2026"


def test_english_pages_type_the_christian_era():
    with translation.override("en"):
        assert input_era() == "ce"
        assert parse_typed_date("15/01/2026") == date(2026, 1, 15)
        with pytest.raises(TypedDateError, match="Buddhist-era year"):
            parse_typed_date("15/01/2569")


def test_the_field_shows_and_reads_the_same_format():
    field = ThaiDateField()
    assert field.clean("๑๕/๐๑/๒๕๖๙") == date(2026, 1, 15)
    html = ThaiDateInput().render("start_date", date(2026, 1, 15), {"id": "id_start_date"})
    assert 'value="15/01/2569"' in html
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'aria-describedby="id_start_date-format"' in html
    assert 'id="id_start_date-format"' in html and "วว/ดด/ปปปป" in html
    assert "data-thaidate=" in html and "มกราคม" in html
    # what was typed comes back as typed when it is refused
    assert 'value="31/02/2569"' in ThaiDateInput().render("d", "31/02/2569")


def test_the_field_refuses_with_a_form_error():
    from django import forms

    with pytest.raises(forms.ValidationError) as refused:
        ThaiDateField().clean("15/01/69")
    assert "ปีให้ครบ 4 หลัก" in refused.value.messages[0]
