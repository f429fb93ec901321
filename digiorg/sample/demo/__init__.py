"""The demo department's data. Every step is idempotent: running the demo twice is safe."""

from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from digiorg.accounts.models import Membership, User
from digiorg.accounts.roles import Role
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import cycle_update
from digiorg.frameworks.loader import parse_framework
from digiorg.frameworks.services import LIBRARY_DIR, framework_load
from digiorg.org.models import OrgUnit
from digiorg.org.services import unit_create
from digiorg.sample.demo.calendar import demo_years
from digiorg.sample.demo.clock import DemoClock, demo_clock, units_by_code
from digiorg.sample.demo.national import DEPARTMENTS

K = OrgUnit.Kind
# code, parent code, kind, Thai name, English name
UNITS = [
    ("HSS", None, K.DEPARTMENT, "กรมสนับสนุนบริการสุขภาพ", "Department of Health Service Support"),
    ("SEC", "HSS", K.DIVISION, "สำนักงานเลขานุการกรม", "Office of the Secretary"),
    ("IT", "SEC", K.GROUP, "กลุ่มเทคโนโลยีสารสนเทศ", "Information Technology Group"),
    (
        "SEC-ADM",
        "SEC",
        K.GROUP,
        "กลุ่มช่วยอำนวยการและประสานงาน",
        "Administration and Coordination Group",
    ),
    ("PLAN", "HSS", K.DIVISION, "กองยุทธศาสตร์และแผนงาน", "Strategy and Planning Division"),
    ("FIN", "HSS", K.DIVISION, "กองบริหารการคลัง", "Finance Division"),
    ("HR", "HSS", K.DIVISION, "กองบริหารทรัพยากรบุคคล", "Human Resource Management Division"),
    (
        "HFA",
        "HSS",
        K.DIVISION,
        "กองสถานพยาบาลและการประกอบโรคศิลปะ",
        "Medical Facilities and Healing Arts Division",
    ),
    ("DES", "HSS", K.DIVISION, "กองแบบแผน", "Design and Construction Division"),
    ("MEN", "HSS", K.DIVISION, "กองวิศวกรรมการแพทย์", "Medical Engineering Division"),
    ("HED", "HSS", K.DIVISION, "กองสุขศึกษา", "Health Education Division"),
    ("PHC", "HSS", K.DIVISION, "กองสนับสนุนสุขภาพภาคประชาชน", "Primary Health Care Support Division"),
    (
        "HBP",
        "HSS",
        K.DIVISION,
        "กองส่งเสริมธุรกิจบริการสุขภาพ",
        "Health Service Business Promotion Division",
    ),
    ("LAW", "HSS", K.DIVISION, "กองกฎหมาย", "Legal Affairs Division"),
    ("IA", "HSS", K.GROUP, "กลุ่มตรวจสอบภายใน", "Internal Audit Group"),
    ("PSDG", "HSS", K.GROUP, "กลุ่มพัฒนาระบบบริหาร", "Public Sector Development Group"),
    *[
        (
            f"R{n}",
            "HSS",
            K.REGIONAL_OFFICE,
            f"ศูนย์สนับสนุนบริการสุขภาพที่ {n}",
            f"Health Service Support Center, Region {n}",
        )
        for n in range(1, 13)
    ],
    ("R1-ADM", "R1", K.GROUP, "กลุ่มงานบริหารทั่วไป ศูนย์ฯ ที่ 1", "General Administration, Region 1"),
    (
        "R1-STD",
        "R1",
        K.GROUP,
        "กลุ่มงานมาตรฐานระบบบริการสุขภาพ ศูนย์ฯ ที่ 1",
        "Health Service Standards, Region 1",
    ),
]
# username, name, unit code, role
PEOPLE = [
    ("admin", "นายระบบ ดูแลดี", "IT", Role.ADMIN),
    ("secretariat", "นางสาวเลขา ขับเคลื่อน", "IT", Role.SECRETARIAT),
    ("executive", "นายผู้บริหาร ดิจิทัล", "HSS", Role.EXECUTIVE),
    ("auditor", "นางตรวจสอบ โปร่งใส", "IA", Role.AUDITOR),
    ("coord-it", "นายประสาน ไอที", "IT", Role.COORDINATOR),
    ("coord-r1", "นางสาวประสานงาน เขตหนึ่ง", "R1", Role.COORDINATOR),
    ("member-r1", "นายสมาชิก เขตหนึ่ง", "R1", Role.MEMBER),
    ("member-it", "นางสาวข้อมูล ธรรมาภิบาล", "IT", Role.MEMBER),
    ("coord-plan", "นายแผนงาน ยุทธศาสตร์", "PLAN", Role.COORDINATOR),
    ("coord-r2", "นางประสาน เขตสอง", "R2", Role.COORDINATOR),
    ("member-r1-std", "นายมาตรฐาน บริการ", "R1-STD", Role.MEMBER),
]
# Every other unit plans too, through its own coordinator `coord-<unit code>` (the groups of
# Region 1 through the centre's coordinator, coord-r1, whose role covers the units below it).
_FIRST = [
    "นายสมชาย",
    "นางสาวสุดา",
    "นายวิชัย",
    "นางมาลี",
    "นายประเสริฐ",
    "นางสาวกนกวรรณ",
    "นายธนากร",
    "นางพรทิพย์",
    "นายอนุชา",
    "นางสาวศิริพร",
    "นายก้องเกียรติ",
    "นางวราภรณ์",
]
_LAST = ["ใจดี", "รักษ์ดิจิทัล", "มั่นคง", "ศรีสุข", "พัฒนกิจ", "บุญมา", "ทองดี", "แสงทอง",
         "วงศ์ไทย", "สุขสวัสดิ์", "ประเสริฐศักดิ์", "เจริญผล"]  # fmt: skip
_HAS_OWN = {unit for _user, _name, unit, role in PEOPLE if role == Role.COORDINATOR}
PEOPLE += [
    (f"coord-{code.lower()}", f"{_FIRST[i % 12]} {_LAST[(i * 5 + i // 12) % 12]}", code, Role.COORDINATOR)
    for i, code in enumerate(
        c for c, parent, *_ in UNITS if parent is not None and c not in _HAS_OWN and parent != "R1"
    )
]  # fmt: skip
# The national agency's operator (a platform superuser, no department): the national dashboard.
NATIONAL_OPERATOR = ("national", "นางสาวภาครัฐ ดิจิทัลไทย")
# Published demo TOTP secret for the accounts that must use two-factor (admin, secretariat).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(username, name, unit code, role) of every demo login, the national operator last."""
    logins = [
        (username, name, unit, str(Role(role).label)) for username, name, unit, role in PEOPLE
    ]
    return [*logins, (NATIONAL_OPERATOR[0], NATIONAL_OPERATOR[1], "-", "superuser")]


def _organization() -> OrgUnit:
    ministry = OrgUnit.objects.filter(kind=K.MINISTRY, code="MOPH").first() or unit_create(
        parent=None,
        kind=K.MINISTRY,
        code="MOPH",
        name_th="กระทรวงสาธารณสุข",
        name_en="Ministry of Public Health",
    )
    by_code: dict[str, OrgUnit] = {}
    department = OrgUnit.objects.filter(kind=K.DEPARTMENT, code="HSS").first()
    if department is not None:
        by_code = units_by_code(department)
    for code, parent_code, kind, name_th, name_en in UNITS:
        if code not in by_code:
            parent = by_code[parent_code] if parent_code else ministry
            by_code[code] = unit_create(
                parent=parent, kind=kind, code=code, name_th=name_th, name_en=name_en
            )
    return by_code["HSS"]


def _people(organization: OrgUnit) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    units = units_by_code(organization)
    existing = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in PEOPLE])}
    password = make_password(settings.DIGIORG_DEMO_PASSWORD)  # hashed once for every login
    for username, name, unit_code, role in PEOPLE:
        user = existing.get(username)
        if user is None:
            user = User.objects.create(
                username=username, name=name, organization=organization, password=password,
                email=f"{username}@demo.digiorg.invalid",
            )  # fmt: skip
        Membership.objects.get_or_create(
            user=user, unit=units[unit_code], role=role, defaults={"organization": organization}
        )
        if (
            role in (Role.ADMIN, Role.SECRETARIAT)
            and not Authenticator.objects.filter(user=user).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
    username, name = NATIONAL_OPERATOR
    if not User.objects.filter(username=username).exists():
        operator = User.objects.create(
            username=username, name=name, password=password, is_superuser=True, is_staff=True,
            email=f"{username}@demo.digiorg.invalid",
        )  # fmt: skip
        TOTP.activate(operator, DEMO_TOTP_SECRET)


def demo_prepare(say: Callable[[str], None] = print, today: date | None = None) -> None:
    """The demo as it stands on `today` (default: today in Asia/Bangkok). The demo takes its
    score snapshots itself, on the days they belong to, so the background work its changes ask
    for (a score refresh, mail about the sample actions) is dropped rather than queued for the
    worker, and the refresh marks are cleared."""
    from digiorg.scoring.models import SnapshotDue

    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    ):
        today = today or timezone.localdate()
        with transaction.atomic(), demo_clock(today) as clock:
            _demo_prepare(say, today, clock)
        SnapshotDue.objects.filter(
            organization__code__in=["HSS", *(d[0] for d in DEPARTMENTS)]
        ).delete()


def _demo_prepare(say: Callable[[str], None], today: date, clock: DemoClock) -> None:
    from digiorg.sample.demo.assessments import demo_assessments, demo_evidence
    from digiorg.sample.demo.data_catalogue import demo_data_catalogue
    from digiorg.sample.demo.national import demo_national
    from digiorg.sample.demo.plans import demo_plans

    since = demo_years(today)[0].start  # the department and its people were there before
    clock.at(since - timedelta(days=21), "library")
    framework = None
    for path in sorted(LIBRARY_DIR.glob("*.yaml")):
        result = framework_load(parse_framework(path), filename=path.name)
        framework = framework or result.framework
        say(f"framework {result.framework.code} v{result.framework.version}: {result.outcome}")
    assert framework is not None, "the framework library is empty"
    clock.at(since - timedelta(days=20), "organization")
    organization = _organization()
    clock.at(since - timedelta(days=18), "people")
    _people(organization)
    units = OrgUnit.objects.filter(organization=organization).count()
    say(f"organization {organization.code}: {units} units; today {today.isoformat()}")
    evidence = demo_evidence(organization, today, say, clock)
    for year in demo_years(today):
        # the bundled framework is the only one: every year's cycle follows it
        cycle = demo_plans(organization, framework, year, say, clock)
        if cycle is not None:
            demo_assessments(cycle, year, evidence, say, clock)
            if not year.current:  # closed once the last quarter's reports are reviewed
                clock.at(year.end + timedelta(days=25), ("closed", year.fiscal_year))
                cycle_update(cycle, version=cycle.version, status=Cycle.Status.CLOSED)
    demo_data_catalogue(organization, today, say, clock)
    demo_national(framework, today, say, clock)
