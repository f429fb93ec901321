"""Units and users API: scoped like the pages, writes for administrators only."""

from digiorg.accounts.models import User
from digiorg.org.models import OrgUnit


def test_admin_creates_and_edits_a_unit(world):
    api = world.client("admin")
    response = api.post(
        "/api/v1/units/",
        {"code": "R2-NEW", "name_th": "กลุ่มใหม่", "kind": "group", "parent": world.units["R2"].pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    unit = OrgUnit.objects.get(code="R2-NEW")
    assert unit.organization == world.units["HSS"]
    response = api.patch(
        f"/api/v1/units/{unit.pk}/",
        {"name_en": "New group", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = api.patch(
        f"/api/v1/units/{unit.pk}/",
        {"name_en": "Lost?", "version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409
    unit.refresh_from_db()
    assert unit.name_en == "New group"


def test_patch_without_version_is_refused(world):
    unit = world.units["R2"]
    response = world.client("admin").patch(
        f"/api/v1/units/{unit.pk}/", {"name_en": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "version" in response.json()


def test_others_cannot_write(world):
    for role in ("secretariat", "executive", "auditor", "coordinator", "member"):
        response = world.client(role).post(
            "/api/v1/units/",
            {"code": f"X-{role}", "name_th": "x", "kind": "group", "parent": world.units["R1"].pk},
            content_type="application/json",
        )
        assert response.status_code == 403, role
    assert not OrgUnit.objects.filter(code__startswith="X-").exists()


def test_admin_cannot_create_under_a_foreign_unit(world):
    response = world.client("admin").post(
        "/api/v1/units/",
        {"code": "X", "name_th": "x", "kind": "group", "parent": world.units["OTH-IT"].pk},
        content_type="application/json",
    )
    assert response.status_code == 400  # the foreign parent is not a choice at all
    assert not OrgUnit.objects.filter(code="X").exists()


def test_bad_unit_input_gets_a_thai_message(world):
    response = world.client("admin").post(
        "/api/v1/units/",
        {"code": "IT", "name_th": "ซ้ำ", "kind": "group", "parent": world.units["R1"].pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "ถูกใช้แล้ว" in response.json()["code"]
    response = world.client("admin").post(
        "/api/v1/units/",
        {"code": "D", "name_th": "กรม", "kind": "department", "parent": world.units["R1"].pk},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_admin_creates_and_updates_a_user(world):
    api = world.client("admin")
    response = api.post(
        "/api/v1/users/",
        {"username": "api-user", "name": "ผ่าน API", "email": "api@example.go.th"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    person = User.objects.get(username="api-user")
    assert person.organization == world.units["HSS"]
    response = api.patch(
        f"/api/v1/users/{person.pk}/",
        {"name": "เปลี่ยนชื่อ", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert (
        world.client("coordinator")
        .patch(
            f"/api/v1/users/{world.people['r1-staff'].pk}/",
            {"name": "x", "version": 1},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_user_api_hides_passwords(world):
    data = world.client("secretariat").get(f"/api/v1/users/{world.people['member'].pk}/").json()
    assert "password" not in data
    assert data["memberships"][0]["role"] == "member"
