"""Live evidence: indicators that the registers compute from their own data.

An app that holds data the framework asks about declares its indicators in its `indicators.py`
with `declare(...)`; `autodiscover()` (run once at start-up by this app's AppConfig.ready)
imports every installed app's `indicators.py`, and `registry` holds them by code. The framework
file maps a criterion to indicators with thresholds (`met: ">= 1"`, `partial: "> 0"`); the
loader checks codes and thresholds with `registry` and `parse_threshold`, the answer page shows
the suggestion (`selectors.suggestion_for`). Nothing here touches the assessment code.

An indicator's function is pure over its app's data: function(cycle, unit) -> Result. `unit`
is the subject: a unit (its whole subtree counts) or, for a department-scope criterion or a
department-scope indicator, the department node itself (the whole department).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SCOPES = ("department", "unit")
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
MET, PARTIAL, NOT_MET = "met", "partial", "not_met"
_RANK = {NOT_MET: 0, PARTIAL: 1, MET: 2}


@dataclass(frozen=True)
class Result:
    """What an indicator found: the figure, an optional target, the rows behind the figure
    (each a list of cells, under `columns`) and a link to those rows in the register."""

    value: int | float
    target: int | float | None = None
    rows: list[list[Any]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    link: str = ""


@dataclass(frozen=True)
class Indicator:
    code: str
    title_th: str
    title_en: str
    scope: str
    function: Callable[[Any, Any], Result]
    # What the figure counts ("ชุด" / "datasets", "%"), shown after the number.
    measure_th: str = ""
    measure_en: str = ""
    # Optional: values only, for many subjects at once ({unit id: value}) in a fixed number of
    # queries; without it, lists call `function` once per subject.
    values: Callable[[Any, list[Any]], dict[int, int | float]] | None = None

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "th")[:2] == "en" else self.title_th

    @property
    def measure(self) -> str:
        return self.measure_en if (get_language() or "th")[:2] == "en" else self.measure_th

    def compute(self, cycle, unit) -> Result:
        return self.function(cycle, unit)

    def values_for(self, cycle, units: list[Any]) -> dict[int, int | float]:
        if self.values is not None:
            return self.values(cycle, units)
        return {u.pk: self.function(cycle, u).value for u in units}


class Registry:
    def __init__(self) -> None:
        self._items: dict[str, Indicator] = {}

    def add(self, indicator: Indicator) -> Indicator:
        if not CODE_RE.match(indicator.code):
            raise ValueError(f"indicator code {indicator.code!r} is not like app.name")
        if indicator.scope not in SCOPES:
            raise ValueError(f"indicator {indicator.code}: scope must be department or unit")
        if not indicator.title_th or not indicator.title_en:
            raise ValueError(f"indicator {indicator.code}: Thai and English titles are needed")
        known = self._items.get(indicator.code)
        if known is not None and known.function is not indicator.function:
            raise ValueError(f"indicator {indicator.code} is declared twice")
        self._items[indicator.code] = indicator
        return indicator

    def get(self, code: str) -> Indicator | None:
        return self._items.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._items

    def codes(self) -> list[str]:
        return sorted(self._items)

    def all(self) -> list[Indicator]:
        return [self._items[c] for c in self.codes()]


registry = Registry()


def declare(
    code: str, *, title_th: str, title_en: str, scope: str = "unit", measure_th: str = "",
    measure_en: str = "", values: Callable | None = None,
) -> Callable[[Callable[[Any, Any], Result]], Callable[[Any, Any], Result]]:  # fmt: skip
    """Decorator of an indicator's function in an app's indicators.py."""

    def wrap(function: Callable[[Any, Any], Result]) -> Callable[[Any, Any], Result]:
        item = Indicator(
            code=code, title_th=title_th, title_en=title_en, scope=scope, function=function,
            measure_th=measure_th, measure_en=measure_en, values=values,
        )  # fmt: skip
        registry.add(item)
        return function

    return wrap


def autodiscover() -> None:
    autodiscover_modules("indicators")


# ------------------------------------------------------------------------------ thresholds

_THRESHOLD_RE = re.compile(r"^(>=|<=|==|>|<) ?([0-9]+(?:\.[0-9]+)?)$")


class ThresholdError(ValueError):
    pass


@dataclass(frozen=True)
class Threshold:
    op: str
    number: Decimal

    def holds(self, value: int | float | Decimal) -> bool:
        v = Decimal(str(value))
        return {
            ">=": v >= self.number,
            ">": v > self.number,
            "==": v == self.number,
            "<=": v <= self.number,
            "<": v < self.number,
        }[self.op]

    def __str__(self) -> str:
        number = self.number.normalize()
        text = f"{number:f}"
        return f"{self.op} {text}"


def parse_threshold(text: object) -> Threshold:
    """ ">= 1", "> 0", "== 100", "<= 5.5": an operator (>=, >, ==, <=, <), at most one space,
    and a number from 0 (digits, an optional decimal part). Anything else is refused."""
    if not isinstance(text, str):
        raise ThresholdError(
            _('a threshold must be text such as ">= 1" (an operator and a number)')
        )
    match = _THRESHOLD_RE.match(text.strip())
    if not match:
        raise ThresholdError(
            _("“%(text)s” is not a threshold: write an operator (>=, >, ==, <=, <) and a number, such as \">= 1\"")
            % {"text": text}
        )  # fmt: skip
    try:
        number = Decimal(match.group(2))
    except InvalidOperation as exc:  # pragma: no cover  (the pattern admits only numbers)
        raise ThresholdError(str(exc)) from exc
    return Threshold(match.group(1), number)


def outcome(value: int | float, met: str, partial: str | None = None) -> str:
    """met, partial or not_met for one indicator's value under the file's thresholds."""
    if parse_threshold(met).holds(value):
        return MET
    if partial is not None and parse_threshold(partial).holds(value):
        return PARTIAL
    return NOT_MET


def combined(outcomes: Iterable[str]) -> str:
    """A criterion with several indicators is met only when all are met: the weakest wins."""
    items = list(outcomes)
    return min(items, key=_RANK.__getitem__) if items else NOT_MET
