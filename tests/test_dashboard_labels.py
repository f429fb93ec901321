"""What the figures say about themselves: whose figures they are (scope), charts labelled with
names (not codes), legends with numbers, text alternatives; the timeline's legend and today
line; the coverage page's "plan an action for this"."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from digiorg.core.fiscal import fiscal_year

from .assess_data import answer_topic, assessed_cycle, criterion
from .plans_data import action_in, open_cycle

WHOLE = "ทั้งกรม"
R1 = "ศูนย์สนับสนุนบริการสุขภาพที่ 1"
R1_SCOPE = f"หน่วยงาน {R1} และหน่วยงานในสังกัด"


@pytest.fixture
def cycle(world, seed_framework):
    cycle = assessed_cycle(world, seed_framework)
    answer_topic(world, cycle, {"2.2-1": "met", "2.2-2": "partial", "2.2-3": "met",
                                "2.2-4": "not_met", "2.2-5": "met", "2.2-6": "met"})  # fmt: skip
    answer_topic(
        world, cycle, {"2.2-1": "met", "2.2-2": "not_met", "2.2-5": "partial"}, unit="R2",
        who="r2-staff",
    )  # fmt: skip
    action_in(world, cycle, "in_progress")
    return cycle


def scopes(html: str) -> list[str]:
    return [unescape(s) for s in re.findall(r'data-testid="scope">([^<]*)<', html)]


def chart_json(html: str) -> dict:
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def test_scores_page_states_whose_scores(world, cycle):
    url = reverse("assessments:scores") + f"?cycle={cycle.pk}"
    coordinator = world.client("coordinator").get(url).content.decode()
    found = scopes(coordinator)
    # the page's badge, the three cards and the table's caption all say it is R1's subtree
    assert len(found) >= 5 and set(found) == {R1_SCOPE}
    assert WHOLE not in coordinator
    secretariat = world.client("secretariat").get(url).content.decode()
    found = scopes(secretariat)
    assert len(found) >= 5 and set(found) == {WHOLE}
    # the secretariat asking for one unit gets that unit's label
    one = world.client("secretariat").get(url + f"&unit={world.units['R1'].pk}").content.decode()
    assert set(scopes(one)) == {R1_SCOPE}


def test_dashboards_state_whose_figures(world, cycle):
    department = world.client("executive").get(reverse("dashboards:department")).content.decode()
    found = scopes(department)
    # badge, four cards, radar, plan, table caption, heat map, trend
    assert len(found) >= 10 and set(found) == {WHOLE}
    unit = (
        world.client("coordinator")
        .get(reverse("dashboards:unit", args=[world.units["R1"].pk]))
        .content.decode()
    )
    found = scopes(unit)
    assert len(found) >= 9 and set(found) == {R1_SCOPE}


def test_chart_labels_are_names_not_codes(world, cycle):
    html = world.client("executive").get(reverse("dashboards:department")).content.decode()
    data = chart_json(html)
    assert data["radar"]["indicators"][0] == "1. นโยบายและหลักปฏิบัติ"
    assert data["plan"]["dimensions"] == data["radar"]["indicators"]
    assert len(data["plan"]["dimensions"]) == 7
    assert "6. โครงสร้างพื้นฐานความมั่นคงปลอดภัยและมีประสิทธิภาพ" in data["plan"]["dimensions"]
    assert data["heatmap"]["units"] == [R1, "ศูนย์สนับสนุนบริการสุขภาพที่ 2"]
    assert "R1" not in data["heatmap"]["units"]
    assert data["heatmap"]["topic_titles"][data["heatmap"]["topics"].index("2.2")].startswith(
        "2.2 "
    )
    # the JS draws whole names: it no longer cuts them
    js = Path("digiorg/static/js/dashboard.js").read_text(encoding="utf-8")
    assert "slice(0, 27)" not in js and "Intl.Segmenter" in js


def test_heat_map_legend_has_numbers(world, cycle):
    html = world.client("executive").get(reverse("dashboards:department")).content.decode()
    legend = html[html.index('id="heat-legend"') : html.index('id="chart-heatmap"')]
    ranges = re.findall(r'class="heat-range">([^<]*)<', legend)
    assert ranges == ["0–19.9", "20–39.9", "40–59.9", "60–79.9", "80–100"]
    assert "ระดับเริ่มต้น" in legend and "ระดับเหมาะสมสูงสุด" in legend
    bands = chart_json(html)["heatmap"]["bands"]
    assert [(b["min"], b["max"]) for b in bands] == [
        (0, 20),
        (20, 40),
        (40, 60),
        (60, 80),
        (80, 100),
    ]
    # each swatch's colour class exists in the stylesheet with the colour the chart uses
    css = Path("digiorg/static/css/digiorg.css").read_text(encoding="utf-8")
    for band in bands:
        assert f".heat-band-{band['index']} {{ background: {band['colour']}; }}" in css


def test_both_cards_show_the_level(world, cycle):
    html = world.client("executive").get(reverse("dashboards:department")).content.decode()
    self_level = re.search(r'data-testid="self-level">([^<]*)<', html).group(1)
    verified_level = re.search(r'data-testid="verified-level">([^<]*)<', html).group(1)
    assert self_level.startswith("ระดับ") and verified_level.startswith("ระดับ")


@pytest.mark.parametrize("who, page", [("executive", "department"), ("coordinator", "unit")])
def test_every_chart_has_a_text_alternative(world, cycle, who, page):
    url = (
        reverse("dashboards:department")
        if page == "department"
        else reverse("dashboards:unit", args=[world.units["R1"].pk])
    )
    html = world.client(who).get(url).content.decode()
    charts = re.findall(r'<div id="(chart-[a-z]+)"[^>]*>', html)
    assert {"chart-radar", "chart-plan"} <= set(charts)
    for tag in re.findall(r'<div id="chart-[a-z]+"[^>]*>', html):
        assert 'role="img"' in tag and "aria-label=" in tag
        described = re.search(r'aria-describedby="([^"]+)"', tag).group(1)
        for target in described.split():
            assert f'id="{target}"' in html, target


def current_cycle(world, seed_framework):
    return open_cycle(world, seed_framework, fiscal_year(timezone.localdate()))


def test_timeline_has_a_legend_and_a_today_line(world, seed_framework):
    cycle = current_cycle(world, seed_framework)
    action_in(world, cycle, "approved")
    html = (
        world.client("coordinator")
        .get(reverse("plans:timeline") + f"?cycle={cycle.pk}")
        .content.decode()
    )
    start, end = cycle.bounds
    expected = round((timezone.localdate() - start).days * 100 / ((end - start).days + 1), 2)
    line = re.search(r'data-testid="today-line" style="left: ([0-9.]+)%"', html)
    assert line and float(line.group(1)) == expected
    legend = html[html.index('id="gantt-legend"') : html.index('class="gantt"')]
    for label in ("ร่าง", "อนุมัติแล้ว", "แล้วเสร็จ", "วันนี้"):
        assert label in legend, label
    assert "status-draft" in legend and "status-done" in legend
    # rows name the unit, not its code
    assert R1 in html


def test_timeline_of_another_year_has_no_today_line(world, seed_framework):
    cycle = open_cycle(world, seed_framework, 2568)
    html = (
        world.client("coordinator")
        .get(reverse("plans:timeline") + f"?cycle={cycle.pk}")
        .content.decode()
    )
    assert 'data-testid="today-line"' not in html and 'id="gantt-legend"' in html


def test_coverage_plans_an_action_for_a_criterion(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    action_in(world, cycle, "draft")  # covers 2.1-1
    client = world.client("coordinator")
    html = client.get(reverse("plans:coverage") + f"?cycle={cycle.pk}").content.decode()
    target = criterion(cycle, "2.2-1")
    link = reverse("plans:action-create") + f"?cycle={cycle.pk}&criterion={target.pk}"
    assert f'href="{link}"' in html
    covered = criterion(cycle, "2.1-1")
    assert f'criterion={covered.pk}"' not in html  # covered criteria get no such button
    response = client.get(link)
    # the criteria picker's value (whatever widget draws it) is the one criterion, ticked
    assert [int(v) for v in response.context["form"]["criteria"].value()] == [target.pk]
    html = response.content.decode()
    assert re.search(rf'value="{target.pk}"[^>]*(selected|checked)', html)
    # an executive (who plans nothing) sees no button
    executive = world.client("executive").get(reverse("plans:coverage") + f"?cycle={cycle.pk}")
    assert 'data-testid="plan-for"' not in executive.content.decode()


def test_breadcrumbs_name_the_unit(world, seed_framework):
    cycle = open_cycle(world, seed_framework)
    action = action_in(world, cycle, "draft")
    html = (
        world.client("coordinator")
        .get(reverse("plans:action-detail", args=[action.pk]))
        .content.decode()
    )
    crumbs = html[html.index('class="breadcrumb"') : html.index("</ol>")]
    assert R1 in crumbs and ">R1<" not in crumbs
    unit = (
        world.client("admin")
        .get(reverse("org:unit-detail", args=[world.units["R1-STD"].pk]))
        .content.decode()
    )
    crumbs = unit[unit.index('class="breadcrumb"') : unit.index("</ol>")]
    assert "กลุ่มงานมาตรฐาน ศูนย์ฯ ที่ 1" in crumbs and "R1-STD" not in crumbs


def test_heat_table_cells_take_their_bands_colour(world, cycle):
    """Each figure of the units x topics table is coloured as the legend says for its number;
    a topic without answers ("–") is not coloured."""
    html = world.client("executive").get(reverse("dashboards:department")).content.decode()
    bands = chart_json(html)["heatmap"]["bands"]
    table = html[
        html.index('id="heat-table"') : html.index("</table>", html.index('id="heat-table"'))
    ]
    cells = re.findall(r'<td class="text-end( fw-bold)?([^"]*)">(?:<a [^>]*>)?([^<]*)<', table)
    figures = [(classes.strip(), text) for _bold, classes, text in cells]
    assert len([text for _c, text in figures if text != "–"]) >= 4  # two units, overall + 2.2
    for classes, text in figures:
        if text == "–":
            assert "heat-band" not in classes
            continue
        value = float(text)
        band = next(b for b in bands if b["min"] <= value < b["max"] or value == b["max"] == 100)
        assert classes == f"heat-band-{band['index']}", (text, classes)
    # the colour of each band's cells is the legend's, with dark text
    css = Path("digiorg/static/css/digiorg.css").read_text(encoding="utf-8")
    for band in bands:
        assert (
            f".heat-table td.heat-band-{band['index']} {{ --bs-table-bg: {band['colour']}; }}"
            in css
        )
