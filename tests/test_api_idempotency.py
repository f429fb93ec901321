"""Idempotency-Key: a retry after a lost response replays the first answer and creates nothing."""

from datetime import timedelta

import yaml
from django.test import Client
from django.utils import timezone

from digiorg.api.models import IdempotentRequest
from digiorg.evidence.models import Evidence
from digiorg.plans.models import Action

from .api_data import token
from .assess_data import pdf_upload
from .plans_data import open_cycle


def _client(world, who: str, key: str | None = None) -> Client:
    headers = {"HTTP_AUTHORIZATION": f"Token {token(world.people[who])}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return Client(**headers)


def _action(world, cycle, title="จัดทำแผนดิจิทัล") -> dict:
    return {
        "cycle": cycle.pk, "unit": world.units["R1"].pk, "title": title, "criteria": ["2.1-1"],
        "start_date": "2024-11-01", "end_date": "2025-06-30",
    }  # fmt: skip


def test_a_retried_create_replays_the_first_answer(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    client = _client(world, "coordinator", "c0ffee-1")
    first = client.post("/api/v1/actions/", _action(world, cycle), content_type="application/json")
    again = client.post("/api/v1/actions/", _action(world, cycle), content_type="application/json")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Action.objects.filter(cycle=cycle).count() == 1


def test_the_same_key_with_another_request_is_refused(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    client = _client(world, "coordinator", "key-2")
    client.post("/api/v1/actions/", _action(world, cycle), content_type="application/json")
    other = client.post(
        "/api/v1/actions/", _action(world, cycle, "อีกเรื่อง"), content_type="application/json"
    )
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["detail"]
    assert list(Action.objects.values_list("title", flat=True)) == ["จัดทำแผนดิจิทัล"]


def test_keys_belong_to_one_person(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    for who in ("coordinator", "member"):
        response = _client(world, who, "shared").post(
            "/api/v1/actions/", _action(world, cycle), content_type="application/json"
        )
        assert response.status_code == 201
    assert Action.objects.filter(cycle=cycle).count() == 2


def test_a_refused_request_is_not_remembered(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    client = _client(world, "coordinator", "retry-me")
    bad = {**_action(world, cycle), "criteria": ["9.9-9"]}
    assert client.post("/api/v1/actions/", bad, content_type="application/json").status_code == 400
    assert not IdempotentRequest.objects.exists()
    good = client.post("/api/v1/actions/", _action(world, cycle), content_type="application/json")
    assert good.status_code == 201


def test_a_key_expires(world, seed_framework, settings):
    cycle = open_cycle(world, seed_framework)
    client = _client(world, "coordinator", "old")
    client.post("/api/v1/actions/", _action(world, cycle), content_type="application/json")
    IdempotentRequest.objects.update(
        created_at=timezone.now() - timedelta(hours=settings.DIGIORG_IDEMPOTENCY_HOURS, minutes=1)
    )
    again = client.post("/api/v1/actions/", _action(world, cycle), content_type="application/json")
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert Action.objects.filter(cycle=cycle).count() == 2


def test_a_retried_upload_stores_one_file(world, seed_framework):
    client = _client(world, "member", "upload-1")
    bodies = []
    for _attempt in range(2):
        response = client.post(
            "/api/v1/evidence/",
            {"unit": world.units["R1"].pk, "kind": "file", "title": "คำสั่ง", "file": pdf_upload()},
        )
        assert response.status_code == 201
        bodies.append(response.json())
    assert bodies[0] == bodies[1]
    assert Evidence.objects.count() == 1
    other_file = client.post(
        "/api/v1/evidence/",
        {"unit": world.units["R1"].pk, "kind": "file", "title": "คำสั่ง",
         "file": pdf_upload(content=b"%PDF-1.4\n% another\n%%EOF\n")},
    )  # fmt: skip
    assert other_file.status_code == 422
    assert Evidence.objects.count() == 1


def test_a_key_too_long_is_a_400(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    response = _client(world, "coordinator", "k" * 256).post(
        "/api/v1/actions/", _action(world, cycle), content_type="application/json"
    )
    assert response.status_code == 400
    assert not Action.objects.exists()


def test_the_schema_documents_the_header_on_creates(user_client):
    schema = yaml.safe_load(user_client.get("/api/v1/schema/").content)
    for path in ("/api/v1/evidence/", "/api/v1/actions/", "/api/v1/assessments/",
                 "/api/v1/cycles/", "/api/v1/assignments/", "/api/v1/frameworks/"):  # fmt: skip
        operation = schema["paths"][path]["post"]
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "header"]
        assert names == ["Idempotency-Key"], path
        assert "422" in operation["responses"], path
