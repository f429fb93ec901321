"""The CKAN Action API v3 subset as the national portal's tools use it: the real `ckanapi`
client (GET-only and POST) against a live server, CKAN's error shapes and status codes, the
fq/q/sort forms, the dataset dict, and nothing but published datasets on any action."""

import json
import re
from datetime import UTC, timedelta

import pytest
from ckanapi import (
    CKANAPIError,
    NotAuthorized,
    NotFound,
    RemoteCKAN,
    SearchQueryError,
    ValidationError,
)
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digiorg.catalogue.models import Dataset, Visit

from .catalogue_data import make_dataset

S = Dataset.Status
CKAN_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$")
DATASET_KEYS = {
    "id", "name", "title", "notes", "url", "version", "author", "maintainer", "maintainer_email",
    "license_id", "license_title", "owner_org", "organization", "private", "state", "type",
    "metadata_created", "metadata_modified", "num_resources", "num_tags", "tags", "groups",
    "extras", "resources", "tracking_summary",
}  # fmt: skip
RESOURCE_KEYS = {
    "id", "package_id", "url", "name", "description", "format", "mimetype", "size", "created",
    "last_modified", "position",
}  # fmt: skip
NOT_PUBLIC = [S.DRAFT, S.PROPOSED, S.RETURNED, S.WITHDRAWN]


@pytest.fixture
def catalogue(world):
    """Two published datasets in R1 (one with a CSV and a PDF), one in IT, and a hidden one of
    every other status in R2 (R2 therefore publishes nothing)."""
    r1, it, r2 = world.units["R1"], world.units["IT"], world.units["R2"]
    hospitals = make_dataset(r1, title="สถานพยาบาลเอกชน รายจังหวัด", tags=["สถานพยาบาล", "จังหวัด"])
    volunteers = make_dataset(
        r1, title="อาสาสมัครสาธารณสุขประจำหมู่บ้าน", tags=["อสม"], resources=2,
        license_id="CC-BY",
    )  # fmt: skip
    second = volunteers.resources.get(position=1)
    second.format, second.mimetype = "PDF", "application/pdf"
    second.save()
    equipment = make_dataset(it, title="สถิติการซ่อมบำรุงเครื่องมือแพทย์", tags=["เครื่องมือแพทย์"])
    hidden = [
        make_dataset(r2, status=status, title=f"ข้อมูลลับ {status}", tags=[f"ลับ-{status}"])
        for status in NOT_PUBLIC
    ]
    return {"hospitals": hospitals, "volunteers": volunteers, "equipment": equipment,
            "hidden": hidden}  # fmt: skip


def _get(client: Client, action: str, **params):
    return client.get(f"/api/3/action/{action}", params)


def _ok(response) -> dict | list:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["success"] is True
    return body["result"]


# --- the ckanapi client, both modes -------------------------------------------------------


@pytest.mark.parametrize("get_only", [True, False], ids=["GET", "POST"])
def test_ckanapi_client_calls_every_action(catalogue, live_server, get_only):
    ckan = RemoteCKAN(live_server.url, get_only=get_only)
    hospitals, volunteers = catalogue["hospitals"], catalogue["volunteers"]

    status = ckan.action.status_show()
    assert status["ckan_version"].startswith("2.") and status["site_url"] == live_server.url
    names = ckan.action.package_list()
    assert names == sorted([hospitals.name, volunteers.name, catalogue["equipment"].name])
    assert ckan.action.package_list(limit=1, offset=1) == names[1:2]

    shown = ckan.action.package_show(id=str(volunteers.uuid))
    assert shown["name"] == volunteers.name and shown["num_resources"] == 2
    assert ckan.action.package_show(id=volunteers.name)["id"] == str(volunteers.uuid)

    found = ckan.action.package_search(
        q="อาสาสมัคร", fq="res_format:PDF", rows=5, sort="name asc",
        **{"facet.field": ["tags", "organization", "res_format"]},
    )  # fmt: skip
    assert found["count"] == 1 and found["results"][0]["id"] == str(volunteers.uuid)
    assert found["facets"]["res_format"] == {"CSV": 1, "PDF": 1}
    assert found["search_facets"]["organization"]["items"] == [
        {"name": "hss-r1", "display_name": "ศูนย์สนับสนุนบริการสุขภาพที่ 1", "count": 1}
    ]
    assert ckan.action.package_search(rows=1)["count"] == 3

    organizations = ckan.action.organization_list(all_fields=True)
    assert {o["name"]: o["package_count"] for o in organizations} == {"hss-r1": 2, "hss-it": 1}
    r1 = next(o for o in organizations if o["name"] == "hss-r1")
    assert ckan.action.organization_list() == ["hss-it", "hss-r1"]  # by title: กลุ่ม..., ศูนย์...
    assert ckan.action.organization_list(sort="package_count desc", limit=1) == ["hss-r1"]
    assert ckan.action.organization_show(id=r1["id"])["name"] == "hss-r1"
    assert ckan.action.organization_show(id="hss-r1")["id"] == r1["id"] == shown["owner_org"]
    assert ckan.action.group_list() == []
    with pytest.raises(NotFound):
        ckan.action.group_show(id="health")

    resource = shown["resources"][1]
    assert ckan.action.resource_show(id=resource["id"]) == resource
    tags = ckan.action.tag_list()
    assert tags == sorted(["สถานพยาบาล", "จังหวัด", "อสม", "เครื่องมือแพทย์"])
    licences = {lic["id"] for lic in ckan.action.license_list()}
    assert {"Open Data Common", "CC-BY", "CC-BY-NC-ND"} <= licences

    with pytest.raises(NotFound):
        ckan.action.package_show(id="no-such-dataset")
    with pytest.raises(NotAuthorized):
        ckan.action.package_create(name="new-one", title="ใหม่")
    with pytest.raises(ValidationError):
        ckan.action.package_search(rows="many")
    with pytest.raises(SearchQueryError):
        ckan.action.package_search(fq="size:>3")
    with pytest.raises(CKANAPIError):
        ckan.action.no_such_action()


# --- error shapes -------------------------------------------------------------------------


def test_error_shapes_and_status_codes(catalogue, client):
    help_show = "http://testserver/api/3/action/help_show?name="
    cases = [
        ("package_show", {"id": "nothing-here"}, 404, "Not Found Error"),
        ("resource_show", {"id": "8c4d3f0e-0000-4000-8000-000000000000"}, 404, "Not Found Error"),
        ("organization_show", {"id": "hss-r2"}, 404, "Not Found Error"),
        ("package_create", {"name": "x"}, 403, "Authorization Error"),
        ("package_update", {"id": "x"}, 403, "Authorization Error"),
        ("resource_delete", {"id": "x"}, 403, "Authorization Error"),
        ("package_search", {"rows": "ten"}, 409, "Validation Error"),
        ("package_search", {"start": "-1"}, 409, "Validation Error"),
        ("package_show", {}, 409, "Validation Error"),
        ("package_search", {"fq": "organization:"}, 400, "Search Query Error"),
        ("package_search", {"fq": "flavour:sweet"}, 400, "Search Query Error"),
        ("package_search", {"sort": "colour desc"}, 400, "Search Query Error"),
    ]
    for action, params, status, kind in cases:
        for response in (
            _get(client, action, **params),
            client.post(f"/api/action/{action}", params, content_type="application/json"),
        ):
            assert response.status_code == status, (action, params, response.content)
            assert response["Content-Type"].startswith("application/json")
            body = response.json()
            assert body["success"] is False and body["help"] == help_show + action
            assert body["error"]["__type"] == kind
            if kind == "Validation Error":
                assert set(body["error"]) - {"__type"} <= {"rows", "start", "id"}
                assert all(isinstance(v, list) for k, v in body["error"].items() if k != "__type")
            else:
                assert body["error"]["message"]
    response = _get(client, "package_lisst")
    assert response.status_code == 400
    assert response.json() == "Bad request - Action name not known: package_lisst"
    # a write refused changed nothing
    assert Dataset.objects.filter(name="x").count() == 0


def test_api_root_and_no_redirects(catalogue, client):
    assert client.get("/api/3").json() == {"version": 3}
    for url in ("/api/3/action/package_list", "/api/action/package_list"):
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 200  # no body, no CSRF token, no redirect
    assert client.get("/api/3/action/package_list/").status_code == 404  # never a redirect


def test_get_values_are_strings_and_posts_may_be_forms(catalogue, client):
    result = _ok(
        _get(client, "package_search", rows="2", start="1", include_private="False",
             sort="name asc", **{"facet.field": '["tags"]', "unknown_thing": "x"})
    )  # fmt: skip
    assert result["count"] == 3 and len(result["results"]) == 2
    assert set(result["facets"]) == {"tags"}
    # a form-encoded POST, and a JSON body with numbers and lists
    form = _ok(client.post("/api/3/action/package_search", {"rows": "1", "fq": "tags:อสม"}))
    assert form["count"] == 1 and form["results"][0]["name"] == catalogue["volunteers"].name
    body = {"rows": 1000, "facet.field": ["license_id"], "include_private": True}
    posted = _ok(client.post("/api/3/action/package_search", body, content_type="application/json"))
    assert posted["facets"]["license_id"] == {"Open Data Common": 2, "CC-BY": 1}
    assert len(posted["results"]) == 3
    # rows above the cap is the cap, not an error
    assert _ok(_get(client, "package_search", rows="5000"))["count"] == 3
    broken = client.post("/api/3/action/package_search", "[1, 2]", content_type="application/json")
    assert broken.status_code == 400 and broken.json().startswith("Bad request - JSON Error")


# --- the dataset dict ---------------------------------------------------------------------


def test_dataset_dict_is_complete(catalogue, client):
    volunteers = catalogue["volunteers"]
    data = _ok(_get(client, "package_show", id=volunteers.name))
    assert set(data) >= DATASET_KEYS
    assert data["id"] == str(volunteers.uuid) and data["type"] == "dataset"
    assert data["state"] == "active" and data["private"] is False
    assert CKAN_TIME.match(data["metadata_created"]) and CKAN_TIME.match(data["metadata_modified"])
    modified = volunteers.modified_at.astimezone(UTC).replace(tzinfo=None)
    assert data["metadata_modified"] == modified.isoformat(timespec="microseconds")
    assert data["license_id"] == "CC-BY" and data["license_title"].startswith("Creative Commons")
    assert (
        data["organization"]["id"] == data["owner_org"] and data["organization"]["name"] == "hss-r1"
    )
    assert data["tags"][0]["name"] == data["tags"][0]["display_name"] == "อสม"
    assert data["num_tags"] == 1 and data["groups"] == []
    extras = {e["key"]: e["value"] for e in data["extras"]}
    assert extras["data_type"] == "ข้อมูลสถิติ" and extras["data_category"] == "ข้อมูลสาธารณะ"
    assert json.loads(extras["objective"]) == ["พันธกิจหน่วยงาน"]
    assert extras["allow_harvest"] == "True"
    assert all(isinstance(v, str) for v in extras.values())
    assert data["data_format"] == ["CSV"] and data["geo_coverage"] == "จังหวัด"
    assert [r["position"] for r in data["resources"]] == [0, 1]
    for resource in data["resources"]:
        assert set(resource) >= RESOURCE_KEYS and resource["package_id"] == data["id"]
        assert CKAN_TIME.match(resource["created"])
        # the counting download route of the public pages when they are there, else the link
        assert resource["url"].startswith(
            ("https://data.hss.go.th/files/", "http://testserver/p/data/")
        )
    assert data["resources"][1]["format"] == "PDF" and data["resources"][0]["size"] == 1024
    assert data["tracking_summary"] == {"total": 0, "recent": 0}


def test_tracking_summary_and_view_sorts(catalogue, client):
    hospitals, volunteers = catalogue["hospitals"], catalogue["volunteers"]
    today = timezone.localdate()

    def visits(dataset, days_ago, visitors):
        for visitor in range(visitors):
            Visit.objects.create(
                organization_id=dataset.organization_id, dataset=dataset,
                day=today - timedelta(days=days_ago), visitor=f"v{visitor}",
            )  # fmt: skip

    visits(hospitals, 30, 5)  # old: total only
    visits(hospitals, 1, 1)
    visits(volunteers, 0, 3)
    Visit.objects.create(  # a download is not a page view
        organization_id=volunteers.organization_id, dataset=volunteers,
        resource=volunteers.resources.first(), day=today, visitor="v9",
    )  # fmt: skip
    shown = _ok(_get(client, "package_show", id=hospitals.name))
    assert shown["tracking_summary"] == {"total": 6, "recent": 1}
    recent = _ok(_get(client, "package_search", sort="views_recent desc"))["results"]
    assert [r["name"] for r in recent[:2]] == [volunteers.name, hospitals.name]
    assert recent[0]["tracking_summary"] == {"total": 3, "recent": 3}
    total = _ok(_get(client, "package_search", sort="views_total desc"))["results"]
    assert [r["name"] for r in total[:2]] == [hospitals.name, volunteers.name]


# --- q, fq and sort -----------------------------------------------------------------------


def _names(client, **params) -> list[str]:
    return [r["name"] for r in _ok(_get(client, "package_search", **params))["results"]]


def test_fq_forms(catalogue, client):
    h, v, e = (catalogue[k].name for k in ("hospitals", "volunteers", "equipment"))
    assert sorted(_names(client, fq="organization:hss-r1 OR organization:hss-it")) == sorted(
        [h, v, e]
    )
    assert sorted(_names(client, fq="-organization:hss-r1")) == [e]
    assert _names(client, fq="organization:hss-r2") == []  # publishes nothing
    assert _names(client, fq="groups:health") == []  # digiorg has no groups
    assert sorted(_names(client, fq="-groups:health")) == sorted([h, v, e])
    assert _names(client, fq="tags:อสม") == [v]
    assert _names(client, fq='tags:"เครื่องมือแพทย์"') == [e]
    assert _names(client, fq="res_format:PDF") == [v]
    assert _names(client, fq="license_id:CC-BY") == [v]
    assert _names(client, fq=f"name:{h}") == [h]
    assert _names(client, fq=f"id:{catalogue['equipment'].uuid}") == [e]
    owner = _ok(_get(client, "package_show", id=e))["owner_org"]
    assert _names(client, fq=f"owner_org:{owner}") == [e]
    assert sorted(_names(client, fq="organization:hss-r1 tags:อสม")) == [v]
    assert sorted(_names(client, fq="tags:(อสม OR สถานพยาบาล)")) == sorted([h, v])
    assert sorted(_names(client, fq="+dataset_type:dataset -tags:อสม")) == sorted([h, e])
    since = Dataset.objects.get(name=v).modified_at
    stamp = since.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    assert v in _names(client, fq=f"metadata_modified:[{stamp}Z TO *]")
    assert v not in _names(client, fq=f"metadata_modified:{{{stamp}Z TO *]")
    assert sorted(_names(client, fq="metadata_modified:[* TO NOW]")) == sorted([h, v, e])
    for bad in ("organization", "tags:อสม OR", "metadata_modified:[yesterday TO *]",
                "metadata_modified:2024-01-01", "name:(a OR )", "colour:red", "AND tags:x"):  # fmt: skip
        response = _get(client, "package_search", fq=bad)
        assert response.status_code == 400, bad
        assert response.json()["error"]["__type"] == "Search Query Error"


def test_q_is_thai_text_over_title_description_and_tags(catalogue, client):
    h, v, e = (catalogue[k].name for k in ("hospitals", "volunteers", "equipment"))
    assert _names(client, q="ซ่อมบำรุง") == [e]  # title
    assert sorted(_names(client, q="อสม")) == [v]  # tag
    assert sorted(_names(client, q="จำแนกตามจังหวัด")) == sorted([h, v, e])  # description
    assert _names(client, q="อาสาสมัคร หมู่บ้าน") == [v]  # every word
    assert sorted(_names(client, q="อสม OR ซ่อมบำรุง")) == sorted([v, e])
    assert sorted(_names(client, q="*:*")) == sorted([h, v, e])
    assert _names(client, q="tags:อสม") == [v]
    assert _names(client, q="ข้อมูลลับ") == []  # only in the hidden datasets
    # score: a word in the title counts more than one in the description
    assert _names(client, q="สถานพยาบาล")[0] == h


def test_sorts(catalogue, client):
    published = Dataset.objects.filter(status=S.PUBLISHED)
    by_id = sorted(published, key=lambda d: str(d.uuid))
    assert _names(client, sort="id asc") == [d.name for d in by_id]
    assert _names(client, sort="name asc") == sorted(d.name for d in published)
    newest = [d.name for d in published.order_by("-modified_at")]
    assert _names(client) == newest  # score desc, metadata_modified desc
    assert _names(client, sort="metadata_modified asc") == newest[::-1]


# --- only published datasets, on every action ---------------------------------------------


def test_unpublished_datasets_are_invisible_to_every_action(catalogue, client):
    hidden: list[Dataset] = catalogue["hidden"]
    listed = _ok(_get(client, "package_list"))
    everything = _ok(_get(client, "package_search", rows="1000",
                          **{"facet.field": '["tags", "organization"]'}))  # fmt: skip
    assert everything["count"] == 3
    organizations = _ok(_get(client, "organization_list", all_fields="true"))
    tags = _ok(_get(client, "tag_list"))
    for dataset in hidden:
        assert dataset.name not in listed
        for key in (dataset.name, str(dataset.uuid)):
            response = _get(client, "package_show", id=key)
            assert response.status_code == 404
            assert response.json()["error"]["__type"] == "Not Found Error"
        for params in ({"q": dataset.title}, {"fq": f"id:{dataset.uuid}"},
                       {"fq": f"name:{dataset.name}"}, {"fq": f"tags:{dataset.tags[0]}"}):  # fmt: skip
            assert _ok(_get(client, "package_search", **params))["count"] == 0
        resource = dataset.resources.get()
        assert _get(client, "resource_show", id=str(resource.uuid)).status_code == 404
        assert dataset.tags[0] not in tags
        assert dataset.tags[0] not in everything["facets"]["tags"]
    assert "hss-r2" not in {o["name"] for o in organizations}
    assert "hss-r2" not in everything["facets"]["organization"]
    assert _get(client, "organization_show", id="hss-r2").status_code == 404


def test_a_withdrawn_dataset_leaves_the_api(catalogue, client):
    hospitals = catalogue["hospitals"]
    assert _get(client, "package_show", id=hospitals.name).status_code == 200
    hospitals.status = S.WITHDRAWN
    hospitals.save()
    assert _get(client, "package_show", id=hospitals.name).status_code == 404
    assert hospitals.name not in _ok(_get(client, "package_list"))


# --- query counts -------------------------------------------------------------------------


def _search_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        _ok(_get(client, "package_search", **params))
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {"rows": "100", "sort": "id asc"},
        {"q": "สถานพยาบาล", "fq": "res_format:CSV organization:hss-r1 OR organization:hss-it",
         "rows": "20", "facet.field": '["organization","tags","res_format","license_id"]'},
        {"sort": "views_recent desc", "rows": "50"},
    ],
    ids=["harvest", "search-with-facets", "views"],
)  # fmt: skip
def test_package_search_queries_do_not_grow_with_the_data(world, client, params):
    units = [world.units["R1"], world.units["IT"]]
    for number in range(5):
        make_dataset(units[number % 2], resources=2)
    small = _search_queries(client, params)
    for number in range(55):
        make_dataset(units[number % 2], resources=2)
    large = _search_queries(client, params)
    assert small == large <= 10
