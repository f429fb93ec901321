import pytest
import yaml
from django.urls import reverse


def test_api_needs_authentication(client, seed_framework):
    assert client.get("/api/v1/frameworks/").status_code in (401, 403)


def test_framework_list(user_client, seed_framework):
    data = user_client.get("/api/v1/frameworks/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["code"] == "dhss-do-2568"
    assert item["urn"] == "urn:digiorg:framework:dhss:digital-org-2568"
    assert item["criterion_count"] == 65
    assert item["title_en"]


def test_framework_detail_has_the_tree(user_client, seed_framework, django_assert_max_num_queries):
    # 11: nodes, criteria and options one query each, and the session's second-factor check
    with django_assert_max_num_queries(11):
        data = user_client.get("/api/v1/frameworks/dhss-do-2568/").json()
    refs = [n["ref"] for n in data["nodes"]]
    assert "4.4.2" in refs
    node = next(n for n in data["nodes"] if n["ref"] == "4.4.2")
    assert node["parent"] == "4.4"
    assert node["urn"].endswith(":4.4.2")
    (checklist,) = node["criteria"]
    assert (checklist["ref"], checklist["kind"], checklist["min_options"]) == (
        "4.4.2-5",
        "checklist",
        None,
    )
    assert [o["code"] for o in checklist["options"]] == [
        "feedback-channel", "policy-hearing-tools", "whistleblowing-channel", "open-data-requests",
    ]  # fmt: skip
    assert checklist["options"][0]["label_th"].startswith("มีช่องทางออนไลน์ให้ประชาชน")
    assert sum(len(n["criteria"]) for n in data["nodes"]) == 65
    assert data["levels"][0]["min"] == 0


def test_unknown_framework_is_404(user_client, seed_framework):
    assert user_client.get("/api/v1/frameworks/nope/").status_code == 404


def test_framework_library_is_read_only_for_people_without_a_role(user_client, seed_framework):
    assert user_client.post("/api/v1/frameworks/", {}).status_code == 403
    assert user_client.delete("/api/v1/frameworks/dhss-do-2568/").status_code == 405


@pytest.mark.parametrize("name", ["api-schema", "api-docs"])
def test_openapi_schema_and_docs(user_client, name):
    response = user_client.get(reverse(name))
    assert response.status_code == 200


def test_schema_describes_frameworks(user_client):
    body = user_client.get(reverse("api-schema")).content.decode()
    assert "/api/v1/frameworks/{code}/" in body


def test_the_schema_says_what_the_api_does(user_client):
    schema = yaml.safe_load(user_client.get(reverse("api-schema")).content)
    paths, components = schema["paths"], schema["components"]["schemas"]
    for path in ("/api/v1/actions/{id}/", "/api/v1/evidence/{id}/", "/api/v1/cycles/{id}/",
                 "/api/v1/assessments/{id}/", "/api/v1/units/{id}/", "/api/v1/users/{id}/"):  # fmt: skip
        body = paths[path]["patch"]["requestBody"]["content"]["application/json"]["schema"]
        assert components[body["$ref"].rsplit("/", 1)[1]]["required"] == ["version"], path
        assert {"400", "401", "403", "404", "409"} <= set(paths[path]["patch"]["responses"])
        assert "put" not in paths[path]
    progress = paths["/api/v1/actions/{id}/progress/"]["get"]["responses"]["200"]
    assert progress["content"]["application/json"]["schema"]["type"] == "array"
    transition = paths["/api/v1/actions/{id}/transition/"]["post"]["responses"]["200"]
    assert transition["content"]["application/json"]["schema"]["$ref"].endswith("/Action")
    download = paths["/api/v1/evidence/{id}/download/"]["get"]["responses"]["200"]["content"]
    assert download["*/*"]["schema"]["format"] == "binary"
    assert {"200", "400", "403", "429"} <= set(paths["/api/v1/auth/token/"]["post"]["responses"])
    cycle = {p["name"]: p["schema"] for p in paths["/api/v1/actions/"]["get"]["parameters"]}
    assert cycle["cycle"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert cycle["modified_since"]["format"] == "date-time"
