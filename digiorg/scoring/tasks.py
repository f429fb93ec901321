"""Score snapshots in the background, once per batch of changes to a cycle's answers.

A change asks for a refresh when its transaction commits (snapshot_after_commit). The first
request of a batch marks the cycle due (a SnapshotDue row) and queues one snapshot_refresh
task; later changes find the mark and queue nothing. The task removes the mark before it
computes, so a change made while it computes queues the next refresh. A mark older than
DIGIORG_SNAPSHOT_STALE_SECONDS (its task was lost) is renewed and queued again.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from digiorg.cycles.models import Cycle

from . import services
from .models import SnapshotDue

log = logging.getLogger(__name__)


def snapshot_after_commit(cycle_id: int) -> None:
    """Refresh the cycle's snapshot in the background once the transaction commits."""
    transaction.on_commit(partial(snapshot_request, cycle_id), robust=True)


def snapshot_request(cycle_id: int) -> bool:
    """Queue a refresh of the cycle unless one is already due; True when one was queued."""
    now = timezone.now()
    since = SnapshotDue.objects.filter(cycle_id=cycle_id).values_list("since", flat=True).first()
    stale = now - timedelta(seconds=settings.DIGIORG_SNAPSHOT_STALE_SECONDS)
    with transaction.atomic():
        if since is None:
            organization_id = (
                Cycle.objects.filter(pk=cycle_id).values_list("organization_id", flat=True).first()
            )
            if organization_id is None:
                return False
            try:
                with transaction.atomic():
                    SnapshotDue.objects.create(
                        cycle_id=cycle_id, organization_id=organization_id, since=now
                    )
            except IntegrityError:  # another request marked it first: its task covers this one
                return False
        elif since >= stale or not SnapshotDue.objects.filter(
            cycle_id=cycle_id, since=since
        ).update(since=now):
            return False
        snapshot_refresh.enqueue(cycle_id)  # a failed enqueue takes the mark back with it
    return True


@task()
def snapshot_refresh(cycle_id: int) -> int:
    """Clear the cycle's mark, then replace today's snapshot; returns the rows written."""
    SnapshotDue.objects.filter(cycle_id=cycle_id).delete()
    cycle = Cycle.objects.select_related("framework").filter(pk=cycle_id).first()
    if cycle is None:  # deleted since
        return 0
    try:
        return services.snapshot_take(cycle)
    except Exception:  # recorded as the task's failure too; the saved answers stand
        log.exception("score snapshot of cycle %s failed", cycle_id)
        raise
