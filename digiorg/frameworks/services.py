"""Writes: load a framework file into the database, upgrading the same URN in place."""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from digiorg.core.errors import require

from .loader import FrameworkFileError, content_sha256
from .models import Criterion, CriterionOption, Framework, FrameworkNode
from .permissions import framework_may_load

LIBRARY_DIR = Path(__file__).resolve().parent / "library"


@dataclass
class LoadResult:
    framework: Framework
    outcome: str  # "created", "upgraded" or "unchanged"
    nodes: int = 0
    criteria: int = 0
    retired: int = 0


def _pair(data: dict[str, Any], key: str) -> dict[str, str]:
    text = data[key]
    return {f"{key}_th": text["th"], f"{key}_en": text["en"]}


@transaction.atomic
def framework_load(doc: dict[str, Any], filename: str = "<data>", *, actor=None) -> LoadResult:
    """Load a canonical framework (see loader.parse_framework). `actor` is the person loading
    it (checked by permissions.framework_may_load); None is a command or a seeder.

    A new URN is created. The same URN with a higher version is upgraded in place: nodes and
    criteria keep their rows (matched by ref), options theirs (matched by criterion and code),
    so everything that points at them stays valid, answers included; those the new version
    drops are retired, never deleted. The same version with the same
    content changes nothing; an older version, or the same version with other content, is refused.
    """
    require(actor is None or framework_may_load(actor))
    sha = content_sha256(doc)
    existing = Framework.objects.select_for_update().filter(urn=doc["urn"]).first()
    clash = Framework.objects.filter(code=doc["code"]).exclude(urn=doc["urn"]).first()
    if clash:
        raise FrameworkFileError([
            f"{filename}: code: " + _("“%(code)s” is already used by %(urn)s")
            % {"code": doc["code"], "urn": clash.urn}
        ])  # fmt: skip
    if existing:
        if doc["version"] < existing.version or (
            doc["version"] == existing.version and sha != existing.content_sha256
        ):
            raise FrameworkFileError([
                f"{filename}: version: "
                + _("version %(new)s cannot replace the loaded version %(old)s; raise the version")
                % {"new": doc["version"], "old": existing.version}
            ])  # fmt: skip
        if sha == existing.content_sha256:
            return LoadResult(existing, "unchanged")
    fields = {
        "code": doc["code"],
        "version": doc["version"],
        "fiscal_year": doc["fiscal_year"],
        **_pair(doc, "title"),
        **_pair(doc, "description"),
        **_pair(doc, "provider"),
        **_pair(doc, "source"),
        "levels": doc["levels"],
        "content_sha256": sha,
    }
    framework, created = Framework.objects.update_or_create(urn=doc["urn"], defaults=fields)
    result = LoadResult(framework, "created" if created else "upgraded")
    _sync_tree(framework, doc["nodes"], result)
    return result


def _sync_tree(framework: Framework, nodes: list[dict], result: LoadResult) -> None:
    old_nodes = {n.ref: n for n in FrameworkNode.objects.filter(framework=framework)}
    old_criteria = {c.ref: c for c in Criterion.objects.filter(framework=framework)}
    old_options = {
        (o.criterion_id, o.code): o
        for o in CriterionOption.objects.filter(criterion__framework=framework)
    }
    by_ref: dict[str, FrameworkNode] = {}
    criterion_position = 0
    for position, data in enumerate(nodes, 1):
        node = old_nodes.pop(data["ref"], None) or FrameworkNode(
            framework=framework, ref=data["ref"]
        )
        node.urn = f"{framework.urn}:{data['ref']}"
        node.parent = by_ref[data["parent"]] if data["parent"] else None
        node.kind = data["kind"]
        node.position = position
        node.references = data["references"]
        node.retired = False
        for key, value in {**_pair(data, "title"), **_pair(data, "guidance")}.items():
            setattr(node, key, value)
        node.save()
        by_ref[node.ref] = node
        result.nodes += 1
        for item in data["criteria"]:
            criterion_position += 1
            criterion = old_criteria.pop(item["ref"], None) or Criterion(
                framework=framework, ref=item["ref"]
            )
            criterion.node = node
            criterion.urn = f"{framework.urn}:{item['ref']}"
            criterion.position = criterion_position
            criterion.scope = item["scope"]
            criterion.weight = Decimal(str(item["weight"]))
            criterion.references = item["references"]
            criterion.kind = item.get("kind", Criterion.Kind.RESULT)
            criterion.min_options = item.get("min")
            criterion.indicators = item.get("indicators", [])
            criterion.retired = False
            for key, value in {**_pair(item, "text"), **_pair(item, "evidence_hint")}.items():
                setattr(criterion, key, value)
            criterion.save()
            result.criteria += 1
            for option_position, data_option in enumerate(item.get("options", ()), 1):
                option = old_options.pop((criterion.pk, data_option["code"]), None)
                option = option or CriterionOption(criterion=criterion, code=data_option["code"])
                option.position = option_position
                option.label_th, option.label_en = (data_option["label"][k] for k in ("th", "en"))
                option.retired = False
                option.save()
    retired_criteria = [c.pk for c in old_criteria.values() if not c.retired]
    retired_nodes = [n.pk for n in old_nodes.values() if not n.retired]
    retired_options = [o.pk for o in old_options.values() if not o.retired]
    Criterion.objects.filter(pk__in=retired_criteria).update(retired=True)
    FrameworkNode.objects.filter(pk__in=retired_nodes).update(retired=True)
    CriterionOption.objects.filter(pk__in=retired_options).update(retired=True)
    result.retired = len(retired_criteria) + len(retired_nodes) + len(retired_options)
