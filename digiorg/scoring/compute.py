"""Readiness scores for the Digital Government Readiness framework (pure Python, no Django).

Rules:

* A *slot* is one expected answer: one per unit a unit-scope criterion applies to, one for a
  department-scope criterion.  Its result is met (1 point), partial (0.5), not_met (0),
  not_applicable, or unanswered (None / ""); its status is draft, submitted, verified,
  returned, or None (no assessment yet).
* Criterion kinds.  A "result" criterion (the default) is worth its result's points.  A
  "checklist" or "any_of" criterion is answered by ticking which of its n options are in place
  (Slot.ticked = how many of its active options are ticked); its result is derived from them
  by option_outcome, and a counted met / partial / not_met answer is worth:
    - checklist: ticked / n (the share in place), or 0 when fewer than its minimum are ticked
      (min_options; no minimum when None).  Derived result: met when all n are in place,
      partial when some are (and at least the minimum), else not_met.  So 3 of 11 options is
      partial, worth 3/11 = 0.2727 (not 0.5).
    - any_of: met (1) when at least k = min_options (default 1) are ticked, else not_met (0);
      never partial.
  not_applicable is chosen, not derived: it is excluded like any other not_applicable.
* Two score kinds.  SELF counts results whose status is submitted or verified; VERIFIED counts
  only verified results.  A slot whose result is not counted (wrong status, or unanswered) is
  worth 0 points: applicable but unproven.  A slot whose counted result is not_applicable is
  excluded.
* Criterion value = mean points of its non-excluded slots; None when every slot is excluded
  (or it has none).
* Node score = plain mean of its parts' non-None scores, where the parts are its children and,
  if it carries criteria, one extra part: the weighted mean (Criterion.weight) of their non-None
  values x 100.  A leaf topic's score is thus just that weighted mean.  No parts -> None: left
  out, never counted as 0.  Dimensions are the nodes with parent_id None; overall = plain mean
  of the non-None dimension scores (each dimension weighs the same).
* Progress = answered / applicable x 100, summed over every slot in the subtree (not averaged):
  applicable = slots not excluded under SELF, answered = slots with a submitted or verified
  met / partial / not_met.  None when nothing is applicable.
* Readiness level = the code of the band with the greatest min <= score; None for a None score
  or a score below every band.

Slots of unknown criteria, criteria of unknown nodes, and nodes whose parent is unknown (with
their subtrees) are ignored.  Nothing is rounded.  Work is O(nodes + criteria + slots).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

POINTS: dict[str, float] = {"met": 1.0, "partial": 0.5, "not_met": 0.0}
RESULT, CHECKLIST, ANY_OF = "result", "checklist", "any_of"
OPTION_KINDS: frozenset[str] = frozenset({CHECKLIST, ANY_OF})
NOT_APPLICABLE = "not_applicable"
SELF: frozenset[str] = frozenset({"submitted", "verified"})
VERIFIED: frozenset[str] = frozenset({"verified"})


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    order: int = 0


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    node_id: int
    weight: float = 1.0
    kind: str = RESULT
    options: int = 0  # active options of a checklist or any_of criterion
    min_options: int | None = None  # checklist: minimum (None: none); any_of: k (None: 1)


@dataclass(frozen=True)
class Slot:
    criterion_id: int
    unit_id: int | None
    result: str | None
    status: str | None
    ticked: int = 0  # checklist / any_of: how many of the criterion's active options are ticked


@dataclass(frozen=True)
class Level:
    code: str
    min: float


@dataclass
class NodeScore:
    node_id: int
    self_score: float | None
    verified_score: float | None
    progress: float | None
    applicable: int
    answered: int
    verified: int
    self_level: str | None
    verified_level: str | None
    children: list[NodeScore] = field(default_factory=list)


@dataclass
class ScoreTree:
    self_score: float | None
    verified_score: float | None
    progress: float | None
    applicable: int
    answered: int
    verified: int
    self_level: str | None
    verified_level: str | None
    dimensions: list[NodeScore] = field(default_factory=list)


def option_outcome(
    kind: str, ticked: int, options: int, min_options: int | None
) -> tuple[str, float]:
    """(derived result, points) of a checklist or any_of answer ticking `ticked` of `options`."""
    if kind == ANY_OF:
        return ("met", 1.0) if ticked >= (min_options or 1) else ("not_met", 0.0)
    if kind != CHECKLIST:
        raise ValueError(f"criterion kind {kind!r} has no options")
    if not options or ticked < (min_options or 1):
        return "not_met", 0.0
    ticked = min(ticked, options)
    return ("met" if ticked == options else "partial"), ticked / options


def points(slot: Slot, counted: frozenset[str], spec: CriterionSpec | None = None) -> float | None:
    """Points of one slot under a score kind; None means the slot is excluded."""
    if slot.status not in counted or not slot.result:
        return 0.0
    if slot.result == NOT_APPLICABLE:
        return None
    if spec is not None and spec.kind in OPTION_KINDS and slot.result in POINTS:
        return option_outcome(spec.kind, slot.ticked, spec.options, spec.min_options)[1]
    return POINTS.get(slot.result, 0.0)


def criterion_value(
    slots: Iterable[Slot], counted: frozenset[str], spec: CriterionSpec | None = None
) -> float | None:
    """Mean points over the non-excluded slots; None when all are excluded."""
    values = [p for p in (points(s, counted, spec) for s in slots) if p is not None]
    return sum(values) / len(values) if values else None


def level_for(score: float | None, levels: Sequence[Level]) -> str | None:
    """Code of the band with the greatest min <= score."""
    if score is None:
        return None
    best: Level | None = None
    for level in levels:
        if level.min <= score and (best is None or level.min > best.min):
            best = level
    return best.code if best else None


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _percent(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


class _Tally:
    """Running sums for one criterion (or one subtree, for the counts)."""

    __slots__ = (
        "answered", "applicable", "self_sum", "spec", "verified", "verified_n", "verified_sum",
    )  # fmt: skip

    def __init__(self, spec: CriterionSpec | None = None) -> None:
        self.spec = spec
        self.self_sum = 0.0
        self.applicable = 0  # slots not excluded under SELF (= SELF's denominator)
        self.verified_sum = 0.0
        self.verified_n = 0
        self.answered = 0
        self.verified = 0

    def add(self, slot: Slot) -> None:
        self_points = points(slot, SELF, self.spec)
        if self_points is not None:
            self.self_sum += self_points
            self.applicable += 1
        verified_points = points(slot, VERIFIED, self.spec)
        if verified_points is not None:
            self.verified_sum += verified_points
            self.verified_n += 1
        if slot.result in POINTS:
            self.answered += slot.status in SELF
            self.verified += slot.status in VERIFIED

    def self_value(self) -> float | None:
        return self.self_sum / self.applicable if self.applicable else None

    def verified_value(self) -> float | None:
        return self.verified_sum / self.verified_n if self.verified_n else None


def _weighted(pairs: list[tuple[float, float | None]]) -> float | None:
    """Weighted mean x 100 of the non-None values of (weight, value) pairs."""
    present = [(w, v) for w, v in pairs if v is not None]
    total = sum(w for w, _ in present)
    return sum(w * v for w, v in present) / total * 100 if present and total else None


def score_tree(
    nodes: Sequence[Node],
    criteria: Sequence[CriterionSpec],
    slots: Sequence[Slot],
    levels: Sequence[Level] = (),
) -> ScoreTree:
    """Score every node reachable from a dimension, and the overall."""
    node_ids = {n.id for n in nodes}
    children: dict[int | None, list[Node]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)

    by_node: dict[int, list[CriterionSpec]] = defaultdict(list)
    tallies: dict[int, _Tally] = {}
    for criterion in criteria:
        if criterion.node_id in node_ids:
            by_node[criterion.node_id].append(criterion)
            tallies[criterion.id] = _Tally(criterion)
    for slot in slots:
        tally = tallies.get(slot.criterion_id)
        if tally is not None:
            tally.add(slot)

    def score(node: Node) -> NodeScore:
        kids = [score(k) for k in sorted(children.get(node.id, ()), key=lambda n: (n.order, n.id))]
        own = [(float(c.weight), tallies[c.id]) for c in by_node.get(node.id, ())]
        own_self = _weighted([(w, t.self_value()) for w, t in own])
        own_verified = _weighted([(w, t.verified_value()) for w, t in own])
        self_score = _mean([*(k.self_score for k in kids), own_self])
        verified_score = _mean([*(k.verified_score for k in kids), own_verified])
        applicable = sum(t.applicable for _, t in own) + sum(k.applicable for k in kids)
        answered = sum(t.answered for _, t in own) + sum(k.answered for k in kids)
        verified = sum(t.verified for _, t in own) + sum(k.verified for k in kids)
        return NodeScore(
            node_id=node.id,
            self_score=self_score,
            verified_score=verified_score,
            progress=_percent(answered, applicable),
            applicable=applicable,
            answered=answered,
            verified=verified,
            self_level=level_for(self_score, levels),
            verified_level=level_for(verified_score, levels),
            children=kids,
        )

    dimensions = [score(d) for d in sorted(children.get(None, ()), key=lambda n: (n.order, n.id))]
    self_score = _mean(d.self_score for d in dimensions)
    verified_score = _mean(d.verified_score for d in dimensions)
    applicable = sum(d.applicable for d in dimensions)
    answered = sum(d.answered for d in dimensions)
    return ScoreTree(
        self_score=self_score,
        verified_score=verified_score,
        progress=_percent(answered, applicable),
        applicable=applicable,
        answered=answered,
        verified=sum(d.verified for d in dimensions),
        self_level=level_for(self_score, levels),
        verified_level=level_for(verified_score, levels),
        dimensions=dimensions,
    )
