"""The tables ``dvextract eval`` prints: one per system, strict and lenient P/R/F1 per type and value accuracy
(rich when installed, else tab-separated). Command-line output only: the scores themselves are ``_evaluate``'s."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from ._evaluate import PRF, Report, SpanScores, StructureScores, type_rows

__all__ = ["render_table"]


def _structure_rows(structure: StructureScores) -> list[list[str]]:
    """Author accuracy, then byline, caption and boilerplate P/R/F1 (strict, then overlap-lenient)."""
    rows = [["author", *[""] * 6, f"{structure.author_accuracy:.3f} ({structure.authors_right}/{structure.articles})"]]
    for name in ("byline", "captions", "boilerplate"):
        scores: SpanScores = getattr(structure, name)
        rows.append([name, *(f"{getattr(getattr(scores, mode), m):.3f}" for mode in ("strict", "lenient")
                             for m in ("precision", "recall", "f1")), ""])
    return rows


def render_table(reports: Sequence[Report], file: Any = None) -> None:
    """One table per system: strict and lenient P/R/F1 per type, value accuracy, links (rich if present); on
    structure gold, the structure table instead."""
    file = file or sys.stdout
    header = ["", "strict P", "strict R", "strict F1", "lenient P", "lenient R", "lenient F1", "values"]
    for report in reports:
        title = f"{report.system or 'predictions'}: {report.articles} articles"
        if report.missing:
            title += f" ({len(report.missing)} without prediction)"
        if report.structure is not None:
            _print_table(f"{title}, structure", header[:-1] + ["accuracy"], _structure_rows(report.structure), file)
            continue
        rows = []
        for name, s in type_rows(report):
            if isinstance(s, PRF):
                rows.append([name, *(f"{getattr(s, m):.3f}" for m in ("precision", "recall", "f1")), "", "", "", ""])
                continue
            cells = [f"{getattr(getattr(s, mode), m):.3f}" for mode in ("strict", "lenient")
                     for m in ("precision", "recall", "f1")]
            values = ("" if s.value_accuracy is None else "-" if not s.lenient.tp
                      else f"{s.value_accuracy:.3f} ({s.values_right}/{s.lenient.tp})")
            rows.append([name, *cells, values])
        _print_table(title, header, rows, file)


def _print_table(title: str, header: list[str], rows: list[list[str]], file: Any) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        print(title, file=file)
        print("\t".join(header), file=file)
        for row in rows:
            print("\t".join(row), file=file)
        return
    table = Table(title=title, title_justify="left")
    for h in header:
        table.add_column(h, justify="left" if not h else "right")
    for row in rows:
        table.add_row(*row)
    Console(file=file, width=120).print(table)
