"""Answering checklist and any_of criteria: the page shows the options as checkboxes, the
result follows from the ticks, the API takes and gives option codes, the evidence rule holds
on the derived result, and the workbook lists the options in place."""

import pytest
from django.urls import reverse

from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.services import assessment_save, assessments_baseline, assessments_submit
from digiorg.core.errors import ValidationFailed
from digiorg.cycles.services import assignments_set
from digiorg.reports.data import report_data
from digiorg.reports.xlsx import assessment_rows
from digiorg.scoring.selectors import score_document

from .assess_data import assessed_cycle, criterion, evidence
from .plans_data import open_cycle

A = CriterionAssessment
JSON = "application/json"
THREE = ["saraban", "budget", "meetings"]


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cycle = assessed_cycle(world, seed_framework)
    refs = ("5.1-12", "6.2-8", "4.4.3-4", "1.2-1")
    criteria = list(cycle.framework.criteria.filter(ref__in=refs))
    assignments_set(cycle=cycle, criteria=criteria, units=[world.units["R1"]], kind="responsible")
    return cycle


def url(cycle, ref, unit):
    return reverse("assessments:answer", args=[cycle.pk, criterion(cycle, ref).pk, unit.pk])


def flat(doc):
    out = {}
    stack = list(doc["dimensions"])
    while stack:
        node = stack.pop()
        out[node["ref"]] = node
        stack.extend(node["children"])
    return out


# ---------------------------------------------------------------------------- the page


def test_the_answer_page_shows_the_options_as_labelled_checkboxes(world, cycle):
    html = world.client("member").get(url(cycle, "5.1-12", world.units["R1"])).content.decode()
    assert html.count('type="checkbox" name="options"') == 11
    assert 'value="meetings"' in html and "งานดำเนินการจัดประชุม" in html
    assert 'for="id_options_10"' in html and 'id="id_options_10"' in html  # each box has its label
    assert 'name="result"' not in html  # the result follows from the ticks
    assert 'name="not_applicable"' in html
    assert "คะแนนคือสัดส่วนของตัวเลือกที่ดำเนินการแล้ว" in html  # the rule is said
    any_of = world.client("member").get(url(cycle, "6.2-8", world.units["R1"])).content.decode()
    assert "ผ่านเมื่อดำเนินการแล้วอย่างน้อย 1 ตัวเลือก" in any_of
    plain = world.client("member").get(url(cycle, "1.2-1", world.units["R1"])).content.decode()
    assert 'name="result"' in plain and 'name="options"' not in plain


def test_member_ticks_three_of_eleven_and_gets_partial_worth_27_27(world, cycle):
    proof = evidence(world)
    client, page = world.client("member"), url(cycle, "5.1-12", world.units["R1"])
    response = client.post(
        page, {"version": "0", "options": ["meetings", "saraban", "budget"], "evidence": [proof.pk]}
    )
    assert response.status_code == 302
    a = A.objects.get(cycle=cycle, criterion__ref="5.1-12")
    assert (a.result, a.options) == ("partial", THREE)  # in the file's order
    html = client.get(page).content.decode()
    assert "<strong>ผลการประเมิน:</strong> ผ่านบางส่วน" in html
    assert "ดำเนินการแล้ว 3 จาก 11 ตัวเลือก คิดเป็น 27.27 คะแนนจาก 100" in html
    assert html.count("checked") >= 3
    assessments_submit(actor=world.people["coordinator"], cycle=cycle, unit=world.units["R1"],
                       criterion=a.criterion)  # fmt: skip
    assert flat(score_document(cycle))["5.1"]["self_score"] == 27.27


def test_not_applicable_clears_the_ticks_and_bad_codes_change_nothing(world, cycle):
    client, page = world.client("member"), url(cycle, "5.1-12", world.units["R1"])
    client.post(page, {"version": "0", "options": ["saraban"], "not_applicable": "on"})
    a = A.objects.get(cycle=cycle, criterion__ref="5.1-12")
    assert (a.result, a.options) == ("not_applicable", [])
    response = client.post(page, {"version": str(a.version), "options": ["saraban", "teleport"]})
    assert response.status_code == 200  # the form again, with the error on the options
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    a.refresh_from_db()
    assert (a.result, a.options, a.version) == ("not_applicable", [], 1)


def test_an_auditor_sees_the_ticks_read_only(world, cycle):
    proof = evidence(world)
    assessment_save(actor=world.people["member"], cycle=cycle, criterion=criterion(cycle, "6.2-8"),
                    unit=world.units["R1"], result="", options=["security-analysis"],
                    evidence=[proof])  # fmt: skip
    html = world.client("auditor").get(url(cycle, "6.2-8", world.units["R1"])).content.decode()
    assert 'name="options"' not in html
    assert "ดำเนินการแล้ว:" in html and "Security Analysis" in html and "ผ่าน" in html


# ---------------------------------------------------------------------------- the rules


def test_the_result_follows_from_the_ticks(world, cycle):
    def save(ref, options, result=""):
        return assessment_save(actor=world.people["member"], cycle=cycle,
                               criterion=criterion(cycle, ref), unit=world.units["R1"],
                               result=result, options=options)  # fmt: skip

    assert save("6.2-8", ["security-management"]).result == "met"  # any_of, k = 1
    assert save("6.2-8", []).result == "not_met"
    eleven = list(criterion(cycle, "5.1-12").options.values_list("code", flat=True))
    assert save("5.1-12", eleven).result == "met"
    assert save("5.1-12", []).result == "not_met"
    assert save("4.4.3-4", ["consultation-outcomes"], result="partial").result == "partial"
    before = A.objects.get(criterion__ref="4.4.3-4")
    for options, result, field in (
        (["consultation-outcomes"], "met", "result"),  # contradicts the ticks
        (["nope"], "", "options"),
    ):
        with pytest.raises(ValidationFailed) as info:
            save("4.4.3-4", options, result)
        assert field in info.value.errors
    with pytest.raises(ValidationFailed, match="ไม่มีตัวเลือกให้เลือก"):
        save("1.2-1", ["saraban"], "met")
    assert A.objects.get(pk=before.pk).version == before.version  # nothing changed


def test_partial_by_ticks_needs_valid_evidence_to_submit(world, cycle):
    c = criterion(cycle, "5.1-12")
    assessment_save(actor=world.people["member"], cycle=cycle, criterion=c,
                    unit=world.units["R1"], result="", options=["saraban"])  # fmt: skip
    with pytest.raises(ValidationFailed, match=r"5\.1-12"):
        assessments_submit(actor=world.people["coordinator"], cycle=cycle,
                           unit=world.units["R1"], criterion=c)  # fmt: skip
    assert A.objects.get(criterion=c).status == "draft"


def test_last_years_ticks_are_brought_in_and_the_result_derived_again(world, cycle):
    proof = evidence(world)
    c = criterion(cycle, "5.1-12")
    assessment_save(actor=world.people["member"], cycle=cycle, criterion=c,
                    unit=world.units["R1"], result="", options=THREE, evidence=[proof])  # fmt: skip
    assessments_submit(
        actor=world.people["coordinator"], cycle=cycle, unit=world.units["R1"], criterion=c
    )
    later = open_cycle(world, cycle.framework, 2569)
    assignments_set(cycle=later, criteria=[c], units=[world.units["R1"]], kind="responsible")
    assert assessments_baseline(actor=world.people["secretariat"], cycle=later, from_cycle=cycle)
    brought = A.objects.get(cycle=later, criterion=c)
    assert (brought.result, brought.options, brought.baseline) == ("partial", THREE, True)


# ---------------------------------------------------------------------------- the API


def test_the_api_takes_and_gives_option_codes(world, cycle):
    proof = evidence(world)
    member = world.client("member")
    data = {"cycle": cycle.pk, "criterion": "5.1-12", "unit": world.units["R1"].pk,
            "options": ["budget", "saraban", "meetings"], "evidence": [proof.pk]}  # fmt: skip
    created = member.post("/api/v1/assessments/", data, content_type=JSON)
    assert created.status_code == 201, created.content
    item = created.json()
    assert (item["result"], item["options"]) == ("partial", THREE)
    path = f"/api/v1/assessments/{item['id']}/"
    # a PATCH without options keeps the ticks; with them, the result follows
    kept = member.patch(path, {"note": "เพิ่มหมายเหตุ", "version": 1}, content_type=JSON)
    assert kept.status_code == 200 and kept.json()["options"] == THREE
    eleven = list(criterion(cycle, "5.1-12").options.values_list("code", flat=True))
    full = member.patch(path, {"options": eleven, "version": 2}, content_type=JSON)
    assert (full.json()["result"], full.json()["version"]) == ("met", 3)
    assert member.get(path).json()["options"] == eleven


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"options": ["saraban", "teleport"]}, "options", "ไม่มีตัวเลือก teleport"),
        ({"options": ["saraban"], "result": "met"}, "result", "คำนวณจากตัวเลือกที่เลือก"),
        ({"options": "saraban"}, "options", ""),
    ],
)
def test_bad_options_are_a_400_in_thai_and_change_nothing(world, cycle, body, field, words):
    member = world.client("member")
    base = {"cycle": cycle.pk, "criterion": "5.1-12", "unit": world.units["R1"].pk}
    response = member.post("/api/v1/assessments/", {**base, **body}, content_type=JSON)
    assert response.status_code == 400
    assert field in response.json() and words in str(response.json()[field])
    assert not A.objects.exists()


def test_a_result_criterion_still_needs_a_result_over_the_api(world, cycle):
    base = {"cycle": cycle.pk, "criterion": "1.2-1", "unit": world.units["R1"].pk}
    response = world.client("member").post("/api/v1/assessments/", base, content_type=JSON)
    assert response.status_code == 400 and "result" in response.json()
    assert not A.objects.exists()


def test_the_schema_documents_the_options(world):
    schema = world.client("secretariat").get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    answer = next(
        v for k, v in components.items() if "Answer" in k and "options" in v["properties"]
    )
    assert answer["properties"]["options"]["type"] == "array"
    assert "codes of the options in place" in answer["properties"]["options"]["description"]
    given = components["Assessment"]["properties"]["options"]
    assert given["type"] == "array" and given["items"]["type"] == "string"


# ---------------------------------------------------------------------------- the workbook


def test_the_workbook_lists_the_options_in_place(world, cycle):
    proof = evidence(world)
    assessment_save(actor=world.people["member"], cycle=cycle, criterion=criterion(cycle, "5.1-12"),
                    unit=world.units["R1"], result="", options=THREE, evidence=[proof])  # fmt: skip
    headers, rows = assessment_rows(report_data(cycle).answers)
    column = headers.index("ตัวเลือกที่ดำเนินการแล้ว")
    row = next(r for r in rows if r[0] == "5.1-12")
    assert row[column].split("\n") == [
        "งานสารบรรณ หรือมีอีเมลตามที่ระเบียบงานสารบรรณฉบับใหม่กำหนด",
        "งานบริหารงบประมาณ",
        "งานดำเนินการจัดประชุม",
    ]
    assert next(r for r in rows if r[0] == "1.2-1")[column] == ""
