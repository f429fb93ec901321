"""The pure readiness-score computation: hand-computed cases and Hypothesis properties."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digiorg.scoring.compute import (
    NOT_APPLICABLE,
    POINTS,
    SELF,
    VERIFIED,
    CriterionSpec,
    Level,
    Node,
    NodeScore,
    ScoreTree,
    Slot,
    criterion_value,
    level_for,
    points,
    score_tree,
)

LEVELS = [Level("L4", 80), Level("L1", 0), Level("L3", 60), Level("L2", 20)]


def sub(criterion_id, result, status="submitted", unit_id=None):
    return Slot(criterion_id, unit_id, result, status)


def walk(tree: ScoreTree):
    stack = list(tree.dimensions)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)


def by_id(tree: ScoreTree) -> dict[int, NodeScore]:
    return {n.node_id: n for n in walk(tree)}


# --- points and criterion values -------------------------------------------------------------


def test_points_table():
    assert POINTS == {"met": 1.0, "partial": 0.5, "not_met": 0.0}
    assert points(sub(1, "met"), SELF) == 1
    assert points(sub(1, "partial"), SELF) == 0.5
    assert points(sub(1, "not_met"), SELF) == 0
    assert points(sub(1, NOT_APPLICABLE), SELF) is None


@pytest.mark.parametrize("status", [None, "draft", "returned"])
def test_uncounted_status_is_worth_zero(status):
    assert points(sub(1, "met", status), SELF) == 0
    assert points(sub(1, NOT_APPLICABLE, status), SELF) == 0


@pytest.mark.parametrize("result", [None, ""])
def test_unanswered_is_worth_zero(result):
    assert points(sub(1, result), SELF) == 0
    assert points(sub(1, result, "verified"), VERIFIED) == 0


def test_submitted_counts_in_self_only():
    assert points(sub(1, "met"), SELF) == 1
    assert points(sub(1, "met"), VERIFIED) == 0
    assert points(sub(1, "met", "verified"), VERIFIED) == 1


def test_submitted_not_applicable_excluded_in_self_but_zero_in_verified():
    slot = sub(1, NOT_APPLICABLE)
    assert points(slot, SELF) is None
    assert points(slot, VERIFIED) == 0
    assert points(sub(1, NOT_APPLICABLE, "verified"), VERIFIED) is None


def test_unit_scope_criterion_mean_over_units():
    slots = [
        sub(1, "met", unit_id=1),
        sub(1, "partial", unit_id=2),
        sub(1, NOT_APPLICABLE, unit_id=3),
    ]
    assert criterion_value(slots, SELF) == 0.75
    assert criterion_value(slots, VERIFIED) == 0


def test_criterion_value_none_when_all_excluded_or_empty():
    assert criterion_value([sub(1, NOT_APPLICABLE), sub(1, NOT_APPLICABLE)], SELF) is None
    assert criterion_value([], SELF) is None


def test_draft_counts_zero_in_self():
    assert criterion_value([sub(1, "met", "draft"), sub(1, "met")], SELF) == 0.5


# --- levels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "code"),
    [(0, "L1"), (19.99, "L1"), (20, "L2"), (59.9, "L2"), (80, "L4"), (100, "L4"), (None, None)],
)
def test_level_bands(score, code):
    assert level_for(score, LEVELS) == code


def test_level_below_every_band_or_no_bands():
    assert level_for(5, [Level("A", 10)]) is None
    assert level_for(50, []) is None


# --- the tree --------------------------------------------------------------------------------


def example():
    # Dimension 1: topic 11 (w=1 met, w=2 partial, w=1 not_met -> 50), topic 12 (all NA).
    # Dimension 2: topic 21 with one unit-scope criterion, both units met -> 100.
    nodes = [Node(2, None, order=1), Node(1, None), Node(12, 1, 2), Node(11, 1, 1), Node(21, 2)]
    criteria = [
        CriterionSpec(101, 11, 1),
        CriterionSpec(102, 11, 2),
        CriterionSpec(103, 11, 1),
        CriterionSpec(121, 12),
        CriterionSpec(122, 12),
        CriterionSpec(211, 21),
    ]
    slots = [
        sub(101, "met"),
        sub(102, "partial", "verified"),
        sub(103, "not_met"),
        sub(121, NOT_APPLICABLE),
        sub(122, NOT_APPLICABLE, "verified"),
        sub(211, "met", "verified", unit_id=1),
        sub(211, "met", unit_id=2),
    ]
    return nodes, criteria, slots


def test_hand_computed_tree():
    tree = score_tree(*example(), LEVELS)
    assert [d.node_id for d in tree.dimensions] == [1, 2]
    one, two = tree.dimensions
    assert [c.node_id for c in one.children] == [11, 12]
    topic_a, topic_b = one.children
    assert topic_a.self_score == 50
    assert topic_b.self_score is None
    assert topic_b.self_level is None
    assert one.self_score == 50
    assert two.self_score == 100
    assert tree.self_score == 75
    assert (tree.self_level, one.self_level, two.self_level) == ("L3", "L2", "L4")


def test_hand_computed_verified():
    nodes = by_id(score_tree(*example(), LEVELS))
    # Topic A: only the w=2 partial is verified -> (0 + 1 + 0) / 4.
    assert nodes[11].verified_score == 25
    # Topic B: submitted NA counts 0, verified NA excluded -> 0.
    assert nodes[12].verified_score == 0
    assert nodes[1].verified_score == 12.5
    # One of two units verified met -> 50.
    assert nodes[21].verified_score == 50
    tree = score_tree(*example(), LEVELS)
    assert tree.verified_score == 31.25
    assert tree.verified_level == "L2"


def test_progress_and_counts():
    nodes, criteria, slots = example()
    slots += [sub(101, "met", "draft", unit_id=9), sub(103, None, None, unit_id=9)]
    tree = score_tree(nodes, criteria, slots)
    scores = by_id(tree)
    assert (scores[11].applicable, scores[11].answered, scores[11].verified) == (5, 3, 1)
    assert scores[11].progress == 60
    assert scores[12].applicable == 0
    assert scores[12].progress is None
    assert (scores[1].applicable, scores[1].answered, scores[1].progress) == (5, 3, 60)
    assert (scores[2].applicable, scores[2].answered, scores[2].verified) == (2, 2, 1)
    assert (tree.applicable, tree.answered, tree.verified) == (7, 5, 2)
    assert tree.progress == pytest.approx(500 / 7)


def test_sub_topics_average_plainly():
    nodes = [Node(1, None), Node(10, 1), Node(11, 10), Node(12, 10), Node(13, 10)]
    criteria = [CriterionSpec(1, 11, 3), CriterionSpec(2, 12), CriterionSpec(3, 13)]
    slots = [sub(1, "met"), sub(2, "not_met"), sub(3, NOT_APPLICABLE)]
    tree = score_tree(nodes, criteria, slots)
    assert by_id(tree)[10].self_score == 50
    assert tree.self_score == 50


def test_node_with_criteria_and_children_counts_own_criteria_as_one_child():
    nodes = [Node(1, None), Node(11, 1), Node(12, 1)]
    criteria = [
        CriterionSpec(1, 1, 1),
        CriterionSpec(2, 1, 3),
        CriterionSpec(3, 11),
        CriterionSpec(4, 12),
    ]
    slots = [sub(1, "met"), sub(2, "not_met"), sub(3, "met"), sub(4, "partial")]
    tree = score_tree(nodes, criteria, slots)
    # Own criteria: 1/4 * 100 = 25; children 100 and 50 -> (25 + 100 + 50) / 3.
    assert tree.dimensions[0].self_score == pytest.approx(175 / 3)
    assert tree.dimensions[0].applicable == 4


def test_unknown_references_are_ignored():
    nodes = [Node(1, None), Node(50, 999)]
    criteria = [CriterionSpec(1, 1), CriterionSpec(2, 404), CriterionSpec(3, 50)]
    slots = [sub(1, "met"), sub(2, "not_met"), sub(3, "not_met"), sub(777, "not_met")]
    tree = score_tree(nodes, criteria, slots)
    assert tree.self_score == 100
    assert tree.applicable == 1
    assert [d.node_id for d in tree.dimensions] == [1]


def test_decimal_weights_are_accepted():
    from decimal import Decimal

    nodes = [Node(1, None)]
    criteria = [CriterionSpec(1, 1, Decimal("3.00")), CriterionSpec(2, 1, Decimal("1.00"))]
    tree = score_tree(nodes, criteria, [sub(1, "met"), sub(2, "not_met")])
    assert tree.self_score == 75


def test_empty_inputs_give_none_everywhere():
    tree = score_tree([], [], [], LEVELS)
    assert tree == ScoreTree(None, None, None, 0, 0, 0, None, None, [])
    tree = score_tree([Node(1, None), Node(2, 1)], [CriterionSpec(1, 2)], [], LEVELS)
    (dimension,) = tree.dimensions
    assert dimension.self_score is dimension.verified_score is dimension.progress is None
    assert tree.self_score is tree.verified_score is tree.progress is tree.self_level is None


def test_criterion_without_slots_is_left_out():
    nodes = [Node(1, None)]
    criteria = [CriterionSpec(1, 1), CriterionSpec(2, 1, 5)]
    assert score_tree(nodes, criteria, [sub(1, "partial")]).self_score == 50


# --- properties ------------------------------------------------------------------------------

RESULTS = ["met", "partial", "not_met", NOT_APPLICABLE, None, ""]
STATUSES = ["draft", "submitted", "verified", "returned", None]


@st.composite
def worlds(draw):
    nodes: list[Node] = []
    next_id = iter(range(1, 10_000))
    for _ in range(draw(st.integers(1, 4))):
        dimension = Node(next(next_id), None, draw(st.integers(0, 3)))
        nodes.append(dimension)
        for _ in range(draw(st.integers(0, 3))):
            topic = Node(next(next_id), dimension.id, draw(st.integers(0, 3)))
            nodes.append(topic)
            for _ in range(draw(st.integers(0, 2))):
                nodes.append(Node(next(next_id), topic.id, draw(st.integers(0, 3))))
    criteria = []
    for index in range(draw(st.integers(0, 12))):
        node = draw(st.sampled_from(nodes))
        criteria.append(CriterionSpec(index + 1, node.id, draw(st.floats(0.5, 3))))
    slots = []
    for criterion in criteria:
        for unit in range(draw(st.integers(0, 3))):
            result, status = draw(st.sampled_from(RESULTS)), draw(st.sampled_from(STATUSES))
            slots.append(Slot(criterion.id, unit, result, status))
    return nodes, criteria, slots


def all_scores(tree: ScoreTree, attr: str) -> dict[int | None, float | None]:
    scores: dict[int | None, float | None] = {n.node_id: getattr(n, attr) for n in walk(tree)}
    scores[None] = getattr(tree, attr)
    return scores


def assert_not_lower(before, after, *, none_allowed_from_zero=False):
    for key, old in before.items():
        new = after[key]
        if old is None:
            continue
        if new is None:
            assert none_allowed_from_zero and old == pytest.approx(0), (key, old)
        else:
            assert new >= old - 1e-9, (key, old, new)


@settings(max_examples=200, deadline=None)
@given(worlds())
def test_scores_within_bounds(world):
    tree = score_tree(*world)
    for attr in ("self_score", "verified_score", "progress"):
        for value in all_scores(tree, attr).values():
            assert value is None or 0 <= value <= 100 + 1e-9
    for node in walk(tree):
        assert 0 <= node.verified <= node.answered <= node.applicable


@settings(max_examples=200, deadline=None)
@given(worlds())
def test_overall_is_plain_mean_of_dimensions(world):
    tree = score_tree(*world)
    for attr in ("self_score", "verified_score"):
        present = [getattr(d, attr) for d in tree.dimensions if getattr(d, attr) is not None]
        expected = sum(present) / len(present) if present else None
        assert getattr(tree, attr) == expected
    assert tree.applicable == sum(d.applicable for d in tree.dimensions)


@settings(max_examples=200, deadline=None)
@given(worlds(), st.randoms(use_true_random=False))
def test_slot_order_does_not_matter(world, rnd: random.Random):
    nodes, criteria, slots = world
    shuffled = list(slots)
    rnd.shuffle(shuffled)
    assert score_tree(nodes, criteria, shuffled, LEVELS) == score_tree(
        nodes, criteria, slots, LEVELS
    )


@settings(max_examples=200, deadline=None)
@given(worlds(), st.data())
def test_marking_unproven_slot_not_applicable_never_lowers_self(world, data):
    nodes, criteria, slots = world
    unproven = [i for i, s in enumerate(slots) if s.status not in SELF or not s.result]
    if not unproven:
        return
    i = data.draw(st.sampled_from(unproven))
    changed = list(slots)
    changed[i] = Slot(slots[i].criterion_id, slots[i].unit_id, NOT_APPLICABLE, "submitted")
    before = all_scores(score_tree(nodes, criteria, slots), "self_score")
    after = all_scores(score_tree(nodes, criteria, changed), "self_score")
    # A node whose only contribution was that 0-point slot drops out (0 -> None).
    assert_not_lower(before, after, none_allowed_from_zero=True)


@settings(max_examples=200, deadline=None)
@given(worlds(), st.data())
def test_submitting_met_never_lowers_self(world, data):
    nodes, criteria, slots = world
    if not slots:
        return
    i = data.draw(st.integers(0, len(slots) - 1))
    changed = list(slots)
    changed[i] = Slot(slots[i].criterion_id, slots[i].unit_id, "met", "submitted")
    before = all_scores(score_tree(nodes, criteria, slots), "self_score")
    after = all_scores(score_tree(nodes, criteria, changed), "self_score")
    assert_not_lower(before, after)


@settings(max_examples=200, deadline=None)
@given(worlds(), st.data())
def test_adding_submitted_met_slot_never_lowers_self(world, data):
    nodes, criteria, slots = world
    if not criteria:
        return
    criterion = data.draw(st.sampled_from(criteria))
    added = [*slots, Slot(criterion.id, 99, "met", "submitted")]
    before = all_scores(score_tree(nodes, criteria, slots), "self_score")
    after = all_scores(score_tree(nodes, criteria, added), "self_score")
    assert_not_lower(before, after)
