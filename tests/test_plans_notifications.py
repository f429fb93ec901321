"""Mail when an action is submitted, returned or approved, and deadline reminders, sent once."""

import smtplib
from datetime import date, timedelta
from functools import partial
from io import StringIO

import pytest
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.utils import timezone

from digiorg.accounts.roles import Role
from digiorg.core.thai import format_date
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import assignments_set, cycle_open, cycle_update
from digiorg.plans.models import Action, ReminderSent
from digiorg.plans.notifications import send_reminders
from digiorg.plans.services import (
    action_create,
    action_transition,
    progress_save,
    progress_submit,
)

from .world import person

S = Action.Status
BASE_URL = "https://digiorg.example.go.th"
DEADLINES = {
    "plan": date(2024, 10, 31),
    "q1": date(2025, 1, 15),
    "q2": date(2025, 4, 15),
    "q3": date(2025, 7, 15),
    "q4": date(2025, 10, 15),
    "assessment": date(2025, 8, 31),
}


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.DIGIORG_BASE_URL = BASE_URL + "/"
    settings.DIGIORG_REMINDER_DAYS = 7


@pytest.fixture
def cycle(world, seed_framework):
    return cycle_open(organization=world.units["HSS"], fiscal_year=2568, framework=seed_framework)


def new_action(
    world, cycle, unit="R1", owner=None, title="ระบบจองห้องประชุมออนไลน์", who="coordinator"
):
    return action_create(
        actor=world.people[who], cycle=cycle, unit=world.units[unit], title=title,
        owner=owner, start_date=date(2024, 11, 1), end_date=date(2025, 9, 30),
    )  # fmt: skip


def move(world, action, *steps):
    """Each step: (who, to_status[, comment])."""
    for who, to_status, *comment in steps:
        action = action_transition(
            action, actor=world.people[who], to_status=to_status, comment="".join(comment)
        )
    return action


def approve(world, action, coordinator="coordinator"):
    return move(world, action, (coordinator, S.SUBMITTED), ("executive", S.APPROVED))


def refuse(self, messages):
    raise smtplib.SMTPServerDisconnected("the mail server went away")


def recipients(mailoutbox):
    return sorted(address for mail in mailoutbox for address in mail.to)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Tests run inside a transaction: this runs the on-commit hooks (the mail) at its end."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def remind(committed):
    def run(today: date) -> int:
        with committed():
            return send_reminders(today)

    return run


# Mail on status changes


def test_submitted_mails_the_secretariat_in_thai(world, cycle, mailoutbox, committed):
    action = new_action(world, cycle)
    with committed():
        move(world, action, ("coordinator", S.SUBMITTED))

    assert recipients(mailoutbox) == ["secretariat@example.go.th"]
    mail = mailoutbox[0]
    assert mail.from_email == "digiorg@localhost"
    assert "ระบบจองห้องประชุมออนไลน์" in mail.subject
    assert "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in mail.body  # the unit's Thai name
    assert "R1 unit" not in mail.body
    assert "2568" in mail.body
    event = action.events.get(to_status=S.SUBMITTED)
    assert format_date(event.created_at, "th") in mail.body  # Thai month, Buddhist era
    assert "คุณ coordinator" in mail.body  # who submitted
    assert f"{BASE_URL}/plans/actions/{action.pk}/" in mail.body


def test_submitted_mail_is_in_english_for_who_prefers_it(world, cycle, mailoutbox, committed):
    secretariat = world.people["secretariat"]
    secretariat.preferred_language = "en"
    secretariat.save()
    action = new_action(world, cycle, title="Online meeting-room booking")
    with committed():
        move(world, action, ("coordinator", S.SUBMITTED))

    assert recipients(mailoutbox) == ["secretariat@example.go.th"]
    mail = mailoutbox[0]
    assert mail.subject == "Action submitted for review: Online meeting-room booking"
    assert "submitted the action “Online meeting-room booking” of R1 unit" in mail.body
    assert "fiscal year 2568" in mail.body
    event = action.events.get(to_status=S.SUBMITTED)
    assert format_date(event.created_at, "en") in mail.body
    assert "ศูนย์สนับสนุนบริการสุขภาพ" not in mail.body


def test_returned_mails_coordinator_and_owner_with_the_comment(world, cycle, mailoutbox, committed):
    action = new_action(world, cycle, owner=world.people["member"])
    move(world, action, ("coordinator", S.SUBMITTED))
    with committed():
        move(world, action, ("secretariat", S.RETURNED, "งบประมาณสูงเกินไป ขอให้ทบทวน"))

    assert recipients(mailoutbox) == ["coordinator@example.go.th", "member@example.go.th"]
    for mail in mailoutbox:
        assert "ระบบจองห้องประชุมออนไลน์" in mail.subject
        assert "งบประมาณสูงเกินไป ขอให้ทบทวน" in mail.body
        assert "คุณ secretariat" in mail.body


def test_returned_in_a_group_reaches_the_coordinator_above_it(world, cycle, mailoutbox, committed):
    """R1-STD has no coordinator of its own; R1's coordinator is the one who may resubmit."""
    action = new_action(world, cycle, unit="R1-STD", owner=world.people["r1-staff"])
    move(world, action, ("coordinator", S.SUBMITTED))
    with committed():
        move(world, action, ("secretariat", S.RETURNED, "แนบหลักฐานเพิ่ม"))

    assert recipients(mailoutbox) == ["coordinator@example.go.th", "r1-staff@example.go.th"]


def test_approved_mails_coordinator_and_owner(world, cycle, mailoutbox, committed):
    owner = world.people["member"]
    owner.preferred_language = "en"
    owner.save()
    action = new_action(world, cycle, owner=owner, title="E-signature rollout")
    move(world, action, ("coordinator", S.SUBMITTED))
    with committed():
        move(world, action, ("executive", S.APPROVED))

    assert recipients(mailoutbox) == ["coordinator@example.go.th", "member@example.go.th"]
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert by_address["member@example.go.th"].subject == "Action approved: E-signature rollout"
    assert "คุณ executive approved the action" in by_address["member@example.go.th"].body
    assert "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in by_address["coordinator@example.go.th"].body


def test_people_without_email_are_skipped(world, cycle, mailoutbox, committed):
    coordinator = world.people["coordinator"]
    coordinator.email = ""
    coordinator.save()
    action = new_action(world, cycle, owner=world.people["member"])
    move(world, action, ("coordinator", S.SUBMITTED))
    with committed():
        move(world, action, ("secretariat", S.RETURNED, "ขอรายละเอียดเพิ่ม"))

    assert recipients(mailoutbox) == ["member@example.go.th"]


def mail_hooks(callbacks) -> list:
    """The commit hooks that queue mail (a write also asks for a score refresh on commit)."""
    return [c for c in callbacks if "snapshot_request" not in repr(c)]


def test_drafts_and_other_moves_send_nothing(world, cycle, mailoutbox, committed):
    with committed() as callbacks:
        action = new_action(world, cycle)
    assert mailoutbox == []
    assert mail_hooks(callbacks) == []

    action = approve(world, action)
    mailoutbox.clear()
    with committed() as callbacks:
        action = move(world, action, ("coordinator", S.IN_PROGRESS), ("coordinator", S.DONE))
    assert len(mail_hooks(callbacks)) == 2  # the hooks ran, and chose to send nothing
    assert mailoutbox == []


def test_no_mail_before_the_commit(world, cycle, mailoutbox, committed):
    action = new_action(world, cycle)
    with committed(execute=False) as callbacks:
        move(world, action, ("coordinator", S.SUBMITTED))
    assert mailoutbox == []
    assert len(mail_hooks(callbacks)) == 1


def test_the_other_department_never_gets_mail_about_an_action(world, cycle, mailoutbox, committed):
    person(world, "other-coordinator", "OTH-IT", Role.COORDINATOR)
    action = new_action(world, cycle)
    with committed():
        move(world, action, ("coordinator", S.SUBMITTED), ("secretariat", S.RETURNED, "แก้ไข"))
    with committed():
        approve(world, action)

    sent_to = set(recipients(mailoutbox))
    assert sent_to == {"secretariat@example.go.th", "coordinator@example.go.th"}
    assert not sent_to & {"other-staff@example.go.th", "other-coordinator@example.go.th"}


def test_an_owner_from_the_other_department_is_refused(world, cycle, mailoutbox):
    from digiorg.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        new_action(world, cycle, owner=world.people["other-staff"])
    assert not mailoutbox


# Deadline reminders, with a frozen `today`


@pytest.fixture
def busy_cycle(world, cycle, seed_framework):
    """An approved action in R1 and an assignment for R1: every deadline concerns R1 only."""
    approve(world, new_action(world, cycle))
    assignments_set(
        cycle=cycle, criteria=[seed_framework.criteria.first()], units=[world.units["R1"]],
        kind="responsible",
    )  # fmt: skip
    return cycle


@pytest.mark.parametrize("key", DEADLINES)
def test_reminder_window_opens_seven_days_before(key, world, busy_cycle, mailoutbox, remind):
    due = DEADLINES[key]
    mailoutbox.clear()

    assert remind(due - timedelta(days=8)) == 0
    assert mailoutbox == []

    assert remind(due - timedelta(days=7)) == 1
    assert recipients(mailoutbox) == ["coordinator@example.go.th"]
    assert format_date(due, "th") in mailoutbox[0].subject  # Thai by default
    assert f"{BASE_URL}/" in mailoutbox[0].body
    assert (
        ReminderSent.objects.filter(key__startswith=f"reminder:{busy_cycle.pk}:{key}:").count() == 1
    )

    # inside the window, on the deadline, and the day after: nothing new
    for day in (due - timedelta(days=3), due, due + timedelta(days=1)):
        assert remind(day) == 0
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("key", DEADLINES)
def test_reminder_on_the_deadline_is_sent_once(key, world, busy_cycle, mailoutbox, remind):
    due = DEADLINES[key]
    mailoutbox.clear()

    assert remind(due + timedelta(days=1)) == 0
    assert mailoutbox == []

    assert remind(due) == 1
    assert recipients(mailoutbox) == ["coordinator@example.go.th"]
    assert format_date(due, "th") in mailoutbox[0].subject

    assert remind(due) == 0  # cron ran twice
    assert len(mailoutbox) == 1


def test_reminder_in_english_names_the_deadline(world, busy_cycle, mailoutbox, remind):
    coordinator = world.people["coordinator"]
    coordinator.preferred_language = "en"
    coordinator.save()
    mailoutbox.clear()

    assert remind(date(2025, 1, 13)) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Reminder: Q1 progress due on 15 January 2025"
    assert "fiscal year 2568 is 15 January 2025, 2 days from today." in mail.body
    assert "Q1 progress report" in mail.body


def test_plan_reminder_without_assignments_or_actions_goes_to_every_coordinator(
    world, cycle, mailoutbox, remind
):
    person(world, "other-coordinator", "OTH-IT", Role.COORDINATOR)
    assert remind(DEADLINES["plan"]) == 2
    assert recipients(mailoutbox) == ["coordinator@example.go.th", "r2-staff@example.go.th"]


def test_plan_reminder_goes_to_units_with_actions_or_assignments(
    world, cycle, seed_framework, mailoutbox, remind
):
    new_action(world, cycle, unit="R1-STD")  # R1's coordinator covers R1-STD
    assert remind(DEADLINES["plan"]) == 1
    assert recipients(mailoutbox) == ["coordinator@example.go.th"]


def test_assessment_reminder_goes_to_assigned_units(
    world, cycle, seed_framework, mailoutbox, remind
):
    new_action(world, cycle, unit="R1")  # actions do not count for the self-assessment
    assignments_set(
        cycle=cycle, criteria=[seed_framework.criteria.first()], units=[world.units["R2"]],
        kind="answers",
    )  # fmt: skip
    assert remind(DEADLINES["assessment"]) == 1
    assert recipients(mailoutbox) == ["r2-staff@example.go.th"]


def test_quarter_reminders_skip_units_that_reported(world, cycle, mailoutbox, remind):
    reported = approve(world, new_action(world, cycle, unit="R1"))
    draft_only = approve(
        world,
        new_action(world, cycle, unit="R2", who="r2-staff", title="ระบบสารบรรณ"),
        coordinator="r2-staff",
    )
    new_action(world, cycle, unit="R1-STD", title="ยังเป็นร่าง")  # a draft needs no report
    report = progress_save(reported, actor=world.people["coordinator"], quarter=1, percent_done=30)
    progress_submit(report, actor=world.people["coordinator"])
    progress_save(draft_only, actor=world.people["r2-staff"], quarter=1, percent_done=10)
    mailoutbox.clear()

    assert remind(DEADLINES["q1"]) == 1
    assert recipients(mailoutbox) == ["r2-staff@example.go.th"]

    mailoutbox.clear()  # Q1's report does not count for Q2
    assert remind(DEADLINES["q2"]) == 2
    assert recipients(mailoutbox) == ["coordinator@example.go.th", "r2-staff@example.go.th"]


def test_quarter_reminder_with_no_running_action_goes_to_nobody(world, cycle, mailoutbox, remind):
    new_action(world, cycle)  # still a draft
    assert remind(DEADLINES["q1"]) == 0
    assert mailoutbox == []


def test_closed_cycles_get_no_reminders(world, busy_cycle, mailoutbox, remind):
    cycle_update(busy_cycle, version=busy_cycle.version, status=Cycle.Status.CLOSED)
    mailoutbox.clear()
    for due in DEADLINES.values():
        assert remind(due) == 0
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()


def test_the_other_department_never_gets_reminders(
    world, cycle, seed_framework, mailoutbox, remind
):
    other = person(world, "other-coordinator", "OTH-IT", Role.COORDINATOR)
    other_cycle = cycle_open(
        organization=world.units["OTH"], fiscal_year=2568, framework=seed_framework,
        plan_due=date(2024, 11, 15),
    )  # fmt: skip
    assert remind(DEADLINES["plan"]) == 2
    assert "other-coordinator@example.go.th" not in recipients(mailoutbox)

    mailoutbox.clear()
    assert remind(date(2024, 11, 15)) == 1
    assert recipients(mailoutbox) == ["other-coordinator@example.go.th"]
    assert ReminderSent.objects.filter(key=f"reminder:{other_cycle.pk}:plan:{other.pk}").exists()


def test_a_reminder_that_failed_to_send_is_tried_again(
    world, busy_cycle, mailoutbox, remind, monkeypatch
):
    mailoutbox.clear()
    with monkeypatch.context() as patched:
        patched.setattr(locmem.EmailBackend, "send_messages", refuse)
        assert remind(DEADLINES["q1"]) == 1
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()

    assert remind(DEADLINES["q1"]) == 1
    assert recipients(mailoutbox) == ["coordinator@example.go.th"]


def test_a_failed_mail_does_not_undo_the_move(world, cycle, mailoutbox, committed, monkeypatch):
    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)
    action = new_action(world, cycle)
    with committed():
        move(world, action, ("coordinator", S.SUBMITTED))
    action.refresh_from_db()
    assert action.status == S.SUBMITTED
    assert mailoutbox == []


def test_a_second_run_costs_the_same_few_queries_however_many_units(
    world, cycle, remind, django_assert_num_queries
):
    for unit, coordinator in [("R1", "coordinator"), ("R1-STD", "coordinator"), ("R2", "r2-staff")]:
        approve(
            world, new_action(world, cycle, unit=unit, who=coordinator), coordinator=coordinator
        )
    assert remind(DEADLINES["q1"]) == 2
    # open cycles; running actions without a report; their coordinators; reminders already sent
    with django_assert_num_queries(4):
        assert remind(DEADLINES["q1"]) == 0


# The command


def test_command_sends_for_the_given_date(world, busy_cycle, mailoutbox, committed):
    mailoutbox.clear()
    out = StringIO()
    with committed():
        call_command("send_reminders", "--date", "2024-10-31", stdout=out)
    assert out.getvalue().strip() == "1 reminder sent for 2024-10-31."
    assert recipients(mailoutbox) == ["coordinator@example.go.th"]

    out = StringIO()
    with committed():
        call_command("send_reminders", "--date", "2024-10-31", stdout=out)
    assert out.getvalue().strip() == "0 reminders sent for 2024-10-31."
    assert len(mailoutbox) == 1


def test_command_defaults_to_today(world, busy_cycle, mailoutbox):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip().endswith(f"sent for {timezone.localdate().isoformat()}.")


@pytest.mark.parametrize("bad", ["2024-13-01", "31/10/2024", "yesterday"])
def test_command_rejects_a_bad_date(bad, db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", bad, stdout=StringIO())
