"""Mail about actions and cycle deadlines, each in its recipient's language.

Mail goes out in the background (digiorg.core.mail, tasks.py), queued only after the
transaction that caused it commits. A failed send is tried again, then logged; it never undoes
the change that caused it.
"""

import logging
from datetime import date, timedelta
from functools import partial
from typing import cast

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, gettext_noop, ngettext, override

from digiorg.accounts.models import User
from digiorg.accounts.roles import Role
from digiorg.core.mail import mail_data, mail_send
from digiorg.core.thai import format_date
from digiorg.cycles.models import Assignment, Cycle

from .models import Action, ActionEvent, ProgressReport, ReminderSent

logger = logging.getLogger(__name__)
S = Action.Status

# to_status -> (subject, what happened). Other statuses send no mail.
STATUS_MAIL: dict[str, tuple[str, str]] = {
    S.SUBMITTED: (
        gettext_noop("Action submitted for review: %(title)s"),
        gettext_noop(
            "%(actor)s submitted the action “%(title)s” of %(unit)s, fiscal year %(year)s, "
            "for review on %(date)s."
        ),
    ),
    S.RETURNED: (
        gettext_noop("Action returned for changes: %(title)s"),
        gettext_noop(
            "%(actor)s returned the action “%(title)s” of %(unit)s, fiscal year %(year)s, "
            "for changes on %(date)s."
        ),
    ),
    S.APPROVED: (
        gettext_noop("Action approved: %(title)s"),
        gettext_noop(
            "%(actor)s approved the action “%(title)s” of %(unit)s, fiscal year %(year)s, "
            "on %(date)s."
        ),
    ),
}
# deadline key -> what the recipient should have done by then.
REMINDER_ASK = {
    "plan": gettext_noop("Please submit your unit's actions for the year by then."),
    "quarter": gettext_noop(
        "Please submit the Q%(quarter)s progress report of each approved action by then."
    ),
    "assessment": gettext_noop("Please complete your unit's self-assessment by then."),
}


def action_status_messages(action_id: int, event_id: int) -> list[EmailMessage]:
    """The mail about an action's move. Submitted: the department's secretariat. Returned or
    approved: the unit's coordinators and the action's owner. Other moves: none."""
    event = ActionEvent.objects.select_related(
        "actor", "action__unit", "action__cycle", "action__owner"
    ).get(pk=event_id, action_id=action_id)
    if event.to_status not in STATUS_MAIL:
        return []
    action = event.action
    if event.to_status == S.SUBMITTED:
        people = _people(action.organization_id, Role.SECRETARIAT)
    else:
        people = _people(action.organization_id, Role.COORDINATOR, {action.unit.path})
        owner = action.owner
        in_department = owner is not None and owner.organization_id == action.organization_id
        if (
            owner is not None
            and in_department
            and owner.is_active
            and owner.email
            and owner not in people
        ):
            people.append(owner)
    subject, opening = STATUS_MAIL[event.to_status]
    url = _url("plans:action-detail", [action.pk], f"/plans/actions/{action.pk}/")
    messages = []
    for user in people:
        with override(_language(user)):
            values = {
                "actor": str(event.actor) if event.actor else gettext("Someone"),
                "title": " ".join(action.title.split()),
                "unit": action.unit.name,
                "year": action.cycle.fiscal_year,
                "date": format_date(event.created_at, _language(user)),
            }
            lines = [gettext(opening) % values]
            if event.comment:
                lines.append(gettext("Comment:") + "\n" + event.comment)
            lines.append(gettext("Open the action: %(url)s") % {"url": url})
            messages.append(_message(user, gettext(subject) % values, lines))
    return messages


def send_reminders(today: date) -> int:
    """Remind the people concerned of every deadline of an open cycle from
    DIGIORG_REMINDER_DAYS days before it up to the day itself, once per person and deadline.
    Returns the number of reminders sent."""
    days = timedelta(days=settings.DIGIORG_REMINDER_DAYS)
    sent = 0
    for cycle in Cycle.objects.exclude(status=Cycle.Status.CLOSED).order_by("pk"):
        for key, _label, due_at in cycle.deadlines():
            due = cast(date, due_at)  # deadlines() gives the cycle's non-null DateFields
            if not due - days <= today <= due:
                continue
            prefix = f"reminder:{cycle.pk}:{key}:"
            done = set(
                ReminderSent.objects.filter(key__startswith=prefix).values_list("key", flat=True)
            )
            for user in _reminder_recipients(cycle, key):
                if f"{prefix}{user.pk}" not in done:
                    sent += _remind(f"{prefix}{user.pk}", cycle, key, due, today, user)
    return sent


def _remind(reminder: str, cycle: Cycle, key: str, due: date, today: date, user: User) -> bool:
    # Record first, queue the mail on commit: a crash before the commit leaves nothing recorded
    # and nothing sent, so the next run tries again; a mail that still fails after its retries
    # deletes the record (reminder_forget). Only a crash between the commit and the queueing
    # loses a mail. get_or_create: a run racing this one finds the row and sends nothing.
    with transaction.atomic():
        _row, created = ReminderSent.objects.get_or_create(key=reminder)
        if created:
            mail = mail_data(_reminder_message(cycle, key, due, today, user))
            forget = [f"{__name__}.reminder_forget", reminder]
            transaction.on_commit(partial(mail_send.enqueue, [mail], 1, forget), robust=True)
    return created


def reminder_forget(reminder: str) -> None:
    """The reminder's mail could not be sent: the next run of send_reminders tries again."""
    logger.error("reminder %s not sent; the next run tries again", reminder)
    ReminderSent.objects.filter(key=reminder).delete()


def _reminder_message(cycle: Cycle, key: str, due: date, today: date, user: User) -> EmailMessage:
    language = _language(user)
    with override(language):
        labels = {k: label for k, label, _due in cycle.deadlines()}
        days = (due - today).days
        values = {
            "deadline": labels[key],
            "year": cycle.fiscal_year,
            "date": format_date(due, language),
            "days": days,
        }
        subject = gettext("Reminder: %(deadline)s on %(date)s") % values
        if values["days"] == 0:
            when = gettext(
                "The deadline “%(deadline)s” of fiscal year %(year)s is today, %(date)s."
            )
        else:
            when = ngettext(
                "The deadline “%(deadline)s” of fiscal year %(year)s is %(date)s, "
                "%(days)s day from today.",
                "The deadline “%(deadline)s” of fiscal year %(year)s is %(date)s, "
                "%(days)s days from today.",
                days,
            )
        kind = "quarter" if key.startswith("q") else key
        ask = gettext(REMINDER_ASK[kind]) % {"quarter": key[1:]}
        url = _url("plans:plan", [], "/plans/") if key != "assessment" else _url("home", [], "/")
        lines = [when % values, ask, gettext("Open digiorg: %(url)s") % {"url": url}]
        return _message(user, subject, lines)


def _reminder_recipients(cycle: Cycle, key: str) -> list[User]:
    """plan: units with assignments or actions in the cycle; assessment: units with assignments
    (both: the whole department when there are none); q1-q4: units with an approved or running
    action that has no submitted or reviewed report for that quarter."""
    actions = Action.objects.filter(cycle=cycle)
    if key in ("plan", "assessment"):
        paths = set(Assignment.objects.filter(cycle=cycle).values_list("unit__path", flat=True))
        if key == "plan":
            paths |= set(actions.values_list("unit__path", flat=True))
        return _people(cycle.organization_id, Role.COORDINATOR, paths or None)
    reported = ProgressReport.objects.filter(
        action=OuterRef("pk"),
        quarter=int(key[1:]),
        status__in=[ProgressReport.Status.SUBMITTED, ProgressReport.Status.REVIEWED],
    )
    behind = set(
        actions.filter(status__in=[S.APPROVED, S.IN_PROGRESS])
        .filter(~Exists(reported))
        .values_list("unit__path", flat=True)
    )
    return _people(cycle.organization_id, Role.COORDINATOR, behind) if behind else []


def _people(organization_id: int, role: str, unit_paths: set[str] | None = None) -> list[User]:
    """Active people with an email who hold `role` in the department: anywhere in it when
    `unit_paths` is None, else in those units or a unit above them (as access.py grants it)."""
    held = Q(
        memberships__organization_id=organization_id,
        memberships__role=role,
        memberships__unit__is_active=True,
    )
    if unit_paths is not None:
        unit_ids = {int(pk) for path in unit_paths for pk in path.strip("/").split("/")}
        held &= Q(memberships__unit_id__in=unit_ids)
    people = User.objects.filter(held, is_active=True).exclude(email="")
    return list(people.distinct().order_by("pk"))


def _language(user: User) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    return user.preferred_language if user.preferred_language in known else settings.LANGUAGE_CODE


def _url(name: str, args: list, fallback: str) -> str:
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        path = fallback
    return settings.DIGIORG_BASE_URL.rstrip("/") + path


def _message(user: User, subject: str, lines: list[str]) -> EmailMessage:
    return EmailMessage(
        subject=" ".join(subject.split()),  # a title with a line break would break the header
        body="\n\n".join(lines) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
