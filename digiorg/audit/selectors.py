"""The audit trail (django-auditlog entries), scoped to the reader's departments."""

from datetime import date, datetime, time

from auditlog.models import LogEntry
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from digiorg.accounts.permissions import audit_may_read

from .labels import field_label


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


def _missing(value) -> bool:
    return value in (None, "", "None")


def audit_rows(entries) -> list[dict]:
    """Entries of one page with readable changes: field labels, choice labels, and related
    records by name, fetched with one query per related model (never one per entry)."""
    wanted: dict[type[Model], set[str]] = {}
    prepared = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        changes = []
        for name, change in (entry.changes_dict or {}).items():
            if isinstance(
                change, dict
            ):  # many-to-many: {"type": "m2m", "operation": ..., "objects": [...]}
                sign = "−" if change.get("operation") == "delete" else "+"
                old, new = "", f"{sign} " + ", ".join(map(str, change.get("objects", [])))
            else:
                old, new = change
            try:
                field = model._meta.get_field(name) if model else None
            except Exception:  # a field that no longer exists
                field = None
            if field is not None and field.auto_created and not field.concrete:
                continue  # a reverse relation: the other side's own entry tells that story
            if field is not None and field.is_relation and field.related_model:
                for value in (old, new):
                    if not _missing(value):
                        wanted.setdefault(field.related_model, set()).add(str(value))
            changes.append((name, field, old, new))
        prepared.append((entry, changes))
    names = {
        model: {
            str(obj.pk): str(obj)
            for obj in model._default_manager.filter(pk__in=[v for v in pks if v.isdigit()])
        }
        for model, pks in wanted.items()
    }

    def show(field, value) -> str:
        if _missing(value):
            return "-"
        if field is not None and field.is_relation and field.related_model:
            return names.get(field.related_model, {}).get(str(value), f"#{value}")
        if field is not None and field.get_internal_type() == "BooleanField":
            return str(_("yes") if str(value) == "True" else _("no"))
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        return str(value)

    return [
        {
            "entry": entry,
            "changes": [
                (
                    field_label(field, name),
                    show(field, old),
                    show(field, new),
                )
                for name, field, old, new in changes
            ],
        }
        for entry, changes in prepared
    ]
