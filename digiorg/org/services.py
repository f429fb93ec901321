"""Writes on the organization tree. Each in one transaction; the audit log records them."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from digiorg.audit.services import audit_created_many
from digiorg.core.errors import ConflictError, ValidationFailed, require
from digiorg.scoring.freshness import figures_changed

from .models import OrgUnit
from .permissions import unit_may_edit, unit_may_manage

# `actor` is the acting person; None is the platform itself (a command, a seeder, a test's
# setup), which is trusted. Views, the API and imports always pass the person.


def _path_for(unit: OrgUnit) -> str:
    return f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"


@transaction.atomic
def unit_create(
    *, parent: OrgUnit | None, kind: str, code: str, name_th: str, name_en: str = "", actor=None
) -> OrgUnit:
    """A ministry or department is its own top; every other unit sits inside a department.
    A person creates units inside a department they administer."""
    require(actor is None or (parent is not None and unit_may_manage(actor, parent)))
    is_top = kind in (OrgUnit.Kind.MINISTRY, OrgUnit.Kind.DEPARTMENT)
    organization = parent.organization if parent is not None else None
    if not is_top and organization is None:
        raise ValidationFailed({"parent": _("A unit must be placed under a department.")})
    if is_top and organization is not None:
        raise ValidationFailed({"parent": _("A department cannot be placed inside another.")})
    if OrgUnit.objects.filter(organization=organization, code=code).exists():
        raise ValidationFailed({"code": _("Code %(code)s is already used.") % {"code": code}})
    unit = OrgUnit.objects.create(
        parent=parent, kind=kind, code=code, name_th=name_th, name_en=name_en,
        organization=organization, path="",
    )  # fmt: skip
    unit.path = _path_for(unit)
    if kind == OrgUnit.Kind.DEPARTMENT:
        unit.organization = unit
    unit.save(update_fields=["path", "organization"])
    return unit


@dataclass(frozen=True)
class NewUnit:
    code: str
    name_th: str
    kind: str
    parent_code: str = ""  # "" places the unit right under the department
    name_en: str = ""


@transaction.atomic
def unit_create_many(*, actor, organization: OrgUnit, units: list[NewUnit]) -> list[OrgUnit]:
    """Many units of one department at once (an import), each placed under an existing unit or
    one earlier in the list; one audit entry each. All or nothing."""
    require(unit_may_manage(actor, organization))
    known = {u.code: u for u in OrgUnit.objects.filter(organization=organization)}
    codes: set[str] = set()
    for new in units:
        if new.kind in (OrgUnit.Kind.MINISTRY, OrgUnit.Kind.DEPARTMENT):
            raise ValidationFailed({"kind": _("A department cannot be placed inside another.")})
        if new.code in known or new.code in codes:
            raise ValidationFailed(
                {"code": _("Code %(code)s is already used.") % {"code": new.code}}
            )
        if new.parent_code and new.parent_code not in known and new.parent_code not in codes:
            raise ValidationFailed(
                {"parent": _("Unknown parent unit %(code)s.") % {"code": new.parent_code}}
            )
        codes.add(new.code)
    created = OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                organization=organization, code=new.code, name_th=new.name_th,
                name_en=new.name_en, kind=new.kind, path="",
            )
            for new in units
        ],
        batch_size=1000,
    )  # fmt: skip
    known.update((unit.code, unit) for unit in created)
    for unit, new in zip(created, units, strict=True):  # parents come first: paths are ready
        unit.parent = known[new.parent_code] if new.parent_code else organization
        unit.path = _path_for(unit)
    OrgUnit.objects.bulk_update(created, ["parent", "path"], batch_size=1000)
    audit_created_many(actor, created, source="CSV/XLSX")
    figures_changed(organization.pk)
    return created


@transaction.atomic
def unit_update(unit: OrgUnit, *, version: int, actor=None, **changes) -> OrgUnit:
    """Edit names, code or the active flag; a stale `version` is a conflict, nothing saved."""
    current = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    require(actor is None or unit_may_edit(actor, current))
    if current.version != version:
        raise ConflictError(
            _("Someone else changed this unit after you opened it. Reload to see their change.")
        )
    code = changes.get("code", current.code)
    if (
        code != current.code
        and OrgUnit.objects.filter(organization=current.organization, code=code).exists()
    ):
        raise ValidationFailed({"code": _("Code %(code)s is already used.") % {"code": code}})
    parent = changes.pop("parent", current.parent)
    for key, value in changes.items():
        setattr(current, key, value)
    current.version += 1
    if parent != current.parent:
        _move(current, parent)
    current.save()
    if current.organization_id is not None:  # names and places show on the dashboards
        figures_changed(current.organization_id)
    return current


def _move(unit: OrgUnit, parent: OrgUnit) -> None:
    """Put `unit` and its subtree under `parent`, in the same department."""
    if parent.organization_id != unit.organization_id or parent.path.startswith(unit.path):
        raise ValidationFailed(
            {"parent": _("A unit cannot move under itself or to another department.")}
        )
    old_path = unit.path
    unit.parent = parent
    unit.path = _path_for(unit)
    below = list(OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk))
    for child in below:
        child.path = unit.path + child.path[len(old_path) :]
    OrgUnit.objects.bulk_update(below, ["path"])
