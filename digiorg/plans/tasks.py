"""Background work of plans: the mail about an action's move (built and sent off the request)."""

from django_tasks import task

from digiorg.core.mail import mail_data, mail_deliver

from .notifications import action_status_messages


@task()
def action_mail(action_id: int, event_id: int) -> int:
    """Mail the people concerned by the move; failed mails are retried. Returns mails sent."""
    return mail_deliver([mail_data(m) for m in action_status_messages(action_id, event_id)])
