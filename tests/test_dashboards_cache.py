"""The dashboards come from the cache, and never stale: an answer, a new action or a progress
report saved by someone shows on the next load of both dashboards; a cached page is never
served to a person with another role scope; a cached page costs fewer queries than a fresh one
and neither grows with the data."""

import json
import re
from contextlib import contextmanager
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from digiorg.plans.models import Action
from digiorg.plans.services import progress_save
from digiorg.scoring.models import PlanFigures, ScoreSnapshot
from digiorg.scoring.selectors import score_document

from .assess_data import answer, answer_topic, assessed_cycle
from .plans_data import action_in, new_action

S = Action.Status


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's on-commit hooks at its end, as its own commit would: the snapshot
    refresh (tasks run immediately in the tests) and the version raised after it."""

    @contextmanager
    def block():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block


@pytest.fixture
def cycle(world, seed_framework, committed):
    """Answers of R1 and R2 on topic 2.2 and one live action of R1, with the background work
    done: a snapshot and plan figures are stored."""
    cycle = assessed_cycle(world, seed_framework)
    with committed():
        answer_topic(
            world, cycle, {"2.2-1": "met", "2.2-2": "partial", "2.2-5": "not_met"}, unit="R2",
            who="r2-staff",
        )  # fmt: skip
        for ref in ("2.2-1", "2.2-2", "2.2-3", "2.2-4"):  # R1's drafts: not counted yet
            answer(world, cycle, ref, "partial")
        action_in(world, cycle, S.APPROVED, unit="R1")
    assert ScoreSnapshot.objects.filter(cycle=cycle, latest=True).exists()
    assert PlanFigures.objects.filter(cycle=cycle, unit=None).exists()
    return cycle


def urls(world, cycle) -> dict[str, str]:
    return {
        "department": reverse("dashboards:department") + f"?cycle={cycle.pk}",
        "unit": reverse("dashboards:unit", args=[world.units["R1"].pk]) + f"?cycle={cycle.pk}",
    }


def shown(client, url: str) -> dict:
    """What the page shows: the overall score, the two plan counts and the chart figures."""
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()

    def testid(name: str) -> str:
        found = re.search(rf'data-testid="{name}"[^>]*>([^<]*)<', html)
        return found.group(1).strip() if found else ""

    start = html.index('<script id="chart-data" type="application/json">')
    charts = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    return {
        "self": testid("overall-self"),
        "progress": testid("progress"),
        "missing": re.sub(r"\D", "", testid("missing-reports")),
        "actions": sum(charts["plan"]["actions"]),
        "html": html,
    }


def score_text(value) -> str:
    from digiorg.core.templatetags.ui import score

    return str(score(value))


def test_a_new_answer_shows_on_the_next_load_of_both_dashboards(world, cycle, committed):
    executive, member = world.client("executive"), world.client("member")
    page = urls(world, cycle)
    before = {
        name: shown(c, page[name]) for name, c in (("department", executive), ("unit", member))
    }
    for name, c in (("department", executive), ("unit", member)):
        assert shown(c, page[name])["self"] == before[name]["self"]
    with committed():  # R1 answers the last two criteria and sends the topic in
        answer_topic(world, cycle, {"2.2-5": "met", "2.2-6": "met"} | {
            ref: "partial" for ref in ("2.2-1", "2.2-2", "2.2-3", "2.2-4")
        })  # fmt: skip
    after = {
        name: shown(c, page[name]) for name, c in (("department", executive), ("unit", member))
    }
    assert after["department"]["self"] == score_text(score_document(cycle)["self_score"])
    unit_score = score_document(cycle, world.units["R1"])["self_score"]
    assert after["unit"]["self"] == score_text(unit_score)
    assert after["department"]["self"] != before["department"]["self"]
    assert after["unit"]["self"] != before["unit"]["self"]


def test_a_new_action_and_a_progress_report_show_at_once(world, cycle, committed):
    executive, coordinator = world.client("executive"), world.client("coordinator")
    page = urls(world, cycle)
    first = {
        "department": shown(executive, page["department"]),
        "unit": shown(coordinator, page["unit"]),
    }
    with committed():
        running = action_in(world, cycle, S.APPROVED, unit="R1")
    second = {
        "department": shown(executive, page["department"]),
        "unit": shown(coordinator, page["unit"]),
    }
    for name in ("department", "unit"):
        # one more action linked to a criterion; four more reports missing (FY 2568 is over)
        assert second[name]["actions"] == first[name]["actions"] + 1
        assert int(second[name]["missing"]) == int(first[name]["missing"]) + 4
    with committed():
        progress_save(
            running, actor=world.people["coordinator"], quarter=1, percent_done=30, submit=True
        )
    third = {
        "department": shown(executive, page["department"]),
        "unit": shown(coordinator, page["unit"]),
    }
    for name in ("department", "unit"):
        assert int(third[name]["missing"]) == int(second[name]["missing"]) - 1


def test_a_write_without_background_work_yet_is_computed_live(world, cycle, committed):
    """Before the refresh has run (its mark is there), the dashboard computes the figures."""
    executive = world.client("executive")
    url = urls(world, cycle)["department"]
    before = shown(executive, url)
    # the write commits but its refresh has not run: on-commit hooks of this block are kept
    new_action(world, cycle, unit="R2", who="r2-staff", end_date=date(2025, 1, 31))
    # what the commit would do without a worker: mark the refresh due, queue nothing here
    from digiorg.scoring.models import SnapshotDue
    from digiorg.scoring.tasks import snapshot_request

    SnapshotDue.objects.create(cycle=cycle, organization=world.units["HSS"], since=cycle.created_at)
    assert snapshot_request is not None
    assert shown(executive, url)["actions"] == before["actions"] + 1


def test_a_cached_page_is_never_served_to_another_role_scope(world, cycle):
    """Mark every cached page; a person of another scope must not get the mark."""
    department, unit = urls(world, cycle)["department"], urls(world, cycle)["unit"]
    executive, coordinator = world.client("executive"), world.client("coordinator")
    assert executive.get(department).status_code == 200
    assert executive.get(unit).status_code == 200
    backend = cache._cache  # type: ignore[attr-defined]  (LocMemCache in the tests)
    keys = [k for k in list(backend) if "dashboard:" in k]
    assert len(keys) == 2
    for key in keys:
        blocks = cache.get(key.split(":", 2)[-1])
        blocks["content"] = "EXECUTIVE-ONLY " + blocks["content"]
        cache.set(key.split(":", 2)[-1], blocks)
    assert "EXECUTIVE-ONLY" in executive.get(department).content.decode()
    assert "EXECUTIVE-ONLY" in executive.get(unit).content.decode()
    # the coordinator is sent to their own unit, and gets a page of their own scope
    sent = coordinator.get(department)
    assert sent.status_code == 302 and sent["Location"].startswith(
        reverse("dashboards:unit", args=[world.units["R1"].pk])
    )
    own = coordinator.get(unit)
    assert own.status_code == 200 and "EXECUTIVE-ONLY" not in own.content.decode()
    assert len([k for k in list(backend) if "dashboard:" in k]) == 3


def test_query_counts_cold_and_cached_at_two_sizes(
    world, cycle, committed, django_assert_max_num_queries
):
    executive, coordinator = world.client("executive"), world.client("coordinator")
    page = urls(world, cycle)
    for size in ("small", "larger"):
        if size == "larger":
            with committed():
                for _n in range(15):
                    action_in(world, cycle, S.IN_PROGRESS, unit="R1")
                    action_in(world, cycle, S.APPROVED, unit="R2")
                for ref in ("2.2-5", "2.2-6"):
                    answer(world, cycle, ref, "met")
        for client, url in ((executive, page["department"]), (coordinator, page["unit"])):
            client.get(url)
            cache.clear()
            with django_assert_max_num_queries(12):  # computed and rendered
                assert client.get(url).status_code == 200
            with django_assert_max_num_queries(7):  # from the cache
                assert client.get(url).status_code == 200
    assert shown(executive, page["department"])["actions"] >= 31


def test_the_cached_page_is_the_page(world, cycle):
    """A page from the cache is the page rendered afresh, byte for byte, but for the CSRF
    token, which is the requester's own (the report forms post with it)."""
    executive = world.client("executive")
    for url in urls(world, cycle).values():
        cache.clear()
        fresh, cached = executive.get(url), executive.get(url)
        token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
        assert token.sub("", fresh.content.decode()) == token.sub("", cached.content.decode())
        assert 'name="csrfmiddlewaretoken" value="' in cached.content.decode()
        assert "csrf0placeholder" not in cached.content.decode()
        # the token in the cached report form is accepted: the report request goes through
        posted = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', cached.content.decode())
        assert posted is not None and len(posted.group(1)) == 64
