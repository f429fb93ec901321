"""The dashboard's figures as chart data (ECharts options are built in static/js/dashboard.js).
Labels are in the active language."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digiorg.core.thai import format_date

from .selectors import Dashboard


def _round(value):
    return None if value is None else round(value, 1)


def chart_data(board: Dashboard) -> dict:
    dims = board.dimensions
    return {
        "radar": {
            "indicators": [f"{d.node.ref} {d.node.title}" for d in dims],
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
            "units": [u.unit.code for u in board.units],
            "cells": [
                [x, y, _round(cell.self_score)]
                for y, line in enumerate(board.units)
                for x, cell in enumerate(line.cells)
                if cell.self_score is not None
            ],
        },
        "plan": {
            "dimensions": [d.node.ref for d in dims],
            "percent": [_round(d.percent) for d in dims],
            "actions": [d.actions for d in dims],
            "label": _("Average progress of actions (%)"),
        },
        "trend": {
            "days": [
                format_date(day, (get_language() or "th")[:2], abbreviated=True)
                for day, _f in board.trend
            ],
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
