"""Writes: attach an indicator's figure to an answer as evidence, frozen.

The evidence is a file (a CSV of the rows behind the figure: UTF-8 with a byte-order mark, so
that Excel reads Thai, and a header row) held by the answering unit, linked to the criterion
and cited by the unit's answer when it has one, exactly as an uploaded document would be. Its
revision never changes: a later change of the register leaves it as it was. The figure, the
thresholds and the time are also written into the evidence's title and description."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.permissions import OPEN, may_answer
from digiorg.core.errors import ValidationFailed, require
from digiorg.evidence.models import Evidence
from digiorg.evidence.services import evidence_create
from digiorg.scoring.freshness import figures_changed

from .registry import Result
from .selectors import Line, as_of_text, line_for, number_text

A = CriterionAssessment


def rows_csv(result: Result) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.columns)
    writer.writerows(result.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _description(line: Line, subject, at_text: str) -> str:
    parts = [
        _("Computed by digiorg from its registers; frozen when attached."),
        _("Indicator: %(title)s (%(code)s)") % {"title": line.indicator.title, "code": line.indicator.code},
        _("Value: %(value)s") % {"value": number_text(line.result.value)},
        _("Suggested result: %(result)s (%(rule)s)") % {"result": line.outcome_label, "rule": line.rule},
        _("Counted over: %(unit)s") % {"unit": subject.name},
        _("As of: %(time)s") % {"time": at_text},
        _("Rows: %(n)s") % {"n": len(line.result.rows)},
    ]  # fmt: skip
    return "\n".join(parts)


def indicator_attach(*, actor, cycle, criterion, unit, code: str) -> Evidence:
    """Compute the indicator `code` of `criterion` for `unit` now and keep it as evidence.

    Allowed to whoever may change the answer (the answering unit's coordinators and members
    while it is a draft or returned). The answer's result and note are never touched; the new
    evidence is only added to what it cites (and its version goes up, so that a form opened
    before gets a conflict instead of dropping it)."""
    with transaction.atomic():
        current = (
            A.objects.select_for_update(of=("self",))
            .filter(cycle=cycle, criterion=criterion, unit=unit)
            .first()
        )
        status = current.status if current else A.Status.DRAFT
        require(may_answer(actor, unit, cycle, status))
        line = line_for(cycle, criterion, unit, code)
        if line is None:
            raise ValidationFailed(
                {"indicator": _("Criterion %(ref)s has no indicator %(code)s.")
                 % {"ref": criterion.ref, "code": code}}
            )  # fmt: skip
        at = timezone.now()
        at_text = as_of_text(at)
        title = _("Indicator %(figure)s, as of %(time)s") % {
            "figure": line.figure,
            "time": at_text,
        }
        name = f"{code}-{timezone.localtime(at):%Y%m%d-%H%M%S}.csv"
        upload = SimpleUploadedFile(name, rows_csv(line.result), content_type="text/csv")
        evidence = evidence_create(
            actor=actor, unit=unit, kind=Evidence.Kind.FILE, title=title[:300], upload=upload,
            criteria=[criterion], description=_description(line, line.subject or unit, at_text),
            effective_date=timezone.localdate(),
        )  # fmt: skip
        if current is not None and current.status in OPEN:
            current.evidence.add(evidence)
            current.updated_by = actor
            current.version += 1
            current.save(update_fields=["updated_by", "version", "updated_at"])
            figures_changed(cycle.organization_id, cycle.pk)
        return evidence
