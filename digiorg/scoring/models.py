"""Daily copies of the score tree, for trend charts and dashboards that do not recompute."""

from django.db import models


class ScoreSnapshot(models.Model):
    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.CASCADE, related_name="+")
    # None: the whole department.
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # None: the overall score.
    node = models.ForeignKey(
        "frameworks.FrameworkNode",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    day = models.DateField()
    # True on the rows of the cycle's newest day: dashboards and the national roll-up read these.
    latest = models.BooleanField(default=False)
    self_score = models.FloatField(null=True)
    verified_score = models.FloatField(null=True)
    progress = models.FloatField(null=True)
    # expected answers that count, those submitted, those verified (see compute.py)
    applicable = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    verified = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        indexes = [
            models.Index(fields=["cycle", "day"]),
            models.Index(fields=["cycle", "unit", "node"]),
            models.Index(fields=["cycle", "latest"]),
            # the national roll-up: each department's newest overall and dimension rows, with
            # the scores it averages (an index-only scan of 2,000 departments x 7 dimensions)
            models.Index(
                # the scores as key columns, not INCLUDE: SQLite has no covering indexes
                fields=["node", "cycle", "self_score", "verified_score"],
                condition=models.Q(latest=True, unit=None),
                name="snapshot_latest_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.day}"


class SnapshotDue(models.Model):
    """A cycle whose answers changed after its newest snapshot: one row while a refresh is
    queued (see tasks.snapshot_after_commit). The task deletes the row before it computes, so a
    change made during the computation queues the next refresh."""

    cycle = models.OneToOneField(
        "cycles.Cycle", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    organization = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.cycle_id} since {self.since:%Y-%m-%d %H:%M:%S}"


class PlanFigures(models.Model):
    """The plan side of a dashboard, kept next to the score snapshot and refreshed by the same
    background work (tasks.snapshot_refresh): one row per cycle and unit (None: the whole
    department), the unit's figures covering the units below it. `day` is the date the overdue
    and missing-report counts were taken for: a row of another day is not read
    (plan_figures.read)."""

    organization = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    day = models.DateField()
    actions = models.PositiveIntegerField(default=0)  # every action of the cycle
    overdue = models.PositiveIntegerField(default=0)  # open, past its end date
    # {"quarter": live actions without a submitted report} for the quarters already due
    missing = models.JSONField(default=dict)
    # {"dimension node id": [actions, done, sum of percent done, budget]}: actions linked to a
    # criterion of the dimension, not cancelled (an action linked to two topics counts twice)
    dimensions = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="plan_figures_cycle_unit"),
            models.UniqueConstraint(
                fields=["cycle"], condition=models.Q(unit=None), name="plan_figures_department"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.unit_id} {self.day}"


class FiguresVersion(models.Model):
    """A counter per department that every write changing what its dashboards show raises in
    its own transaction (freshness.figures_changed), and the snapshot refresh raises when it is
    done: the cached dashboard fragments are keyed by it, so they are never served stale."""

    organization = models.OneToOneField(
        "org.OrgUnit", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.organization_id} v{self.version}"
