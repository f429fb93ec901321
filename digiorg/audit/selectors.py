"""The audit trail (django-auditlog entries), scoped to the reader's departments."""

from datetime import date, datetime, time

from auditlog.models import LogEntry
from django.db.models import QuerySet
from django.utils import timezone

from digiorg.accounts.permissions import audit_may_read


def audit_entries(
    user, *, actor_id=None, unit=None, content_type_id=None, object_pk=None,
    date_from: date | None = None, date_to: date | None = None,
) -> QuerySet[LogEntry]:  # fmt: skip
    organizations = audit_may_read(user)
    entries = LogEntry.objects.filter(additional_data__organization_id__in=organizations)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if unit is not None:
        entries = entries.filter(additional_data__unit_id=unit.pk)
    if content_type_id:
        entries = entries.filter(content_type_id=content_type_id)
    if object_pk:
        entries = entries.filter(object_pk=str(object_pk))
    tz = timezone.get_current_timezone()
    if date_from:
        entries = entries.filter(timestamp__gte=datetime.combine(date_from, time.min, tz))
    if date_to:
        entries = entries.filter(timestamp__lte=datetime.combine(date_to, time.max, tz))
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")
