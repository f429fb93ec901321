"""Audit entries for writes that bypass model signals (bulk creates in one transaction)."""

from collections.abc import Sequence

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model


def audit_created_many(actor, objects: Sequence[Model], *, source: str) -> None:
    """One CREATE entry per object, as auditlog writes for a single save, with the object's own
    additional data (its organization and unit), so the trail is scoped like any other entry."""
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj)[:200],
                action=LogEntry.Action.CREATE,
                actor=actor,
                changes={"import": ["", source]},
                additional_data=obj.get_additional_data(),  # type: ignore[attr-defined]
            )
            for obj in objects
        ],
        batch_size=1000,
    )
