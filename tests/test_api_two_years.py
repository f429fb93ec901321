"""Two frameworks with the same refs loaded (FY 2568 and a FY 2569 copy), a cycle on each:
every operation of the API is called on both years and does what it says, criteria by ref are
always those of the cycle's own framework, and the walk covers every operation in the schema."""

import json

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from digiorg.assessments.models import CriterionAssessment
from digiorg.cycles.models import Assignment
from digiorg.evidence.models import Evidence
from digiorg.plans.models import Action

from .api_data import Year, next_year_document, token, two_years
from .assess_data import pdf_upload
from .conftest import PASSWORD, SEED_FILE


class Walker:
    def __init__(self, world):
        self.world = world
        self.called: set[tuple[str, str]] = set()

    def call(self, who, method, template, expected, data=None, multipart=False, **ids):
        self.called.add((method, template))
        client = Client()
        if who is not None:
            client = Client(HTTP_AUTHORIZATION=f"Token {token(self.world.people[who])}")
        url = template.format(**ids)
        if method == "GET":
            response = client.get(url, data)
        elif method == "DELETE":
            response = client.delete(url)
        elif multipart:
            response = client.post(url, data)
        else:
            body = json.dumps(data or {})
            response = getattr(client, method.lower())(url, body, content_type="application/json")
        assert response.status_code == expected, (method, url, response.content[:500])
        return response.json() if response.get("Content-Type") == "application/json" else response


def walk_year(w: Walker, year: Year, fiscal_year: int) -> None:
    world, cycle = w.world, year.cycle
    r1, r2 = world.units["R1"].pk, world.units["R2"].pk
    fw = cycle.framework
    ref_ids = dict(fw.criteria.values_list("ref", "pk"))

    # actions and progress
    listed = w.call(
        "secretariat", "GET", "/api/v1/actions/", 200, {"cycle": cycle.pk, "criterion": "2.1-1"}
    )
    assert {a["id"] for a in listed["results"]} == {year.action.pk, year.draft.pk}
    created = w.call("coordinator", "POST", "/api/v1/actions/", 201, {
        "cycle": cycle.pk, "unit": r1, "title": f"ปี {fiscal_year}", "criteria": ["2.2-1", "2.1-1"],
        "start_date": f"{fiscal_year - 544}-11-01", "end_date": f"{fiscal_year - 543}-06-30",
    })  # fmt: skip
    assert sorted(created["criteria"]) == ["2.1-1", "2.2-1"]
    new = Action.objects.get(pk=created["id"])
    assert {c.framework_id for c in new.criteria.all()} == {fw.pk}
    draft = w.call("coordinator", "GET", "/api/v1/actions/{id}/", 200, id=year.draft.pk)
    changed = w.call("coordinator", "PATCH", "/api/v1/actions/{id}/", 200,
                     {"criteria": ["2.2-2"], "version": draft["version"]}, id=year.draft.pk)  # fmt: skip
    assert changed["criteria"] == ["2.2-2"]
    assert Action.objects.get(pk=year.draft.pk).criteria.get().framework_id == fw.pk
    w.call("coordinator", "POST", "/api/v1/actions/{id}/transition/", 200,
           {"to_status": "submitted", "version": changed["version"]}, id=year.draft.pk)  # fmt: skip
    reports = w.call("coordinator", "GET", "/api/v1/actions/{id}/progress/", 200, id=year.action.pk)
    assert [r["quarter"] for r in reports] == [1]
    w.call("coordinator", "POST", "/api/v1/actions/{id}/progress/", 201,
           {"quarter": 2, "percent_done": 20}, id=year.action.pk)  # fmt: skip

    # self-assessment
    answers = w.call(
        "secretariat", "GET", "/api/v1/assessments/", 200, {"cycle": cycle.pk, "criterion": "2.2-1"}
    )
    assert [a["id"] for a in answers["results"]] == [year.answer_id]
    other = w.call("member", "POST", "/api/v1/assessments/", 201, {
        "cycle": cycle.pk, "criterion": "2.2-2", "unit": r1, "result": "not_met",
    })  # fmt: skip
    assert CriterionAssessment.objects.get(pk=other["id"]).criterion.framework_id == fw.pk
    answer = w.call("member", "GET", "/api/v1/assessments/{id}/", 200, id=year.answer_id)
    answer = w.call("member", "PATCH", "/api/v1/assessments/{id}/", 200, {
        "result": "met", "evidence": [year.evidence_id], "version": answer["version"],
    }, id=year.answer_id)  # fmt: skip
    answer = w.call(
        "coordinator", "POST", "/api/v1/assessments/{id}/submit/", 200, id=year.answer_id
    )
    w.call("secretariat", "POST", "/api/v1/assessments/{id}/verify/", 200,
           {"version": answer["version"]}, id=year.answer_id)  # fmt: skip
    other = w.call("coordinator", "POST", "/api/v1/assessments/{id}/submit/", 200, id=other["id"])
    w.call("secretariat", "POST", "/api/v1/assessments/{id}/return/", 200,
           {"version": other["version"], "comment": "แนบหลักฐาน"}, id=other["id"])  # fmt: skip
    scores = w.call("executive", "GET", "/api/v1/scores/", 200, {"cycle": cycle.pk})
    assert scores

    # assignments
    assigned = w.call(
        "secretariat", "GET", "/api/v1/assignments/", 200, {"cycle": cycle.pk, "criterion": "2.2-1"}
    )
    assert sorted(a["unit"] for a in assigned["results"]) == sorted([r1, r2])
    one = w.call("secretariat", "POST", "/api/v1/assignments/", 201,
                 {"cycle": cycle.pk, "criterion": "3.1-1", "unit": r2, "kind": "answers"})  # fmt: skip
    assert Assignment.objects.get(pk=one["id"]).criterion_id == ref_ids["3.1-1"]
    w.call("auditor", "GET", "/api/v1/assignments/{id}/", 200, id=one["id"])
    w.call("secretariat", "DELETE", "/api/v1/assignments/{id}/", 204, id=one["id"])
    added = w.call("secretariat", "POST", "/api/v1/assignments/bulk/", 200,
                   {"cycle": cycle.pk, "topics": ["2.1"], "units": [r2]})  # fmt: skip
    topic = fw.criteria.filter(node__ref="2.1", retired=False).count()
    assert added["count"] == topic
    removed = w.call("secretariat", "POST", "/api/v1/assignments/bulk-remove/", 200,
                     {"cycle": cycle.pk, "topics": ["2.1"], "units": [r2]})  # fmt: skip
    assert removed["count"] == topic

    # cycles
    found = w.call("member", "GET", "/api/v1/cycles/", 200, {"fiscal_year": fiscal_year})
    assert [c["id"] for c in found["results"]] == [cycle.pk]
    shown = w.call("member", "GET", "/api/v1/cycles/{id}/", 200, id=cycle.pk)
    assert shown["framework"] == fw.code
    w.call("secretariat", "PATCH", "/api/v1/cycles/{id}/", 200,
           {"status": "executing", "q1_due": f"{fiscal_year - 543}-01-20", "version": shown["version"]}, id=cycle.pk)  # fmt: skip
    opened = w.call("secretariat", "POST", "/api/v1/cycles/", 201,
                    {"fiscal_year": fiscal_year + 2, "framework": fw.code, "copy_from": cycle.pk})  # fmt: skip
    assert opened["framework"] == fw.code

    # evidence
    w.call("auditor", "GET", "/api/v1/evidence/", 200, {"unit": r1})
    uploaded = w.call("member", "POST", "/api/v1/evidence/", 201, {
        "unit": r1, "kind": "file", "title": f"หลักฐานปี {fiscal_year}", "file": pdf_upload(),
        "criteria": [ref_ids["2.2-1"]],
    }, multipart=True)  # fmt: skip
    assert uploaded["criterion_refs"] == ["2.2-1"]
    shown = w.call("member", "GET", "/api/v1/evidence/{id}/", 200, id=uploaded["id"])
    shown = w.call("member", "PATCH", "/api/v1/evidence/{id}/", 200,
                   {"title": "ชื่อใหม่", "version": shown["version"]}, id=uploaded["id"])  # fmt: skip
    w.call("member", "POST", "/api/v1/evidence/{id}/revisions/", 201,
           {"file": pdf_upload(), "version": shown["version"]}, multipart=True, id=uploaded["id"])  # fmt: skip
    download = w.call("auditor", "GET", "/api/v1/evidence/{id}/download/", 200, id=uploaded["id"])
    assert download["Content-Disposition"].startswith("attachment")

    # the framework library, people and units (not tied to a year, called in each)
    library = w.call("member", "GET", "/api/v1/frameworks/", 200)
    assert {"dhss-do-2568", "dhss-do-2569"} <= {f["code"] for f in library["results"]}
    w.call("member", "GET", "/api/v1/frameworks/{code}/", 200, code=fw.code)
    document = (
        next_year_document() if fiscal_year == 2569 else yaml.safe_load(SEED_FILE.read_text())
    )
    upload = SimpleUploadedFile(
        f"{fw.code}.yaml", yaml.safe_dump(document, allow_unicode=True).encode()
    )
    loaded = w.call(
        "secretariat", "POST", "/api/v1/frameworks/", 200, {"file": upload}, multipart=True
    )
    assert loaded["outcome"] == "unchanged"
    assert w.call(
        None, "POST", "/api/v1/auth/token/", 200, {"username": "member", "password": PASSWORD}
    )["token"]
    w.call("member", "GET", "/api/v1/units/", 200, {"kind": "group"})
    unit = w.call("admin", "POST", "/api/v1/units/", 201,
                  {"code": f"U{fiscal_year}", "name_th": "กลุ่มใหม่", "kind": "group", "parent": r1})  # fmt: skip
    unit = w.call("admin", "GET", "/api/v1/units/{id}/", 200, id=unit["id"])
    w.call("admin", "PATCH", "/api/v1/units/{id}/", 200,
           {"name_th": "กลุ่มงานใหม่", "version": unit["version"]}, id=unit["id"])  # fmt: skip
    w.call("admin", "GET", "/api/v1/users/", 200, {"unit": r1})
    person = w.call(
        "admin", "POST", "/api/v1/users/", 201, {"username": f"p{fiscal_year}", "name": "คุณใหม่"}
    )
    person = w.call("admin", "GET", "/api/v1/users/{id}/", 200, id=person["id"])
    w.call("admin", "PATCH", "/api/v1/users/{id}/", 200,
           {"name": "คุณใหม่ ใจดี", "version": person["version"]}, id=person["id"])  # fmt: skip
    w.call("admin", "DELETE", "/api/v1/users/{id}/token/", 204, id=person["id"])
    w.call("auditor", "DELETE", "/api/v1/auth/token/", 204)  # the caller's own token, last


def test_every_operation_works_on_both_years(world, seed_framework):
    first, second = two_years(world, seed_framework)
    walker = Walker(world)
    walk_year(walker, first, 2568)
    walk_year(walker, second, 2569)
    schema = yaml.safe_load(
        Client(HTTP_AUTHORIZATION=f"Token {token(world.people['member'])}")
        .get("/api/v1/schema/")
        .content
    )
    operations = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "patch", "put", "delete"}
    }
    assert operations - walker.called == set()


@pytest.mark.parametrize("query", ["cycle=abc", "cycle=1.5", "unit=x", "status=nope",
                                   "modified_since=yesterday", "modified_since=", "page=0",
                                   "page_size=9999", "page=x"])  # fmt: skip
def test_bad_filters_are_a_400_with_the_field(world, seed_framework, query):
    response = world.client("secretariat").get(f"/api/v1/actions/?{query}")
    name = query.split("=")[0]
    assert response.status_code == (404 if query == "page=0" else 400) or name == "page"
    if response.status_code == 400:
        assert name in response.json()


def test_modified_since_lists_what_changed(world, seed_framework):
    first, second = two_years(world, seed_framework)
    since = Action.objects.get(pk=second.draft.pk).updated_at
    client = world.client("secretariat")
    iso = since.isoformat()
    listed = client.get("/api/v1/actions/", {"modified_since": iso}).json()["results"]
    assert {a["id"] for a in listed} == set(
        Action.objects.filter(updated_at__gte=since).values_list("pk", flat=True)
    )
    assert first.action.pk not in {a["id"] for a in listed}


def test_evidence_is_found_by_criterion_id_or_ref(world, seed_framework):
    first, second = two_years(world, seed_framework)
    client = world.client("secretariat")
    for year in (first, second):
        criterion = year.cycle.framework.criteria.get(ref="2.2-1")
        Evidence.objects.get(pk=year.evidence_id).criteria.add(criterion)
    criterion = first.cycle.framework.criteria.get(ref="2.2-1")
    by_id = client.get("/api/v1/evidence/", {"criterion": criterion.pk}).json()["results"]
    by_ref = client.get("/api/v1/evidence/", {"criterion_ref": "2.2-1"}).json()["results"]
    assert [e["id"] for e in by_id] == [first.evidence_id]
    assert [e["id"] for e in by_ref] == [first.evidence_id, second.evidence_id]
