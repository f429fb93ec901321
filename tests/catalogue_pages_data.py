"""Helpers of the register's page tests: the form's full POST data, reading what a page shows."""

import re
from html import unescape

from django.urls import reverse

from digiorg.catalogue.models import Dataset

from .catalogue_data import COMPLETE

# Every field of the form, as a person fills it in (multi-value fields as lists, dates typed)
FORM = {
    **{k: v for k, v in COMPLETE.items() if k not in ("tags",)},
    "title": "สถานพยาบาลเอกชนที่ได้รับอนุญาต จำแนกตามจังหวัด",
    "name": "private-hospitals-by-province",
    "tags": "สถานพยาบาล, จังหวัด, ใบอนุญาต",
    "objectives": ["พันธกิจหน่วยงาน", "เพื่อการให้บริการประชาชน"],
    "data_formats": ["CSV", "XLS/XLSX"],
    "data_languages": ["ไทย"],
    "accessible_condition": "",
    "created_date": "01/10/2567",
    "last_updated_date": "",
    "data_release_calendar": "",
    "url": "https://hss.go.th/data",
    "version_label": "2567",
    "allow_harvest": "on",
    "first_year_of_data": "2560",
    "last_year_of_data": "2567",
    "unit_of_measure": "แห่ง",
    "calculation_method": "",
    "is_key": "on",
    "sharable": "on",
    "share_conditions": "ใช้เพื่อการวางแผนเท่านั้น",
    "shared_with": "สำนักงานปลัดกระทรวงสาธารณสุข, กรมการแพทย์",
    "stage": "use",
    "used_on": "15/11/2567",
}


def unbreak(html: str) -> str:
    """Without the word-break hints of |thaibreak (<wbr> and the word's <span class="tw">)."""
    return re.sub(r'<wbr>|<span class="tw">([^<]*)</span>', r"\1", html)


def form_data(**changes) -> dict:
    data = {**FORM, **changes}
    return {k: v for k, v in data.items() if v is not None}


def detail_url(dataset: Dataset) -> str:
    return reverse("catalogue:detail", args=[dataset.pk])


def edit_url(dataset: Dataset) -> str:
    return reverse("catalogue:edit", args=[dataset.pk])


def text(response) -> str:
    """The page's text, tags stripped, spaces collapsed."""
    html = unbreak(response.content.decode())
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def field_errors(response, field: str) -> list[str]:
    """The error messages shown under one field of the dataset form (catalogue/_field.html)."""
    html = response.content.decode()
    match = re.search(
        rf'id="field-{field}">(.*?)(?=<div class="mb-3|<fieldset|</fieldset>)', html, re.S
    )
    assert match, f"no field {field} on the page"
    found = re.findall(r'<div class="invalid-feedback d-block"[^>]*>(.*?)</div>', match[1], re.S)
    return [unescape(m).strip() for m in found]


def value_of(response, field: str) -> str:
    html = response.content.decode()
    match = re.search(
        rf'<(?:input|textarea)[^>]*name="{field}"[^>]*?(?:value="([^"]*)"|>([^<]*))', html
    )
    assert match, f"no input {field}"
    return unescape(match[1] or match[2] or "")


def checked(response, field: str) -> list[str]:
    html = response.content.decode()
    tags = re.findall(rf'<input[^>]*name="{field}"[^>]*>', html)
    return [unescape(re.search(r'value="([^"]*)"', t)[1]) for t in tags if " checked" in t]


def messages_shown(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<div class="alert alert-[a-z]+[^"]*"[^>]*>(.*?)</div>', html, re.S)
    return [
        re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", unbreak(m)))).strip() for m in found
    ]
