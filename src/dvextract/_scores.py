"""Evaluation reports as a table and a plot, for notebooks and scripts (``dvextract eval`` prints the same).

``score_table(reports)`` gives one row per system, kind and matching mode, so that a pivot or a filter is all
a reader needs; ``plot_scores(reports, path)`` draws F1 per type, one bar per system, as ``dvextract eval --plot``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._evaluate import PRF, Report, SpanScores, plot
from ._extras import require

if TYPE_CHECKING:
    import pandas

__all__ = ["plot_scores", "score_rows", "score_table"]


def score_rows(reports: Report | Iterable[Report]) -> list[dict[str, Any]]:
    """One row per (system, kind, mode): ``kind`` is an entity type, ``ALL``, ``DATE``, ``FACT`` or ``LINK``;
    ``mode`` is ``strict`` or ``lenient`` (links have one way of matching: ``strict``)."""
    rows: list[dict[str, Any]] = []
    for report in [reports] if isinstance(reports, Report) else reports:
        kinds: list[tuple[str, SpanScores | PRF]] = [*report.entities.items(), ("DATE", report.dates),
                                                     ("FACT", report.facts), ("LINK", report.links)]
        for kind, scores in kinds:
            if isinstance(scores, PRF):
                rows.append(_row(report, kind, "strict", scores, None))
                continue
            for mode in ("strict", "lenient"):
                rows.append(_row(report, kind, mode, getattr(scores, mode), scores.value_accuracy))
    return rows


def _row(report: Report, kind: str, mode: str, prf: PRF, value_accuracy: float | None) -> dict[str, Any]:
    return {"system": report.system, "kind": kind, "mode": mode, "precision": prf.precision, "recall": prf.recall,
            "f1": prf.f1, "tp": prf.tp, "fp": prf.fp, "fn": prf.fn, "value_accuracy": value_accuracy}


def score_table(reports: Report | Iterable[Report]) -> pandas.DataFrame:
    """:func:`score_rows` as a pandas DataFrame (needs ``dvextract[pandas]``).

    ``score_table(reports).pivot_table(index="kind", columns=["mode", "system"], values="f1")`` is the F1 table.
    """
    pd = require("pandas", "dvextract.score_table")
    table: pandas.DataFrame = pd.DataFrame(score_rows(reports))
    return table


def plot_scores(reports: Report | Iterable[Report], path: str | Path) -> Path:
    """A PNG of F1 per type, strict and lenient side by side, one bar per system (needs ``dvextract[plot]``)."""
    return plot([reports] if isinstance(reports, Report) else list(reports), path)
