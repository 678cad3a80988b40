"""Does a learned caption classifier help the caption rules? Leave-one-article-out CV on the dev structure gold.

Issue #21 asked whether a small learned classifier over the segments the structure code already splits could
find the captions the rules miss (full sentences glued into baomoi / 24h flattened bodies without a credit)
and generalise better than the rules, which were tuned on the same 32 dev articles.

Candidates: every block ``find_structure`` returns as a paragraph or a caption, paragraphs cut into sentences
at a final stop (``.!?…`` then a capital). Label: the candidate overlaps a gold caption. Features (cheap,
general, no word list beyond ``caption_markers`` and the credit words the rules use): length, final stop,
commas, quotes, digits, capitalised-word share, place in the block and the article, running-text markers,
word-pair overlap with the previous / next sentence and the title line, first word repeated by the next
sentence, the rule's own verdict. Model: L2 logistic regression (numpy, gradient descent), trained on 31
articles, scored on the held-out one, for every article (and 8-fold CV by article as a check).

Systems compared, scored like ``dvextract eval corpora/structure`` (strict = exact span, lenient = overlap):
rules alone; model alone (candidate spans the model says are captions); rules + model (the rules' captions,
plus model-positive sentences that overlap none of them).

    PYTHONPATH=src python benchmarks/cv_captions.py [--threshold 0.5] [--folds 0]

Tune on dev only: this script reads nothing of the test split.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dvextract._gold import load_gold
from dvextract._structure import _caption_markers, _credit_pattern, _word_pairs, find_structure
from dvextract._text import normalize

REPO = Path(__file__).resolve().parents[1]
_SENTENCE_CUT = re.compile(r"(?<=[.!?…])[ ]+(?=[A-ZÀ-Ỹ\"“(\d])")
_WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    rule: bool
    block_index: int  # sentence index inside its block
    block_sentences: int
    label: bool = False
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Doc:
    id: str
    gold: list[tuple[int, int]]
    rule: list[tuple[int, int]]
    candidates: list[Candidate]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, cursor = [], start
    for m in _SENTENCE_CUT.finditer(text, start, end):
        out.append((cursor, m.start()))
        cursor = m.end()
    out.append((cursor, end))
    return [(s, e) for s, e in out if e > s]


def build_doc(article_id: str, source: str, gold: list[tuple[int, int]]) -> Doc:
    """The candidates of one article, in source offsets, labelled and featurised."""
    norm = normalize(source)
    work = norm.text
    st = find_structure(work, None)
    blocks = [(s, e, True) for s, e in st.captions] + [(s, e, False) for s, e in st.paragraphs]
    cands: list[Candidate] = []
    for s, e, is_caption in sorted(blocks):
        pieces = [(s, e)] if is_caption else _sentences(work, s, e)
        for k, (a, b) in enumerate(pieces):
            cands.append(Candidate(a, b, work[a:b], is_caption, k, len(pieces)))
    title = st.title
    title_pairs = _word_pairs(work, *title) if title else set()
    for i, c in enumerate(cands):
        c.features = _features(work, cands, i, title_pairs, len(work))
        c.start, c.end = norm.to_source(c.start, c.end)
        c.label = any(c.start < ge and gs < c.end for gs, ge in gold)
    rule = [norm.to_source(s, e) for s, e in st.captions]
    return Doc(article_id, gold, rule, cands)


def _shared(text: str, a: tuple[int, int], b: tuple[int, int] | None) -> float:
    if b is None:
        return 0.0
    pairs = _word_pairs(text, *a)
    return len(pairs & _word_pairs(text, *b)) / max(1, len(pairs))


def _features(text: str, cands: list[Candidate], i: int, title_pairs: set[tuple[str, str]],
              length: int) -> dict[str, float]:
    c = cands[i]
    words = c.text.split()
    n = len(words)
    prev = (cands[i - 1].start, cands[i - 1].end) if i else None
    nxt = (cands[i + 1].start, cands[i + 1].end) if i + 1 < len(cands) else None
    pairs = _word_pairs(text, c.start, c.end)
    caps = sum(1 for w in words if w[:1].isupper()) / max(1, n)
    first = words[0].lower() if words else ""
    next_first = cands[i + 1].text.split()[0].lower() if nxt and cands[i + 1].text.split() else ""
    line_break_before = "\n" in text[cands[i - 1].end : c.start] if i else True
    line_break_after = "\n" in text[c.end : cands[i + 1].start] if nxt else True
    return {
        "bias": 1.0,
        "rule": float(c.rule),
        "log_words": math.log1p(n),
        "short_3_12": float(3 <= n <= 12),
        "mid_13_25": float(13 <= n <= 25),
        "long_over_30": float(n > 30),
        "final_stop": float(c.text.endswith(".")),
        "no_final_punct": float(c.text[-1:] not in ".!?…:;\"”"),
        "commas": min(3, c.text.count(",")) / 3,
        "quote": float(any(q in c.text for q in "\"“”")),
        "colon": float(":" in c.text),
        "digits": float(bool(re.search(r"\d", c.text))),
        "caps_share": caps,
        "markers": min(2, len(_caption_markers().findall(c.text))) / 2,
        "credit": float(bool(_credit_pattern().search(c.text))),
        "first_in_block": float(c.block_index == 0),
        "last_in_block": float(c.block_index == c.block_sentences - 1),
        "alone_in_block": float(c.block_sentences == 1),
        "line_break_before": float(line_break_before),
        "line_break_after": float(line_break_after),
        "position": c.start / max(1, length),
        "shared_prev": _shared(text, (c.start, c.end), prev),
        "shared_next": _shared(text, (c.start, c.end), nxt),
        "shared_title": len(pairs & title_pairs) / max(1, len(pairs)),
        "next_repeats_first": float(bool(first) and first == next_first),
        "prev_no_stop": float(bool(i) and cands[i - 1].text[-1:] not in ".!?…:;\"”"),
    }


def load_docs() -> list[Doc]:
    gold = load_gold([REPO / "corpora/structure/dev.jsonl"], split="dev")
    return [build_doc(g.id or "", g.text, [(c.start, c.end) for c in g.captions]) for g in gold]


DROPPED: set[str] = set()  # features left out of the model (``--without rule``: the model on its own cues)


def _matrix(docs: list[Doc]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    names = [k for k in docs[0].candidates[0].features if k not in DROPPED]
    rows = [[c.features[k] for k in names] for d in docs for c in d.candidates]
    labels = [float(c.label) for d in docs for c in d.candidates]
    return np.array(rows), np.array(labels), names


CRF = False  # ``--crf``: a linear-chain CRF instead of the logistic regression (no threshold)
POSITIVE_WEIGHT = 1.0  # ``--balance``: positives weighted as many times as negatives outnumber them


def train(docs: list[Doc], l2: float = 1.0, steps: int = 3000, rate: float = 0.5) -> np.ndarray:
    """L2 logistic regression by full-batch gradient descent: deterministic, no dependency beyond numpy."""
    x, y, _ = _matrix(docs)
    weight = np.where(y > 0, POSITIVE_WEIGHT, 1.0)
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ ((p - y) * weight) / len(y) + l2 * w / len(y)
        w -= rate * grad
    return w


def predict(doc: Doc, w: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    x, _, _ = _matrix([doc])
    p = 1 / (1 + np.exp(-(x @ w)))
    return [(c.start, c.end) for c, q in zip(doc.candidates, p, strict=True) if q >= threshold]


def _discrete(features: dict[str, float]) -> tuple[str, ...]:
    """The features as CRF attribute strings: each value cut into quarters (0, 1, 2, 3; 4 above 1)."""
    return tuple(f"{k}={min(4, int(v * 4)) if k != 'log_words' else int(v)}" for k, v in features.items()
                 if k not in DROPPED and k != "bias")


def train_crf(docs: list[Doc], path: Path) -> Path:
    """A linear-chain CRF over each article's candidates (``underthesea_core``, as ``_train_tagger`` uses):
    the previous candidate's label is a feature of its own (captions come in runs in flattened bodies)."""
    from underthesea_core import CRFTrainer  # type: ignore[import-untyped]

    xs = [[_discrete(c.features) for c in d.candidates] for d in docs]
    ys = [["C" if c.label else "O" for c in d.candidates] for d in docs]
    CRFTrainer(verbose=0, l1_penalty=0.05, l2_penalty=0.01, max_iterations=150).train(xs, ys).save(str(path))
    return path


def predict_crf(doc: Doc, path: Path) -> list[tuple[int, int]]:
    from underthesea_core import CRFTagger

    tagger = CRFTagger()
    tagger.load(str(path))
    tags = tagger.tag([_discrete(c.features) for c in doc.candidates])
    return [(c.start, c.end) for c, t in zip(doc.candidates, tags, strict=True) if t == "C"]


def combine(rule: list[tuple[int, int]], model: list[tuple[int, int]]) -> list[tuple[int, int]]:
    extra = [m for m in model if not any(m[0] < r[1] and r[0] < m[1] for r in rule)]
    return sorted(rule + extra)


@dataclass
class Counts:
    strict_tp: int = 0
    lenient_tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> None:
        gold, pred = sorted(set(gold)), sorted(set(pred))
        self.strict_tp += len(set(gold) & set(pred))
        self.lenient_tp += _lenient(gold, pred)
        self.pred += len(pred)
        self.gold += len(gold)

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _lenient(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> int:
    """One-to-one overlap matching, exact pairs first, then by largest overlap (as ``_evaluate._match``)."""
    used_g = {g for g in gold if g in set(pred)}
    used_p = set(used_g)
    cands = sorted(((min(g[1], p[1]) - max(g[0], p[0]), g, p) for g in gold if g not in used_g for p in pred
                    if p not in used_p and g[0] < p[1] and p[0] < g[1]), key=lambda t: -t[0])
    for _, g, p in cands:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
    return len(used_g)


def cross_validate(docs: list[Doc], threshold: float, folds: int) -> dict[str, Counts]:
    order = list(range(len(docs)))
    random.Random(21).shuffle(order)
    k = folds or len(docs)
    results = {name: Counts() for name in ("rules", "model", "rules + model")}
    for f in range(k):
        held = {order[i] for i in range(len(order)) if i % k == f}
        training = [d for i, d in enumerate(docs) if i not in held]
        if CRF:
            model_path = train_crf(training, Path(f"/tmp/cv_captions_{os.getpid()}.crf"))
        else:
            w = train(training)
        for i in held:
            d = docs[i]
            model = predict_crf(d, model_path) if CRF else predict(d, w, threshold)
            results["rules"].add(d.gold, d.rule)
            results["model"].add(d.gold, model)
            results["rules + model"].add(d.gold, combine(d.rule, model))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--folds", type=int, default=0, help="0: leave one article out")
    parser.add_argument("--without", action="append", default=[], help="a feature to leave out (repeatable)")
    parser.add_argument("--crf", action="store_true", help="a linear-chain CRF over each article's candidates")
    parser.add_argument("--balance", action="store_true", help="weight positives up to the negatives' count")
    args = parser.parse_args()
    global POSITIVE_WEIGHT, CRF
    CRF = args.crf
    DROPPED.update(args.without)
    docs = load_docs()
    n = sum(len(d.candidates) for d in docs)
    pos = sum(c.label for d in docs for c in d.candidates)
    print(f"{len(docs)} dev articles, {n} candidates, {pos} overlap a gold caption, "
          f"{sum(len(d.gold) for d in docs)} gold captions")
    if args.balance:
        POSITIVE_WEIGHT = (n - pos) / max(1, pos)
    print(f"features left out: {sorted(DROPPED) or 'none'}; positive weight {POSITIVE_WEIGHT:.1f}")
    for threshold in [args.threshold] if CRF else sorted({args.threshold, 0.3, 0.4, 0.5, 0.6, 0.7}):
        results = cross_validate(docs, threshold, args.folds)
        print(f"\nthreshold {threshold}  ({'LOAO' if not args.folds else f'{args.folds}-fold'})")
        print(f"{'system':<15}{'strict P':>9}{'R':>7}{'F1':>7}{'lenient P':>11}{'R':>7}{'F1':>7}")
        for name, c in results.items():
            sp, sr, sf = c.prf(c.strict_tp)
            lp, lr, lf = c.prf(c.lenient_tp)
            print(f"{name:<15}{sp:>9.3f}{sr:>7.3f}{sf:>7.3f}{lp:>11.3f}{lr:>7.3f}{lf:>7.3f}")
    w = train(docs)
    print("\nweights trained on all 32 (for reading, not for use):")
    for name, value in sorted(zip(_matrix(docs)[2], w, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:<20}{value:+.2f}")


if __name__ == "__main__":
    main()
