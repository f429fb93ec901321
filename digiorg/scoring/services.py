"""Daily score snapshots: the department and each answering unit, every node. Taken by
`digiorg take_snapshots` (cron) and after each committed change to assessments."""

import logging
from datetime import date
from functools import partial

from django.db import transaction
from django.utils import timezone

from digiorg.cycles.models import Cycle
from digiorg.org.models import OrgUnit

from .models import ScoreSnapshot
from .selectors import compute_tree, score_inputs

log = logging.getLogger(__name__)


def _rows(cycle, unit_id, tree, day) -> list[ScoreSnapshot]:
    def row(node_id, item):
        return ScoreSnapshot(
            organization_id=cycle.organization_id, cycle=cycle, unit_id=unit_id, node_id=node_id,
            day=day, self_score=item.self_score, verified_score=item.verified_score,
            progress=item.progress, applicable=item.applicable, answered=item.answered,
            verified=item.verified,
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
    rows = _rows(cycle, None, compute_tree(inputs), day)
    unit_ids = sorted({s.unit_id for s in inputs.slots if s.unit_id is not None})
    paths = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "path"))
    for unit_id in unit_ids:
        # a unit's score is that of the unit and the units below it, as score_document gives it
        below = {u for u in unit_ids if paths[u].startswith(paths[unit_id])}
        rows += _rows(cycle, unit_id, compute_tree(inputs, below), day)
    newest = ScoreSnapshot.objects.filter(cycle=cycle, day__gt=day).exists()
    ScoreSnapshot.objects.filter(cycle=cycle, day=day).delete()
    if not newest:
        ScoreSnapshot.objects.filter(cycle=cycle, latest=True).update(latest=False)
        for row in rows:
            row.latest = True
    ScoreSnapshot.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _snapshot_quietly(cycle_id: int) -> None:
    try:
        snapshot_take(Cycle.objects.select_related("framework").get(pk=cycle_id))
    except Exception:  # a failed snapshot must never undo or block the user's saved work
        log.exception("score snapshot of cycle %s failed", cycle_id)


def snapshot_after_commit(cycle_id: int) -> None:
    """Refresh the cycle's snapshot once the transaction commits; many changes in one
    transaction (a topic submitted, the demo) still take one snapshot."""
    connection = transaction.get_connection()
    for entry in connection.run_on_commit:
        if getattr(entry[1], "digiorg_cycle", None) == cycle_id:
            return
    callback = partial(_snapshot_quietly, cycle_id)
    callback.digiorg_cycle = cycle_id  # type: ignore[attr-defined]
    transaction.on_commit(callback)
