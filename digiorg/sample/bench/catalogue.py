"""Catalogue-scale benchmark data: 10,000 published datasets (x factor, at least 50) of the BENCH
department's units, each with 1 to 3 resources (CSV most often) and 2 to 4 Thai tags, plus one
unpublished dataset for every ten published (draft, proposed, returned, withdrawn) so that the
public filter has something to leave out, and anonymous page visits over the last 60 days for
the usage counts. Titles and descriptions are built from Thai words of the department's own data
(health facilities, village health volunteers, medical equipment...) with a province, so a Thai
word matches a realistic share of them.

Shortcuts, as in seed.py: bulk_create, no services, no audit; fixed random seed. Needs the
BENCH department (seeds it first when missing)."""

import random
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from digiorg.catalogue.models import Dataset, Resource, Visit
from digiorg.org.models import OrgUnit

from .common import DEPARTMENT_CODE, Clock, K, Say, department_seeded

FULL_DATASETS = 10_000
NAME_PREFIX = "bench-ds-"
SEARCH_WORD = "สถานพยาบาล"  # in about one title in six
SUBJECTS = [
    ("สถานพยาบาลเอกชนที่ได้รับอนุญาต", ["สถานพยาบาล", "ใบอนุญาต"]),
    ("สถานประกอบการเพื่อสุขภาพ", ["สถานประกอบการ", "สุขภาพ"]),
    ("อาสาสมัครสาธารณสุขประจำหมู่บ้าน", ["อสม", "สาธารณสุข"]),
    ("การซ่อมบำรุงเครื่องมือแพทย์", ["เครื่องมือแพทย์", "ซ่อมบำรุง"]),
    ("เรื่องร้องเรียนบริการสุขภาพ", ["ร้องเรียน", "บริการสุขภาพ"]),
    ("ผู้ประกอบวิชาชีพการแพทย์", ["วิชาชีพ", "บุคลากร"]),
]
PROVINCES = ["กรุงเทพมหานคร", "เชียงใหม่", "ขอนแก่น", "นครราชสีมา", "สงขลา", "ชลบุรี",
             "อุบลราชธานี", "พิษณุโลก", "สุราษฎร์ธานี", "นครศรีธรรมราช"]  # fmt: skip
EXTRA_TAGS = ["จังหวัด", "สถิติรายปี", "ข้อมูลเปิด", "ภูมิภาค", "งบประมาณ"]
FORMATS = [("CSV", "text/csv", 50), ("XLSX", "application/vnd.ms-excel", 20),
           ("JSON", "application/json", 15), ("PDF", "application/pdf", 15)]  # fmt: skip
HIDDEN = [Dataset.Status.DRAFT, Dataset.Status.PROPOSED, Dataset.Status.RETURNED,
          Dataset.Status.WITHDRAWN]  # fmt: skip


def catalogue_size(factor: float) -> int:
    return max(50, round(FULL_DATASETS * factor))


def catalogue_seeded() -> bool:
    return Dataset.objects.filter(name__startswith=NAME_PREFIX).exists()


def _dataset(rng: random.Random, number: int, unit: OrgUnit, status: str, now) -> Dataset:
    subject, subject_tags = SUBJECTS[number % len(SUBJECTS)]
    province = PROVINCES[rng.randrange(len(PROVINCES))]
    year = 2560 + number % 9
    tags = [*subject_tags, *rng.sample(EXTRA_TAGS, rng.randint(0, 2))]
    modified = now - timedelta(minutes=rng.randrange(60 * 24 * 730))
    assert unit.organization_id is not None  # a unit below the department
    dataset = Dataset(
        organization_id=unit.organization_id, unit=unit, name=f"{NAME_PREFIX}{number:05d}",
        title=f"{subject} จังหวัด{province} ปี {year}",
        notes=f"ข้อมูล{subject} จำแนกตามอำเภอ จังหวัด{province} ปีงบประมาณ {year}",
        tags=tags, data_type="ข้อมูลสถิติ", maintainer=unit.name_th,
        maintainer_email="data@bench.digiorg.invalid", objectives=["พันธกิจหน่วยงาน"],
        update_frequency_unit="ปี", geo_coverage="จังหวัด", data_source=unit.name_th,
        data_formats=["CSV"], data_category="ข้อมูลสาธารณะ", license_id="Open Data Common",
        data_classification="เปิดเผย", status=status, created_at=modified - timedelta(days=30),
        modified_at=modified,
        published_at=modified if status == Dataset.Status.PUBLISHED else None,
    )  # fmt: skip
    dataset.refresh_search_text()
    return dataset


def seed_catalogue(factor: float = 1.0, say: Say = print) -> dict[str, float]:
    """The catalogue-scale data; nothing if it is there. Returns seconds per part."""
    if catalogue_seeded():
        say("catalogue scale: the bench datasets are already there, nothing to do")
        return {}
    if not department_seeded():
        from .department import seed_department

        seed_department(factor, say)
    published = catalogue_size(factor)
    hidden = max(len(HIDDEN), published // 10)
    say(f"catalogue scale (factor {factor:g}): {published:,} published datasets, {hidden:,} not")
    rng = random.Random(2569)
    clock = Clock(say)
    now = timezone.now()
    started = time.perf_counter()
    units = list(
        OrgUnit.objects.filter(organization__code=DEPARTMENT_CODE, kind=K.GROUP).order_by("path")
    ) or list(OrgUnit.objects.filter(organization__code=DEPARTMENT_CODE).order_by("path"))
    with transaction.atomic():
        with clock.step("datasets"):
            rows = [
                _dataset(rng, n, units[n % len(units)], Dataset.Status.PUBLISHED, now)
                for n in range(published)
            ] + [
                _dataset(rng, published + n, units[n % len(units)], HIDDEN[n % len(HIDDEN)], now)
                for n in range(hidden)
            ]  # fmt: skip
            datasets = Dataset.objects.bulk_create(rows, batch_size=2000)
        with clock.step("resources"):
            formats = [f for f, _m, w in FORMATS for _ in range(w)]
            mimetypes = {f: m for f, m, _w in FORMATS}
            resources = []
            for dataset in datasets:
                for position in range(rng.choice((1, 1, 2, 3))):
                    fmt = formats[rng.randrange(len(formats))]
                    resources.append(Resource(
                        organization_id=dataset.organization_id, dataset=dataset,
                        name=f"{dataset.title} ({fmt})", format=fmt, mimetype=mimetypes[fmt],
                        url=f"https://data.bench.digiorg.invalid/{dataset.name}/{position}.{fmt.lower()}",
                        size=rng.randrange(1_000, 5_000_000), position=position,
                        created_at=dataset.created_at, modified_at=dataset.modified_at,
                    ))  # fmt: skip
            Resource.objects.bulk_create(resources, batch_size=5000)
        with clock.step("visits"):
            today = timezone.localdate()
            public = [d for d in datasets if d.status == Dataset.Status.PUBLISHED]
            visits = {
                (public[rng.randrange(len(public))], rng.randrange(60), rng.randrange(500))
                for _ in range(published * 2)
            }
            Visit.objects.bulk_create(
                [
                    Visit(organization_id=d.organization_id, dataset=d,
                          day=today - timedelta(days=days), visitor=f"bench-{visitor:04d}")
                    for d, days, visitor in visits
                ],
                batch_size=5000,
            )  # fmt: skip
    total = round(time.perf_counter() - started, 2)
    say(f"catalogue scale done in {total:.1f} s")
    return {**clock.times, "total": total}
