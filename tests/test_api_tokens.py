"""API tokens expire, are revoked by their owner or an administrator, and die with deactivation."""

from datetime import timedelta

from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from .world import PASSWORD

UNITS = "/api/v1/units/"


def issue(username="member") -> str:
    response = Client().post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, "application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["expires"]
    return body["token"]


def api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def revocations(person) -> list:
    return list(LogEntry.objects.filter(object_pk=str(person.pk), changes__has_key="api_token"))


def test_token_expires_after_the_setting(world, settings):
    settings.DIGIORG_TOKEN_DAYS = 30
    key = issue()
    assert api(key).get(UNITS).status_code == 200
    Token.objects.filter(key=key).update(created=timezone.now() - timedelta(days=30, seconds=1))
    response = api(key).get(UNITS)
    assert response.status_code == 401
    # asking again gives a new token, not the expired one
    fresh = issue()
    assert fresh != key and api(fresh).get(UNITS).status_code == 200


def test_same_token_while_valid(world):
    assert issue() == issue()


def test_owner_revokes_the_token_in_use(world):
    key = issue()
    assert api(key).delete("/api/v1/auth/token/").status_code == 204
    assert api(key).get(UNITS).status_code == 401
    assert api(key).delete("/api/v1/auth/token/").status_code == 401
    [entry] = revocations(world.people["member"])
    assert entry.actor == world.people["member"]


def test_revoke_needs_a_token_not_a_session(world):
    client = world.client("member")
    issue()
    assert client.delete("/api/v1/auth/token/").status_code == 400
    assert Token.objects.filter(user=world.people["member"]).exists()
    assert Client().delete("/api/v1/auth/token/").status_code == 401


def test_administrator_revokes_a_person_of_their_department(world):
    member = world.people["member"]
    key = issue()
    url = f"/api/v1/users/{member.pk}/token/"
    # a coordinator sees the person but may not revoke; another department does not see them
    assert world.client("coordinator").delete(url).status_code == 403
    assert world.client("other-staff").delete(url).status_code == 404
    assert api(key).get(UNITS).status_code == 200 and not revocations(member)
    assert world.client("admin").delete(url).status_code == 204
    assert api(key).get(UNITS).status_code == 401
    [entry] = revocations(member)
    assert entry.actor == world.people["admin"]
    assert entry.additional_data["organization_id"] == member.organization_id


def test_deactivating_deletes_the_token_for_good(world):
    member = world.people["member"]
    key = issue()
    admin = world.client("admin")
    url = f"/api/v1/users/{member.pk}/"
    response = admin.patch(url, {"is_active": False, "version": 1}, "application/json")
    assert response.status_code == 200
    assert (
        admin.patch(url, {"is_active": True, "version": 2}, "application/json").status_code == 200
    )
    assert api(key).get(UNITS).status_code == 401
    assert not Token.objects.filter(key=key).exists()
    assert revocations(member)


def test_security_page_shows_and_revokes_own_token(world):
    client = world.client("member")
    page = client.get(reverse("people:security")).content.decode()
    assert "ยังไม่มีโทเค็น API" in page
    key = issue()
    page = client.get(reverse("people:security")).content.decode()
    assert "เพิกถอนโทเค็น API" in page
    response = client.post(reverse("people:my-token-revoke"))
    assert response.status_code == 302 and response.url == reverse("people:security")
    assert api(key).get(UNITS).status_code == 401


def test_people_page_lets_the_administrator_revoke(world):
    member = world.people["member"]
    key = issue()
    url = reverse("people:token-revoke", args=[member.pk])
    detail = reverse("people:detail", args=[member.pk])
    assert url in world.client("admin").get(detail).content.decode()
    assert url not in world.client("coordinator").get(detail).content.decode()
    assert world.client("coordinator").post(url).status_code == 403
    assert world.client("other-staff").post(url).status_code == 404
    assert api(key).get(UNITS).status_code == 200
    assert world.client("admin").post(url).status_code == 302
    assert api(key).get(UNITS).status_code == 401


def test_openapi_documents_the_token_operations(world):
    schema = world.client("member").get("/api/v1/schema/?format=json").json()
    post = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    assert {"200", "400", "403", "429"} <= set(post)  # every answer it gives is documented
    delete = schema["paths"]["/api/v1/auth/token/"]["delete"]["responses"]
    assert {"204", "400", "401", "403"} <= set(delete)
    person = schema["paths"]["/api/v1/users/{id}/token/"]["delete"]["responses"]
    assert {"204", "401", "403", "404"} <= set(person)


def test_deactivating_in_the_django_admin_deletes_the_token(world):
    admin = world.people["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    member = world.people["member"]
    key = issue()
    response = world.client("admin").post(
        f"/admin/accounts/user/{member.pk}/change/",
        {
            "username": member.username, "name": member.name, "email": member.email,
            "preferred_language": "th", "date_joined_0": "2025-01-01", "date_joined_1": "08:00:00",
        },  # is_active left out: unticked
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert not member.is_active
    assert not Token.objects.filter(key=key).exists()
    [entry] = revocations(member)
    assert entry.actor == admin
