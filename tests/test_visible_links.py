"""Tabs, menu items and buttons show only what the person may use: for each role, every link
on the main pages that the page shows answers (200, or a redirect) and never refuses (403) or
hides (404). The bug this guards: the verification-queue tab led coordinators, members,
executives, auditors and administrators to a 403."""

import re

import pytest
from django.test import Client

from .test_untranslated import ROLES, clients, paths_for, ww, ww_media  # noqa: F401  (fixtures)

MAIN_PAGES = [
    "home", "dashboards:department", "plans:plan", "plans:inbox", "plans:timeline",
    "plans:coverage", "plans:action-detail", "assessments:workspace", "assessments:scores",
    "assessments:answer", "evidence:library", "evidence:detail", "cycles:list", "cycles:detail",
    "frameworks:index", "org:unit-list", "people:list", "people:security",
]  # fmt: skip
HREF = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)"')
# Not pages: files, the API, Django's admin, the language switch.
NOT_PAGES = ("/static/", "/media/", "/api/", "/admin/", "/accounts/logout/", "/language/")


def links(html: str) -> set[str]:
    return {h.replace("&amp;", "&") for h in HREF.findall(html) if not h.startswith(NOT_PAGES)}


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_is_shown_works_for_it(ww, clients, role):  # noqa: F811
    client: Client = clients[role]
    shown: dict[str, str] = {}
    for name in MAIN_PAGES:
        for path in paths_for(name, ww):
            response = client.get(path)
            if response.status_code != 200:
                continue
            for link in links(response.content.decode()):
                shown.setdefault(link, path)
    # the national operator (no department) is shown the platform's few pages, not a unit's
    assert len(shown) > (8 if role == "national" else 20), shown
    broken = {}
    for link, page in sorted(shown.items()):
        status = client.get(link).status_code
        if status in (403, 404, 500):
            broken[link] = f"{status} (shown on {page})"
    assert not broken, f"{role} is shown links it may not use: {broken}"


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("secretariat", True), ("coordinator", False), ("member", False), ("executive", False),
        ("auditor", False), ("admin", False),
    ],
)  # fmt: skip
def test_the_verification_queue_tab_only_for_the_secretariat(ww, clients, role, shown):  # noqa: F811
    html = clients[role].get(paths_for("assessments:scores", ww)[1]).content.decode()
    assert ("/assessments/queue/" in html) is shown
