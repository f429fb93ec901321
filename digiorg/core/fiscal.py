"""Thai fiscal years (1 Oct - 30 Sep) and Buddhist-era years.

FY 2568 runs from 1 Oct 2024 to 30 Sep 2025. Quarters: Q1 Oct-Dec ... Q4 Jul-Sep.
"""

from datetime import date, timedelta

BE_OFFSET = 543


def to_buddhist_year(year: int) -> int:
    return year + BE_OFFSET


def to_gregorian_year(be_year: int) -> int:
    return be_year - BE_OFFSET


def fiscal_year(day: date) -> int:
    """The Buddhist-era fiscal year that `day` falls in."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_quarter(day: date) -> int:
    return ((day.month - 10) % 12) // 3 + 1


def fiscal_year_bounds(be_fiscal_year: int) -> tuple[date, date]:
    """First and last day of a Buddhist-era fiscal year."""
    end_year = to_gregorian_year(be_fiscal_year)
    return date(end_year - 1, 10, 1), date(end_year, 9, 30)


def _month_start(year: int, month_offset: int) -> date:
    """First day of the month `month_offset` months after January of `year` (0-based)."""
    return date(year + month_offset // 12, month_offset % 12 + 1, 1)


def fiscal_quarter_bounds(be_fiscal_year: int, quarter: int) -> tuple[date, date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    start_year = to_gregorian_year(be_fiscal_year) - 1
    offset = 9 + 3 * (quarter - 1)  # October of the start year is offset 9
    next_start = _month_start(start_year, offset + 3)
    return _month_start(start_year, offset), next_start - timedelta(days=1)
