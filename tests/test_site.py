from django.urls import reverse

from .conftest import PASSWORD


def test_healthz_is_cheap(db, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_login_page_is_thai_and_logs_in(client, user):
    page = client.get(reverse("account_login")).content.decode()
    assert 'lang="th"' in page
    assert "เข้าสู่ระบบ" in page
    assert "กรมสนับสนุนบริการสุขภาพ" in page
    response = client.post(reverse("account_login"), {"login": "somchai", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_gets_a_thai_message(client, user):
    page = client.post(
        reverse("account_login"), {"login": "somchai", "password": "wrong"}
    ).content.decode()
    assert "ชื่อผู้ใช้และ/หรือรหัสผ่านที่ระบุมาไม่ถูกต้อง" in page and "alert-danger" in page
    assert "ลงทะเบียน" not in page  # nobody signs themselves up


def test_language_switch_is_remembered_on_the_user(user_client, user):
    response = user_client.post(reverse("language-set"), {"language": "en", "next": "/frameworks/"})
    assert response.status_code == 302 and response.url == "/frameworks/"
    user.refresh_from_db()
    assert user.preferred_language == "en"
    page = user_client.get(reverse("home")).content.decode()
    assert 'lang="en"' in page and "Department of Health Service Support" in page


def test_language_switch_for_anonymous_uses_a_cookie(client):
    client.post(reverse("language-set"), {"language": "en"})
    assert 'lang="en"' in client.get(reverse("account_login")).content.decode()


def test_language_switch_rejects_unknown_languages_and_outside_redirects(user_client, user):
    assert user_client.post(reverse("language-set"), {"language": "xx"}).status_code == 400
    response = user_client.post(
        reverse("language-set"), {"language": "th", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    user.refresh_from_db()
    assert user.preferred_language == "th"


def test_language_switch_needs_post(user_client):
    assert user_client.get(reverse("language-set")).status_code == 405
