"""DCAT as ckanext-dcat serves it: the published catalogue and each published dataset in Turtle,
RDF/XML and JSON-LD, built with rdflib.

/catalog.<fmt>?page=N&modified_since=DATE lists 100 datasets a page, newest change first, with
ckanext-dcat's Hydra paging: the page's own address is a hydra:PagedCollection carrying
totalItems, itemsPerPage and first/last/next/previous page addresses as literals, under both the
older names (firstPage, lastPage, nextPage, previousPage) that harvesters read and the newer ones
(first, last, next, previous). /dataset/<uuid or name>.<fmt> describes one dataset.

Only `public_datasets()` is shown; a withdrawn dataset answers 410 Gone, anything else 404. Each
request costs a fixed number of queries (count, page, its resources).

Thai metadata is emitted with @th language tags. The catalogue's own title and publisher are
given in Thai and English side by side (tagged), so they are not translated per request."""

import math
import uuid
from datetime import UTC, datetime, time

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import get_script_prefix
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from .models import Dataset, Resource
from .permissions import public_datasets

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
FREQUENCY = Namespace("http://publications.europa.eu/resource/authority/frequency/")
IANA = "https://www.iana.org/assignments/media-types/"

PER_PAGE = 100
MAX_PAGE = 1_000_000
# URL suffix -> (rdflib serializer, content type), as ckanext-dcat's CONTENT_TYPES
FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("pretty-xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
}
PREFIXES = {
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "vcard": VCARD,
    "hydra": HYDRA,
    "skos": SKOS,
    "rdfs": RDFS,
    "xsd": XSD,
}
# The GD Catalog's update frequencies -> the EU frequency vocabulary DCAT-AP asks for
FREQUENCIES = {
    "ปี": "ANNUAL",
    "ครึ่งปี": "ANNUAL_2",
    "ไตรมาส": "QUARTERLY",
    "เดือน": "MONTHLY",
    "สัปดาห์": "WEEKLY",
    "วัน": "DAILY",
    "ชั่วโมง": "HOURLY",
    "ตามเวลาจริง": "UPDATE_CONT",
    "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล": "NEVER",
    "ไม่ทราบ": "UNKNOWN",
    "อื่นๆ": "OTHER",
}
LICENSES = {
    "CC-BY": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-NC": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC-BY-SA": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-SA": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC-BY-NC-ND": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "CC-BY-ND": "https://creativecommons.org/licenses/by-nd/4.0/",
}
BUDDHIST_ERA = 543


class BadRequest(Exception):
    """A parameter the endpoint cannot read; the message says which and how to write it."""


def _text(value: str, lang: str = "th") -> Literal:
    return Literal(value, lang=lang)


def _datetime(value: datetime) -> Literal:
    return Literal(value.astimezone(UTC).replace(tzinfo=None).isoformat(), datatype=XSD.dateTime)


class Builder:
    """Adds catalogue and dataset triples to one graph; addresses are absolute on `base`."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self._publishers: dict[int, BNode] = {}

    def add(self, *triple) -> None:
        self.graph.add(triple)

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def landing_page(self, dataset: Dataset) -> str:
        return self.url(f"p/data/{dataset.name}/")

    def download_url(self, dataset: Dataset, resource: Resource) -> str:
        return self.url(f"p/data/{dataset.name}/resource/{resource.uuid}/download/")

    def catalog(self, datasets: list[Dataset]) -> URIRef:
        names = settings.DIGIORG_ORGANIZATION_NAME
        ref = URIRef(self.base + "/")
        self.add(ref, RDF.type, DCAT.Catalog)
        self.add(ref, DCTERMS.title, _text(f"บัญชีข้อมูล {names['th']}"))
        self.add(ref, DCTERMS.title, _text(f"Data catalogue of the {names['en']}", "en"))
        self.add(
            ref,
            DCTERMS.description,
            _text(f"ชุดข้อมูลเปิดที่เผยแพร่โดย{names['th']} ผ่านระบบ digiorg"),
        )
        self.add(
            ref,
            DCTERMS.description,
            _text(f"Open datasets published by the {names['en']} through digiorg.", "en"),
        )
        publisher = BNode()
        self.add(publisher, RDF.type, FOAF.Agent)
        self.add(publisher, RDF.type, FOAF.Organization)
        self.add(publisher, FOAF.name, _text(names["th"]))
        self.add(publisher, FOAF.name, _text(names["en"], "en"))
        self.add(ref, DCTERMS.publisher, publisher)
        self.add(ref, FOAF.homepage, URIRef(self.url("p/data/")))
        self.add(ref, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/th"))
        for dataset in datasets:
            self.add(ref, DCAT.dataset, self.dataset(dataset))
        return ref

    def publisher(self, organization) -> BNode:
        if organization.pk not in self._publishers:
            node = self._publishers[organization.pk] = BNode()
            self.add(node, RDF.type, FOAF.Agent)
            self.add(node, RDF.type, FOAF.Organization)
            self.add(node, FOAF.name, _text(organization.name_th))
            if organization.name_en:
                self.add(node, FOAF.name, _text(organization.name_en, "en"))
        return self._publishers[organization.pk]

    def dataset(self, dataset: Dataset) -> URIRef:
        ref = URIRef(self.url(f"dataset/{dataset.uuid}"))
        add = self.add
        add(ref, RDF.type, DCAT.Dataset)
        add(ref, DCTERMS.title, _text(dataset.title))
        add(ref, DCTERMS.description, _text(dataset.notes or dataset.title))
        for tag in dataset.tags:
            add(ref, DCAT.keyword, _text(tag))
        add(ref, DCTERMS.identifier, Literal(str(dataset.uuid)))
        add(ref, DCTERMS.issued, _datetime(dataset.published_at or dataset.created_at))
        add(ref, DCTERMS.modified, _datetime(dataset.modified_at))
        add(ref, DCAT.landingPage, URIRef(self.landing_page(dataset)))
        add(ref, DCTERMS.publisher, self.publisher(dataset.organization))
        if dataset.maintainer or dataset.maintainer_email:
            contact = BNode()
            add(ref, DCAT.contactPoint, contact)
            add(contact, RDF.type, VCARD.Organization)
            add(contact, VCARD.fn, _text(dataset.maintainer or dataset.organization.name_th))
            if dataset.maintainer_email:
                add(contact, VCARD.hasEmail, URIRef(f"mailto:{dataset.maintainer_email}"))
        if dataset.update_frequency_unit:
            code = FREQUENCIES.get(dataset.update_frequency_unit)
            if code:
                add(ref, DCTERMS.accrualPeriodicity, FREQUENCY[code])
            else:  # working days, every minute: no term of their own in the EU vocabulary
                frequency = BNode()
                add(ref, DCTERMS.accrualPeriodicity, frequency)
                add(frequency, RDF.type, DCTERMS.Frequency)
                add(frequency, RDFS.label, _text(dataset.update_frequency_unit))
        if dataset.geo_coverage:
            location = BNode()
            add(ref, DCTERMS.spatial, location)
            add(location, RDF.type, DCTERMS.Location)
            add(location, SKOS.prefLabel, _text(dataset.geo_coverage))
        self._temporal(ref, dataset)
        for resource in dataset.resources.all():
            add(ref, DCAT.distribution, self.distribution(dataset, resource))
        return ref

    def _temporal(self, ref: URIRef, dataset: Dataset) -> None:
        first, last = dataset.first_year_of_data, dataset.last_year_of_data
        if not first and not last:
            return
        period = BNode()
        self.add(ref, DCTERMS.temporal, period)
        self.add(period, RDF.type, DCTERMS.PeriodOfTime)
        for year, predicate in ((first, DCAT.startDate), (last, DCAT.endDate)):
            if year:  # the GD Catalog's years are Buddhist era; xsd:gYear is the Common Era
                common = year - BUDDHIST_ERA if year > 2400 else year
                self.add(period, predicate, Literal(f"{common:04d}", datatype=XSD.gYear))

    def license(self, license_id: str):
        if license_id in LICENSES:
            return URIRef(LICENSES[license_id])
        node = BNode()
        self.add(node, RDF.type, DCTERMS.LicenseDocument)
        self.add(node, RDFS.label, _text(license_id))
        return node

    def distribution(self, dataset: Dataset, resource: Resource) -> URIRef:
        ref = URIRef(self.url(f"dataset/{dataset.uuid}/resource/{resource.uuid}"))
        add = self.add
        download = URIRef(self.download_url(dataset, resource))
        add(ref, RDF.type, DCAT.Distribution)
        add(ref, DCTERMS.title, _text(resource.name))
        if resource.description:
            add(ref, DCTERMS.description, _text(resource.description))
        # a link resource is reached at its own address; the download route counts and redirects
        add(ref, DCAT.accessURL, URIRef(resource.url) if resource.url else download)
        add(ref, DCAT.downloadURL, download)
        if resource.mimetype:
            add(ref, DCAT.mediaType, URIRef(IANA + resource.mimetype))
        if resource.format:
            add(ref, DCTERMS.format, Literal(resource.format))
        if dataset.license_id:
            add(ref, DCTERMS.license, self.license(dataset.license_id))
        if resource.size is not None:
            add(ref, DCAT.byteSize, Literal(resource.size, datatype=XSD.nonNegativeInteger))
        add(ref, DCTERMS.issued, _datetime(resource.created_at))
        add(ref, DCTERMS.modified, _datetime(resource.modified_at))
        return ref

    def paging(self, current: str, pages: dict[str, str | int]) -> None:
        """ckanext-dcat's `_add_pagination_triples`: both the deprecated and the new names."""
        ref = URIRef(current)
        self.add(ref, RDF.type, HYDRA.PagedCollection)
        names = {
            "next": [HYDRA.nextPage, HYDRA.next],
            "previous": [HYDRA.previousPage, HYDRA.previous],
            "first": [HYDRA.firstPage, HYDRA.first],
            "last": [HYDRA.lastPage, HYDRA.last],
            "count": [HYDRA.totalItems],
            "items_per_page": [HYDRA.itemsPerPage],
        }
        for key, predicates in names.items():
            if pages.get(key):
                for predicate in predicates:
                    self.add(ref, predicate, Literal(pages[key]))

    def response(self, fmt: str) -> HttpResponse:
        serializer, content_type = FORMATS[fmt]
        if serializer == "json-ld":
            body = self.graph.serialize(
                format="json-ld", context={k: str(v) for k, v in PREFIXES.items()}
            )
        else:
            body = self.graph.serialize(format=serializer)
        return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri(get_script_prefix())


def _with_resources(datasets: QuerySet[Dataset]) -> QuerySet[Dataset]:
    return datasets.select_related("organization").prefetch_related(
        Prefetch("resources", queryset=Resource.objects.order_by("position", "pk"))
    )


def parse_page(text: str | None) -> int:
    if text in (None, ""):
        return 1
    try:
        page = int(str(text).strip())
    except ValueError:
        page = 0
    if not 1 <= page <= MAX_PAGE:
        raise BadRequest(
            _("page must be a whole number from 1 to %(max)s, not “%(value)s”.")
            % {"max": f"{MAX_PAGE:,}", "value": text}
        )
    return page


def parse_modified_since(text: str | None) -> datetime | None:
    """An ISO 8601 date or date-time; without a zone it is UTC (CKAN's metadata_modified)."""
    if not text:
        return None
    value = text.strip().replace(" ", "+")  # a '+' of an offset arrives as a space
    moment: datetime | None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time()) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(
            _(
                "modified_since must be an ISO 8601 date or date-time, such as 2024-05-01 or "
                "2024-05-01T03:04:05Z, not “%(value)s”."
            )
            % {"value": text}
        )
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _page_url(request: HttpRequest, page: int) -> str:
    """The same address with only modified_since kept and page set, as ckanext-dcat builds it."""
    params = (
        [("modified_since", request.GET["modified_since"])]
        if "modified_since" in request.GET
        else []
    )
    return request.build_absolute_uri(request.path) + "?" + urlencode([*params, ("page", page)])


def _bad_request(exc: BadRequest) -> HttpResponse:
    return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")


@require_safe
def catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        page = parse_page(request.GET.get("page"))
        since = parse_modified_since(request.GET.get("modified_since"))
    except BadRequest as exc:
        return _bad_request(exc)
    datasets = public_datasets()
    if since is not None:
        datasets = datasets.filter(modified_at__gte=since)
    count = datasets.count()
    start = (page - 1) * PER_PAGE
    rows = list(_with_resources(datasets).order_by("-modified_at", "pk")[start : start + PER_PAGE])
    builder = Builder(_base(request))
    builder.catalog(rows)
    if count:
        last = max(1, math.ceil(count / PER_PAGE))
        pages: dict[str, str | int] = {
            "count": count,
            "items_per_page": PER_PAGE,
            "first": _page_url(request, 1),
            "last": _page_url(request, last),
        }
        if page > 1:
            pages["previous"] = _page_url(request, page - 1 if start + len(rows) <= count else last)
        if page * PER_PAGE < count:
            pages["next"] = _page_url(request, page + 1)
        builder.paging(_page_url(request, page), pages)
    return builder.response(fmt)


def _identified(ident: str) -> dict:
    try:
        return {"uuid": uuid.UUID(ident)}
    except ValueError:
        return {"name": ident}


@require_safe
def dataset(request: HttpRequest, ident: str, fmt: str) -> HttpResponse:
    lookup = _identified(ident)
    found = _with_resources(public_datasets().filter(**lookup)).order_by("pk").first()
    if found is None:
        if Dataset.objects.filter(status=Dataset.Status.WITHDRAWN, **lookup).exists():
            return HttpResponse(
                _("This dataset has been withdrawn from publication."),
                status=410,
                content_type="text/plain; charset=utf-8",
            )
        raise Http404
    builder = Builder(_base(request))
    builder.dataset(found)
    return builder.response(fmt)
