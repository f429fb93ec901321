"""Mail leaves the request as a task: queued on commit, sent by the worker, retried with a
growing wait when the mail server fails, and logged when it keeps failing."""

import logging
import smtplib
from datetime import date, timedelta
from functools import partial

import pytest
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from digiorg.cycles.services import cycle_open
from digiorg.plans.models import Action
from digiorg.plans.services import action_create, action_transition

S = Action.Status
SECRETARIAT = ["secretariat@example.go.th"]


@pytest.fixture
def action(world, seed_framework):
    cycle = cycle_open(organization=world.units["HSS"], fiscal_year=2568, framework=seed_framework)
    return action_create(
        actor=world.people["coordinator"], cycle=cycle, unit=world.units["R1"],
        title="ระบบจองห้องประชุมออนไลน์", start_date=date(2024, 11, 1), end_date=date(2025, 9, 30),
    )  # fmt: skip


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def mail_server(monkeypatch):
    """A mail server that refuses the first `failures` sends, then accepts."""
    state = {"failures": 0, "calls": 0}
    send = locmem.EmailBackend.send_messages

    def flaky(self, messages):
        state["calls"] += 1
        if state["calls"] <= state["failures"]:
            raise smtplib.SMTPServerDisconnected("the mail server went away")
        return send(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", flaky)
    return state


def submit(world, action, committed):
    with committed():
        action_transition(action, actor=world.people["coordinator"], to_status=S.SUBMITTED)


def test_a_mail_that_fails_twice_is_sent_on_the_third_try(
    world, action, mailoutbox, committed, mail_server, caplog
):
    mail_server["failures"] = 2
    with caplog.at_level(logging.WARNING, logger="digiorg.core.mail"):
        submit(world, action, committed)
    assert [m.to for m in mailoutbox] == [SECRETARIAT]
    assert mail_server["calls"] == 3
    tries = [r for r in caplog.records if r.name == "digiorg.core.mail"]
    assert [r.levelno for r in tries] == [logging.WARNING, logging.WARNING]


def test_a_mail_that_keeps_failing_is_logged_and_the_move_stands(
    world, action, mailoutbox, committed, mail_server, caplog, settings
):
    settings.DIGIORG_MAIL_ATTEMPTS = 3
    mail_server["failures"] = 99
    with caplog.at_level(logging.WARNING, logger="digiorg.core.mail"):
        submit(world, action, committed)
    assert mailoutbox == []
    assert mail_server["calls"] == 3
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "not sent after 3 tries" in errors[0].getMessage()
    action.refresh_from_db()
    assert action.status == S.SUBMITTED


def test_the_worker_sends_the_mail_and_waits_before_a_retry(
    world, action, mailoutbox, committed, mail_server, tasks_queued, settings
):
    settings.DIGIORG_MAIL_RETRY_SECONDS = 60
    mail_server["failures"] = 1
    submit(world, action, committed)
    assert mailoutbox == []  # nothing sent in the request: the mail waits for the worker
    assert DBTaskResult.objects.filter(task_path="digiorg.plans.tasks.action_mail").count() == 1

    started = timezone.now()
    call_command("worker", "--batch", verbosity=0)
    assert mailoutbox == []  # the first try failed
    retry = DBTaskResult.objects.get(task_path="digiorg.core.mail.mail_send")
    assert retry.status == TaskResultStatus.READY
    assert retry.run_after >= started + timedelta(seconds=60)  # not before a minute has passed
    call_command("worker", "--batch", verbosity=0)
    assert mailoutbox == []  # still waiting

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # a minute later
    call_command("worker", "--batch", verbosity=0)
    assert [m.to for m in mailoutbox] == [SECRETARIAT]
    assert "ระบบจองห้องประชุมออนไลน์" in mailoutbox[0].subject
