"""Reads for the assessment pages: a unit's workspace, the units' overview, the review queue.
Each costs a fixed number of queries."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from digiorg.accounts.access import access_for
from digiorg.evidence.models import Evidence
from digiorg.frameworks.models import Criterion, FrameworkNode
from digiorg.org.models import OrgUnit
from digiorg.scoring.compute import option_outcome

from .models import CriterionAssessment
from .permissions import OPEN, assessments_visible
from .slots import cycle_slots

A = CriterionAssessment
EVIDENCE = Prefetch(
    "evidence", queryset=Evidence.objects.select_related("current").order_by("title")
)
# the workspace only counts an answer's evidence and asks whether each piece has expired
EVIDENCE_COUNTED = Prefetch("evidence", queryset=Evidence.objects.only("pk", "expiry_date"))


@dataclass
class Row:
    criterion: Criterion
    answer: CriterionAssessment | None

    @property
    def status(self) -> str:
        return self.answer.status if self.answer else ""

    @cached_property  # the workspace asks it twice a row and once more for its topic's count
    def needs_evidence(self) -> bool:
        a = self.answer
        return bool(
            a and a.result in (A.Result.MET, A.Result.PARTIAL)
            and not any(not e.is_expired() for e in a.evidence.all())
        )  # fmt: skip

    @property
    def is_open(self) -> bool:
        return self.answer is None or self.answer.status in OPEN


@dataclass
class TopicBlock:
    node: FrameworkNode
    rows: list[Row] = field(default_factory=list)

    def count(self, *statuses) -> int:
        return sum(1 for r in self.rows if r.status in statuses)

    @property
    def answered(self) -> int:
        return sum(1 for r in self.rows if r.answer and r.answer.result)

    @property
    def submitted(self) -> int:
        return self.count(A.Status.SUBMITTED, A.Status.VERIFIED)

    @property
    def verified(self) -> int:
        return self.count(A.Status.VERIFIED)

    @cached_property  # asked twice on the page; the rows are complete by then
    def needing_evidence(self) -> int:
        return sum(1 for r in self.rows if r.needs_evidence)

    @property
    def has_open(self) -> bool:
        return any(r.is_open for r in self.rows)


def _topic_of(node: FrameworkNode, by_id: dict[int, FrameworkNode]) -> FrameworkNode:
    """Sub-topics roll up into their topic on the workspace."""
    while node.kind == FrameworkNode.Kind.SUBTOPIC and node.parent_id in by_id:
        node = by_id[node.parent_id]
    return node


def workspace(cycle, unit: OrgUnit) -> list[tuple[FrameworkNode, list[TopicBlock]]]:
    """The criteria the unit answers, by dimension and topic, each with its answer. Five
    queries whatever the data: the criteria, the unit's answers with the department-scope ones
    (which say who holds a department-scope slot), the assignments (cycle_slots), the answers'
    evidence and the framework's nodes."""
    criteria = list(
        Criterion.objects.filter(framework_id=cycle.framework_id, retired=False)
        .only("pk", "node_id", "ref", "position", "scope", "text_th", "text_en")
        .order_by("position")
    )
    held = list(A.objects.filter(Q(unit=unit) | Q(scope=Criterion.Scope.DEPARTMENT), cycle=cycle))
    slots = cycle_slots(
        cycle,
        criteria=[(c.pk, c.scope) for c in criteria],
        assessments=[(a.criterion_id, a.unit_id, a.scope) for a in held],
    )
    mine = {c for c, u in slots if u == unit.pk}
    answers = {a.criterion_id: a for a in held if a.unit_id == unit.pk and a.criterion_id in mine}
    prefetch_related_objects(list(answers.values()), EVIDENCE_COUNTED)
    nodes = {n.pk: n for n in FrameworkNode.objects.filter(framework_id=cycle.framework_id)}
    dimensions: dict[int, dict[int, TopicBlock]] = defaultdict(dict)
    for criterion in criteria:
        if criterion.pk not in mine:
            continue
        criterion.node = nodes[criterion.node_id]
        topic = _topic_of(criterion.node, nodes)
        dimension = topic if topic.parent_id is None else nodes[topic.parent_id]
        block = dimensions[dimension.pk].setdefault(topic.pk, TopicBlock(topic))
        block.rows.append(Row(criterion, answers.get(criterion.pk)))
    ordered = sorted(dimensions, key=lambda pk: nodes[pk].position)
    return [
        (nodes[pk], sorted(dimensions[pk].values(), key=lambda b: b.node.position))
        for pk in ordered
    ]


@dataclass
class UnitLine:
    unit: OrgUnit
    expected: int = 0
    answered: int = 0
    submitted: int = 0
    verified: int = 0
    returned: int = 0


def units_overview(user, cycle) -> list[UnitLine]:
    """Each unit the user sees that answers something, with how far it has got."""
    expected: defaultdict[int, int] = defaultdict(int)
    for _, unit_id in cycle_slots(cycle):
        expected[unit_id] += 1
    units = OrgUnit.objects.filter(access_for(user).unit_q(), pk__in=list(expected)).order_by(
        "path"
    )
    counts = {
        row["unit_id"]: row
        for row in A.objects.filter(cycle=cycle, unit__in=units)
        .values("unit_id")
        .annotate(
            answered=Count("pk", filter=~Q(result="")),
            submitted=Count("pk", filter=Q(status__in=[A.Status.SUBMITTED, A.Status.VERIFIED])),
            verified=Count("pk", filter=Q(status=A.Status.VERIFIED)),
            returned=Count("pk", filter=Q(status=A.Status.RETURNED)),
        )
    }
    lines = []
    for unit in units:
        row: Mapping[str, Any] = counts.get(unit.pk, {})
        lines.append(
            UnitLine(
                unit,
                expected[unit.pk],
                row.get("answered", 0),
                row.get("submitted", 0),
                row.get("verified", 0),
                row.get("returned", 0),
            )
        )
    return lines


def review_queue(user, cycle, *, unit=None, node=None) -> QuerySet[CriterionAssessment]:
    """Submitted answers waiting for the secretariat, oldest first."""
    items = assessments_visible(user).filter(cycle=cycle, status=A.Status.SUBMITTED)
    if unit is not None:
        items = items.filter(unit__path__startswith=unit.path)
    if node is not None:
        items = items.filter(
            Q(criterion__node=node) | Q(criterion__node__ref__startswith=f"{node.ref}.")
        )
    return (
        items.select_related("criterion", "unit", "updated_by")
        .prefetch_related(EVIDENCE)
        .order_by("submitted_at", "pk")
    )


@dataclass
class OptionsInPlace:
    """A checklist or any_of answer as the answer page shows it."""

    kind: str
    min_options: int | None
    rows: list[tuple[Any, bool]]  # (CriterionOption, ticked)
    points: float | None  # 0-100 for this answer; None when unanswered or not applicable

    @property
    def ticked(self) -> int:
        return sum(1 for _, on in self.rows if on)


def options_in_place(
    criterion: Criterion, options: list, answer: A | None
) -> OptionsInPlace | None:
    """The criterion's active options with those the answer ticks, and what they are worth
    (scoring.compute.option_outcome); None for a result criterion."""
    if not options:
        return None
    ticked = set(answer.options) if answer else set()
    rows = [(o, o.code in ticked) for o in options]
    value = None
    if answer is not None and answer.result and answer.result != A.Result.NOT_APPLICABLE:
        count = sum(1 for _, on in rows if on)
        value = option_outcome(criterion.kind, count, len(rows), criterion.min_options)[1] * 100
    return OptionsInPlace(criterion.kind, criterion.min_options, rows, value)
