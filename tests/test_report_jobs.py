"""The PDF and the survey pack are built by a background job: asking queues it, its page follows
it (htmx polling, no inline script) and offers the download when ready, to whoever may get that
report; a failed job says so in Thai. Refused requests leave no job behind."""

import io
import logging
import os
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from digiorg.reports.models import ReportJob

from .assess_data import answer_topic, assessed_cycle

J = ReportJob


@pytest.fixture
def cycle(world, seed_framework):
    cycle = assessed_cycle(world, seed_framework)
    answer_topic(world, cycle, {"2.2-1": "met", "2.2-2": "partial", "2.2-3": "met", "2.2-4": "not_met",
                                "2.2-5": "not_applicable", "2.2-6": "met"})  # fmt: skip
    return cycle


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def ask(client, cycle, fmt, committed, unit=None):
    data = {"unit": unit.pk} if unit is not None else {}
    with committed():
        response = client.post(reverse("reports:report", args=[cycle.pk, fmt]), data)
    return response


def job_url(job) -> str:
    return reverse("reports:job", args=[job.pk])


def download_url(job) -> str:
    return reverse("reports:job-download", args=[job.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_pdf_job_from_request_to_download(world, cycle, committed, tasks_queued):
    executive = world.client("executive")
    response = ask(executive, cycle, "pdf", committed)
    job = J.objects.get()
    assert response.status_code == 302 and response["Location"] == job_url(job)

    page = executive.get(job_url(job))
    html = page.content.decode()
    assert 'data-testid="job-status">รอคิว<' in html
    assert f'hx-get="{job_url(job)}"' in html and 'hx-trigger="every 2s"' in html
    assert "<script>" not in html.split("</head>")[1]  # the polling needs no inline script
    assert executive.get(download_url(job)).status_code == 404  # nothing to download yet

    partial = executive.get(job_url(job), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="job-status"')

    call_command("worker", "--batch", verbosity=0)
    job.refresh_from_db()
    assert job.status == J.Status.DONE and job.finished_at is not None
    done = executive.get(job_url(job), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done  # the polling stops
    assert 'data-testid="job-status">พร้อมดาวน์โหลด<' in done and download_url(job) in done

    response = executive.get(download_url(job))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert "digiorg-readiness-HSS-FY2568.pdf" in response["Content-Disposition"]
    assert body(response).startswith(b"%PDF-")


def test_unit_pack_is_for_those_who_may_get_the_units_report(world, cycle, committed):
    response = ask(world.client("coordinator"), cycle, "pack", committed, world.units["R1"])
    job = J.objects.get()
    assert response.status_code == 302 and job.status == J.Status.DONE  # tasks run at once here
    names = zipfile.ZipFile(
        io.BytesIO(body(world.client("coordinator").get(download_url(job))))
    ).namelist()
    assert "survey.xlsx" in names and any(n.startswith("evidence/2.2-1/") for n in names)
    for who, status in [("member", 200), ("executive", 200), ("auditor", 200),
                        ("r2-staff", 404), ("other-staff", 404)]:  # fmt: skip
        client = world.client(who)
        assert client.get(job_url(job)).status_code == status, who
        assert client.get(download_url(job)).status_code == status, who
    assert world.client(None).get(download_url(job)).status_code == 302  # to the login


def test_the_department_report_job_is_hidden_from_unit_roles(world, cycle, committed):
    ask(world.client("executive"), cycle, "pdf", committed)
    job = J.objects.get()
    assert world.client("coordinator").get(job_url(job)).status_code == 404
    assert world.client("coordinator").get(download_url(job)).status_code == 404


@pytest.mark.parametrize(
    "who, unit, status",
    [("r2-staff", "R1", 404), ("other-staff", None, 404),
     ("other-staff", "R1", 404)],
)  # fmt: skip
def test_refused_requests_queue_nothing(world, cycle, committed, who, unit, status):
    response = ask(world.client(who), cycle, "pack", committed, world.units[unit] if unit else None)
    assert response.status_code == status
    assert not J.objects.exists()


def test_a_member_asking_for_the_department_gets_their_own_units_job(world, cycle, committed):
    """scoring.permissions' one rule: unit roles get their own unit's figures."""
    response = ask(world.client("member"), cycle, "pack", committed)
    assert response.status_code == 302
    assert J.objects.get().unit == world.units["R1"]


def test_asking_twice_while_it_is_prepared_is_one_job(world, cycle, committed, tasks_queued):
    client = world.client("executive")
    first, second = ask(client, cycle, "pack", committed), ask(client, cycle, "pack", committed)
    assert first["Location"] == second["Location"]
    assert J.objects.count() == 1


def test_a_failed_job_says_so_in_thai_and_logs_why(world, cycle, committed, monkeypatch, caplog):
    def broken(data, fmt):
        raise OSError("disk full")

    monkeypatch.setattr("digiorg.reports.tasks.render_temp", broken)
    with caplog.at_level(logging.ERROR, logger="digiorg.reports.tasks"):
        ask(world.client("executive"), cycle, "pdf", committed)
    job = J.objects.get()
    assert job.status == J.Status.FAILED and "disk full" in job.error
    html = world.client("executive").get(job_url(job)).content.decode()
    assert 'data-testid="job-status">ไม่สำเร็จ<' in html
    assert "จัดทำรายงานไม่สำเร็จ" in html and "disk full" not in html
    assert world.client("executive").get(download_url(job)).status_code == 404
    assert any("report job" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)


def test_old_jobs_and_their_files_are_removed(world, cycle, committed, settings):
    client = world.client("executive")
    ask(client, cycle, "pdf", committed)
    old = J.objects.get()
    path = old.file.path
    J.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.DIGIORG_REPORT_KEEP_DAYS + 1)
    )
    ask(client, cycle, "pdf", committed)
    assert list(J.objects.values_list("status", flat=True)) == [J.Status.DONE]
    assert not J.objects.filter(pk=old.pk).exists()
    assert not os.path.exists(path)
