"""Every page and API endpoint of units and people x every role x own unit / other unit /
other department, with the expected status. Extend CASES for later issues' pages."""

import pytest
from django.urls import reverse

from .assess_data import assessed_cycle, evidence
from .world import ROLES

# Targets: "own" is inside the coordinator's and member's region (R1-STD, below R1),
# "other" is another unit of the same department (R2), "foreign" is another department.
UNIT_OF = {"own": "R1-STD", "other": "R2", "foreign": "OTH-IT"}
PERSON_OF = {"own": "r1-staff", "other": "r2-staff", "foreign": "other-staff"}

WIDE = {"admin", "secretariat", "executive", "auditor"}


def see(role: str, target: str) -> int:
    """Reading: department-wide roles see the whole department, the region's people their region."""
    if target == "foreign":
        return 404
    if target == "other" and role not in WIDE:
        return 404
    return 200


def manage(role: str, target: str) -> int:
    """Changing units and people: administrators only; visible but not allowed is 403."""
    seen = see(role, target)
    if seen != 200:
        return seen
    return 200 if role == "admin" else 403


def only(*roles: str):
    return lambda role, target: 200 if role in roles else 403


@pytest.fixture
def world(world, request):
    """The shared world, plus what later pages need, built the first time a url asks for it
    (the other pages stay fast): `world.cycle()`, a cycle with topic 2.2 assigned, and
    `world.evidence(target)`, a file held by the target's unit."""
    made = {}

    def cycle():
        if "cycle" not in made:
            made["cycle"] = assessed_cycle(world, request.getfixturevalue("seed_framework"))
        return made["cycle"]

    def held(target):
        if target not in made:
            request.getfixturevalue("settings").MEDIA_ROOT = request.getfixturevalue("tmp_path")
            # the other department's is held by its department node, which its secretariat may
            made[target] = evidence(
                world, unit="OTH" if target == "foreign" else UNIT_OF[target], who=PERSON_OF[target]
            )
        return made[target]

    world.cycle, world.evidence = cycle, held
    return world


def evidence_url(name: str):
    return lambda w, t: reverse(name, args=[w.evidence(t).pk])


def cycle_url(name: str, unit: bool = False):
    def url(w, t):
        query = f"?cycle={w.cycle().pk}"
        return reverse(name) + query + (f"&unit={w.units[UNIT_OF[t]].pk}" if unit else "")

    return url


def topic_url(w, t):
    """A topic of the plan page (2.2, the one the cycle assigns), filtered to the target's unit."""
    topic = w.cycle().framework.nodes.get(ref="2.2").pk
    query = f"?cycle={w.cycle().pk}&unit={w.units[UNIT_OF[t]].pk}"
    return reverse("plans:plan-topic", args=[topic]) + query


PAGES = [
    # name, url builder (world, target) -> url, expected(role, target), targets
    ("unit detail", lambda w, t: reverse("org:unit-detail", args=[w.units[UNIT_OF[t]].pk]), see),
    ("unit edit", lambda w, t: reverse("org:unit-edit", args=[w.units[UNIT_OF[t]].pk]), manage),
    ("person detail", lambda w, t: reverse("people:detail", args=[w.people[PERSON_OF[t]].pk]), see),
    ("person edit", lambda w, t: reverse("people:edit", args=[w.people[PERSON_OF[t]].pk]), manage),
    ("api unit", lambda w, t: f"/api/v1/units/{w.units[UNIT_OF[t]].pk}/", see),
    ("api user", lambda w, t: f"/api/v1/users/{w.people[PERSON_OF[t]].pk}/", see),
    ("unit list", lambda w, t: reverse("org:unit-list"), lambda r, t: 200),
    ("people list", lambda w, t: reverse("people:list"), lambda r, t: 200),
    ("api unit list", lambda w, t: "/api/v1/units/", lambda r, t: 200),
    ("api user list", lambda w, t: "/api/v1/users/", lambda r, t: 200),
    ("unit create", lambda w, t: reverse("org:unit-create"), only("admin")),
    ("person create", lambda w, t: reverse("people:create"), only("admin")),
    ("import", lambda w, t: reverse("org:import"), only("admin")),
    ("audit trail", lambda w, t: reverse("audit"), only("admin", "secretariat", "auditor")),
    ("evidence library", lambda w, t: reverse("evidence:library"), lambda r, t: 200),
    ("evidence detail", evidence_url("evidence:detail"), see),
    ("evidence download", evidence_url("evidence:download"), see),
    (
        "evidence revision download",
        lambda w, t: reverse("evidence:revision-download", args=[w.evidence(t).current_id]),
        see,
    ),
    # coordinators and members for their units, the secretariat for the department node
    (
        "evidence create",
        lambda w, t: reverse("evidence:create"),
        only("coordinator", "member", "secretariat"),
    ),
    ("assessment workspace", cycle_url("assessments:workspace", unit=True), see),
    ("assessment overview", cycle_url("assessments:workspace"), lambda r, t: 200),
    ("assessment queue", cycle_url("assessments:queue"), only("secretariat")),
    ("scores", cycle_url("assessments:scores"), lambda r, t: 200),
    ("plan", cycle_url("plans:plan", unit=True), see),
    ("plan topic", topic_url, see),  # the fragment htmx loads: same scope as the plan page
]


@pytest.mark.parametrize("target", ["own", "other", "foreign"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "url", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_matrix(world, name, url, expected, role, target):
    response = world.client(role).get(url(world, target))
    assert response.status_code == expected(role, target), f"{name} as {role} on {target}"


@pytest.mark.parametrize(("name", "url", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_is_sent_to_login_or_refused(world, name, url, expected):
    response = world.client(None).get(url(world, "own"))
    if name.startswith("api"):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_lists_show_only_what_is_in_scope(world):
    for role, visible, hidden in [
        ("coordinator", {"R1", "R1-STD"}, {"R2", "IT", "OTH-IT", "HSS"}),
        ("secretariat", {"HSS", "IT", "R1", "R1-STD", "R2"}, {"OTH-IT", "OTH", "MOPH"}),
    ]:
        codes = {u["code"] for u in world.client(role).get("/api/v1/units/").json()["results"]}
        assert visible <= codes and not (hidden & codes), role
        html = world.client(role).get(reverse("org:unit-list")).content.decode()
        for code in visible:
            assert f"<code>{code}</code>" in html
        for code in hidden:
            assert f"<code>{code}</code>" not in html


def test_people_list_of_a_coordinator_is_their_region(world):
    usernames = {
        u["username"] for u in world.client("coordinator").get("/api/v1/users/").json()["results"]
    }
    assert usernames == {"coordinator", "member", "r1-staff"}
    html = world.client("member").get(reverse("people:list")).content.decode()
    assert "r1-staff" in html and "r2-staff" not in html and "other-staff" not in html


def test_department_wide_people_list_has_no_foreigners(world):
    usernames = {
        u["username"]
        for u in world.client("auditor").get("/api/v1/users/?page_size=100").json()["results"]
    }
    assert "r2-staff" in usernames and "other-staff" not in usernames
