"""Import an existing catalogue into one unit: from a CKAN-compatible portal (its Action API's
package_search, paged as ckanext-harvest pages it) or from the GD Catalog's Excel metadata
template (one dataset per row).

All or nothing: every dataset is checked first with every mandatory GD Catalog field required
(clean_metadata(require_all=True)), and every problem is reported with its row (or dataset name),
field and reason; only when there is none are all datasets written, in one transaction, through
`dataset_create` (its permission check and audit entry). Imported datasets arrive as DRAFTS: the
data governance working group reviews each one before it is public again here, whatever its
state was at the source. They get new ids (the source's id belongs to the source portal)."""

import ipaddress
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils.translation import gettext as _

from digiorg.core.errors import ValidationFailed
from digiorg.core.tabular import Column, ImportReport, read_rows
from digiorg.plans.excel import parse_date

from .models import Dataset, Resource, field_label
from .services import clean_metadata, dataset_create

PAGE_ROWS = 100
MAX_DATASETS = 10_000
TIMEOUT_SECONDS = 30
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
TRUE_WORDS = {"true", "1", "yes", "y", "ใช่", "มี", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "ไม่", "ไม่ใช่", "ไม่มี", "f", ""}


@dataclass
class CatalogueImport:
    """What an import found: (where, field, reason) for every problem, or how many it created.
    `where` is the spreadsheet row number, or the dataset's name at a CKAN source."""

    source: str  # "excel" or "ckan"
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    created: int = 0

    def add(self, where: object, key: str, reason: str) -> None:
        self.errors.append((str(where), key, reason))

    def lines(self) -> list[str]:
        kind = _("row") if self.source == "excel" else _("dataset")
        return [
            f"{kind} {where}, {label_of(key)}: {reason}" if key else f"{kind} {where}: {reason}"
            for where, key, reason in self.errors
        ]


def label_of(key: str) -> str:
    base = key.split("[", 1)[0]
    try:
        return f"{field_label(base)} ({key})"
    except Exception:  # not a dataset field: resources, the file
        return key


def _field(name: str) -> models.Field:
    return Dataset._meta.get_field(name)  # type: ignore[return-value]


# The GD Catalog's Excel template: Thai labels of the reference note, or the scheming field names
COLUMNS = [
    Column("name", ("ชื่อย่อชุดข้อมูล", "ชื่อ URL", "URL name"), required=False, field=_field("name")),
    Column("data_type", ("ประเภทชุดข้อมูล", "dataset type"), field=_field("data_type")),
    Column("title", ("ชื่อชุดข้อมูล", "dataset title"), field=_field("title")),
    Column("owner_org", ("องค์กร", "organization"), required=False),
    Column("maintainer", ("ชื่อฝ่ายงานสำหรับติดต่อ", "contact section"), field=_field("maintainer")),
    Column(
        "maintainer_email", ("อีเมลสำหรับติดต่อ", "contact e-mail"), field=_field("maintainer_email")
    ),
    Column("notes", ("รายละเอียด", "description")),
    Column("tags", ("คำสำคัญ", "tag_string", "keywords")),
    Column("objectives", ("วัตถุประสงค์", "objective")),
    Column(
        "update_frequency_unit", ("หน่วยความถี่ของการปรับปรุงข้อมูล", "update frequency"),
        field=_field("update_frequency_unit"),
    ),
    Column(
        "update_frequency_interval", ("ความถี่ของการปรับปรุงข้อมูล", "update every"),
        required=False,
    ),
    Column(
        "geo_coverage", ("ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "geographic coverage"),
        field=_field("geo_coverage"),
    ),
    Column("data_source", ("แหล่งที่มา", "data source"), field=_field("data_source")),
    Column("data_formats", ("รูปแบบการเก็บข้อมูล", "data_format", "storage formats")),
    Column(
        "data_category", ("หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ", "data governance category"),
        field=_field("data_category"),
    ),
    Column("license_id", ("สัญญาอนุญาต", "licence", "license"), field=_field("license_id")),
    Column(
        "data_classification", ("ชั้นความลับของข้อมูล", "classification"), required=False,
        field=_field("data_classification"),
    ),
    Column("accessible_condition", ("เงื่อนไขในการเข้าถึงข้อมูล", "access conditions"), required=False),
    Column("data_languages", ("ภาษาที่ใช้", "data_language", "languages"), required=False),
    Column("url", ("URL", "source web page"), required=False, field=_field("url")),
    Column("created_date", ("วันที่สร้างข้อมูล", "data created on"), required=False),
    Column("last_updated_date", ("วันที่ปรับปรุงข้อมูลล่าสุด", "data last updated on"), required=False),
    Column("first_year_of_data", ("ปีข้อมูลที่เริ่มต้น", "first year of data"), required=False),
    Column("last_year_of_data", ("ปีข้อมูลที่สิ้นสุด", "last year of data"), required=False),
    Column(
        "unit_of_measure", ("หน่วยวัด", "unit of measure"), required=False,
        field=_field("unit_of_measure"),
    ),
]  # fmt: skip
# CKAN (scheming) keys -> Dataset fields; the rest of a CKAN dataset dict is not imported
CKAN_TEXT = {
    "title": "title", "notes": "notes", "maintainer": "maintainer",
    "maintainer_email": "maintainer_email", "license_id": "license_id", "url": "url",
    "version": "version_label", "data_type": "data_type",
    "update_frequency_unit": "update_frequency_unit", "geo_coverage": "geo_coverage",
    "data_source": "data_source", "data_category": "data_category",
    "data_classification": "data_classification", "accessible_condition": "accessible_condition",
    "unit_of_measure": "unit_of_measure", "calculation_method": "calculation_method",
}  # fmt: skip
CKAN_LISTS = {
    "objective": "objectives", "objectives": "objectives", "data_format": "data_formats",
    "data_formats": "data_formats", "data_language": "data_languages",
    "data_languages": "data_languages",
}  # fmt: skip
INTEGERS = ("update_frequency_interval", "first_year_of_data", "last_year_of_data")
DATES = ("created_date", "last_updated_date", "data_release_calendar")
BOOLEANS = ("high_value_dataset", "allow_harvest")


def split_values(value: object) -> list[str]:
    """A multi-value cell or CKAN value: a list, a JSON list, "{a,b}" (PostgreSQL array text,
    as some scheming portals store it) or text separated by commas or new lines."""
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value or "").strip()
    if text.startswith("["):
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = None
        if isinstance(loaded, list):
            return split_values(loaded)
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    return [part.strip().strip('"') for part in re.split(r"[,\n]+", text) if part.strip()]


def _typed(data: dict, where: object, report: CatalogueImport) -> dict:
    """Numbers, dates and yes/no of `data` converted in place; a value that is none is reported."""
    for key in INTEGERS:
        text = str(data.get(key) or "").translate(THAI_DIGITS).strip()
        if not text:
            data.pop(key, None)
        elif text.isdigit() and int(text) < 10_000:
            data[key] = int(text)
        else:
            report.add(where, key, _("“%(value)s” is not a whole number") % {"value": text})
            data.pop(key)
    for key in DATES:
        text = str(data.get(key) or "").strip()
        if not text:
            data.pop(key, None)
            continue
        day: date | None = parse_date(text[:10] if re.match(r"\d{4}-\d\d-\d\dT", text) else text)
        if day is None:
            report.add(
                where, key, _("“%(value)s” is not a date (use dd/mm/yyyy)") % {"value": text}
            )
            data.pop(key)
        else:
            data[key] = day
    for key in BOOLEANS:
        if key not in data:
            continue
        word = str(data[key]).strip().casefold()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            data[key] = word in TRUE_WORDS
        else:
            report.add(where, key, _("“%(value)s” is neither yes nor no") % {"value": data[key]})
            data.pop(key)
    return data


def _too_long(data: dict) -> dict[str, str]:
    errors = {}
    for key, value in data.items():
        limit = getattr(_field(key), "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            errors[key] = _("%(count)s characters, longer than the %(max)s allowed") % {
                "count": len(value),
                "max": limit,
            }
    return errors


def _checked(where: object, data: dict, names: set[str], report: CatalogueImport) -> dict | None:
    """The dataset's cleaned fields, or None with its problems added to `report`."""
    before = len(report.errors)
    try:
        cleaned = clean_metadata(data, require_all=True)
    except ValidationFailed as exc:
        for key, reason in exc.errors.items():
            report.add(where, key, reason)
        cleaned = None
    for key, reason in _too_long(data).items():
        report.add(where, key, reason)
    name = data.get("name", "")
    if name in names:
        report.add(where, "name", _("The URL name “%(name)s” appears twice.") % {"name": name})
    names.add(name)
    return cleaned if len(report.errors) == before else None


def _store(report: CatalogueImport, checked: list, *, unit, actor) -> CatalogueImport:
    """Write every dataset (and its resources) in one transaction, or none."""
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for where, data, resources in checked:
                try:
                    dataset = dataset_create(actor=actor, unit=unit, **data)
                except ValidationFailed as exc:  # a rule the checks above do not know yet
                    for key, reason in exc.errors.items():
                        report.add(where, key, reason)
                    raise
                for position, resource in enumerate(resources):
                    Resource.objects.create(
                        organization_id=dataset.organization_id,
                        dataset=dataset,
                        position=position,
                        **resource,
                    )
    except ValidationFailed:
        return report
    report.created = len(checked)
    return report


# --- The GD Catalog's Excel template ---------------------------------------------------------


def import_excel(upload, *, unit, actor) -> CatalogueImport:
    """Drafts in `unit` from an .xlsx (or .csv) in the GD Catalog template's layout. A bad file
    or wrong headers raise ValidationFailed({"file": ...}); bad rows are in the report."""
    from secrets import token_hex

    report = CatalogueImport("excel")
    table = ImportReport("datasets")
    rows = read_rows(upload, COLUMNS, table)
    for number, key, reason in table.errors:
        report.add(number, key, reason)
    names: set[str] = set()
    checked: list[tuple[object, dict | None, list[dict]]] = []
    for number, cells in rows:
        data: dict = {k: v for k, v in cells.items() if k != "owner_org"}
        if not data.get("name"):  # the template has no URL name: one is made up, editable later
            data["name"] = f"dataset-{token_hex(5)}"
        data = _typed(data, number, report)
        cleaned = _checked(number, data, names, report)
        checked.append((number, cleaned, []))
    return _store(report, checked, unit=unit, actor=actor)


# --- A CKAN-compatible portal ----------------------------------------------------------------


def _source_error(message: str) -> ValidationFailed:
    return ValidationFailed({"source": message})


def search_url(source: str) -> str:
    """The package_search address of a portal given by its site address (or its API address)."""
    text = source.strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _source_error(
            _("“%(url)s” is not a web address; give the portal's address, such as %(example)s.")
            % {"url": text, "example": "https://data.go.th"}
        )
    path = re.sub(r"(/api(/3)?(/action(/package_search)?)?)?/*$", "", parts.path)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", "")) + (
        "/api/3/action/package_search"
    )


def check_public_host(url: str, *, private: bool = False) -> None:
    """Refuse an address on this server's own or private network (a page must not let a user
    read the intranet through the server), unless `private` or DIGIORG_IMPORT_PRIVATE_SOURCES
    allows it."""
    if private or settings.DIGIORG_IMPORT_PRIVATE_SOURCES:
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return  # the request itself then fails with the reason
    for address in addresses:
        ip = ipaddress.ip_address(str(address).split("%", 1)[0])
        if not ip.is_global:
            raise _source_error(
                _("%(host)s is on a private network; only public portals can be read from here.")
                % {"host": host}
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, private: bool):
        self.private = private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_public_host(newurl, private=self.private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _get_json(url: str, *, private: bool) -> dict:
    limit = settings.DIGIORG_IMPORT_MAX_BYTES
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "digiorg-catalogue-import"}
    )
    check_public_host(url, private=private)
    opener = urllib.request.build_opener(_CheckedRedirects(private))
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise _source_error(
            _("The source answered HTTP %(status)s for %(url)s.") % {"status": exc.code, "url": url}
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise _source_error(
            _("The source cannot be reached at %(url)s (%(reason)s).")
            % {"url": url, "reason": reason}
        ) from exc
    if len(body) > limit:
        raise _source_error(
            _("The source's answer is larger than %(mb)s MB.") % {"mb": limit // 2**20}
        )
    try:
        answer = json.loads(body)
    except ValueError as exc:
        raise _source_error(
            _("The source did not answer with JSON at %(url)s: is it a CKAN portal?") % {"url": url}
        ) from exc
    if not isinstance(answer, dict) or "success" not in answer:
        raise _source_error(
            _("The source's answer is not a CKAN API answer (%(url)s).") % {"url": url}
        )
    if not answer["success"]:
        error = answer.get("error") or {}
        message = error.get("message") if isinstance(error, dict) else error
        raise _source_error(
            _("The source refused the search: %(message)s") % {"message": message or "?"}
        )
    result = answer.get("result")
    if not isinstance(result, dict) or not isinstance(result.get("results"), list):
        raise _source_error(
            _("The source's answer has no list of datasets (%(url)s).") % {"url": url}
        )
    return result


def fetch_ckan(source: str, *, private: bool = False) -> list[dict]:
    """Every dataset dict of the portal: package_search?rows=100&start=N&sort=id asc until a
    page is empty (ckanext-harvest's sequence); two identical pages in a row are an error."""
    base = search_url(source)
    datasets: list[dict] = []
    previous: list | None = None
    start = 0
    while True:
        query = urllib.parse.urlencode({"rows": PAGE_ROWS, "start": start, "sort": "id asc"})
        results = _get_json(f"{base}?{query}", private=private)["results"]
        if not results:
            return datasets
        ids = [d.get("id") for d in results if isinstance(d, dict)]
        if ids == previous:
            raise _source_error(
                _("The source returned the same page twice: it does not page its search.")
            )
        previous = ids
        datasets += [d for d in results if isinstance(d, dict)]
        if len(datasets) > MAX_DATASETS:
            raise _source_error(
                _("The source has more than %(max)s datasets; import it in parts.")
                % {"max": f"{MAX_DATASETS:,}"}
            )
        start += len(results)


def from_ckan(record: dict) -> dict:
    """A CKAN dataset dict as Dataset fields (text values, converted later). The Thai GD fields
    are read from the dict itself (scheming) or, failing that, from its extras."""
    extras = {
        str(e.get("key")): e.get("value")
        for e in record.get("extras") or []
        if isinstance(e, dict) and e.get("key")
    }

    def value(key):
        found = record.get(key)
        return extras.get(key) if found in (None, "", []) else found

    data: dict = {"name": str(record.get("name") or "")}
    for key, target in CKAN_TEXT.items():
        if value(key) not in (None, ""):
            data[target] = str(value(key))
    for key, target in CKAN_LISTS.items():
        if value(key) not in (None, "", []) and target not in data:
            data[target] = split_values(value(key))
    tags = record.get("tags")
    if isinstance(tags, list) and tags:
        data["tags"] = [
            str(t.get("name") or t.get("display_name") or "") for t in tags if isinstance(t, dict)
        ]
    elif record.get("tag_string"):
        data["tags"] = split_values(record["tag_string"])
    for key in (*INTEGERS, *DATES, *BOOLEANS):
        if value(key) not in (None, ""):
            data[key] = value(key)
    return data


def _resources(where: str, record: dict, report: CatalogueImport) -> list[dict]:
    checked = []
    validate = URLValidator(schemes=["http", "https"])
    for index, item in enumerate(record.get("resources") or []):
        key = f"resources[{index}]"
        if not isinstance(item, dict):
            report.add(where, key, _("not a resource"))
            continue
        url = str(item.get("url") or "").strip()
        try:
            validate(url)
            if len(url) > 1000:
                raise ValidationError("long")
        except ValidationError:
            report.add(
                where, f"{key}.url", _("“%(value)s” is not a web address") % {"value": url[:200]}
            )
        size = item.get("size")
        try:
            size = int(size) if size not in (None, "") else None
        except (TypeError, ValueError):
            report.add(
                where, f"{key}.size", _("“%(value)s” is not a whole number") % {"value": size}
            )
            size = None
        checked.append(
            {
                "name": str(
                    item.get("name") or url.rsplit("/", 1)[-1] or item.get("format") or "-"
                )[:300],
                "description": str(item.get("description") or ""),
                "url": url,
                "format": str(item.get("format") or "")[:40],
                "mimetype": str(item.get("mimetype") or "")[:120],
                "size": size,
            }
        )
    return checked


def import_records(records: list[dict], *, unit, actor) -> CatalogueImport:
    """Drafts in `unit` from CKAN dataset dicts (as package_search returns them)."""
    report = CatalogueImport("ckan")
    names: set[str] = set()
    checked: list[tuple[object, dict | None, list[dict]]] = []
    for number, record in enumerate(records, start=1):
        where = str(record.get("name") or f"#{number}")
        data = _typed(from_ckan(record), where, report)
        cleaned = _checked(where, data, names, report)
        checked.append((where, cleaned, _resources(where, record, report)))
    return _store(report, checked, unit=unit, actor=actor)


def import_ckan(source: str, *, unit, actor, private: bool = False) -> CatalogueImport:
    """Drafts in `unit` from every dataset of the CKAN portal at `source`. A source that cannot
    be read raises ValidationFailed({"source": ...}); bad datasets are in the report."""
    records = fetch_ckan(source, private=private)
    if not records:
        raise _source_error(_("The source has no datasets."))
    return import_records(records, unit=unit, actor=actor)
