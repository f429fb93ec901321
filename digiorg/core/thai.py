"""Thai dates and digits for display."""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from .fiscal import BE_OFFSET

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_TH_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai_digits(text: object) -> str:
    return str(text).translate(THAI_DIGITS)


def format_date(
    value: date | datetime | None,
    language: str = "th",
    *,
    abbreviated: bool = False,
    with_time: bool = False,
    month_only: bool = False,
    buddhist_era: bool | None = None,
) -> str:
    """`8 พฤศจิกายน 2567` in Thai, `8 November 2024` in English.

    The Buddhist era is the default for Thai (settings.DIGIORG_BUDDHIST_ERA);
    English shows BE years as `B.E. 2567` only when asked for explicitly.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        clock = value.strftime("%H:%M")
        day = value.date()
    else:
        clock, day = "", value
    if buddhist_era is None:
        buddhist_era = settings.DIGIORG_BUDDHIST_ERA and language == "th"
    year = day.year + BE_OFFSET if buddhist_era else day.year
    if language == "th":
        month = (MONTHS_TH_ABBR if abbreviated else MONTHS_TH)[day.month - 1]
        text = f"{month} {year}" if month_only else f"{day.day} {month} {year}"
        if with_time and clock:
            text += f" เวลา {clock} น."
    else:
        month = MONTHS_EN[day.month - 1]
        month = month[:3] if abbreviated else month
        text = f"{month} {year}" if month_only else f"{day.day} {month} {year}"
        if buddhist_era:
            text = f"{day.day} {month} B.E. {year}"
        if with_time and clock:
            text += f", {clock}"
    return text
