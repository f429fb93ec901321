"""The same day gives the same demo whatever the database's ids (and on SQLite as on
PostgreSQL), and the demo is dated as it was lived: nothing after its day, the audit trail
spread over the years, each report sent after its quarter ended."""

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from auditlog.models import LogEntry
from django.db import transaction
from django.utils import timezone

from digiorg.accounts.models import User
from digiorg.assessments.models import AssessmentEvent, CriterionAssessment
from digiorg.catalogue.models import Dataset, Resource, Visit
from digiorg.core.fiscal import fiscal_quarter_bounds, fiscal_year_bounds
from digiorg.cycles.models import Cycle
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.org.models import OrgUnit
from digiorg.org.services import unit_create
from digiorg.plans.models import Action, ActionEvent, ProgressReport
from digiorg.sample.demo import UNITS, demo_prepare

A = CriterionAssessment
DAY = date(2026, 5, 15)  # a past day: FY 2569, its third quarter in progress


class Rollback(Exception):
    pass


# what the demo holds, by codes, titles and numbers (no ids), with its times
FINGERPRINT = {
    Action: ["cycle__fiscal_year", "unit__code", "title", "status", "start_date", "end_date",
             "percent_done", "created_at", "updated_at"],
    ProgressReport: ["action__cycle__fiscal_year", "action__unit__code", "action__title",
                     "quarter", "status", "percent_done", "submitted_at", "reviewed_at"],
    A: ["cycle__organization__code", "cycle__fiscal_year", "unit__code", "criterion__position",
        "result", "status", "submitted_at", "reviewed_at"],
    A.evidence.through: ["criterionassessment__cycle__fiscal_year",
                         "criterionassessment__unit__code",
                         "criterionassessment__criterion__position", "evidence__title"],
    Evidence: ["unit__code", "title", "expiry_date", "created_at"],
    Dataset: ["unit__code", "name", "title", "status", "data_category", "is_key", "shared_with",
              "stage", "shared_on", "responsible__username", "review_comment", "version",
              "created_at", "modified_at", "published_at", "reviewed_at", "withdrawn_at",
              "views_total"],
    Resource: ["dataset__name", "position", "name", "url", "file_name", "size", "sha256",
               "created_at", "views_total"],
    Visit: ["dataset__name", "resource__position", "day", "visitor"],
}  # fmt: skip


def _fingerprint() -> dict[str, list]:
    return {
        model.__name__: sorted(model.objects.values_list(*fields), key=repr)  # None sorts too
        for model, fields in FINGERPRINT.items()
    }


def _shuffled_ids() -> None:
    """Ids far from those of a fresh database (paths of other lengths, so another text order)
    and the department's top units made first, in reverse order."""
    junk = unit_create(parent=None, kind=OrgUnit.Kind.DEPARTMENT, code="JUNK", name_th="ทดลอง")
    for n in range(95):
        unit_create(parent=junk, kind=OrgUnit.Kind.DIVISION, code=f"J{n}", name_th=f"ทดลอง {n}")
    OrgUnit.objects.filter(parent=junk).delete()  # the department stays: it plans nothing
    ministry = unit_create(
        parent=None, kind=OrgUnit.Kind.MINISTRY, code="MOPH", name_th="กระทรวงสาธารณสุข",
        name_en="Ministry of Public Health",
    )  # fmt: skip
    code, _parent, kind, name_th, name_en = UNITS[0]
    department = unit_create(
        parent=ministry, kind=kind, code=code, name_th=name_th, name_en=name_en
    )
    for code, parent, kind, name_th, name_en in reversed(UNITS):
        if parent == "HSS":
            unit_create(parent=department, kind=kind, code=code, name_th=name_th, name_en=name_en)


def test_the_same_day_gives_the_same_demo_whatever_the_ids(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(Rollback), transaction.atomic():
        demo_prepare(say=lambda _: None, today=DAY)
        first = _fingerprint()
        raise Rollback
    _shuffled_ids()
    demo_prepare(say=lambda _: None, today=DAY)
    again = _fingerprint()
    assert all(first.values())
    for part in first:
        assert again[part] == first[part], part
    # Region 1's coordinator always has a draft, a returned action and one under way
    region = Action.objects.filter(
        cycle__fiscal_year=2569, unit__code__in=["R1", "R1-STD", "R1-ADM"]
    )
    assert {"draft", "returned", "in_progress"} <= set(region.values_list("status", flat=True))


def _local(moment: datetime) -> date:
    return timezone.localdate(moment)


def test_the_demo_is_dated_as_it_was_lived(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_prepare(say=lambda _: None, today=DAY)
    end_of_day = datetime.combine(DAY, time.max, timezone.get_current_timezone())
    oldest = fiscal_year_bounds(2567)[0]
    stamped = [
        (Action, "created_at"), (Action, "updated_at"), (ActionEvent, "created_at"),
        (ProgressReport, "submitted_at"), (ProgressReport, "reviewed_at"), (A, "updated_at"),
        (A, "submitted_at"), (A, "reviewed_at"), (AssessmentEvent, "created_at"),
        (Evidence, "created_at"), (Evidence, "updated_at"), (EvidenceRevision, "uploaded_at"),
        (Cycle, "created_at"), (LogEntry, "timestamp"), (User, "date_joined"),
        (Dataset, "created_at"), (Dataset, "modified_at"), (Dataset, "published_at"),
        (Resource, "created_at"),
    ]  # fmt: skip
    for model, field in stamped:
        moments = [m for m in model.objects.values_list(field, flat=True) if m is not None]
        assert moments, (model, field)
        assert max(moments) <= end_of_day, (model, field, max(moments))
        assert min(moments) >= datetime.combine(oldest, time.min, end_of_day.tzinfo) - timedelta(
            days=30
        ), (model, field, min(moments))
    # the audit trail spreads over the three years, the plans' "last updated" too
    days = {_local(t) for t in LogEntry.objects.values_list("timestamp", flat=True)}
    assert len(days) >= 150
    stamps = list(LogEntry.objects.values_list("timestamp", flat=True))
    assert max(Counter(stamps).values()) < len(stamps) / 20  # not all at one moment
    assert Action.objects.values("updated_at").distinct().count() >= 50
    # an action is planned after its cycle opened; a quarter's report is sent after the
    # quarter ended and reviewed after it was sent
    for action in Action.objects.select_related("cycle"):
        assert action.created_at > action.cycle.created_at, action
    reports = ProgressReport.objects.exclude(submitted_at=None).select_related("action__cycle")
    first_quarters = 0
    for report in reports:
        quarter_end = fiscal_quarter_bounds(report.action.cycle.fiscal_year, report.quarter)[1]
        if quarter_end < DAY:
            assert _local(report.submitted_at) > quarter_end, report
            first_quarters += report.quarter == 1
        if report.reviewed_at is not None:
            assert report.reviewed_at > report.submitted_at, report
    assert first_quarters >= 20
    # the closed years' answers were given, sent and verified within their year
    for fy in (2567, 2568):
        start, end = fiscal_year_bounds(fy)
        for given, sent, read in A.objects.filter(
            cycle__fiscal_year=fy, cycle__organization__code="HSS"
        ).values_list("updated_at", "submitted_at", "reviewed_at"):
            assert start <= _local(sent) <= _local(read) <= end
            assert _local(given) <= end
