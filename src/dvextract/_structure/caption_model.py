"""The learned caption model: a linear-chain CRF over the segments of an article's mined text
(:mod:`.caption_segments`), trained on the structure gold by :mod:`dvextract._train_captions`, which reads the
rules' captions again with their neighbours in view. ``MODEL`` ships in the wheel; ``MODEL.with_suffix(".json")``
beside it records what it was trained from."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from underthesea_core import CRFTagger  # type: ignore[import-untyped]

from .caption_segments import features, runs, segments
from .record import Range, Structure
from .text import strip_range

__all__ = ["MODEL", "tag_captions"]

MODEL = Path(__file__).resolve().parents[1] / "models" / "captions.crfsuite"


@cache
def _tagger() -> CRFTagger | None:
    """The shipped model, loaded once (None before one is trained)."""
    if not MODEL.exists():
        return None
    tagger = CRFTagger()
    tagger.load(str(MODEL))
    return tagger


def tag_captions(text: str, result: Structure, title: str | None = None) -> None:
    """Captions and paragraphs of ``result`` as the model reads the rules' ones: each caption a run of segments
    it labels, each paragraph what is left of a mined piece around them."""
    tagger = _tagger()
    segs = segments(text, result)
    if tagger is None or not segs:
        return
    captions = runs(segs, list(tagger.tag(features(text, segs, result, title))))
    result.paragraphs = _left_over(text, sorted(result.paragraphs + result.captions), captions)
    result.captions = captions
    result.lead = result.paragraphs[0] if result.paragraphs else None


def _left_over(text: str, pieces: list[Range], captions: list[Range]) -> list[Range]:
    """The parts of ``pieces`` outside every caption (both in text order)."""
    out: list[Range] = []
    for start, end in pieces:
        cursor = start
        for lo, hi in captions:
            if hi <= cursor or lo >= end:
                continue
            out.append(strip_range(text, cursor, min(lo, end)))
            cursor = max(cursor, hi)
        out.append(strip_range(text, cursor, end))
    return [(s, e) for s, e in out if e > s]
