"""Reads: framework lists, trees and the canonical document for export."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Criterion, CriterionOption, Framework, FrameworkNode


def framework_list() -> QuerySet[Framework]:
    return Framework.objects.annotate(
        node_count=Count("nodes", filter=Q(nodes__retired=False), distinct=True),
        criterion_count=Count("criteria", filter=Q(criteria__retired=False), distinct=True),
    ).order_by("-fiscal_year", "code")


def framework_nodes(framework: Framework) -> list[FrameworkNode]:
    """Active nodes in document order, each with its active criteria and their active options:
    three queries."""
    options = CriterionOption.objects.filter(retired=False).order_by("position")
    criteria = (
        Criterion.objects.filter(retired=False)
        .order_by("position")
        .prefetch_related(Prefetch("options", queryset=options, to_attr="active_options"))
    )
    return list(
        framework.nodes.filter(retired=False)
        .select_related("parent")
        .prefetch_related(Prefetch("criteria", queryset=criteria, to_attr="active_criteria"))
        .order_by("position")
    )


def _text(obj: object, field: str) -> dict[str, str]:
    return {"th": getattr(obj, f"{field}_th"), "en": getattr(obj, f"{field}_en")}


def _optional(out: dict[str, Any], key: str, value: Any) -> None:
    if value and (not isinstance(value, dict) or any(value.values())):
        out[key] = value


def _number(value: Any) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def framework_document(framework: Framework) -> dict[str, Any]:
    """The framework as a library file would hold it (retired nodes left out)."""
    doc: dict[str, Any] = {
        "urn": framework.urn,
        "code": framework.code,
        "version": framework.version,
    }
    _optional(doc, "fiscal_year", framework.fiscal_year)
    doc["title"] = _text(framework, "title")
    for key in ("description", "provider", "source"):
        _optional(doc, key, _text(framework, key))
    doc["levels"] = framework.levels
    doc["nodes"] = []
    for node in framework_nodes(framework):
        item: dict[str, Any] = {"ref": node.ref}
        _optional(item, "parent", node.parent.ref if node.parent else None)
        item["kind"] = node.kind
        item["title"] = _text(node, "title")
        _optional(item, "guidance", _text(node, "guidance"))
        _optional(item, "references", node.references)
        criteria = []
        for criterion in node.active_criteria:  # type: ignore[attr-defined]  # Prefetch to_attr
            entry: dict[str, Any] = {
                "ref": criterion.ref,
                "text": _text(criterion, "text"),
                "scope": criterion.scope,
                "weight": _number(criterion.weight),
            }
            _optional(entry, "evidence_hint", _text(criterion, "evidence_hint"))
            _optional(entry, "references", criterion.references)
            if criterion.kind != Criterion.Kind.RESULT:
                entry["kind"] = criterion.kind
                entry["options"] = [
                    {"code": o.code, "label": _text(o, "label")}
                    for o in criterion.active_options  # type: ignore[attr-defined]  # Prefetch to_attr
                ]
                _optional(entry, "min", criterion.min_options)
            _optional(entry, "indicators", criterion.indicators)
            criteria.append(entry)
        _optional(item, "criteria", criteria)
        doc["nodes"].append(item)
    return doc


def framework_get(code: str) -> Framework | None:
    return Framework.objects.filter(code=code).first()


def _matches(query: str, *texts: str) -> bool:
    return any(query in text.casefold() for text in texts if text)


def framework_outline(framework: Framework, query: str = "") -> list[dict[str, Any]]:
    """Nodes in document order with the criteria to show, filtered by a ref or text search.

    A node matches on its ref (prefix), title or guidance and then shows all its criteria; a
    criterion matches on its ref (prefix) or text and brings its node along. Ancestors of
    anything shown are shown too, so a result always has its context.
    """
    nodes = framework_nodes(framework)
    query = " ".join(query.split()).casefold()
    rows = [
        {"node": n, "criteria": n.active_criteria, "match": not query}  # type: ignore[attr-defined]  # Prefetch to_attr
        for n in nodes
    ]
    if not query:
        return rows
    by_pk = {row["node"].pk: row for row in rows}
    shown: set[int] = set()
    for row in rows:
        node = row["node"]
        if node.ref.casefold().startswith(query) or _matches(
            query, node.title_th, node.title_en, node.guidance_th, node.guidance_en
        ):
            row["match"] = True
        else:
            row["criteria"] = [
                c
                for c in node.active_criteria
                if c.ref.casefold().startswith(query) or _matches(query, c.text_th, c.text_en)
            ]
        if row["match"] or row["criteria"]:
            pk: int | None = node.pk
            while pk is not None and pk not in shown:
                shown.add(pk)
                pk = by_pk[pk]["node"].parent_id if pk in by_pk else None
    return [row for row in rows if row["node"].pk in shown]
