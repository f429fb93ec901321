"""Benchmark data: sizes, fixed names, the shared framework and helpers of both scales.
See seed.py for what the data is and which shortcuts it takes."""

import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock_time

from django.utils import timezone

from digiorg.accounts.models import User
from digiorg.accounts.roles import Role
from digiorg.assessments.models import CriterionAssessment
from digiorg.frameworks.loader import parse_framework
from digiorg.frameworks.models import Criterion, CriterionOption, Framework
from digiorg.frameworks.services import LIBRARY_DIR, framework_load
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action

Say = Callable[[str], None]
K = OrgUnit.Kind
A = CriterionAssessment

FRAMEWORK_FILE = LIBRARY_DIR / "dhss-do-2568.yaml"
LATEST_YEAR = 2568
DEPARTMENT_CODE = "BENCH"
DEPARTMENT_MINISTRY = "BENCH-MINISTRY"
NATIONAL_MINISTRY = "NAT-MINISTRY"
NATIONAL_PREFIX = "NAT"
NATIONAL_ANSWERS = 500  # per department: 2,000 x 500 = 1,000,000
REVISIONS_PER_EVIDENCE = 4
SUPERUSER = "bench-superuser"
EXECUTIVE = "bench-executive"
COORDINATOR = "bench-coordinator"
MEMBER = "bench-member"
AUDITOR = "bench-auditor"
SECRETARIAT = "bench-secretariat"
ADMIN = "bench-admin"
# username, name, role; the coordinator and the member hold theirs in the first division
PEOPLE = [
    (EXECUTIVE, "นายผู้บริหาร ทดสอบระบบ", Role.EXECUTIVE),
    (AUDITOR, "นางตรวจสอบ ทดสอบระบบ", Role.AUDITOR),
    (SECRETARIAT, "นางสาวเลขา ทดสอบระบบ", Role.SECRETARIAT),
    (ADMIN, "นายดูแล ทดสอบระบบ", Role.ADMIN),
    (COORDINATOR, "นายประสาน ทดสอบระบบ", Role.COORDINATOR),
    (MEMBER, "นางสาวสมาชิก ทดสอบระบบ", Role.MEMBER),
]
SHARED_FILE = "evidence/bench/bench-shared.pdf"
SHARED_PDF = (
    b"%PDF-1.4\n% digiorg benchmark evidence: one shared file for every bench revision\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
ACTION_TITLES = [
    "พัฒนาระบบสารสนเทศเพื่อการบริการ",
    "อบรมทักษะดิจิทัลให้บุคลากร",
    "จัดทำบัญชีข้อมูลและชุดข้อมูลเปิด",
    "ปรับปรุงบริการออนไลน์ให้ประชาชน",
    "ทบทวนนโยบายความมั่นคงปลอดภัยไซเบอร์",
    "ย้ายระบบงานขึ้นคลาวด์กลางภาครัฐ",
    "ลดการใช้กระดาษในงานสารบรรณ",
    "เชื่อมโยงข้อมูลกับหน่วยงานภายนอก",
]
EVIDENCE_TITLES = [
    "รายงานผลการดำเนินงาน",
    "คำสั่งแต่งตั้งคณะทำงาน",
    "ประกาศนโยบาย",
    "รายงานการประชุม",
    "ภาพหน้าจอระบบ",
    "สรุปผลการอบรม",
]
S = Action.Status
# (value, weight): latest cycle mixed, closed cycles mostly finished
ACTIONS_LATEST = [(S.DRAFT, 10), (S.SUBMITTED, 10), (S.RETURNED, 5), (S.APPROVED, 20),
                  (S.IN_PROGRESS, 30), (S.DONE, 20), (S.CANCELLED, 5)]  # fmt: skip
ACTIONS_CLOSED = [(S.DONE, 70), (S.CANCELLED, 10), (S.IN_PROGRESS, 12), (S.APPROVED, 5),
                  (S.DRAFT, 3)]  # fmt: skip
RESULTS = [(A.Result.MET, 45), (A.Result.PARTIAL, 25), (A.Result.NOT_MET, 18),
           (A.Result.NOT_APPLICABLE, 5), ("", 7)]  # fmt: skip
STATUSES_LATEST = [(A.Status.DRAFT, 20), (A.Status.SUBMITTED, 35), (A.Status.VERIFIED, 35),
                   (A.Status.RETURNED, 10)]  # fmt: skip
STATUSES_CLOSED = [(A.Status.VERIFIED, 80), (A.Status.SUBMITTED, 12), (A.Status.RETURNED, 5),
                   (A.Status.DRAFT, 3)]  # fmt: skip
TREND = (0.55, 0.7, 0.85, 1.0)  # score factor of the snapshot days, oldest first
TREND_DAYS = (270, 180, 90, 0)  # days before the cycle's last snapshot day


@dataclass(frozen=True)
class Sizes:
    units: int
    cycles: int
    actions: int
    evidence: int
    departments: int

    @property
    def revisions(self) -> int:
        return self.evidence * REVISIONS_PER_EVIDENCE

    @property
    def national_answers(self) -> int:
        return self.departments * NATIONAL_ANSWERS


def sizes_for(factor: float = 1.0) -> Sizes:
    """The counts at `factor` (1.0 = DESIGN.md's budgets), with small floors. The five years
    of history stay five from factor 1 up: a department twice the size has twice the units,
    actions and evidence in each year, not twice the years (which would leave the year every
    key page shows as it was)."""

    def scaled(full: int, least: int) -> int:
        return max(least, round(full * factor))

    return Sizes(
        units=scaled(40, 5),
        cycles=scaled(5, 2) if factor < 1 else 5,
        actions=scaled(10_000, 10),
        evidence=scaled(12_500, 5),
        departments=scaled(2_000, 2),
    )


class Clock:
    """Times the parts of a seed and reports each as it ends."""

    def __init__(self, say: Say):
        self.say = say
        self.times: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.times[name] = round(time.perf_counter() - started, 2)
        self.say(f"  {name}: {self.times[name]:.1f} s")


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _aware(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, clock_time(hour), tzinfo=timezone.get_current_timezone())


def department_seeded() -> bool:
    return OrgUnit.objects.filter(kind=K.DEPARTMENT, code=DEPARTMENT_CODE).exists()


def national_seeded() -> bool:
    return OrgUnit.objects.filter(kind=K.DEPARTMENT, code=f"{NATIONAL_PREFIX}0001").exists()


def bench_criteria() -> tuple[Framework, list[Criterion]]:
    """The bundled framework and its active criteria in document order."""
    framework = bench_framework()
    criteria = list(
        Criterion.objects.filter(framework=framework, retired=False).order_by("position")
    )
    return framework, criteria


def option_codes(criteria: list[Criterion]) -> dict[int, list[str]]:
    """Criterion id -> codes of its active options (checklist and any_of), in the file's order."""
    codes: dict[int, list[str]] = {}
    rows = CriterionOption.objects.filter(criterion__in=criteria, retired=False).order_by(
        "criterion_id", "position"
    )
    for criterion_id, code in rows.values_list("criterion_id", "code"):
        codes.setdefault(criterion_id, []).append(code)
    return codes


def ticks(codes: list[str], result: str) -> list[str]:
    """The options a bench answer ticks: all of them for met, half for partially met."""
    if not codes:
        return []
    if result == A.Result.MET:
        return codes
    return codes[: max(1, len(codes) // 2)] if result == A.Result.PARTIAL else []


def bench_framework() -> Framework:
    return framework_load(parse_framework(FRAMEWORK_FILE), filename=FRAMEWORK_FILE.name).framework


def _ministry(code: str, name_th: str, name_en: str) -> OrgUnit:
    ministry = OrgUnit.objects.filter(kind=K.MINISTRY, code=code, parent=None).first()
    if ministry is None:
        ministry = OrgUnit.objects.create(
            kind=K.MINISTRY, code=code, name_th=name_th, name_en=name_en, path=""
        )
        ministry.path = f"/{ministry.pk}/"
        ministry.save(update_fields=["path"])
    return ministry


def bench_superuser() -> User:
    """The national agency's operator: a superuser with no membership. The MFA middleware sends
    every superuser without TOTP to set it up, so this one has a TOTP device (random secret,
    never used: the bench signs in with force_login)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = User.objects.filter(username=SUPERUSER).first()
    if user is None:
        user = User(
            username=SUPERUSER, name="ผู้ดูแลระดับประเทศ ทดสอบระบบ", is_superuser=True,
            is_staff=True, email=f"{SUPERUSER}@bench.digiorg.invalid",
        )  # fmt: skip
        user.set_unusable_password()
        user.save()
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


# ---------------------------------------------------------------------------------------------
# Department scale
