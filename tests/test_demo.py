from django.contrib.auth import get_user_model
from django.core.management import call_command

from digiorg.frameworks.models import Criterion, Framework


def test_demo_prepares_and_is_safe_to_run_twice(db, capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("demo", "--no-serve")
    first = capsys.readouterr().out
    call_command("demo", "--no-serve", "--port", "8123")
    second = capsys.readouterr().out
    assert "dhss-do-2568 v1: created" in first
    assert "dhss-do-2568 v1: unchanged" in second
    assert "http://127.0.0.1:8123/" in second
    assert "admin" in second and settings.DIGIORG_DEMO_PASSWORD in second
    assert Framework.objects.count() == 1
    assert Criterion.objects.count() == 94
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(settings.DIGIORG_DEMO_PASSWORD)
