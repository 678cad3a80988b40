"""Property-based robustness: arbitrary Unicode, mixed normalization forms and tone-mark styles, control
characters and NUL, long lines, and mutations of real archive articles. Whatever the input: no exception, every
span indexes the input exactly, and the record validates against dvextract's JSON Schema.

Runs under the "ci-long" profile (tests/conftest.py): 102,550 examples in all, most of them on the fast
normalization map, a few thousand through the whole pipeline.
"""

from __future__ import annotations

import json
import unicodedata

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dvextract
from dvextract._text import normalize

LONG = settings.get_profile("ci-long")
pytestmark = pytest.mark.slow  # over 100,000 examples: `pytest -m slow` (CI runs it after the default suite)

# --- the normalized working copy and its map back -----------------------------------------------------------

anything = st.text(alphabet=st.characters(blacklist_categories=()), max_size=120)  # NUL, controls, unassigned…
with_surrogates = st.text(alphabet=st.characters(codec=None, categories=["Cs", "Cc", "Ll", "Mn", "Zs"]), max_size=120)


def _check_map(source: str) -> None:
    n = normalize(source)
    assert unicodedata.is_normalized("NFC", n.text) or any(c in source for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad")
    previous = (0, 0)
    for i in range(len(n.text)):
        s, e = n.to_source(i, i + 1)
        assert 0 <= s < e <= len(source)
        assert s >= previous[0] and (s >= previous[1] or (s, e) == previous)  # in order; a cluster shares its range
        previous = (s, e)
    for i in range(len(n.text) + 1):  # empty spans too, anywhere
        s, e = n.to_source(i, i)
        assert 0 <= s == e <= len(source)
    if n.text:
        s, e = n.to_source(0, len(n.text))
        assert n.source_text(0, len(n.text)) == source[s:e]


@settings(LONG, max_examples=80_000)
@given(st.one_of(anything, with_surrogates))
def test_map_on_arbitrary_text(source: str) -> None:
    _check_map(source)


# Vietnamese in every spelling: (new-style, old-style) tone placement, NFC or NFD, plain or odd spaces and lines.
SYLLABLES = [
    ("hòa", "hoà"), ("Hòa", "Hoà"), ("thúy", "thuý"), ("ủy", "uỷ"), ("Ủy", "Uỷ"), ("khỏe", "khoẻ"),
    ("họa", "hoạ"), ("thụy", "thuỵ"), ("tỏa", "toả"), ("lõa", "loã"), ("HÒA", "HOÀ"), ("Thành", "Thành"),
    ("tỉnh", "tỉnh"), ("Nguyễn", "Nguyễn"), ("Đảng", "Đảng"), ("2/7/2021", "2/7/2021"), ("1.234", "1.234"),
    ("99,95%", "99,95%"), ("(", "("), (")", ")"), (".", "."), ("ban", "ban"), ("viên", "viên"),
]
SEPARATORS = [(" ", " "), (" ", "\u00a0"), ("\n", "\r\n"), ("\n", "\r"), (" ", "\u2009"), (" ", " \u200b"),
              ('"', "\u201c"), ("-", "\u2013"), (" ", "\t")]


@st.composite
def spellings(draw) -> tuple[str, str]:
    """The same text twice: once in the working spelling, once in a mix of every other spelling."""
    n = draw(st.integers(1, 12))
    plain, mixed = [], []
    for _ in range(n):
        new, old = draw(st.sampled_from(SYLLABLES))
        word = draw(st.sampled_from([new, old]))
        plain.append(new)
        mixed.append(unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), word))
        sep_plain, sep_mixed = draw(st.sampled_from(SEPARATORS))
        plain.append(sep_plain)
        mixed.append(sep_mixed)
    return "".join(plain), "".join(mixed)


@settings(LONG, max_examples=5_000)
@given(spellings())
def test_every_spelling_gives_the_same_working_text(pair: tuple[str, str]) -> None:
    plain, mixed = pair
    assert normalize(mixed).text == normalize(plain).text
    _check_map(mixed)


@settings(LONG, max_examples=15_000)
@given(anything)
def test_normalizing_twice_changes_nothing(source: str) -> None:
    once = normalize(source).text
    assert normalize(once).text == once


def test_a_letter_under_thousands_of_marks_maps_back() -> None:
    """NFC sorts combining marks in quadratic time: the working copy keeps a cluster's first 32 characters."""
    source = "Th" + "a" + "\u0301\u0323" * 50_000 + "nh ủy"
    n = normalize(source)
    assert n.text.startswith("Th") and n.text.endswith("nh ủy") and len(n.text) < 64
    assert n.to_source(2, 3) == (2, 100_003)
    _check_map(source[:500])


# --- the whole pipeline -------------------------------------------------------------------------------------

SCHEMA = dvextract.Article.model_json_schema()


def _check_article(source: str, article: dvextract.Article) -> None:
    assert article.text == source
    assert "internal_error" not in {w.code for w in article.warnings}, article.warnings
    for span in article.spans():
        assert 0 <= span.start <= span.end <= len(source)
        assert source[span.start : span.end] == span.text
    record = json.loads(json.dumps(article.model_dump(mode="json"), ensure_ascii=True))
    jsonschema.validate(record, SCHEMA)
    # JSON reads an escaped surrogate pair back as one astral character: such text cannot round-trip.
    if not any("\ud800" <= c <= "\udfff" for c in source):
        assert dvextract.Article.model_validate(record) == article


vietnamese_noise = st.lists(
    st.one_of(
        st.sampled_from([w for pair in SYLLABLES for w in pair] + [s for pair in SEPARATORS for s in pair]),
        st.sampled_from(["Chiều 2/7", "UBND tỉnh", "Bí thư Tỉnh ủy", "ông Nguyễn Văn A", "Ảnh: TTXVN", "\x00",
                         "năm 2021", "tăng 15%", "3 triệu đồng", "ngày 15/10/2024", "\n\n", "Theo VNA"]),
        st.text(max_size=5),
    ),
    max_size=60,
).map("".join)


@settings(LONG, max_examples=600)
@given(st.one_of(anything, with_surrogates, vietnamese_noise))
def test_extract_on_arbitrary_text(source: str) -> None:
    _check_article(source, dvextract.extract(source))


@settings(LONG, max_examples=100)
@given(st.text(alphabet="1.,/-( )ủyỦ ban\n", min_size=1000, max_size=20_000))
def test_extract_on_long_lines(source: str) -> None:
    _check_article(source, dvextract.extract(source))


# --- mutations of real archive articles ---------------------------------------------------------------------

INJECT = ["\u00a0", "\u200b", "\r\n", "\x00", "\ufeff", "\u00ad", "\u2028", "\x1f", "\ud800", "\u0301", "(", "/"]


@st.composite
def mutations(draw, articles: list[dict]) -> str:
    text = draw(st.sampled_from(articles))["text"][:4000]
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "nfd", "old_style", "inject"]))
        i = draw(st.integers(0, len(text)))
        j = min(len(text), i + draw(st.integers(0, 400)))
        if kind == "insert":
            text = text[:i] + draw(st.text(max_size=5)) + text[i:]
        elif kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "replace":
            text = text[:i] + draw(st.text(min_size=1, max_size=3)) + text[i + 1 :]
        elif kind == "nfd":
            text = text[:i] + unicodedata.normalize("NFD", text[i:j]) + text[j:]
        elif kind == "old_style":
            text = text[:i] + text[i:j].replace("ủy", "uỷ").replace("òa", "oà").replace("úy", "uý") + text[j:]
        else:
            text = text[:i] + draw(st.sampled_from(INJECT)) + text[i:]
    return text


@pytest.fixture(scope="module")
def articles(archive_sample: list[dict]) -> list[dict]:
    return [a for a in archive_sample if a["text"].strip()][:100]


@settings(LONG, max_examples=1_500)
@given(data=st.data())
def test_map_on_mutated_articles(articles: list[dict], data) -> None:
    _check_map(data.draw(mutations(articles)))


@settings(LONG, max_examples=150)
@given(data=st.data())
def test_extract_on_mutated_articles(articles: list[dict], data) -> None:
    source = data.draw(mutations(articles))
    _check_article(source, dvextract.extract(source))


@settings(LONG, max_examples=200)
@given(data=st.data())
def test_spelling_changes_do_not_change_findings(articles: list[dict], data) -> None:
    """NFD, old-style tone marks, CRLF and non-breaking spaces give the same working text, hence the same findings."""
    text = data.draw(st.sampled_from(articles))["text"][:3000]
    variant = data.draw(st.sampled_from([
        lambda t: unicodedata.normalize("NFD", t), lambda t: t.replace("ủy", "uỷ").replace("òa", "oà"),
        lambda t: t.replace("\n", "\r\n"), lambda t: t.replace(" ", "\u00a0"), lambda t: t.replace(" ", " \u200b"),
    ]))(text)
    assert normalize(variant).text == normalize(text).text


def test_lone_surrogates_do_not_stop_extraction() -> None:
    """JSON allows "\\ud800"; spaCy cannot hash it. The working copy reads a lone surrogate as U+FFFD."""
    source = "Chiều 2/7, Thành ủy\ud800 họp. Ông Nguyễn Văn A cho biết hội nghị có 120 đại biểu tham dự. " * 3
    assert normalize(source).text.count("\ufffd") == 3
    article = dvextract.extract(source)
    assert article.ok and len(article.sentences) == 6 and [d.text for d in article.dates] == ["Chiều 2/7"] * 3
    _check_article(source, article)
