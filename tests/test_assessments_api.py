"""The API of evidence, assessments and scores: same scope and rules as the pages."""

import hashlib

import pytest

from digiorg.assessments.models import CriterionAssessment
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.scoring.selectors import score_document

from .assess_data import PDF, answer, answer_topic, assessed_cycle, criterion, evidence, pdf_upload

A = CriterionAssessment
JSON = "application/json"


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return assessed_cycle(world, seed_framework)


def files_stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


# --- assessments ---------------------------------------------------------------------------


def test_list_items_and_scope(world, cycle):
    answer(world, cycle, "2.2-1", unit="R1")
    answer(world, cycle, "2.2-1", result="not_met", unit="R2", who="r2-staff")
    body = world.client("secretariat").get(f"/api/v1/assessments/?cycle={cycle.pk}").json()
    assert body["count"] == 2
    item = body["results"][0]
    assert {"id", "cycle", "criterion", "unit", "result", "status"} <= set(item)
    assert item["criterion"] == "2.2-1" and item["cycle"] == cycle.pk and item["status"] == "draft"
    r2 = world.client("r2-staff").get("/api/v1/assessments/").json()
    assert [i["unit"] for i in r2["results"]] == [world.units["R2"].pk]
    assert world.client("other-staff").get("/api/v1/assessments/").json()["count"] == 0
    assert world.client(None).get("/api/v1/assessments/").status_code in (401, 403)
    filtered = world.client("secretariat").get("/api/v1/assessments/?criterion=2.2-1&status=draft")
    assert filtered.json()["count"] == 2


def test_create_change_submit_verify(world, cycle):
    proof = evidence(world)
    member, coordinator = world.client("member"), world.client("coordinator")
    data = {"cycle": cycle.pk, "criterion": "2.2-3", "unit": world.units["R1"].pk,
            "result": "met", "note": "มีคำสั่ง", "evidence": [proof.pk]}  # fmt: skip
    created = member.post("/api/v1/assessments/", data, content_type=JSON)
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["criterion"] == "2.2-3" and item["evidence"] == [proof.pk] and item["version"] == 1
    again = member.post("/api/v1/assessments/", data, content_type=JSON)
    assert again.status_code == 400 and str(item["id"]) in again.content.decode()

    url = f"/api/v1/assessments/{item['id']}/"
    no_version = member.patch(url, {"result": "partial"}, content_type=JSON)
    assert no_version.status_code == 400
    changed = member.patch(
        url, {"result": "partial", "evidence": [proof.pk], "version": 1}, content_type=JSON
    )
    assert changed.status_code == 200 and changed.json()["result"] == "partial"
    stale = member.patch(url, {"result": "not_met", "version": 1}, content_type=JSON)
    assert stale.status_code == 409
    assert A.objects.get(pk=item["id"]).result == "partial"

    assert member.post(url + "submit/").status_code == 403
    submitted = coordinator.post(url + "submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert member.patch(url, {"result": "met", "version": 3}, content_type=JSON).status_code == 403

    version = submitted.json()["version"]
    assert (
        coordinator.post(url + "verify/", {"version": version}, content_type=JSON).status_code
        == 403
    )
    secretariat = world.client("secretariat")
    assert (
        secretariat.post(url + "return/", {"version": version}, content_type=JSON).status_code
        == 400
    )
    verified = secretariat.post(url + "verify/", {"version": version}, content_type=JSON)
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    late = secretariat.post(url + "verify/", {"version": version}, content_type=JSON)
    assert late.status_code == 409


def test_create_refusals(world, cycle):
    base = {"cycle": cycle.pk, "unit": world.units["R1"].pk, "result": "met"}
    member = world.client("member")
    assert (
        member.post(
            "/api/v1/assessments/", {**base, "criterion": "9.9-9"}, content_type=JSON
        ).status_code
        == 400
    )
    assert member.post("/api/v1/assessments/", {**base, "criterion": "2.2-1", "result": "great"},
                       content_type=JSON).status_code == 400  # fmt: skip
    # not a slot: topic 6.1 is not assigned to R1
    assert (
        member.post(
            "/api/v1/assessments/", {**base, "criterion": "6.1-5"}, content_type=JSON
        ).status_code
        == 400
    )
    executive = world.client("executive")
    assert (
        executive.post(
            "/api/v1/assessments/", {**base, "criterion": "2.2-1"}, content_type=JSON
        ).status_code
        == 403
    )
    r2 = world.client("r2-staff")
    assert (
        r2.post(
            "/api/v1/assessments/", {**base, "criterion": "2.2-1"}, content_type=JSON
        ).status_code
        == 400
    )
    assert A.objects.count() == 0


def test_submit_needs_evidence(world, cycle):
    item = answer(world, cycle, "2.2-1", proof=[])
    response = world.client("coordinator").post(f"/api/v1/assessments/{item.pk}/submit/")
    assert response.status_code == 400 and "2.2-1" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "draft"


# --- scores --------------------------------------------------------------------------------


def test_scores_tree(world, cycle):
    answer_topic(world, cycle, {"2.2-1": "met", "2.2-2": "partial", "2.2-3": "met", "2.2-4": "not_met",
                                "2.2-5": "not_applicable", "2.2-6": "met"})  # fmt: skip
    first = A.objects.get(cycle=cycle, criterion=criterion(cycle, "2.2-1"), unit=world.units["R1"])
    world.client("secretariat").post(
        f"/api/v1/assessments/{first.pk}/verify/", {"version": first.version}, content_type=JSON
    )
    r1 = world.units["R1"]
    body = world.client("member").get(f"/api/v1/scores/?cycle={cycle.pk}&unit={r1.pk}").json()
    assert body == score_document(cycle, r1)
    topic = next(t for d in body["dimensions"] for t in d["children"] if t["ref"] == "2.2")
    # R1: met 1, partial .5, met 1, not_met 0, (NA left out), met 1 -> 3.5 / 5
    assert topic["self_score"] == 70.0
    # only 2.2-1 verified: 1 point; the NA is not verified yet, so it still counts 0: 1 / 6
    assert topic["verified_score"] == 16.67
    assert topic["progress"] == 100.0
    assert body["self_level"]["code"] == topic["self_level"]["code"] == "4"
    assert {"th", "en"} <= set(topic["title"])
    department = world.client("executive").get(f"/api/v1/scores/?cycle={cycle.pk}").json()
    assert department["unit"] is None and department["dimensions"]


def test_scores_refusals(world, cycle):
    client = world.client("member")
    assert client.get("/api/v1/scores/").status_code == 400
    assert client.get("/api/v1/scores/?cycle=abc").status_code == 400
    assert (
        client.get(f"/api/v1/scores/?cycle={cycle.pk}&unit={world.units['R2'].pk}").status_code
        == 404
    )
    assert world.client("other-staff").get(f"/api/v1/scores/?cycle={cycle.pk}").status_code == 404
    assert client.get("/api/v1/scores/?cycle=999999").status_code == 404


def test_scores_query_count(world, cycle, django_assert_max_num_queries):
    """Session, memberships, cycle, (unit, subtree), criteria, assignments, answers, nodes."""
    client = world.client("secretariat")
    department = f"/api/v1/scores/?cycle={cycle.pk}"
    unit = f"{department}&unit={world.units['R1'].pk}"
    client.get(department)
    for size in ("small", "larger"):
        if size == "larger":
            answer_topic(
                world,
                cycle,
                {r: "met" for r in ("2.2-1", "2.2-2", "2.2-3", "2.2-4", "2.2-5", "2.2-6")},
            )
            answer_topic(
                world,
                cycle,
                {r: "partial" for r in ("2.2-1", "2.2-2", "2.2-5")},
                unit="R2",
                who="r2-staff",
            )
        with django_assert_max_num_queries(8):
            client.get(department)
        with django_assert_max_num_queries(10):
            client.get(unit)


# --- evidence ------------------------------------------------------------------------------


def test_evidence_upload_multipart(world, cycle, settings):
    client = world.client("member")
    response = client.post("/api/v1/evidence/", {
        "unit": world.units["R1"].pk, "kind": "file", "title": "รายงานผล", "file": pdf_upload("รายงาน.pdf"),
        "criteria": [criterion(cycle, "2.2-1").pk],
    })  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["current"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["current"]["name"] == "รายงาน.pdf" and body["criterion_refs"] == ["2.2-1"]
    download = client.get(f"/api/v1/evidence/{body['id']}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert (
        world.client("r2-staff").get(f"/api/v1/evidence/{body['id']}/download/").status_code == 404
    )
    assert world.client("other-staff").get(f"/api/v1/evidence/{body['id']}/").status_code == 404


@pytest.mark.parametrize(
    "name, content",
    [("x.pdf", b""), ("x.pdf", b"<html>hi</html>"), ("x.exe", b"MZ\x90\x00"), ("x", PDF)],
)
def test_evidence_upload_refused(world, cycle, settings, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = world.client("member").post("/api/v1/evidence/", {
        "unit": world.units["R1"].pk, "kind": "file", "title": "x", "file": SimpleUploadedFile(name, content),
    })  # fmt: skip
    assert response.status_code == 400 and "file" in response.json()
    assert Evidence.objects.count() == 0 and not files_stored(settings.MEDIA_ROOT)


def test_evidence_over_cap(world, cycle, settings):
    settings.DIGIORG_UPLOAD_MAX_BYTES = 1024
    response = world.client("member").post("/api/v1/evidence/", {
        "unit": world.units["R1"].pk, "kind": "file", "title": "x", "file": pdf_upload(content=PDF + b"0" * 5000),
    })  # fmt: skip
    assert response.status_code == 400 and "file" in response.json()
    assert Evidence.objects.count() == 0 and not files_stored(settings.MEDIA_ROOT)


def test_evidence_revision_and_patch(world, cycle):
    item = evidence(world)
    client = world.client("member")
    url = f"/api/v1/evidence/{item.pk}/"
    new = client.post(
        url + "revisions/", {"file": pdf_upload("v2.pdf", PDF + b"%v2\n"), "version": 1}
    )
    assert new.status_code == 201 and new.json()["number"] == 2
    stale = client.post(url + "revisions/", {"file": pdf_upload("v3.pdf"), "version": 1})
    assert stale.status_code == 409
    assert EvidenceRevision.objects.filter(evidence=item).count() == 2
    patched = client.patch(url, {"title": "ชื่อใหม่", "version": 2}, content_type=JSON)
    assert patched.status_code == 200 and patched.json()["title"] == "ชื่อใหม่"
    assert client.patch(url, {"title": "อีกชื่อ", "version": 2}, content_type=JSON).status_code == 409
    assert (
        world.client("executive")
        .patch(url, {"title": "x", "version": 3}, content_type=JSON)
        .status_code
        == 403
    )
    listed = world.client("auditor").get(f"/api/v1/evidence/?unit={world.units['R1'].pk}").json()
    assert [i["id"] for i in listed["results"]] == [item.pk]
