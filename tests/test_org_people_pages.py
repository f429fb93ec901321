"""Units and people: editing with version checks, bad input, audit trail, query counts."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from digiorg.accounts.models import Membership, User
from digiorg.accounts.roles import Role
from digiorg.org.models import OrgUnit
from digiorg.org.services import unit_create


def unit_form(unit, **changes):
    data = {
        "code": unit.code, "name_th": unit.name_th, "name_en": unit.name_en, "kind": unit.kind,
        "parent": unit.parent_id, "is_active": "on", "version": unit.version,
    }  # fmt: skip
    data.update(changes)
    return data


def test_admin_edits_a_unit_and_the_audit_trail_says_who_and_what(world):
    unit = world.units["R2"]
    response = world.client("admin").post(
        reverse("org:unit-edit", args=[unit.pk]), unit_form(unit, name_th="ศูนย์ที่ 2 (ใหม่)")
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name_th == "ศูนย์ที่ 2 (ใหม่)" and unit.version == 2
    entry = LogEntry.objects.filter(object_pk=str(unit.pk), content_type__model="orgunit").latest(
        "timestamp"
    )
    assert entry.actor == world.people["admin"]
    assert entry.changes_dict["name_th"] == ["ศูนย์สนับสนุนบริการสุขภาพที่ 2", "ศูนย์ที่ 2 (ใหม่)"]


def test_a_stale_form_is_a_conflict_and_saves_nothing(world):
    unit = world.units["R2"]
    stale = unit_form(unit, name_th="แก้ครั้งที่สอง")
    world.client("admin").post(
        reverse("org:unit-edit", args=[unit.pk]), unit_form(unit, name_th="แก้ครั้งแรก")
    )
    response = world.client("admin").post(reverse("org:unit-edit", args=[unit.pk]), stale)
    assert response.status_code == 200
    assert "มีผู้อื่นแก้ไขหน่วยงานนี้" in response.content.decode()
    unit.refresh_from_db()
    assert unit.name_th == "แก้ครั้งแรก"


def test_bad_unit_input_is_explained_and_changes_nothing(world):
    unit = world.units["R2"]
    response = world.client("admin").post(
        reverse("org:unit-edit", args=[unit.pk]), unit_form(unit, code="IT", name_th="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "IT" in html and "invalid-feedback" in html
    unit.refresh_from_db()
    assert unit.code == "R2"


def test_moving_a_unit_moves_its_subtree(world):
    r1, sec = world.units["R1"], world.units["SEC"]
    response = world.client("admin").post(
        reverse("org:unit-edit", args=[r1.pk]), unit_form(r1, parent=sec.pk)
    )
    assert response.status_code == 302
    child = OrgUnit.objects.get(code="R1-STD")
    assert child.path.startswith(sec.path)


def test_a_unit_cannot_move_under_itself(world):
    r1 = world.units["R1"]
    response = world.client("admin").post(
        reverse("org:unit-edit", args=[r1.pk]), unit_form(r1, parent=world.units["R1-STD"].pk)
    )
    assert response.status_code == 200
    r1.refresh_from_db()
    assert r1.parent == world.units["HSS"]


def test_admin_creates_a_unit(world):
    response = world.client("admin").post(
        reverse("org:unit-create"),
        {
            "code": "R1-NEW",
            "name_th": "กลุ่มใหม่",
            "name_en": "",
            "kind": "group",
            "parent": world.units["R1"].pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="R1-NEW").organization == world.units["HSS"]


def test_admin_cannot_put_a_unit_into_another_department(world):
    response = world.client("admin").post(
        reverse("org:unit-create"),
        {"code": "X", "name_th": "x", "kind": "group", "parent": world.units["OTH-IT"].pk},
    )
    assert response.status_code == 200
    assert not OrgUnit.objects.filter(code="X").exists()


def test_admin_adds_a_person_and_a_role(world):
    client = world.client("admin")
    response = client.post(
        reverse("people:create"),
        {
            "username": "newbie",
            "name": "นางใหม่ ใจดี",
            "email": "",
            "preferred_language": "th",
            "is_active": "on",
        },
    )
    person = User.objects.get(username="newbie")
    assert response.url == reverse("people:detail", args=[person.pk])
    client.post(
        reverse("people:membership-add", args=[person.pk]),
        {"unit": world.units["R1"].pk, "role": Role.MEMBER},
    )
    assert person.memberships.get().unit == world.units["R1"]
    assert "newbie" in world.client("coordinator").get(reverse("people:list")).content.decode()
    membership = person.memberships.get()
    client.post(reverse("people:membership-remove", args=[person.pk, membership.pk]))
    assert not person.memberships.exists()


def test_person_username_taken_is_explained(world):
    response = world.client("admin").post(
        reverse("people:create"), {"username": "member", "name": "ซ้ำ", "preferred_language": "th"}
    )
    assert response.status_code == 200
    assert "member" in response.content.decode() and "invalid-feedback" in response.content.decode()


def test_a_coordinator_cannot_add_roles(world):
    person = world.people["r1-staff"]
    response = world.client("coordinator").post(
        reverse("people:membership-add", args=[person.pk]),
        {"unit": world.units["R1"].pk, "role": "admin"},
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=person, role="admin").exists()


def test_audit_trail_filters_and_scope(world):
    admin = world.people["admin"]
    r2, r1 = world.units["R2"], world.units["R1"]
    world.client("admin").post(
        reverse("org:unit-edit", args=[r2.pk]), unit_form(r2, name_en="Changed R2")
    )
    world.client("admin").post(
        reverse("org:unit-edit", args=[r1.pk]), unit_form(r1, name_en="Changed R1")
    )
    other = world.units["OTH-IT"]
    LogEntry.objects.log_create(
        other, action=LogEntry.Action.UPDATE, changes={"name_en": ["a", "secret-foreign-change"]}
    )
    client = world.client("auditor")
    everything = client.get(reverse("audit")).content.decode()
    assert "Changed R2" in everything and "Changed R1" in everything
    assert "secret-foreign-change" not in everything
    only_r2 = client.get(reverse("audit"), {"unit": r2.pk}).content.decode()
    assert "Changed R2" in only_r2 and "Changed R1" not in only_r2
    by_person = client.get(reverse("audit"), {"actor": admin.pk}).content.decode()
    assert "Changed R1" in by_person
    by_other_person = client.get(
        reverse("audit"), {"actor": world.people["secretariat"].pk}
    ).content.decode()
    assert "Changed R1" not in by_other_person
    future = client.get(reverse("audit"), {"date_from": "2099-01-01"}).content.decode()
    assert "Changed R1" not in future
    by_object = client.get(reverse("audit"), {"object_pk": r1.pk}).content.decode()
    assert "Changed R1" in by_object and "Changed R2" not in by_object


def _grow(world, n):
    hss = world.units["HSS"]
    for i in range(n):
        unit = unit_create(parent=world.units["R1"], kind="group", code=f"G{i}", name_th=f"กลุ่ม {i}")
        user = User.objects.create(username=f"u{i}", name=f"คน {i}", organization=hss)
        Membership.objects.create(user=user, unit=unit, role=Role.MEMBER, organization=hss)


@pytest.mark.parametrize("extra", [0, 60])
@pytest.mark.parametrize("role", ["secretariat", "coordinator"])
def test_list_query_counts_do_not_grow(world, django_assert_max_num_queries, extra, role):
    _grow(world, extra)
    client = world.client(role)
    client.get(reverse("home"))  # the first request of a session stores a flag
    for url in (
        reverse("org:unit-list"),
        reverse("people:list"),
        "/api/v1/units/",
        "/api/v1/users/",
        reverse("audit"),
    ):
        if url == reverse("audit") and role == "coordinator":
            continue
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
