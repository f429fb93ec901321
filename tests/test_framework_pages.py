import copy

import pytest
from django.urls import reverse

from digiorg.frameworks.services import framework_load

from .conftest import seed_document


def detail_url(code="dhss-do-2568"):
    return reverse("frameworks:detail", args=[code])


def test_pages_need_a_login(client, seed_framework):
    for url in (reverse("frameworks:index"), detail_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_list_shows_the_framework_with_counts(user_client, seed_framework):
    response = user_client.get(reverse("frameworks:index"))
    html = response.content.decode()
    assert "แนวทางการขับเคลื่อนองค์กรดิจิทัล" in html
    assert ">94<" in html


def test_detail_shows_the_whole_tree_in_thai(user_client, seed_framework):
    html = user_client.get(detail_url()).content.decode()
    assert 'id="node-4.4.2"' in html
    assert "ธรรมาภิบาลข้อมูลภาครัฐ" in html
    assert "https://dg-sa.tpqi.go.th" in html
    assert html.count('class="criterion-ref"') == 94


def test_detail_in_english(user_client, user, seed_framework):
    user.preferred_language = "en"
    user.save()
    html = user_client.get(detail_url()).content.decode()
    assert "Smart Back Office" in html
    assert "Search by ref" in html


def test_search_by_ref_shows_the_topic_with_its_ancestors_only(user_client, seed_framework):
    html = user_client.get(detail_url(), {"q": "4.4.2"}).content.decode()
    assert 'id="node-4.4.2"' in html
    assert 'id="node-4.4"' in html and 'id="node-4"' in html
    assert 'id="node-1.1"' not in html
    assert 'id="criterion-4.4.2-1"' in html
    assert 'id="criterion-4.4.1-1"' not in html


def test_search_by_thai_text_finds_criteria(user_client, seed_framework):
    html = user_client.get(detail_url(), {"q": "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล"}).content.decode()
    assert 'id="node-2.3"' in html
    assert 'id="node-1.1"' not in html


def test_search_with_no_match_says_so(user_client, seed_framework):
    html = user_client.get(detail_url(), {"q": "zzzz-nothing"}).content.decode()
    assert "ไม่พบ" in html


def test_htmx_search_returns_only_the_outline(user_client, seed_framework):
    response = user_client.get(
        detail_url(), {"q": "4.4.2"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="outline"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="outline"')
    assert "<nav" not in html
    assert 'id="node-4.4.2"' in html


def test_unknown_framework_is_404(user_client, seed_framework):
    assert user_client.get(detail_url("nope")).status_code == 404


def _bigger_framework(times: int):
    """The seed framework with every dimension repeated `times` times."""
    doc = copy.deepcopy(seed_document())
    doc.update(urn="urn:digiorg:framework:test:big", code="big")
    nodes = []
    for copy_no in range(times):
        for node in seed_document()["nodes"]:
            node = copy.deepcopy(node)
            prefix = f"{copy_no}"
            node["ref"] = f"{prefix}{node['ref']}"
            if node["parent"]:
                node["parent"] = f"{prefix}{node['parent']}"
            for criterion in node["criteria"]:
                criterion["ref"] = f"{prefix}{criterion['ref']}"
            nodes.append(node)
    doc["nodes"] = nodes
    return framework_load(doc).framework


@pytest.mark.parametrize("times", [1, 4])
def test_query_count_does_not_grow_with_the_framework(
    user_client, seed_framework, django_assert_max_num_queries, times
):
    framework = _bigger_framework(times)
    # 10: the first request of a session also checks the person's second factor (once)
    with django_assert_max_num_queries(10):
        assert user_client.get(detail_url(framework.code)).status_code == 200
    with django_assert_max_num_queries(9):
        assert user_client.get(reverse("frameworks:index")).status_code == 200
