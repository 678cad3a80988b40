"""Normalization keeps a way back: every span indexes the input exactly as given, whatever its spelling."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import dvextract
from dvextract._text import normalize

VARIANTS = [
    ("Tỉnh uỷ viên", "Tỉnh ủy viên"),
    ("hoà bình", "hòa bình"),
    ("chị Thuý", "chị Thúy"),
    ("HOÀ", "HÒA"),
    ("a\u00a0b", "a b"),
    ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),
    ("“dân vận khéo”", '"dân vận khéo"'),
    ("2021\u20132026", "2021-2026"),
    ("Thành\u200b ủy", "Thành ủy"),
    (unicodedata.normalize("NFD", "Ủy ban nhân dân"), "Ủy ban nhân dân"),
]


def test_variants_normalize_to_one_spelling() -> None:
    for source, working in VARIANTS:
        n = normalize(source)
        assert n.text == working, source
        assert n.source_text(0, len(n.text)) == source


def _check_map(source: str) -> None:
    n = normalize(source)
    previous_end = 0
    for i in range(len(n.text)):
        s, e = n.to_source(i, i + 1)
        assert 0 <= s < e <= len(source)
        assert s >= previous_end or s == n.to_source(i - 1, i)[0]  # monotonic, clusters may share a source range
        previous_end = e


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_map_on_arbitrary_unicode(source: str) -> None:
    _check_map(source)


mixed = st.lists(
    st.sampled_from(["Tỉnh uỷ", "Tỉnh ủy", "hoà", "hòa", unicodedata.normalize("NFD", "Thành ủy"), "\u00a0",
                     "\r\n", "\u200b", "“", "”", " ", "2/7", "99,95%", "Nguyễn Văn A", ".", "\x00"]),
    max_size=40,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(mixed)
def test_extract_offsets_on_mixed_spellings(source: str) -> None:
    article = dvextract.extract(source)  # the Article validator checks every span against the input
    for span in article.spans():
        assert source[span.start : span.end] == span.text


def test_example_in_every_spelling(example_text: str) -> None:
    base = dvextract.extract(example_text)
    for variant in (
        unicodedata.normalize("NFD", example_text),
        example_text.replace("ủy", "uỷ").replace("\n", "\r\n"),
        example_text.replace(" ", "\u00a0", 50),
    ):
        other = dvextract.extract(variant)
        assert other.author == base.author
        assert len(other.sentences) == len(base.sentences)
        assert [e.type for e in other.entities] == [e.type for e in base.entities]
        assert [d.value for d in other.dates] == [d.value for d in base.dates]
        assert [f.value for f in other.facts] == [f.value for f in base.facts]
