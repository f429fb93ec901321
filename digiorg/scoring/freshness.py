"""What tells a dashboard that its cached fragments and its precomputed figures still hold.

Every write that changes what a department's dashboards show calls `figures_changed` inside
its transaction: the department's FiguresVersion goes up with the write (the cached fragments
are keyed by it), and a write to a cycle's answers or plan also queues the background refresh
of the cycle's score snapshot and plan figures (tasks.snapshot_after_commit), which raises the
version again when it is done. While a refresh is due, dashboards compute the cycle's figures
live and cache nothing (`figures_pending`)."""

from django.db import connection
from django.db.models import F

from .models import FiguresVersion, SnapshotDue


def version_bump(organization_id: int) -> None:
    """Raise the department's version, in the caller's transaction."""
    if not FiguresVersion.objects.filter(pk=organization_id).update(version=F("version") + 1):
        FiguresVersion.objects.get_or_create(pk=organization_id, defaults={"version": 1})


def figures_changed(organization_id: int, cycle_id: int | None = None) -> None:
    """Call inside the write's transaction. With a cycle, its snapshot and plan figures are
    refreshed in the background once the transaction commits."""
    from .tasks import snapshot_after_commit

    version_bump(organization_id)
    if cycle_id is not None:
        snapshot_after_commit(cycle_id)


def figures_version(organization_id: int) -> int:
    return (
        FiguresVersion.objects.filter(pk=organization_id).values_list("version", flat=True).first()
        or 0
    )


def figures_state(organization_id: int, cycle_id: int) -> tuple[int, bool]:
    """(the department's version, whether a refresh of the cycle is due) in one statement of
    two primary-key lookups. Written as SQL: every cached dashboard asks it, and building it
    with the ORM (a Subquery and an Exists) cost more than running it."""
    version_table = connection.ops.quote_name(FiguresVersion._meta.db_table)
    due_table = connection.ops.quote_name(SnapshotDue._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT version FROM {version_table} WHERE organization_id = %s), "
            f"EXISTS(SELECT 1 FROM {due_table} WHERE cycle_id = %s)",
            [organization_id, cycle_id],
        )
        version, due = cursor.fetchone()
    return version or 0, bool(due)


def figures_pending(cycle_id: int) -> bool:
    """True while a refresh of the cycle is queued: its stored figures may lag behind."""
    return SnapshotDue.objects.filter(cycle_id=cycle_id).exists()
