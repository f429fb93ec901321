"""Browser: axe-core (WCAG 2.1 A and AA rules and axe's best practices) finds no serious or
critical violation on any main page, for any role, in Thai. axe-core comes from the dev
dependency axe-playwright-python (its bundled axe.min.js); it is evaluated in the page through
the DevTools protocol, so the Content-Security-Policy stays as strict as it is."""

import importlib.resources

import pytest
from django.conf import settings
from django.urls import reverse

from digiorg.assessments.models import CriterionAssessment
from digiorg.cycles.models import Cycle
from digiorg.evidence.models import Evidence
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action
from digiorg.sample.demo import DEMO_TOTP_SECRET, demo_prepare

from .browser import log_in
from .world import totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map((n) => ({target: n.target.join(' '),
                                              summary: n.failureSummary}))}));
}"""
# role -> demo login
ROLES = {
    "secretariat": "secretariat",
    "coordinator": "coord-r1",
    "member": "member-r1",
    "executive": "executive",
    "auditor": "auditor",
    "admin": "admin",
}


def axe_problems(page, name: str) -> list[str]:
    """Serious and critical violations on the page as it stands, one line per node."""
    page.evaluate(AXE)
    lines = []
    for violation in page.evaluate(RUN_AXE):
        for node in violation["nodes"][:8]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(
                f"{name}: [{violation['impact']}] {violation['id']} at {node['target']}: {summary}"
            )
        if len(violation["nodes"]) > 8:
            lines.append(f"{name}: {violation['id']}: {len(violation['nodes']) - 8} more nodes")
    return lines


def main_pages() -> list[tuple[str, str]]:
    cycle = Cycle.objects.filter(organization__code="HSS").latest("fiscal_year")
    region = OrgUnit.objects.get(code="R1")
    in_region = OrgUnit.objects.filter(code__in=["R1", "R1-STD", "R1-ADM"])
    action = Action.objects.filter(unit__in=in_region, cycle=cycle).order_by("pk").first()
    # the action form's page needs a draft its coordinator may edit: the demo holds one
    draft = Action.objects.filter(unit__in=in_region, cycle=cycle, status="draft").first()
    evidence = Evidence.objects.filter(unit__in=in_region).order_by("pk").first()
    answer = CriterionAssessment.objects.filter(unit=region, cycle=cycle).order_by("pk").first()
    assert action and draft and evidence and answer, (
        "the demo has an action, a file and an answer in R1"
    )
    query = f"?cycle={cycle.pk}"
    return [
        ("home", "/"),
        ("department dashboard", reverse("dashboards:department")),
        ("unit dashboard", reverse("dashboards:unit", args=[region.pk])),
        ("plan", reverse("plans:plan")),
        ("plan timeline", reverse("plans:timeline")),
        ("coverage", reverse("plans:coverage")),
        ("action detail", reverse("plans:action-detail", args=[action.pk])),
        ("action form", reverse("plans:action-create")),
        ("action edit form", reverse("plans:action-edit", args=[draft.pk])),
        ("inbox", reverse("plans:inbox")),
        (
            "assessment workspace",
            reverse("assessments:workspace") + query + f"&unit={region.pk}",
        ),
        (
            "assessment answer",
            reverse("assessments:answer", args=[cycle.pk, answer.criterion_id, region.pk]),
        ),
        ("assessment queue", reverse("assessments:queue") + query),
        ("scores", reverse("assessments:scores") + query),
        ("evidence library", reverse("evidence:library")),
        ("evidence detail", reverse("evidence:detail", args=[evidence.pk])),
        ("evidence form", reverse("evidence:create")),
        ("report prepare", reverse("reports:report", args=[cycle.pk, "pdf"])),
        ("audit", reverse("audit")),
        ("units", reverse("org:unit-list")),
        ("people", reverse("people:list")),
        ("frameworks", reverse("frameworks:index")),
    ]


def visit_all(page, pages, role: str, problems: list[str]) -> list[str]:
    """Open every page the signed-in person may open (others answer 403 or 404) and add what
    axe finds there to `problems`."""
    opened = []
    for name, url in pages:
        response = page.goto(page.base_url + url)
        assert response is not None
        if response.status in (403, 404):
            continue
        assert response.status == 200, f"{name} {url}: {response.status}"
        page.wait_for_load_state("networkidle")
        problems.extend(axe_problems(page, f"{role} {name}"))
        opened.append(name)
    return opened


def test_no_serious_or_critical_violations_on_any_page_for_any_role(page):
    demo_prepare(say=lambda _: None)
    page.set_default_timeout(60_000)  # eight engineers share two cores while this runs
    pages = main_pages()
    problems: list[str] = []
    opened: dict[str, list[str]] = {}

    page.goto(page.base_url + reverse("account_login"))
    problems.extend(axe_problems(page, "login"))
    for role, username in ROLES.items():
        page.context.clear_cookies()
        log_in(page, username, settings.DIGIORG_DEMO_PASSWORD)
        if role in ("secretariat", "admin"):
            page.wait_for_selector("#id_code")
            if role == "secretariat":
                problems.extend(axe_problems(page, "totp"))
            page.fill("#id_code", totp_now(DEMO_TOTP_SECRET))
            page.click("main button[type=submit]")
        page.wait_for_selector("button:has-text('ออกจากระบบ')")
        opened[role] = visit_all(page, pages, role, problems)

    if problems:
        pytest.fail("axe-core found:\n" + "\n".join(problems), pytrace=False)
    # every page was looked at by someone, and each role saw its usual pages
    assert {name for names in opened.values() for name in names} == {name for name, _ in pages}
    assert "assessment queue" in opened["secretariat"]
    assert "audit" in opened["auditor"] and "audit" not in opened["member"]
    assert {"action form", "evidence form", "assessment answer"} <= set(opened["coordinator"])
