"""package_search's query language, the part of Solr's that CKAN clients send, turned into Django
filters over the public datasets.

`q` and `fq` share one grammar: clauses separated by spaces (all must hold) or joined by OR
(any may hold), a clause negated by "-" or NOT, "+" and AND accepted. A clause is `field:value`,
`field:"a phrase"`, `field:(a OR b)`, `field:[A TO B]` (inclusive) or `{A TO B}` (exclusive),
or `*:*`. In `q` a bare word or "phrase" is Thai or English text looked for in the dataset's
title, description and tags (search_text), and an unknown field:value is text too; in `fq` an
unknown field or a form not understood is a Search Query Error, never silently ignored (a
harvester that is told nothing would import nothing new).

Fields: organization (the owning unit's CKAN name or id), owner_org (id), groups (digiorg has
none: nothing matches), tags, res_format, license_id, name, id, metadata_modified and
metadata_created (ranges of ISO times, "*" open, "Z" or naive UTC, NOW and NOW-<n>DAYS), the GD
Catalog's single-value fields (data_type, data_category, geo_coverage, update_frequency_unit,
data_classification), and the constant ones (state:active, dataset_type:dataset, type:dataset,
private:false, capacity:public)."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, StrIndex
from django.db.models.lookups import GreaterThan

from .ckan_dicts import ORG_VALUES, Org
from .models import Dataset, Resource, Visit
from .tracking import recent_since


class SearchQueryError(Exception):
    """The query cannot be understood: 400 "Search Query Error"."""


class TagIn(Func):
    """True when the JSON list `tags` holds the value exactly (SQLite's JSON1; PostgreSQL uses
    jsonb containment through the `contains` lookup instead)."""

    output_field = BooleanField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):  # type: ignore[override]
        tags_sql, tags_params = compiler.compile(self.source_expressions[0])
        value_sql, value_params = compiler.compile(self.source_expressions[1])
        sql = f"EXISTS (SELECT 1 FROM json_each({tags_sql}) WHERE json_each.value = {value_sql})"
        return sql, (*tags_params, *value_params)


def text_q(column: str, term: str) -> Q:
    """`column` holds `term` (both lower case). SQLite: instr(), a plain byte search, several
    times faster on Thai text than LIKE '%...%' (which decodes and compares every character);
    PostgreSQL: LIKE, which the trigram index of search_text serves."""
    if connection.vendor == "sqlite":
        return Q(GreaterThan(StrIndex(F(column), Value(term)), 0))
    return Q(**{f"{column}__contains": term})


def tag_q(tag: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(tags__contains=[tag])
    return Q(TagIn(F("tags"), Value(tag)))


NOTHING = Q(pk__in=[])
EVERYTHING = Q()
SIMPLE_FIELDS = {
    "license_id": "license_id",
    "name": "name",
    "data_type": "data_type",
    "data_category": "data_category",
    "geo_coverage": "geo_coverage",
    "update_frequency_unit": "update_frequency_unit",
    "data_classification": "data_classification",
}
CONSTANT_FIELDS = {
    "state": "active",
    "dataset_type": "dataset",
    "type": "dataset",
    "private": "false",
    "capacity": "public",
}
DATE_FIELDS = {"metadata_modified": "modified_at", "metadata_created": "created_at"}
KNOWN_FIELDS = (
    {"organization", "owner_org", "groups", "tags", "res_format", "id", "text"}
    | SIMPLE_FIELDS.keys()
    | CONSTANT_FIELDS.keys()
    | DATE_FIELDS.keys()
)

TOKEN = re.compile(
    r"""
    (?P<op>(?:AND|OR|NOT|&&|\|\|)(?=\s|$))
    | (?P<sign>[+-])?
      (?:
        (?P<all>\*:\*)
        | (?P<field>[A-Za-z_][A-Za-z0-9_.]*):
          (?: "(?P<quoted>(?:[^"\\]|\\.)*)"
            | (?P<range>[\[{][^\]}]*[\]}])
            | \((?P<group>[^()]*)\)
            | (?P<bare>(?:[^\s"()\[\]{}\\]|\\.)+)
          )
        | "(?P<phrase>(?:[^"\\]|\\.)*)"
        | (?P<word>(?:[^\s"()\\]|\\.)+)
      )
    """,
    re.VERBOSE,
)
DATE_MATH = re.compile(r"^NOW(?:([+-])(\d+)(DAYS?|HOURS?|MINUTES?))?(?:/DAY)?$")


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


@dataclass
class Lookup:
    """What clauses need from the database, fetched only when a clause asks: the units that
    own public datasets, by CKAN name and id."""

    units: Callable[[], dict[str, int]]
    _cache: dict[str, int] | None = field(default=None, init=False)

    def unit_pk(self, key: str) -> int | None:
        if self._cache is None:
            self._cache = self.units()
        return self._cache.get(key)


def _time(text: str) -> datetime | None:
    """An end of a date range: "*" (open), an ISO time (UTC when naive or with Z), NOW[-nDAYS]."""
    if text == "*":
        return None
    math = DATE_MATH.match(text)
    if math:
        moment = datetime.now(UTC)
        if math.group(1):
            unit = math.group(3).rstrip("S").lower() + "s"
            delta = timedelta(**{unit: int(math.group(2))})
            moment = moment + delta if math.group(1) == "+" else moment - delta
        return moment
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise SearchQueryError(f"Cannot read the time {text!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _range_q(column: str, text: str, name: str) -> Q:
    inner = text[1:-1].strip()
    parts = inner.split(" TO ")
    if len(parts) != 2:
        raise SearchQueryError(f"Cannot read the range {name}:{text}")
    low, high = (_time(part.strip()) for part in parts)
    q = Q()
    if low is not None:
        q &= Q(**{f"{column}__{'gte' if text[0] == '[' else 'gt'}": low})
    if high is not None:
        q &= Q(**{f"{column}__{'lte' if text[-1] == ']' else 'lt'}": high})
    return q


def _value_q(name: str, value: str, lookup: Lookup) -> Q:
    """One field compared with one value."""
    if name == "organization" or name == "owner_org":
        if value == "*":
            return EVERYTHING
        pk = lookup.unit_pk(value)
        return NOTHING if pk is None else Q(unit_id=pk)
    if name == "groups":
        return NOTHING
    if name == "tags":
        return ~Q(tags=[]) if value == "*" else tag_q(value)
    if name == "res_format":
        resources = Resource.objects.filter(dataset=OuterRef("pk"))
        if value != "*":  # as typed, upper or lower case; not iexact: the planner sees format
            resources = resources.filter(format__in={value, value.upper(), value.lower()})
        return Q(Exists(resources))
    if name == "id":
        if value == "*":
            return EVERYTHING
        try:
            return Q(uuid=uuid.UUID(value))
        except ValueError:
            return NOTHING
    if name == "text":
        return text_q("search_text", value.lower())
    if name in CONSTANT_FIELDS:
        return EVERYTHING if value.lower() in (CONSTANT_FIELDS[name], "*") else NOTHING
    if name in SIMPLE_FIELDS:
        return EVERYTHING if value == "*" else Q(**{SIMPLE_FIELDS[name]: value})
    raise SearchQueryError(f"Cannot filter on {name}:{value}")


def _clause_q(match: re.Match, lookup: Lookup, *, text_allowed: bool) -> tuple[Q, str | None]:
    """(filter, text term or None) of one clause."""
    if match.group("all"):
        return EVERYTHING, None
    if match.group("phrase") is not None or match.group("word") is not None:
        if not text_allowed:
            raise SearchQueryError(f"Cannot read {match.group(0)!r}: give field:value")
        text = _unescape(match.group("phrase") or match.group("word") or "").strip()
        return (text_q("search_text", text.lower()), text) if text else (EVERYTHING, None)
    name = match.group("field")
    if name not in KNOWN_FIELDS:
        if text_allowed:  # q: "abc:def" is text
            raw = _unescape(match.group(0).lstrip("+-"))
            return text_q("search_text", raw.lower()), raw
        raise SearchQueryError(f"Unknown field {name!r} in fq")
    if match.group("range") is not None:
        if name not in DATE_FIELDS:
            raise SearchQueryError(f"{name} cannot be a range")
        return _range_q(DATE_FIELDS[name], match.group("range"), name), None
    if name in DATE_FIELDS:
        raise SearchQueryError(f"Give {name} as a range: {name}:[FROM TO TO]")
    if match.group("group") is not None:
        values = [v.strip().strip('"') for v in re.split(r"\s+OR\s+", match.group("group"))]
        if not all(values):
            raise SearchQueryError(f"Cannot read {match.group(0)!r}")
        q = NOTHING
        for value in values:
            q |= _value_q(name, _unescape(value), lookup)
        return q, (values[0] if name == "text" else None)
    value = _unescape(
        match.group("quoted") if match.group("quoted") is not None else match.group("bare")
    )
    return _value_q(name, value, lookup), (value if name == "text" else None)


@dataclass
class Parsed:
    q: Q
    terms: list[str]  # the text looked for (for the relevance score)


def parse(text: str, lookup: Lookup, *, text_allowed: bool) -> Parsed:
    """The filter of a q or fq string (see the module's docstring)."""
    groups: list[list[Q]] = []  # AND of ORs
    terms: list[str] = []
    position, joined, negate = 0, False, False
    text = text.strip()
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        match = TOKEN.match(text, position)
        if match is None or not match.group(0):
            raise SearchQueryError(f"Cannot read the query near {text[position : position + 30]!r}")
        position = match.end()
        operator = match.group("op")
        if operator in ("OR", "||"):
            if not groups or joined or negate:
                raise SearchQueryError("OR must stand between two clauses")
            joined = True
            continue
        if operator in ("AND", "&&"):
            if not groups or joined or negate:
                raise SearchQueryError("AND must stand between two clauses")
            continue
        if operator == "NOT":
            negate = True
            continue
        q, term = _clause_q(match, lookup, text_allowed=text_allowed)
        if term and match.group("sign") != "-" and not negate:
            terms.append(term)
        if match.group("sign") == "-" or negate:
            q = ~q if q != EVERYTHING else NOTHING
        if joined:
            groups[-1].append(q)
        else:
            groups.append([q])
        joined, negate = False, False
    if joined or negate:
        raise SearchQueryError("The query ends with an operator")
    result = Q()
    for group in groups:
        either = group[0]
        for q in group[1:]:
            either |= q
        result &= either
    return Parsed(result, terms)


# --- sort -------------------------------------------------------------------------------------

DEFAULT_SORT = "score desc, metadata_modified desc"
SORT_FIELDS = {
    "score": "score",
    "metadata_modified": "modified_at",
    "metadata_created": "created_at",
    "id": "uuid",
    "name": "name",
    "title": "title",
    "title_string": "title",
    "views_recent": "views_recent",
    "views_total": "views_total",
}


def _views(recent: bool):
    visits = Visit.objects.filter(dataset=OuterRef("pk"), resource=None)
    if recent:
        visits = visits.filter(day__gte=recent_since())
    counted = visits.order_by().values("dataset").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def ordered(datasets: QuerySet[Dataset], sort: str, terms: list[str]) -> QuerySet[Dataset]:
    """`datasets` in the order of a Solr sort string ("field asc|desc, ..."); the primary key
    last, so that paging is stable. Score: the text's words found in the title count most."""
    order = []
    for part in (sort or DEFAULT_SORT).split(","):
        words = part.split()
        if not words:
            continue
        if (
            len(words) != 2
            or words[0] not in SORT_FIELDS
            or words[1].lower() not in ("asc", "desc")
        ):
            raise SearchQueryError('Invalid "sort" parameter')
        name, descending = SORT_FIELDS[words[0]], words[1].lower() == "desc"
        if name == "score":
            if not terms:
                continue  # every match scores the same
            score: Any = Value(1)
            datasets = datasets.annotate(title_lower=Lower("title"))
            for term in terms:
                in_title = text_q("title_lower", term.lower())
                score = score + Case(When(in_title, then=Value(2)), default=Value(0))
            datasets = datasets.annotate(score=score)
        elif name in ("views_recent", "views_total"):
            datasets = datasets.annotate(**{f"ckan_{name}": _views(name == "views_recent")})
            name = f"ckan_{name}"
        order.append(F(name).desc() if descending else F(name).asc())
    return datasets.order_by(*order, "pk")


# --- facets -----------------------------------------------------------------------------------

FACET_LIMIT = 50


def tag_counts(datasets: QuerySet[Dataset], limit: int | None) -> list[tuple[str, int]]:
    """(tag, datasets) of `datasets`, most used first, in one query."""
    table = Dataset._meta.db_table
    inner, params = datasets.order_by().values("pk").query.sql_with_params()
    if connection.vendor == "postgresql":
        source, value = f"{table} d, jsonb_array_elements_text(d.tags) t(value)", "t.value"
    else:
        source, value = f"{table} d, json_each(d.tags) t", "t.value"
    sql = (
        f"SELECT {value}, COUNT(*) FROM {source} WHERE d.id IN ({inner}) "
        f"GROUP BY {value} ORDER BY COUNT(*) DESC, {value}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(str(name), count) for name, count in cursor.fetchall()]


def facet_counts(datasets: QuerySet[Dataset], name: str, limit: int) -> list[tuple[str, str, int]]:
    """(value, display name, datasets) of one facet field, one query (none for groups and
    unknown fields, which have no values)."""
    plain = datasets.order_by()
    if name == "organization":
        rows = (
            plain.values(*ORG_VALUES)
            .annotate(package_count=Count("pk"))
            .order_by("-package_count", "unit__name_th")[:limit]
        )
        orgs = [Org.of_row(row) for row in rows]
        return [(org.name, org.title, org.package_count or 0) for org in orgs]
    if name == "tags":
        return [(tag, tag, n) for tag, n in tag_counts(datasets, limit)]
    if name == "res_format":
        rows = (
            Resource.objects.filter(dataset__in=plain.values("pk"))
            .exclude(format="")
            .values("format")
            .annotate(n=Count("dataset", distinct=True))
            .order_by("-n", "format")[:limit]
        )
        return [(r["format"], r["format"], r["n"]) for r in rows]
    if name in SIMPLE_FIELDS and name != "name":
        column = SIMPLE_FIELDS[name]
        rows = (
            plain.exclude(**{column: ""})
            .values(column)
            .annotate(n=Count("pk"))
            .order_by("-n", column)[:limit]
        )
        return [(r[column], r[column], r["n"]) for r in rows]
    return []
