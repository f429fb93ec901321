"""Names for the audit trail of the model fields that carry no verbose name of their own (the
trail would otherwise show the Python name: "reviewer", "current", "type")."""

from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {
    "reviewer": _("reviewed by"),
    "reviewed_by": _("reviewed by"),
    "reviewed_at": _("reviewed at"),
    "submitted_by": _("submitted by"),
    "submitted_at": _("submitted at"),
    "created_by": _("created by"),
    "created_at": _("created at"),
    "updated_by": _("last changed by"),
    "updated_at": _("last changed at"),
    "uploaded_by": _("uploaded by"),
    "uploaded_at": _("uploaded at"),
    "current": _("current revision"),
    "latest": _("latest revision"),
    "number": _("revision number"),
    "file_name": _("file name"),
    "content_sha256": _("SHA-256 of the file"),
    "content_type": _("file type"),
    "fmt": _("file format"),
    "language": _("language"),
    "error": _("error"),
    "started_at": _("started at"),
    "finished_at": _("finished at"),
    "sent_at": _("sent at"),
    "published_at": _("published at"),
    "withdrawn_at": _("withdrawn at"),
    "type": _("type"),
    "kind": _("kind"),
    "scope": _("scope"),
    "version": _("version"),
    "from_status": _("from status"),
    "to_status": _("to status"),
    "status": _("status"),
    "comment": _("comment"),
    "carried_from": _("carried over from"),
    "last_used_at": _("last used at"),
    "since": _("since"),
    "code": _("code"),
    "path": _("position in the tree"),
    "position": _("order"),
    "parent": _("parent"),
    "retired": _("retired"),
    "weight": _("weight"),
    "ref": _("reference"),
    "user": _("person"),
    "actor": _("by"),
}


def field_label(field, name: str) -> str:
    """The field's own verbose name if it was given one (a lazy translation), else ours."""
    if field is None:
        return str(FIELD_LABELS.get(name, name))
    if isinstance(field.verbose_name, str):  # Django made it up from the attribute's name
        return str(FIELD_LABELS.get(name, field.verbose_name))
    return str(field.verbose_name)
