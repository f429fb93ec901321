"""Writes on evidence: create (file or link), new revision, change details and links.
Each in one transaction; a file is checked (type from content, size, name) and hashed while it
streams, before anything is stored."""

from contextlib import contextmanager

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from digiorg.core.errors import ConflictError, ValidationFailed, require
from digiorg.plans.permissions import actions_visible
from digiorg.scoring.freshness import figures_changed

from .models import Evidence, EvidenceRevision
from .permissions import evidence_may_edit, unit_may_hold
from .uploads import upload_inspect


def _check_fields(data: dict, kind: str) -> None:
    errors = {}
    if not (data.get("title") or "").strip():
        errors["title"] = _("Give the evidence a title.")
    effective, expiry = data.get("effective_date"), data.get("expiry_date")
    if effective and expiry and expiry < effective:
        errors["expiry_date"] = _("The expiry date is before the effective date.")
    if kind == Evidence.Kind.LINK and not data.get("url"):
        errors["url"] = _("A link needs its address.")
    if errors:
        raise ValidationFailed(errors)


def _check_actions(organization_id: int, actions, actor) -> None:
    """Actions must be the department's and ones the person sees (as the forms offer); any
    framework's criterion may be backed (evidence outlives a cycle)."""
    if any(a.organization_id != organization_id for a in actions):
        raise ValidationFailed({"actions": _("Actions must belong to the same department.")})
    wanted = {a.pk for a in actions}
    if wanted and actions_visible(actor).filter(pk__in=wanted).count() != len(wanted):
        raise ValidationFailed({"actions": _("Link only actions you can see.")})


@contextmanager
def _stored_files_kept_only_on_success(stored: list[str]):
    """If the transaction that records a file fails, delete the file it wrote: no orphan file
    stays in storage with no row pointing at it."""
    try:
        yield
    except BaseException:
        storage = EvidenceRevision._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise


def _store(evidence: Evidence, upload, info, actor, stored: list[str]) -> EvidenceRevision:
    number = (evidence.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = EvidenceRevision(
        evidence=evidence,
        number=number,
        uploaded_by=actor,
        name=info.name,
        content_type=info.content_type,
        size=info.size,
        sha256=info.sha256,
    )
    revision.file.save(revision.name, upload, save=False)  # streams chunks to storage
    assert revision.file.name is not None  # save() sets the stored name
    stored.append(revision.file.name)
    revision.save()
    evidence.current = revision
    return revision


def evidence_create(
    *, actor, unit, kind: str, title: str, upload=None, criteria=(), actions=(), **data
) -> Evidence:
    require(unit_may_hold(actor, unit))
    if kind not in Evidence.Kind.values:
        raise ValidationFailed({"kind": _("Choose a file or a link.")})
    _check_fields({"title": title, **data}, kind)
    if kind == Evidence.Kind.FILE and upload is None:
        raise ValidationFailed({"file": _("Choose a file to upload.")})
    # A bad file is refused before any row exists.
    info = upload_inspect(upload) if kind == Evidence.Kind.FILE else None
    _check_actions(unit.organization_id, actions, actor)
    stored: list[str] = []
    with _stored_files_kept_only_on_success(stored), transaction.atomic():
        evidence = Evidence.objects.create(
            organization_id=unit.organization_id,
            unit=unit,
            kind=kind,
            title=title.strip(),
            created_by=actor,
            **data,
        )
        evidence.criteria.set(criteria)
        evidence.actions.set(actions)
        if kind == Evidence.Kind.FILE:
            _store(evidence, upload, info, actor, stored)
            evidence.save(update_fields=["current"])
        figures_changed(unit.organization_id)  # the dashboards list evidence that expires
    return evidence


def evidence_revise(evidence: Evidence, *, actor, upload, version: int) -> EvidenceRevision:
    """A new file for the same evidence; earlier revisions stay downloadable."""
    require(evidence_may_edit(actor, evidence))
    if evidence.kind != Evidence.Kind.FILE:
        raise ValidationFailed({"file": _("A link has no files; change its address instead.")})
    info = upload_inspect(upload)
    stored: list[str] = []
    with _stored_files_kept_only_on_success(stored), transaction.atomic():
        current = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if current.version != version:
            raise ConflictError(_("Someone else changed this evidence after you opened it."))
        revision = _store(current, upload, info, actor, stored)
        current.version += 1
        current.save(update_fields=["current", "version", "updated_at"])
    return revision


@transaction.atomic
def evidence_update(
    evidence: Evidence, *, actor, version: int, criteria=None, actions=None, **data
) -> Evidence:
    current = Evidence.objects.select_for_update().select_related("unit").get(pk=evidence.pk)
    require(evidence_may_edit(actor, current))
    if current.version != version:
        raise ConflictError(
            _("Someone else changed this evidence after you opened it. Reload to see their change.")
        )
    merged = {
        "title": current.title,
        "url": current.url,
        "effective_date": current.effective_date,
        "expiry_date": current.expiry_date,
        **data,
    }
    _check_fields(merged, current.kind)
    _check_actions(current.organization_id, actions or (), actor)
    for key, value in data.items():
        setattr(current, key, value.strip() if key == "title" else value)
    current.version += 1
    current.save()
    if criteria is not None:
        current.criteria.set(criteria)
    if actions is not None:
        current.actions.set(actions)
    figures_changed(current.organization_id)  # the dashboards list evidence that expires
    return current
