"""DCAT endpoints as ckanext-dcat serves them: what a harvester gets from /catalog.<fmt> and
/dataset/<id>.<fmt> (parsed back with rdflib), Hydra paging, modified_since, and that only
published datasets are ever shown."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from digiorg.catalogue.models import Dataset

from .catalogue_data import make_dataset

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
}
BASE = "http://testserver"


def parsed(response, fmt: str) -> Graph:
    assert response.status_code == 200, response.content[:300]
    rdflib_format, content_type = FORMATS[fmt]
    assert response["Content-Type"].split(";")[0] == content_type
    graph = Graph()
    graph.parse(data=response.content.decode(), format=rdflib_format, publicID=BASE + "/")
    return graph


def one(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def dataset_ids(graph: Graph) -> list[str]:
    return [
        str(one(graph, ref, DCTERMS.identifier)) for ref in graph.subjects(RDF.type, DCAT.Dataset)
    ]


def paging(graph: Graph) -> dict:
    (ref,) = graph.subjects(RDF.type, HYDRA.PagedCollection)
    info = {"current": str(ref)}
    for key in ("totalItems", "itemsPerPage", "firstPage", "lastPage", "nextPage", "previousPage"):
        values = list(graph.objects(ref, HYDRA[key]))
        if values:
            info[key] = values[0].toPython()
    for old, new in (("firstPage", "first"), ("lastPage", "last"), ("nextPage", "next")):
        assert [str(v) for v in graph.objects(ref, HYDRA[new])] == (
            [info[old]] if old in info else []
        )
    return info


@pytest.fixture
def unit(world):
    return world.units["R1"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_with_the_dcat_ap_mandatory_properties(world, unit, client, fmt):
    dataset = make_dataset(
        unit, resources=2, first_year_of_data=2560, last_year_of_data=2566, tags=["อสม", "อำเภอ"]
    )
    graph = parsed(client.get(f"/catalog.{fmt}"), fmt)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    titles = {t.language: str(t) for t in graph.objects(catalog, DCTERMS.title)}
    assert titles["th"] == "บัญชีข้อมูล กรมสนับสนุนบริการสุขภาพ"
    assert list(graph.objects(catalog, DCTERMS.description))
    publisher = one(graph, catalog, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert Literal("กรมสนับสนุนบริการสุขภาพ", lang="th") in graph.objects(publisher, FOAF.name)
    ref = URIRef(f"{BASE}/dataset/{dataset.uuid}")
    assert list(graph.objects(catalog, DCAT.dataset)) == [ref]

    for body in (graph, parsed(client.get(f"/dataset/{dataset.name}.{fmt}"), fmt)):
        assert one(body, ref, DCTERMS.title) == Literal(dataset.title, lang="th")
        assert one(body, ref, DCTERMS.description) == Literal(dataset.notes, lang="th")
        assert set(body.objects(ref, DCAT.keyword)) == {
            Literal("อสม", lang="th"),
            Literal("อำเภอ", lang="th"),
        }
        assert str(one(body, ref, DCTERMS.identifier)) == str(dataset.uuid)
        assert one(body, ref, DCTERMS.issued).datatype == XSD.dateTime
        assert one(body, ref, DCTERMS.modified).toPython() == dataset.modified_at.replace(
            tzinfo=None
        )
        assert one(body, ref, DCAT.landingPage) == URIRef(f"{BASE}/p/data/{dataset.name}/")
        names = body.objects(one(body, ref, DCTERMS.publisher), FOAF.name)
        assert Literal("กรมสนับสนุนบริการสุขภาพ", lang="th") in names
        contact = one(body, ref, DCAT.contactPoint)
        assert (contact, RDF.type, VCARD.Organization) in body
        assert one(body, contact, VCARD.fn) == Literal("กลุ่มเทคโนโลยีสารสนเทศ", lang="th")
        assert one(body, contact, VCARD.hasEmail) == URIRef("mailto:data@hss.go.th")
        assert one(body, ref, DCTERMS.accrualPeriodicity) == URIRef(
            "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
        )
        spatial = one(body, ref, DCTERMS.spatial)
        assert Literal("จังหวัด", lang="th") in body.objects(spatial, None)
        period = one(body, ref, DCTERMS.temporal)
        assert str(one(body, period, DCAT.startDate)) == "2017"  # 2560 BE
        assert str(one(body, period, DCAT.endDate)) == "2023"
        distributions = list(body.objects(ref, DCAT.distribution))
        resources = {str(r.uuid): r for r in dataset.resources.all()}
        assert len(distributions) == 2
        for distribution in distributions:
            resource = resources[str(distribution).rsplit("/", 1)[1]]
            assert one(body, distribution, DCTERMS.title) == Literal(resource.name, lang="th")
            assert one(body, distribution, DCAT.accessURL) == URIRef(resource.url)
            assert one(body, distribution, DCAT.downloadURL) == URIRef(
                f"{BASE}/p/data/{dataset.name}/resource/{resource.uuid}/download/"
            )
            assert str(one(body, distribution, DCAT.mediaType)).endswith("/text/csv")
            assert str(one(body, distribution, DCTERMS.format)) == "CSV"
            assert one(body, distribution, DCTERMS.license)
            assert one(body, distribution, DCAT.byteSize).toPython() == resource.size


def test_dataset_by_uuid_and_name_and_its_content_types(world, unit, client):
    dataset = make_dataset(unit)
    for fmt in FORMATS:
        by_uuid = parsed(client.get(f"/dataset/{dataset.uuid}.{fmt}"), fmt)
        by_name = parsed(client.get(f"/dataset/{dataset.name}.{fmt}"), fmt)
        assert dataset_ids(by_uuid) == dataset_ids(by_name) == [str(dataset.uuid)]
    assert client.get(f"/dataset/{dataset.name}.csv").status_code == 404


def test_paging_over_250_datasets(world, unit, client):
    now = timezone.now()
    made = [make_dataset(unit, resources=0) for _ in range(250)]
    for minutes, dataset in enumerate(made):  # the last made is the newest
        Dataset.objects.filter(pk=dataset.pk).update(
            modified_at=now - timedelta(minutes=250 - minutes)
        )
    newest_first = [str(d.uuid) for d in reversed(made)]
    seen: list[str] = []
    pages = []
    for page in (1, 2, 3):
        graph = parsed(client.get(f"/catalog.ttl?page={page}"), "ttl")
        pages.append(paging(graph))
        ids = dataset_ids(graph)
        assert len(ids) == (100 if page < 3 else 50)
        # newest first: each page holds exactly the next hundred (a graph itself has no order)
        assert set(ids) == set(newest_first[(page - 1) * 100 : page * 100])
        seen += ids
    assert len(seen) == 250 and set(seen) == set(newest_first)
    url = BASE + "/catalog.ttl?page="
    assert pages[0] == {
        "current": url + "1", "totalItems": 250, "itemsPerPage": 100,
        "firstPage": url + "1", "lastPage": url + "3", "nextPage": url + "2",
    }  # fmt: skip
    assert pages[1]["previousPage"] == url + "1" and pages[1]["nextPage"] == url + "3"
    assert pages[2]["previousPage"] == url + "2" and "nextPage" not in pages[2]
    assert pages[2]["lastPage"] == url + "3"
    # the page after the last is empty (a harvester stops when there is no nextPage)
    assert dataset_ids(parsed(client.get("/catalog.jsonld?page=4"), "jsonld")) == []


def test_modified_since_keeps_only_newer_changes_and_stays_in_the_page_links(world, unit, client):
    old = [make_dataset(unit) for _ in range(3)]
    new = [make_dataset(unit) for _ in range(2)]
    Dataset.objects.filter(pk__in=[d.pk for d in old]).update(
        modified_at=timezone.now() - timedelta(days=30)
    )
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    graph = parsed(client.get(f"/catalog.rdf?modified_since={since}"), "rdf")
    assert set(dataset_ids(graph)) == {str(d.uuid) for d in new}
    info = paging(graph)
    assert info["totalItems"] == 2
    assert "modified_since=" in info["firstPage"] and info["firstPage"].endswith("page=1")
    day = (timezone.now() - timedelta(days=60)).date().isoformat()
    assert len(dataset_ids(parsed(client.get(f"/catalog.ttl?modified_since={day}"), "ttl"))) == 5
    future = (timezone.now() + timedelta(days=1)).date().isoformat()
    assert dataset_ids(parsed(client.get(f"/catalog.ttl?modified_since={future}"), "ttl")) == []


@pytest.mark.parametrize(
    "query, words",
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=two", "page"),
        ("page=99999999999999999999", "page"),
        ("modified_since=yesterday", "modified_since"),
        ("modified_since=2024-13-01", "modified_since"),
    ],
)
def test_bad_page_or_date_is_400_with_a_clear_message(db, client, query, words):
    response = client.get(f"/catalog.ttl?{query}")
    assert response.status_code == 400
    text = response.content.decode()
    assert words in text and query.split("=", 1)[1] in text


def test_only_published_datasets_are_visible(world, unit, client, django_user_model):
    published = make_dataset(unit)
    hidden = [
        make_dataset(unit, status=status)
        for status in (Dataset.Status.DRAFT, Dataset.Status.PROPOSED, Dataset.Status.RETURNED)
    ]
    withdrawn = make_dataset(unit, status=Dataset.Status.WITHDRAWN)
    signed_in = world.client("admin")  # being signed in shows nothing more
    for who in (client, signed_in):
        for fmt in FORMATS:
            assert dataset_ids(parsed(who.get(f"/catalog.{fmt}"), fmt)) == [str(published.uuid)]
            for dataset in hidden:
                assert who.get(f"/dataset/{dataset.name}.{fmt}").status_code == 404
                assert who.get(f"/dataset/{dataset.uuid}.{fmt}").status_code == 404
            for ident in (withdrawn.name, withdrawn.uuid):
                gone = who.get(f"/dataset/{ident}.{fmt}")
                assert gone.status_code == 410
                assert "ถอน" in gone.content.decode()
    assert client.get("/dataset/no-such-dataset.ttl").status_code == 404
    assert client.post("/catalog.ttl").status_code == 405


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_query_counts_do_not_grow_with_the_catalogue(world, unit, client):
    first = [make_dataset(unit, resources=2) for _ in range(3)]
    small = _queries(client, "/catalog.ttl"), _queries(client, f"/dataset/{first[0].name}.ttl")
    for _ in range(27):
        make_dataset(unit, resources=3)
    large = _queries(client, "/catalog.ttl"), _queries(client, f"/dataset/{first[0].name}.ttl")
    assert small == large
    assert large[0] <= 3 and large[1] <= 2
