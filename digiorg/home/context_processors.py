from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language

from digiorg.accounts.access import access_for
from digiorg.accounts.permissions import audit_may_read
from digiorg.core.fiscal import fiscal_year

# The menu entry a page belongs to, by the URL namespace (or name) of the page.
SECTIONS = {
    "dashboards": "dashboard",
    "plans": "plan",
    "assessments": "assessment",
    "evidence": "evidence",
    "catalogue": "catalogue",
    "cycles": "cycles",
    "frameworks": "frameworks",
    "org": "units",
    "people": "people",
    "audit": "audit",
    "api-docs": "api",
}
# entries of the setup menu
SETUP = {"cycles", "frameworks", "units", "people", "audit", "api"}


# the addresses base.html links to on every page: reversed once per script prefix (a dozen
# `{% url %}` tags cost about a tenth of a cached dashboard's time under load)
NAV_URLS = (
    "home", "dashboards:department", "plans:plan", "assessments:workspace", "evidence:library",
    "catalogue:register",
    "cycles:list", "frameworks:index", "org:unit-list", "people:list", "audit", "api-docs",
    "language-set", "account_logout", "people:security",
)  # fmt: skip


@lru_cache(maxsize=8)
def nav_urls(prefix: str) -> dict[str, str]:
    """{URL name with ":" as "_": address} of the menu's entries under the script `prefix`."""
    return {name.replace(":", "_").replace("-", "_"): reverse(name) for name in NAV_URLS}


def nav_section(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    return SECTIONS.get(match.namespace, SECTIONS.get(match.url_name or "", ""))


def _sees_a_unit(user) -> bool:
    access = access_for(user)
    return bool(access.wide or access.subtrees)


def site(request):
    section = nav_section(request)
    language = (get_language() or "th")[:2]
    names = settings.DIGIORG_ORGANIZATION_NAME
    return {
        "organization_name": names.get(language, names["th"]),
        "current_fiscal_year": fiscal_year(timezone.localdate()),
        "nav_audit": bool(audit_may_read(request.user)),
        "nav_catalogue": _sees_a_unit(request.user),
        "nav_section": section,
        "nav_setup": section in SETUP,
        "nav_urls": nav_urls(get_script_prefix()),
    }
