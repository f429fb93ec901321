"""A small two-department world with a person in every role, for access tests.

Department HSS: SEC > IT, IA, R1 > R1-STD, R2. Department OTH: OTH-IT.
Admins and secretariats have TOTP set up (they must); World.client records that the session
passed it, as a real login through the TOTP step would.
"""

import time
from dataclasses import dataclass, field

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client, RequestFactory

from digiorg.accounts.models import Membership, User
from digiorg.accounts.roles import Role
from digiorg.org.models import OrgUnit
from digiorg.org.services import unit_create

PASSWORD = "a-long-test-password-2568"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
K = OrgUnit.Kind
ROLES = ["admin", "secretariat", "executive", "auditor", "coordinator", "member"]


def totp_now(secret: str = TOTP_SECRET) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def pass_mfa(client: Client, user: User) -> None:
    """Record in the client's session that it passed the second factor, as allauth does
    after a right TOTP code (force_login alone is a password-only session)."""
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


@dataclass
class World:
    units: dict[str, OrgUnit] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)

    def client(self, who: str | None) -> Client:
        client = Client()
        if who is not None:
            client.force_login(self.people[who])
            if Authenticator.objects.filter(user=self.people[who]).exists():
                pass_mfa(client, self.people[who])
        return client


def person(world: World, key: str, unit_code: str, role: str, *, totp: bool = False) -> User:
    unit = world.units[unit_code]
    user = User.objects.create_user(
        username=key, password=PASSWORD, name=f"คุณ {key}", email=f"{key}@example.go.th",
        organization=unit.organization,
    )  # fmt: skip
    Membership.objects.create(user=user, unit=unit, role=role, organization=unit.organization)
    if totp:
        TOTP.activate(user, TOTP_SECRET)
    world.people[key] = user
    return user


def build_world() -> World:
    world = World()
    ministry = unit_create(parent=None, kind=K.MINISTRY, code="MOPH", name_th="กระทรวงสาธารณสุข")
    tree = [
        ("HSS", None, K.DEPARTMENT, "กรมสนับสนุนบริการสุขภาพ"),
        ("SEC", "HSS", K.DIVISION, "สำนักงานเลขานุการกรม"),
        ("IT", "SEC", K.GROUP, "กลุ่มเทคโนโลยีสารสนเทศ"),
        ("IA", "HSS", K.GROUP, "กลุ่มตรวจสอบภายใน"),
        ("R1", "HSS", K.REGIONAL_OFFICE, "ศูนย์สนับสนุนบริการสุขภาพที่ 1"),
        ("R1-STD", "R1", K.GROUP, "กลุ่มงานมาตรฐาน ศูนย์ฯ ที่ 1"),
        ("R2", "HSS", K.REGIONAL_OFFICE, "ศูนย์สนับสนุนบริการสุขภาพที่ 2"),
        ("OTH", None, K.DEPARTMENT, "กรมอื่น"),
        ("OTH-IT", "OTH", K.GROUP, "กลุ่มไอที กรมอื่น"),
    ]
    for code, parent, kind, name in tree:
        world.units[code] = unit_create(
            parent=world.units[parent] if parent else ministry, kind=kind, code=code, name_th=name,
            name_en=f"{code} unit",
        )  # fmt: skip
    person(world, "admin", "IT", Role.ADMIN, totp=True)
    person(world, "secretariat", "IT", Role.SECRETARIAT, totp=True)
    person(world, "executive", "HSS", Role.EXECUTIVE)
    person(world, "auditor", "IA", Role.AUDITOR)
    person(world, "coordinator", "R1", Role.COORDINATOR)
    person(world, "member", "R1", Role.MEMBER)
    # people to look at: one below R1, one in R2, one in the other department
    person(world, "r1-staff", "R1-STD", Role.MEMBER)
    person(world, "r2-staff", "R2", Role.COORDINATOR)
    person(world, "other-staff", "OTH-IT", Role.SECRETARIAT, totp=True)
    return world
