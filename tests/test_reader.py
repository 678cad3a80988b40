"""The Reader (the pipeline's tokenizer) builds the Doc spaCy's own helpers would, only faster."""

from __future__ import annotations

import unicodedata

from spacy.util import get_words_and_spaces

import dvextract
from dvextract._pipeline import _JUNK, _tokens


def test_doc_tokens_as_get_words_and_spaces(archive_sample: list[dict]) -> None:
    nlp = dvextract.load()
    for article in archive_sample[:60]:
        doc = nlp.make_doc(article["text"])
        state = doc._.dvx
        work = state["work"]
        starts = {s for s, _ in state["sentences"]}
        ranges = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
        words, spaces = get_words_and_spaces([work[s:e] for s, e in ranges], work)
        assert [t.text for t in doc] == words
        assert [bool(t.whitespace_) for t in doc] == spaces
        assert [t.is_sent_start for t in doc] == [t.i == 0 or t.idx in starts for t in doc]
        assert doc.text == work


def test_tokens_keep_odd_whitespace_as_tokens() -> None:
    text = "Một  hai\n\nba "
    words, spaces, starts = _tokens(text, [(0, 3), (5, 8), (10, 12)], {0, 10})
    assert words == ["Một", " ", "hai", "\n\n", "ba"]
    assert spaces == [True, False, False, False, True]
    assert starts == [True, False, False, False, True]
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text


def test_junk_count_as_unicode_categories() -> None:
    sample = "Hà Nội\x00\x01\n\r\t\ufffd\ud800\ue000 ok\x7f"
    expected = sum(1 for c in sample if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Cs", "Co")
                                                           and c not in "\n\r\t"))
    assert len(_JUNK.findall(sample)) == expected == 6
