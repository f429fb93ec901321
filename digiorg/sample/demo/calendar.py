"""The demo's calendar: every date of the demo follows from `today`. The year in progress is the
fiscal year of `today` (1 Oct - 30 Sep); the two before it are closed. Randomness is seeded by
the day and the part, so the same day always gives the same demo."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from digiorg.core.fiscal import (
    fiscal_quarter,
    fiscal_quarter_bounds,
    fiscal_year,
    fiscal_year_bounds,
)


def rng_for(today: date, *part: object) -> random.Random:
    """A random generator for one part of the demo on one day (repeatable)."""
    return random.Random("|".join([today.isoformat(), *map(str, part)]))


@dataclass(frozen=True)
class DemoYear:
    """One fiscal year of the demo as seen from `today`."""

    fiscal_year: int
    today: date

    @property
    def start(self) -> date:
        return fiscal_year_bounds(self.fiscal_year)[0]

    @property
    def end(self) -> date:
        return fiscal_year_bounds(self.fiscal_year)[1]

    @property
    def current(self) -> bool:
        return self.fiscal_year == fiscal_year(self.today)

    @property
    def quarter(self) -> int:
        """The quarter in progress (the current year), or 4 for a closed year."""
        return fiscal_quarter(self.today) if self.current else 4

    @property
    def last_day(self) -> date:
        """The last day the year has lived: today for the year in progress."""
        return self.today if self.current else self.end

    def quarter_bounds(self, quarter: int) -> tuple[date, date]:
        return fiscal_quarter_bounds(self.fiscal_year, quarter)

    def day_between(self, rng: random.Random, first: date, last: date) -> date:
        """A day from `first` to `last`, both kept inside the fiscal year."""
        first, last = max(first, self.start), min(last, self.end)
        if last <= first:
            return first if first <= self.end else self.end
        return first + timedelta(days=rng.randint(0, (last - first).days))

    def lived_days(self, parts: int) -> list[date]:
        """`parts` days spread evenly from the year's start to its last lived day, the last one
        being that day (snapshot days for the trend)."""
        span = (self.last_day - self.start).days
        return [self.start + timedelta(days=span * (i + 1) // parts) for i in range(parts)]


def demo_years(today: date) -> list[DemoYear]:
    """The two closed years and the year in progress, oldest first."""
    current = fiscal_year(today)
    return [DemoYear(year, today) for year in (current - 2, current - 1, current)]
