"""Training the tagger (``_tagger``) from the gold corpus: ``python -m dvextract._train_tagger`` (defaults:
``corpora/gold``, split ``dev`` only, the archive beside the repository for the texts; writes
``models/ner.crfsuite`` and its ``.json`` record). A module of its own because it runs the pipeline's reader and
structure component, and ``_components`` uses the tagger: the tagger package cannot import them back.

Each gold article is read as the pipeline reads it (the Reader's normalized working text, the structure's mined
blocks, with boilerplate blanked), its gold mentions mapped onto that text, and each block becomes one sequence
of BIO labels (nested mentions: the outermost one). Training is L-BFGS with fixed settings and no sampling, so
the same corpus and features give the same model. The record stores the SHA-1 of the training split
(:func:`dvextract._gold.split_sha`) and of the feature code, which ``tests/test_tagger.py`` recomputes: a
shipped model that no longer matches the corpus or the features fails the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from underthesea_core import CRFTrainer  # type: ignore[import-untyped]

from ._entities import Found, Lexicon
from ._entities.lexicon import packaged
from ._gold import read_records, rehydrate, split_sha
from ._records import Article
from ._tagger.features import VERSION, block_features
from ._tagger.model import MODEL

__all__ = ["SETTINGS", "Prepared", "feature_sha", "gold_articles", "prepare", "sequences", "train", "write"]

SETTINGS = {"l1_penalty": 0.05, "l2_penalty": 0.01, "max_iterations": 150}
_LABELLED = ("PERSON", "ORGANIZATION", "LOCATION", "TITLE")
_REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Prepared:
    """One gold article as the pipeline reads it: working text, mined blocks, gold mentions in its offsets."""

    id: str
    text: str
    blocks: list[tuple[int, int]]
    gold: list[Found]
    authors: list[tuple[int, int]] = field(default_factory=list)
    """The byline's authors and the papers it credits, as the rules are given them (for cross-validation)."""
    sources: list[tuple[int, int]] = field(default_factory=list)


def feature_sha() -> str:
    """SHA-1 of the code that makes features and labels (``_tagger/features.py`` and this module)."""
    digest = hashlib.sha1(VERSION.encode())
    here = Path(__file__).resolve().parent
    for path in (here / "_tagger" / "features.py", here / "_train_tagger.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _to_work(article: Article, starts: list[int] | None, ends: list[int] | None) -> list[Found]:
    """The gold mentions in working-text offsets (dropped when an edge falls inside a normalized character)."""
    if starts is None or ends is None:
        return [Found(e.start, e.end, e.type) for e in article.entities]
    first = {s: k for k, s in reversed(list(enumerate(starts)))}
    last = {e: k + 1 for k, e in enumerate(ends)}
    return [Found(first[e.start], last[e.end], e.type) for e in article.entities
            if e.start in first and e.end in last]


def gold_articles(gold: Path, split: str = "dev", texts: list[Path] | None = None) -> list[Article]:
    """The gold articles of one split with their people and entities only (the tagger needs nothing else, and
    so does not depend on how other fields are read)."""
    keep = ("id", "text_sha1", "split", "text", "entities", "people")
    rows = [{k: r[k] for k in keep if k in r} for r in read_records([gold]) if r.get("split") == split]
    return rehydrate(rows, texts=texts)


def prepare(articles: Iterable[Article]) -> list[Prepared]:
    """Gold articles through the Reader and the structure component, as the entities component sees them."""
    from spacy.vocab import Vocab

    from ._components import StructureComponent
    from ._reader import Reader

    reader, structure = Reader(Vocab()), StructureComponent()
    out: list[Prepared] = []
    for article in articles:
        doc = reader(article.text)
        state = doc._.dvx
        state.title = article.title
        structure(doc)
        gold = [g for g in _to_work(article, state.starts, state.ends) if g.type in _LABELLED]
        byline = state.structure
        out.append(Prepared(article.id or "", state.text, list(state.blocks or []), gold,
                            list(byline.authors) if byline else [], list(byline.sources) if byline else []))
    return out


def _labels(ranges: list[tuple[int, int]], gold: list[Found]) -> list[str]:
    """BIO labels of a block's tokens; nested mentions give way to the one around them."""
    labels = ["O"] * len(ranges)
    starts = [s for s, _ in ranges]
    import bisect

    for g in sorted(gold, key=lambda f: (f.end - f.start, f.start)):  # longest last: outermost wins
        i = bisect.bisect_left(starts, g.start)
        j = bisect.bisect_left(starts, g.end)
        if i < j:
            labels[i:j] = [f"B-{g.type}"] + [f"I-{g.type}"] * (j - i - 1)
    return labels


def sequences(
    prepared: Iterable[Prepared], lex: Lexicon | None = None
) -> tuple[list[list[tuple[str, ...]]], list[list[str]]]:
    """Features and labels of every block of every article (empty blocks left out)."""
    lex = lex or packaged()
    xs: list[list[tuple[str, ...]]] = []
    ys: list[list[str]] = []
    for p in prepared:
        for start, end in p.blocks or [(0, len(p.text))]:
            ranges, feats = block_features(p.text, start, end, lex)
            if ranges:
                inside = [g for g in p.gold if start <= g.start and g.end <= end]
                xs.append(feats)
                ys.append(_labels(ranges, inside))
    return xs, ys


def train(prepared: list[Prepared], path: str | Path, *, max_iterations: int | None = None) -> Path:
    """Train on ``prepared`` and save the model to ``path`` (CRFsuite format)."""
    xs, ys = sequences(prepared)
    settings = {**SETTINGS, **({"max_iterations": max_iterations} if max_iterations else {})}
    trainer = CRFTrainer(verbose=0, **settings)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(xs, ys).save(str(path))
    return path


def write(gold: Path, texts: list[Path] | None, out: Path = MODEL) -> dict[str, object]:
    """Train on the ``dev`` split of ``gold`` and write the model and its record; the record."""
    began = time.process_time()
    prepared = prepare(gold_articles(gold, "dev", texts))
    train(prepared, out)
    record = {
        "split": "dev", "articles": len(prepared), "gold_sha1": split_sha([gold], "dev"),
        "feature_sha1": feature_sha(), "feature_version": VERSION, "settings": SETTINGS,
        "train_cpu_seconds": round(time.process_time() - began, 1), "bytes": out.stat().st_size,
    }
    out.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dvextract._train_tagger", description=__doc__)
    parser.add_argument("gold", nargs="?", type=Path, default=_REPO / "corpora" / "gold")
    parser.add_argument("--texts", type=Path, nargs="*", help="archives or .txt folders (default: ../shared)")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    print(json.dumps(write(args.gold, args.texts, args.out), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
