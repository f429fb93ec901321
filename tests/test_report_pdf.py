"""The PDF readiness report: rendered from the demo department, checked with poppler-utils
(pages, embedded fonts, pages drawn to PNG, extracted text), and the chart functions."""

import struct
import subprocess
import unicodedata
from datetime import date

import pytest
from django.db import transaction
from django.test.utils import override_settings

from digiorg.reports import svg
from digiorg.reports.pdf import FONTS_DIR, FontsOnly, css_string

# pytest-django sets up the test database only for the databases its marked tests ask for:
# without the mark, the module-scoped fixture below would reach the real database.
pytestmark = pytest.mark.django_db

ORGANIZATION = "กรมสนับสนุนบริการสุขภาพ"
REGION_1 = "ศูนย์สนับสนุนบริการสุขภาพที่ 1"


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def without_marks(text: str) -> str:
    """Text extraction drops some Thai marks: compare without any (and without spaces)."""
    return "".join(c for c in text if unicodedata.category(c) != "Mn" and c not in "\u0e33 \n")


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo built once for the module (rolled back afterwards): the department report
    in Thai and in English, and the report of regional centre R1."""
    from django.db import connection

    from digiorg.cycles.models import Cycle
    from digiorg.org.models import OrgUnit
    from digiorg.reports.data import report_data
    from digiorg.reports.pdf import render_pdf
    from digiorg.sample.demo import demo_prepare

    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=folder / "media"),
        transaction.atomic(),
    ):
        name = str(connection.settings_dict["NAME"])
        assert "memory" in name or "test" in name, f"not a test database: {name}"
        demo_prepare(say=lambda _: None, today=date(2025, 6, 15))  # FY 2568 in progress
        cycle = Cycle.objects.get(fiscal_year=2568, organization__code="HSS")
        unit = OrgUnit.objects.get(code="R1")
        for name, data in {
            "department": report_data(cycle),
            "unit": report_data(cycle, unit),
            "english": report_data(cycle, language="en"),
        }.items():
            paths[name] = folder / f"{name}.pdf"
            paths[name].write_bytes(render_pdf(data))
            overdue = [a for a in data.board.overdue_actions if a.unit.code[:2] != "R1"]
            paths[f"{name} overdue"] = [a.title for a in data.board.overdue_actions]
            if name == "department":  # an overdue action of a unit outside region 1
                paths["other title"] = overdue[0].title
        transaction.set_rollback(True)
    return paths


def pages(path) -> int:
    line = next(x for x in run("pdfinfo", str(path)).splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def fonts(path) -> list[tuple[str, str]]:
    """(name, embedded) per font; the type column may hold spaces, so count from the end."""
    rows = run("pdffonts", str(path)).splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", head[16:24])


def check_pdf(path, tmp_path) -> str:
    """The checks every report passes; returns its extracted text."""
    assert path.read_bytes().startswith(b"%PDF")
    assert pages(path) >= 4
    found = fonts(path)
    assert found, "no font in the PDF"
    # only our Sarabun, embedded: any other family would mean a glyph fell back
    assert all("Sarabun" in name and embedded == "yes" for name, embedded in found), found
    run("pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(path), str(tmp_path / "page"))
    for n in (1, 2):
        png = tmp_path / f"page-{n}.png"
        assert png.exists() and png.stat().st_size > 5_000
        width, height = png_size(png)
        assert 480 <= width <= 510 and 690 <= height <= 720  # A4 at 60 dpi: 496 x 702
    return run("pdftotext", "-layout", str(path), "-")


def test_department_report(reports, tmp_path):
    text = check_pdf(reports["department"], tmp_path)
    assert "2568" in text
    assert without_marks(ORGANIZATION) in without_marks(text)
    # the overdue actions are listed (the start of each title, which a table cell may wrap;
    # compared without the marks text extraction drops)
    assert without_marks(reports["other title"])[:12] in without_marks(text)


def test_unit_report(reports, tmp_path):
    text = check_pdf(reports["unit"], tmp_path)
    assert "2568" in text
    assert without_marks(REGION_1) in without_marks(text)
    assert reports["unit overdue"]
    # at least one of them whole at its start (a narrow cell may wrap another's first words)
    assert any(without_marks(t)[:12] in without_marks(text) for t in reports["unit overdue"])
    assert without_marks(reports["other title"])[:12] not in without_marks(
        text
    )  # other units' stay out


def test_english_report(reports, tmp_path):
    text = check_pdf(reports["english"], tmp_path)
    assert "Digital government readiness report" in text
    assert "Readiness" in text and "B.E. 2568" in text
    assert "Department of Health Service Support" in text
    assert "Policies & Practices" in text  # the framework's English titles


def test_bar_chart_escapes_labels_and_shows_missing_values():
    chart = svg.bar_chart(["1.1 <b>&", "1.2 นโยบาย"], [("self <&", [None, 55.55]), ("v", [0])])
    assert "<b>" not in chart and "<&" not in chart
    assert "&lt;b&gt;&amp;" in chart and "self &lt;&amp;" in chart
    assert "นโยบาย" in chart and (">55.5<" in chart or ">55.6<" in chart)
    assert chart.count(">–<") == 2  # None, and the value the second series lacks
    assert 'font-family="DigiorgSarabun"' in chart


def test_radar_chart_escapes_and_skips_empty_series():
    chart = svg.radar_chart(
        ["1 <a>", "2 & b", "3"], [("self", [50, None, 100]), ("last <year>", [None, None, None])]
    )
    assert "&lt;a&gt;" in chart and "2 &amp; b" in chart and "<a>" not in chart
    assert "last" not in chart  # a series with no value at all is left out
    assert chart.count("<circle") == 2  # no dot where there is no value
    assert chart.count("<polygon") == 5 + 1  # five rings, one series


def test_numbers_have_at_most_one_decimal():
    assert [svg.number(v) for v in (None, 0, 60.0, 71.428, 46.04, 99.96)] == [
        "–", "0", "60", "71.4", "46.0", "100.0",
    ]  # fmt: skip


def test_only_the_fonts_are_fetched():
    FontsOnly().fetch((FONTS_DIR / "Sarabun-Regular.ttf").as_uri())
    for url in ("file:///etc/passwd", "http://example.com/x.css", "data:text/css,p{}"):
        with pytest.raises(ValueError):
            FontsOnly().fetch(url)


def test_css_strings_cannot_end_early():
    quoted = css_string('หน้า "</style>\\')
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in quoted[1:-1] and "<" not in quoted and "\\\\" not in quoted
