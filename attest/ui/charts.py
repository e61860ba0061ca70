"""Server-side SVG charts, shared by the dashboard and the PDFs so both draw the same picture."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#2f5d8a", "#4f8f6f", "#c9893a", "#b0413e", "#7a5c99", "#5b8fa8"]


def bar_chart(data: list[tuple[str, int]], *, width: int = 360, bar_height: int = 22, colors=None, title: str = ""):
    """Horizontal bars, one per (label, value)."""
    colors = colors or PALETTE
    gap, label_w = 8, 130
    height = max(1, len(data)) * (bar_height + gap) + 4
    peak = max([v for _, v in data] + [1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(data):
        y = i * (bar_height + gap) + 2
        w = 0 if peak == 0 else round((width - label_w - 50) * value / peak)
        color = colors[i % len(colors)]
        parts.append(f'<text x="0" y="{y + bar_height * 0.7:.1f}" font-size="12" fill="#333">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_height}" rx="3" fill="{color}"/>')
        parts.append(f'<text x="{label_w + w + 6}" y="{y + bar_height * 0.7:.1f}" font-size="12" fill="#333">{value}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def coverage_bars(data: list[tuple[str, int, int]], *, width: int = 420, title: str = ""):
    """One bar per (label, covered, total): the covered share filled, the rest a pale track."""
    bar_h, gap, label_w = 20, 12, 110
    height = max(1, len(data)) * (bar_h + gap) + 4
    track = width - label_w - 90
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for i, (label, covered, total) in enumerate(data):
        y = i * (bar_h + gap) + 2
        share = covered / total if total else 0
        color = "#3d7d5a" if share >= 0.8 else "#c9893a" if share >= 0.4 else "#b0413e"
        parts.append(f'<text x="0" y="{y + bar_h * 0.72:.1f}" font-size="12" fill="#333">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{track}" height="{bar_h}" rx="3" fill="#e7ebf0"/>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(round(track * share), 0)}" height="{bar_h}" rx="3" fill="{color}"/>')
        parts.append(f'<text x="{label_w + track + 8}" y="{y + bar_h * 0.72:.1f}" font-size="12" fill="#333">'
                     f'{round(share * 100)}% ({covered}/{total})</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def heat_map(counts: dict[tuple[int, int], int], levels: list[dict], *, title: str = "", size: int = 5):
    """A likelihood × impact grid; each cell coloured by its rating level and showing its count."""
    cell, pad_l, pad_b = 44, 34, 30
    width, height = pad_l + size * cell + 4, size * cell + pad_b + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" role="img" '
             f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for likelihood in range(1, size + 1):
        y = (size - likelihood) * cell
        parts.append(f'<text x="{pad_l - 8}" y="{y + cell / 2 + 4:.0f}" font-size="11" fill="#555" text-anchor="end">{likelihood}</text>')
        for impact in range(1, size + 1):
            x = pad_l + (impact - 1) * cell
            score = likelihood * impact
            level = next((lvl for lvl in levels if score <= lvl["max"]), levels[-1])
            n = counts.get((likelihood, impact), 0)
            opacity = "1" if n else "0.28"
            parts.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" rx="3" '
                         f'fill="{level["color"]}" fill-opacity="{opacity}"><title>likelihood {likelihood}, impact '
                         f'{impact}: {n} risk(s), {escape(level["label"])}</title></rect>')
            if n:
                parts.append(f'<text x="{x + cell / 2:.0f}" y="{y + cell / 2 + 5:.0f}" font-size="14" font-weight="600" '
                             f'fill="#fff" text-anchor="middle">{n}</text>')
    for impact in range(1, size + 1):
        x = pad_l + (impact - 1) * cell + cell / 2
        parts.append(f'<text x="{x:.0f}" y="{size * cell + 16}" font-size="11" fill="#555" text-anchor="middle">{impact}</text>')
    parts.append(f'<text x="{pad_l + size * cell / 2:.0f}" y="{size * cell + 28}" font-size="10" fill="#777" '
                 f'text-anchor="middle">impact →</text>')
    parts.append(f'<text x="10" y="{size * cell / 2:.0f}" font-size="10" fill="#777" text-anchor="middle" '
                 f'transform="rotate(-90 10 {size * cell / 2:.0f})">likelihood →</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
