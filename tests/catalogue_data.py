"""Shared data of the catalogue tests: a complete dataset (every mandatory GD Catalog field), with
a link resource, in any status."""

import itertools

from django.utils import timezone

from digiorg.catalogue.models import Dataset, Resource

_numbers = itertools.count(1)

COMPLETE = {
    "data_type": "ข้อมูลสถิติ",
    "maintainer": "กลุ่มเทคโนโลยีสารสนเทศ",
    "maintainer_email": "data@hss.go.th",
    "notes": "จำนวนสถานพยาบาลเอกชนที่ได้รับอนุญาต จำแนกตามจังหวัด",
    "tags": ["สถานพยาบาล", "จังหวัด"],
    "objectives": ["พันธกิจหน่วยงาน"],
    "update_frequency_unit": "ปี",
    "geo_coverage": "จังหวัด",
    "data_source": "กองสถานพยาบาลและการประกอบโรคศิลปะ",
    "data_formats": ["CSV"],
    "data_category": "ข้อมูลสาธารณะ",
    "license_id": "Open Data Common",
    "data_classification": "เปิดเผย",
}


def make_dataset(unit, *, status=Dataset.Status.PUBLISHED, resources=1, **fields) -> Dataset:
    """A complete dataset of `unit` in `status`, written straight to the database (no service,
    no audit): data for tests of what reads the catalogue."""
    number = next(_numbers)
    values = {
        **COMPLETE,
        "title": f"สถานพยาบาลเอกชนที่ได้รับอนุญาต ชุดที่ {number}",
        "name": f"private-hospitals-{number}",
        **fields,
    }
    dataset = Dataset(organization_id=unit.organization_id, unit=unit, status=status, **values)
    if status == Dataset.Status.PUBLISHED:
        dataset.published_at = timezone.now()
    dataset.refresh_search_text()
    dataset.save()
    for position in range(resources):
        Resource.objects.create(
            organization_id=unit.organization_id,
            dataset=dataset,
            name=f"ข้อมูลปี {2566 + position}",
            url=f"https://data.hss.go.th/files/{dataset.name}-{position}.csv",
            format="CSV",
            mimetype="text/csv",
            size=1024 * (position + 1),
            position=position,
        )
    return dataset
