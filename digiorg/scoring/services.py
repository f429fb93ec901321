"""Daily score snapshots: the department and each answering unit, every node. Taken by
`digiorg take_snapshots` (cron) and, in the background, after committed changes to assessments
(tasks.snapshot_after_commit)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from digiorg.cycles.models import Cycle
from digiorg.org.models import OrgUnit

from . import compute
from .models import ScoreSnapshot
from .selectors import compute_tree, score_inputs


def snapshot_rows(
    organization_id: int, cycle_id: int, unit_id: int | None, tree: compute.ScoreTree, day: date,
    latest: bool = False,
) -> list[ScoreSnapshot]:  # fmt: skip
    """The rows of one score tree on one day: the overall score (node None) and every node.
    The one builder of snapshot rows (snapshot_take here, the bench seeder's national scale)."""

    def row(node_id, item):
        return ScoreSnapshot(
            organization_id=organization_id, cycle_id=cycle_id, unit_id=unit_id, node_id=node_id,
            day=day, latest=latest, self_score=item.self_score,
            verified_score=item.verified_score, progress=item.progress,
            applicable=item.applicable, answered=item.answered, verified=item.verified,
        )  # fmt: skip

    rows = [row(None, tree)]
    stack = list(tree.dimensions)
    while stack:
        item = stack.pop()
        rows.append(row(item.node_id, item))
        stack.extend(item.children)
    return rows


@transaction.atomic
def snapshot_take(cycle: Cycle, day: date | None = None) -> int:
    """Replace the day's snapshot of the cycle; returns the number of rows written."""
    day = day or timezone.localdate()
    inputs = score_inputs(cycle)
    org = cycle.organization_id
    rows = snapshot_rows(org, cycle.pk, None, compute_tree(inputs), day)
    unit_ids = sorted({s.unit_id for s in inputs.slots if s.unit_id is not None})
    paths = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    for unit_id in unit_ids:
        # a unit's score is that of the unit and the units below it, as score_document gives it
        below = {u for u in unit_ids if paths[u].startswith(paths[unit_id])}
        rows += snapshot_rows(org, cycle.pk, unit_id, compute_tree(inputs, below), day)
    newest = ScoreSnapshot.objects.filter(cycle=cycle, day__gt=day).exists()
    ScoreSnapshot.objects.filter(cycle=cycle, day=day).delete()
    if not newest:
        ScoreSnapshot.objects.filter(cycle=cycle, latest=True).update(latest=False)
        for row in rows:
            row.latest = True
    ScoreSnapshot.objects.bulk_create(rows, batch_size=500)
    return len(rows)
