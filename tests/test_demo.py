import os

from django.contrib.auth import get_user_model
from django.core.management import call_command

from digiorg.frameworks.models import Criterion, Framework


def test_demo_prepares_and_is_safe_to_run_twice(db, capsys, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIORG_BASE_URL", "unset below; restored after the test")
    monkeypatch.delenv("DIGIORG_BASE_URL")
    settings.DIGIORG_BASE_URL = "http://127.0.0.1:8000"  # restored after the test
    settings.VAR_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "media"
    # compressing every static file (whitenoise) costs ~15 s and is not what this test is about
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("demo", "--no-serve")
    first = capsys.readouterr().out
    call_command("demo", "--no-serve", "--port", "8123")
    second = capsys.readouterr().out
    assert "dhss-do-2568 v3: created" in first
    assert "dhss-do-2568 v3: unchanged" in second
    assert "http://127.0.0.1:8123/" in second
    assert "http://127.0.0.1:8123/dashboards/national/" in second
    # links in mail follow the port served on, in this process and in the worker it starts
    assert settings.DIGIORG_BASE_URL == "http://127.0.0.1:8123"
    assert os.environ["DIGIORG_BASE_URL"] == "http://127.0.0.1:8123"
    assert "admin" in second and settings.DIGIORG_DEMO_PASSWORD in second
    assert Framework.objects.count() == 1
    assert Criterion.objects.count() == 65
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(settings.DIGIORG_DEMO_PASSWORD)


def test_demo_has_evidence_answers_and_scores(db, settings, tmp_path):
    from django.db.models import Count
    from django.utils.timezone import localdate

    from digiorg.assessments.models import CriterionAssessment
    from digiorg.core.fiscal import fiscal_year
    from digiorg.cycles.models import Cycle
    from digiorg.evidence.models import Evidence
    from digiorg.sample.demo import demo_prepare
    from digiorg.scoring.models import ScoreSnapshot
    from digiorg.scoring.selectors import score_document

    settings.MEDIA_ROOT = tmp_path
    demo_prepare(say=lambda _: None)
    statuses = dict(
        CriterionAssessment.objects.filter(organization__code="HSS")
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assert set(statuses) == {"draft", "submitted", "verified", "returned"}
    files = Evidence.objects.filter(kind="file").select_related("current")
    assert files.count() >= 10 and Evidence.objects.filter(kind="link").exists()
    for item in files:  # every demo file is a real PDF or PNG that passes the upload rules
        head = item.current.file.open("rb").read(8)
        assert head.startswith(b"%PDF-") or head.startswith(b"\x89PNG")
    cycle = Cycle.objects.get(organization__code="HSS", fiscal_year=fiscal_year(localdate()))
    scores = score_document(cycle)
    assert 0 < scores["verified_score"] < scores["self_score"] < 100
    assert ScoreSnapshot.objects.filter(cycle=cycle).values("day").distinct().count() >= 3
