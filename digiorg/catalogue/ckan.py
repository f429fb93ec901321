"""The CKAN Action API v3, read-only: what the national portal's harvester (ckanext-harvest's
ckan_harvester) and the `ckanapi` client ask of a catalogue (shared/reference/open-data.md).

/api/3 answers {"version": 3}; /api/3/action/<name> and /api/action/<name> answer GET (every
value a string: "2", "False", a JSON list) and POST (a JSON body, or a form), without CSRF
check, session or redirect. Unknown parameters are ignored. Only public datasets exist here:
whatever is not published is "Not found" on every action.

Answers, as CKAN 2.11 (ckan/views/api.py) gives them:
- 200 {"help": "<site>/api/3/action/help_show?name=<action>", "success": true, "result": ...}
- 404 "Not Found Error", 403 "Authorization Error" (every write action: this API only reads),
  409 "Validation Error" (the fields and their reasons inside "error"), 400 "Search Query
  Error", each as {"help", "success": false, "error": {"__type", "message"}};
- an action CKAN does not know: 400 with a bare JSON string, "Bad request - Action name not
  known: <name>" (CKAN's wording: "Bad request" + " - " + the reason)."""

import json
import re
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import CharField, F
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .ckan_dicts import (
    Org,
    dataset_dicts,
    license_dicts,
    public_orgs,
    resource_dict,
    tag_dict,
)
from .ckan_search import (
    DEFAULT_SORT,
    FACET_LIMIT,
    Lookup,
    SearchQueryError,
    facet_counts,
    ordered,
    parse,
    tag_counts,
)
from .models import Dataset
from .permissions import public_datasets, public_resources

CKAN_VERSION = "2.11.0"
ROWS_DEFAULT, ROWS_MAX = 10, 1000
LIST_MAX, LIST_ALL_FIELDS_MAX = 1000, 25  # CKAN's group_and_organization_list(_all_fields)_max
BAD_REQUEST = "Bad request - {}"
WRITE_ACTION = re.compile(
    r"(_(create|update|patch|delete|purge|revoke|reorder|upsert|invite|clear|cancel)$)"
    r"|^(follow_|unfollow_|bulk_update_|send_|package_owner_org_update$)"
)
TRUE_WORDS = {"true", "yes", "t", "y", "1", "on"}


class NotFound(Exception):
    pass


class Invalid(Exception):
    """409 Validation Error: {field: [reason]}."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


# --- parameters -------------------------------------------------------------------------------


def _mixed(values: QueryDict) -> dict[str, Any]:
    """One value -> the string, several (a repeated key) -> the list, as CKAN reads a query."""
    return {key: items[0] if len(items) == 1 else items for key, items in values.lists()}


def request_data(request: HttpRequest) -> dict[str, Any]:
    """The action's parameters: the query string of a GET; a POST's form (one key holding JSON
    with an empty or "1" value is the JSON, as CKAN accepts from old clients), else its query
    string, else its JSON body. ValueError when the body is not a JSON object."""
    if request.method == "GET":
        return _mixed(request.GET)
    body = request.body  # read first: a form parsed from the stream leaves no body to read
    is_form = request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded")
    if request.POST:
        if len(request.POST) == 1 and next(iter(request.POST.values())) in ("1", ""):
            data = json.loads(next(iter(request.POST.keys())))
        else:
            return _mixed(request.POST)
    elif request.GET:
        return _mixed(request.GET)
    elif body.strip() and not is_form:
        data = json.loads(body)
    else:
        data = {}
    if not isinstance(data, dict):
        raise ValueError(f"Request data JSON decoded to {data!r} but it needs to be a dictionary.")
    return data


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, list):  # repeated: all of them must hold (Solr's several fq)
        return " ".join(str(v) for v in value if v is not None)
    return str(value)


def _natural(data: dict, key: str, default: int) -> int:
    value = data.get(key)
    if value is None or value == "":
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise Invalid({key: [_("Invalid integer")]}) from None
    if number < 0:
        raise Invalid({key: [_("Must be a natural number")]})
    return number


def _bool(data: dict, key: str, default: bool = False) -> bool:
    value = data.get(key)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in TRUE_WORDS


def _names(data: dict, key: str) -> list[str]:
    """A list given as a list, a repeated key, a JSON list in a string, or one name."""
    value = data.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = value
        value = decoded if isinstance(decoded, list) else [value]
    if not isinstance(value, list):
        value = [value]
    return [str(v) for v in value]


def _facet_limit(data: dict) -> int:
    """facet.limit: 50 by default, -1 for all of them (here: up to 1000)."""
    value = str(data.get("facet.limit") or FACET_LIMIT).strip()
    if value == "-1":
        return ROWS_MAX
    return min(_natural(data, "facet.limit", FACET_LIMIT) if value else FACET_LIMIT, ROWS_MAX)


def _required(data: dict, key: str = "id") -> str:
    value = _text(data, key).strip()
    if not value:
        raise Invalid({key: [_("Missing value")]})
    return value


# --- actions ----------------------------------------------------------------------------------

Action = Callable[[HttpRequest, dict], Any]
ACTIONS: dict[str, Action] = {}


def action(function: Action) -> Action:
    ACTIONS[function.__name__] = function
    return function


@action
def status_show(request: HttpRequest, data: dict) -> dict:
    """The site: its title, address, language and the CKAN version whose API it speaks."""
    return {
        "site_title": _("digiorg data catalogue"),
        "site_description": _("The department's open data, harvested by the national portal."),
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": [],
    }


@action
def help_show(request: HttpRequest, data: dict) -> str:
    """The documentation of an action (`name`)."""
    function = ACTIONS.get(_required(data, "name"))
    if function is None:
        raise NotFound(_("Action function not found"))
    return function.__doc__ or ""


@action
def package_list(request: HttpRequest, data: dict) -> list[str]:
    """The names of the public datasets, in order (`limit`, `offset`)."""
    offset = _natural(data, "offset", 0)
    names = public_datasets().order_by("name").values_list("name", flat=True)
    if "limit" in data and data["limit"] not in (None, ""):
        return list(names[offset : offset + _natural(data, "limit", 0)])
    return list(names[offset:])


def _dataset(key: str) -> Dataset:
    datasets = public_datasets().select_related("unit__organization")
    found = datasets.filter(uuid=key).first() if _is_uuid(key) else None
    found = found or datasets.filter(name=key).order_by("pk").first()
    if found is None:
        raise NotFound(_("Dataset not found"))
    return found


def _is_uuid(key: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}", key))


@action
def package_show(request: HttpRequest, data: dict) -> dict:
    """One public dataset by id or name, with its resources, tags, extras and usage."""
    return dataset_dicts(request, [_dataset(_required(data))])[0]


def _org_keys() -> dict[str, int]:
    keys: dict[str, int] = {}
    for org in public_orgs():
        keys.setdefault(org.name, org.pk)
        keys[org.id] = org.pk
    return keys


@action
def package_search(request: HttpRequest, data: dict) -> dict:
    """Search the public datasets: q (text and field:value), fq (filters), rows (10, at most
    1000), start, sort ("score desc, metadata_modified desc"; also id, name, title,
    metadata_created, views_recent, views_total), facet.field, facet.limit. Private datasets
    are never included (include_private and include_drafts change nothing)."""
    rows = min(_natural(data, "rows", ROWS_DEFAULT), ROWS_MAX)
    start = _natural(data, "start", 0)
    sort = _text(data, "sort").strip() or DEFAULT_SORT
    fq = " ".join([_text(data, "fq"), *(_names(data, "fq_list"))])
    lookup = Lookup(_org_keys)
    query = parse(_text(data, "q"), lookup, text_allowed=True)
    filters = parse(fq, lookup, text_allowed=False)
    datasets = public_datasets().filter(query.q).filter(filters.q)
    page = ordered(datasets, sort, query.terms)  # checks the sort before counting
    if query.terms and sort == DEFAULT_SORT:
        # by relevance: every match's (id, score, date) in one query, ordered here; a database
        # asked to sort them too reads every row instead of using its text index
        # (the time as text sorts like the time, and costs nothing to read)
        # and the rows are read as they come, without the ORM's per-value converters
        modified = Cast("modified_at", output_field=CharField())
        sql, params = page.order_by().values_list("pk", "score", modified).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            matches = sorted(cursor.fetchall())  # id asc, kept among equals by the stable sort:
        matches.sort(key=itemgetter(1, 2), reverse=True)  # score desc, then date desc
        count, ids = len(matches), [m[0] for m in matches[start : start + rows]]
    else:
        count = datasets.count()
        # the page's ids first (from the indexes alone), then those few rows whole
        ids = list(page.values_list("pk", flat=True)[start : start + rows]) if start < count else []
    results: list[dict] = []
    if ids:
        found = Dataset.objects.select_related("unit__organization").in_bulk(ids)
        results = dataset_dicts(request, [found[pk] for pk in ids])
    facets, search_facets = {}, {}
    fields = _names(data, "facet.field")
    if fields:
        limit = _facet_limit(data)
        for name in dict.fromkeys(fields):
            counted = facet_counts(datasets, name, limit) if count else []
            facets[name] = {value: n for value, _display, n in counted}
            search_facets[name] = {
                "title": name,
                "items": [
                    {"name": value, "display_name": display, "count": n}
                    for value, display, n in counted
                ],
            }
    return {
        "count": count,
        "results": results,
        "facets": facets,
        "search_facets": search_facets,
        "sort": sort,
    }


@action
def resource_show(request: HttpRequest, data: dict) -> dict:
    """One resource of a public dataset, by id."""
    key = _required(data)
    resource = (
        public_resources().select_related("dataset").filter(uuid=key).first()
        if _is_uuid(key)
        else None
    )
    if resource is None:
        raise NotFound(_("Resource was not found."))
    return resource_dict(request, resource, resource.dataset)


ORG_SORTS = {"name": "name", "title": "title", "package_count": "package_count"}


def _sorted_orgs(orgs: list[Org], sort: str) -> list[Org]:
    """Sort "name|title|package_count [asc|desc]" (several, comma-separated; default title)."""
    keys = []
    for part in (sort or "title asc").split(","):
        words = part.split()
        if not words:
            continue
        if (
            words[0] not in ORG_SORTS
            or len(words) > 2
            or (len(words) == 2 and words[1].lower() not in ("asc", "desc"))
        ):
            raise Invalid({"sort": [_("Cannot sort by field `%s`") % words[0]]})
        keys.append((ORG_SORTS[words[0]], len(words) == 2 and words[1].lower() == "desc"))
    for field, descending in reversed(keys):
        orgs = sorted(orgs, key=lambda org: getattr(org, field) or 0, reverse=descending)
    return orgs


def _org_list(request: HttpRequest, data: dict, orgs: list[Org]) -> list:
    all_fields = _bool(data, "all_fields")
    most = LIST_ALL_FIELDS_MAX if all_fields else LIST_MAX
    limit = min(_natural(data, "limit", most), most)
    offset = _natural(data, "offset", 0)
    chosen = _sorted_orgs(orgs, _text(data, "sort").strip())[offset : offset + limit]
    if all_fields:
        return [org.as_dict() for org in chosen]
    return [org.name for org in chosen]


@action
def organization_list(request: HttpRequest, data: dict) -> list:
    """The units that publish datasets: names, or dicts with `all_fields` (limit, offset,
    sort by name, title or package_count)."""
    return _org_list(request, data, public_orgs())


@action
def group_list(request: HttpRequest, data: dict) -> list:
    """digiorg has no CKAN groups: always empty."""
    return _org_list(request, data, [])


@action
def organization_show(request: HttpRequest, data: dict) -> dict:
    """A unit that publishes datasets, by id or name (include_datasets: its 10 latest)."""
    key = _required(data)
    org = next((o for o in public_orgs() if key in (o.id, o.name)), None)
    if org is None:
        raise NotFound(_("Organization was not found."))
    result = org.as_dict() | {
        "num_followers": 0,
        "users": [],
        "extras": [],
        "tags": [],
        "groups": [],
    }
    if _bool(data, "include_datasets"):
        latest = public_datasets().filter(unit_id=org.pk).select_related("unit__organization")
        chosen = list(latest.order_by(F("modified_at").desc(), "pk")[:10])
        result["packages"] = dataset_dicts(request, chosen)
    return result


@action
def group_show(request: HttpRequest, data: dict) -> dict:
    """digiorg has no CKAN groups: always Not Found."""
    _required(data)
    raise NotFound(_("Group was not found."))


@action
def tag_list(request: HttpRequest, data: dict) -> list:
    """The tags of the public datasets, in order (query: a part of the tag; all_fields)."""
    names = sorted(tag for tag, _n in tag_counts(public_datasets(), None))
    part = _text(data, "query").strip().lower()
    if part:
        names = [tag for tag in names if part in tag.lower()]
    if _bool(data, "all_fields"):
        return [tag_dict(tag) for tag in names]
    return names


@action
def license_list(request: HttpRequest, data: dict) -> list:
    """The licences a dataset may carry (the GD Catalog's list)."""
    return license_dicts()


# --- the views --------------------------------------------------------------------------------


def _json(status: int, body: Any) -> HttpResponse:
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json;charset=utf-8",
    )


def _error(status: int, help_url: str, error: dict) -> HttpResponse:
    return _json(status, {"help": help_url, "success": False, "error": error})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def api_root(request: HttpRequest) -> HttpResponse:
    return _json(200, {"version": 3})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action_view(request: HttpRequest, name: str) -> HttpResponse:
    function = ACTIONS.get(name)
    if function is None and not WRITE_ACTION.search(name):
        return _json(400, BAD_REQUEST.format(f"Action name not known: {name}"))
    help_url = request.build_absolute_uri(reverse("ckan-action", args=["help_show"]))
    help_url += f"?name={name}"
    if function is None:
        message = _("Access denied") + ": " + _("this catalogue's API only reads.")
        return _error(403, help_url, {"__type": "Authorization Error", "message": message})
    try:
        data = request_data(request)
    except ValueError as exc:
        return _json(400, BAD_REQUEST.format(f"JSON Error: {exc}"))
    try:
        result = function(request, data)
    except NotFound as exc:
        message = _("Not found") + ": " + str(exc)
        return _error(404, help_url, {"__type": "Not Found Error", "message": message})
    except Invalid as exc:
        return _error(409, help_url, {"__type": "Validation Error", **exc.errors})
    except SearchQueryError as exc:
        message = f"Search Query is invalid: {exc.args!r}"
        return _error(400, help_url, {"__type": "Search Query Error", "message": message})
    return _json(200, {"help": help_url, "success": True, "result": result})
