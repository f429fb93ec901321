"""A few more departments of the ministry for the national dashboard: each answers the
framework for the year in progress (a planning division the unit-scope criteria) through the real services (by a
staff account that cannot sign in), and takes its score snapshot."""

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from digiorg.accounts.models import Membership, User
from digiorg.accounts.roles import Role
from digiorg.assessments import services
from digiorg.assessments.slots import cycle_slots
from digiorg.core.fiscal import fiscal_year
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import assignments_set, cycle_open, cycle_update
from digiorg.evidence.services import evidence_create
from digiorg.org.models import OrgUnit
from digiorg.org.services import unit_create
from digiorg.scoring.services import snapshot_take

from .calendar import demo_years, rng_for
from .clock import DemoClock

# code, Thai name, English name, share of met answers, share of answers verified
DEPARTMENTS = [
    ("DMS", "กรมการแพทย์", "Department of Medical Services", 0.75, 0.8),
    ("DDC", "กรมควบคุมโรค", "Department of Disease Control", 0.6, 0.5),
    ("DOH", "กรมอนามัย", "Department of Health", 0.45, 0.65),
    ("DMH", "กรมสุขภาพจิต", "Department of Mental Health", 0.35, 0.3),
]


def _department(ministry, code: str, name_th: str, name_en: str) -> tuple[OrgUnit, User]:
    department = OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT, code=code).first()
    if department is None:
        department = unit_create(
            parent=ministry, kind=OrgUnit.Kind.DEPARTMENT, code=code, name_th=name_th,
            name_en=name_en,
        )  # fmt: skip
    username = f"staff-{code.lower()}"
    staff = User.objects.filter(username=username).first()
    if staff is None:
        staff = User.objects.create(
            username=username, name=f"เจ้าหน้าที่ {name_th}", organization=department,
            password=make_password(None),  # not a demo login: it cannot sign in
        )  # fmt: skip
        for role in (Role.COORDINATOR, Role.SECRETARIAT):
            Membership.objects.create(
                user=staff, unit=department, role=role, organization=department
            )
    return department, staff


def _division(department: OrgUnit, code: str) -> OrgUnit:
    division = OrgUnit.objects.filter(organization=department, code=f"{code}-PLAN").first()
    return division or unit_create(
        parent=department, kind=OrgUnit.Kind.DIVISION, code=f"{code}-PLAN",
        name_th="กองยุทธศาสตร์และแผนงาน", name_en="Strategy and Planning Division",
    )  # fmt: skip


def demo_national(framework, today: date, say, clock: DemoClock) -> None:
    """Each department opens the year in its first days, answers in the weeks after, sends its
    answers and has some verified before `today`, when its snapshot is taken."""
    year = demo_years(today)[-1]
    lived = (today - year.start).days
    ministry = OrgUnit.objects.get(kind=OrgUnit.Kind.MINISTRY, code="MOPH")
    criteria = {c.pk: c for c in framework.criteria.filter(retired=False)}
    made = 0
    for code, name_th, name_en, maturity, verified_share in DEPARTMENTS:
        clock.at(demo_years(today)[0].start - timedelta(days=20), code)
        department, staff = _department(ministry, code, name_th, name_en)
        if Cycle.objects.filter(organization=department, fiscal_year=year.fiscal_year).exists():
            continue
        rng = rng_for(today, "national", code)
        clock.at(year.start + timedelta(days=1), code)
        cycle = cycle_open(
            actor=staff, organization=department, fiscal_year=year.fiscal_year, framework=framework
        )
        cycle = cycle_update(
            cycle, version=cycle.version, actor=staff, status=Cycle.Status.EXECUTING
        )
        # its planning division answers the unit-scope criteria (the department the others)
        assignments_set(
            actor=staff, cycle=cycle, units=[_division(department, code)], kind="answers",
            criteria=[c for c in criteria.values() if c.scope == "unit"],
        )  # fmt: skip
        links = {
            dim: evidence_create(
                actor=staff, unit=department, kind="link", url="https://www.moph.go.th/",
                title=f"รายงานผลการดำเนินงานด้านที่ {dim} {name_th}", effective_date=year.start,
            )
            for dim in "1234567"
        }  # fmt: skip
        answers = []
        units = {u.pk: u for u in OrgUnit.objects.filter(organization=department).order_by()}
        slots = sorted(  # criterion order, then unit code (cycle_slots follows paths: ids)
            cycle_slots(cycle), key=lambda s: (criteria[s[0]].position, units[s[1]].code)
        )
        for index, (criterion_id, unit_id) in enumerate(slots):  # answered over some weeks
            answered = lived // 5 + lived * index // (5 * len(slots))
            clock.at(year.start + timedelta(days=answered), (code, criterion_id))
            criterion = criteria[criterion_id]
            draw = rng.random()
            result = "met" if draw < maturity else "partial" if draw < maturity + 0.2 else "not_met"
            options, given = None, result
            if criterion.kind != "result":
                codes = services.option_codes(criterion)
                options = {"met": codes, "partial": codes[: max(1, len(codes) // 2)]}.get(
                    result, []
                )
                given = ""
            answers.append(
                services.assessment_save(
                    actor=staff, cycle=cycle, criterion=criterion, unit=units[unit_id], result=given,
                    options=options, note="", evidence=[links[criterion.ref[0]]],
                )
            )  # fmt: skip
        clock.at(year.start + timedelta(days=lived * 3 // 5), code)
        for unit in sorted(units.values(), key=lambda u: u.code):
            services.assessments_submit(actor=staff, cycle=cycle, unit=unit)
        clock.at(year.start + timedelta(days=lived * 4 // 5), code)
        for answer in answers:
            if rng.random() < verified_share:
                answer.refresh_from_db()
                services.assessment_review(answer, actor=staff, verify=True, version=answer.version)
        clock.at(today, "snapshot", evening=True)
        snapshot_take(cycle, today)
        made += 1
    count = Cycle.objects.filter(fiscal_year=fiscal_year(today)).count()
    say(f"national view FY {year.fiscal_year}: {count} departments ({made} new)")
