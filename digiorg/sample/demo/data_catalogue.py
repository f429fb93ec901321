"""The demo's data catalogue (datasets.py's table) written through the catalogue's services, dated
as it was lived: each unit describes its datasets, proposes the open ones, the secretariat (the
data governance working group) approves or returns them, one is withdrawn; the public visits the
published ones over the last weeks (the usage statistics).

The datasets are written on the first run only. Visits are drawn per dataset and day from those
two alone, so a later run on the same day adds nothing, and a run on a later day adds only the
days since."""

import csv
import hashlib
import io
import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from auditlog.context import set_actor
from django.core.files.base import ContentFile
from django.utils import timezone

from digiorg.accounts.models import User
from digiorg.catalogue import services
from digiorg.catalogue.models import Dataset, Resource, Visit
from digiorg.core.fiscal import fiscal_year
from digiorg.core.thai import MONTHS_TH_ABBR
from digiorg.evidence.uploads import upload_inspect
from digiorg.org.models import OrgUnit

from .clock import DemoClock, spread, units_by_code
from .datasets import DATASETS, PERSONAL, PUBLIC, Entry
from .plans import MEMBERS, coordinator

S = Dataset.Status
VISIT_WEEKS = 8
VISITORS = 500  # the pool of anonymous visitors the demo draws from
MIMETYPES = {"CSV": "text/csv", "JSON": "application/json", "HTML": "text/html",
             "PDF": "application/pdf", "SHP": "application/zip"}  # fmt: skip
CLASSIFICATION = {PUBLIC: "เปิดเผย", PERSONAL: "ลับ"}  # otherwise: internal circulation
PROVINCES = {
    1: "เชียงใหม่ ลำพูน ลำปาง แพร่ น่าน พะเยา เชียงราย แม่ฮ่องสอน",
    2: "ตาก พิษณุโลก เพชรบูรณ์ สุโขทัย อุตรดิตถ์",
    3: "ชัยนาท นครสวรรค์ อุทัยธานี กำแพงเพชร พิจิตร",
    4: "นนทบุรี ปทุมธานี พระนครศรีอยุธยา อ่างทอง ลพบุรี สิงห์บุรี สระบุรี นครนายก",
    5: "ราชบุรี กาญจนบุรี สุพรรณบุรี นครปฐม สมุทรสาคร สมุทรสงคราม เพชรบุรี ประจวบคีรีขันธ์",
    6: "สมุทรปราการ ชลบุรี ระยอง จันทบุรี ตราด ฉะเชิงเทรา ปราจีนบุรี สระแก้ว",
    7: "ขอนแก่น มหาสารคาม ร้อยเอ็ด กาฬสินธุ์",
    8: "อุดรธานี สกลนคร นครพนม เลย หนองคาย หนองบัวลำภู บึงกาฬ",
    9: "นครราชสีมา ชัยภูมิ บุรีรัมย์ สุรินทร์",
    10: "อุบลราชธานี ศรีสะเกษ ยโสธร อำนาจเจริญ มุกดาหาร",
    11: "สุราษฎร์ธานี ชุมพร นครศรีธรรมราช กระบี่ พังงา ภูเก็ต ระนอง",
    12: "สงขลา สตูล ตรัง พัทลุง ปัตตานี ยะลา นราธิวาส",
    13: "กรุงเทพมหานคร",
}
# provinces with many more facilities than the others (their figures are drawn near the top)
LARGE = {"เชียงใหม่", "พิษณุโลก", "นครสวรรค์", "นนทบุรี", "ปทุมธานี", "นครปฐม", "ชลบุรี", "ขอนแก่น",
         "อุดรธานี", "นครราชสีมา", "อุบลราชธานี", "สุราษฎร์ธานี", "ภูเก็ต", "สงขลา"}  # fmt: skip
DISTRICTS = {
    "เชียงใหม่": "เมืองเชียงใหม่ จอมทอง แม่แจ่ม เชียงดาว ดอยสะเก็ด แม่แตง แม่ริม สะเมิง ฝาง แม่อาย "
    "พร้าว สันป่าตอง สันกำแพง สันทราย หางดง ฮอด ดอยเต่า อมก๋อย สารภี เวียงแหง ไชยปราการ แม่วาง "
    "แม่ออน ดอยหล่อ กัลยาณิวัฒนา",
    "ลำพูน": "เมืองลำพูน แม่ทา บ้านโฮ่ง ลี้ ทุ่งหัวช้าง ป่าซาง บ้านธิ เวียงหนองล่อง",
}
ROWS: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]] = {
    "provinces": (("เขตสุขภาพ", "จังหวัด"),
                  [(str(n), p) for n, names in PROVINCES.items() for p in names.split()]),
    "region1": (("จังหวัด",), [(p,) for p in PROVINCES[1].split()]),
    "region2": (("จังหวัด",), [(p,) for p in PROVINCES[2].split()]),
    "districts": (("จังหวัด", "อำเภอ"),
                  [(p, d) for p, names in DISTRICTS.items() for d in names.split()]),
    "equipment": (("ประเภทเครื่องมือแพทย์",), [(kind,) for kind in (
        "เครื่องช่วยหายใจ", "เครื่องกระตุกหัวใจไฟฟ้า", "เครื่องติดตามสัญญาณชีพ",
        "เครื่องควบคุมการให้สารละลาย", "ตู้อบทารก", "เครื่องดมยาสลบ", "เครื่องเอกซเรย์",
        "เครื่องตรวจอวัยวะภายในด้วยคลื่นเสียง", "เครื่องนึ่งฆ่าเชื้อ", "เครื่องวัดความดันโลหิต")]),
    "complaints": (("ประเภทเรื่องร้องเรียน",), [(kind,) for kind in (
        "ค่ารักษาพยาบาลสูงเกินสมควร", "มาตรฐานการให้บริการ", "การโฆษณาสถานพยาบาล",
        "ผู้ให้บริการไม่มีใบอนุญาต", "สถานประกอบการเพื่อสุขภาพไม่ได้รับอนุญาต",
        "การปฏิเสธการรักษาผู้ป่วยฉุกเฉิน", "อื่น ๆ")]),
}  # fmt: skip


def _months(today: date) -> list[tuple[str, ...]]:
    """The twelve whole months before `today`'s month, oldest first, in Thai."""
    first = today.replace(day=1)
    months: list[tuple[str, ...]] = []
    for _ in range(12):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append((f"{MONTHS_TH_ABBR[first.month - 1]} {first.year + 543}",))
    return months[::-1]


def csv_bytes(entry: Entry, spec, today: date) -> bytes:
    """A dataset's CSV file (UTF-8 with a BOM, as Excel opens Thai): the rows of `spec`, the
    values drawn from the dataset, the file and the last closed fiscal year. Figures in a row
    rise and fall together, and a part (passed, closed) never exceeds the whole."""
    file_name, _resource, rows, columns = spec
    year = fiscal_year(today) - 1
    rng = random.Random(f"{entry.name}|{file_name}|{year}")
    labels: tuple[str, ...]
    lines: list[tuple[str, ...]]
    if rows == "months":
        labels, lines = ("เดือน",), list(_months(today))
    else:
        labels, lines = ROWS[rows]
        labels, lines = ("ปีงบประมาณ", *labels), [(str(year), *line) for line in lines]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*labels, *(header for header, _low, _high in columns)])
    for line in lines:
        size = 1.0 if "กรุงเทพมหานคร" in line else rng.random()
        if line[-1] in LARGE or line[-1].startswith("เมือง"):
            size = 0.75 + 0.25 * size
        values: list[int] = []
        for _header, low, high in columns:
            value = low + round((high - low) * (0.8 * size + 0.2 * rng.random()))
            if "กรุงเทพมหานคร" in line and high > 100:
                value *= 3
            if values and (values[0] == 0 or high <= columns[0][2]):
                value = min(value, values[0])
            values.append(value)
        writer.writerow([*line, *values])
    return out.getvalue().encode("utf-8-sig")


def _fields(entry: Entry, unit: OrgUnit, day: date) -> dict:
    """The dataset's metadata as its unit first writes it (the `missing` fields left empty)."""
    created = day - timedelta(days=spread(entry.name, 30, 700))
    last_year = fiscal_year(day) - 1
    fields = {
        "name": entry.name, "title": entry.title, "data_type": entry.data_type,
        "maintainer": unit.name_th, "maintainer_email": f"{unit.code.lower()}.data@demo.digiorg.invalid",
        "notes": entry.notes, "tags": list(entry.tags), "objectives": list(entry.objectives),
        "update_frequency_unit": entry.frequency,
        "update_frequency_interval": 1 if entry.frequency in ("ปี", "ไตรมาส", "เดือน") else None,
        "geo_coverage": entry.geo, "data_source": entry.source, "data_formats": list(entry.formats),
        "data_category": entry.category, "license_id": entry.license,
        "data_classification": CLASSIFICATION.get(entry.category, "ชั้นเผยแพร่ภายในองค์กร"),
        "data_languages": ["ไทย"], "created_date": created, "last_updated_date": day,
        "first_year_of_data": last_year - 4, "last_year_of_data": last_year,
        "unit_of_measure": entry.unit_of_measure, "is_key": entry.key,
        "high_value_dataset": entry.key and entry.category == PUBLIC,
        "allow_harvest": entry.category == PUBLIC, "sharable": bool(entry.shared_with),
        "shared_with": list(entry.shared_with), "share_conditions": entry.share_conditions,
        "stage": Dataset.Stage.STORE, "created_on": created,
        "stored_on": created + timedelta(days=spread((entry.name, "stored"), 1, 20)),
    }  # fmt: skip
    if entry.story == "archived":
        fields["used_on"] = fields["stored_on"]
    for name in entry.missing:
        fields[name] = [] if isinstance(fields[name], list) else ""
    return fields


def _resources(dataset: Dataset, entry: Entry, today: date) -> None:
    """The dataset's files (generated CSV, stored as an upload is) and links."""
    position = 0
    for spec in entry.files:
        upload = ContentFile(csv_bytes(entry, spec, today), name=spec[0])
        info = upload_inspect(upload)
        resource = Resource(
            organization_id=dataset.organization_id, dataset=dataset, name=spec[1],
            file_name=info.name, format="CSV", mimetype=info.content_type, size=info.size,
            sha256=info.sha256, position=position,
        )  # fmt: skip
        resource.file.save(info.name, upload, save=False)
        resource.save()
        position += 1
    for name, url, fmt in entry.links:
        Resource.objects.create(
            organization_id=dataset.organization_id, dataset=dataset, name=name, url=url,
            format=fmt, mimetype=MIMETYPES.get(fmt, ""), position=position,
        )  # fmt: skip
        position += 1


Step = tuple[date, int, str, Entry]


def _steps(entry: Entry, today: date) -> list[Step]:
    """(day, order, step, entry) of the dataset's story (see datasets.py)."""
    days = [today - timedelta(days=ago) for ago in entry.ago]
    steps = [(days[0], 0, "create", entry)]
    if entry.story in ("internal", "personal", "archived") and entry.ago[0] > 14:
        steps.append((days[0] + timedelta(days=14), 1, "use", entry))
    if entry.story in ("published", "withdrawn", "proposed", "returned"):
        steps.append((days[1], 1, "propose", entry))
    if entry.story in ("published", "withdrawn"):
        # the unit records the next day that the data is now shared (opened)
        steps += [(days[2], 2, "approve", entry), (days[2] + timedelta(days=1), 3, "share", entry)]
    if entry.story == "returned":
        steps.append((days[2], 2, "return", entry))
    if entry.story == "withdrawn":
        steps.append((days[3], 4, "withdraw", entry))
    return steps


def demo_data_catalogue(
    organization: OrgUnit, today: date, say: Callable[[str], None], clock: DemoClock
) -> None:
    names = [entry.name for entry in DATASETS]
    if not Dataset.objects.filter(organization=organization, name__in=names).exists():
        _write(organization, today, clock)
    visits = _visits(organization, today)
    datasets = Dataset.objects.filter(organization=organization)
    counts = Counter(datasets.values_list("status", flat=True))
    say(
        f"data catalogue: {sum(counts.values())} datasets ({counts[S.PUBLISHED]} published,"
        f" {counts[S.PROPOSED]} proposed), {visits} visits added"
    )


def _write(organization: OrgUnit, today: date, clock: DemoClock) -> None:
    people = {u.username: u for u in User.objects.filter(organization=organization)}
    units = units_by_code(organization)
    secretariat = people["secretariat"]
    steps = sorted(
        (step for entry in DATASETS for step in _steps(entry, today)),
        key=lambda s: (s[0], s[1], s[3].name),
    )
    written: dict[str, Dataset] = {}
    for day, _order, step, entry in steps:
        clock.at(day, (entry.name, step))
        unit = units[entry.unit]
        writer = people.get(MEMBERS.get(entry.unit, ""), coordinator(people, entry.unit))
        actor = secretariat if step in ("approve", "return", "withdraw") else writer
        with set_actor(actor):  # the history names who did it, as a signed-in change does
            written[entry.name] = _step(step, entry, day, unit, writer, secretariat, written, today)


def _step(
    step: str,
    entry: Entry,
    day: date,
    unit: OrgUnit,
    writer: User,
    secretariat: User,
    written: dict[str, Dataset],
    today: date,
) -> Dataset:
    """One step of a dataset's story, by its unit's writer or the secretariat."""
    if step == "create":
        responsible = User.objects.get(username=entry.responsible) if entry.responsible else writer
        fields = _fields(entry, unit, day)
        dataset = services.dataset_create(
            actor=writer, unit=unit, responsible=responsible, **fields
        )
        _resources(dataset, entry, today)
        return dataset
    dataset = written[entry.name]
    if step == "use":
        stage = Dataset.Stage.SHARE if entry.shared_with else Dataset.Stage.USE
        dates = {"used_on": day, "shared_on": day if entry.shared_with else None}
        if entry.story == "archived":
            stage, dates = Dataset.Stage.ARCHIVE, {"archived_on": day}
        dataset = services.dataset_update(
            dataset, actor=writer, version=dataset.version, stage=stage, **dates
        )
    elif step == "propose":
        dataset = services.dataset_propose(dataset, actor=writer, version=dataset.version)
    elif step in ("approve", "return"):
        dataset = services.dataset_review(
            dataset, actor=secretariat, version=dataset.version, approve=step == "approve",
            comment=entry.comment if step == "return" else "",
        )  # fmt: skip
    elif step == "share":
        fields = {key: getattr(dataset, key) for key in _fields(entry, unit, day)}
        fields.update(stage=Dataset.Stage.SHARE, used_on=day, shared_on=day)
        dataset = services.dataset_update(dataset, actor=writer, version=dataset.version, **fields)
    elif step == "withdraw":
        dataset = services.dataset_withdraw(
            dataset, actor=secretariat, version=dataset.version, comment=entry.comment
        )
    return dataset


def visitor_hash(number: int) -> str:
    """An anonymous visitor as the statistics keep one (a hash, never an address)."""
    return hashlib.sha256(f"demo-visitor-{number}".encode()).hexdigest()


def _day_visits(entry: Entry, day: date, resources: list[int]) -> list[tuple[int | None, str]]:
    """(resource id or None for the page, visitor) of one dataset on one day: drawn from the
    dataset and the day alone; fewer at weekends; some visitors download a file."""
    rng = random.Random(f"{entry.name}|{day.isoformat()}")
    weight = 0.35 if day.weekday() >= 5 else 1.0
    count = min(VISITORS, round(entry.popularity * weight * rng.uniform(0.4, 1.6)))
    visits: list[tuple[int | None, str]] = []
    for number in sorted(rng.sample(range(VISITORS), count)):
        visits.append((None, visitor_hash(number)))
        for resource in resources:
            if rng.random() < 0.3:
                visits.append((resource, visitor_hash(number)))
    return visits


def _visits(organization: OrgUnit, today: date) -> int:
    """The public's visits to the catalogue's opened datasets over the last weeks (until a
    dataset was withdrawn), those not there yet; then each dataset's and resource's total."""
    first = today - timedelta(weeks=VISIT_WEEKS) + timedelta(days=1)
    entries = {entry.name: entry for entry in DATASETS}
    opened = Dataset.objects.filter(
        organization=organization, name__in=entries, published_at__isnull=False
    ).order_by("name")
    resources: dict[int, list[int]] = {}
    for dataset_id, pk in (
        Resource.objects.filter(dataset__in=opened)
        .order_by("position", "pk")
        .values_list("dataset_id", "pk")
    ):
        resources.setdefault(dataset_id, []).append(pk)
    existing = set(
        Visit.objects.filter(dataset__in=opened, day__gte=first).values_list(
            "dataset_id", "resource_id", "day", "visitor"
        )
    )
    new: list[Visit] = []
    for dataset in opened:
        assert dataset.published_at is not None
        start = max(first, timezone.localdate(dataset.published_at) + timedelta(days=1))
        end = (
            timezone.localdate(dataset.withdrawn_at) - timedelta(days=1)
            if dataset.withdrawn_at
            else today
        )
        day = start
        while day <= end:
            for resource_id, visitor in _day_visits(
                entries[dataset.name], day, resources.get(dataset.pk, [])
            ):
                if (dataset.pk, resource_id, day, visitor) not in existing:
                    new.append(
                        Visit(organization=organization, dataset=dataset, resource_id=resource_id,
                              day=day, visitor=visitor)
                    )  # fmt: skip
            day += timedelta(days=1)
    Visit.objects.bulk_create(new, batch_size=1000)
    _totals(organization)
    return len(new)


def _totals(organization: OrgUnit) -> None:
    """views_total: a dataset's page visits, a resource's downloads (each visitor once a day)."""
    pages = Counter(
        Visit.objects.filter(organization=organization, resource=None).values_list(
            "dataset_id", flat=True
        )
    )
    downloads = Counter(
        Visit.objects.filter(organization=organization, resource__isnull=False).values_list(
            "resource_id", flat=True
        )
    )
    for pk, total in Dataset.objects.filter(organization=organization).values_list(
        "pk", "views_total"
    ):
        if pages[pk] != total:
            Dataset.objects.filter(pk=pk).update(views_total=pages[pk])
    for pk, total in Resource.objects.filter(organization=organization).values_list(
        "pk", "views_total"
    ):
        if downloads[pk] != total:
            Resource.objects.filter(pk=pk).update(views_total=downloads[pk])
