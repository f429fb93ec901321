"""A cycle with known stored scores for the committee's summary: the department's and the
units' figures on the latest day, a snapshot at the end of quarter 2, an older one in quarter 1
and one after quarter 2 (neither of which is "last quarter"), and last year's final scores.

Report day 25 May 2568 (B.E.) is in quarter 3 of FY 2568, so "last quarter" is quarter 2
(ends 31 Mar 2025)."""

from datetime import date

from digiorg.cycles.services import cycle_open
from digiorg.scoring.models import ScoreSnapshot

from .assess_data import answer_topic, assessed_cycle, review
from .plans_data import new_action

TODAY = date(2025, 5, 25)
NOW = date(2025, 5, 20)
END_OF_Q2 = date(2025, 3, 31)

# (self, verified, applicable, answered, verified answers)
OVERALL_NOW = (52.4, 41.0, 20, 12, 5)
OVERALL_Q2 = (40.0, 30.0, 20, 8, 2)
OVERALL_LAST_YEAR = (60.0, 55.0, 20, 20, 20)
DIMENSIONS_NOW = {"1": 65.0, "2": 50.0, "3": 40.0, "4": 55.0, "5": 25.0, "6": 60.0, "7": 70.0}
DIMENSIONS_Q2 = {"1": 70.0, "2": 30.0, "3": 40.0, "4": 50.0, "5": 10.0, "6": 60.0, "7": 70.0}
TOPICS_NOW = {"1.1": 80.0, "2.1": 90.0, "2.2": 12.5, "3.1": 33.3, "4.2": 55.0, "5.1": 20.0}
UNITS_NOW = {"IA": 10.0, "R2": 30.0, "R1": 45.0, "IT": 70.0, "SEC": 90.0}
# the three lowest, lowest first: (ref, Thai title, score, level)
LAGGING_TOPICS = [
    ("2.2", "ข้อมูลเปิดและข้อมูลที่เชื่อมโยงแลกเปลี่ยนได้", "12.5", "ระดับเริ่มต้น"),
    ("5.1", "การบริหารจัดการองค์กรแบบบูรณาการ", "20", "ระดับกำลังพัฒนา"),
    ("3.1", "ภาวะผู้นำดิจิทัล", "33.3", "ระดับกำลังพัฒนา"),
]
LAGGING_UNITS = [
    ("กลุ่มตรวจสอบภายใน", "10", "ระดับเริ่มต้น"),
    ("ศูนย์สนับสนุนบริการสุขภาพที่ 2", "30", "ระดับกำลังพัฒนา"),
    ("ศูนย์สนับสนุนบริการสุขภาพที่ 1", "45", "ระดับพื้นฐาน"),
]
UNPLANNED = "1.1, 2.2, 3.1, 4.2, 5.1"  # scored topics with no action (2.1 has one)


def _row(cycle, day, node=None, unit=None, figures=(None, None, 0, 0, 0), latest=False):
    self_score, verified_score, applicable, answered, verified = figures
    return ScoreSnapshot(
        organization=cycle.organization, cycle=cycle, unit=unit, node=node, day=day,
        latest=latest, self_score=self_score, verified_score=verified_score,
        progress=100 * answered / applicable if applicable else None, applicable=applicable,
        answered=answered, verified=verified,
    )  # fmt: skip


def store_scores(world, cycle, previous) -> None:
    nodes = {n.ref: n for n in cycle.framework.nodes.all()}
    ScoreSnapshot.objects.filter(cycle__in=[cycle, previous]).delete()
    rows = [
        _row(cycle, NOW, figures=OVERALL_NOW, latest=True),
        _row(cycle, END_OF_Q2, figures=OVERALL_Q2),
        # quarter 1 and after quarter 2: neither is the baseline
        _row(cycle, date(2024, 12, 31), figures=(5.0, 1.0, 20, 1, 0)),
        _row(cycle, date(2025, 4, 10), figures=(45.0, 35.0, 20, 9, 3)),
        _row(previous, date(2024, 9, 30), figures=OVERALL_LAST_YEAR, latest=True),
    ]
    for ref, value in DIMENSIONS_NOW.items():
        rows.append(_row(cycle, NOW, nodes[ref], figures=(value, value - 10, 4, 2, 1), latest=True))
        before = DIMENSIONS_Q2[ref]
        rows.append(_row(cycle, END_OF_Q2, nodes[ref], figures=(before, before - 10, 4, 1, 0)))
        rows.append(_row(previous, date(2024, 9, 30), nodes[ref], figures=(50.0, 50.0, 4, 4, 4),
                         latest=True))  # fmt: skip
    for ref, value in TOPICS_NOW.items():
        rows.append(_row(cycle, NOW, nodes[ref], figures=(value, value, 2, 1, 1), latest=True))
    for code, value in UNITS_NOW.items():
        unit = world.units[code]
        rows.append(_row(cycle, NOW, unit=unit, figures=(value, value, 4, 2, 1), latest=True))
    ScoreSnapshot.objects.bulk_create(rows)


def committee_cycle(world, framework):
    """FY 2568 with one overdue draft action (topic 2.1), one answer returned for changes,
    the stored scores above, and FY 2567 with its final scores."""
    previous = cycle_open(organization=world.units["HSS"], fiscal_year=2567, framework=framework)
    cycle = assessed_cycle(world, framework)
    new_action(world, cycle, refs=("2.1-1",), title="ปรับปรุงบัญชีข้อมูล",
               end_date=date(2025, 4, 30))  # fmt: skip
    answer_topic(world, cycle, {"2.2-1": "met", "2.2-2": "partial", "2.2-3": "met",
                                "2.2-4": "not_met", "2.2-5": "not_applicable", "2.2-6": "met"})  # fmt: skip
    returned = cycle_answer(cycle, "2.2-1")
    review(world, returned, verify=False, comment="แนบหลักฐานเพิ่ม")
    store_scores(world, cycle, previous)
    return cycle


def cycle_answer(cycle, ref):
    from digiorg.assessments.models import CriterionAssessment

    return CriterionAssessment.objects.get(cycle=cycle, criterion__ref=ref)
