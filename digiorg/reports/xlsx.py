"""The report as a workbook: the plan, its progress reports, every expected answer with its
evidence (as links), and the scores by unit and by topic. Real dates (shown in the Buddhist
era in Thai) and real numbers; a frozen bold header; widths that count Thai as it is seen."""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from digiorg.assessments.models import CriterionAssessment
from digiorg.core.xlsx import BE_DATE, clean_text, display_width, sheet_cell
from digiorg.evidence.models import Evidence
from digiorg.frameworks.models import FrameworkNode
from digiorg.plans.models import Action, ProgressReport

from .data import AnswerLine, ReportData

AD_DATE = "d mmm yyyy"
SCORE = "0.00"
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_WIDTH = 12
BAD_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class Link:
    """A cell that shows `text` and opens `url`."""

    text: str
    url: str


def label(model, field: str) -> str:
    """A column header from a model field's (translated) name."""
    return capfirst(str(model._meta.get_field(field).verbose_name))


def evidence_url(evidence: Evidence) -> str:
    """Where a reader opens the evidence: the link itself, or our download address."""
    if evidence.kind == Evidence.Kind.LINK:
        return evidence.url
    path = reverse("evidence:download", args=[evidence.pk])
    return settings.DIGIORG_BASE_URL.rstrip("/") + path


def sheet_title(title: str, taken: set[str]) -> str:
    """At most 31 characters, none of []:*?/\\, unique in the workbook (case-insensitive)."""
    base = " ".join(clean_text(title).translate(BAD_TITLE).split())[:31].strip("'") or "Sheet"
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def date_format(language: str) -> str:
    thai = language.startswith("th") and settings.DIGIORG_BUDDHIST_ERA
    return BE_DATE if thai else AD_DATE


def _shown(value: Any) -> str:
    if isinstance(value, Link):
        return value.text
    if value is None:
        return ""
    if isinstance(value, date):
        return "0" * DATE_WIDTH
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return clean_text(value)


def _cell(sheet, value: Any, dates: str, font: Font | None = None):
    if isinstance(value, Link):
        return sheet_cell(sheet, value.text, alignment=TOP, link=value.url)
    number_format = (
        dates if isinstance(value, date) else SCORE if isinstance(value, float) else None
    )
    long = isinstance(value, str) and ("\n" in value or display_width(value) > MAX_WIDTH)
    return sheet_cell(
        sheet, value, font=font, number_format=number_format, alignment=WRAP if long else TOP
    )


def add_sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    language: str,
    taken: set[str],
):
    """A sheet in a write-only workbook: bold frozen header with a filter on every column,
    columns as wide as their content (Thai marks take no width), capped; long text wraps."""
    rows = list(rows)
    widths = [display_width(str(h)) for h in headers]
    for row in rows:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], display_width(_shown(value)))
    sheet = workbook.create_sheet(sheet_title(title, taken))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = filter_range(len(headers), len(rows))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (
            min(max(width, MIN_WIDTH), MAX_WIDTH) + 2
        )
    dates = date_format(language)
    sheet.append([_cell(sheet, header, dates, BOLD) for header in headers])
    for row in rows:
        sheet.append([_cell(sheet, value, dates) for value in row])
    return sheet


def filter_range(columns: int, rows: int) -> str:
    """The autofilter over the header row and the rows below it (`A1:N1` when there are none)."""
    return f"A1:{get_column_letter(max(columns, 1))}{rows + 1}"


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _level(figures: dict, key: str, language: str) -> str:
    level = figures.get(key)
    if not level:
        return ""
    return level["label"].get(language) or level["label"].get("th", "")


def _person(user) -> str:
    return (user.name or user.username) if user is not None else ""


# ----- the sheets


def plan_rows(actions: list[Action]) -> tuple[list[str], list[list]]:
    headers = [
        _("Code"), label(Action, "unit"), label(Action, "title"), label(Action, "criteria"),
        label(Action, "owner"), label(Action, "start_date"), label(Action, "end_date"),
        label(Action, "budget"), label(Action, "budget_source"), label(Action, "kpi"),
        label(Action, "kpi_target"), label(Action, "kpi_unit"), label(Action, "status"),
        label(Action, "percent_done"),
    ]  # fmt: skip
    rows = [
        [
            a.unit.code,
            a.unit.name,
            a.title,
            ", ".join(c.ref for c in a.criteria.all()),
            _person(a.owner),
            a.start_date,
            a.end_date,
            a.budget,
            a.get_budget_source_display(),
            a.kpi,
            a.kpi_target,
            a.kpi_unit,
            a.get_status_display(),
            a.percent_done,
        ]
        for a in actions
    ]
    return headers, rows


def progress_rows(actions: list[Action]) -> tuple[list[str], list[list]]:
    headers = [
        _("Code"), label(Action, "unit"), capfirst(str(Action._meta.verbose_name)),
        label(ProgressReport, "quarter"), label(ProgressReport, "percent_done"),
        label(ProgressReport, "narrative"), label(ProgressReport, "problems"),
        label(ProgressReport, "help_needed"), label(ProgressReport, "spent"),
        label(ProgressReport, "status"),
    ]  # fmt: skip
    rows = [
        [
            a.unit.code,
            a.unit.name,
            a.title,
            f"Q{r.quarter}",
            r.percent_done,
            r.narrative,
            r.problems,
            r.help_needed,
            r.spent,
            r.get_status_display(),
        ]
        for a in actions
        for r in a.progress_reports.all()
    ]
    return headers, rows


def answer_status(line: AnswerLine) -> tuple[str, str]:
    """(result label, status label) of an expected answer; 'not answered' when there is none."""
    answer = line.answer
    if answer is None:
        return "", _("not answered")
    result = answer.get_result_display() if answer.result else ""
    return result, answer.get_status_display()


def assessment_rows(answers: list[AnswerLine]) -> tuple[list[str], list[list]]:
    most = max((len(line.evidence) for line in answers), default=0)
    evidence = capfirst(str(Evidence._meta.verbose_name))
    headers = [
        _("Criterion"), _("Criterion text"), label(CriterionAssessment, "unit"), _("Result"),
        _("Options in place"), _("Status"), _("Note"),
        *([f"{evidence} {n}" for n in range(1, most + 1)] if most > 1 else [evidence]),
    ]  # fmt: skip
    rows = []
    for line in answers:
        result, status = answer_status(line)
        links = [Link(e.title, evidence_url(e)) for e in line.evidence]
        rows.append(
            [
                line.criterion.ref,
                line.criterion.text,
                line.unit.name,
                result,
                line.options_in_place,
                status,
                line.answer.note if line.answer else "",
                *links,
                *[""] * (max(most, 1) - len(links)),
            ]
        )
    return headers, rows


def unit_score_rows(data: ReportData) -> tuple[list[str], list[list]]:
    board = data.board
    both = [_("%(ref)s, self-assessed"), _("%(ref)s, verified")]
    headers = [
        _("Code"), _("Unit"), *[h % {"ref": _("Overall")} for h in both],
        *[h % {"ref": t.node.ref} for t in board.topics for h in both],
    ]  # fmt: skip
    top = data.unit or data.organization
    lines = [(u.unit, u.overall, u.cells) for u in board.units]
    if all(u.unit.pk != top.pk for u in board.units):  # a unit's report has its own line
        lines.insert(0, (top, board.overall, [t.figures for t in board.topics]))
    rows = [
        [
            unit.code,
            unit.name,
            _score(overall.self_score),
            _score(overall.verified_score),
            *[_score(v) for f in cells for v in (f.self_score, f.verified_score)],
        ]
        for unit, overall, cells in lines
    ]
    return headers, rows


def topic_score_rows(data: ReportData) -> tuple[list[str], list[list]]:
    lang = data.language[:2]
    headers = [
        _("Code"), _("Kind"), _("Title"), _("Self-assessed"), _("Verified"),
        _("Self-assessed level"), _("Verified level"), _("Progress (%)"), _("Applicable answers"),
        _("Answered"), _("Verified answers"),
    ]  # fmt: skip

    def row(ref: str, kind: str, title: str, f: dict) -> list:
        return [
            ref, kind, title, f["self_score"], f["verified_score"],
            _level(f, "self_level", lang), _level(f, "verified_level", lang), f["progress"],
            f["applicable"], f["answered"], f["verified"],
        ]  # fmt: skip

    rows = [row("", "", _("Overall"), data.scores)]
    stack = list(reversed(data.scores["dimensions"]))
    while stack:
        node = stack.pop()
        kind = str(FrameworkNode.Kind(node["kind"]).label) if node["kind"] else ""
        title = node["title"].get(lang) or node["title"].get("th", "")
        rows.append(row(node["ref"], capfirst(kind), title, node))
        stack.extend(reversed(node["children"]))
    return headers, rows


def render_xlsx(data: ReportData) -> bytes:
    """The workbook, in data.language: plan, progress, assessments, scores by unit and topic."""
    with translation.override(data.language):
        workbook = Workbook(write_only=True)
        taken: set[str] = set()
        sheets = [
            (_("Plan"), plan_rows(data.actions)),
            (_("Progress"), progress_rows(data.actions)),
            (_("Assessments"), assessment_rows(data.answers)),
            (_("Scores by unit"), unit_score_rows(data)),
            (_("Scores by topic"), topic_score_rows(data)),
        ]
        for title, (headers, rows) in sheets:
            add_sheet(workbook, title, headers, rows, language=data.language, taken=taken)
        return workbook_bytes(workbook)
