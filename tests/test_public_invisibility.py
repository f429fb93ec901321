"""Nothing unpublished reaches the public: every public page, every CKAN action and every DCAT
route is asked for a draft, a proposed, a returned and a withdrawn dataset (by name, id, search
word and resource) and must not show it. A new public route fails this test until it is added
to ROUTES below, with the question that could reveal a hidden dataset."""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from digiorg.catalogue.ckan import ACTIONS
from digiorg.catalogue.models import Dataset

from .catalogue_data import make_dataset

HIDDEN = [
    Dataset.Status.DRAFT,
    Dataset.Status.PROPOSED,
    Dataset.Status.RETURNED,
    Dataset.Status.WITHDRAWN,
]
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120"}
# every public route name -> how it is asked about a dataset
ROUTES = {
    "opendata:index", "opendata:unit", "opendata:unit-csv", "opendata:dataset",
    "opendata:download", "ckan-root", "ckan-action", "ckan-action-unversioned", "dcat-catalog",
    "dcat-dataset",
}  # fmt: skip
PUBLIC_PREFIXES = ("p/", "api/3", "api/action", "catalog\\.", "dataset/")


def public_route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^")
            if isinstance(pattern, URLResolver):
                space = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, route, space)
            elif isinstance(pattern, URLPattern) and route.startswith(PUBLIC_PREFIXES):
                names.add(f"{namespace}{pattern.name}" if pattern.name else route)

    walk(get_resolver().url_patterns, "", "")
    return names


def test_every_public_route_is_checked_here():
    unnamed = {"api/3/"}  # the same view as ckan-root
    assert public_route_names() - unnamed == ROUTES


@pytest.fixture
def catalogue(world):
    unit = world.units["R1"]
    shown = make_dataset(unit, title="เปิดเผยแล้ว shownmark", name="shown-one")
    hidden = [
        make_dataset(unit, status=status, title=f"ลับ hidemark{status}", name=f"hidden-{status}")
        for status in HIDDEN
    ]
    # a unit whose only datasets are hidden
    make_dataset(world.units["R2"], status=Dataset.Status.DRAFT, title="ลับ hidemarkr2", name="r2")
    return shown, hidden


def test_no_public_route_reveals_a_hidden_dataset(client, world, catalogue):
    _shown, hidden = catalogue
    asked = 0

    def body(url, expect=None, **params):
        nonlocal asked
        asked += 1
        response = client.get(url, params, **BROWSER)
        if expect is not None:
            assert response.status_code in expect, (url, params, response.status_code)
        text = response.content.decode("utf-8", "replace") + response.get("Location", "")
        return text.replace(url, "")  # the language switch names the page asked for

    # the control: the published dataset is found by the same questions
    assert "shownmark" in body("/p/data/", q="shownmark")
    for text in (
        body("/p/data/", q="ลับ"),  # a word of every hidden title (the page echoes the query)
        body("/p/data/", unit="R1"),
        body("/p/data/unit/R1/"),
        body("/p/data/unit/R1/usage.csv"),
        body("/p/data/unit/R2/", {404}),
        body("/p/data/unit/R2/usage.csv", {404}),
        body("/api/3"),
        body("/api/3/action/package_list"),
        body("/api/action/package_search", q="hidemark"),
        body("/api/3/action/package_search", q="*:*", rows="1000"),
        body("/api/3/action/package_search", fq="organization:*"),
        body("/api/3/action/tag_list"),
        body("/api/3/action/organization_list", all_fields="true"),
        body("/api/3/action/group_list"),
        body("/api/3/action/license_list"),
        body("/api/3/action/status_show"),
        body("/catalog.ttl"),
        body("/catalog.jsonld"),
        body("/catalog.rdf"),
    ):
        assert "hidemark" not in text and "hidden-" not in text
    for dataset in hidden:
        gone = {410} if dataset.status == Dataset.Status.WITHDRAWN else {404}
        resource = dataset.resources.get()
        for text in (
            body(f"/p/data/{dataset.name}/", gone),
            body(f"/p/data/{dataset.name}/resource/{resource.uuid}/download/", gone | {404}),
            body(f"/dataset/{dataset.uuid}.ttl", gone),
            body(f"/dataset/{dataset.name}.jsonld", gone),
            body("/api/3/action/package_show", {404}, id=dataset.name),
            body("/api/action/package_show", {404}, id=str(dataset.uuid)),
            body("/api/3/action/resource_show", {404}, id=str(resource.uuid)),
            body("/api/3/action/package_search", fq=f"name:{dataset.name}"),
            body("/api/3/action/package_search", fq=f"id:{dataset.uuid}"),
        ):
            assert resource.url not in text and str(resource.uuid) not in text
            if dataset.status != Dataset.Status.WITHDRAWN:  # 410 names the withdrawn one
                assert dataset.title not in text
        # an organization with only hidden datasets does not exist in the API
    r2 = json.loads(body("/api/3/action/organization_list"))["result"]
    assert all("r2" not in name for name in r2)
    # every read-only action was asked at least once above (package_show, resource_show ...)
    assert asked > 40 and {"package_show", "resource_show", "organization_show"} <= set(ACTIONS)


def test_organization_show_hides_datasets_that_are_not_published(client, world, catalogue):
    listed = client.get("/api/3/action/organization_list", **BROWSER).json()["result"]
    for name in listed:
        response = client.get(
            "/api/3/action/organization_show", {"id": name, "include_datasets": "true"}, **BROWSER
        )
        assert "hidemark" not in response.content.decode()
