"""Each role lands where its work is, on `/` and after logging in; the secretariat's desk;
the page for people without a role; the menu marks the current page; the favicon."""

import re
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from digiorg.accounts.models import Membership
from digiorg.accounts.roles import MFA_REQUIRED, Role
from digiorg.plans.services import progress_save, progress_submit

from .assess_data import answer_topic, assessed_cycle
from .plans_data import action_in
from .world import PASSWORD, TOTP_SECRET


def unit_board(world, code):
    return reverse("dashboards:unit", args=[world.units[code].pk])


@pytest.mark.parametrize(
    "who, where",
    [
        ("coordinator", lambda w: unit_board(w, "R1")),
        ("member", lambda w: unit_board(w, "R1")),
        ("r1-staff", lambda w: unit_board(w, "R1-STD")),
        ("r2-staff", lambda w: unit_board(w, "R2")),
        ("executive", lambda w: reverse("dashboards:department")),
        ("auditor", lambda w: reverse("audit")),
        ("admin", lambda w: reverse("org:unit-list")),
    ],
)
def test_each_role_lands_where_its_work_is(world, seed_framework, who, where):
    assessed_cycle(world, seed_framework)
    client = world.client(who)
    response = client.get("/")
    assert response.status_code == 302 and response.url == where(world)
    landed = client.get(response.url)
    assert landed.status_code == 200
    if who in ("coordinator", "member"):
        # the unit's dashboard opens on this quarter's to-do list
        html = landed.content.decode()
        assert 'id="h-todo"' in html and "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in html
        assert html.index('id="h-todo"') < html.index('data-testid="overall-self"')


def test_landing_costs_few_queries(world, django_assert_max_num_queries):
    client = world.client("coordinator")
    # session, user, MFA check, session save (3 with its savepoint); memberships and the unit
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 302


def add_role(world, who, unit, role):
    user = world.people[who]
    Membership.objects.create(
        user=user, unit=world.units[unit], role=role, organization=world.units[unit].organization
    )
    if role in MFA_REQUIRED and not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, TOTP_SECRET)  # World.client then passes the second factor


@pytest.mark.parametrize(
    "who, extra, where",
    [
        # a coordinator who also sits on the committee: their unit's work comes first
        ("coordinator", ("HSS", Role.EXECUTIVE), lambda w: unit_board(w, "R1")),
        ("executive", ("IA", Role.AUDITOR), lambda w: reverse("dashboards:department")),
        ("auditor", ("IT", Role.ADMIN), lambda w: reverse("audit")),
        ("member", ("R1", Role.COORDINATOR), lambda w: unit_board(w, "R1")),
    ],
)
def test_several_roles_land_by_the_first(world, who, extra, where):
    add_role(world, who, *extra)
    response = world.client(who).get("/")
    assert response.status_code == 302 and response.url == where(world)


def test_secretariat_with_another_role_gets_its_desk(world, seed_framework):
    assessed_cycle(world, seed_framework)
    add_role(world, "secretariat", "HSS", Role.EXECUTIVE)
    response = world.client("secretariat").get("/")
    assert response.status_code == 200 and "core/desk.html" in [t.name for t in response.templates]


def test_secretariat_desk_shows_what_waits(world, seed_framework, django_assert_max_num_queries):
    cycle = assessed_cycle(world, seed_framework)
    action_in(world, cycle, "submitted")
    running = action_in(world, cycle, "in_progress")
    report = progress_save(running, actor=world.people["member"], quarter=1, percent_done=10)
    progress_submit(report, actor=world.people["coordinator"])
    answer_topic(world, cycle, {"2.2-1": "met", "2.2-2": "partial", "2.2-3": "met",
                                "2.2-4": "not_met", "2.2-5": "met", "2.2-6": "met"})  # fmt: skip
    client = world.client("secretariat")
    with django_assert_max_num_queries(15):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "โต๊ะงานฝ่ายเลขานุการ" in html
    assert re.search(r'data-testid="desk-actions">1<', html)
    assert re.search(r'data-testid="desk-reports">1<', html)
    assert re.search(r'data-testid="desk-answers">6<', html)
    assert reverse("plans:inbox") + f"?cycle={cycle.pk}" in html
    assert reverse("assessments:queue") + f"?cycle={cycle.pk}" in html
    assert "โครงการของ R1" in html


def test_secretariat_desk_without_a_cycle(world):
    html = world.client("secretariat").get("/").content.decode()
    assert "ยังไม่ได้เปิดปีงบประมาณ" in html


def test_no_role_gets_the_home_page_that_says_whom_to_ask(db):
    nobody = get_user_model().objects.create_user(
        username="newcomer", password=PASSWORD, name="คนใหม่"
    )
    client = Client()
    client.force_login(nobody)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="no-role"' in html
    assert "ฝ่ายเลขานุการ" in html and "newcomer" in html


@pytest.mark.parametrize(
    "username, where",
    [
        ("coordinator", lambda w: unit_board(w, "R1")),
        ("executive", lambda w: reverse("dashboards:department")),
    ],
)
def test_after_login_the_same(world, seed_framework, username, where):
    assessed_cycle(world, seed_framework)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": username, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == where(world)


def test_login_keeps_an_asked_for_page(world):
    response = Client().post(
        reverse("account_login") + "?next=/evidence/",
        {"login": "coordinator", "password": PASSWORD},
    )
    assert response.url == "/evidence/"


@pytest.mark.parametrize(
    "url, label",
    [
        ("/dashboards/", "แดชบอร์ด"),
        ("/plans/", "แผนปฏิบัติการ"),
        ("/evidence/", "หลักฐาน"),
    ],
)
def test_menu_marks_the_current_page(world, seed_framework, url, label):
    assessed_cycle(world, seed_framework)
    html = world.client("executive").get(url).content.decode()
    nav = html[html.index('id="nav-main"') : html.index("</nav>")]
    current = re.findall(
        r'<a class="nav-link active" aria-current="page" href="[^"]*">([^<]*)</a>', nav
    )
    assert current == [label]
    assert nav.count('aria-current="page"') == 1


def test_setup_menu_marks_its_page(world):
    html = world.client("admin").get(reverse("org:unit-list")).content.decode()
    assert "dropdown-toggle active" in html
    assert re.search(r'class="dropdown-item active" aria-current="page" href="/units/"', html)


def test_favicon_is_linked_and_served(world):
    html = world.client("executive").get("/evidence/").content.decode()
    match = re.search(r'<link rel="icon" href="([^"]+\.svg)" type="image/svg\+xml">', html)
    assert match
    path = finders.find("favicon.svg")
    assert path and Path(path).read_text(encoding="utf-8").startswith("<svg")
