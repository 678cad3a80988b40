"""5-fold cross-validation by article over the gold ``dev`` split: rules alone, the tagger alone, and both
(``dvextract._tagger.arbitrate``: the rules win where they fired, the model adds the rest; and the other
arbitration tried, "model wins on overlaps"), per type, strict and
lenient. ``python benchmarks/cv_tagger.py`` writes ``benchmarks/results/cv_tagger.{md,json}``.

Folds are a seeded shuffle of the articles (seed 16); each fold's model is trained on the other four folds with
the shipped settings. Scores are counted as ``dvextract eval`` counts them, on the working text (the rules' scan
of the mined blocks, before the dates component drops names inside lunar dates).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from dvextract._entities import Found, find_entities  # noqa: E402
from dvextract._entities.lexicon import packaged  # noqa: E402
from dvextract._evaluate import score_spans  # noqa: E402
from dvextract._tagger import Tagger, arbitrate  # noqa: E402
from dvextract._train_tagger import Prepared, gold_articles, prepare, train  # noqa: E402

TYPES = ("PERSON", "TITLE", "ORGANIZATION", "LOCATION")
NAMED = {"PERSON", "ORGANIZATION", "LOCATION"}


def model_wins(rules: list[Found], model: list[Found]) -> list[Found]:
    """The other arbitration tried: rule TITLEs stay and block the model; elsewhere, where a model PERSON,
    ORGANIZATION or LOCATION overlaps rule mentions, the model's edges and type win, except that a rule mention
    strictly inside it of another type stays, and a model mention strictly inside a rule mention of another
    type is dropped; a model mention that overlaps no rule mention is added."""
    def overlap(a: Found, b: Found) -> bool:
        return a.start < b.end and b.start < a.end

    def inside(a: Found, b: Found) -> bool:
        return b.start <= a.start and a.end <= b.end and (a.start, a.end) != (b.start, b.end)

    titles = [r for r in rules if r.type not in NAMED]
    kept = list(rules)
    for m in model:
        if m.type not in NAMED or any(overlap(m, t) for t in titles):
            continue
        clashing = [r for r in kept if r.type in NAMED and overlap(m, r)]
        if any((r.start, r.end, r.type) == (m.start, m.end, m.type) for r in clashing):
            continue
        if any(inside(m, r) and r.type != m.type for r in clashing):
            continue
        dropped = {r for r in clashing if not (inside(r, m) and r.type != m.type)}
        kept = [r for r in kept if r not in dropped] + [m]
    return kept


def folds(prepared: list[Prepared], k: int = 5, seed: int = 16) -> list[list[Prepared]]:
    order = sorted(prepared, key=lambda p: p.id)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def score(gold: list[list[Found]], pred: list[list[Found]]) -> dict[str, Any]:
    totals: dict[str, Any] = {}
    for t in TYPES:
        total = None
        for g, p in zip(gold, pred, strict=True):
            s = score_spans([x for x in g if x.type == t], [x for x in p if x.type == t])
            total = s if total is None else total + s
        totals[t] = total
    all_ = None
    for t in TYPES:
        all_ = totals[t] if all_ is None else all_ + totals[t]
    totals["ALL"] = all_
    return {t: {m: round(getattr(v, m).f1, 3) for m in ("strict", "lenient")}
            | {f"{m}_{q}": round(getattr(getattr(v, m), q), 3) for m in ("strict", "lenient")
               for q in ("precision", "recall")} for t, v in totals.items()}


def run(cache: Path | None) -> dict[str, Any]:
    if cache and cache.exists():
        prepared = pickle.loads(cache.read_bytes())
    else:
        gold_dir = HERE.parent / "corpora" / "gold"
        prepared = prepare(gold_articles(gold_dir, "dev"))
        if cache:
            cache.write_bytes(pickle.dumps(prepared))
    lex = packaged()
    systems: dict[str, list[list[Found]]] = {"rules": [], "model": [], "combined": [], "model-wins": []}
    gold: list[list[Found]] = []
    seconds = []
    for n, test in enumerate(folds(prepared)):
        training = [p for p in prepared if p not in test]
        with tempfile.TemporaryDirectory() as folder:
            began = time.process_time()
            tagger = Tagger(train(training, Path(folder) / "fold.crfsuite"))
            seconds.append(time.process_time() - began)
        for p in test:
            rules = find_entities(p.text, p.blocks, p.authors, sources=p.sources)
            model = tagger.find(p.text, p.blocks, lex)
            gold.append(p.gold)
            systems["rules"].append(rules)
            systems["model"].append(model)
            systems["combined"].append(arbitrate(rules, model))
            systems["model-wins"].append(model_wins(rules, model))
        print(f"fold {n + 1}: trained on {len(training)} articles in {seconds[-1]:.0f} CPU s", file=sys.stderr)
    return {"articles": len(prepared), "train_cpu_seconds": [round(s, 1) for s in seconds],
            "scores": {name: score(gold, pred) for name, pred in systems.items()}}


def table(result: dict[str, Any]) -> str:
    lines = [f"5-fold CV by article over dev ({result['articles']} articles); F1 strict / lenient "
             "(P and R lenient in brackets)", "",
             "| type | " + " | ".join(result["scores"]) + " |", "|---|" + "---|" * len(result["scores"])]
    for t in (*TYPES, "ALL"):
        cells = [f"{s[t]['strict']:.3f} / {s[t]['lenient']:.3f} (P {s[t]['lenient_precision']:.3f}, "
                 f"R {s[t]['lenient_recall']:.3f})" for s in result["scores"].values()]
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    lines += ["", "`combined` is what ships (`dvextract._tagger.arbitrate`: the rules win where they fired, the model "
              "adds the rest); `model-wins` is the other arbitration tried (`model_wins` above). Scored before one "
              "reading per article, which runs after either."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, help="pickle of the prepared articles (made when missing)")
    args = parser.parse_args()
    result = run(args.cache)
    out = HERE / "results"
    (out / "cv_tagger.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "cv_tagger.md").write_text(table(result), encoding="utf-8")
    print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
