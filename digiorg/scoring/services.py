"""Daily score snapshots: the department and each answering unit, every node. Taken by
`digiorg take_snapshots` (cron) and, in the background, after committed changes to assessments
and plans (tasks.snapshot_after_commit), with the dashboards' plan figures (plan_figures.py)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from digiorg.cycles.models import Cycle
from digiorg.org.models import OrgUnit

from . import compute
from .freshness import version_bump
from .models import ScoreSnapshot
from .plan_figures import plan_figures_take
from .selectors import ScoreInputs, compute_tree, score_inputs


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


def score_trees(cycle: Cycle) -> tuple[ScoreInputs, list[tuple[int | None, compute.ScoreTree]]]:
    """The score trees a snapshot holds: the department's (None) and each answering unit's,
    with the inputs they came from. Six queries."""
    inputs = score_inputs(cycle)
    trees: list[tuple[int | None, compute.ScoreTree]] = [(None, compute_tree(inputs))]
    unit_ids = sorted({s.unit_id for s in inputs.slots if s.unit_id is not None})
    paths = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    for unit_id in unit_ids:
        # a unit's score is that of the unit and the units below it, as score_document gives it
        below = {u for u in unit_ids if paths[u].startswith(paths[unit_id])}
        trees.append((unit_id, compute_tree(inputs, below)))
    return inputs, trees


@transaction.atomic
def snapshot_take(cycle: Cycle, day: date | None = None) -> int:
    """Replace the day's snapshot of the cycle; returns the number of rows written."""
    day = day or timezone.localdate()
    org = cycle.organization_id
    rows = []
    for unit_id, tree in score_trees(cycle)[1]:
        rows += snapshot_rows(org, cycle.pk, unit_id, tree, day)
    newest = ScoreSnapshot.objects.filter(cycle=cycle, day__gt=day).exists()
    ScoreSnapshot.objects.filter(cycle=cycle, day=day).delete()
    if not newest:
        ScoreSnapshot.objects.filter(cycle=cycle, latest=True).update(latest=False)
        for row in rows:
            row.latest = True
    ScoreSnapshot.objects.bulk_create(rows, batch_size=500)
    if not newest:
        # the dashboards' plan figures are refreshed with the newest snapshot, for today
        plan_figures_take(cycle, timezone.localdate())
    version_bump(org)  # the cached dashboards of the department are out of date
    return len(rows)
