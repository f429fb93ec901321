"""Charts of the PDF report: small pure functions, each returning one <div class="chart">
that holds an SVG drawing and the chart's words.

WeasyPrint 70 lays out SVG <text> one character at a time (weasyprint/svg/text.py), so a
Thai tone mark after an upper vowel prints on top of the vowel (ที่ comes out as ที, มั่น as
มัน). The drawing's <text> therefore carries only numbers; labels and legend names are HTML
boxes laid over the drawing, where Pango shapes and wraps Thai properly. Sizes are CSS px
(1/96 in); the drawing is 1:1 with its box."""

from collections.abc import Sequence
from math import cos, pi, sin
from xml.sax.saxutils import escape

FONT = "DigiorgSarabun"
COLORS = ("#8db4e2", "#1f4e8c", "#8c8c8c")  # self-assessed, verified, last year
Series = tuple[str, Sequence[float | None]]  # legend name, one value per label or axis
LABEL_STYLE = (
    "position:absolute;display:flex;flex-direction:column;justify-content:center;"
    "overflow:hidden;line-height:1.2;font-size:8pt;color:#222"
)


def number(value: float | None) -> str:
    """A score for display as the `score` filter shows it: at most one decimal (none for a
    whole number), a dash when there is none."""
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _clamp(value: float, top: float) -> float:
    return 0.0 if value < 0 else min(value, top)


def _at(values: Sequence[float | None], i: int) -> float | None:
    return values[i] if i < len(values) else None


def _angle(i: int, n: int) -> float:
    """Spoke i of n, clockwise from twelve o'clock."""
    return -pi / 2 + 2 * pi * i / n


def _text(x: float, y: float, content: str, *, size: float = 9, anchor: str = "start") -> str:
    """Numbers only (see the module's docstring)."""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" fill="#333">{escape(content)}</text>'
    )


def _label(x: float, y: float, width: float, height: float, content: str, align="left") -> str:
    """An HTML box over the drawing; (x, y) is its top left corner in the drawing's px."""
    return (
        f'<div class="chart-label" style="{LABEL_STYLE};left:{x:.1f}px;top:{y:.1f}px;'
        f'width:{width:.1f}px;height:{height:.1f}px;text-align:{align}">'
        f"<span>{escape(content)}</span></div>"
    )


def _legend(series: Sequence[Series], colors: Sequence[str], x: float, y: float):
    """Coloured squares in the drawing, their names as labels: (svg, html)."""
    shapes, labels = [], []
    for i, (name, _) in enumerate(series):
        shapes.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="10" height="10" fill="{colors[i]}"/>')
        labels.append(_label(x + 14, y - 4, 150, 18, name))
        x += 170
    return "".join(shapes), "".join(labels)


def _frame(width: int, height: float, drawing: str, labels: str) -> str:
    return (
        f'<div class="chart" style="position:relative;width:{width}px;height:{height:.0f}px">'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" style="display:block">{drawing}</svg>{labels}</div>'
    )


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    max: float = 100,
    *,
    width: int = 640,
    label_width: int = 230,
    row: int = 44,
    colors: Sequence[str] = COLORS,
) -> str:
    """Horizontal bars: one group per label (its series side by side), axis 0..max, each
    value printed at the end of its bar; None draws no bar and prints a dash."""
    left, right, top = label_width + 12, width - 34, 26
    bottom = top + row * len(labels)
    scale = (right - left) / max
    legend, html = _legend(series, colors, left, 6)
    parts = [legend]
    for i in range(6):  # grid and axis numbers every fifth of max
        x = left + (right - left) * i / 5
        dash = ' stroke-dasharray="3 3"' if i else ""
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#c8c8c8"{dash}/>'
        )
        parts.append(_text(x, bottom + 13, number(max * i / 5), size=8.5, anchor="middle"))
    bar = min(13.0, (row - 12) / (len(series) or 1))
    for r, label in enumerate(labels):
        y = top + r * row + (row - bar * len(series) - 2 * (len(series) - 1)) / 2
        html += _label(0, top + r * row, label_width, row, label)
        for s, (_, values) in enumerate(series):
            value = _at(values, r)
            length = 0.0 if value is None else _clamp(value, max) * scale
            if length:
                parts.append(
                    f'<rect x="{left}" y="{y:.1f}" width="{length:.1f}" height="{bar:.1f}" '
                    f'fill="{colors[s]}"/>'
                )
            parts.append(_text(left + length + 3, y + bar - 2.5, number(value), size=8.5))
            y += bar + 2
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#888"/>')
    return _frame(width, bottom + 20, "".join(parts), html)


def radar_chart(
    axes: Sequence[str],
    series: Sequence[Series],
    max: float = 100,
    *,
    width: int = 640,
    height: int = 350,
    radius: float = 120,
    colors: Sequence[str] = COLORS,
) -> str:
    """A spider chart: one spoke per axis, rings every fifth of max; a series with no value
    at all is left out, a missing value sits at the centre with no dot."""
    n = len(axes)
    cx, cy = width / 2, radius + 50

    def point(i: int, value: float) -> tuple[float, float]:
        r = radius * _clamp(value, max) / max
        return cx + r * cos(_angle(i, n)), cy + r * sin(_angle(i, n))

    def polygon(values, attrs: str) -> str:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in values))
        return f'<polygon points="{points}" {attrs}/>'

    parts = []
    for ring in range(1, 6):
        parts.append(
            polygon([(i, max * ring / 5) for i in range(n)], 'fill="none" stroke="#d0d0d0"')
        )
        parts.append(_text(cx + 3, cy - radius * ring / 5 - 2, number(max * ring / 5), size=8))
    for i in range(n):
        x, y = point(i, max)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c0c0c0"/>')
    shown = [s for s, (_, values) in enumerate(series) if any(v is not None for v in values)]
    for s in shown:
        values, color = series[s][1], colors[s]
        dash = ' stroke-dasharray="4 3"' if s >= 2 else ""  # last year's line
        attrs = f'fill="{color}" fill-opacity="0.15" stroke="{color}" stroke-width="1.6"{dash}'
        parts.append(polygon([(i, _at(values, i) or 0.0) for i in range(n)], attrs))
        for i in range(n):
            if (value := _at(values, i)) is not None:
                x, y = point(i, value)
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.4" fill="{color}"/>')
    html, box_w, box_h = "", 160, 40
    for i, name in enumerate(axes):  # labels beside the spoke ends, away from the chart
        c, sn = cos(_angle(i, n)), sin(_angle(i, n))
        x, y = cx + (radius + 10) * c, cy + (radius + 10) * sn
        align = "left" if c > 0.2 else "right" if c < -0.2 else "center"
        left = x - box_w * {"left": 0, "right": 1, "center": 0.5}[align]
        top = y - box_h if sn < -0.6 else y if sn > 0.6 else y - box_h / 2
        html += _label(left, top, box_w, box_h, name, align)
    start = (width - 170 * len(shown)) / 2
    legend, names = _legend(
        [series[s] for s in shown], [colors[s] for s in shown], start, height - 16
    )
    return _frame(width, height, "".join(parts) + legend, html + names)
