"""The rules an action's dates follow, shared by the services (pages, API) and the plan import:
an action runs within its cycle's fiscal year (FY 2569 = 1 Oct 2025 - 30 Sep 2026) unless it is
marked multi-year, it does not end before it starts, and its milestones fall within its dates."""

from collections.abc import Iterable
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digiorg.core.fiscal import fiscal_year_bounds
from digiorg.core.thai import format_date


def _shown(day: date) -> str:
    return format_date(day, (get_language() or "th")[:2])


def _outside_year(key: str, words: dict, import_column: str) -> str:
    if import_column:
        words = {**words, "column": import_column}
        if key == "start_date":
            return (
                _(
                    "The start date must fall within fiscal year %(year)s (%(first)s – %(last)s). "
                    "For an action that runs over several years, put “yes” in the column "
                    "“%(column)s”."
                )
                % words
            )
        return (
            _(
                "The end date must fall within fiscal year %(year)s (%(first)s – %(last)s). "
                "For an action that runs over several years, put “yes” in the column “%(column)s”."
            )
            % words
        )
    if key == "start_date":
        return (
            _(
                "The start date must fall within fiscal year %(year)s (%(first)s – %(last)s). "
                "For an action that runs over several years, tick “multi-year action”."
            )
            % words
        )
    return (
        _(
            "The end date must fall within fiscal year %(year)s (%(first)s – %(last)s). "
            "For an action that runs over several years, tick “multi-year action”."
        )
        % words
    )


def action_date_problems(
    *,
    fiscal_year: int,
    start: date | None,
    end: date | None,
    multi_year: bool = False,
    milestones: Iterable[tuple[str, date]] = (),
    import_column: str = "",
) -> dict[str, str]:
    """Field name -> message for each rule the dates break (empty when they are fine). In an
    import, `import_column` is the header of the multi-year column, which the message names
    (the form's message names its tick box)."""
    errors: dict[str, str] = {}
    first, last = fiscal_year_bounds(fiscal_year)
    words = {"year": fiscal_year, "first": _shown(first), "last": _shown(last)}
    if start and end and end < start:
        errors["end_date"] = _("The end date is before the start date.")
    if not multi_year:
        if start and not first <= start <= last:
            errors["start_date"] = _outside_year("start_date", words, import_column)
        if end and not first <= end <= last and "end_date" not in errors:
            errors["end_date"] = _outside_year("end_date", words, import_column)
    elif start and end and (end < first or start > last):
        errors["start_date"] = (
            _(
                "A multi-year action must still run during fiscal year %(year)s (%(first)s – %(last)s)."
            )
            % words
        )
    if start and end and not errors:
        for title, due in milestones:
            if not start <= due <= end:
                errors["end_date" if due > end else "start_date"] = _(
                    "The milestone “%(title)s” (%(due)s) would fall outside the action's dates: "
                    "move it or choose other dates."
                ) % {"title": title, "due": _shown(due)}
                break
    return errors


def milestone_date_problem(start: date, end: date, due: date) -> str:
    """The message when a milestone's date falls outside its action's dates, else ""."""
    if start <= due <= end:
        return ""
    return _("The milestone must fall within the action's dates (%(first)s – %(last)s).") % {
        "first": _shown(start),
        "last": _shown(end),
    }
