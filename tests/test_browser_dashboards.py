"""Browser: the executive opens the dashboard, the charts draw, a figure drills down to its
list; coord-r1 lands on the region's dashboard with what is left to do this quarter. Every chart
text (axes, ticks, legends, radar names) reads at 4.5:1 or more on white, and each cell of the
units x topics table is in its band's colour with text at 4.5:1 or more on it."""

import pytest
from django.conf import settings

from digiorg.sample.demo import demo_prepare

from .browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# contrast (WCAG 2.1) of a colour on white, and of a heat table cell's text on its background
CONTRAST = """
const rgb = (text) => (text.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
const alpha = (text) => { const parts = text.match(/[\\d.]+/g) || []; return parts.length > 3 ? Number(parts[3]) : 1; };
const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
  .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const blend = (colour, opacity) => colour.map((c) => c * opacity + 255 * (1 - opacity));
"""
# every text of the charts (axes, ticks, legends, radar names, labels) on the white page
CHART_TEXT = (
    "() => {"
    + CONTRAST
    + """
  const found = [];
  for (const text of document.querySelectorAll('.chart svg text')) {
    const style = getComputedStyle(text);
    if (!text.textContent.trim() || style.display === 'none') { continue; }
    const opacity = Number(style.fillOpacity) * Number(style.opacity) * alpha(style.fill);
    const colour = blend(rgb(style.fill), opacity);
    found.push([text.closest('.chart').id, text.textContent.trim(), ratio(colour, [255, 255, 255])]);
  }
  return found;
}"""
)
HEAT_CELLS = (
    "() => {"
    + CONTRAST
    + """
  return [...document.querySelectorAll('#heat-table td[class*=heat-band] a, #heat-table td[class*=heat-band]')]
    .map((node) => { const style = getComputedStyle(node);
      const cell = node.closest('td');
      return [cell.className, getComputedStyle(cell).backgroundColor,
              ratio(rgb(style.color), rgb(getComputedStyle(cell).backgroundColor))]; });
}"""
)


def faint_chart_text(page) -> list:
    texts = page.evaluate(CHART_TEXT)
    assert len(texts) > 20  # names, ticks and legends were drawn
    return [(chart, text, round(ratio, 2)) for chart, text, ratio in texts if ratio < 4.5]


def test_dashboards(page):
    demo_prepare(say=lambda _: None)
    log_in(page, "executive", settings.DIGIORG_DEMO_PASSWORD)
    page.goto(page.base_url + "/dashboards/")
    page.wait_for_selector("#chart-radar svg")
    page.wait_for_selector("#chart-heatmap svg")
    assert page.locator("#dimension-table tbody tr").count() == 7
    page.wait_for_selector("#chart-trend svg")
    assert faint_chart_text(page) == []
    cells = page.evaluate(HEAT_CELLS)
    assert len({band for band, _bg, _r in cells}) >= 3  # several bands, each in its colour
    assert all(background != "rgba(0, 0, 0, 0)" for _b, background, _r in cells)
    assert [cell for cell in cells if cell[2] < 4.5] == []
    page.set_viewport_size({"width": 1366, "height": 768})
    page.locator("#heat-table").scroll_into_view_if_needed()
    screenshot(page, "dashboard-executive-heat-table")
    screenshot(page, "dashboard-executive")
    page.locator("#chart-heatmap").scroll_into_view_if_needed()
    screenshot(page, "dashboard-executive-heatmap")
    page.click("[data-testid=overdue-actions]")
    page.wait_for_url("**/dashboards/overdue/**")
    page.goto(page.base_url + "/dashboards/")
    page.click("#heat-table tbody tr[data-unit=R1] th a")
    page.wait_for_selector("[data-testid=todo-answers]")
    page.click("button:has-text('ออกจากระบบ')")

    log_in(page, "coord-r1", settings.DIGIORG_DEMO_PASSWORD)
    page.goto(page.base_url + "/dashboards/")
    page.wait_for_selector("[data-testid=todo-answers]")
    assert "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in page.locator("h1").inner_text()
    page.wait_for_selector("#chart-radar svg")
    assert faint_chart_text(page) == []
    screenshot(page, "dashboard-unit-r1")
