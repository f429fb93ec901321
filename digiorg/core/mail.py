"""Mail sent by a background task, with retries.

A mail that fails to send is tried again later, waiting DIGIORG_MAIL_RETRY_SECONDS x 1, 5, 25 ...
(when the task backend can defer; at once otherwise), up to DIGIORG_MAIL_ATTEMPTS tries in all.
Then it is logged, and `give_up` (the dotted path of a function and its arguments) is called,
so its sender can undo what recorded the mail as sent."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

log = logging.getLogger(__name__)

Mail = dict[str, str | list[str]]  # EmailMessage's subject, body, from_email and to


def mail_data(message: EmailMessage) -> Mail:
    """What a task needs to send `message` again (task arguments are JSON)."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
    }


def mail_deliver(mails: list[Mail], attempt: int = 1, give_up: list[str] | None = None) -> int:
    """Send each mail; queue those that fail for a later try. Returns the number sent."""
    connection = get_connection()
    failed = []
    for mail in mails:
        try:
            EmailMessage(**mail, connection=connection).send()  # type: ignore[arg-type]
        except Exception:  # a mail server error of any kind: try again later
            log.warning("mail to %s failed (try %s)", mail["to"], attempt, exc_info=True)
            failed.append(mail)
    if not failed:
        return len(mails)
    if attempt < settings.DIGIORG_MAIL_ATTEMPTS:
        retry = mail_send
        if retry.get_backend().supports_defer:
            wait = settings.DIGIORG_MAIL_RETRY_SECONDS * 5 ** (attempt - 1)
            retry = retry.using(run_after=timezone.now() + timedelta(seconds=wait))
        retry.enqueue(failed, attempt + 1, give_up)
    else:
        for mail in failed:
            log.error(
                "mail to %s not sent after %s tries: %s", mail["to"], attempt, mail["subject"]
            )
        if give_up:
            import_string(give_up[0])(*give_up[1:])
    return len(mails) - len(failed)


@task()
def mail_send(mails: list[Mail], attempt: int = 1, give_up: list[str] | None = None) -> int:
    return mail_deliver(mails, attempt, give_up)
