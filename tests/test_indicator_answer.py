"""Live evidence on the answer page: the suggestion (never the answer), attach as evidence (a
frozen CSV revision), who may attach, and the secretariat's list of answers that disagree."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digiorg.catalogue.models import Dataset, Visit
from digiorg.core import thai
from digiorg.evidence.models import Evidence, EvidenceRevision

from .assess_data import assessed_cycle
from .assessments_flow_data import A, crit, flashed, put, state
from .catalogue_data import make_dataset

OPEN = "catalogue.open_datasets"


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return assessed_cycle(world, seed_framework)


def answer_url(cycle, ref, unit):
    return reverse("assessments:answer", args=[cycle.pk, crit(cycle, ref).pk, unit.pk])


def attach_url(cycle, ref, unit):
    return reverse("indicators:attach", args=[cycle.pk, crit(cycle, ref).pk, unit.pk])


def published(world, n, unit="R1"):
    return [make_dataset(world.units[unit]) for _ in range(n)]


def today_text():
    return thai.format_date(timezone.localdate(), "th", abbreviated=True)


def files():
    return (Evidence.objects.count(), EvidenceRevision.objects.count())


def test_answer_page_suggests_met_with_the_figure_and_time(world, cycle):
    published(world, 3)
    make_dataset(world.units["R1"], status=Dataset.Status.DRAFT)  # not open: not counted
    page = world.client("member").get(answer_url(cycle, "2.2-2", world.units["R1"]))
    text = page.content.decode()
    assert page.status_code == 200
    suggestion = page.context["suggestion"]
    assert suggestion.outcome == "met"
    assert "เผยแพร่ชุดข้อมูลเปิด 3 ชุด" in text
    assert f"ณ {today_text()}" in text
    assert 'data-testid="suggestion"><span class="badge indicator-met">ผ่าน</span>' in text
    assert "แนบเป็นหลักฐาน" in text
    assert not A.objects.exists()  # looking at a suggestion answers nothing


def test_suggestion_not_met_and_partial(world, cycle):
    page = world.client("r2-staff").get(answer_url(cycle, "2.2-2", world.units["R2"]))
    assert page.context["suggestion"].outcome == "not_met"
    assert "เผยแพร่ชุดข้อมูลเปิด 0 ชุด" in page.content.decode()
    # 2.2-1: datasets defined (met) and completeness 77 % (partial from 50): partial
    make_dataset(world.units["R1"], status=Dataset.Status.DRAFT, notes="", tags=[], objectives=[])
    page = world.client("member").get(answer_url(cycle, "2.2-1", world.units["R1"]))
    assert [line.outcome for line in page.context["suggestion"].lines] == ["met", "partial"]
    assert page.context["suggestion"].outcome == "partial"
    assert "ผ่านบางส่วน" in page.content.decode()


def test_department_scope_criterion_counts_the_whole_department(world, cycle):
    d = published(world, 1, unit="R2")[0]
    Visit.objects.create(
        organization_id=d.organization_id, dataset=d, day="2026-12-01", visitor="x"
    )
    page = world.client("member").get(answer_url(cycle, "2.2-4", world.units["R1"]))
    line = page.context["suggestion"].lines[0]
    assert line.result.value == 1 and line.subject == world.units["HSS"]


def test_criterion_without_indicators_has_no_panel(world, cycle):
    page = world.client("member").get(answer_url(cycle, "2.2-3", world.units["R1"]))
    assert page.context["suggestion"] is None
    assert 'id="indicators"' not in page.content.decode()


def read_csv(revision) -> tuple[bytes, list[list[str]]]:
    with revision.file.open("rb") as f:
        raw = f.read()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_attach_freezes_the_figure_rows_and_time(world, cycle):
    datasets = published(world, 3)
    draft = put(world, cycle, "2.2-2", result="not_met")  # the person's answer
    client = world.client("member")
    response = client.post(attach_url(cycle, "2.2-2", world.units["R1"]), {"code": OPEN})
    assert response.status_code == 302
    evidence = Evidence.objects.get(title__startswith="ตัวชี้วัด")
    assert evidence.unit == world.units["R1"] and evidence.kind == "file"
    assert "เผยแพร่ชุดข้อมูลเปิด 3 ชุด" in evidence.title and today_text() in evidence.title
    assert "catalogue.open_datasets" in evidence.description
    assert list(evidence.criteria.all()) == [crit(cycle, "2.2-2")]
    revision = evidence.revisions.get()
    assert revision.name.endswith(".csv") and revision.content_type == "text/csv"
    raw, rows = read_csv(revision)
    assert raw.startswith("\ufeff".encode())
    assert rows[0] == ["ชื่อชุดข้อมูล", "ชื่อ URL", "หน่วยงานเจ้าของ", "สถานะ"]
    assert sorted(r[0] for r in rows[1:]) == sorted(d.title for d in datasets)
    # the answer keeps its result and note; it now cites the evidence
    draft.refresh_from_db()
    assert draft.result == "not_met" and draft.status == "draft"
    assert evidence in draft.evidence.all()
    assert "แนบเป็นหลักฐานแล้ว" in flashed(response)[0]
    # a later change of the catalogue does not change what was attached
    sha, size = revision.sha256, revision.size
    published(world, 2)
    Dataset.objects.filter(pk=datasets[0].pk).update(title="ชื่อใหม่")
    revision.refresh_from_db()
    evidence.refresh_from_db()
    assert (revision.sha256, revision.size) == (sha, size)
    assert read_csv(revision)[0] == raw
    assert "3 ชุด" in evidence.title
    page = client.get(answer_url(cycle, "2.2-2", world.units["R1"]))
    assert "เผยแพร่ชุดข้อมูลเปิด 5 ชุด" in page.content.decode()


def test_attach_without_an_answer_creates_no_answer_and_ticks_it(world, cycle):
    published(world, 1)
    client = world.client("member")
    response = client.post(attach_url(cycle, "2.2-2", world.units["R1"]), {"code": OPEN})
    evidence = Evidence.objects.get()
    assert f"cite={evidence.pk}" in response["Location"]
    assert not A.objects.exists()
    page = client.get(response["Location"])
    box = re.search(
        rf'<input[^>]*name="evidence"[^>]*value="{evidence.pk}"[^>]*>', page.content.decode()
    )
    assert box and "checked" in box.group(0)  # ticked, for the person to save with the answer


@pytest.mark.parametrize(
    "who, status", [("executive", 403), ("auditor", 403), ("secretariat", 403), ("r2-staff", 404),
                    ("other-staff", 404)],
)  # fmt: skip
def test_attach_refused_for_those_who_may_not_change_the_answer(world, cycle, who, status):
    published(world, 1)
    put(world, cycle, "2.2-2", result="not_met")
    before = (state(cycle), files())
    response = world.client(who).post(attach_url(cycle, "2.2-2", world.units["R1"]), {"code": OPEN})
    assert response.status_code == status
    assert (state(cycle), files()) == before
    page = world.client(who).get(answer_url(cycle, "2.2-2", world.units["R1"]))
    assert "แนบเป็นหลักฐาน</button>" not in page.content.decode()


def test_attach_refused_once_the_answer_is_submitted(world, cycle):
    published(world, 1)
    put(world, cycle, "2.2-2", result="met", status="submitted")
    before = (state(cycle), files())
    response = world.client("member").post(
        attach_url(cycle, "2.2-2", world.units["R1"]), {"code": OPEN}
    )
    assert response.status_code == 403
    assert (state(cycle), files()) == before


def test_attach_of_an_indicator_the_criterion_has_not(world, cycle):
    before = (state(cycle), files())
    response = world.client("member").post(
        attach_url(cycle, "2.2-2", world.units["R1"]), {"code": "catalogue.key_datasets"}
    )
    assert response.status_code == 302
    assert "ไม่มีตัวชี้วัด" in flashed(response)[0]
    assert (state(cycle), files()) == before


# ------------------------------------------------------------- answers that disagree


def disagreements_url(cycle):
    return reverse("indicators:disagreements") + f"?cycle={cycle.pk}"


def test_the_secretariat_lists_answers_that_disagree(world, cycle):
    make_dataset(world.units["R1"], sharable=True)  # R1: 1 open, 1 sharable, 1 defined
    put(world, cycle, "2.2-2", result="met", status="submitted")  # agrees
    put(world, cycle, "2.2-5", result="not_met", status="verified")  # disagrees: met
    put(world, cycle, "2.2-2", unit="R2", result="met", status="submitted")  # disagrees: not met
    put(world, cycle, "2.2-5", unit="R2", result="met")  # a draft: not listed
    response = world.client("secretariat").get(disagreements_url(cycle))
    assert response.status_code == 200
    items = [(d.answer.criterion.ref, d.answer.unit.code, d.answer.result, d.suggested)
             for d in response.context["items"]]  # fmt: skip
    assert items == [("2.2-2", "R2", "met", "not_met"), ("2.2-5", "R1", "not_met", "met")]
    text = response.content.decode()
    assert "เผยแพร่ชุดข้อมูลเปิด 0 ชุด" in text and "ไม่ผ่าน" in text


@pytest.mark.parametrize("who", ["coordinator", "member", "executive", "auditor", "other-staff"])
def test_the_list_is_for_the_secretariat_only(world, cycle, who):
    assert world.client(who).get(disagreements_url(cycle)).status_code in (403, 404)


def test_the_department_dashboard_links_the_list_for_the_secretariat(world, cycle):
    url = reverse("dashboards:department") + f"?cycle={cycle.pk}"
    assert 'id="disagreements-link"' in world.client("secretariat").get(url).content.decode()
    assert 'id="disagreements-link"' not in world.client("executive").get(url).content.decode()


def count(client, url) -> int:
    client.get(url)  # the first request after login also saves the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_at_two_sizes(world, cycle):
    """A fixed number of queries, plus one per indicator in use (a constant of the
    installation), however many answers, units and datasets there are."""
    client = world.client("secretariat")
    make_dataset(world.units["R1"])
    for ref in ("2.2-1", "2.2-2", "2.2-4", "2.2-5"):  # every mapped criterion of 2.2
        put(world, cycle, ref, unit="R1", result="not_met", status="submitted")
    small = count(client, disagreements_url(cycle))
    for n in range(5):
        d = make_dataset(world.units["R2"], sharable=True)
        Visit.objects.create(organization_id=d.organization_id, dataset=d, day="2026-12-01",
                             visitor=f"v{n}")  # fmt: skip
    for ref in ("2.2-1", "2.2-2", "2.2-5"):
        put(world, cycle, ref, unit="R2", result="met", status="submitted")
    large = count(client, disagreements_url(cycle))
    assert len(client.get(disagreements_url(cycle)).context["items"]) == 3
    assert large == small and large <= 15
