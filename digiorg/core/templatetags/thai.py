"""Template filters for Thai dates, digits and two-language fields (builtins: no {% load %})."""

from django import template
from django.utils.safestring import SafeData
from django.utils.translation import get_language

from digiorg.core import thai, wordbreak

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


@register.filter(needs_autoescape=True)
def thaibreak(value, autoescape: bool = True):
    """`{{ action.title|thaibreak }}`: the text escaped, with <wbr> between Thai words so that a
    long Thai title wraps between words, never inside one (see core.wordbreak). HTML that is
    already safe keeps its tags untouched: it gets hints only when it holds no tag."""
    if not autoescape:
        return value
    if isinstance(value, SafeData):
        html = str(value)
        return value if "<" in html else wordbreak.break_hints(html, escaped=True)
    return wordbreak.break_hints(str(value))
