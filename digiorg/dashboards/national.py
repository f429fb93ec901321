"""The national roll-up: every department's latest readiness for a fiscal year, and the mean
of each dimension across departments. Reads the snapshots' latest rows: three queries, however
many departments and answers there are."""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, QuerySet

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
    rows = (
        ScoreSnapshot.objects.filter(
            latest=True,
            unit=None,
            cycle__fiscal_year=fiscal_year,
            node__parent=None,
            node__isnull=False,
        )
        .values("node__ref", "node__title_th", "node__title_en")
        .annotate(s=Avg("self_score"), v=Avg("verified_score"), n=Count("cycle", distinct=True))
        .order_by("node__ref")
    )
    return [
        DimensionMean(
            r["node__ref"], r["node__title_th"], r["node__title_en"], r["s"], r["v"], r["n"]
        )
        for r in rows
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
