"""The official memo (บันทึกข้อความ) to the executive: where the department (or a unit) stands in
the cycle, what lags, and what to approve. Laid out as form 2 of the 2526 correspondence
regulation: TH Sarabun New 16 pt, A4 with margins 2.5 cm top, 3 cm left, 2 cm right.

Thai takes its font and size from the complex-script slots (w:rFonts/@w:cs, w:szCs, w:bCs),
so they are set on the document defaults, the Normal style and on every run that overrides them."""

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from digiorg.core.thai import format_date, thai_digits

from .data import ReportData
from .signers import memo_signer

FONT = "TH Sarabun New"
BODY_PT = 16
HEADING_PT = 29  # บันทึกข้อความ on the official form
LABEL_PT = 20  # ส่วนราชการ, ที่, วันที่, เรื่อง on the official form
INDENT = Cm(2.5)  # first line of a body paragraph
LIST_UNITS = 5  # units named in the proposal; the rest are counted
LIST_LAGGING = 3  # lowest units and topics named

LABELS = {
    "th": {
        "heading": "บันทึกข้อความ", "office": "ส่วนราชการ", "number": "ที่", "date": "วันที่",
        "subject": "เรื่อง", "to": "เรียน",
    },
    "en": {
        "heading": "Memorandum", "office": "Office", "number": "No.", "date": "Date",
        "subject": "Subject", "to": "To",
    },
}  # fmt: skip

# Where a child goes in w:rPr: the elements that must come after it (ECMA-376 order).
_AFTER = {
    "w:szCs": ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
               "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:lang": ("w:eastAsianLayout", "w:specVanish", "w:oMath"),
}  # fmt: skip


def _put(rpr, tag: str, **attributes: str) -> None:
    """Replace (or add) the child `tag` of a w:rPr in its schema position."""
    for old in rpr.findall(qn(tag)):
        rpr.remove(old)
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    rpr.insert_element_before(element, *_AFTER[tag])


def _thai_rpr(rpr, size_pt: float | None = None) -> None:
    """Our font in all four slots (no theme fonts), the complex-script size, Thai bidi language."""
    fonts = rpr.get_or_add_rFonts()
    for name in list(fonts.attrib):
        if name.endswith("Theme") or name.endswith("theme"):
            del fonts.attrib[name]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), FONT)
    if size_pt is not None:
        rpr.get_or_add_sz().val = Pt(size_pt)
        _put(rpr, "w:szCs", val=str(int(size_pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        _put(rpr, "w:lang", bidi="th-TH")
    else:
        lang.set(qn("w:bidi"), "th-TH")


def _setup(document) -> None:
    """Defaults and the Normal style in TH Sarabun New 16 pt, single spacing; A4 margins."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _thai_rpr(rpr, BODY_PT)
    normal = document.styles["Normal"]
    _thai_rpr(normal.element.get_or_add_rPr(), BODY_PT)
    normal.font.name = FONT
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)


def _field_char(paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def _field(paragraph, instruction: str, cached: str) -> None:
    """A field (PAGE) as Word writes it: begin, instruction, separate, cached result, end."""
    _field_char(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    paragraph.add_run()._r.append(code)
    _field_char(paragraph, "separate")
    paragraph.add_run(cached)
    _field_char(paragraph, "end")


def _page_numbers(document, thai: bool) -> None:
    """Official style: the page number centred at the top as `- ๒ -`, from page 2 on; page 1
    has its own, empty, header (w:titlePg). Thai digits through the section's number format
    when the memo uses Thai digits, else Arabic: the same digits as the text."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    section.header_distance = Cm(1.25)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    _field(paragraph, " PAGE ", "๒" if thai else "2")
    paragraph.add_run(" -")
    sect = section._sectPr
    for old in sect.findall(qn("w:pgNumType")):
        sect.remove(old)
    numbers = OxmlElement("w:pgNumType")
    numbers.set(qn("w:fmt"), "thaiNumbers" if thai else "decimal")
    # schema order: pgNumType comes after the page margins and before the columns
    sect.insert_element_before(
        numbers, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
        "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
        "w:sectPrChange",
    )  # fmt: skip


class Memo:
    """A python-docx document with the memo's few paragraph kinds."""

    def __init__(self, thai_digits_on: bool):
        self.document = Document()
        self.thai = thai_digits_on
        _setup(self.document)
        _page_numbers(self.document, thai_digits_on)

    def text(self, value: object) -> str:
        return thai_digits(value) if self.thai else str(value)

    def run(self, paragraph, text: str, *, bold: bool = False, size: float | None = None):
        run = paragraph.add_run(self.text(text))
        if bold or size:
            _thai_rpr(run._r.get_or_add_rPr(), size)
        if bold:
            run.font.bold = True
            run.font.cs_bold = True
        return run

    def paragraph(self, text: str = "", *, indent=None, left=None, bold=False, align=None):
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY if align is None else align
        if indent is not None:
            paragraph.paragraph_format.first_line_indent = indent
        if left is not None:
            paragraph.paragraph_format.left_indent = left
        if text:
            self.run(paragraph, text, bold=bold)
        return paragraph

    def field(self, label: str, value: str, *, bold: bool = True):
        """`label  value` on one line: the label bold 20 pt as on the form, the value 16 pt."""
        paragraph = self.paragraph(align=WD_ALIGN_PARAGRAPH.LEFT)
        self.run(paragraph, label, bold=bold, size=LABEL_PT if bold else None)
        self.run(paragraph, f"  {value}")
        return paragraph

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float], numeric):
        """A grid table: bold header row repeated on every page, numbers aligned right."""
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        cells = [table.rows[0].cells, *[table.add_row().cells for _row in rows]]
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header.append(repeat)
        for r, values in enumerate([headers, *rows]):
            for c, value in enumerate(values):
                cell = cells[r][c]
                cell.width = Cm(widths[c])
                paragraph = cell.paragraphs[0]
                right = c in numeric and r > 0
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
                self.run(paragraph, value, bold=r == 0)
        return table

    def save(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _level(board, score: float | None, language: str) -> str:
    label = board.level_label(score)
    return (label.get(language) or label.get("th", "")) if label else _("no level yet")


def _names(names: list[str], limit: int = LIST_UNITS) -> str:
    shown = ", ".join(names[:limit])
    rest = len(names) - limit
    if rest > 0:
        shown = ngettext(
            "%(names)s and %(count)s other unit", "%(names)s and %(count)s other units", rest
        ) % {"names": shown, "count": rest}
    return shown


def _background(data: ReportData) -> list[str]:
    cycle = data.cycle
    start, end = cycle.bounds
    lang = data.language[:2]
    lines = [
        _(
            "%(organization)s assesses its readiness as a digital organization following the "
            "framework “%(framework)s”. In fiscal year %(year)s (%(start)s to %(end)s) each unit "
            "plans its actions, reports their progress every quarter, and answers the criteria "
            "assigned to it with evidence; the self-assessment is due on %(due)s."
        )
        % {
            "organization": data.organization.name,
            "framework": cycle.framework.title,
            "year": cycle.fiscal_year,
            "start": format_date(start, lang),
            "end": format_date(end, lang),
            "due": format_date(cycle.assessment_due, lang),
        }
    ]
    if data.unit is not None:
        lines.append(
            _("This memo covers %(unit)s and the units under it.") % {"unit": data.unit.name}
        )
    return lines


def _standing(data: ReportData) -> tuple[str, list[list[str]]]:
    board, lang = data.board, data.language[:2]
    overall = board.overall
    summary = _(
        "As of %(date)s the self-assessed score is %(self)s out of 100 (%(self_level)s) and the "
        "verified score is %(verified)s (%(verified_level)s). %(answered)s of %(applicable)s "
        "applicable answers have been submitted, %(checked)s of them verified."
    ) % {
        "date": format_date(board.scores_day or data.today, lang),
        "self": _score(overall.self_score),
        "self_level": _level(board, overall.self_score, lang),
        "verified": _score(overall.verified_score),
        "verified_level": _level(board, overall.verified_score, lang),
        "answered": overall.answered,
        "applicable": overall.applicable,
        "checked": overall.verified,
    }
    dimensions = [
        [
            f"{line.node.ref} {line.node.title}",
            _score(line.figures.self_score),
            _score(line.figures.verified_score),
            _level(board, line.figures.verified_score, lang),
        ]
        for line in board.dimensions
    ]
    return summary, dimensions


def _lagging(data: ReportData) -> list[str]:
    board = data.board
    lines = []
    units = [
        f"{u.unit.name} ({_score(u.overall.self_score)})"
        for u in board.lagging_units[:LIST_LAGGING]
    ]
    if units:
        lines.append(_("Lowest self-assessed units: %(units)s.") % {"units": ", ".join(units)})
    topics = [
        f"{t.node.ref} {t.node.title} ({_score(t.figures.self_score)})"
        for t in board.lagging_topics[:LIST_LAGGING]
    ]
    if topics:
        lines.append(_("Lowest self-assessed topics: %(topics)s.") % {"topics": ", ".join(topics)})
    open_answers = board.overall.applicable - board.overall.answered
    if open_answers:
        lines.append(
            ngettext(
                "%(count)s applicable answer has not been submitted yet.",
                "%(count)s applicable answers have not been submitted yet.",
                open_answers,
            )
            % {"count": open_answers}
        )
    overdue = board.overdue_action_count
    lines.append(
        ngettext(
            "%(count)s action of the plan is past its end date and not finished.",
            "%(count)s actions of the plan are past their end date and not finished.",
            overdue,
        )
        % {"count": overdue}
        if overdue
        else _("No action of the plan is past its end date.")
    )
    missing = board.missing_report_total
    if missing:
        quarters = ", ".join(
            _("Q%(quarter)s: %(count)s") % {"quarter": q, "count": n}
            for q, n in sorted(board.missing_reports.items())
            if n
        )
        lines.append(
            ngettext(
                "%(count)s quarterly progress report due has not been submitted (%(quarters)s).",
                "%(count)s quarterly progress reports due have not been submitted (%(quarters)s).",
                missing,
            )
            % {"count": missing, "quarters": quarters}
        )
    else:
        lines.append(_("Every quarterly progress report due has been submitted."))
    return lines


def _proposal(data: ReportData) -> str:
    board = data.board
    due = format_date(data.cycle.assessment_due, data.language[:2])
    behind = sorted(
        (u for u in board.units if u.overall.applicable > u.overall.answered),
        key=lambda u: (u.overall.answered - u.overall.applicable, u.unit.path),
    )
    if behind:
        return _(
            "It is proposed to approve this report and to instruct %(units)s to complete their "
            "answers and evidence by the assessment deadline of %(due)s."
        ) % {"units": _names([u.unit.name for u in behind]), "due": due}
    if board.overall.applicable > board.overall.answered:
        return _(
            "It is proposed to approve this report and to instruct the units concerned to "
            "complete their answers and evidence by the assessment deadline of %(due)s."
        ) % {"due": due}
    return _(
        "It is proposed to approve this report as the answer to the national digital government "
        "readiness survey."
    )


def render_docx(data: ReportData) -> bytes:
    """The memo as a .docx file, in data.language; Thai digits when DIGIORG_THAI_DIGITS (Thai)."""
    with translation.override(data.language):
        return _render(data)


def _render(data: ReportData) -> bytes:
    lang = "th" if data.language[:2] == "th" else "en"
    labels = LABELS[lang]
    memo = Memo(lang == "th" and settings.DIGIORG_THAI_DIGITS)
    heading = memo.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
    memo.run(heading, labels["heading"], bold=True, size=HEADING_PT)

    memo.field(labels["office"], data.memo.get("office", ""))
    number = memo.field(labels["number"], data.memo.get("number", ""))
    number.paragraph_format.tab_stops.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.LEFT)
    memo.run(number, "\t")
    memo.run(number, labels["date"], bold=True, size=LABEL_PT)
    memo.run(number, f"  {format_date(data.today, lang)}")
    year = data.cycle.fiscal_year
    subject = (
        _("Digital government readiness of %(unit)s, fiscal year %(year)s")
        % {"unit": data.unit.name, "year": year}
        if data.unit is not None
        else _("Digital government readiness, fiscal year %(year)s") % {"year": year}
    )
    memo.field(labels["subject"], subject)
    memo.paragraph()
    memo.field(labels["to"], data.memo.get("to", ""), bold=False)

    def section(number: int, title: str) -> None:
        paragraph = memo.paragraph(f"{number}. {title}", indent=INDENT, bold=True)
        paragraph.paragraph_format.space_before = Pt(6)

    section(1, _("Background"))
    for line in _background(data):
        memo.paragraph(line, indent=INDENT)
    section(2, _("Current standing"))
    summary, dimensions = _standing(data)
    memo.paragraph(summary, indent=INDENT)
    memo.paragraph(_("Scores by dimension:"), indent=INDENT)
    memo.table(
        [_("Dimension"), _("Self-assessed"), _("Verified"), _("Level (verified)")],
        dimensions, widths=[8.0, 2.5, 2.5, 3.0], numeric={1, 2},
    )  # fmt: skip
    section(3, _("What lags behind"))
    for line in _lagging(data):
        memo.paragraph(line, indent=INDENT)
    section(4, _("Proposal"))
    memo.paragraph(_proposal(data), indent=INDENT)
    closing = memo.paragraph(_("Submitted for your consideration."), indent=INDENT)
    closing.paragraph_format.space_before = Pt(12)

    for _blank in range(3):
        memo.paragraph()
    signer = memo_signer(data.memo, data.unit)
    center = WD_ALIGN_PARAGRAPH.CENTER
    name = memo.paragraph(left=Cm(7), align=center)
    if signer.name:
        memo.run(name, f"({signer.name})")
    else:  # marked for the preparer to fill in: never a silent blank
        memo.run(name, "(")
        marked = memo.run(name, _("signer not configured: type the name here"))
        marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
        memo.run(name, ")")
    if signer.position:
        memo.paragraph(signer.position, left=Cm(7), align=center)
    return memo.save()
