"""Hostile articles finish in bounded time, with a warning when a limit is hit, and still give a valid record.

Work is judged by what is counted, never by time: every component runs under its budget of characters scanned
(``_patterns.Budget``, 100 per character of the article), and no hostile article here may spend it (a quadratic
scan would: before the Reader cut long runs without spaces, ``"1." * 25_000`` took 12 s in underthesea's
tokenizer; a figure's subject looked for over the rest of its sentence took 120 s at 200,000 characters).
"""

from __future__ import annotations

import unicodedata

import pytest

import dvextract
from dvextract._reader import MAX_RUN, _bounded
from dvextract._refusal import MAX_CHARS
from dvextract._text import normalize

N = 100_000
CASES = {
    # name: (text, warning codes expected)
    "line of digits and dots": (("1." * MAX_CHARS)[:MAX_CHARS], {"long_run"}),
    "Ủy ban, repeated up to the limit": ("Ủy ban " * (MAX_CHARS // 7), set()),
    "nested parentheses": ("(" * (N // 2) + "Thành ủy" + ")" * (N // 2), {"long_run"}),
    "nested parentheses with words": ("Ông A (" * (N // 14) + ")" * (N // 14), {"long_run"}),
    "sea of / and -": ("/-" * (N // 2), {"long_run"}),
    "spaced / and -": ("/ - " * (N // 4), set()),
    "tiny sentences without spaces": ("ơ." * (N // 2), {"long_run"}),
    "tiny sentences": ("Đ.Ư.ơ " * (N // 6), set()),
    "numbers separated by spaces": ("1 " * (N // 2), None),  # facts may give up: pattern_timeout
    "one sentence of 100,000 characters": (
        "Thành ủy tổ chức hội nghị ngày 2/7/2021 với 1.234 người " * (N // 57), set()),
    "combining marks": ("u" + "\u0301\u0323" * (N // 2), None),
    "NFD, CRLF and NUL": (unicodedata.normalize("NFD", "Ủy ban nhân dân\x00 tỉnh họp.\r\n") * (N // 32), None),
    "spaces, then one word": (" " * (N - 10) + "\nThành ủy", set()),
    # linking: before its owner lookups were bounded, a plural title per colon took 84 s at 24,000 characters
    "plural titles before colons": ("các Bí thư: " * (N // 12), set()),
    "titles with a cue and nobody named": ("Ông là Bí thư Tỉnh ủy. " * (N // 23), set()),
    "people with titles in apposition": ("Bí thư Nguyễn Văn An, Chủ tịch Lê Văn Bình, " * (N // 44), set()),
    # facts: each percentage's subject was looked for over the rest of the sentence (issue #19)
    "figures in one long sentence": ("tăng 12,5% so với " * (MAX_CHARS // 18), set()),
}


@pytest.mark.slow  # 17 articles at the size limit; the budget itself is tested by test_misuse in the default run
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_article_finishes_with_a_valid_record(name: str) -> None:
    text, expected = CASES[name]
    assert len(text) <= MAX_CHARS
    article = dvextract.extract(text)
    assert article.text == text
    codes = {w.code for w in article.warnings}
    assert "internal_error" not in codes
    assert "over_budget" not in codes, [w.message for w in article.warnings]
    if expected is not None:
        assert codes - {"pattern_timeout"} == expected
    assert article.ok == (not any(w.severity == "error" for w in article.warnings))
    for span in article.spans():  # the validator checked them already; this fails loudly if it ever stops
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text",
    ["1." * 500_000, "Ủy ban " * 100_000, "/-" * 500_000, "a" * (MAX_CHARS + 1), "Hà Nội " * 2_000_000],
    ids=["1MB digits", "Ủy ban x100k", "1MB /-", "limit+1", "14M chars"],
)
def test_over_the_limit_is_refused_at_once(text: str) -> None:
    article = dvextract.extract(text)
    assert [w.code for w in article.warnings] == ["too_large"] and not article.ok
    assert str(MAX_CHARS)[:3] in article.warnings[0].message.replace(",", "")


def test_long_runs_are_cut_into_pieces() -> None:
    text = "Mở đầu " + "x" * (2 * MAX_RUN + 5) + " kết thúc\nDòng hai"
    lines = [(0, text.index("\n")), (text.index("\n") + 1, len(text))]
    blocks, runs = _bounded(text, lines)
    run_start = len("Mở đầu ")
    assert runs == 1
    assert blocks == [(0, run_start + MAX_RUN), (run_start + MAX_RUN, run_start + 2 * MAX_RUN),
                      (run_start + 2 * MAX_RUN, lines[0][1]), lines[1]]


def test_a_run_at_the_limit_is_not_cut() -> None:
    text = "a " + "x" * MAX_RUN + " b"
    assert _bounded(text, [(0, len(text))]) == ([(0, len(text))], 0)
    article = dvextract.extract(text)
    assert "long_run" not in {w.code for w in article.warnings}


def test_no_archive_article_has_a_run_to_cut(archive_sample: list[dict]) -> None:
    """The cut never touches real text: no run without spaces in the sample is over MAX_RUN characters."""
    for item in archive_sample:
        work = normalize(item["text"]).text
        lines = [(0, len(work))]
        assert _bounded(work, lines) == (lines, 0), item["id"]
