"""Dates as people type them: dd/mm/yyyy, in the Buddhist era by default, Thai digits welcome.

The one place where typed dates become `datetime.date` (the web forms' date fields all go
through `parse_typed_date`). The era follows the dates on screen: the Buddhist era under the
Thai language while settings.DIGIORG_BUDDHIST_ERA is on (the default), else the Christian era.
Each era accepts only its own range of years (B.E. 2443-2743 = C.E. 1900-2200), so a year typed
in the other era is refused with a message that says so, never stored 543 years off.
`yyyy-mm-dd` (ISO 8601, always Christian era) is accepted too, for scripts and pasted values.
"""

import re
from contextlib import suppress
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .fiscal import BE_OFFSET
from .thai import MONTHS_EN, MONTHS_TH

BE, CE = "be", "ce"
FIRST_YEAR, LAST_YEAR = 1900, 2200  # Christian era; the Buddhist era adds 543
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
DMY_RE = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d+)$")
ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class TypedDateError(ValueError):
    """A typed date that cannot be read; `str()` is the message for the person who typed it."""


def input_era(language: str | None = None) -> str:
    """`be` or `ce`: the era dates are typed in, the same as the era they are shown in."""
    language = (language or get_language() or "th")[:2]
    return BE if settings.DIGIORG_BUDDHIST_ERA and language == "th" else CE


def format_typed_date(value: date | None, era: str | None = None) -> str:
    """`15/01/2569` (B.E.) or `15/01/2026` (C.E.): how a date shows in a date field."""
    if value is None:
        return ""
    year = value.year + (BE_OFFSET if (era or input_era()) == BE else 0)
    return f"{value.day:02d}/{value.month:02d}/{year}"


def format_hint(era: str | None = None) -> str:
    """The expected format in words, with today as the example."""
    era = era or input_era()
    example = format_typed_date(timezone.localdate(), era)
    if era == BE:
        return _("dd/mm/yyyy in the Buddhist era, e.g. %(example)s") % {"example": example}
    return _("dd/mm/yyyy in the Christian era, e.g. %(example)s") % {"example": example}


def _refuse(message: str, era: str) -> TypedDateError:
    how = _("Type the date as %(hint)s.") % {"hint": format_hint(era)}
    return TypedDateError(f"{message} {how}")


def _year(typed: int, era: str) -> int:
    """The Christian-era year for a year typed in `era`, or a refusal naming the right era."""
    offset = BE_OFFSET if era == BE else 0
    if FIRST_YEAR + offset <= typed <= LAST_YEAR + offset:
        return typed - offset
    if era == BE and FIRST_YEAR <= typed <= LAST_YEAR:
        message = _(
            "%(year)s is a Christian-era year; this field takes the Buddhist era (%(be)s)."
        ) % {"year": typed, "be": typed + BE_OFFSET}
    elif era == CE and FIRST_YEAR + BE_OFFSET <= typed <= LAST_YEAR + BE_OFFSET:
        message = _(
            "%(year)s is a Buddhist-era year; this field takes the Christian era (%(ce)s)."
        ) % {"year": typed, "ce": typed - BE_OFFSET}
    else:
        message = _("The year %(year)s is not a year this field accepts.") % {"year": typed}
    raise _refuse(message, era)


def _month_name(month: int, year: int, era: str) -> str:
    language = (get_language() or "th")[:2]
    name = (MONTHS_TH if language == "th" else MONTHS_EN)[month - 1]
    return f"{name} {year}"


def parse_typed_date(text: str, era: str | None = None) -> date | None:
    """The date in `text` (None when it is empty), or TypedDateError with a message to show."""
    era = era or input_era()
    text = " ".join(text.translate(ARABIC_DIGITS).split())
    if not text:
        return None
    if match := ISO_RE.match(text):
        year, month, day = (int(part) for part in match.groups())
        if FIRST_YEAR <= year <= LAST_YEAR:
            with suppress(ValueError):
                return date(year, month, day)
        raise _refuse(_("“%(text)s” is not a date.") % {"text": text}, era)
    match = DMY_RE.match(text)
    if match is None:
        raise _refuse(_("“%(text)s” is not a date.") % {"text": text}, era)
    day, month, typed_year = int(match[1]), int(match[3]), match[4]
    if len(typed_year) != 4:
        raise _refuse(_("Give the year in full, with four digits."), era)
    year = int(typed_year)
    if not 1 <= month <= 12:
        raise _refuse(
            _("There is no month %(month)s: months run from 1 to 12.") % {"month": month}, era
        )
    gregorian = _year(year, era)
    try:
        return date(gregorian, month, day)
    except ValueError:
        raise _refuse(
            _("%(month)s has no day %(day)s.")
            % {"month": _month_name(month, year, era), "day": day},
            era,
        ) from None
