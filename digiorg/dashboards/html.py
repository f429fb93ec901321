"""The units x topics table, built in Python with plain string formatting: hundreds of cells
are too slow for the template engine (and for format_html) at department scale, where the
dashboard's budget is 50 ms. Every text is escaped; numbers are formatted by `score`. Each
figure's cell takes the colour of its readiness band (.heat-band-<i>, as in the legend)."""

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from digiorg.core.templatetags.ui import score

from .charts import level_bands
from .selectors import Dashboard


def _band_class(bands: list[dict], value) -> str:
    """` heat-band-<i>` of the band `value` falls in (the top band includes 100), or ""."""
    if value is None or not bands:
        return ""
    index = bands[0]["index"]
    for band in bands:
        if value >= band["min"]:
            index = band["index"]
    return f" heat-band-{index}"


def heat_rows(board: Dashboard, link_cells: bool = True) -> SafeString:
    workspace = reverse("assessments:workspace")
    cycle = board.cycle.pk
    bands = level_bands(board.cycle.framework)
    rows = []
    for line in board.units:
        unit_link = escape(f"{reverse('dashboards:unit', args=[line.unit.pk])}?cycle={cycle}")
        cell_link = escape(f"{workspace}?cycle={cycle}&unit={line.unit.pk}")
        cells = []
        for cell in line.cells:
            text = score(cell.self_score)
            if link_cells and cell.self_score is not None:
                text = f'<a href="{cell_link}">{text}</a>'
            cells.append(f'<td class="text-end{_band_class(bands, cell.self_score)}">{text}</td>')
        rows.append(
            f'<tr data-unit="{escape(line.unit.code)}"><th scope="row"><a href="{unit_link}">'
            f"{escape(str(line.unit.name))}</a></th>"
            f'<td class="text-end fw-bold{_band_class(bands, line.overall.self_score)}">'
            f"{score(line.overall.self_score)}</td>{''.join(cells)}</tr>"
        )
    return mark_safe("".join(rows))  # every text above is escaped
