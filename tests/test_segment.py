"""Word segmentation keeps party and state compounds whole in either tone-mark style."""

from __future__ import annotations

import pytest
from underthesea import word_tokenize

import dvextract
from dvextract._segment import words
from dvextract._text import normalize

COMPOUNDS = ["Tỉnh ủy viên", "Thành ủy", "Ủy ban nhân dân", "Huyện ủy"]
SENTENCE = "Đồng chí Trần Thị Hồng Thanh, {}, PBTTT Thành ủy dự và chủ trì hội nghị."


def test_underthesea_alone_splits_them() -> None:
    """The measurement behind data/compounds.tsv: underthesea's defaults split these compounds."""
    split = [w for w in word_tokenize("Đồng chí Trần Thị Hồng Thanh, Tỉnh uỷ viên, PBTTT Thành uỷ dự hội nghị.")]
    assert "Tỉnh uỷ viên" not in split and "Tỉnh ủy viên" not in split


@pytest.mark.parametrize("compound", COMPOUNDS)
@pytest.mark.parametrize("style", ["old", "new"])
def test_compounds_whole(compound: str, style: str) -> None:
    written = compound if style == "old" else compound.replace("ủy", "uỷ").replace("Ủy", "Uỷ")
    n = normalize(SENTENCE.format(written))
    segmented = [n.source_text(s, e) for s, e in words(n.text, (0, len(n.text)))]
    assert written in segmented, segmented


def test_doc_tokens_cover_the_article(example_text: str) -> None:
    nlp = dvextract.load()
    doc = nlp(example_text)
    assert "Tỉnh ủy viên" in [t.text for t in doc]
    assert "Trần Thị Hồng Thanh" in [t.text for t in doc]
    assert len(list(doc.sents)) >= 14
