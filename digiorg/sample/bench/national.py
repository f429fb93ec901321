"""National-scale benchmark data (see seed.py)."""

import random
import time
from collections import defaultdict

from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from digiorg.assessments.models import CriterionAssessment
from digiorg.core.fiscal import fiscal_year_bounds
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import default_deadlines
from digiorg.frameworks.models import Criterion, FrameworkNode
from digiorg.org.models import OrgUnit
from digiorg.scoring import compute
from digiorg.scoring.models import ScoreSnapshot
from digiorg.scoring.selectors import ScoreInputs, compute_tree
from digiorg.scoring.services import snapshot_rows

from .common import (
    LATEST_YEAR,
    NATIONAL_ANSWERS,
    NATIONAL_MINISTRY,
    NATIONAL_PREFIX,
    A,
    Clock,
    K,
    Say,
    _aware,
    _ministry,
    bench_criteria,
    bench_superuser,
    national_seeded,
    option_codes,
    sizes_for,
    ticks,
)


def _national_plan(criteria: list[Criterion]) -> tuple[list[Criterion], list[tuple]]:
    """What each national department answers: every department-scope criterion once, and the
    rest of NATIONAL_ANSWERS spread over the unit-scope criteria (with the bundled framework:
    62 + 22 x 14 + 10 x 13 = 500). Returns (department-scope, [(unit-scope, units answering)])."""
    department_scope = [c for c in criteria if c.scope == Criterion.Scope.DEPARTMENT]
    unit_scope = [c for c in criteria if c.scope == Criterion.Scope.UNIT]
    base, rest = divmod(max(0, NATIONAL_ANSWERS - len(department_scope)), len(unit_scope) or 1)
    return department_scope, [(c, base + (i < rest)) for i, c in enumerate(unit_scope)]


def _national_answers(
    rng, department_id, cycle_id, unit_ids, department_scope, spread, codes, sent_at
):
    """One department's answers and their scoring slots. Each department gets its own maturity
    (share of met) and its own shares of submitted and verified answers."""
    maturity = rng.uniform(0.15, 0.9)
    sent_share = rng.uniform(0.5, 1.0)
    verified_share = sent_share * rng.uniform(0.2, 0.95)
    pairs = [(c, unit_ids[i % len(unit_ids)]) for i, c in enumerate(department_scope)]
    for i, (criterion, n) in enumerate(spread):
        pairs.extend((criterion, unit_ids[(i + k) % len(unit_ids)]) for k in range(n))
    answers, slots = [], []
    for criterion, unit_id in pairs:
        r = rng.random()
        if r < 0.04:
            result = ""
        elif r < 0.08:
            result = A.Result.NOT_APPLICABLE
        elif (q := rng.random()) < maturity:
            result = A.Result.MET
        else:
            result = A.Result.PARTIAL if q < (1 + maturity) / 2 else A.Result.NOT_MET
        s = rng.random()
        if not result or s >= sent_share:
            status = A.Status.DRAFT
        elif s > 0.985:
            status = A.Status.RETURNED
        else:
            status = A.Status.VERIFIED if s < verified_share else A.Status.SUBMITTED
        ticked = ticks(codes.get(criterion.pk, []), result)
        answers.append(
            A(
                organization_id=department_id, cycle_id=cycle_id, criterion_id=criterion.pk,
                unit_id=unit_id, scope=criterion.scope, result=result, status=status,
                options=ticked,
                submitted_at=sent_at if status != A.Status.DRAFT else None,
            )
        )  # fmt: skip
        slots.append(compute.Slot(criterion.pk, unit_id, result, status, len(ticked)))
    return answers, slots


def seed_national(factor: float = 1.0, say: Say = print, batch: int = 10_000) -> dict[str, float]:
    """The national-scale data; nothing if NAT0001 exists. Returns seconds per part."""
    if national_seeded():
        say(f"national scale: {NATIONAL_PREFIX}0001 is already there, nothing to do")
        return {}
    sizes = sizes_for(factor)
    say(
        f"national scale (factor {factor:g}): {sizes.departments:,} departments, "
        f"{sizes.national_answers:,} assessments"
    )
    rng = random.Random(2000)
    clock = Clock(say)
    today = timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        with clock.step("framework"):
            framework, criteria = bench_criteria()
            department_scope, spread = _national_plan(criteria)
            n_units = max([n for _, n in spread] + [1])
            nodes = list(
                FrameworkNode.objects.filter(framework=framework, retired=False).order_by(
                    "position"
                )
            )
            codes = option_codes(criteria)
            specs = [
                compute.CriterionSpec(
                    c.pk,
                    c.node_id,
                    float(c.weight),
                    c.kind,
                    len(codes.get(c.pk, ())),
                    c.min_options,
                )
                for c in criteria
            ]
            levels = [compute.Level(str(b["code"]), float(b["min"])) for b in framework.levels]
            bench_superuser()
        with clock.step("departments and units"):
            ministry = _ministry(
                NATIONAL_MINISTRY, "กระทรวงทดสอบระดับประเทศ", "National Benchmark Ministry"
            )
            departments = OrgUnit.objects.bulk_create(
                [
                    OrgUnit(
                        parent=ministry, kind=K.DEPARTMENT, code=f"{NATIONAL_PREFIX}{n:04d}",
                        name_th=f"กรมทดสอบระดับประเทศที่ {n}",
                        name_en=f"National Benchmark Department {n}", path="",
                    )
                    for n in range(1, sizes.departments + 1)
                ],
                batch_size=2000,
            )  # fmt: skip
            # a department is its own organization; paths in one UPDATE each, not row by row
            OrgUnit.objects.filter(parent=ministry, kind=K.DEPARTMENT).update(
                organization_id=F("pk"),
                path=Concat(
                    Value(ministry.path), Cast("pk", CharField()), Value("/"),
                    output_field=CharField(),
                ),
            )  # fmt: skip
            units = OrgUnit.objects.bulk_create(
                [
                    OrgUnit(
                        parent_id=d.pk, organization_id=d.pk,
                        kind=K.DIVISION if u <= 10 else K.REGIONAL_OFFICE,
                        code=f"{d.code}-U{u:02d}", name_th=f"หน่วยงานที่ {u} {d.name_th}",
                        name_en=f"Unit {u}, {d.name_en}", path="",
                    )
                    for d in departments
                    for u in range(1, n_units + 1)
                ],
                batch_size=5000,
            )  # fmt: skip
            OrgUnit.objects.filter(parent__parent=ministry).update(
                path=Concat(
                    Value(ministry.path), Cast("parent_id", CharField()), Value("/"),
                    Cast("pk", CharField()), Value("/"), output_field=CharField(),
                )
            )  # fmt: skip
            say(f"    {len(departments):,} departments, {len(units):,} units")
        unit_ids: dict[int, list[int]] = defaultdict(list)
        for unit in units:
            assert unit.parent_id is not None  # every unit was created under a department
            unit_ids[unit.parent_id].append(unit.pk)
        with clock.step("cycles"):
            cycles = Cycle.objects.bulk_create(
                [
                    Cycle(
                        organization_id=d.pk, fiscal_year=LATEST_YEAR, framework=framework,
                        status=Cycle.Status.ASSESSING, **default_deadlines(LATEST_YEAR),
                    )
                    for d in departments
                ],
                batch_size=2000,
            )  # fmt: skip
        with clock.step("assessments and snapshots"):
            day = min(today, fiscal_year_bounds(LATEST_YEAR)[1])
            sent_at = _aware(default_deadlines(LATEST_YEAR)["assessment_due"])
            answers: list[CriterionAssessment] = []
            snapshots: list[ScoreSnapshot] = []
            written = snapshots_written = 0
            build = insert = scoring = 0.0
            report_every = max(1, len(departments) // 10)

            def flush() -> None:
                nonlocal written, snapshots_written, insert
                begun = time.perf_counter()
                A.objects.bulk_create(answers, batch_size=5000)
                ScoreSnapshot.objects.bulk_create(snapshots, batch_size=5000)
                insert += time.perf_counter() - begun
                written += len(answers)
                snapshots_written += len(snapshots)
                answers.clear()
                snapshots.clear()

            for index, (department, cycle) in enumerate(zip(departments, cycles, strict=True)):
                begun = time.perf_counter()
                rows, slots = _national_answers(
                    rng, department.pk, cycle.pk, unit_ids[department.pk], department_scope,
                    spread, codes, sent_at,
                )  # fmt: skip
                answers.extend(rows)
                build += time.perf_counter() - begun
                begun = time.perf_counter()
                tree = compute_tree(ScoreInputs(nodes, specs, slots, levels))
                snapshots.extend(
                    snapshot_rows(department.pk, cycle.pk, None, tree, day, latest=True)
                )
                scoring += time.perf_counter() - begun
                if len(answers) >= batch:
                    flush()
                if (index + 1) % report_every == 0:
                    say(
                        f"    {index + 1:,}/{len(departments):,} departments, "
                        f"{written + len(answers):,} assessments, "
                        f"{time.perf_counter() - started:.0f} s"
                    )
            flush()
            say(
                f"    {written:,} assessments, {snapshots_written:,} snapshot rows "
                f"(building rows {build:.1f} s, inserting {insert:.1f} s, "
                f"scoring in memory {scoring:.1f} s = "
                f"{scoring / max(1, len(departments)) * 1000:.1f} ms per department)"
            )
    clock.times["total"] = round(time.perf_counter() - started, 2)
    say(f"national scale: {clock.times['total']:.1f} s")
    return clock.times
