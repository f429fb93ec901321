"""The data the write matrix changes, built once per module on top of tests/world.py.

For each target (own: R1-STD, inside the coordinator's and member's region; other: R2, another
unit of the department; foreign: OTH-IT, another department) there are actions in each state
the endpoints need, a milestone, a submitted progress report, a file of evidence, a draft and
a submitted answer, and a criterion still unanswered. Objects are kept by id: each test reads
what it needs fresh, so a rolled-back test leaves nothing stale behind.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token

from digiorg.accounts.roles import Role
from digiorg.assessments.services import assessment_save, assessments_submit
from digiorg.cycles.services import assignments_set, cycle_open
from digiorg.evidence.services import evidence_create
from digiorg.frameworks.services import framework_load
from digiorg.plans.models import Action
from digiorg.plans.services import action_create, milestone_add, progress_save

from .assess_data import PDF
from .world import World, build_world, person

TARGETS = ("own", "other", "foreign")
UNIT_OF = {"own": "R1-STD", "other": "R2", "foreign": "OTH-IT"}
PERSON_OF = {"own": "r1-staff", "other": "r2-staff", "foreign": "other-staff"}
WRITER_OF = {"own": "coordinator", "other": "r2-staff", "foreign": "oth-coord"}
DEPARTMENT_OF = {"own": "HSS", "other": "HSS", "foreign": "OTH"}
S = Action.Status


@dataclass
class Target:
    cycle: int = 0
    unit: int = 0
    person: int = 0
    membership: int = 0
    ids: dict[str, int] = field(default_factory=dict)


@dataclass
class WriteWorld:
    world: World
    framework: int = 0
    earlier_cycle: int = 0
    targets: dict[str, Target] = field(default_factory=dict)

    def __getitem__(self, target: str) -> Target:
        return self.targets[target]


def _action(cycle, unit, who, title: str, status: str, criteria) -> Action:
    action = action_create(
        actor=who, cycle=cycle, unit=unit, title=title, criteria=criteria,
        start_date=date(2024, 11, 1), end_date=date(2025, 6, 30),
    )  # fmt: skip
    if status != S.DRAFT:  # the flow itself is tested elsewhere; here only the state matters
        Action.objects.filter(pk=action.pk).update(status=status)
        action.refresh_from_db()
    return action


def build_write_world(document, filename: str) -> WriteWorld:
    world = build_world()
    person(world, "oth-coord", "OTH-IT", Role.COORDINATOR)
    framework = framework_load(document, filename=filename).framework
    topic = list(framework.criteria.filter(node__ref="2.2", retired=False))
    ref = {c.ref: c for c in topic}
    units = world.units
    cycles = {
        "HSS": cycle_open(organization=units["HSS"], fiscal_year=2568, framework=framework),
        "OTH": cycle_open(organization=units["OTH"], fiscal_year=2568, framework=framework),
    }
    earlier = cycle_open(organization=units["HSS"], fiscal_year=2567, framework=framework)
    for cycle, unit, kind in [
        (cycles["HSS"], "R1", "responsible"), (cycles["HSS"], "R2", "answers"),
        (cycles["HSS"], "R1-STD", "answers"), (cycles["OTH"], "OTH-IT", "responsible"),
        (earlier, "R1-STD", "answers"),
    ]:  # fmt: skip
        assignments_set(cycle=cycle, criteria=topic, units=[units[unit]], kind=kind)
    # last year's submitted answer, for bringing in as a baseline
    assessment_save(
        actor=world.people["coordinator"], cycle=earlier, criterion=ref["2.2-5"],
        unit=units["R1-STD"], result="not_met",
    )  # fmt: skip
    assessments_submit(
        actor=world.people["coordinator"], cycle=earlier, unit=units["R1-STD"],
        criterion=ref["2.2-5"],
    )  # fmt: skip
    data = WriteWorld(world=world, framework=framework.pk, earlier_cycle=earlier.pk)
    for target in TARGETS:
        cycle, unit = cycles[DEPARTMENT_OF[target]], units[UNIT_OF[target]]
        who = world.people[WRITER_OF[target]]
        someone = world.people[PERSON_OF[target]]
        draft = _action(cycle, unit, who, "ร่างแผน", S.DRAFT, [ref["2.2-1"]])
        running = _action(cycle, unit, who, "กำลังดำเนินการ", S.IN_PROGRESS, [])
        reported = progress_save(running, actor=who, quarter=1, percent_done=20, submit=True)
        evidence = evidence_create(
            actor=who, unit=unit, kind="file", title="คำสั่งแต่งตั้ง",
            upload=SimpleUploadedFile("order.pdf", PDF),
        )  # fmt: skip
        draft_answer = assessment_save(
            actor=who, cycle=cycle, criterion=ref["2.2-1"], unit=unit, result="not_met"
        )
        submitted_answer = assessment_save(
            actor=who, cycle=cycle, criterion=ref["2.2-2"], unit=unit, result="not_met"
        )
        assessments_submit(actor=who, cycle=cycle, unit=unit, criterion=ref["2.2-2"])
        Token.objects.create(user=someone)  # for the revocation rows
        data.targets[target] = Target(
            cycle=cycle.pk,
            unit=unit.pk,
            person=someone.pk,
            membership=someone.memberships.get().pk,
            ids={
                "draft": draft.pk,
                "submitted": _action(cycle, unit, who, "ส่งแล้ว", S.SUBMITTED, []).pk,
                "approved": _action(cycle, unit, who, "อนุมัติแล้ว", S.APPROVED, []).pk,
                "running": running.pk,
                "report": reported.pk,
                "milestone": milestone_add(
                    draft, actor=who, title="ติดตั้งระบบ", due_date=date(2025, 1, 15)
                ).pk,
                "evidence": evidence.pk,
                "answer": draft_answer.pk,
                "submitted_answer": submitted_answer.pk,
                "free_criterion": ref["2.2-5"].pk,
                "criterion": ref["2.2-1"].pk,
                "topic": ref["2.2-1"].node_id,
            },
        )
    return data
