"""The score tree of a cycle (department, or one unit and the units below it), computed from
the assessments by the pure functions in compute.py. Five queries, whatever the data size."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, FilteredRelation, OuterRef, Q

from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.slots import cycle_slots
from digiorg.frameworks.models import Criterion, FrameworkNode
from digiorg.org.models import OrgUnit

from . import compute
from .models import ScoreSnapshot, SnapshotDue


@dataclass
class ScoreInputs:
    nodes: list[FrameworkNode]
    criteria: list[compute.CriterionSpec]
    slots: list[compute.Slot]
    levels: list[compute.Level]


def score_inputs(cycle) -> ScoreInputs:
    # criteria with the codes of their active options (a LEFT JOIN: one row per option)
    rows = (
        Criterion.objects.filter(framework_id=cycle.framework_id, retired=False)
        .annotate(active=FilteredRelation("options", condition=Q(options__retired=False)))
        .order_by("position", "active__position")
        .values_list("id", "node_id", "weight", "scope", "kind", "min_options", "active__code")
    )
    criteria: dict[int, tuple] = {}
    codes: dict[int, set[str]] = {}
    for c, n, w, scope, kind, low, code in rows:
        criteria.setdefault(c, (n, w, scope, kind, low))
        if code is not None:
            codes.setdefault(c, set()).add(code)
    answers = {
        (c, u): (result, status, scope, len(codes.get(c, set()).intersection(ticked or ())))
        for c, u, result, status, scope, ticked in CriterionAssessment.objects.filter(
            cycle=cycle
        ).values_list("criterion_id", "unit_id", "result", "status", "scope", "options")
    }
    slot_keys = cycle_slots(
        cycle,
        criteria=[(c, spec[2]) for c, spec in criteria.items()],
        assessments=[(c, u, scope) for (c, u), (_, _, scope, _) in answers.items()],
    )
    slots = []
    for c, u in slot_keys:
        result, status, _, ticked = answers.get((c, u), (None, None, None, 0))
        slots.append(compute.Slot(c, u, result, status, ticked))
    nodes = list(
        FrameworkNode.objects.filter(framework_id=cycle.framework_id, retired=False).order_by(
            "position"
        )
    )
    levels = framework_levels(cycle.framework)
    specs = [
        compute.CriterionSpec(c, n, float(w), kind, len(codes.get(c, ())), low)
        for c, (n, w, _, kind, low) in criteria.items()
    ]
    return ScoreInputs(nodes, specs, slots, levels)


def compute_tree(inputs: ScoreInputs, unit_ids: set[int] | None = None) -> compute.ScoreTree:
    slots = inputs.slots if unit_ids is None else [s for s in inputs.slots if s.unit_id in unit_ids]
    nodes = [compute.Node(n.pk, n.parent_id, n.position) for n in inputs.nodes]
    return compute.score_tree(nodes, inputs.criteria, slots, inputs.levels)


def subtree_unit_ids(unit: OrgUnit) -> set[int]:
    return set(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def framework_levels(framework) -> list[compute.Level]:
    """The framework file's readiness bands, for compute.level_for."""
    return [compute.Level(str(band["code"]), float(band["min"])) for band in framework.levels]


def level_band(framework, score: float | None) -> dict[str, Any] | None:
    """{"code", "label": {"th", "en"}} of the band a score falls in, or None."""
    return _level(framework, compute.level_for(score, framework_levels(framework)))


def _level(framework, code: str | None) -> dict[str, Any] | None:
    for band in framework.levels:
        if str(band["code"]) == code:
            return {"code": code, "label": band["label"]}
    return None


def snapshot_current() -> dict[str, Exists]:
    """Annotations for a Cycle queryset, in its own query: `snapshot_taken` (it has a newest
    department snapshot) and `snapshot_due` (a refresh is queued: the snapshot lags behind).
    score_document(stored=True) reads the snapshot when taken and not due."""
    return {
        "snapshot_taken": Exists(
            ScoreSnapshot.objects.filter(cycle=OuterRef("pk"), latest=True, unit=None, node=None)
        ),
        "snapshot_due": Exists(SnapshotDue.objects.filter(cycle=OuterRef("pk"))),
    }


def stored_tree(cycle, unit: OrgUnit | None) -> tuple[compute.ScoreTree, list] | None:
    """The department's (or `unit`'s) score tree as the cycle's newest snapshot holds it, with
    the framework's nodes, or None when the snapshot lacks a node of it. Two queries. Equal to
    compute_tree's while no refresh of the cycle is due: the snapshot is taken by the same code
    (services.score_trees), and the levels follow from the stored scores."""
    rows = ScoreSnapshot.objects.filter(cycle=cycle, unit=unit, latest=True).values_list(
        "node_id", "self_score", "verified_score", "progress", "applicable", "answered",
        "verified",
    )  # fmt: skip
    stored: dict[int | None, list] = {node_id: figures for node_id, *figures in rows}
    if None not in stored:
        return None
    nodes = list(
        FrameworkNode.objects.filter(framework_id=cycle.framework_id, retired=False).order_by(
            "position"
        )
    )
    levels = framework_levels(cycle.framework)
    children: dict[int | None, list[FrameworkNode]] = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n)

    def figures(node_id: int | None) -> dict[str, Any]:
        self_score, verified_score, progress, applicable, answered, verified = stored[node_id]
        return {
            "self_score": self_score, "verified_score": verified_score, "progress": progress,
            "applicable": applicable, "answered": answered, "verified": verified,
            "self_level": compute.level_for(self_score, levels),
            "verified_level": compute.level_for(verified_score, levels),
        }  # fmt: skip

    def below(parent_id: int | None) -> list[compute.NodeScore]:
        # in compute.score_tree's order: position, then id
        kids = sorted(children.get(parent_id, ()), key=lambda n: (n.position, n.pk))
        return [compute.NodeScore(n.pk, **figures(n.pk), children=below(n.pk)) for n in kids]

    try:
        return compute.ScoreTree(**figures(None), dimensions=below(None)), nodes
    except KeyError:  # the snapshot is of other nodes (the framework changed since)
        return None


def score_document(cycle, unit: OrgUnit | None = None, *, stored: bool = False) -> dict[str, Any]:
    """The tree as the API and pages show it: overall, each dimension and topic, with self
    and verified scores (0-100, two decimals), readiness levels and progress. `stored`: the
    caller has found the cycle's newest snapshot current (snapshot_current): the tree is read
    from it, in two queries whatever the number of answers, where computing it reads every
    answer of the cycle (unless the snapshot lacks the unit: it answers nothing itself)."""
    found = stored_tree(cycle, unit) if stored else None
    if found is not None:
        tree, nodes = found
    else:
        inputs = score_inputs(cycle)
        nodes = inputs.nodes
        tree = compute_tree(inputs, subtree_unit_ids(unit) if unit is not None else None)
    by_id = {n.pk: n for n in nodes}
    framework = cycle.framework

    def figures(item) -> dict[str, Any]:
        return {
            "self_score": _round(item.self_score),
            "verified_score": _round(item.verified_score),
            "self_level": _level(framework, item.self_level),
            "verified_level": _level(framework, item.verified_level),
            "progress": _round(item.progress),
            "applicable": item.applicable,
            "answered": item.answered,
            "verified": item.verified,
        }

    def node(item) -> dict[str, Any]:
        n = by_id[item.node_id]
        return {
            "ref": n.ref,
            "kind": n.kind,
            "title": {"th": n.title_th, "en": n.title_en},
            **figures(item),
            "children": [node(child) for child in item.children],
        }

    return {
        "cycle": cycle.pk,
        "fiscal_year": cycle.fiscal_year,
        "unit": unit.pk if unit is not None else None,
        **figures(tree),
        "dimensions": [node(d) for d in tree.dimensions],
    }
