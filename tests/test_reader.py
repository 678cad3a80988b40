"""The Reader (the pipeline's tokenizer) builds the Doc spaCy's own helpers would, over the input itself."""

from __future__ import annotations

import unicodedata

import pytest
from spacy.util import get_words_and_spaces

import dvextract
from dvextract._reader import _tokens
from dvextract._refusal import _JUNK


def test_doc_tokens_as_get_words_and_spaces(archive_sample: list[dict]) -> None:
    nlp = dvextract.load()
    for article in archive_sample[:60]:
        text = article["text"]
        doc = nlp.make_doc(text)
        state = doc._.dvx
        starts = {state.to_source(s, s + 1)[0] for s, _ in state.sentences}
        ranges = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
        words, spaces = get_words_and_spaces([text[s:e] for s, e in ranges], text)
        assert [t.text for t in doc] == words
        assert [bool(t.whitespace_) for t in doc] == spaces
        assert [t.is_sent_start for t in doc] == [t.i == 0 or t.idx in starts for t in doc]
        assert doc.text == text


def test_tokens_keep_odd_whitespace_as_tokens() -> None:
    text = "Một  hai\n\nba "
    words, spaces, starts, index = _tokens(text, [(0, 3), (5, 8), (10, 12)], {0, 10})
    assert words == ["Một", " ", "hai", "\n\n", "ba"]
    assert spaces == [True, False, False, False, True]
    assert starts == [True, False, False, False, True]
    assert index == [0, 2, 4]
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text


def test_junk_count_as_unicode_categories() -> None:
    sample = "Hà Nội\x00\x01\n\r\t\ufffd\ud800\ue000 ok\x7f"
    expected = sum(1 for c in sample if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Cs", "Co")
                                                           and c not in "\n\r\t"))
    assert len(_JUNK.findall(sample)) == expected == 6


def test_doc_is_the_input_with_the_working_spelling_in_norms() -> None:
    """CRLF, NBSP, the new tone-mark style and curly quotes stay in the Doc; the working spelling is each
    token's norm, and spans index the input."""
    text = "Chiều 2/7,\r\nông Nguyễn\u00a0Văn Hoà, Chủ tịch UBND tỉnh, nói: \u201cHoà bình\u201d."
    nlp = dvextract.load()
    doc = nlp(text)
    assert doc.text == text
    hoa = [t for t in doc if t.text.startswith("Hoà")]
    assert hoa and all(t.norm_.startswith("hòa") for t in hoa)
    person = [e for e in doc.ents if e.label_ == "PERSON"]
    assert [e.text for e in person] == ["Nguyễn\u00a0Văn Hoà"]
    assert text[person[0].start_char : person[0].end_char] == "Nguyễn\u00a0Văn Hoà"
    article = dvextract.to_article(doc)
    assert {(e.start, e.end) for e in article.entities if e.type == "PERSON"} == {
        (person[0].start_char, person[0].end_char)}


def test_fitting_tokens_charges_each_split_to_the_budget() -> None:
    """spaCy's split moves every token after the one it splits, so each split is charged the Doc's length: many
    splits in a long Doc run out of the article's budget (uncharged, ``Giá tăng 2.000 đồng/cổ phiếu. `` 4,000 times,
    120,000 characters, took 16 CPU seconds, four times the article's), and the splits made before stay whole."""
    from dvextract import _patterns
    from dvextract._pipeline import default_pipeline
    from dvextract._reader import fit_tokens

    text = "Giá tăng 2.000 đồng/cổ phiếu. " * 300
    doc = default_pipeline().make_doc(text)
    cuts = [(t.idx, t.idx + 2) for t in doc if t.text == "cổ phiếu"]
    assert len(cuts) == 300
    with _patterns.charged(_patterns.Budget(100 * len(doc))), pytest.raises(_patterns.OverBudget):
        fit_tokens(doc, doc._.dvx, cuts)
    pieces = [t for t in doc if t.text == "cổ"]
    assert doc.text == text and 0 < len(pieces) < len(cuts)
    assert all(t.nbor(1).is_space and t.nbor(2).text == "phiếu" and t.nbor(2).norm_ == "phiếu" for t in pieces)
