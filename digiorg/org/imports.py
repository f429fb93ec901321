"""Import units and people from CSV or XLSX: all rows are checked first, then all are written
in one transaction, or nothing is and every bad row is reported with its reason."""

import re
from typing import cast

from auditlog.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from digiorg.accounts.models import Membership, User
from digiorg.accounts.roles import Role
from digiorg.core.errors import require
from digiorg.core.tabular import Column, ImportReport, read_rows

from .models import OrgUnit
from .permissions import organizations_managed

UNIT_COLUMNS = [
    Column("code", ("รหัสหน่วยงาน", "รหัส", "unit code")),
    Column("name_th", ("ชื่อหน่วยงาน", "ชื่อภาษาไทย", "ชื่อ (ไทย)", "name")),
    Column("name_en", ("ชื่อภาษาอังกฤษ", "ชื่อ (อังกฤษ)", "english name"), required=False),
    Column("kind", ("ประเภท", "type")),
    Column("parent_code", ("รหัสหน่วยงานต้นสังกัด", "รหัสหน่วยงานแม่", "สังกัด", "parent")),
]
PEOPLE_COLUMNS = [
    Column("username", ("ชื่อผู้ใช้", "user")),
    Column("name", ("ชื่อ-นามสกุล", "ชื่อ นามสกุล", "ชื่อ", "full name")),
    Column("email", ("อีเมล", "e-mail"), required=False),
    Column("unit_code", ("รหัสหน่วยงาน", "unit")),
    Column("role", ("บทบาท",)),
]
KIND_WORDS = {
    "division": OrgUnit.Kind.DIVISION, "กอง": OrgUnit.Kind.DIVISION, "สำนัก": OrgUnit.Kind.DIVISION,
    "regional_office": OrgUnit.Kind.REGIONAL_OFFICE, "regional office": OrgUnit.Kind.REGIONAL_OFFICE,
    "ศูนย์": OrgUnit.Kind.REGIONAL_OFFICE, "ส่วนภูมิภาค": OrgUnit.Kind.REGIONAL_OFFICE,
    "หน่วยงานส่วนภูมิภาค": OrgUnit.Kind.REGIONAL_OFFICE,
    "group": OrgUnit.Kind.GROUP, "กลุ่ม": OrgUnit.Kind.GROUP, "กลุ่มงาน": OrgUnit.Kind.GROUP,
}  # fmt: skip
ROLE_WORDS = {
    "ผู้ดูแลระบบ": Role.ADMIN, "ฝ่ายเลขานุการ": Role.SECRETARIAT, "เลขานุการ": Role.SECRETARIAT,
    "ผู้บริหาร": Role.EXECUTIVE, "ผู้ประสานงาน": Role.COORDINATOR, "ผู้ประสานงานหน่วยงาน": Role.COORDINATOR,
    "เจ้าหน้าที่": Role.MEMBER, "สมาชิก": Role.MEMBER, "ผู้ตรวจสอบ": Role.AUDITOR,
}  # fmt: skip
USERNAME_RE = re.compile(r"^[\w.@+-]{1,150}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _lookup(words: dict, text: str, choices) -> str | None:
    key = " ".join(text.split()).casefold()
    if key in words:
        return words[key]
    for value, label in choices:
        if key in (value, str(label).casefold()):
            return value
    return None


def _audit_created(actor, objects, extra) -> None:
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj)[:200],
                action=LogEntry.Action.CREATE,
                actor=actor,
                changes={"import": ["", "CSV/XLSX"]},
                additional_data=extra(obj),
            )
            for obj in objects
        ],
        batch_size=1000,
    )


def import_units(upload, *, organization: OrgUnit, actor) -> ImportReport:
    require(organization.pk in organizations_managed(actor))
    report = ImportReport("units")
    rows = read_rows(upload, UNIT_COLUMNS)
    existing = {u.code: u for u in OrgUnit.objects.filter(organization=organization)}
    new_codes: dict[str, int] = {}
    plans = []
    for number, row in rows:
        code, parent_code = row["code"], row.get("parent_code", "")
        if not code:
            report.add(number, "code", _("code is empty"))
        elif code in existing or code in new_codes:
            first = new_codes.get(code)
            report.add(
                number,
                "code",
                _("code %(code)s is already used") % {"code": code}
                + (_(" (row %(row)s)") % {"row": first} if first else ""),
            )
        if not row["name_th"]:
            report.add(number, "name_th", _("Thai name is empty"))
        kind = _lookup(KIND_WORDS, row["kind"], OrgUnit.Kind.choices)
        if kind is None or kind in (OrgUnit.Kind.MINISTRY, OrgUnit.Kind.DEPARTMENT):
            report.add(
                number,
                "kind",
                _("unknown kind “%(kind)s” (กอง, ศูนย์ or กลุ่ม)") % {"kind": row["kind"]},
            )
        if parent_code and parent_code not in existing and parent_code not in new_codes:
            report.add(
                number,
                "parent_code",
                _("unknown parent unit %(code)s (it must exist or come earlier in the file)")
                % {"code": parent_code},
            )
        if code:
            new_codes.setdefault(code, number)
        plans.append((code, row, kind, parent_code))
    if report.errors:
        return report
    with transaction.atomic():
        units = OrgUnit.objects.bulk_create(
            [
                OrgUnit(
                    organization=organization,
                    code=code,
                    name_th=row["name_th"],
                    name_en=row.get("name_en", ""),
                    kind=cast(str, kind),  # not None: a None kind is reported above
                    path="",
                )
                for code, row, kind, _parent in plans
            ],
            batch_size=1000,
        )
        by_code = {**existing, **{u.code: u for u in units}}
        for unit, (_code, _row, _kind, parent_code) in zip(units, plans, strict=True):
            unit.parent = by_code[parent_code] if parent_code else organization
            unit.path = f"{unit.parent.path}{unit.pk}/"
        OrgUnit.objects.bulk_update(units, ["parent", "path"], batch_size=1000)
        _audit_created(
            actor, units, lambda u: {"organization_id": organization.pk, "unit_id": u.pk}
        )
    report.created = len(units)
    return report


def import_people(upload, *, organization: OrgUnit, actor) -> ImportReport:
    require(organization.pk in organizations_managed(actor))
    report = ImportReport("people")
    rows = read_rows(upload, PEOPLE_COLUMNS)
    units = {u.code: u for u in OrgUnit.objects.filter(organization=organization, is_active=True)}
    usernames = {u.lower() for u in User.objects.values_list("username", flat=True)}
    emails = {e.lower() for e in User.objects.exclude(email="").values_list("email", flat=True)}
    seen_usernames: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    plans = []
    for number, row in rows:
        username, email = row["username"], row.get("email", "")
        if not USERNAME_RE.match(username):
            report.add(number, "username", _("username must be letters, digits and . @ + - _"))
        elif username.lower() in usernames:
            report.add(
                number, "username", _("username %(name)s is already taken") % {"name": username}
            )
        elif username.lower() in seen_usernames:
            report.add(
                number,
                "username",
                _("username %(name)s repeats row %(row)s")
                % {"name": username, "row": seen_usernames[username.lower()]},
            )
        seen_usernames.setdefault(username.lower(), number)
        if not row["name"]:
            report.add(number, "name", _("name is empty"))
        if email:
            if not EMAIL_RE.match(email):
                report.add(
                    number, "email", _("“%(email)s” is not an email address") % {"email": email}
                )
            elif email.lower() in emails or email.lower() in seen_emails:
                report.add(number, "email", _("email %(email)s is already used") % {"email": email})
            seen_emails.setdefault(email.lower(), number)
        unit = units.get(row["unit_code"])
        if unit is None:
            report.add(number, "unit_code", _("unknown unit %(code)s") % {"code": row["unit_code"]})
        role = _lookup(ROLE_WORDS, row["role"], Role.choices)
        if role is None:
            report.add(number, "role", _("unknown role “%(role)s”") % {"role": row["role"]})
        plans.append((row, unit, role))
    if report.errors:
        return report
    unusable = make_password(None)
    with transaction.atomic():
        people = User.objects.bulk_create(
            [
                User(
                    username=row["username"],
                    name=row["name"],
                    email=row.get("email", ""),
                    organization=organization,
                    password=unusable,
                )
                for row, _unit, _role in plans
            ],
            batch_size=1000,
        )
        memberships = Membership.objects.bulk_create(
            [
                Membership(
                    user=person, unit=unit, role=cast(str, role), organization=organization
                )  # role is not None: a None role is reported above
                for person, (_row, unit, role) in zip(people, plans, strict=True)
            ],
            batch_size=1000,
        )
        _audit_created(
            actor, people, lambda p: {"organization_id": organization.pk, "unit_id": None}
        )
        _audit_created(
            actor, memberships, lambda m: {"organization_id": organization.pk, "unit_id": m.unit_id}
        )
    report.created = len(people)
    return report
