import pytest
from django.urls import reverse

from digiorg.assessments.models import CriterionAssessment
from digiorg.scoring.selectors import score_document

from .assess_data import answer_topic, assessed_cycle, review


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return assessed_cycle(world, seed_framework)


def test_smoke_pages(world, cycle):
    answer_topic(
        world, cycle, {r: "met" for r in ("2.2-1", "2.2-2", "2.2-3", "2.2-4", "2.2-5", "2.2-6")}
    )
    a = CriterionAssessment.objects.filter(cycle=cycle).first()
    review(world, a)
    doc = score_document(cycle, world.units["R1"])
    topic = next(t for d in doc["dimensions"] for t in d["children"] if t["ref"] == "2.2")
    assert topic["self_score"] == 100.0
    for who, url in [
        (
            "member",
            reverse("assessments:workspace") + f"?cycle={cycle.pk}&unit={world.units['R1'].pk}",
        ),
        ("secretariat", reverse("assessments:workspace") + f"?cycle={cycle.pk}"),
        ("secretariat", reverse("assessments:queue") + f"?cycle={cycle.pk}"),
        ("member", reverse("assessments:scores") + f"?cycle={cycle.pk}"),
        ("member", reverse("assessments:answer", args=[cycle.pk, a.criterion_id, a.unit_id])),
        ("secretariat", reverse("assessments:answer", args=[cycle.pk, a.criterion_id, a.unit_id])),
        ("member", reverse("evidence:library")),
        ("member", reverse("evidence:create")),
        ("member", reverse("evidence:detail", args=[a.evidence.first().pk])),
        ("member", reverse("evidence:download", args=[a.evidence.first().pk])),
    ]:
        r = world.client(who).get(url)
        assert r.status_code == 200, (who, url, r.content[:2000])
