import pytest
from django.urls import reverse

from digiorg.sample.demo import demo_prepare


@pytest.fixture
def demo(db):
    demo_prepare(say=lambda _: None)


def test_pages_render(demo, client, django_assert_max_num_queries):
    from digiorg.accounts.models import User
    from digiorg.org.models import OrgUnit

    client.force_login(User.objects.get(username="executive"))
    with django_assert_max_num_queries(15):
        r = client.get(reverse("dashboards:department"))
    assert r.status_code == 200, r.content[:3000]
    r1 = OrgUnit.objects.get(code="R1")
    with django_assert_max_num_queries(15):
        r = client.get(reverse("dashboards:unit", args=[r1.pk]))
    assert r.status_code == 200
    client.force_login(User.objects.get(username="coord-r1"))
    r = client.get(reverse("dashboards:department"))
    assert r.status_code == 302 and f"/dashboards/units/{r1.pk}/" in r["Location"]
    assert client.get(reverse("dashboards:overdue")).status_code == 200
