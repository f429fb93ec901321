"""Login: username or email, lockout, TOTP for admins and the secretariat, API tokens."""

from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from .world import PASSWORD, TOTP_SECRET, totp_now

LOCKED = "พยายามเข้าสู่ระบบล้มเหลวหลายครั้งเกินไป"


def login(client: Client, login: str, password: str):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_login_by_username_or_email(world):
    for name in ("member", "member@example.go.th"):
        client = Client()
        response = login(client, name, PASSWORD)
        assert response.status_code == 302, name
        # logged in: `/` sends the member on to their unit's dashboard
        landing = client.get(reverse("home"))
        assert landing.status_code == 302 and landing.url.startswith("/dashboards/units/")


def test_lockout_after_five_failures_even_with_the_right_password(world):
    client = Client()
    for _ in range(5):
        assert LOCKED not in login(client, "member", "wrong-password").content.decode()
    response = login(client, "member", PASSWORD)
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # another person is not locked out by it
    assert login(Client(), "coordinator", PASSWORD).status_code == 302


def test_admin_must_enter_a_totp_code_after_the_password(world):
    client = Client()
    response = login(client, "admin", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert response.status_code == 302
    assert client.get(reverse("org:unit-list")).status_code == 200


def test_admin_without_totp_can_do_nothing_until_it_is_set_up(world):
    admin = world.people["admin"]
    Authenticator.objects.filter(user=admin).delete()
    client = Client()
    assert login(client, "admin", PASSWORD).status_code == 302
    for url in (reverse("home"), reverse("org:unit-list"), reverse("audit")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password once more before a second factor is added
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "otpauth://" in page.content.decode() or "data:image" in page.content.decode()


def test_members_do_not_need_totp(world):
    client = Client()
    assert login(client, "member", PASSWORD).status_code == 302
    assert client.get(reverse("org:unit-list")).status_code == 200


def test_session_expires(world, settings):
    client = Client()
    login(client, "member", PASSWORD)
    assert client.session.get_expire_at_browser_close()
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_password_policy_on_change(world):
    client = world.client("member")
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "short", "password2": "short"},
    )
    assert response.status_code == 200
    world.people["member"].refresh_from_db()
    assert world.people["member"].check_password(PASSWORD)


def token(client: Client, **data):
    return client.post("/api/v1/auth/token/", data, content_type="application/json")


def test_token_for_a_member_and_its_use(world):
    response = token(Client(), username="member", password=PASSWORD)
    assert response.status_code == 200
    key = response.json()["token"]
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    codes = {u["code"] for u in api.get("/api/v1/units/").json()["results"]}
    assert codes == {"R1", "R1-STD"}
    assert Client(HTTP_AUTHORIZATION="Token nonsense").get("/api/v1/units/").status_code == 401


def test_token_needs_the_right_password_and_locks_out(world):
    for _ in range(5):
        assert token(Client(), username="member", password="wrong").status_code == 400
    response = token(Client(), username="member", password=PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.json()["detail"]


def test_token_for_an_admin_needs_the_totp_code(world):
    assert token(Client(), username="admin", password=PASSWORD).status_code == 400
    assert token(Client(), username="admin", password=PASSWORD, code="123456").status_code == 400
    response = token(Client(), username="admin", password=PASSWORD, code=totp_now(TOTP_SECRET))
    assert response.status_code == 200 and response.json()["token"]


def test_token_refused_to_an_admin_without_totp(world):
    Authenticator.objects.filter(user=world.people["admin"]).delete()
    assert token(Client(), username="admin", password=PASSWORD).status_code == 403


def test_token_request_with_missing_fields_is_400(world):
    assert token(Client(), username="member").status_code == 400
