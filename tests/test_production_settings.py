"""Production settings safe by default: check --deploy clean, no start without a secret key,
a Content-Security-Policy without inline scripts, short 403 logs, JSON request logs."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from digiorg.core.logs import ClientErrorsWithoutTraceback, JsonFormatter

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "digiorg" / "templates"
PRODUCTION = {
    "DIGIORG_SECRET_KEY": "k7#pR2vX9!mQ4zL8wT1yN6bJ3hF5dS0aE-gU_cV&iO*lK@xZrW",
    "DIGIORG_HTTPS": "1",
    "DIGIORG_BEHIND_PROXY": "1",
    "DIGIORG_ALLOWED_HOSTS": "digiorg.example.go.th",
}


def run(args: list[str], env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DIGIORG_", "DJANGO_", "PYTEST_")) and k != "DATABASE_URL"
    }
    base["DIGIORG_VAR_DIR"] = str(tmp_path)
    return subprocess.run(
        args, env={**base, **env}, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    result = run([sys.executable, "-m", "digiorg", "check", "--deploy"], PRODUCTION, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "W0" not in output, output
    assert "System check identified no issues" in output


def test_check_deploy_warns_without_production_settings(tmp_path):
    result = run([sys.executable, "-m", "digiorg", "check", "--deploy"], {}, tmp_path)
    output = result.stdout + result.stderr
    for warning in ("security.W004", "security.W008", "security.W009", "security.W012"):
        assert warning in output


def test_the_web_application_refuses_to_start_without_a_secret_key(tmp_path):
    start = [sys.executable, "-c", "import digiorg.wsgi"]
    env = {k: v for k, v in PRODUCTION.items() if k != "DIGIORG_SECRET_KEY"}
    result = run(start, env, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DIGIORG_SECRET_KEY" in result.stderr
    assert run(start, PRODUCTION, tmp_path).returncode == 0
    # debug mode (a developer's machine) starts on the demo key
    assert run(start, {**env, "DIGIORG_DEBUG": "1"}, tmp_path).returncode == 0


def test_https_settings_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s; import django; django.setup();"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "digiorg.settings"}
    result = run([sys.executable, "-c", code], env, tmp_path)
    assert result.stdout.split() == [
        "True", "True", "True", "31536000", "('HTTP_X_FORWARDED_PROTO',", "'https')",
    ]  # fmt: skip


def csp_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("who", [None, "member", "admin"])
def test_every_html_page_has_a_csp_without_inline_scripts(world, who):
    client = world.client(who)
    urls = ["/api/v1/docs/"]
    if who:
        urls += [reverse("home"), reverse("people:security"), reverse("org:unit-list")]
    else:
        urls += [reverse("account_login"), reverse("account_reset_password")]
    for url in urls:
        # `/` sends each role to its landing page: check that page
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        policy = csp_of(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in policy.get("default-src", [])
        # the pages themselves hold no inline script either
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)


def test_api_docs_script_is_served_from_the_site(client, db):
    page = client.get("/api/v1/docs/").content.decode()
    [script] = re.findall(r'<script src="(/api/v1/docs/\?[^"]+)"', page)
    response = client.get(script.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I
)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I | re.S)


def template_problems(text: str) -> list[str]:
    return [m.group(0) for m in INLINE_SCRIPT.finditer(text)] + [
        m.group(0)[-40:] for m in EVENT_HANDLER.finditer(text)
    ]


def test_the_template_scan_catches_inline_code():
    assert template_problems("<script>alert(1)</script>")
    assert template_problems('<select name="c" onchange="this.form.submit()">')
    assert template_problems('<form\n  method="post" onsubmit="x()">')
    assert not template_problems('<script src="/static/js/site.js" defer></script>')
    assert not template_problems('<script type="application/json" id="d">{}</script>')
    assert not template_problems('<select data-autosubmit name="cycle">')


def test_no_template_has_inline_scripts_or_event_handlers():
    found = {
        str(path.relative_to(TEMPLATES)): problems
        for path in TEMPLATES.rglob("*.html")
        if (problems := template_problems(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_permission_denied_is_logged_without_a_traceback(world, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert world.client("auditor").get(reverse("people:create")).status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    # Django logs the PermissionDenied with its exception; the console handler's filter (on
    # the root logger, which every line goes through) has dropped it from the record
    assert record.status_code == 403 and record.exc_info is None
    assert "client_errors_short" in settings.LOGGING["handlers"]["console"]["filters"]
    line = logging.Formatter().format(record)
    assert line == "Forbidden (Permission denied): /people/new/"


def test_server_errors_keep_their_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("django.request", 40, "", 0, "Internal", None, sys.exc_info())
    record.status_code = 500
    ClientErrorsWithoutTraceback().filter(record)
    assert "Traceback" in logging.Formatter().format(record)


def test_json_request_log_line(world, settings, caplog):
    request_logger = logging.getLogger("digiorg.request")
    with caplog.at_level(logging.INFO, logger="digiorg.request"):
        assert request_logger.isEnabledFor(logging.INFO)
        world.client("member").get(reverse("org:unit-list"))
    [record] = [r for r in caplog.records if r.name == "digiorg.request"]
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["user_id"] == world.people["member"].pk
    assert entry["method"] == "GET" and entry["path"] == reverse("org:unit-list")
    assert entry["status"] == 200 and isinstance(entry["duration_ms"], float)
    assert entry["logger"] == "digiorg.request" and entry["level"] == "INFO"


def test_json_logging_switch(tmp_path):
    code = (
        "import django, logging; django.setup();"
        "h = logging.getLogger().handlers[0];"
        "print(type(h.formatter).__name__, logging.getLogger('digiorg.request').level)"
    )
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "digiorg.settings", "DIGIORG_LOG_JSON": "1"}
    assert run([sys.executable, "-c", code], env, tmp_path).stdout.split() == [
        "JsonFormatter",
        "20",
    ]
