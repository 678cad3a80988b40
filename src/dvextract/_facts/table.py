"""Statistics tables flattened into running text: rows of ``home label away`` (``7 Phạm lỗi 12``).

A crawled match report ends with its table written on one line: ``24(9) Sút khung thành 9(3) 7 Phạm lỗi 12 8
Phạt góc 3 …``. Each number of a row counts what the row's label names; a home cell of one number, written right
before the label, keeps the label in its span (``7 Phạm lỗi``); the numbers of a home cell of two (``24(9)``, shots
and shots on target) and the away numbers are their number alone. Only a run of at least
:data:`MIN_ROWS` rows is a table: one ``2 Thẻ vàng 4`` in a sentence may be anything.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from .. import _patterns

__all__ = ["MIN_ROWS", "TableCount", "table_counts"]

MIN_ROWS = 3
"""The fewest rows in a row that make a table (a stray ``N Label N`` in a sentence is not one)."""

_CELL = r"\d{1,4}(?:\(\d{1,4}\))?%?"
_ROW = _patterns.compile(
    rf"(?<![\w.,()])(?P<home>{_CELL})[ ](?P<label>\p{{Lu}}\p{{Ll}}*(?:[ ]\p{{Ll}}+)+)[ ](?P<away>{_CELL})(?![\w.,])")
_NUMBER = _patterns.compile(r"\d+")


class TableCount(NamedTuple):
    """One number of a table row: its span, its value and the row's label."""

    start: int
    end: int
    value: int
    label: str


def table_counts(text: str) -> list[TableCount]:
    """The counts of every statistics table of ``text`` (cells with % are left to the percent reader)."""
    rows = _rows(text)
    out: list[TableCount] = []
    run: list[regex.Match[str]] = []
    for row in [*rows, None]:
        if row is not None and (not run or text[run[-1].end():row.start()].strip() == ""):
            run.append(row)
            continue
        if len(run) >= MIN_ROWS:
            out.extend(c for r in run for c in _cells(r))
        run = [row] if row is not None else []
    return out


def _rows(text: str) -> list[regex.Match[str]]:
    """Rows left to right; rows share no cell."""
    return list(_patterns.finditer(_ROW, text))


def _cells(row: regex.Match[str]) -> list[TableCount]:
    label = row.group("label")
    out: list[TableCount] = []
    for side in ("home", "away"):
        cell = row.group(side)
        if cell.endswith("%"):
            continue
        numbers = list(_patterns.finditer(_NUMBER, cell))
        for n in numbers:
            start = row.start(side) + n.start()
            end = row.start(side) + n.end()
            if side == "home" and len(numbers) == 1:
                end = row.end("label")  # 7 Phạm lỗi: the label right after its number is in the span
            out.append(TableCount(start, end, int(n.group()), label))
    return out
