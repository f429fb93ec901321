"""The survey pack: what the department needs to answer the national digital government
readiness survey, as one ZIP. `survey.xlsx` lists every expected answer in criterion order with
its evidence; `evidence/<criterion>/<evidence id>-<name>` holds the current file of every
evidence cited (one copy per criterion it backs); `README.txt` says what is inside.

The ZIP is streamed to `out` (a file, or a response): evidence files are copied from storage
in chunks, never read whole into memory, so a pack of large files needs little memory."""

import shutil
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook

from digiorg.assessments.models import CriterionAssessment
from digiorg.core.thai import format_date
from digiorg.evidence.models import Evidence, EvidenceRevision

from .data import AnswerLine, ReportData
from .xlsx import add_sheet, answer_status, workbook_bytes

CHUNK = 2**20  # bytes copied at a time
MAX_NAME = 120  # characters kept of an original file name
# Characters that cannot be in a file name on Windows, or that make a path.
UNSAFE = frozenset('/\\:*?"<>|')
BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def safe_name(name: str) -> str:
    """A file name with no folder, no control or direction characters, no Windows-reserved
    characters, no leading dots; at most MAX_NAME characters, keeping the extension."""
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(
        "_" if ch in UNSAFE else ch
        for ch in name
        if unicodedata.category(ch) not in ("Cc", "Cf") and ch not in BIDI
    )
    name = " ".join(name.split()).strip(" .") or "file"
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = stem[: MAX_NAME - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            name = name[:MAX_NAME].rstrip(" .")
    return name


@dataclass
class Entry:
    """An evidence file to copy into the pack."""

    path: str
    revision: EvidenceRevision


@dataclass
class Plan:
    """Where every cited file goes, and what the sheet says of each piece of evidence."""

    entries: list[Entry] = field(default_factory=list)
    # (criterion ref, evidence id) -> path in the zip (files) or URL (links)
    where: dict[tuple[str, int], str] = field(default_factory=dict)
    links: set[int] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)  # paths whose file could not be read


def plan_pack(answers: list[AnswerLine]) -> Plan:
    plan = Plan()
    for line in answers:
        ref = line.criterion.ref
        for evidence in line.evidence:
            key = (ref, evidence.pk)
            if key in plan.where:
                continue
            if evidence.kind == Evidence.Kind.LINK:
                plan.where[key] = evidence.url
                plan.links.add(evidence.pk)
            elif evidence.current is not None:
                revision = evidence.current
                path = f"evidence/{safe_name(ref)}/{evidence.pk}-{safe_name(revision.name)}"
                plan.where[key] = path
                plan.entries.append(Entry(path, revision))
            else:
                plan.where[key] = ""
    return plan


def _copy(zf: zipfile.ZipFile, entry: Entry) -> bool:
    """Stream one revision's file into the zip; False when storage cannot give it."""
    revision = entry.revision
    try:
        source = revision.file.open("rb")
    except (OSError, ValueError):
        return False
    stamp = timezone.localtime(revision.uploaded_at) if revision.uploaded_at else timezone.now()
    info = zipfile.ZipInfo(entry.path, date_time=max(stamp.timetuple()[:6], (1980, 1, 1, 0, 0, 0)))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.file_size = revision.size or 0  # lets zipfile choose ZIP64 for very large files
    with source, zf.open(info, "w") as target:
        shutil.copyfileobj(source, target, CHUNK)
    return True


def survey_workbook(data: ReportData, plan: Plan) -> bytes:
    missing = set(plan.missing)
    headers = [
        _("Criterion"), _("Criterion text"), capfirst(_("scope")), _("Answering unit"), _("Result"),
        _("Options in place"), _("Status"), _("Note"), _("Evidence"), _("File in the pack or link"), "SHA-256",
    ]  # fmt: skip
    rows = []
    for line in data.answers:
        result, status = answer_status(line)
        titles, places, hashes = [], [], []
        for evidence in line.evidence:
            place = plan.where.get((line.criterion.ref, evidence.pk), "")
            titles.append(evidence.title)
            if evidence.kind == Evidence.Kind.LINK:
                places.append(place)
                hashes.append("")
            elif not place or place in missing:
                places.append(_("(file not available)"))
                hashes.append(evidence.current.sha256 if evidence.current else "")
            else:
                assert (
                    evidence.current is not None
                )  # a file gets a place only with a current revision
                places.append(place)
                hashes.append(evidence.current.sha256)
        rows.append(
            [
                line.criterion.ref,
                line.criterion.text,
                line.criterion.get_scope_display(),
                line.unit.name,
                result,
                line.options_in_place,
                status,
                line.answer.note if line.answer else "",
                "\n".join(titles),
                "\n".join(places),
                "\n".join(hashes),
            ]
        )
    workbook = Workbook(write_only=True)
    add_sheet(workbook, _("Survey"), headers, rows, language=data.language, taken=set())
    return workbook_bytes(workbook)


def readme(data: ReportData, plan: Plan, copied_bytes: int) -> str:
    cycle, lang = data.cycle, data.language[:2]
    statuses = [line.answer.status for line in data.answers if line.answer is not None]
    sent = (CriterionAssessment.Status.SUBMITTED, CriterionAssessment.Status.VERIFIED)
    files = len(plan.entries) - len(plan.missing)
    who = [_("Department: %(name)s") % {"name": data.organization.name}]
    if data.unit is not None:
        who.append(_("Unit: %(name)s and the units under it") % {"name": data.unit.name})
    lines = [
        _("Survey pack: digital government readiness"),
        "",
        *who,
        _("Fiscal year: %(year)s") % {"year": cycle.fiscal_year},
        _("Framework: %(title)s (%(code)s, version %(version)s)")
        % {
            "title": cycle.framework.title,
            "code": cycle.framework.code,
            "version": cycle.framework.version,
        },
        _("Prepared on: %(date)s") % {"date": format_date(data.today, lang)},
        "",
        _(
            "This pack holds what is needed to answer the national digital government readiness "
            "survey. survey.xlsx lists every expected answer in criterion order: the criterion, "
            "the answering unit, the result, the status, the note and the evidence. The folder "
            "evidence/ holds the current file of each piece of evidence, one folder per "
            "criterion; its SHA-256 in survey.xlsx proves the file is unchanged. Evidence that is "
            "a link is listed in survey.xlsx only."
        ),
        "",
        _("Expected answers: %(count)s") % {"count": len(data.answers)},
        _("Answers submitted or verified: %(count)s") % {"count": sum(s in sent for s in statuses)},
        _("Answers verified: %(count)s")
        % {"count": statuses.count(CriterionAssessment.Status.VERIFIED)},
        _("Evidence files: %(count)s (%(megabytes)s MB)")
        % {"count": files, "megabytes": f"{copied_bytes / 2**20:.1f}"},
        _("Evidence links: %(count)s") % {"count": len(plan.links)},
    ]
    if plan.missing:
        lines += ["", _("Files that could not be read from storage:"), *plan.missing]
    return "\r\n".join(lines) + "\r\n"


def write_pack(data: ReportData, out) -> None:
    """Write the pack as a ZIP to the binary file object `out` (it need not be seekable)."""
    with translation.override(data.language):
        plan = plan_pack(data.answers)
        copied = 0
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for entry in plan.entries:
                if _copy(zf, entry):
                    copied += entry.revision.size or 0
                else:
                    plan.missing.append(entry.path)
            zf.writestr("survey.xlsx", survey_workbook(data, plan))
            zf.writestr("README.txt", readme(data, plan, copied).encode("utf-8-sig"))
