"""The one-page summary that opens the PDF, as the committee reads it: the readiness level and
score, what changed since last quarter and since last year (from stored score snapshots, and
saying so plainly when there is no earlier figure), the three most lagging topics and units,
and what the committee is asked to decide, generated from the figures. Sentences in the active
language (call inside translation.override)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiorg.assessments.models import CriterionAssessment
from digiorg.core.templatetags.ui import localized
from digiorg.core.templatetags.ui import score as number
from digiorg.core.thai import format_date
from digiorg.dashboards.scores import EMPTY, Figures

from .data import ReportData

LAGGING = 3  # topics and units named
CHANGES = 3  # dimensions named per direction
NAMES = 2  # units named in a decision (the rest are counted)


@dataclass
class Lagging:
    ref: str
    name: str
    score: str  # self-assessed, formatted
    level: str


@dataclass
class Narrative:
    standing: list[str]
    since_quarter: list[str]
    since_year: list[str]
    topics: list[Lagging]
    units: list[Lagging]
    decisions: list[str] = field(default_factory=list)


def _date(value, language: str) -> str:
    return format_date(value, language, buddhist_era=True)


def _names(names: list[str], limit: int = NAMES) -> str:
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:limit])
    rest = len(unique) - limit
    if rest > 0:
        shown = ngettext(
            "%(names)s and %(count)s other unit", "%(names)s and %(count)s other units", rest
        ) % {"names": shown, "count": rest}
    return shown


def _level(data: ReportData, value: float | None) -> str:
    return localized(data.board.level_label(value)) if value is not None else ""


def standing(data: ReportData) -> list[str]:
    board, lang = data.board, data.language
    overall, who = board.overall, data.title_unit
    when = _date(board.scores_day or data.today, lang)
    if not overall.answered:  # the scores of nothing answered are zeros, not a standing
        first = _("%(who)s has no score yet: no answer has been submitted.") % {"who": who}
    elif overall.verified_score is not None:
        first = _(
            "%(who)s is at the level “%(level)s”: a verified score of %(verified)s out of 100 "
            "(self-assessed %(self)s) as of %(date)s."
        ) % {
            "who": who, "level": _level(data, overall.verified_score),
            "verified": number(overall.verified_score), "self": number(overall.self_score),
            "date": when,
        }  # fmt: skip
    elif overall.self_score is not None:
        first = _(
            "No answer of %(who)s has been verified yet. The self-assessed score is %(self)s out "
            "of 100, at the level “%(level)s”, as of %(date)s."
        ) % {
            "who": who, "self": number(overall.self_score),
            "level": _level(data, overall.self_score), "date": when,
        }  # fmt: skip
    else:
        first = _("%(who)s has no score yet: no answer has been submitted.") % {"who": who}
    lines = [first]
    if overall.applicable:
        lines.append(
            _(
                "%(answered)s of %(applicable)s expected answers have been submitted "
                "(%(progress)s%%), %(verified)s of them verified."
            )
            % {
                "answered": overall.answered,
                "applicable": overall.applicable,
                "progress": number(overall.progress),
                "verified": overall.verified,
            }
        )
    return lines


def _change(kind: str, before: float | None, after: float | None) -> str | None:
    if before is None or after is None:
        return None
    delta = round(after - before, 1)
    values = {"kind": kind, "before": number(before), "after": number(after)}
    if delta > 0:
        return _("%(kind)s rose from %(before)s to %(after)s (+%(delta)s)") % {
            **values, "delta": number(delta)}  # fmt: skip
    if delta < 0:
        return _("%(kind)s fell from %(before)s to %(after)s (−%(delta)s)") % {
            **values, "delta": number(-delta)}  # fmt: skip
    return _("%(kind)s stayed at %(after)s") % values


def _dimension_changes(data: ReportData, earlier: dict[str, Figures]) -> list[str]:
    """Dimensions whose self-assessed score moved, the largest moves first."""
    moves = []
    for line in data.board.dimensions:
        before = earlier.get(line.node.ref, EMPTY).self_score
        after = line.figures.self_score
        if before is not None and after is not None and round(after - before, 1):
            moves.append((round(after - before, 1), line))
    up = sorted((m for m in moves if m[0] > 0), key=lambda m: -m[0])
    down = sorted((m for m in moves if m[0] < 0), key=lambda m: m[0])
    lines = []
    if up:
        items = ", ".join(f"{d.node.ref} {d.node.title} (+{number(v)})" for v, d in up[:CHANGES])
        lines.append(_("Dimensions that improved most (self-assessed): %(items)s.") % {
            "items": items})  # fmt: skip
    else:
        lines.append(_("No dimension improved its self-assessed score."))
    if down:
        items = ", ".join(f"{d.node.ref} {d.node.title} (−{number(-v)})" for v, d in down[:CHANGES])
        lines.append(_("Dimensions that fell (self-assessed): %(items)s.") % {"items": items})
    return lines


def _compared(data: ReportData, when: str, before: Figures, earlier: dict[str, Figures]):
    now = data.board.overall
    changes = [
        c
        for c in (
            _change(_("the self-assessed score"), before.self_score, now.self_score),
            _change(_("the verified score"), before.verified_score, now.verified_score),
        )
        if c
    ]
    if not changes:
        return [_("There is no score from %(when)s to compare with.") % {"when": when}]
    first = _("Compared with %(when)s, %(changes)s.") % {
        "when": when, "changes": _(", and ").join(changes)}  # fmt: skip
    return [first, *_dimension_changes(data, earlier)]


def since_quarter(data: ReportData) -> list[str]:
    if data.quarter <= 1:
        return [
            _(
                "This is the first quarter of fiscal year %(year)s: there is no earlier quarter "
                "to compare with."
            )
            % {"year": data.cycle.fiscal_year}
        ]
    baseline = data.last_quarter
    if baseline is None:
        return [
            _("No score was stored by the end of quarter %(quarter)s: there is no earlier "
              "figure to compare with.") % {"quarter": data.quarter - 1}
        ]  # fmt: skip
    when = _("the end of quarter %(quarter)s (%(date)s)") % {
        "quarter": data.quarter - 1, "date": _date(baseline.day, data.language)}  # fmt: skip
    if data.board.scores_day is not None and baseline.day >= data.board.scores_day:
        return [_("No score has been stored since %(when)s.") % {"when": when}]
    return _compared(data, when, baseline.get(), baseline.figures)


def since_year(data: ReportData) -> list[str]:
    board = data.board
    if board.previous is None:
        return [_("There is no earlier fiscal year in the system to compare with.")]
    year = board.previous.fiscal_year
    if not board.overall_last_year.answered:  # nothing stored, or nothing was ever answered
        return [
            _("Fiscal year %(year)s has no stored score: there is no figure to compare with.")
            % {"year": year}
        ]
    earlier = {d.node.ref: d.last_year for d in board.dimensions}
    when = _("the final scores of fiscal year %(year)s") % {"year": year}
    return _compared(data, when, board.overall_last_year, earlier)


def lagging(data: ReportData) -> tuple[list[Lagging], list[Lagging]]:
    """The lowest self-assessed topics and units; none while nothing has been answered (every
    score is then a zero that says nothing)."""
    board = data.board
    if not board.overall.answered:
        return [], []
    topics = [
        Lagging(t.node.ref, t.node.title, number(t.figures.self_score),
                _level(data, t.figures.self_score))
        for t in board.lagging_topics[:LAGGING]
    ]  # fmt: skip
    units = [
        Lagging(u.unit.code, u.unit.name, number(u.overall.self_score),
                _level(data, u.overall.self_score))
        for u in board.lagging_units[:LAGGING]
    ]  # fmt: skip
    return topics, units


def topics_without_action(data: ReportData) -> list[str]:
    """Refs of the topics that have criteria to answer but no action of the plan."""
    topic_of: dict[str, str] = {}
    for dimension in data.scores["dimensions"]:
        for topic in dimension["children"]:
            stack = [topic]
            while stack:
                node = stack.pop()
                topic_of[node["ref"]] = topic["ref"]
                stack.extend(node["children"])
    planned = {
        topic_of.get(c.node.ref, c.node.ref)
        for action in data.actions
        for c in action.criteria.all()
    }
    return [
        t.node.ref for t in data.board.topics if t.figures.applicable and t.node.ref not in planned
    ]


def decisions(data: ReportData) -> list[str]:
    board, lang = data.board, data.language
    due = _date(data.cycle.assessment_due, lang)
    items = []
    unplanned = topics_without_action(data)
    applicable = sum(1 for t in board.topics if t.figures.applicable)
    if unplanned and len(unplanned) == applicable:
        items.append(
            _("No action has been planned yet for any of the %(count)s topics. The committee is "
              "asked to have the units submit their plans.") % {"count": len(unplanned)}
        )  # fmt: skip
    elif unplanned:
        items.append(
            ngettext(
                "%(count)s topic has no action in the plan (%(refs)s). The committee is asked "
                "to assign a unit to plan for it.",
                "%(count)s topics have no action in the plan (%(refs)s). The committee is asked "
                "to assign units to plan for them.",
                len(unplanned),
            )
            % {"count": len(unplanned), "refs": ", ".join(unplanned)}
        )
    if board.overdue_action_count:
        units = _names([a.unit.name for a in board.overdue_actions])
        items.append(
            ngettext(
                "%(count)s action is past its end date and not finished (%(units)s). The "
                "committee is asked to have it sped up or its plan revised.",
                "%(count)s actions are past their end date and not finished (%(units)s). The "
                "committee is asked to have them sped up or their plans revised.",
                board.overdue_action_count,
            )
            % {"count": board.overdue_action_count, "units": units}
        )
    returned = [
        line
        for line in data.answers
        if line.answer is not None and line.answer.status == CriterionAssessment.Status.RETURNED
    ]
    if returned:
        items.append(
            ngettext(
                "%(count)s answer was returned for changes and has not been sent again "
                "(%(units)s). The committee is asked to have it corrected by %(due)s.",
                "%(count)s answers were returned for changes and have not been sent again "
                "(%(units)s). The committee is asked to have them corrected by %(due)s.",
                len(returned),
            )
            % {
                "count": len(returned),
                "units": _names([r.unit.name for r in returned]),
                "due": due,
            }
        )
    unsent = board.overall.applicable - board.overall.answered - len(returned)
    if unsent > 0:
        items.append(
            ngettext(
                "%(count)s expected answer has not been submitted; the self-assessment is due "
                "on %(due)s. The committee is asked to have the units complete it.",
                "%(count)s expected answers have not been submitted; the self-assessment is due "
                "on %(due)s. The committee is asked to have the units complete them.",
                unsent,
            )
            % {"count": unsent, "due": due}
        )
    if board.missing_report_total:
        items.append(
            ngettext(
                "%(count)s quarterly progress report due has not been submitted. The committee "
                "is asked to have it sent.",
                "%(count)s quarterly progress reports due have not been submitted. The "
                "committee is asked to have them sent.",
                board.missing_report_total,
            )
            % {"count": board.missing_report_total}
        )
    items.append(_("To approve this report."))
    return items


def narrative(data: ReportData) -> Narrative:
    topics, units = lagging(data)
    return Narrative(
        standing=standing(data), since_quarter=since_quarter(data), since_year=since_year(data),
        topics=topics, units=units, decisions=decisions(data),
    )  # fmt: skip
