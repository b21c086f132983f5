"""Charts drawn on the server as SVG: readable without JavaScript, nothing fetched from elsewhere."""

from __future__ import annotations

from markupsafe import Markup, escape

# Eight distinguishable colours with enough contrast on white (Okabe-Ito, darkened).
PALETTE = ("#0b6fb8", "#d55e00", "#009e73", "#b8860b", "#8e44ad", "#c0392b", "#2c3e50", "#cc79a7",
           "#56b4e9", "#7f8c8d", "#16a085", "#e67e22")  # fmt: skip


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * 4
    return value


def stacked_bars(title: str, x_labels: list[str], series: dict[str, list[int]], names: dict[str, str]) -> Markup:
    """Columns of stacked counts, one per x label, with a legend of the series that occur."""
    series = {key: values for key, values in series.items() if any(values)}
    width, height, left, bottom, top = 640, 240, 36, 28, 10
    totals = [sum(values[i] for values in series.values()) for i in range(len(x_labels))]
    peak = _nice_max(max(totals, default=0) or 1)
    plot_h = height - bottom - top
    slot = (width - left) / max(len(x_labels), 1)
    bar = slot * 0.66
    parts = [f'<svg viewBox="0 0 {width} {height}" class="chart" role="img" aria-label="{escape(title)}">']
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{value:g}</text>')
    for i, label in enumerate(x_labels):
        x = left + i * slot + (slot - bar) / 2
        y = top + plot_h
        for color, (key, values) in zip(PALETTE, series.items(), strict=False):
            if not values[i]:
                continue
            h = plot_h * values[i] / peak
            y -= h
            tip = f"{names.get(key, key)}, {label}: {values[i]}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{color}">'
                f"<title>{escape(tip)}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - 8}" class="tick" text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="swatch" style="background:{color}"></span>{escape(names.get(key, key))}</li>'
        for color, key in zip(PALETTE, series, strict=False)
    )
    empty = "" if series else '<p class="muted">Nothing yet in these weeks.</p>'
    return Markup(f'<figure class="figure">{"".join(parts)}<ul class="legend">{legend}</ul>{empty}</figure>')


def bars(title: str, rows: list[tuple[str, float, str]], maximum: float | None = None) -> Markup:
    """Horizontal bars: (label, value, value as text) per row."""
    peak = maximum or max((value for _, value, _ in rows), default=0) or 1
    row_h, label_w, width, value_w = 28, 250, 640, 90
    height = row_h * len(rows) + 4
    parts = [f'<svg viewBox="0 0 {width} {height}" class="chart" role="img" aria-label="{escape(title)}">']
    for i, (label, value, text) in enumerate(rows):
        y = i * row_h + 4
        w = (width - label_w - value_w) * value / peak
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" class="label" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_h - 10}" fill="{PALETTE[0]}"/>'
        )
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" class="value">{escape(text)}</text>')
    parts.append("</svg>")
    return Markup(f'<figure class="figure">{"".join(parts)}</figure>')
