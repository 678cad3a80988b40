"""dvextract.score_table / plot_scores: a Report as a table and a plot, with the figures evaluate() computed."""

from __future__ import annotations

from pathlib import Path

import pytest

import dvextract
from dvextract._scores import score_rows

TEXT = "Ông Nguyễn Văn Nam, Bí thư Tỉnh ủy, thăm tỉnh Cà Mau ngày 2/7/2021."


def _article(entities: list[tuple[str, int, int]], dates: list[tuple[int, int, str]]) -> dvextract.Article:
    return dvextract.Article(
        id="t", text=TEXT, text_sha1="x",
        entities=[{"type": t, "start": s, "end": e, "text": TEXT[s:e]} for t, s, e in entities],
        dates=[{"start": s, "end": e, "text": TEXT[s:e], "value": v} for s, e, v in dates])


GOLD = _article([("PERSON", 4, 18), ("TITLE", 20, 34), ("LOCATION", 41, 52)], [(53, 66, "2021-07-02")])
PRED = _article([("PERSON", 4, 18), ("TITLE", 20, 30), ("ORGANIZATION", 27, 34)], [(53, 66, "2021-07-03")])


@pytest.fixture(scope="module")
def report() -> dvextract.Report:
    return dvextract.evaluate([GOLD], [PRED], system="mine")


def test_rows_carry_the_report_figures(report: dvextract.Report) -> None:
    rows = {(r["kind"], r["mode"]): r for r in score_rows(report)}
    assert len(rows) == 2 * 7 + 1  # four types, ALL, DATE, FACT strict and lenient; LINK once
    assert (rows["PERSON", "strict"]["tp"], rows["PERSON", "strict"]["f1"]) == (1, 1.0)
    title_strict, title_lenient = rows["TITLE", "strict"], rows["TITLE", "lenient"]
    assert (title_strict["tp"], title_strict["fp"], title_strict["fn"]) == (0, 1, 1)
    assert (title_lenient["tp"], title_lenient["f1"]) == (1, 1.0)  # overlapping, same type
    assert (rows["LOCATION", "strict"]["recall"], rows["ORGANIZATION", "strict"]["precision"]) == (0.0, 0.0)
    assert rows["ALL", "strict"]["f1"] == pytest.approx(report.entities["ALL"].strict.f1) == pytest.approx(1 / 3)
    assert (rows["DATE", "lenient"]["tp"], rows["DATE", "lenient"]["value_accuracy"]) == (1, 0.0)  # wrong day
    assert {r["system"] for r in rows.values()} == {"mine"}


def test_table_is_a_dataframe_of_the_rows(report: dvextract.Report) -> None:
    pytest.importorskip("pandas")
    other = dvextract.evaluate([GOLD], [GOLD], system="gold")
    table = dvextract.score_table([report, other])
    assert list(table.columns) == ["system", "kind", "mode", "precision", "recall", "f1", "tp", "fp", "fn",
                                   "value_accuracy"]
    f1 = table.pivot_table(index="kind", columns=["mode", "system"], values="f1")
    assert f1.loc["TITLE", ("strict", "mine")] == 0.0 and f1.loc["TITLE", ("lenient", "mine")] == 1.0
    assert (f1.loc[["PERSON", "TITLE", "LOCATION", "ALL", "DATE"], ("strict", "gold")] == 1.0).all()


def test_plot_is_written(report: dvextract.Report, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = dvextract.plot_scores(report, tmp_path / "f1.png")
    assert png == tmp_path / "f1.png" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
