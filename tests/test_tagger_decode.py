"""The tagger's own decoder gives exactly the labels of underthesea_core's ``CRFTagger`` on the feature strings
of :func:`dvextract._tagger.features.block_features`, block for block (issue #16: the model's cost)."""

from __future__ import annotations

import re

import pytest
from conftest import in_threads
from underthesea_core import CRFTagger  # type: ignore[import-untyped]

from dvextract import _crfsuite
from dvextract._entities.lexicon import packaged
from dvextract._tagger import MODEL, default_tagger
from dvextract._tagger.decode import Decoder
from dvextract._tagger.features import block_features
from dvextract._text import normalize

TEXTS = [
    "Chủ tịch UBND tỉnh Quảng Nam Lê Trí Thanh tiếp đoàn công tác của Bộ Ngoại giao tại TP.HCM.",
    "Tổng công ty Điện lực miền Bắc vừa ký hợp đồng với ông Nguyễn Văn Tèo tại Hà Nội.",
    "Hà",  # a block of one token
    "ABC|DEF || x|y, 12/3/2024 -- (Reuters) Mỹ-Nhật; \"Cung văn hóa Lao động\"...",
    "",
]


@pytest.fixture(scope="module")
def reference() -> CRFTagger:
    crf = CRFTagger()
    crf.load(str(MODEL))
    return crf


def _differences(crf: CRFTagger, decoder: Decoder, text: str, blocks: list[tuple[int, int]]) -> list[str]:
    """The blocks whose labels differ between the two decoders (each with its first differing tokens)."""
    lex = packaged()
    expected = []
    for start, end in blocks:
        ranges, features = block_features(text, start, end, lex)
        if ranges:
            expected.append((ranges, crf.tag(features)))
    found = decoder.decode(text, blocks, lex)
    assert [r for r, _ in expected] == [b.ranges for b in found]
    return [str([(text[s:e], a, b) for (s, e), a, b in zip(ranges, labels, block.labels, strict=True) if a != b][:5])
            for (ranges, labels), block in zip(expected, found, strict=True) if labels != block.labels]


def test_same_labels_as_crftagger_on_short_texts(reference: CRFTagger) -> None:
    decoder = Decoder(_crfsuite.read_file(MODEL))
    assert decoder.labels == reference.labels()
    for text in TEXTS:
        assert _differences(reference, decoder, text, [(0, len(text))]) == []
    joined = "\n".join(TEXTS)
    lines = [m.span() for m in re.finditer(r"[^\n]*", joined)]  # empty blocks among them
    assert _differences(reference, decoder, joined, lines) == []


def test_same_labels_as_crftagger_on_archive_blocks(reference: CRFTagger, archive_sample: list[dict]) -> None:
    """Thousands of real blocks: each paragraph of 200 archive articles, and each sentence-like piece of it."""
    decoder = default_tagger().decoder
    blocks = tokens = 0
    differ: list[str] = []
    for article in archive_sample:
        text = normalize(article["text"]).text
        lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
        pieces = [m.span() for m in re.finditer(r"[^\n.!?]+[.!?]*", text)]
        for chosen in (lines, pieces):
            differ += _differences(reference, decoder, text, chosen)
            blocks += len(chosen)
        tokens += sum(len(block_features(text, s, e, packaged())[0]) for s, e in lines)
    assert blocks > 3000 and tokens > 100_000
    assert differ == []


def test_a_model_reads_the_same_from_bytes_and_from_its_file() -> None:
    weights = _crfsuite.read(MODEL.read_bytes())
    assert weights == _crfsuite.read_file(MODEL)
    assert len(weights.transitions) == len(weights.labels) == 9
    with pytest.raises(ValueError):
        _crfsuite.read(b"not a model" + bytes(64))


@pytest.mark.parametrize("cut", [0, 4, 48, 1000, -20, -1])
def test_empty_or_truncated_bytes_are_not_a_model(cut: int) -> None:
    data = MODEL.read_bytes()
    with pytest.raises(ValueError, match="CRFsuite"):
        _crfsuite.read(data[:cut])


def _many_names(n: int) -> list[str]:
    """``n`` sentences with their own names and places (each brings tokens the others have not seen)."""
    syllables = ["Hà", "Lan", "Minh", "Tuấn", "Quang", "Thảo", "Bình", "Khoa", "Nhung", "Phúc", "Vinh", "Yến"]
    return [f"Ông Nguyễn {syllables[k % 12]} {syllables[k // 12 % 12]}{k} gặp bà Trần Thị {syllables[(k + 5) % 12]}"
            f" tại xã {syllables[(k + 7) % 12]} Tân{k}, huyện Đông{k} và Sở Công Thương tỉnh Bắc{k}." for k in range(n)]


def test_threads_sharing_one_decoder_get_the_labels_of_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """One Decoder serves the process (``default_tagger``); threads (``batch --engine dask``) may share it while
    its caches grow and start over: each article's labels are those a lone decoder gives."""

    from dvextract._tagger import decode

    lex = packaged()
    texts = _many_names(48)
    lone = Decoder(_crfsuite.read_file(MODEL))
    expected = [[b.labels for b in lone.decode(t, [(0, len(t))], lex)] for t in texts]
    monkeypatch.setattr(decode, "_CACHE_LIMIT", 20)  # a start-over in nearly every call
    shared = Decoder(_crfsuite.read_file(MODEL))
    wrong: list[str] = []

    def work(first: int) -> None:
        for k in range(first, first + 4 * len(texts)):
            text = texts[k % len(texts)]
            if [b.labels for b in shared.decode(text, [(0, len(text))], lex)] != expected[k % len(texts)]:
                wrong.append(text)

    in_threads(work)
    assert wrong == []
