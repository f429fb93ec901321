"""Two years on the API: the bundled FY 2568 framework and a FY 2569 copy with the same refs
(another URN and code, as every new year's file has), a cycle on each with assignments, actions,
progress, evidence and answers. Refs like 2.2-1 exist in both frameworks."""

import copy
from dataclasses import dataclass

from rest_framework.authtoken.models import Token

from digiorg.cycles.models import Cycle
from digiorg.frameworks.services import framework_load
from digiorg.plans.models import Action
from digiorg.plans.services import progress_save

from .assess_data import answer, assessed_cycle, evidence
from .conftest import seed_document
from .plans_data import action_in

NEXT_URN = "urn:digiorg:framework:dhss:digital-org-2569"


def next_year_document() -> dict:
    doc = copy.deepcopy(seed_document())
    doc.update(urn=NEXT_URN, code="dhss-do-2569", fiscal_year=2569)
    return doc


@dataclass
class Year:
    cycle: Cycle
    action: Action
    draft: Action
    evidence_id: int
    answer_id: int


def populate_year(world, framework, year: int) -> Year:
    cycle = assessed_cycle(world, framework, year)
    approved = action_in(world, cycle, Action.Status.APPROVED)
    progress_save(approved, actor=world.people["coordinator"], quarter=1, percent_done=10)
    draft = action_in(world, cycle, Action.Status.DRAFT)
    proof = evidence(world, title=f"หลักฐาน {year}")
    given = answer(world, cycle, "2.2-1", "met", proof=[proof])
    return Year(cycle, approved, draft, proof.pk, given.pk)


def two_years(world, seed_framework) -> tuple[Year, Year]:
    second = framework_load(next_year_document(), filename="dhss-do-2569.yaml").framework
    return populate_year(world, seed_framework, 2568), populate_year(world, second, 2569)


def token(user) -> str:
    return Token.objects.get_or_create(user=user)[0].key
