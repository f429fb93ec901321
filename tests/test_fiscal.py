from datetime import date

import pytest

from digiorg.core.fiscal import (
    fiscal_quarter,
    fiscal_quarter_bounds,
    fiscal_year,
    fiscal_year_bounds,
    to_buddhist_year,
)


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        (date(2024, 9, 30), 2567, 4),
        (date(2024, 10, 1), 2568, 1),
        (date(2024, 12, 31), 2568, 1),
        (date(2025, 1, 1), 2568, 2),
        (date(2025, 3, 31), 2568, 2),
        (date(2025, 4, 1), 2568, 3),
        (date(2025, 6, 30), 2568, 3),
        (date(2025, 7, 1), 2568, 4),
        (date(2025, 9, 30), 2568, 4),
        (date(2025, 10, 1), 2569, 1),
    ],
)
def test_fiscal_year_and_quarter_at_the_boundaries(day, year, quarter):
    assert fiscal_year(day) == year
    assert fiscal_quarter(day) == quarter


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 9, 30))


@pytest.mark.parametrize(
    ("quarter", "bounds"),
    [
        (1, (date(2024, 10, 1), date(2024, 12, 31))),
        (2, (date(2025, 1, 1), date(2025, 3, 31))),
        (3, (date(2025, 4, 1), date(2025, 6, 30))),
        (4, (date(2025, 7, 1), date(2025, 9, 30))),
    ],
)
def test_fiscal_quarter_bounds(quarter, bounds):
    assert fiscal_quarter_bounds(2568, quarter) == bounds


def test_quarter_bounds_reject_a_fifth_quarter():
    with pytest.raises(ValueError):
        fiscal_quarter_bounds(2568, 5)


def test_buddhist_year():
    assert to_buddhist_year(2024) == 2567
