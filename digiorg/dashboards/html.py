"""The units x topics table, built in Python: hundreds of cells are too slow for the template
engine at department scale (the dashboard's budget is 50 ms)."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from digiorg.core.templatetags.ui import score

from .selectors import Dashboard


def heat_rows(board: Dashboard, link_cells: bool = True) -> SafeString:
    workspace = reverse("assessments:workspace")
    cycle = board.cycle.pk
    rows = []
    for line in board.units:
        unit_link = reverse("dashboards:unit", args=[line.unit.pk]) + f"?cycle={cycle}"
        cell_link = f"{workspace}?cycle={cycle}&unit={line.unit.pk}"
        cells = format_html_join(
            "",
            '<td class="text-end">{}</td>',
            (
                (
                    format_html('<a href="{}">{}</a>', cell_link, score(cell.self_score))
                    if link_cells and cell.self_score is not None
                    else score(cell.self_score),
                )
                for cell in line.cells
            ),
        )
        rows.append(
            format_html(
                '<tr data-unit="{}"><th scope="row"><a href="{}">{}</a></th>'
                '<td class="text-end fw-bold">{}</td>{}</tr>',
                line.unit.code,
                unit_link,
                line.unit.name,
                score(line.overall.self_score),
                cells,
            )
        )
    return SafeString("".join(rows))
