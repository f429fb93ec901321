"""Checklist and any_of criteria in the pure score computation, by hand-computed figures."""

import pytest

from digiorg.scoring.compute import (
    ANY_OF,
    CHECKLIST,
    NOT_APPLICABLE,
    CriterionSpec,
    Node,
    Slot,
    option_outcome,
    score_tree,
)

# One dimension (1) with topic 11 (the criteria below) and topic 12 (one plain criterion, 9).
NODES = [Node(1, None), Node(11, 1), Node(12, 1)]
BACK_OFFICE = CriterionSpec(5, 11, 1, CHECKLIST, options=11)  # 5.1: eleven areas, no minimum


def topic(tree, node_id=11):
    return next(t for t in tree.dimensions[0].children if t.node_id == node_id)


@pytest.mark.parametrize(
    ("kind", "ticked", "options", "minimum", "expected"),
    [
        (CHECKLIST, 3, 11, None, ("partial", 3 / 11)),
        (CHECKLIST, 11, 11, None, ("met", 1.0)),
        (CHECKLIST, 0, 11, None, ("not_met", 0.0)),
        (CHECKLIST, 1, 3, 2, ("not_met", 0.0)),  # under the minimum: nothing
        (CHECKLIST, 2, 3, 2, ("partial", 2 / 3)),  # at the minimum: the share
        (CHECKLIST, 2, 0, None, ("not_met", 0.0)),  # every option retired
        (ANY_OF, 1, 4, 1, ("met", 1.0)),
        (ANY_OF, 0, 4, 1, ("not_met", 0.0)),
        (ANY_OF, 4, 4, None, ("met", 1.0)),  # k defaults to 1
        (ANY_OF, 1, 6, 2, ("not_met", 0.0)),  # below k: not met, never partial
        (ANY_OF, 2, 6, 2, ("met", 1.0)),
    ],
)
def test_option_outcome(kind, ticked, options, minimum, expected):
    assert option_outcome(kind, ticked, options, minimum) == pytest.approx(expected)


def test_three_of_eleven_back_office_areas_give_the_topic_27_27():
    tree = score_tree(NODES, [BACK_OFFICE], [Slot(5, None, "partial", "submitted", ticked=3)])
    assert round(topic(tree).self_score, 2) == 27.27  # 3 / 11 x 100, not 50 for "partial"
    assert topic(tree).verified_score == 0  # submitted, not verified: 0 for the verified score
    assert (topic(tree).applicable, topic(tree).answered) == (1, 1)


def test_verified_checklist_counts_for_both_scores():
    tree = score_tree(NODES, [BACK_OFFICE], [Slot(5, None, "partial", "verified", ticked=3)])
    assert round(topic(tree).self_score, 2) == round(topic(tree).verified_score, 2) == 27.27
    assert topic(tree).verified == 1


def test_a_draft_or_returned_checklist_counts_nothing():
    for status in ("draft", "returned", None):
        slot = Slot(5, None, "partial", status, ticked=10)
        assert topic(score_tree(NODES, [BACK_OFFICE], [slot])).self_score == 0


def test_any_of_with_one_of_its_options_in_place_is_met():
    standards = CriterionSpec(7, 11, 1, ANY_OF, options=3, min_options=1)  # 6.2's standards
    tree = score_tree(NODES, [standards], [Slot(7, None, "met", "verified", ticked=1)])
    assert topic(tree).self_score == topic(tree).verified_score == 100
    nothing = score_tree(NODES, [standards], [Slot(7, None, "not_met", "verified", ticked=0)])
    assert topic(nothing).self_score == 0


def test_not_applicable_checklist_is_left_out():
    plain = CriterionSpec(9, 12)
    slots = [Slot(5, None, NOT_APPLICABLE, "verified"), Slot(9, None, "met", "verified")]
    tree = score_tree(NODES, [BACK_OFFICE, plain], slots)
    assert topic(tree).self_score is None and topic(tree).applicable == 0  # left out, not 0
    assert tree.dimensions[0].self_score == 100  # the dimension is topic 12 alone
    # submitted but not verified, the n/a still counts 0 for the verified score (as any result)
    submitted = score_tree(NODES, [BACK_OFFICE], [Slot(5, None, NOT_APPLICABLE, "submitted")])
    assert topic(submitted).self_score is None and topic(submitted).verified_score == 0


def test_checklist_weighs_with_plain_criteria_in_its_topic():
    plain = CriterionSpec(6, 11, 2)  # weight 2, partially met: 0.5
    slots = [Slot(5, None, "partial", "submitted", ticked=3), Slot(6, None, "partial", "submitted")]
    tree = score_tree(NODES, [BACK_OFFICE, plain], slots)
    # (1 x 3/11 + 2 x 0.5) / 3 x 100 = 42.42
    assert round(topic(tree).self_score, 2) == 42.42


def test_unit_scope_checklist_is_the_mean_over_its_units():
    channels = CriterionSpec(8, 11, 1, CHECKLIST, options=3)  # 4.4.3: three examples
    slots = [
        Slot(8, 1, "partial", "verified", ticked=2),  # 2/3
        Slot(8, 2, "met", "submitted", ticked=3),  # 1, self only
        Slot(8, 3, NOT_APPLICABLE, "verified"),  # left out
    ]
    tree = score_tree(NODES, [channels], slots)
    assert round(topic(tree).self_score, 2) == 83.33  # (2/3 + 1) / 2
    assert round(topic(tree).verified_score, 2) == 33.33  # (2/3 + 0) / 2


def test_checklist_minimum_scores_nothing_below_it():
    strict = CriterionSpec(5, 11, 1, CHECKLIST, options=4, min_options=2)
    below = score_tree(NODES, [strict], [Slot(5, None, "not_met", "verified", ticked=1)])
    at = score_tree(NODES, [strict], [Slot(5, None, "partial", "verified", ticked=2)])
    assert topic(below).self_score == 0 and topic(at).self_score == 50


def test_points_follow_the_ticks_when_options_change():
    """An answer that was met (3 of 3) and then got a fourth option from a newer file is worth
    3 of 4: the stored result is not trusted over the ticks."""
    grown = CriterionSpec(5, 11, 1, CHECKLIST, options=4)
    tree = score_tree(NODES, [grown], [Slot(5, None, "met", "verified", ticked=3)])
    assert topic(tree).self_score == 75
