"""The national roll-up: every department's latest readiness for a fiscal year, and the mean
of each dimension across departments. Reads the snapshots' latest rows: four queries, however
many departments and answers there are."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, F, QuerySet, Sum

from digiorg.frameworks.models import FrameworkNode
from digiorg.scoring.models import ScoreSnapshot


@dataclass
class DimensionMean:
    ref: str
    title_th: str
    title_en: str
    self_score: float | None
    verified_score: float | None
    departments: int


def national_dimensions(fiscal_year: int) -> list[DimensionMean]:
    """The mean of each dimension across departments. Grouped by node id (an integer, on the
    snapshots' partial index) rather than by the node's titles, which made PostgreSQL sort the
    tens of thousands of rows by three Thai texts; dimensions of different framework versions
    sharing a ref are then merged here. Two queries."""
    rows = (
        ScoreSnapshot.objects.filter(
            latest=True, unit=None, cycle__fiscal_year=fiscal_year, node__parent=None,
            node__isnull=False,
        )
        .values("node_id")
        .annotate(
            s=Sum("self_score"), s_n=Count("self_score"), v=Sum("verified_score"),
            v_n=Count("verified_score"), n=Count("cycle"),  # one latest row per cycle and node
        )
        .order_by()
    )  # fmt: skip
    sums: dict[int, Any] = {row["node_id"]: row for row in rows}
    nodes = FrameworkNode.objects.filter(pk__in=list(sums)).values_list(
        "pk", "ref", "title_th", "title_en"
    )
    merged: dict[str, list] = {}
    for pk, ref, title_th, title_en in nodes:
        row = sums[pk]
        entry = merged.setdefault(ref, [title_th, title_en, 0.0, 0, 0.0, 0, 0])
        for i, key in enumerate(("s", "s_n", "v", "v_n", "n"), start=2):
            entry[i] += row[key] or 0
    return [
        DimensionMean(
            ref, title_th, title_en, s / s_n if s_n else None, v / v_n if v_n else None, n
        )
        for ref, (title_th, title_en, s, s_n, v, v_n, n) in sorted(merged.items())
    ]


def national_overall(fiscal_year: int) -> dict:
    return ScoreSnapshot.objects.filter(
        latest=True, unit=None, node=None, cycle__fiscal_year=fiscal_year
    ).aggregate(
        self_score=Avg("self_score"), verified_score=Avg("verified_score"), departments=Count("pk")
    )


def national_departments(fiscal_year: int) -> QuerySet:
    """Each department's overall figures, lowest verified score first (for paging)."""
    return (
        ScoreSnapshot.objects.filter(
            latest=True, unit=None, node=None, cycle__fiscal_year=fiscal_year
        )
        .annotate(
            code=F("organization__code"),
            name_th=F("organization__name_th"),
            name_en=F("organization__name_en"),
        )
        .values("code", "name_th", "name_en", "self_score", "verified_score", "progress", "day")
        .order_by(F("verified_score").asc(nulls_first=True), "code")
    )
