"""dvextract.to_arrow / to_pandas: the six tables of ``dvextract batch`` from records, with real date columns."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

import dvextract
from dvextract._tables import TABLES, _day

pa = pytest.importorskip("pyarrow")

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo" / "bao-cao-huyen-uy-demo.txt"
TEXT = "Chiều 2/7, Bí thư Thành ủy Nguyễn Văn An trao 3.400 phần quà. Năm 2020, giai đoạn 2021-2025, ngày 23/5."


@pytest.fixture(scope="module")
def articles() -> list[dvextract.Article]:
    return [dvextract.extract(TEXT, id="a1", published="2021-07-02"),
            dvextract.extract(DEMO.read_text(encoding="utf-8"), published="2024-10-16T08:30:00")]


def test_six_tables_one_row_per_item(articles: list[dvextract.Article]) -> None:
    tables = dvextract.to_arrow(articles)
    assert list(tables) == list(TABLES)
    assert tables["articles"].column("article_id").to_pylist() == ["a1", "1"]  # no id: its position
    counts = {"entities": sum(len(a.entities) for a in articles), "people": sum(len(a.people) for a in articles),
              "titles": sum(len(p.title_links) for a in articles for p in a.people),
              "dates": sum(len(a.dates) for a in articles), "facts": sum(len(a.facts) for a in articles)}
    assert {t: tables[t].num_rows for t in counts} == counts
    assert min(counts.values()) > 0
    for t in ("entities", "titles", "dates", "facts"):
        for row in tables[t].to_pylist():
            text = articles[0].text if row["article_id"] == "a1" else articles[1].text
            assert text[row["start"]:row["end"]] == row["text"]


def test_dates_are_dates(articles: list[dvextract.Article]) -> None:
    tables = dvextract.to_arrow(articles)
    assert tables["articles"].schema.field("published").type == pa.timestamp("ms")
    assert tables["articles"].column("published").to_pylist() == [datetime(2021, 7, 2), datetime(2024, 10, 16, 8, 30)]
    assert tables["dates"].schema.field("interval_start").type == pa.date32()
    rows = {r["text"]: r for r in tables["dates"].to_pylist() if r["article_id"] == "a1"}
    assert (rows["Chiều 2/7"]["interval_start"], rows["Chiều 2/7"]["interval_end"]) == (date(2021, 7, 2),) * 2
    assert (rows["Năm 2020"]["interval_start"], rows["Năm 2020"]["interval_end"]) == (date(2020, 1, 1),
                                                                                      date(2020, 12, 31))
    assert (rows["giai đoạn 2021-2025"]["interval_start"], rows["giai đoạn 2021-2025"]["interval_end"]) == (
        date(2021, 1, 1), date(2025, 12, 31))
    money = [r for r in tables["facts"].to_pylist() if r["article_id"] == "a1" and r["kind"] == "count"]
    assert [(r["text"], r["value"], r["unit"]) for r in money] == [("3.400 phần quà", 3400.0, "phần quà")]


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2024-10-15", date(2024, 10, 15), date(2024, 10, 15)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("2021-07-02T14:30", date(2021, 7, 2), date(2021, 7, 2)),
    ("XXXX-05-23", None, None),
    ("2024-13", None, None),
    (None, None, None),
])
def test_interval_bounds(value: str | None, first: date | None, last: date | None) -> None:
    assert (_day(value, last=False), _day(value, last=True)) == (first, last)


def test_same_tables_as_batch(articles: list[dvextract.Article], tmp_path: Path) -> None:
    pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in"
    src.mkdir()
    (src / "demo.txt").write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    dvextract.batch([src], tmp_path / "run", workers=1, progress=False)
    written = {t: pytest.importorskip("pyarrow.parquet").read_schema(tmp_path / "run" / f"{t}.parquet") for t in TABLES}
    assert written["articles"].field("published").type == pa.timestamp("ms")  # the files themselves, not a cast
    assert {written["dates"].field(c).type for c in ("interval_start", "interval_end")} == {pa.date32()}
    from_folder = dvextract.to_arrow(tmp_path / "run")
    record = [a for a in from_folder["articles"].to_pylist()][0]
    from_records = dvextract.to_arrow([dvextract.extract(DEMO.read_text(encoding="utf-8"), id=record["article_id"])])
    for t in TABLES:
        assert from_folder[t].schema.equals(from_records[t].schema), (t, from_folder[t].schema, from_records[t].schema)
        skip = {"source", "published", "meta"} if t == "articles" else set()
        keep = [c for c in from_folder[t].column_names if c not in skip]
        assert from_folder[t].select(keep).to_pylist() == from_records[t].select(keep).to_pylist(), t


def test_pandas(articles: list[dvextract.Article]) -> None:
    pd = pytest.importorskip("pandas")
    frames = dvextract.to_pandas(articles)
    assert set(frames) == set(TABLES)
    assert pd.api.types.is_datetime64_any_dtype(frames["articles"].published)
    assert pd.api.types.is_datetime64_any_dtype(frames["dates"].interval_start)
    dates = frames["dates"][frames["dates"].article_id == "a1"]
    assert sorted(dates.interval_start.dt.year.dropna().astype(int)) == [2020, 2021, 2021, 2021]
