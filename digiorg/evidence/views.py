"""Evidence pages: the library, one piece of evidence with its revisions, new evidence, a new
revision, and downloads (only through here, as attachments)."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.core.forms import apply_errors, save_versioned
from digiorg.cycles.permissions import cycles_visible
from digiorg.frameworks.models import Criterion, FrameworkNode
from digiorg.org.permissions import unit_get, units_visible
from digiorg.plans.permissions import actions_visible

from . import services
from .forms import EvidenceEditForm, EvidenceForm, RevisionForm
from .models import Evidence
from .permissions import evidence_get, evidence_may_edit, revision_get, units_may_hold
from .selectors import TYPE_GROUPS, criterion_refs, evidence_library
from .uploads import upload_cap_message, upload_max_bytes, upload_too_large


def _framework_id(user):
    cycle = cycles_visible(user).first()
    return cycle.framework_id if cycle else None


def _criteria(user):
    return Criterion.objects.filter(framework_id=_framework_id(user), retired=False).order_by(
        "position"
    )


def _size_error(request, form) -> bool:
    if upload_too_large(request):
        # the dropped file is missing from the form: say why, not "choose a file"
        form.errors.pop("file", None)
        form.add_error("file", upload_cap_message())
        return True
    return False


@login_required
def library(request: HttpRequest) -> HttpResponse:
    unit = unit_get(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    framework_id = _framework_id(request.user)
    nodes = FrameworkNode.objects.filter(framework_id=framework_id, retired=False).exclude(
        kind=FrameworkNode.Kind.SUBTOPIC
    )
    node = (
        nodes.filter(pk=request.GET["topic"]).first()
        if request.GET.get("topic", "").isdigit()
        else None
    )
    filters = {
        "type_group": request.GET.get("type", "") if request.GET.get("type") in {*TYPE_GROUPS, "link"} else "",
        "expiry": request.GET.get("expiry", "") if request.GET.get("expiry") in {"soon", "expired"} else "",
        "query": request.GET.get("q", "").strip()[:100],
    }  # fmt: skip
    items = evidence_library(request.user, unit=unit, node=node, **filters)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    page.object_list = criterion_refs(list(page.object_list))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    context = {
        "page": page,
        "query": query,
        "unit": unit,
        "node": node,
        "nodes": nodes.order_by("position"),
        "units": units_visible(request.user).filter(is_active=True).order_by("path"),
        "type_groups": [(k, _label(k)) for k in (*TYPE_GROUPS, "link")],
        "may_add": units_may_hold(request.user).exists(),
        **filters,
    }
    return render(request, "evidence/library.html", context)


def _label(group: str) -> str:
    return {
        "pdf": "PDF",
        "office": _("Office documents"),
        "image": _("Images"),
        "data": _("Data and archives"),
        "link": _("Links"),
    }[group]


def _next_url(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return None


@login_required
def evidence_create(request: HttpRequest) -> HttpResponse:
    units = units_may_hold(request.user)
    if not units.exists():
        raise PermissionDenied
    criteria = _criteria(request.user)
    initial: dict[str, Any] = {
        "unit": units.filter(pk=request.GET["unit"]).first()
        if request.GET.get("unit", "").isdigit()
        else units.first()
    }
    if request.GET.get("criterion", "").isdigit():
        initial["criteria"] = criteria.filter(pk=request.GET["criterion"])
    if request.GET.get("action", "").isdigit():
        initial["actions"] = actions_visible(request.user).filter(pk=request.GET["action"])
    form = EvidenceForm(
        request.POST or None, request.FILES or None, initial=initial, units=units,
        criteria=criteria, actions=actions_visible(request.user).order_by("title"),
    )  # fmt: skip
    too_large = request.method == "POST" and _size_error(request, form)
    if request.method == "POST" and form.is_valid() and not too_large:
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            evidence = services.evidence_create(actor=request.user, upload=upload, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The evidence was saved."))
            return redirect(_next_url(request) or evidence_url(evidence))
    context = {
        "form": form,
        "next": _next_url(request),
        "upload_limit_mb": upload_max_bytes() // 2**20,
    }
    return render(request, "evidence/form.html", context)


def evidence_url(evidence: Evidence) -> str:
    from django.urls import reverse

    return reverse("evidence:detail", args=[evidence.pk])


@login_required
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = evidence_get(request.user, pk)
    may_edit = evidence_may_edit(request.user, evidence)
    edit_form = revision_form = None
    if may_edit:
        edit_form = EvidenceEditForm(
            request.POST or None if request.POST.get("form") == "edit" else None,
            initial={
                "version": evidence.version, "title": evidence.title,
                "description": evidence.description, "url": evidence.url,
                "effective_date": evidence.effective_date, "expiry_date": evidence.expiry_date,
                "criteria": list(evidence.criteria.all()),
            },
            criteria=_criteria(request.user), is_link=evidence.kind == Evidence.Kind.LINK,
        )  # fmt: skip
        if evidence.kind == Evidence.Kind.FILE:
            revision_form = RevisionForm(initial={"version": evidence.version})
    if request.method == "POST":
        if not may_edit or request.POST.get("form") != "edit":
            raise PermissionDenied
        assert edit_form is not None  # built above whenever may_edit
        if edit_form.is_valid() and save_versioned(
            edit_form,
            lambda obj, **kw: services.evidence_update(obj, actor=request.user, **kw),
            evidence,
        ):
            messages.success(request, _("Your changes were saved."))
            return redirect("evidence:detail", evidence.pk)
    context = {
        "evidence": evidence,
        "revisions": evidence.revisions.select_related("uploaded_by"),
        "criteria": evidence.criteria.select_related("node").order_by("framework_id", "position"),
        "actions": actions_visible(request.user).filter(evidence=evidence).select_related("unit"),
        "assessments": evidence.assessments.select_related("criterion", "unit", "cycle").filter(
            unit__in=units_visible(request.user)
        ),
        "may_edit": may_edit,
        "edit_form": edit_form,
        "revision_form": revision_form,
    }
    return render(request, "evidence/detail.html", context)


@login_required
@require_POST
def evidence_revise(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = evidence_get(request.user, pk)
    if not evidence_may_edit(request.user, evidence):
        raise PermissionDenied
    form = RevisionForm(request.POST, request.FILES)
    if _size_error(request, form) or not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))  # ErrorList yields str
        return redirect("evidence:detail", evidence.pk)
    try:
        revision = services.evidence_revise(
            evidence, actor=request.user, upload=form.cleaned_data["file"],
            version=form.cleaned_data["version"],
        )  # fmt: skip
    except (ValidationFailed, ConflictError) as exc:
        messages.error(
            request, str(exc) if isinstance(exc, ConflictError) else " ".join(exc.errors.values())
        )
    else:
        messages.success(request, _("Version %(n)s was uploaded.") % {"n": revision.number})
    return redirect("evidence:detail", evidence.pk)


def _attachment(revision) -> FileResponse:
    try:
        handle = revision.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=revision.name, content_type=revision.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = evidence_get(request.user, pk)
    if evidence.current is None:
        raise Http404
    return _attachment(evidence.current)


@login_required
def revision_download(request: HttpRequest, pk: int) -> FileResponse:
    return _attachment(revision_get(request.user, pk))
