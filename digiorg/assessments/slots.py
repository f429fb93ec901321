"""Which unit answers which criterion in a cycle (the expected answers, or "slots").

- unit-scope criterion: every unit assigned to it answers for itself;
- department-scope criterion: one answer, by the unit responsible for it (else the first unit
  assigned, else the department itself); an answer already given keeps its unit.
"""

from collections import defaultdict

from digiorg.cycles.models import Assignment
from digiorg.frameworks.models import Criterion

from .models import CriterionAssessment


def cycle_slots(cycle, criteria=None, assessments=None) -> list[tuple[int, int]]:
    """(criterion id, unit id) pairs in criterion order. Two queries unless given the rows:
    `criteria` as (id, scope) pairs, `assessments` as (criterion id, unit id, scope) triples."""
    if criteria is None:
        criteria = (
            Criterion.objects.filter(framework_id=cycle.framework_id, retired=False)
            .order_by("position")
            .values_list("id", "scope")
        )
    assigned: dict[int, list[tuple[bool, str, int]]] = defaultdict(list)
    rows = Assignment.objects.filter(cycle=cycle).values_list(
        "criterion_id", "unit_id", "kind", "unit__path"
    )
    for criterion_id, unit_id, kind, path in rows:
        assigned[criterion_id].append((kind != Assignment.Kind.RESPONSIBLE, path, unit_id))
    if assessments is None:
        assessments = CriterionAssessment.objects.filter(
            cycle=cycle, scope=Criterion.Scope.DEPARTMENT
        ).values_list("criterion_id", "unit_id", "scope")
    answered_by = {c: u for c, u, scope in assessments if scope == Criterion.Scope.DEPARTMENT}
    slots: list[tuple[int, int]] = []
    for criterion_id, scope in criteria:
        units = sorted(assigned.get(criterion_id, ()))
        if scope == Criterion.Scope.UNIT:
            slots.extend((criterion_id, unit_id) for _, _, unit_id in units)
        elif criterion_id in answered_by:
            slots.append((criterion_id, answered_by[criterion_id]))
        else:
            slots.append((criterion_id, units[0][2] if units else cycle.organization_id))
    return slots
