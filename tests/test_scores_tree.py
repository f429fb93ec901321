"""The score tree (score_document) checked against an independent recomputation written here
from DESIGN.md's rules, a hand-computed case, readiness levels and the query budget."""

from collections import defaultdict
from dataclasses import dataclass

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiorg.assessments.models import CriterionAssessment
from digiorg.cycles.models import Assignment, Cycle
from digiorg.cycles.services import assignments_set
from digiorg.frameworks.models import Criterion, CriterionOption, Framework, FrameworkNode
from digiorg.frameworks.services import LIBRARY_DIR
from digiorg.org.models import OrgUnit
from digiorg.scoring.selectors import score_document

from .assess_data import assessed_cycle
from .assessments_flow_data import grow, put

# ---------------------------------------------------------------------------- the rules, again
# Written from DESIGN.md "Scoring" without digiorg.scoring.compute: one expected answer ("slot")
# per unit assigned to a unit-scope criterion, one per department-scope criterion (the unit
# that already answered it, else the responsible unit, else the first assigned, else the
# department itself). A checklist answer is worth the share of its criterion's active options it
# ticks (0 under the criterion's minimum), an any_of answer 1 when it ticks at least k (min), else 0.

POINTS = {"met": 1.0, "partial": 0.5, "not_met": 0.0}
SELF = {"submitted", "verified"}
VERIFIED = {"verified"}


@dataclass
class Expected:
    criterion: Criterion
    unit: OrgUnit
    result: str
    status: str
    ticked: int = 0  # active options ticked (checklist, any_of)
    options: int = 0  # active options of the criterion


def expected_answers(cycle) -> list[Expected]:
    answers = {
        (a.criterion_id, a.unit_id): a for a in CriterionAssessment.objects.filter(cycle=cycle)
    }
    assigned = defaultdict(list)
    for a in Assignment.objects.filter(cycle=cycle).select_related("unit"):
        assigned[a.criterion_id].append(a)
    units = {u.pk: u for u in OrgUnit.objects.all()}
    codes = defaultdict(set)
    for o in CriterionOption.objects.filter(retired=False):
        codes[o.criterion_id].add(o.code)
    found = []
    for c in Criterion.objects.filter(framework_id=cycle.framework_id, retired=False):
        if c.scope == "unit":
            who = [a.unit for a in assigned[c.pk]]
        else:
            given = [a for (cid, _), a in answers.items() if cid == c.pk]
            responsible = [a.unit for a in assigned[c.pk] if a.kind == "responsible"]
            others = [a.unit for a in assigned[c.pk] if a.kind != "responsible"]
            if given:
                who = [units[given[0].unit_id]]
            elif responsible or others:
                who = [sorted(responsible or others, key=lambda u: u.path)[0]]
            else:
                who = [units[cycle.organization_id]]
        for unit in who:
            a = answers.get((c.pk, unit.pk))
            ticked = len(codes[c.pk] & set(a.options)) if a else 0
            found.append(
                Expected(
                    c, unit, a.result if a else "", a.status if a else "", ticked, len(codes[c.pk])
                )
            )
    return found


def points(answer: Expected, counted: set[str]) -> float | None:
    """None: left out (not applicable). Not counted yet, or no result: 0."""
    if answer.status not in counted or not answer.result:
        return 0.0
    if answer.result == "not_applicable":
        return None
    least = answer.criterion.min_options or 1
    if answer.criterion.kind == "checklist":
        return answer.ticked / answer.options if answer.ticked >= least else 0.0
    if answer.criterion.kind == "any_of":
        return 1.0 if answer.ticked >= least else 0.0
    return POINTS[answer.result]


def mean(values):
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def band(levels, score):
    if score is None:
        return None
    fitting = [b for b in levels if b["min"] <= score]
    return str(max(fitting, key=lambda b: b["min"])["code"]) if fitting else None


def recompute(cycle, unit=None) -> dict:
    """{ref or "": figures} for every node and the overall ("")."""
    answers = expected_answers(cycle)
    if unit is not None:
        answers = [a for a in answers if a.unit.path.startswith(unit.path)]
    levels = Framework.objects.get(pk=cycle.framework_id).levels
    nodes = list(FrameworkNode.objects.filter(framework_id=cycle.framework_id, retired=False))
    children = defaultdict(list)
    for n in nodes:
        children[n.parent_id].append(n)
    out = {}

    def figures(score_self, score_verified, mine):
        applicable = [a for a in mine if points(a, SELF) is not None]
        answered = [a for a in applicable if a.status in SELF and a.result in POINTS]
        return {
            "self_score": score_self,
            "verified_score": score_verified,
            "self_level": band(levels, score_self),
            "verified_level": band(levels, score_verified),
            "progress": len(answered) / len(applicable) * 100 if applicable else None,
            "applicable": len(applicable),
            "answered": len(answered),
            "verified": sum(1 for a in answered if a.status == "verified"),
        }

    def walk(node) -> tuple[dict, list[Expected]]:
        kids = [walk(k) for k in children[node.pk]]
        own = [a for a in answers if a.criterion.node_id == node.pk]
        assert not (kids and own), "the rules below assume criteria only on leaf nodes"
        scores = {}
        for kind, counted in (("self", SELF), ("verified", VERIFIED)):
            if kids:
                scores[kind] = mean(k[f"{kind}_score"] for k, _ in kids)
                continue
            by_criterion = defaultdict(list)
            for a in own:
                by_criterion[a.criterion.pk].append(a)
            weighted = []
            for slots in by_criterion.values():
                value = mean(points(a, counted) for a in slots)
                if value is not None:
                    weighted.append((float(slots[0].criterion.weight), value))
            total = sum(w for w, _ in weighted)
            scores[kind] = sum(w * v for w, v in weighted) / total * 100 if total else None
        mine = own + [a for _, below in kids for a in below]
        out[node.ref] = figures(scores["self"], scores["verified"], mine)
        return out[node.ref], mine

    dimensions = [walk(d) for d in children[None]]
    out[""] = figures(
        mean(d["self_score"] for d, _ in dimensions),
        mean(d["verified_score"] for d, _ in dimensions),
        answers,
    )
    return out


def flatten(doc) -> dict:
    flat = {"": doc}

    def walk(node):
        flat[node["ref"]] = node
        for child in node["children"]:
            walk(child)

    for d in doc["dimensions"]:
        walk(d)
    return flat


def assert_same(doc, expected):
    flat = flatten(doc)
    assert set(flat) == set(expected)
    for ref, want in expected.items():
        got = flat[ref]
        for key in ("self_score", "verified_score", "progress"):
            if want[key] is None:
                assert got[key] is None, (ref, key)
            else:
                assert got[key] == pytest.approx(want[key], abs=0.006), (ref, key)
        for key in ("applicable", "answered", "verified"):
            assert got[key] == want[key], (ref, key)
        for key in ("self_level", "verified_level"):
            assert (got[key] or {}).get("code") == want[key], (ref, key)


# ---------------------------------------------------------------------------- data


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return assessed_cycle(world, seed_framework)


def weigh(cycle, **weights):
    for ref, w in weights.items():
        Criterion.objects.filter(framework_id=cycle.framework_id, ref=ref).update(weight=w)


def assign(world, cycle, refs, units, kind="answers"):
    criteria = list(cycle.framework.criteria.filter(ref__in=refs))
    assignments_set(
        cycle=cycle, criteria=criteria, units=[world.units[u] for u in units], kind=kind
    )


@pytest.fixture
def mixed(world, cycle):
    """Several topics in four dimensions, both scopes, sub-topics, every status and result."""

    def sub(ref):
        return list(cycle.framework.criteria.filter(node__ref=ref).values_list("ref", flat=True))

    assign(world, cycle, ["1.1-1"], ["R1", "R2", "R1-STD"])
    assign(world, cycle, sub("4.1.1") + sub("4.1.2"), ["R2"], "responsible")
    assign(world, cycle, sub("4.1.1") + sub("4.1.2"), ["R1-STD"])
    assign(world, cycle, sub("7.1"), ["R1"])
    assign(world, cycle, ["3.3-1"], ["R2"])
    assign(world, cycle, ["4.4.3-4"], ["R1", "R2"])
    weigh(cycle, **{"2.2-3": 2, "4.1.2-3": "0.5", "7.1-1": 3, "4.1.1-4": "1.5"})
    data = [
        # topic 2.2: R1 answers all six, R2 the unit-scope three
        ("2.2-1", "R1", "met", "verified"),
        ("2.2-2", "R1", "partial", "submitted"),
        ("2.2-3", "R1", "met", "returned"),
        ("2.2-4", "R1", "not_applicable", "verified"),
        ("2.2-5", "R1", "not_met", "verified"),
        ("2.2-6", "R1", "partial", "draft"),
        ("2.2-1", "R2", "partial", "verified"),
        ("2.2-2", "R2", "not_applicable", "submitted"),
        # topic 1.1: one unit-scope criterion, three units
        ("1.1-1", "R1", "met", "submitted"),
        ("1.1-1", "R2", "not_applicable", "verified"),
        ("1.1-1", "R1-STD", "partial", "verified"),
        # sub-topics 4.1.1 and 4.1.2: R2 responsible, R1-STD answers the unit-scope ones
        ("4.1.1-1", "R2", "met", "verified"),
        ("4.1.1-1", "R1-STD", "not_met", "submitted"),
        ("4.1.1-4", "R2", ["qr-code", "sms"], "submitted"),  # any_of: met
        ("4.1.1-4", "R1-STD", "not_applicable", "submitted"),
        ("4.1.1-5", "R2", [], "draft"),  # any_of, nothing ticked: not met
        ("4.1.2-1", "R2", "met", "verified"),
        ("4.1.2-2", "R2", "not_applicable", "verified"),
        ("4.1.2-3", "R2", "met", "returned"),
        ("4.1.2-3", "R1-STD", "partial", "verified"),
        # topic 7.1: R1 only, one criterion weighs 3
        ("7.1-1", "R1", "met", "verified"),
        ("7.1-2", "R1", "not_applicable", "verified"),
        ("7.1-3", "R1", "partial", "submitted"),
        ("7.1-4", "R1", "not_applicable", "draft"),
        ("7.1-5", "R1", "", "draft"),
        # topic 3.3: R2's only answer is not applicable; 3.1 by the department itself
        ("3.3-1", "R2", "not_applicable", "verified"),
        ("3.1-1", "HSS", "met", "verified"),
        ("3.1-2", "HSS", "not_met", "submitted"),
        # topic 5.1: nobody assigned, the department answers its checklist of eleven: 3 in place
        ("5.1-12", "HSS", ["saraban", "budget", "meetings"], "verified"),
        # 5.2: an any_of not applicable, an any_of with one in place (verified)
        ("5.2.2-3", "HSS", "not_applicable", "submitted"),
        ("5.2.1-4", "HSS", ["budget"], "verified"),
        # 6.2: an any_of still a draft counts nothing
        ("6.2-8", "HSS", ["security-analysis"], "draft"),
        # 4.4.3: a unit-scope checklist of three, two units
        ("4.4.3-4", "R1", ["consultation-outcomes", "public-health-decisions"], "verified"),
        ("4.4.3-4", "R2", ["consultation-outcomes", "public-health-decisions", "vulnerable-policy-decisions"], "submitted"),
    ]  # fmt: skip
    for ref, unit, result, status in data:
        if isinstance(result, list):
            put(world, cycle, ref, unit, "", status, options=result)
        else:
            put(world, cycle, ref, unit, result, status)
    assert CriterionAssessment.objects.filter(cycle=cycle).count() == len(data)
    return Cycle.objects.get(pk=cycle.pk)


# ---------------------------------------------------------------------------- independent check


def test_recomputation_matches_the_department_tree(mixed):
    expected = recompute(mixed)
    doc = score_document(mixed)
    assert_same(doc, expected)
    # the data exercises what it should: partial credit, exclusions, left-out nodes, levels
    flat = flatten(doc)
    assert flat["7"]["self_score"] is not None and flat["6"]["self_score"] == 0.0
    assert flat["3.3"]["self_score"] is None and flat["3"]["self_score"] is not None
    assert flat[""]["self_score"] > flat[""]["verified_score"] > 0
    assert len({flat[r]["self_level"]["code"] for r in ("2.2", "7.1", "5.1", "4.1", "")}) >= 3


@pytest.mark.parametrize("code", ["R1", "R2", "R1-STD", "HSS", "IT"])
def test_recomputation_matches_each_units_tree(world, mixed, code):
    unit = world.units[code]
    doc = score_document(mixed, unit)
    assert doc["unit"] == unit.pk
    assert_same(doc, recompute(mixed, unit))


@pytest.mark.parametrize("code", [None, "R1", "R2"])
def test_the_api_tree_equals_the_recomputation(world, mixed, code):
    """GET /api/v1/scores/ itself, checked against the recomputation written in this file."""
    unit = world.units[code] if code else None
    query = f"?cycle={mixed.pk}" + (f"&unit={unit.pk}" if unit else "")
    response = world.client("executive").get(f"/api/v1/scores/{query}")
    assert response.status_code == 200
    assert_same(response.json(), recompute(mixed, unit))


def test_unit_tree_counts_the_units_below(world, mixed):
    r1 = flatten(score_document(mixed, world.units["R1"]))
    std = flatten(score_document(mixed, world.units["R1-STD"]))
    # R1 answers nothing in 4.1.1; what it shows there is R1-STD's
    assert std["4.1.1"]["applicable"] == 2
    assert r1["4.1.1"] | {"children": []} == std["4.1.1"] | {"children": []}
    # 1.1-1: R1 met (submitted, 1 | 0 verified) and R1-STD partial (verified, .5 | .5)
    assert (r1["1.1"]["self_score"], r1["1.1"]["verified_score"]) == (75.0, 25.0)
    assert (std["1.1"]["self_score"], std["1.1"]["verified_score"]) == (50.0, 50.0)


def test_recomputation_matches_after_changes(world, mixed):
    """Return a verified answer, answer a slot nobody had, move a weight: still equal."""
    from .assess_data import review

    review(
        world,
        CriterionAssessment.objects.get(criterion__ref="2.2-1", unit=world.units["R2"]),
        verify=False,
        comment="ตรวจอีกครั้ง",
    )
    put(world, mixed, "2.2-5", "R2", "partial", "submitted")
    weigh(mixed, **{"2.2-1": 4})
    assert_same(score_document(mixed), recompute(mixed))
    assert_same(score_document(mixed, world.units["R2"]), recompute(mixed, world.units["R2"]))


# ---------------------------------------------------------------------------- by hand


@pytest.fixture
def by_hand(world, cycle):
    weigh(cycle, **{"2.2-3": 2})
    assign(world, cycle, ["3.3-1"], ["R2"])
    for ref, unit, result, status in [
        ("2.2-1", "R1", "met", "verified"),
        ("2.2-2", "R1", "partial", "submitted"),
        ("2.2-3", "R1", "met", "submitted"),
        ("2.2-4", "R1", "not_applicable", "submitted"),
        ("2.2-5", "R1", "not_met", "submitted"),
        ("2.2-6", "R1", "met", "draft"),
        ("2.2-1", "R2", "partial", "submitted"),
        ("2.2-2", "R2", "not_applicable", "submitted"),
        ("3.3-1", "R2", "not_applicable", "verified"),
        ("3.1-1", "HSS", "met", "verified"),
        ("3.1-2", "HSS", "partial", "verified"),
    ]:
        put(world, cycle, ref, unit, result, status)
    return Cycle.objects.get(pk=cycle.pk)


def test_hand_computed_department(by_hand):
    flat = flatten(score_document(by_hand))
    # 2.2 self: 2.2-1 (1 + .5)/2, 2.2-2 .5 (R2's n/a left out), 2.2-3 1 x2, 2.2-4 left out,
    # 2.2-5 (0 + unanswered 0)/2, 2.2-6 draft 0  ->  (.75 + .5 + 2 + 0 + 0) / 6
    assert flat["2.2"]["self_score"] == 54.17
    # verified: only R1's 2.2-1; R2's unverified n/a answers count 0, not left out -> .5 / 7
    assert flat["2.2"]["verified_score"] == 7.14
    assert (flat["2.2"]["applicable"], flat["2.2"]["answered"], flat["2.2"]["verified"]) == (
        7,
        5,
        1,
    )
    assert flat["2.2"]["progress"] == 71.43
    assert flat["2.2"]["self_level"]["code"] == "3"
    assert flat["2.1"]["self_score"] == 0.0  # its department-scope criteria wait on the department
    assert flat["2"]["self_score"] == 18.06  # (0 + 54.17 + 0) / 3
    assert flat["2"]["verified_score"] == 2.38
    assert flat["3.1"]["self_score"] == 75.0 and flat["3.1"]["verified_score"] == 75.0
    assert flat["3.3"]["self_score"] is None and flat["3.3"]["progress"] is None
    assert flat["3.3"]["self_level"] is None
    assert flat["3"]["self_score"] == 37.5  # (75 + 0) / 2: 3.3 left out, not counted as 0
    assert flat["3"]["progress"] == 22.22  # 2 of 9
    assert flat["7"]["self_score"] is None  # nobody answers dimension 7
    for ref in ("1", "4", "5", "6"):
        assert flat[ref]["self_score"] == 0.0
    # overall: mean of the six dimensions with anything applicable
    assert flat[""]["self_score"] == 9.26  # (18.0556 + 37.5) / 6
    assert flat[""]["verified_score"] == 6.65  # (2.3810 + 37.5) / 6
    # 9 answers in 2.2, one in 3.3, 40 department-scope criteria at the department; 3 n/a
    assert (flat[""]["applicable"], flat[""]["answered"], flat[""]["verified"]) == (47, 7, 3)
    assert flat[""]["progress"] == 14.89  # 7 of 47
    assert flat[""]["self_level"]["code"] == "1"


def test_hand_computed_units(world, by_hand):
    r1 = score_document(by_hand, world.units["R1"])
    # (1 + .5 + 1 x2 + 0 + 0) / 6; verified 1 / 7
    assert (r1["self_score"], r1["verified_score"], r1["progress"]) == (58.33, 14.29, 80.0)
    assert (r1["applicable"], r1["answered"], r1["verified"]) == (5, 4, 1)
    assert [d["ref"] for d in r1["dimensions"] if d["self_score"] is not None] == ["2"]
    r2 = score_document(by_hand, world.units["R2"])
    # 2.2-1 .5, 2.2-2 left out, 2.2-5 unanswered 0 -> 25; 3.3 left out
    assert (r2["self_score"], r2["verified_score"]) == (25.0, 0.0)
    assert flatten(r2)["3"]["self_score"] is None
    assert (r2["applicable"], r2["answered"]) == (2, 1)
    std = score_document(by_hand, world.units["R1-STD"])
    assert (std["self_score"], std["progress"], std["applicable"]) == (None, None, 0)
    assert std["self_level"] is None


# ---------------------------------------------------------------------------- levels


def library_levels():
    with open(LIBRARY_DIR / "dhss-do-2568.yaml", encoding="utf-8") as f:
        return {str(b["code"]): b for b in yaml.safe_load(f)["levels"]}


def test_levels_come_from_the_framework(world, cycle):
    levels = library_levels()
    assert [(c, b["min"]) for c, b in levels.items()] == [
        ("1", 0),
        ("2", 20),
        ("3", 40),
        ("4", 60),
        ("5", 80),
    ]
    assign(world, cycle, [f"7.1-{i}" for i in range(1, 7)], ["R1", "R2"])
    # R1: 1 met of 5 applicable -> exactly 20; R2: 4 met of 5 -> exactly 80
    for i, (r1, r2) in enumerate(
        [
            ("met", "met"),
            ("not_met", "met"),
            ("not_met", "met"),
            ("not_met", "met"),
            ("not_met", "not_met"),
            ("not_applicable", "not_applicable"),
        ],
        start=1,
    ):
        put(world, cycle, f"7.1-{i}", "R1", r1, "submitted")
        put(world, cycle, f"7.1-{i}", "R2", r2, "submitted")
    for code, score, level in [("R1", 20.0, "2"), ("R2", 80.0, "5")]:
        topic = flatten(score_document(cycle, world.units[code]))["7.1"]
        assert topic["self_score"] == score
        assert topic["self_level"] == {"code": level, "label": levels[level]["label"]}
        assert topic["verified_score"] == 0.0  # nothing verified yet
        assert topic["verified_level"] == {"code": "1", "label": levels["1"]["label"]}
    department = flatten(score_document(cycle))
    assert department["7.1"]["self_score"] == 50.0  # (1 + .5 + .5 + .5 + 0) / 5
    assert department["7.1"]["self_level"]["label"] == levels["3"]["label"]
    assert department["6"]["self_level"] == {"code": "1", "label": levels["1"]["label"]}
    assert department["6"]["self_level"]["label"]["th"] == "ระดับเริ่มต้น"
    # a new band set in the framework is what the tree uses
    Framework.objects.filter(pk=cycle.framework_id).update(
        levels=[
            {"code": "A", "min": 0, "label": {"th": "ต่ำ", "en": "Low"}},
            {"code": "B", "min": 50, "label": {"th": "สูง", "en": "High"}},
        ]
    )
    fresh = Cycle.objects.get(pk=cycle.pk)
    department = flatten(score_document(fresh))
    assert department["7.1"]["self_level"] == {"code": "B", "label": {"th": "สูง", "en": "High"}}
    assert flatten(score_document(fresh, world.units["R1"]))["7.1"]["self_level"]["code"] == "A"


# ---------------------------------------------------------------------------- query budget


def queries(cycle_pk, unit=None) -> tuple[int, dict]:
    cycle = Cycle.objects.get(pk=cycle_pk)  # nothing cached from earlier calls
    with CaptureQueriesContext(connection) as captured:
        doc = score_document(cycle, unit)
    return len(captured), doc


def test_score_document_query_count_does_not_grow(world, cycle, django_assert_max_num_queries):
    put(world, cycle, "2.2-1", "R1", "met", "verified")
    r1 = world.units["R1"]
    with django_assert_max_num_queries(8):
        small_department, _ = queries(cycle.pk)
    with django_assert_max_num_queries(8):
        small_unit, _ = queries(cycle.pk, r1)
    grow(world, cycle)
    with django_assert_max_num_queries(8):
        large_department, doc = queries(cycle.pk)
    with django_assert_max_num_queries(8):
        large_unit, unit_doc = queries(cycle.pk, r1)
    # criteria (with their options), answers, assignments, nodes, framework (+ the unit's subtree)
    assert (small_department, small_unit) == (large_department, large_unit) == (5, 6)
    assert doc["applicable"] > 300
    # and the large tree still agrees with the recomputation
    assert_same(doc, recompute(cycle))
    assert_same(unit_doc, recompute(cycle, r1))
