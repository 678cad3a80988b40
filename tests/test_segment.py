"""Word segmentation keeps party and state compounds whole in either tone-mark style."""

from __future__ import annotations

import re

import pytest
from conftest import in_threads
from underthesea import word_tokenize

import dvextract
from dvextract._segment import sentences, words, words_in
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


def _archive_sentences(archive_sample: list[dict], limit: int) -> list[str]:
    from underthesea import sent_tokenize

    found = []
    for article in archive_sample:
        work = normalize(article["text"]).text
        found += [s for line in work.splitlines() if line.strip() for s in sent_tokenize(line)]
        if len(found) >= limit:
            break
    return found[:limit]


def test_same_words_as_underthesea_on_archive_sentences(archive_sample: list[dict]) -> None:
    """The fast decoder of underthesea's model gives underthesea's own words, sentence for sentence."""
    from dvextract._segment import _segmenter

    segmenter = _segmenter()
    sentences = _archive_sentences(archive_sample, 3000)
    assert len(sentences) == 3000
    differ = []
    for sentence in sentences:
        atoms, groups = segmenter.segment(sentence, (0, len(sentence)))
        ours: list[str] = []
        for i, (s, e) in enumerate(atoms):
            if i and groups[i] == groups[i - 1]:
                ours[-1] += " " + sentence[s:e]
            else:
                ours.append(sentence[s:e])
        if ours != word_tokenize(sentence, use_token_normalize=False):
            differ.append(sentence)
    assert differ == []


def test_model_features_match_underthesea_core() -> None:
    """The feature functions behave as underthesea_core's (digits parse as i32, title case of any first char)."""
    from dvextract._segment import _is_digit, _is_title

    assert _is_digit("2021") and _is_digit("+7") and _is_digit("-12")
    assert not _is_digit("3.000") and not _is_digit("99999999999") and not _is_digit("-") and not _is_digit("١٢")
    assert _is_title("Hà Nội") and _is_title(".") and _is_title("10 Tỉnh")
    assert not _is_title("Bác sĩ") and not _is_title("ủy")


def test_words_in_matches_words_per_sentence(archive_sample: list[dict]) -> None:
    """One call per article gives what one call per sentence gives, compounds included."""
    for article in archive_sample[:40]:
        work = normalize(article["text"]).text
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", work)]
        found = [s for line in lines for s in sentences(work, line)]
        assert words_in(work, found) == [w for s in found for w in words(work, s)]


def test_non_nfc_sentence_falls_back_to_underthesea() -> None:
    """A text our normalization did not produce (not NFC) goes through underthesea itself, and still aligns."""
    text = "Ho\u0300a Bi\u0300nh la\u0300 Tỉnh ủy viên."
    found = [text[s:e] for s, e in words(text, (0, len(text)))]
    assert "".join(found).replace(" ", "") == text.replace(" ", "")
    assert "Tỉnh ủy viên" in found


def test_threads_sharing_one_segmenter_get_the_words_of_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """One segmenter serves the process (``_segmenter``); threads (``batch --engine dask``) may share it while its
    caches grow and start over: each sentence's words are those a lone segmenter gives."""

    from dvextract._segment import _model_dir, _Segmenter

    syllables = ["Hà", "Lan", "Minh", "Tuấn", "Quang", "Thảo", "Bình", "Khoa", "Nhung", "Phúc", "Vinh", "Yến"]
    texts = [f"Ông Nguyễn {syllables[k % 12]} {syllables[k // 12 % 12]}{k} gặp bà Trần Thị {syllables[(k + 5) % 12]}"
             f" tại xã {syllables[(k + 7) % 12]} Tân{k}, huyện Đông{k} và Sở Công Thương tỉnh Bắc{k}."
             for k in range(48)]
    lone = _Segmenter(_model_dir())
    expected = [lone.segment_many(t, [(0, len(t))]) for t in texts]
    shared = _Segmenter(_model_dir())
    monkeypatch.setattr(shared, "_CACHE_LIMIT", 20)  # a start-over in nearly every call
    wrong: list[str] = []

    def work(first: int) -> None:
        for k in range(first, first + 4 * len(texts)):
            text = texts[k % len(texts)]
            if shared.segment_many(text, [(0, len(text))]) != expected[k % len(texts)]:
                wrong.append(text)

    in_threads(work)
    assert wrong == []
