"""The dashboard's figures as chart data (ECharts options are built in static/js/dashboard.js).
Labels are in the active language and are what a reader understands: dimension and unit names,
never bare codes; the heat map's colour scale is the framework's readiness bands, with numbers."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digiorg.core.templatetags.ui import score
from digiorg.core.thai import format_date

from .selectors import Dashboard

# colours of the readiness bands, lowest first (the page's legend uses .heat-band-<i> in
# digiorg.css with the same colours); dark text is readable on each of them
BAND_COLOURS = ["#f5c2c7", "#ffe5d0", "#fff3cd", "#d1e7dd", "#a3cfbb", "#75b798"]


def _round(value):
    return None if value is None else round(value, 1)


def _language() -> str:
    return (get_language() or "th")[:2]


def _text(label) -> str:
    """A {"th", "en"} label of the framework file in the active language."""
    if isinstance(label, dict):
        return str(label.get(_language()) or label.get("th") or "")
    return str(label or "")


def level_bands(framework) -> list[dict]:
    """The framework's readiness bands as ranges: from, to (the next band's floor, or 100),
    the level's name, a colour, and the numbers of the legend ("60–79.9")."""
    levels = sorted(framework.levels or [], key=lambda band: float(band["min"]))
    bands = []
    for i, band in enumerate(levels):
        low = float(band["min"])
        high = float(levels[i + 1]["min"]) if i + 1 < len(levels) else 100.0
        name = _text(band.get("label"))
        bands.append(
            {
                "min": low,
                "max": high,
                "name": name,
                # scores show one decimal: the band below 60 ends at 59.9
                "range": f"{score(low)}–{score(high if i + 1 == len(levels) else high - 0.1)}",
                "colour": BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)],
                "index": min(i, len(BAND_COLOURS) - 1),
            }
        )
    return bands


def chart_data(board: Dashboard) -> dict:
    dims = board.dimensions
    names = [f"{d.node.ref}. {d.node.title}" for d in dims]
    return {
        "radar": {
            "indicators": names,
            "series": [
                {
                    "name": _("Self-assessed"),
                    "values": [_round(d.figures.self_score) for d in dims],
                },
                {"name": _("Verified"), "values": [_round(d.figures.verified_score) for d in dims]},
            ]
            + (
                [
                    {
                        "name": _("Verified, FY %(year)s") % {"year": board.previous.fiscal_year},
                        "values": [_round(d.last_year.verified_score) for d in dims],
                    }
                ]
                if board.previous is not None
                else []
            ),
        },
        "heatmap": {
            "topics": [t.node.ref for t in board.topics],
            "topic_titles": [f"{t.node.ref} {t.node.title}" for t in board.topics],
            "units": [str(u.unit.name) for u in board.units],
            "cells": [
                [x, y, _round(cell.self_score)]
                for y, line in enumerate(board.units)
                for x, cell in enumerate(line.cells)
                if cell.self_score is not None
            ],
            "bands": level_bands(board.cycle.framework),
            "label": _("Self-assessed score"),
        },
        "plan": {
            "dimensions": names,
            "percent": [_round(d.percent) for d in dims],
            "actions": [d.actions for d in dims],
            "label": _("Average progress of actions (%)"),
        },
        "trend": {
            "days": [format_date(day, _language(), abbreviated=True) for day, _f in board.trend],
            "series": [
                {
                    "name": _("Self-assessed"),
                    "values": [_round(f.self_score) for _d, f in board.trend],
                },
                {
                    "name": _("Verified"),
                    "values": [_round(f.verified_score) for _d, f in board.trend],
                },
                {
                    "name": _("Progress (submitted)"),
                    "values": [_round(f.progress) for _d, f in board.trend],
                },
            ],
        },
    }
