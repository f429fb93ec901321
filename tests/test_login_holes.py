"""The holes found in issue 10: admin login around allauth, lockouts keyed on the text typed,
TOTP codes guessed without limit on the API, sessions that never passed the second factor."""

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from .world import PASSWORD, TOTP_SECRET, totp_now

LOCKED = "พยายามเข้าสู่ระบบล้มเหลวหลายครั้งเกินไป"


def web_login(client: Client, login: str, password: str):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def token(client: Client, **data):
    return client.post("/api/v1/auth/token/", data, content_type="application/json")


def make_superuser(world):
    admin = world.people["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return admin


def test_admin_login_page_hands_over_to_the_site_login(world):
    make_superuser(world)
    client = Client()
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2Faccounts%2Fuser%2F"
    # posting a password to the admin form signs nobody in
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302 and SESSION_KEY not in client.session
    # an off-site next is dropped
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2F"


def test_admin_password_alone_never_reaches_the_admin(world):
    make_superuser(world)
    client = Client()
    response = web_login(client, "admin", PASSWORD)
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302
    assert SESSION_KEY not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert client.get("/admin/").status_code == 200


def test_eight_wrong_admin_passwords_lock_the_login(world):
    make_superuser(world)
    client = Client()
    seen = [web_login(client, "admin", f"wrong-{i}").content.decode() for i in range(8)]
    assert LOCKED not in seen[0] and LOCKED in seen[-1]
    response = web_login(client, "admin", PASSWORD)
    assert LOCKED in response.content.decode() and SESSION_KEY not in client.session
    # the hand-over from /admin/login/ leads to this same locked form
    assert Client().get("/admin/login/").url.startswith(reverse("account_login"))


def test_a_password_only_session_of_a_totp_user_is_ended(world):
    """A session made without the second factor (force_login stands for any way around
    allauth, such as the old admin form) is logged out and sent to the login page."""
    client = Client()
    client.force_login(world.people["secretariat"])
    response = client.get(reverse("org:unit-list"))
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Funits%2F"
    assert SESSION_KEY not in client.session
    # an API call through such a session is refused the same way
    client.force_login(world.people["secretariat"])
    assert client.get("/api/v1/units/").status_code == 302


def test_member_with_totp_needs_the_second_factor_too(world):
    from allauth.mfa.totp.internal.auth import TOTP

    member = world.people["member"]
    TOTP.activate(member, TOTP_SECRET)
    client = Client()
    client.force_login(member)
    assert client.get(reverse("home")).status_code == 302
    assert SESSION_KEY not in client.session


def test_username_lock_also_locks_the_email_and_the_other_way_round(world):
    for _ in range(5):
        web_login(Client(), "member", "wrong")
    assert LOCKED in web_login(Client(), "member@example.go.th", PASSWORD).content.decode()
    assert token(Client(), username="MEMBER@example.go.th", password=PASSWORD).status_code == 429
    for _ in range(5):
        assert (
            token(Client(), username="COORDINATOR@example.go.th", password="x").status_code == 400
        )
    assert LOCKED in web_login(Client(), "coordinator", PASSWORD).content.decode()
    # the web form and the API count together: 3 + 2 failures lock
    for _ in range(3):
        web_login(Client(), "auditor", "wrong")
    for _ in range(2):
        token(Client(), username="auditor@example.go.th", password="wrong")
    assert token(Client(), username="auditor", password=PASSWORD).status_code == 429


def test_the_ip_limit_holds_across_names(world, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "5/15m/key,3/15m/ip"}
    for name in ("nobody-1", "nobody-2", "nobody-3"):
        token(Client(), username=name, password="x")
    assert token(Client(), username="member", password=PASSWORD).status_code == 429


def test_six_wrong_codes_lock_the_token_endpoint_even_for_the_right_code(world):
    for _ in range(5):
        response = token(Client(), username="admin", password=PASSWORD, code="000000")
        assert response.status_code == 400
    response = token(Client(), username="admin", password=PASSWORD, code="000000")
    assert response.status_code == 429 and LOCKED in response.json()["detail"]
    response = token(Client(), username="admin", password=PASSWORD, code=totp_now())
    assert response.status_code == 429
    assert not Token.objects.filter(user=world.people["admin"]).exists()
    # the website's two-factor step shares the counter: the right code is refused there too
    client = Client()
    web_login(client, "admin", PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert SESSION_KEY not in client.session


def test_wrong_codes_on_the_website_count_on_the_api(world):
    for _ in range(5):
        client = Client()
        web_login(client, "admin", PASSWORD)
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    response = token(Client(), username="admin", password=PASSWORD, code=totp_now())
    assert response.status_code == 429


def test_right_code_clears_earlier_wrong_codes(world):
    for _ in range(4):
        token(Client(), username="admin", password=PASSWORD, code="000000")
    assert token(Client(), username="admin", password=PASSWORD, code=totp_now()).status_code == 200
    for _ in range(4):
        assert token(Client(), username="admin", password=PASSWORD, code="1").status_code == 400
