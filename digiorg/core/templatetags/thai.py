"""Template filters for Thai dates, digits and two-language fields (builtins: no {% load %})."""

from django import template
from django.utils.translation import get_language

from digiorg.core import thai

register = template.Library()


def _language() -> str:
    return (get_language() or "th")[:2]


@register.filter
def thaidate(value, arg: str = ""):
    """`{{ d|thaidate }}` -> 8 พฤศจิกายน 2567; arg: "short", "time", "month", combined by commas."""
    flags = set(arg.split(",")) if arg else set()
    return thai.format_date(
        value,
        _language(),
        abbreviated="short" in flags,
        with_time="time" in flags,
        month_only="month" in flags,
    )


@register.filter
def thaidigits(value):
    return thai.thai_digits(value)
