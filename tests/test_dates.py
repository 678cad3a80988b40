"""Dates beyond the examples: the record contract, the lunar calendar, hostile input, cost, and real articles.

Phrase → value cases live in ``corpora/examples/dates*.yaml``; other projects' suites in
``test_peer_suites_dates.py``.
"""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import regex
import yaml
from conftest import ARCHIVE, EXAMPLE, need
from hypothesis import given, settings
from hypothesis import strategies as st

from dvextract._dates import Found, find_dates
from dvextract._dates import scanner as date_scanner
from dvextract._dates.lunar import canchi_year, lunar_to_solar
from dvextract._patterns import PatternTimeout
from dvextract._records import DateMention
from dvextract._text import normalize

REF = datetime(2017, 2, 2, 3, 55)
GOLD = Path(__file__).resolve().parents[1] / "corpora" / "gold"
EXAMPLES = GOLD.parent / "examples"


# --- the contract with the pipeline -------------------------------------------------------------------------

PHRASES = ["Chiều 2/7", "18h ngày 5/4", "quý I/2021", "6 tháng đầu năm", "nhiệm kỳ 2021 - 2026", "hôm qua",
           "tuần trước", "Tết Nguyên đán Tân Sửu", "năm Tân Sửu", "3 giờ tới", "2 giây vừa rồi", "mùa hè này",
           "từ ngày 7 đến 12/4/2017", "5h20 sáng nay", "tháng 7 âm lịch", "ngày đầu tiên của tháng 3"]


@pytest.mark.parametrize("published", [REF, None], ids=["published", "unpublished"])
@pytest.mark.parametrize("phrase", PHRASES)
def test_fields_make_a_valid_record(phrase: str, published: datetime | None) -> None:
    found = find_dates(phrase, published)
    assert found and all(isinstance(f, Found) for f in found)
    for f in found:
        DateMention(start=f.start, end=f.end, text=phrase[f.start : f.end], **f.fields)
        assert set(f.fields) == set(DateMention.model_fields) - {"start", "end", "text"}


def test_unknown_parts_are_x_never_today() -> None:
    (f,) = find_dates("sáng 23/5", None)
    assert f.fields["value"] == "XXXX-05-23" and f.fields["reference"] == "none"
    (f,) = find_dates("hôm qua", None)
    assert f.fields["value"] is None


def test_year_from_the_nearest_stated_year_not_a_birth_year() -> None:
    text = "Ông A sinh năm 1976. Chiều 2/7, tổng kết năm 2021."
    dates = {text[f.start : f.end]: f.fields for f in find_dates(text, None)}
    assert dates["Chiều 2/7"]["value"] == "2021-07-02"
    assert dates["Chiều 2/7"]["reference"] == "context"


def _values(text: str) -> dict[str, Any]:
    return {text[f.start : f.end]: f.fields["value"] for f in find_dates(text, None)}


def test_story_year_from_the_latest_full_day_not_another_time_frame() -> None:
    """The story's year is that of the article's latest full day, even far from the day that lacks one; a
    criminal record, a target or a birth year never lends its year."""
    filler = " Đoàn kiểm tra làm việc với các bên liên quan." * 10
    text = f"Ngày 12/11/2015 ông B bị phạt. Ngày 18/5/2017 khởi tố.{filler} Chiều 7/6, tòa xử (tiền sự năm 2013)."
    assert _values(text)["Chiều 7/6"] == "2017-06-07"
    assert _values("Ngày 20/6, bắt A (tiền sự năm 2013).")["Ngày 20/6"] == "XXXX-06-20"
    assert _values("Ngày 20/6, duyệt quy hoạch tầm nhìn đến 2030.")["Ngày 20/6"] == "XXXX-06-20"
    assert _values("Ông A sinh ngày 2/3/1970. Ngày 20/6, ông nghỉ hưu.")["Ngày 20/6"] == "XXXX-06-20"


def test_relative_words_against_the_story_date() -> None:
    """Without publication, `hôm qua` counts from the day a "today" word fixes; `năm nay` is the story's year."""
    values = _values("Hôm nay, 24/6/2017, trời mưa. Tối qua, gió to. Năm nay mưa nhiều.")
    assert values["Tối qua"] == "2017-06-23" and values["Năm nay"] == "2017"
    assert _values("Sáng nay (1/3), trời mưa. Hôm qua, gió to.")["Hôm qua"] == "XXXX-02-29"  # year unknown: leap
    assert _values("Hôm qua, gió to.")["Hôm qua"] is None


def test_every_mention_of_a_repeated_phrase() -> None:
    text = "6 tháng đầu năm 2021 và 6 tháng đầu năm 2021"
    assert [f.fields["value"] for f in find_dates(text, None)] == ["2021-01-01/2021-06-30"] * 2


def test_every_rule_has_an_example(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule and its examples go together: each rule of ``_dates/rules.py`` reads some phrase of
    ``corpora/examples/dates*.yaml``."""
    sc = date_scanner.scanner()
    used: set[str] = set()
    for name, rule in sc.rules.items():
        def build(g: Any, lx: Any, rule: Any = rule) -> Any:
            used.add(rule.name)
            return rule.build(g, lx)

        monkeypatch.setitem(sc.rules, name, dataclasses.replace(rule, build=build))
    for path in sorted(EXAMPLES.glob("dates*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in [t for ex in spec.get("examples", []) for t in ex["texts"]] + spec.get("negatives", []):
            find_dates(text, REF)
    assert sorted(set(sc.rules) - used) == []


# --- the lunar calendar ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "tet"), [
    (2017, date(2017, 1, 28)), (2020, date(2020, 1, 25)), (2021, date(2021, 2, 12)), (2026, date(2026, 2, 17)),
    (1985, date(1985, 1, 21)),  # the Chinese calendar (UTC+8) has 20 Feb: Vietnam's differs
    (2007, date(2007, 2, 17)),  # Chinese: 18 Feb
])
def test_tet(year: int, tet: date) -> None:
    assert lunar_to_solar(1, 1, year) == tet


def test_leap_months() -> None:
    assert lunar_to_solar(1, 4, 2020, leap=True) == date(2020, 5, 23)  # 2020 repeated its 4th month
    assert lunar_to_solar(1, 5, 2020) == date(2020, 6, 21)
    assert lunar_to_solar(1, 3, 2021, leap=True) is None
    assert lunar_to_solar(15, 8, 2021) == date(2021, 9, 21)


def test_canchi_nearest_cycle() -> None:
    assert canchi_year(7, 1, 2017) == 2021  # Tân Sửu
    assert canchi_year(2, 6, 2017) == 2026  # Bính Ngọ
    assert canchi_year(0, 1, 2017) is None  # Giáp Sửu names no year


# --- hostile input: linear, never running away ------------------------------------------------------------

class _CountingPattern:
    """A rule pattern of the scanner that counts the times the scan tries it."""

    def __init__(self, pattern: Any, counts: dict[str, int]) -> None:
        self.pattern, self.counts = pattern, counts

    def match(self, *args: Any, **kwargs: Any) -> Any:
        self.counts["trials"] += 1
        return self.pattern.match(*args, **kwargs)


def _trials(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times ``find_dates`` tries a rule pattern on ``text`` (each try is one anchored match)."""
    counts = {"trials": 0}
    real = date_scanner.scanner()
    counting = {key: _CountingPattern(pattern, counts) for key, pattern in real.by_opener.items()}
    monkeypatch.setattr(date_scanner, "scanner", lambda: real._replace(by_opener=counting))
    with contextlib.suppress(PatternTimeout):  # the pipeline turns this into a warning on the article
        find_dates(text, REF)
    monkeypatch.undo()
    return counts["trials"]


@pytest.mark.parametrize("text", [
    "1." * 100_000, "1/" * 100_000, "-1" * 100_000, "/-" * 100_000, "1" * 200_000, "ngày " * 40_000,
    "thứ hai " * 25_000, "12/3-" * 40_000, "năm " * 40_000, "(" * 200_000,
], ids=["digits-dots", "slashes", "dashes", "slash-dash", "digits", "days", "weekdays", "ranges", "years", "parens"])
def test_hostile_input_is_bounded(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scan tries rule patterns at most once per word start (and once more after a range's dash), so its
    work grows with the text: doubling the text at most doubles the trials."""
    half, whole = _trials(text[: len(text) // 2], monkeypatch), _trials(text, monkeypatch)
    starts = len(regex.findall(r"(?<!\w)\w", text)) + text.count("-")
    assert whole <= starts
    assert whole <= 2 * half + 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/.-: ,hngàyhángămquýIVtếTếtsángchiềuthứHai\n", max_size=80))
def test_spans_fit_the_text(text: str) -> None:
    for f in find_dates(text, REF):
        span = text[f.start : f.end]
        assert 0 <= f.start < f.end <= len(text)
        assert span == span.strip() and span[-1] not in ",;"


# --- real text -------------------------------------------------------------------------------------------

def _run(text: str, published: datetime | None) -> dict[tuple[int, int], str | None]:
    norm = normalize(text)
    return {norm.to_source(f.start, f.end): f.fields["value"] for f in find_dates(norm.text, published)}


@pytest.mark.parametrize("published", [None, datetime(2021, 7, 2)], ids=["unpublished", "published"])
def test_example_article(example_text: str, example_gold: dict, published: datetime | None) -> None:
    got = _run(example_text, published)
    want = {(d["start"], d["end"]): d["value"] for d in example_gold["dates"]}
    assert len(want) == 15
    assert got == want


def test_cost_per_article(example_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates cost little per article because only the rules a word opens are tried there: on the example
    article (834 words), 51 trials: at most one per seven words is the bound."""
    work = normalize(example_text).text
    trials = _trials(work, monkeypatch)
    assert 0 < trials <= len(work.split()) / 7


def test_gold_dev() -> None:
    """Detection F1 and value accuracy on the dev split (exact spans; a value counts when the span matches)."""
    from dvextract._gold import load_gold
    from dvextract._state import parse_published

    articles = load_gold(sorted(GOLD.glob("*.jsonl")), texts=[need(ARCHIVE), need(EXAMPLE)], split="dev")
    if not articles:
        pytest.skip("no dev articles in corpora/gold yet")
    tp = fp = fn = right = 0
    for a in articles:
        published, _ = parse_published(a.published)
        got = _run(a.text, published)
        want = {(d.start, d.end): d.value for d in a.dates}
        tp += len(got.keys() & want.keys())
        fp += len(got.keys() - want.keys())
        fn += len(want.keys() - got.keys())
        right += sum(got[k] == v for k, v in want.items() if k in got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    end_to_end = 2 * right / (2 * tp + fp + fn)
    # 0.906 on the first 125 dev articles, 0.894 on the 120 added next: their annotators join a relative day and
    # its date in brackets into one span (`sáng nay (18/6)`) where the older gold, and the test split, keep two.
    assert f1 >= 0.88, f"date detection F1 {f1:.3f} (tp={tp} fp={fp} fn={fn})"
    # 0.88 on the first 45 dev articles; the 40 added later fill in a story's year from a statement anywhere in
    # the article where the earlier ones did not, so the floor is 0.80 (0.825 measured on all 85).
    assert end_to_end >= 0.80, f"date F1 with the right value {end_to_end:.3f}"
