"""An action's dates: within its cycle's fiscal year unless it is multi-year, never ending before
it starts, milestones within them. One rule in the services, so the pages, the API and the plan
import all obey it; the action form takes dd/mm/yyyy in the Buddhist era."""

from datetime import date

import pytest
from django.urls import reverse

from digiorg.core.errors import ValidationFailed
from digiorg.plans.models import Action, Milestone
from digiorg.plans.services import action_update, milestone_add

from .plans_data import new_action, open_cycle


@pytest.fixture
def cycle(world, seed_framework):
    return open_cycle(world, seed_framework, 2569)  # 1 Oct 2025 - 30 Sep 2026


def refused(call, *args, **kwargs) -> dict[str, str]:
    before = (Action.objects.count(), Milestone.objects.count())
    with pytest.raises(ValidationFailed) as caught:
        call(*args, **kwargs)
    assert (Action.objects.count(), Milestone.objects.count()) == before, "nothing saved"
    return caught.value.errors


def test_the_fiscal_year_bounds_are_allowed(world, cycle):
    action = new_action(world, cycle, start_date=date(2025, 10, 1), end_date=date(2026, 9, 30))
    assert (action.start_date, action.end_date) == (date(2025, 10, 1), date(2026, 9, 30))


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (date(2025, 9, 30), date(2026, 3, 31), "start_date"),  # the day before FY 2569
        (date(2025, 11, 1), date(2026, 10, 1), "end_date"),  # the day after
        (date(3111, 1, 1), date(3111, 6, 30), "start_date"),  # B.E. typed into a C.E. field
    ],
)
def test_dates_outside_the_fiscal_year_are_refused(world, cycle, start, end, field):
    errors = refused(new_action, world, cycle, start_date=start, end_date=end)
    assert errors[field] == (
        f"{'วันเริ่มต้น' if field == 'start_date' else 'วันสิ้นสุด'}ต้องอยู่ในปีงบประมาณ 2569 "
        "(1 ตุลาคม 2568 – 30 กันยายน 2569) หากกิจกรรมดำเนินการหลายปี ให้เลือก “กิจกรรมต่อเนื่องหลายปี”"
    )


def test_end_before_start_is_refused(world, cycle):
    errors = refused(
        new_action, world, cycle, start_date=date(2026, 3, 1), end_date=date(2026, 2, 1)
    )
    assert errors == {"end_date": "วันสิ้นสุดอยู่ก่อนวันเริ่มต้น"}
    multi = refused(
        new_action, world, cycle, start_date=date(2026, 3, 1), end_date=date(2025, 2, 1),
        multi_year=True,
    )  # fmt: skip
    assert "end_date" in multi


def test_a_multi_year_action_may_run_past_the_year_but_must_touch_it(world, cycle):
    action = new_action(
        world, cycle, start_date=date(2025, 10, 1), end_date=date(2028, 9, 30), multi_year=True
    )
    assert action.multi_year and action.end_date == date(2028, 9, 30)
    errors = refused(
        new_action, world, cycle, start_date=date(2026, 10, 1), end_date=date(2027, 9, 30),
        multi_year=True,
    )  # fmt: skip
    assert errors["start_date"].startswith("กิจกรรมต่อเนื่องหลายปีต้องมีช่วงดำเนินการอยู่ในปีงบประมาณ 2569")


def test_changing_dates_follows_the_same_rule(world, cycle):
    action = new_action(world, cycle)
    errors = refused(
        action_update, action, actor=world.people["coordinator"], version=action.version,
        end_date=date(2027, 1, 31),
    )  # fmt: skip
    assert "end_date" in errors
    action.refresh_from_db()
    assert action.end_date == date(2026, 6, 30)
    changed = action_update(
        action, actor=world.people["coordinator"], version=action.version,
        end_date=date(2027, 1, 31), multi_year=True,
    )  # fmt: skip
    assert changed.end_date == date(2027, 1, 31) and changed.multi_year
    # unticking multi-year with the dates still outside is refused
    errors = refused(
        action_update, changed, actor=world.people["coordinator"], version=changed.version,
        multi_year=False,
    )  # fmt: skip
    assert "end_date" in errors


def test_milestones_fall_within_the_action(world, cycle):
    action = new_action(world, cycle, start_date=date(2025, 11, 1), end_date=date(2026, 6, 30))
    coordinator = world.people["coordinator"]
    milestone_add(action, actor=coordinator, title="ทดสอบระบบ", due_date=date(2026, 6, 30))
    errors = refused(
        milestone_add, action, actor=coordinator, title="นอกช่วง", due_date=date(2026, 7, 1)
    )
    assert errors == {
        "due_date": "วันที่ของหมุดหมายต้องอยู่ในช่วงวันที่ของกิจกรรม (1 พฤศจิกายน 2568 – 30 มิถุนายน 2569)"
    }
    # the action cannot shrink past one of its milestones
    errors = refused(
        action_update, action, actor=coordinator, version=action.version,
        end_date=date(2026, 5, 31),
    )  # fmt: skip
    assert errors["end_date"].startswith(
        "หมุดหมาย “ทดสอบระบบ” (30 มิถุนายน 2569) จะอยู่นอกช่วงวันที่ของกิจกรรม"
    )
    # milestones given at creation are checked as well
    errors = refused(
        new_action, world, cycle, milestones=[("เปิดระบบ", date(2026, 8, 1))],
        end_date=date(2026, 6, 30),
    )  # fmt: skip
    assert "end_date" in errors


def test_the_api_obeys_the_rule_and_shows_multi_year(world, cycle):
    client = world.client("coordinator")
    body = {
        "cycle": cycle.pk, "unit": world.units["R1"].pk, "title": "ผ่าน API",
        "start_date": "2026-10-01", "end_date": "2027-03-31",
    }  # fmt: skip
    response = client.post("/api/v1/actions/", body, content_type="application/json")
    assert response.status_code == 400
    assert "ปีงบประมาณ 2569" in str(response.json()["start_date"])
    assert not Action.objects.filter(title="ผ่าน API").exists()
    body.update(start_date="2026-09-01", multi_year=True)
    response = client.post("/api/v1/actions/", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["multi_year"] is True
    assert response.json()["start_date"] == "2026-09-01"  # the API stays ISO 8601
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert (
        schema["components"]["schemas"]["Action"]["properties"]["multi_year"]["type"] == "boolean"
    )


def form_data(world, cycle, **changes):
    data = {
        "unit": world.units["R1"].pk, "title": "ระบบจองห้องประชุม", "description": "",
        "criteria": [cycle.framework.criteria.get(ref="5.1-12").pk],
        "owner": world.people["coordinator"].pk, "start_date": "15/01/2569", "end_date": "๓๐/๐๖/๒๕๖๙",
        "budget": "0", "budget_source": "none", "kpi": "", "kpi_target": "", "kpi_unit": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_the_form_takes_thai_dates(world, cycle):
    response = world.client("coordinator").post(
        reverse("plans:action-create") + f"?cycle={cycle.pk}", form_data(world, cycle)
    )
    assert response.status_code == 302
    action = Action.objects.get(title="ระบบจองห้องประชุม")
    assert (action.start_date, action.end_date) == (date(2026, 1, 15), date(2026, 6, 30))
    page = world.client("coordinator").get(reverse("plans:action-edit", args=[action.pk]))
    html = page.content.decode()
    assert 'value="15/01/2569"' in html and 'value="30/06/2569"' in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start_date": "15/01/2026"}, "ปี 2026 เป็นปีคริสต์ศักราช ช่องนี้ใช้ปีพุทธศักราช (2569)"),
        ({"start_date": "31/02/2569"}, "กุมภาพันธ์ 2569 ไม่มีวันที่ 31"),
        ({"start_date": "15/01/69"}, "กรุณาใส่ปีให้ครบ 4 หลัก"),
        ({"start_date": "15/09/2568"}, "วันเริ่มต้นต้องอยู่ในปีงบประมาณ 2569"),
    ],
    ids=["christian era", "no such day", "two-digit year", "outside the fiscal year"],
)
def test_bad_dates_on_the_form_are_explained_and_nothing_saved(world, cycle, change, message):
    response = world.client("coordinator").post(
        reverse("plans:action-create") + f"?cycle={cycle.pk}", form_data(world, cycle, **change)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{change["start_date"]}"' in html  # what was typed stays to be corrected
    assert not Action.objects.filter(title="ระบบจองห้องประชุม").exists()


def test_the_criteria_picker_is_grouped_checkboxes(world, cycle, django_assert_max_num_queries):
    client = world.client("coordinator")
    url = reverse("plans:action-create") + f"?cycle={cycle.pk}"
    with django_assert_max_num_queries(15):
        html = client.get(url).content.decode()
    criteria = cycle.framework.criteria.filter(retired=False).count()
    assert html.count('type="checkbox" name="criteria"') == criteria
    assert '<select name="criteria"' not in html
    assert '<h2 class="picker-heading">4 ' in html  # a dimension heading
    assert '<legend class="picker-subheading">4.1.2 ' in html  # a sub-topic heading
    assert "ค้นหาเกณฑ์ด้วยเลขข้อหรือข้อความ" in html
