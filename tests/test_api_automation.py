"""What a department automates through the API: the framework library, cycles and assignments,
with the pages' rules (the secretariat writes, others read; refused requests change nothing)."""

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from digiorg.cycles.models import Assignment, Cycle
from digiorg.frameworks.models import Criterion, Framework

from .conftest import seed_document
from .plans_data import open_cycle


def _yaml(name: str, document) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, yaml.safe_dump(document, allow_unicode=True).encode())


def test_secretariat_uploads_a_new_years_framework(world, seed_framework):
    document = {**seed_document(), "urn": "urn:digiorg:framework:dhss:digital-org-2569",
                "code": "dhss-do-2569", "fiscal_year": 2569}  # fmt: skip
    response = world.client("secretariat").post(
        "/api/v1/frameworks/", {"file": _yaml("fy2569.yaml", document)}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == "created"
    assert body["framework"]["code"] == "dhss-do-2569"
    assert body["framework"]["criterion_count"] == 65  # FY 2568 file v2 (options as checklists)
    assert Criterion.objects.filter(ref="2.2-1").count() == 2


def test_a_bad_framework_file_is_a_400_with_every_problem_and_loads_nothing(world, seed_framework):
    document = {**seed_document(), "urn": "not-a-urn", "code": "Bad Code"}
    document["nodes"] = [{**document["nodes"][0], "kind": "chapter"}, *document["nodes"][1:]]
    response = world.client("secretariat").post(
        "/api/v1/frameworks/", {"file": _yaml("broken.yaml", document)}
    )
    assert response.status_code == 400
    problems = response.json()["file"]
    assert len(problems) >= 3
    assert all(p.startswith("broken.yaml: ") for p in problems)
    assert any(p.startswith("broken.yaml: urn:") for p in problems)
    assert Framework.objects.count() == 1


def test_a_file_that_is_not_yaml_is_a_400(world, seed_framework):
    response = world.client("secretariat").post(
        "/api/v1/frameworks/", {"file": SimpleUploadedFile("x.yaml", b"a: [1, 2\n")}
    )
    assert response.status_code == 400
    assert "x.yaml" in response.json()["file"][0]
    assert Framework.objects.count() == 1


@pytest.mark.parametrize("who", ["executive", "auditor", "coordinator", "member", "other-staff"])
def test_only_the_secretariat_and_admins_load_frameworks_open_cycles_and_assign(
    world, seed_framework, who
):
    cycle = open_cycle(world, seed_framework)
    client = world.client(who)
    document = {**seed_document(), "urn": "urn:digiorg:framework:x:y", "code": "xy"}
    upload = client.post("/api/v1/frameworks/", {"file": _yaml("xy.yaml", document)})
    opened = client.post(
        "/api/v1/cycles/", {"fiscal_year": 2569, "framework": "dhss-do-2568"},
        content_type="application/json",
    )  # fmt: skip
    changed = client.patch(
        f"/api/v1/cycles/{cycle.pk}/", {"status": "closed", "version": cycle.version},
        content_type="application/json",
    )  # fmt: skip
    bulk = client.post(
        "/api/v1/assignments/bulk/",
        {"cycle": cycle.pk, "topics": ["2.2"], "units": [world.units["R1"].pk]},
        content_type="application/json",
    )
    assert upload.status_code == (403 if who != "other-staff" else 201)
    assert opened.status_code == (403 if who != "other-staff" else 201)
    # the other department's secretariat does not see this cycle at all
    assert changed.status_code == (404 if who == "other-staff" else 403)
    assert bulk.status_code in (400, 403)
    assert Cycle.objects.get(pk=cycle.pk).status == "planning"
    assert not Assignment.objects.exists()
    assert not Cycle.objects.filter(organization=world.units["HSS"], fiscal_year=2569).exists()


def test_secretariat_opens_a_cycle_copying_assignments_and_sets_deadlines(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    client = world.client("secretariat")
    client.post(
        "/api/v1/assignments/bulk/",
        {"cycle": cycle.pk, "topics": ["2.2"], "units": [world.units["R1"].pk], "kind": "responsible"},
        content_type="application/json",
    )  # fmt: skip
    response = client.post(
        "/api/v1/cycles/",
        {"fiscal_year": 2569, "framework": "dhss-do-2568", "copy_from": cycle.pk, "plan_due": "2025-11-15"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201
    new = Cycle.objects.get(pk=response.json()["id"])
    assert str(new.plan_due) == "2025-11-15"
    assert new.assignments.count() == cycle.assignments.count() == 6
    again = client.post(
        "/api/v1/cycles/", {"fiscal_year": 2569, "framework": "dhss-do-2568"},
        content_type="application/json",
    )  # fmt: skip
    assert again.status_code == 400
    assert "fiscal_year" in again.json()
    stale = client.patch(
        f"/api/v1/cycles/{new.pk}/", {"status": "executing", "version": new.version + 5},
        content_type="application/json",
    )  # fmt: skip
    assert stale.status_code == 409
    assert Cycle.objects.get(pk=new.pk).status == "planning"
    missing = client.patch(
        f"/api/v1/cycles/{new.pk}/", {"status": "executing"}, content_type="application/json"
    )
    assert missing.status_code == 400 and "version" in missing.json()


def test_assignments_by_topic_refuse_unknown_topics_and_foreign_units(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    client = world.client("secretariat")
    unknown = client.post(
        "/api/v1/assignments/bulk/",
        {"cycle": cycle.pk, "topics": ["9.9"], "units": [world.units["R1"].pk]},
        content_type="application/json",
    )
    foreign = client.post(
        "/api/v1/assignments/bulk/",
        {"cycle": cycle.pk, "topics": ["2.2"], "units": [world.units["OTH-IT"].pk]},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "9.9" in unknown.json()["topics"][0]
    assert foreign.status_code == 400 and "units" in foreign.json()
    assert not Assignment.objects.exists()
