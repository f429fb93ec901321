"""The action status flow as a table: role x from-status x to-status -> allowed or not."""

import pytest

from digiorg.core.errors import ConflictError, PermissionDenied, ValidationFailed
from digiorg.plans.models import Action, ActionEvent
from digiorg.plans.services import action_transition, action_update

from .plans_data import S, action_in, open_cycle
from .world import ROLES

ALLOWED = {
    (S.DRAFT, S.SUBMITTED): {"coordinator"},
    (S.RETURNED, S.SUBMITTED): {"coordinator"},
    (S.SUBMITTED, S.RETURNED): {"secretariat"},
    (S.SUBMITTED, S.APPROVED): {"executive"},
    (S.APPROVED, S.IN_PROGRESS): {"coordinator", "member"},
    (S.IN_PROGRESS, S.DONE): {"coordinator"},
    (S.DRAFT, S.CANCELLED): {"coordinator"},
    (S.RETURNED, S.CANCELLED): {"coordinator"},
    (S.SUBMITTED, S.CANCELLED): {"secretariat"},
    (S.APPROVED, S.CANCELLED): {"secretariat"},
    (S.IN_PROGRESS, S.CANCELLED): {"secretariat"},
}
CASES = [(role, frm, to) for frm in S.values for to in S.values if frm != to for role in ROLES]


@pytest.fixture
def cycle(world, seed_framework):
    return open_cycle(world, seed_framework)


@pytest.mark.parametrize(("role", "frm", "to"), CASES, ids=[f"{r}:{f}->{t}" for r, f, t in CASES])
def test_status_flow_table(world, cycle, role, frm, to):
    action = action_in(world, cycle, frm)
    events = ActionEvent.objects.filter(action=action).count()
    allowed = role in ALLOWED.get((frm, to), set())
    if allowed:
        moved = action_transition(action, actor=world.people[role], to_status=to, comment="เหตุผล")
        assert moved.status == to
        assert ActionEvent.objects.filter(action=action).count() == events + 1
    else:
        with pytest.raises(PermissionDenied):
            action_transition(action, actor=world.people[role], to_status=to, comment="เหตุผล")
        assert Action.objects.get(pk=action.pk).status == frm
        assert ActionEvent.objects.filter(action=action).count() == events


def test_the_region_2_coordinator_cannot_submit_region_1(world, cycle):
    action = action_in(world, cycle, S.DRAFT)
    with pytest.raises(PermissionDenied):
        action_transition(action, actor=world.people["r2-staff"], to_status=S.SUBMITTED)


@pytest.mark.parametrize("to", [S.RETURNED, S.CANCELLED])
def test_returning_or_cancelling_needs_a_comment(world, cycle, to):
    action = action_in(world, cycle, S.SUBMITTED)
    with pytest.raises(ValidationFailed) as info:
        action_transition(action, actor=world.people["secretariat"], to_status=to, comment="  ")
    assert "comment" in info.value.errors
    assert Action.objects.get(pk=action.pk).status == S.SUBMITTED


def test_two_people_editing_the_same_action(world, cycle):
    action = action_in(world, cycle, S.DRAFT)
    first = action_update(
        action, version=action.version, actor=world.people["coordinator"], title="ชื่อของคนแรก"
    )
    with pytest.raises(ConflictError):
        action_update(
            action, version=action.version, actor=world.people["member"], title="ชื่อของคนที่สอง"
        )
    assert Action.objects.get(pk=action.pk).title == "ชื่อของคนแรก" == first.title


def test_only_drafts_and_returned_actions_can_be_edited(world, cycle):
    action = action_in(world, cycle, S.SUBMITTED)
    with pytest.raises(ValidationFailed):
        action_update(action, version=action.version, actor=world.people["coordinator"], title="x")


def test_done_means_complete(world, cycle):
    assert action_in(world, cycle, S.DONE).percent_done == 100


def test_unknown_status_is_a_clear_error(world, cycle):
    with pytest.raises(ValidationFailed):
        action_transition(
            action_in(world, cycle, S.DRAFT), actor=world.people["coordinator"], to_status="flying"
        )
