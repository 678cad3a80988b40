"""Training the caption model (:mod:`._structure.caption_model`) from the structure gold:
``python -m dvextract._train_captions`` (defaults: ``corpora/structure``, split ``dev``; writes
``models/captions.crfsuite`` and its ``.json`` record); ``--cv 5`` instead cross-validates by article and prints
the model's and the rules' caption scores on the same folds.

Each gold article is cut into segments as :func:`dvextract._structure.find_structure` cuts it (the rules'
paragraphs and captions, cut at stops, sentence openers and capitals after lowercase words); a segment is ``B``
when a gold caption starts in it, ``I`` when it lies in the rest of one, else ``O``. Training is L-BFGS with
fixed settings, so the same corpus and features give the same model. The record stores the SHA-1 of the
training split and of the feature code.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from underthesea_core import CRFTagger, CRFTrainer  # type: ignore[import-untyped]

from ._evaluate import SpanScores, score_spans
from ._gold import default_texts, load_gold, read_records, split_sha
from ._patterns import compile as compile_pattern
from ._text import normalize
from ._structure import caption_segments
from ._structure.caption_model import MODEL
from ._structure.caption_segments import Segment, features, runs, segments
from ._structure.text import strip_range
from ._structure import rule_structure

__all__ = ["SETTINGS", "Case", "cases", "cross_validate", "feature_sha", "train", "write"]

SETTINGS = {"l1_penalty": 0.1, "l2_penalty": 0.01, "max_iterations": 200}
_REPO = Path(__file__).resolve().parents[2]
_LINE = compile_pattern(r"[^\n]+")
_SEED = 2126


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    """One gold article cut into segments: their features and gold labels, the gold's and the rules' captions."""

    id: str
    segments: list[Segment]
    features: list[list[str]]
    labels: list[str]
    gold: list[tuple[int, int]]
    rules: list[tuple[int, int]]


def feature_sha() -> str:
    """SHA-1 of the code that cuts segments and makes features and labels (``caption_segments.py``, this module)."""
    digest = hashlib.sha1(caption_segments.VERSION.encode())
    for path in (Path(caption_segments.__file__), Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _labels(segs: list[Segment], gold: list[tuple[int, int]]) -> list[str]:
    """``B`` for the first segment more than half inside a gold caption, ``I`` for the next ones, else ``O``."""
    labels = ["O"] * len(segs)
    for s, e in gold:
        inside = [k for k, seg in enumerate(segs) if 2 * (min(e, seg.end) - max(s, seg.start)) > seg.end - seg.start]
        for n, k in enumerate(inside):
            labels[k] = "I" if n else "B"
    return labels


def cases(gold: Path, split: str = "dev") -> list[Case]:
    out: list[Case] = []
    for article in load_gold([gold], split=split):
        structure = rule_structure(article.text, article.title)
        segs = segments(article.text, structure)
        spans = sorted((c.start, c.end) for c in article.captions)
        out.append(Case(article.id or "", segs, features(article.text, segs, structure, article.title),
                        _labels(segs, spans), spans, sorted(structure.captions)))
    return out


_SILVER_SOURCE = "unc_dantri:"  # the archive's one source whose bodies keep their lines


def _flatten(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with its first line (the lead) on a line of its own and the rest joined into one line by single
    spaces, as baomoi stores bodies; and each kept line's (old start, new start)."""
    lines = [strip_range(text, m.start(), m.end()) for m in _LINE.finditer(text)]
    lines = [(s, e) for s, e in lines if e > s]
    out: list[str] = []
    shifts: list[tuple[int, int]] = []
    at = 0
    for k, (s, e) in enumerate(lines):
        if k:
            out.append("\n" if k == 1 else " ")
            at += 1
        shifts.append((s, at))
        out.append(text[s:e])
        at += e - s
    return "".join(out), shifts


def _moved(shifts: list[tuple[int, int]], span: tuple[int, int]) -> tuple[int, int]:
    old, new = shifts[bisect.bisect_right(shifts, (span[0], 1 << 62)) - 1]
    return span[0] - old + new, span[1] - old + new


def silver_cases(archive: Path, exclude: set[str], count: int, seed: int = _SEED) -> list[Case]:
    """Line-structured archive articles (``unc_dantri``, none of the structure gold) flattened as baomoi stores
    its bodies, labelled with the captions the rules find on their lines (a caption on a line of its own is
    the rules' surest kind): what a caption glued into a flattened body looks like, on many more articles
    than the gold has. ``count`` articles, drawn by ``random.Random(seed)`` from the sorted ids."""
    rows = sorted((r for r in read_records([archive]) if str(r.get("id", "")).startswith(_SILVER_SOURCE)
                   and r["id"] not in exclude), key=lambda r: str(r["id"]))
    random.Random(seed).shuffle(rows)
    out: list[Case] = []
    for row in rows[:count]:
        text, title = normalize(row["text"]).text, row.get("title")
        lines = rule_structure(text, title)
        flat, shifts = _flatten(text)
        gold = sorted(_moved(shifts, c) for c in lines.captions)
        structure = rule_structure(flat, title)
        segs = segments(flat, structure)
        out.append(Case(str(row["id"]), segs, features(flat, segs, structure, title), _labels(segs, gold), gold,
                        sorted(structure.captions)))
    return out


def train(training: list[Case], path: Path, settings: dict[str, float] | None = None) -> Path:
    """Train on ``training`` (one sequence an article) and save the model to ``path`` (CRFsuite format)."""
    trainer = CRFTrainer(verbose=0, **(settings or SETTINGS))
    kept = [c for c in training if c.segments]
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train([c.features for c in kept], [c.labels for c in kept]).save(str(path))
    return path


def _scores(pairs: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]) -> SpanScores:
    total = SpanScores()
    for gold, pred in pairs:
        total += score_spans([_Span(*g) for g in gold], [_Span(*p) for p in pred])
    return total


def cross_validate(all_cases: list[Case], folds: int = 5, settings: dict[str, float] | None = None,
                   silver: list[Case] | None = None) -> tuple[SpanScores, SpanScores]:
    """The model's caption scores with each article tagged by a model trained on the other folds (articles
    dealt to folds in turn) and on ``silver``, and the rules' on the same articles."""
    model_pairs = []
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(folds):
            held = [c for k, c in enumerate(all_cases) if k % folds == fold]
            training = [c for k, c in enumerate(all_cases) if k % folds != fold] + (silver or [])
            path = train(training, Path(tmp) / f"{fold}.crf", settings)
            tagger = CRFTagger()
            tagger.load(str(path))
            model_pairs += [(c.gold, runs(c.segments, tagger.tag(c.features)) if c.segments else []) for c in held]
    return _scores(model_pairs), _scores([(c.gold, c.rules) for c in all_cases])


def write(gold: Path, out: Path = MODEL) -> dict[str, object]:
    """Train on the ``dev`` split of ``gold`` and write the model and its record; the record."""
    began = time.process_time()
    training = cases(gold, "dev")
    train(training, out)
    record = {"split": "dev", "articles": len(training), "gold_sha1": split_sha([gold], "dev"),
              "feature_sha1": feature_sha(), "feature_version": caption_segments.VERSION, "settings": SETTINGS,
              "train_cpu_seconds": round(time.process_time() - began, 1), "bytes": out.stat().st_size}
    out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


def _print(name: str, s: SpanScores) -> None:
    print(f"{name:6} strict P {s.strict.precision:.3f} R {s.strict.recall:.3f} F1 {s.strict.f1:.3f}  "
          f"lenient P {s.lenient.precision:.3f} R {s.lenient.recall:.3f} F1 {s.lenient.f1:.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dvextract._train_captions", description=__doc__)
    parser.add_argument("--gold", type=Path, default=_REPO / "corpora" / "structure")
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--cv", type=int, default=0, help="cross-validate with this many folds; write nothing")
    args = parser.parse_args(argv)
    if args.cv:
        model, rules = cross_validate(cases(args.gold, "dev"), args.cv)
        _print("model", model)
        _print("rules", rules)
        return
    print(json.dumps(write(args.gold, args.out), indent=2))


if __name__ == "__main__":
    main()
