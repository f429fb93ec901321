"""The demo's data catalogue: the department's own kind of data over several units, in every
status of the publication workflow, complete where published, personal data never opened, files
that download as CSV, the public's visits of the last weeks, a history in the audit log; the
same on a second run, and a run on a later day adds only that day's visits."""

import csv
import hashlib
import io
from datetime import date, datetime, time, timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from digiorg.accounts.models import User
from digiorg.catalogue import choices
from digiorg.catalogue.completeness import MANDATORY, missing_for_publication
from digiorg.catalogue.models import Dataset, Resource, Visit
from digiorg.catalogue.permissions import public_datasets
from digiorg.catalogue.services import clean_metadata
from digiorg.sample.demo import demo_prepare

DAY = date(2026, 5, 15)
S = Dataset.Status


def check_catalogue(today: date) -> None:
    """What the demo's catalogue holds on `today` (also used by test_demo_year)."""
    datasets = Dataset.objects.filter(organization__code="HSS").select_related("unit")
    assert datasets.count() >= 24
    assert datasets.values("unit").distinct().count() >= 4
    assert set(datasets.values_list("status", flat=True)) == set(S.values)
    categories = set(datasets.values_list("data_category", flat=True))
    assert {choices.PUBLIC_CATEGORY, choices.PERSONAL_CATEGORY, "ข้อมูลใช้ภายใน"} <= categories
    published = datasets.filter(status=S.PUBLISHED)
    assert published.count() >= 8
    for dataset in published:  # complete, with values from the GD Catalog's lists
        assert missing_for_publication(dataset) == [], dataset.name
        clean_metadata(
            {f: getattr(dataset, f) for f in [*MANDATORY, "name"]},
            require_all=True,
            exclude_pk=dataset.pk,
        )
        assert dataset.stage == Dataset.Stage.SHARE
        assert dataset.created_on <= dataset.stored_on <= dataset.shared_on <= today
        assert dataset.shared_on == timezone.localdate(dataset.published_at) + timedelta(days=1)
    # personal data is never opened, nor offered to the public
    personal = datasets.filter(data_category=choices.PERSONAL_CATEGORY)
    assert personal.count() >= 2
    assert not personal.filter(status__in=[S.PUBLISHED, S.PROPOSED, S.WITHDRAWN]).exists()
    assert not public_datasets().filter(data_category=choices.PERSONAL_CATEGORY).exists()
    # drafts still missing fields; the returned and withdrawn ones say why
    drafts = datasets.filter(status=S.DRAFT, data_category=choices.PUBLIC_CATEGORY)
    lacking = [d for d in drafts if {m.field for m in missing_for_publication(d)} & set(MANDATORY)]
    assert len(lacking) >= 2
    for status in (S.RETURNED, S.WITHDRAWN):
        assert all(d.review_comment for d in datasets.filter(status=status))
    assert all(d.withdrawn_at for d in datasets.filter(status=S.WITHDRAWN))
    assert datasets.filter(status=S.PROPOSED).count() >= 2
    # key datasets, shared with named agencies, people of the demo responsible
    assert datasets.filter(is_key=True).count() >= 3
    agencies = {a for d in datasets.filter(sharable=True) for a in d.shared_with}
    assert {"สำนักงานหลักประกันสุขภาพแห่งชาติ", "กรมการปกครอง"} <= agencies
    demo_people = set(User.objects.filter(organization__code="HSS").values_list("pk", flat=True))
    assert set(datasets.values_list("responsible", flat=True)) <= demo_people
    # the public's visits: recent ones, distinct visitors, on opened datasets only, totals kept
    visits = Visit.objects.filter(organization__code="HSS")
    recent = visits.filter(day__gt=today - timedelta(days=14))
    assert recent.filter(resource=None).count() >= 100 and recent.exclude(resource=None).exists()
    assert recent.values("visitor").distinct().count() >= 50
    assert visits.filter(day__gt=today).count() == 0
    visited = set(visits.values_list("dataset__status", flat=True).distinct())
    assert visited == {S.PUBLISHED, S.WITHDRAWN}
    for dataset in datasets.filter(status=S.WITHDRAWN):
        gone = timezone.localdate(dataset.withdrawn_at)
        assert not visits.filter(dataset=dataset, day__gte=gone).exists()
    pages = dict(
        visits.filter(resource=None).values_list("dataset").annotate(n=Count("pk")).order_by()
    )
    for dataset in datasets:
        assert dataset.views_total == pages.get(dataset.pk, 0), dataset.name


def test_the_demo_catalogue(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_prepare(say=lambda _: None, today=DAY)
    check_catalogue(DAY)
    # stored CSV files download as the CSV they say they are
    files = Resource.objects.filter(organization__code="HSS").exclude(file="")
    assert files.count() >= 10 and Resource.objects.exclude(url="").exists()
    for resource in files:
        body = resource.file.open("rb").read()
        assert hashlib.sha256(body).hexdigest() == resource.sha256 and len(body) == resource.size
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert len(rows) >= 6 and len({len(r) for r in rows}) == 1, resource.name
        assert all(cell.isdigit() for cell in rows[1][-1:]), resource.name
    province = Resource.objects.get(file_name="private-facilities-by-province.csv")
    rows = list(csv.reader(io.StringIO(province.file.open("rb").read().decode("utf-8-sig"))))
    assert len(rows) == 1 + 77 and rows[0][:3] == ["ปีงบประมาณ", "เขตสุขภาพ", "จังหวัด"]
    # the history is in the audit log, dated as it was lived
    end = datetime.combine(DAY, time.max, timezone.get_current_timezone())
    kind = ContentType.objects.get_for_model(Dataset)
    for dataset in Dataset.objects.filter(status__in=[S.PUBLISHED, S.WITHDRAWN]):
        log = LogEntry.objects.filter(content_type=kind, object_pk=str(dataset.pk))
        days = {timezone.localdate(t) for t in log.values_list("timestamp", flat=True)}
        assert log.count() >= 4 and len(days) >= 2, dataset.name
        actors = set(log.values_list("actor__username", flat=True))
        assert "secretariat" in actors and len(actors - {None}) == 2, (dataset.name, actors)
        assert dataset.created_at < dataset.published_at <= dataset.modified_at <= end
    assert LogEntry.objects.filter(content_type=kind, timestamp__gt=end).count() == 0


def _state() -> dict:
    return {
        "datasets": sorted(
            Dataset.objects.values_list("name", "status", "version", "modified_at", "views_total")
        ),
        "resources": sorted(Resource.objects.values_list("name", "sha256", "views_total")),
        "visits": Visit.objects.count(),
        "log": LogEntry.objects.count(),
    }


def test_a_second_run_changes_nothing_and_a_later_day_adds_its_visits(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_prepare(say=lambda _: None, today=DAY)
    before = _state()
    said: list[str] = []
    demo_prepare(say=said.append, today=DAY)
    assert _state() == before
    assert "data catalogue: 31 datasets (13 published, 4 proposed), 0 visits added" in said
    old = set(Visit.objects.values_list("dataset__name", "resource__name", "day", "visitor"))
    later = DAY + timedelta(days=3)
    demo_prepare(say=lambda _: None, today=later)
    now = set(Visit.objects.values_list("dataset__name", "resource__name", "day", "visitor"))
    assert old < now
    assert {day for _d, _r, day, _v in now - old} == {DAY + timedelta(days=n) for n in (1, 2, 3)}
    assert Dataset.objects.count() == len(before["datasets"])
    check_catalogue(later)
