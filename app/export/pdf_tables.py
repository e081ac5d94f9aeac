"""Right-to-left tables for the minutes: the first column on the right, cells of RTL text.

reportlab lays columns out left to right, so :func:`rtl_table` reverses each
row, the column widths and the column numbers in style commands. Tables split
between rows and, for a row taller than a page, inside it; the header row is
repeated, and reportlab never leaves it alone at a page's foot.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

__all__ = ["GRID", "GROUP_BG", "HEADER_BG", "RULE", "Cell", "rtl_table"]

Cell = list[Flowable]

RULE = colors.HexColor("#8c98a6")
HEADER_BG = colors.HexColor("#e6ecf3")
GROUP_BG = colors.HexColor("#f3f5f8")
PADDING = 5.0

GRID: list[tuple[Any, ...]] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), PADDING + 1),
    ("RIGHTPADDING", (0, 0), (-1, -1), PADDING + 1),
    ("TOPPADDING", (0, 0), (-1, -1), PADDING - 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING - 1),
    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
]


def _mirror_col(c: int, n: int) -> int:
    return n - 1 - (c + n if c < 0 else c)


def _mirror_command(cmd: tuple[Any, ...], n: int) -> tuple[Any, ...]:
    """A style command with its column numbers counted from the right."""
    name, (c0, r0), (c1, r1), *rest = cmd
    a, b = _mirror_col(c0, n), _mirror_col(c1, n)
    return (name, (min(a, b), r0), (max(a, b), r1), *rest)


def rtl_table(rows: Sequence[Sequence[Cell]], col_widths: Sequence[float], *,
              commands: Sequence[tuple[Any, ...]] = (), header_rows: int = 1,
              min_split: float = 40.0) -> Table:
    """A table whose first column is drawn rightmost.

    ``commands`` are reportlab style commands with columns counted in reading
    order (0 = the rightmost). ``min_split`` is the least height of a row part
    left at a page's foot when a tall row is split.
    """
    n = len(col_widths)
    data = [list(row) for row in rows]
    for cmd in commands:
        if cmd[0] == "SPAN":
            # reportlab draws a span's content from its leftmost cell: move it there.
            (c0, r0), (c1, _) = cmd[1], cmd[2]
            first, last = c0 % n, c1 % n
            row = data[r0 % len(data)]
            row[first], row[last] = row[last], row[first]
    data = [list(reversed(row)) for row in data]
    table = Table(data, colWidths=list(reversed(col_widths)), repeatRows=header_rows, splitByRow=1,
                  splitInRow=min_split, hAlign="RIGHT")
    table.setStyle(TableStyle([_mirror_command(c, n) for c in commands]))
    return table
