"""The fact finder on its own: the worked example article, traps, offsets, context fields, hostile input."""

from __future__ import annotations

import pytest
from conftest import scanned

from dvextract import _patterns
from dvextract._facts import find_facts
from dvextract._text import normalize


def test_example_article_facts(example_text: str, example_gold: dict) -> None:
    """Its 9 facts, with gold spans and values; none of its traps (5K, Covid-19, khóa XV, periods)."""
    source, gold = example_text, example_gold
    work = normalize(source)
    dates = [(d["start"], d["end"]) for d in gold["dates"]]  # the text keeps its length through normalization
    assert len(work.text) == len(source)
    found = find_facts(work.text, dates, [])
    got = {(f.start, f.end): f.fields for f in found}
    want = {(f["start"], f["end"]): f for f in gold["facts"]}
    assert set(got) == set(want)
    for span, f in want.items():
        for key in ("kind", "value", "unit", "denominator"):
            assert got[span][key] == f.get(key), (source[span[0]:span[1]], key)
    subjects = {source[s:e]: source[slice(*got[(s, e)]["subject"])] for s, e in got if got[(s, e)]["subject"]}
    assert subjects["99,95%"] == "Tỷ lệ cử tri đi bỏ phiếu"
    assert subjects["2.811,7 triệu đồng"] == "tổng số tiền"
    assert subjects["117 lượt công dân"] == "lượt công dân"
    dates_of = {source[s:e]: got[(s, e)]["date"] for s, e in got}
    assert source[slice(*dates_of["9.081 xuất quà"])] == "tết Nguyên Đán Tân Sửu 2021"
    assert source[slice(*dates_of["117 lượt công dân"])] == "6 tháng đầu năm"


def test_numbers_inside_dates_are_not_facts() -> None:
    text = "Trong 6 tháng đầu năm, có 3 người."
    assert [text[f.start:f.end] for f in find_facts(text, [(6, 21)], [])] == ["3 người"]
    assert [text[f.start:f.end] for f in find_facts(text)] == ["6 tháng", "3 người"]


def test_place_and_date_come_from_the_same_sentence() -> None:
    text = "Ngày 2/7, tại tỉnh Cà Mau có 5 người. Ở Hà Nội có 3 người."
    found = find_facts(text, [(0, 8)], [(14, 24), (40, 46)])
    assert [(f.fields["date"], f.fields["place"]) for f in found] == [((0, 8), (14, 24)), (None, (40, 46))]


def test_spans_are_trimmed_and_inside_the_text() -> None:
    text = "Khoảng 30 doanh nghiệp, tăng 15% (gần 2 triệu đồng)."
    for f in find_facts(text):
        piece = text[f.start:f.end]
        assert piece == piece.strip(" ,.()") and piece
        for key in ("subject", "date", "place"):
            r = f.fields[key]
            assert r is None or 0 <= r[0] < r[1] <= len(text)


HOSTILE = {
    "digits and dots": "1." * 500_000,
    "digits": "9" * 1_000_000,
    "number words": "hai mươi " * 100_000,
    "repeated counts": "3 người " * 20_000,
    "slashes and dashes": "/-" * 500_000,
    "digit ranges": "1-2-" * 50_000,
    "ratios": "1/2/3 " * 50_000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_finishes(name: str) -> None:
    """Counted work: the characters the fact patterns scan stay linear in the text (a scan per figure over the
    rest of the text would not)."""
    text = HOSTILE[name]
    assert scanned(lambda: find_facts(text)) <= _patterns.BUDGET_PER_CHAR * len(text)


class _CountingPattern:
    """A compiled pattern that counts the matches it hands out, however they are asked for."""

    def __init__(self, pattern):
        self.pattern, self.produced = pattern, 0

    def search(self, *args, **kwargs):
        m = self.pattern.search(*args, **kwargs)
        self.produced += m is not None
        return m

    def finditer(self, *args, **kwargs):
        for m in self.pattern.finditer(*args, **kwargs):
            self.produced += 1
            yield m


def test_subject_reading_is_bounded_per_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    """``tăng 12,5% so với`` repeated in one sentence: each percentage reads a few words after it, not the
    rest of the sentence (issue #19: quadratic, past 120 s at 200,000 characters)."""
    import dataclasses

    from dvextract._facts import scan
    from dvextract._facts.lexicon import lexicon

    counting = _CountingPattern(lexicon().word)
    monkeypatch.setattr(scan, "lexicon", lambda: dataclasses.replace(lexicon(), word=counting))
    text = "Doanh thu " + "tăng 12,5% so với " * 400
    found = find_facts(text)
    assert len(found) == 400 and all(f.fields["kind"] == "percent" for f in found)
    assert counting.produced <= 8 * len(found)  # a whole-sentence scan hands out ~1,200 words per figure


def test_statistics_table_rows() -> None:
    """A flattened match table: every number counts its row's label; only the number right before the label
    keeps it in its span; percent cells stay percents; fewer than three rows make no table."""
    text = ("Chelsea Thông số Watford 24(9) Sút khung thành 9(3) 7 Phạm lỗi 12 8 Phạt góc 3 "
            "47% Thời gian kiểm soát bóng 53% 2 Thẻ vàng 4 Huyền Anh")
    got = [(text[f.start:f.end], f.fields["kind"], f.fields["value"], f.fields["unit"]) for f in find_facts(text)]
    assert got == [("24", "count", 24, "Sút khung thành"), ("9", "count", 9, "Sút khung thành"),
                   ("9", "count", 9, "Sút khung thành"), ("3", "count", 3, "Sút khung thành"),
                   ("7 Phạm lỗi", "count", 7, "Phạm lỗi"), ("12", "count", 12, "Phạm lỗi"),
                   ("8 Phạt góc", "count", 8, "Phạt góc"), ("3", "count", 3, "Phạt góc"),
                   ("47%", "percent", 47, "%"), ("53%", "percent", 53, "%"),
                   ("2 Thẻ vàng", "count", 2, "Thẻ vàng"), ("4", "count", 4, "Thẻ vàng")]
    one_row = "Đội khách nhận 2 Thẻ vàng 4 phút sau."
    assert [(one_row[f.start:f.end], f.fields["unit"]) for f in find_facts(one_row)] == [("4 phút", "phút")]
