"""The national roll-up's dimension means against hand-computed values: two departments'
latest department-level snapshot rows, one of them without a verified score."""

from datetime import date

from digiorg.cycles.services import cycle_open
from digiorg.dashboards.national import national_dimensions, national_overall
from digiorg.org.services import unit_create
from digiorg.scoring.models import ScoreSnapshot


def test_dimension_means_across_departments(world, seed_framework):
    other = unit_create(
        parent=world.units["HSS"].parent, kind="department", code="DOH", name_th="กรมอนามัย"
    )
    figures = {"HSS": {"1": (40.0, 20.0), "2": (60.0, None)}, "DOH": {"1": (80.0, 50.0)}}
    for code, department in (("HSS", world.units["HSS"]), ("DOH", other)):
        cycle = cycle_open(organization=department, fiscal_year=2568, framework=seed_framework)
        old = cycle_open(organization=department, fiscal_year=2567, framework=seed_framework)
        for ref, (self_score, verified) in figures[code].items():
            node = seed_framework.nodes.get(ref=ref)
            for on, latest in ((cycle, True), (cycle, False), (old, True)):
                ScoreSnapshot.objects.create(
                    organization=department, cycle=on, node=node, day=date(2025, 5, 1),
                    latest=latest, self_score=self_score if latest and on == cycle else 1.0,
                    verified_score=verified,
                )  # fmt: skip
        ScoreSnapshot.objects.create(
            organization=department, cycle=cycle, day=date(2025, 5, 1), latest=True,
            self_score=50.0,
        )  # fmt: skip
    means = {d.ref: d for d in national_dimensions(2568)}
    assert set(means) == {"1", "2"}
    assert (means["1"].self_score, means["1"].verified_score, means["1"].departments) == (
        60.0, 35.0, 2,
    )  # fmt: skip
    assert (means["2"].self_score, means["2"].verified_score, means["2"].departments) == (
        60.0, None, 1,
    )  # fmt: skip
    assert means["1"].title_th == seed_framework.nodes.get(ref="1").title_th
    assert national_overall(2568)["departments"] == 2
