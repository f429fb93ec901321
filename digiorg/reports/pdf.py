"""The readiness report for the committee as PDF (WeasyPrint): cover, summary with the radar
of the dimensions, one section per dimension (bar chart of its topics, topic table, plan
figures), lagging units and topics, overdue actions. Thai by default, English on request.

Fonts: one merged Sarabun TTF per weight under our own family name (a name containing
"TH Sarabun" would go through Debian's fontconfig scaling rule and overlap letters)."""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from digiorg.core.templatetags.ui import localized
from digiorg.core.thai import format_date

from . import svg
from .data import ReportData
from .narrative import narrative
from .signers import report_signers

TEMPLATE = "reports/readiness.html"
FONTS_DIR = (Path(settings.BASE_DIR) / "static" / "fonts").resolve()
FONT_FILES = {"regular": "Sarabun-Regular.ttf", "bold": "Sarabun-Bold.ttf"}


class FontsOnly(URLFetcher):
    """Lets WeasyPrint read the report's font files and nothing else: no network, no other
    file, whatever a user-typed name or title might contain."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file" or Path(url2pathname(parts.path)).resolve().parent != FONTS_DIR:
            raise ValueError(f"the report loads only its fonts, not {url}")
        return super().fetch(url, headers)


def css_string(text: str) -> str:
    """A quoted CSS string; anything that could end it, or end the <style>, is escaped."""
    safe = " .,:/-_()"
    body = "".join(c if c.isalnum() or c in safe else f"\\{ord(c):x} " for c in str(text))
    return mark_safe(f'"{body}"')


def be_date(value, language: str, *, short: bool = False) -> str:
    """Buddhist-era dates in both languages: the report speaks in fiscal years B.E."""
    return format_date(value, language, abbreviated=short, buddhist_era=True)


def _dimension_sections(data: ReportData) -> list[dict]:
    plans = {line.node.ref: line for line in data.board.dimensions}
    sections = []
    for dimension in data.scores["dimensions"]:
        topics = dimension["children"]
        chart = svg.bar_chart(
            [f"{t['ref']} {localized(t['title'])}" for t in topics],
            [
                (_("Self-assessed"), [t["self_score"] for t in topics]),
                (_("Verified"), [t["verified_score"] for t in topics]),
            ],
        )
        sections.append(
            {"score": dimension, "title": localized(dimension["title"]), "topics": topics,
             "plan": plans.get(dimension["ref"]), "chart": mark_safe(chart)}
        )  # fmt: skip
    return sections


def _radar(data: ReportData) -> str:
    lines = data.board.dimensions
    series = [
        (_("Self-assessed"), [d.figures.self_score for d in lines]),
        (_("Verified"), [d.figures.verified_score for d in lines]),
    ]
    if data.board.previous is not None:
        name = _("Verified, FY %(year)s") % {"year": data.board.previous.fiscal_year}
        series.append((name, [d.last_year.verified_score for d in lines]))
    return mark_safe(svg.radar_chart([f"{d.node.ref} {d.node.title}" for d in lines], series))


def report_context(data: ReportData) -> dict:
    """Everything the template prints, in the active language (call inside the override)."""
    board, language = data.board, data.language
    if data.unit is not None:
        title = _("Digital government readiness report of %(unit)s") % {"unit": data.unit.name}
    else:
        title = _("Digital government readiness report")
    fonts = {key: css_string((FONTS_DIR / name).as_uri()) for key, name in FONT_FILES.items()}
    return {
        "data": data, "board": board, "scores": data.scores, "title": title,
        "organization": data.organization.name, "framework": data.cycle.framework.title,
        "fiscal_year": data.cycle.fiscal_year, "report_date": be_date(data.today, language),
        "scores_date": be_date(board.scores_day, language) if board.scores_day else "",
        "level": localized(board.verified_level), "radar": _radar(data),
        "overview": [(d, localized(board.level_label(d.figures.verified_score)))
                     for d in board.dimensions],
        "dimensions": _dimension_sections(data),
        "lagging_units": board.lagging_units,
        "lagging_topics": [(t, localized(board.level_label(t.figures.verified_score)))
                           for t in board.lagging_topics],
        "overdue": [(a, be_date(a.end_date, language, short=True)) for a in board.overdue_actions],
        "font_regular": fonts["regular"], "font_bold": fonts["bold"],
        "page_label": css_string(_("Page")),
        "story": narrative(data), "signers": report_signers(data.memo, data.unit),
        **_headline(data),
    }  # fmt: skip


def _headline(data: ReportData) -> dict:
    """The level the summary page leads with: the verified one, else the self-assessed one."""
    overall = data.board.overall
    if not overall.answered:  # nothing answered: zeros, not a level
        score, kind = None, ""
    elif overall.verified_score is not None:
        score, kind = overall.verified_score, _("verified")
    else:
        score, kind = overall.self_score, _("self-assessed, not yet verified")
    label = data.board.level_label(score) if score is not None else None
    return {"headline_score": score, "headline_kind": kind, "headline_level": localized(label)}


def render_pdf(data: ReportData) -> bytes:
    """The report as PDF bytes, in data.language."""
    with translation.override(data.language):
        html = render_to_string(TEMPLATE, report_context(data))
        document = HTML(string=html, base_url=FONTS_DIR.as_uri() + "/", url_fetcher=FontsOnly())
        return document.write_pdf(font_config=FontConfiguration())
