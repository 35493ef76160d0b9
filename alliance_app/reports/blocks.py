"""Shaded blocks of the report's pages: the key-figure cards and the warning box."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from alliance_app.reports.layout import grid, xml
from alliance_app.reports.styles import ACCENT, PRIMARY, WARNING_FILL, WARNING_RULE, ZEBRA, Styles


def kpi_grid(items: Sequence[tuple[str, str, str]], styles: Styles, width: float, per_row: int = 4) -> Any:
    """Cards of (value, label, change) in a grid, each with an accent stripe on its left."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph

    cards: list[Any] = [
        [
            Paragraph(xml(value), styles["kpi_value"]),
            Paragraph(xml(label), styles.cell("kpi_label", label)),
            Paragraph(xml(delta), styles.cell("kpi_change", delta)),
        ]
        for value, label, delta in items
    ]
    while len(cards) % per_row:
        cards.append("")
    rows = [cards[i : i + per_row] for i in range(0, len(cards), per_row)]
    gap = 6
    col = (width - gap * (per_row - 1)) / per_row
    widths = []
    for i in range(per_row):
        widths.append(col)
        if i < per_row - 1:
            widths.append(gap)
    cells = [[x for i, c in enumerate(row) for x in ([c] if i == per_row - 1 else [c, ""])] for row in rows]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
    ]
    for r in range(len(rows)):
        for c in range(0, per_row * 2 - 1, 2):
            if cells[r][c] == "":
                continue
            commands.append(("BACKGROUND", (c, r), (c, r), colors.HexColor(ZEBRA)))
            commands.append(("LINEBEFORE", (c, r), (c, r), 2.5, colors.HexColor(ACCENT if c == 0 else PRIMARY)))
    return grid(cells, widths, styles, commands)


def warning_box(lines: Sequence[str], styles: Styles, width: float) -> Any:
    """A shaded box with a coloured rule for warnings the reader must not miss."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph

    rows = [[Paragraph(xml(line), styles.cell("warning", line))] for line in lines]
    commands = [
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(WARNING_FILL)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(WARNING_RULE)),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    return grid(rows, [width], styles, commands)
