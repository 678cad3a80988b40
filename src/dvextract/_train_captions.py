"""Training the three caption models of :mod:`dvextract._structure.scenes`: ``python -m dvextract._train_captions``
and of :mod:`dvextract._structure.sentence_starts` (needs the ``train`` extra, scikit-learn, and the archive beside
the repository; writes ``models/caption_words.tsv``, ``models/sentence_starts.tsv`` and ``models/captions.json``).

* The **word model** learns from the archive alone, with no hand label: in every article of no gold file, each
  caption the rules find closed by a photo credit (``… Ảnh: CACC``), the credit cut out, is a caption, and each
  sentence of the running text is not (some are uncaptioned captions: the noise is the price of 8,000 free
  examples, against the 200 of the gold). An L2 logistic regression, classes balanced; features seen fewer than
  ``min_count`` times and weights under ``keep`` are left out of the file.
* The **sentence-start model** learns from the archive alone too: each sentence start after a stop in every line
  of every article of no gold file, the stop taken away, against each capitalized word after a lowercase one
  inside a sentence (:func:`~dvextract._structure.sentence_starts.start_examples`); the same fit.
* The **context model** learns from the dev split of the structure gold: each sentence of the rules' paragraphs,
  labelled a caption when a gold caption has its span (one character either way), read by
  :func:`~dvextract._structure.scenes.context_features` with the word model just written.

The fits are deterministic (lbfgs, no sampling): the same archive, gold and code give the same files.
``captions.json`` records the SHA-1 of the dev split and of the feature code (``scenes.py``, ``sentence_starts.py``
and this module), which ``tests/test_scenes.py`` recomputes: a shipped model whose dev split or feature code
changed fails the tests. The silver labels also come from the rules (:func:`rule_structure`); a change there shows
in the models only once they are retrained.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from ._gold import load_gold, read_records, split_sha
from ._records import Article
from ._structure import Structure, rule_structure
from ._structure.photo_credits import credit_pattern
from ._structure.scenes import (
    CONTEXT,
    CONTEXT_FEATURES,
    WORDS,
    Photos,
    Sentence,
    candidates,
    context_features,
    paragraph_sentences,
    promote_unstopped,
    reload_models,
    scene_sentences,
    word_features,
)
from ._structure.sentence_starts import STARTS, reload_weights, start_examples
from ._text import normalize

__all__ = ["SETTINGS", "context_rows", "feature_sha", "fit", "silver", "train"]

SETTINGS = {"words_c": 0.1, "starts_c": 1.0, "min_count": 10, "keep": 0.01, "context_c": 1.0, "threshold": 0.4}
_REPO = Path(__file__).resolve().parents[2]
_ARCHIVE = _REPO.parent / "shared" / "data" / "archive" / "articles.jsonl.gz"
_GOLD = _REPO / "corpora" / "structure" / "dev.jsonl"
_MAX_CHARS = 20_000


def feature_sha() -> str:
    """SHA-1 of the code that reads sentences and makes the models' features (``scenes.py``,
    ``sentence_starts.py``, this module)."""
    digest = hashlib.sha1()
    here = Path(__file__).resolve().parent
    for name in ("_structure/scenes.py", "_structure/sentence_starts.py", "_train_captions.py"):
        path = here / name
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _identity(features: list[str]) -> list[str]:
    return features


def _gold_ids() -> set[str]:
    """Every article of any gold file: the word model never sees them."""
    return {str(r["id"]) for path in (_REPO / "corpora").rglob("*.jsonl") for r in read_records([path])}


def silver(archive: Path = _ARCHIVE) -> Iterator[tuple[str, int]]:
    """(sentence, 1) for each credit-closed caption of the archive, its credit cut; (sentence, 0) for each
    sentence of the running text of the same articles."""
    skip = _gold_ids()
    with gzip.open(archive, "rt", encoding="utf-8") as rows:
        for row in map(json.loads, rows):
            if row["id"] in skip or len(row["text"]) > _MAX_CHARS:
                continue
            work = normalize(row["text"]).text
            structure = rule_structure(work, row.get("title"))
            captions = [c for c in (_uncredited(work, *span) for span in structure.captions) if c]
            if captions:
                yield from ((c, 1) for c in captions)
                yield from ((work[slice(*span)], 0) for span, _, _ in paragraph_sentences(work, structure))


def _uncredited(text: str, start: int, end: int) -> str | None:
    """A caption's words before the photo credit that closes it (None: no credit, or one alone)."""
    m = credit_pattern().search(text, start, end)
    if m is None or m.group("alone") or m.start() - start < 10:
        return None
    return text[start : m.start()].rstrip(" -–(.")


def fit(rows: list[list[float]] | object, labels: list[int], c: float, balanced: bool) -> object:
    from sklearn.linear_model import LogisticRegression  # the ``train`` extra

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None).fit(rows, labels)


def _weights_file(examples: list[tuple[list[str], int]] | list[tuple[str, int]], analyzer: object,
                  c: float) -> dict[str, float]:
    """An L2 logistic regression (classes balanced) over the features ``analyzer`` reads of each example: its
    bias (``(bias)``) and the weights of the features seen ``min_count`` times or more, ``keep`` or larger."""
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(analyzer=analyzer, min_df=SETTINGS["min_count"])
    matrix = vectorizer.fit_transform([x for x, _ in examples])
    model = fit(matrix, [label for _, label in examples], c, balanced=True)
    weights = {f: round(float(model.coef_[0][i]), 4) for f, i in vectorizer.vocabulary_.items()}  # type: ignore[attr-defined]
    kept = {f: w for f, w in sorted(weights.items()) if abs(w) >= SETTINGS["keep"]}
    return {"(bias)": round(float(model.intercept_[0]), 4), **kept}  # type: ignore[attr-defined]


def _write(path: Path, weights: dict[str, float]) -> None:
    path.write_text("".join(f"{f}\t{w}\n" for f, w in weights.items()), encoding="utf-8")


def start_silver(archive: Path = _ARCHIVE) -> Iterator[tuple[list[str], int]]:
    """The sentence-start model's examples: the lines of every archive article of no gold file."""
    skip = _gold_ids()
    with gzip.open(archive, "rt", encoding="utf-8") as rows:
        for row in map(json.loads, rows):
            if row["id"] not in skip and len(row["text"]) <= _MAX_CHARS:
                for line in normalize(row["text"]).text.split("\n"):
                    yield from start_examples(line)


def context_rows(article: Article) -> tuple[Structure, list[Sentence], list[list[float]], list[int]]:
    """One gold article as the context model reads it: the rules' structure of its working text, the paragraph
    sentences the model reads (:func:`~dvextract._structure.scenes.candidates`), their context features and
    their labels (1: a gold caption has the sentence's span, one character either way). Offsets of the structure
    and the sentences index the working text."""
    norm = normalize(article.text)
    structure = rule_structure(norm.text, article.title)
    promote_unstopped(norm.text, structure)
    sentences = scene_sentences(norm.text, structure)
    photos = Photos.of(norm.text, structure, sentences)
    gold = [(c.start, c.end) for c in article.captions]
    read = candidates(norm.text, sentences) if structure.flattened else []  # as promote_scenes reads
    rows = [context_features(norm.text, sentences, i, photos) for i in read]
    spans = [norm.to_source(*sentences[i].span) for i in read]
    labels = [int(any(abs(start - s) <= 1 and abs(end - e) <= 1 for s, e in gold)) for start, end in spans]
    return structure, [sentences[i] for i in read], rows, labels


def train(archive: Path = _ARCHIVE, gold_path: Path = _GOLD) -> dict[str, object]:
    """Train both models, write them beside the package's other models, and return the record written."""
    examples = list(silver(archive))
    words = _weights_file(examples, word_features, SETTINGS["words_c"])
    _write(WORDS, words)
    starts = list(start_silver(archive))
    start_weights = _weights_file(starts, _identity, SETTINGS["starts_c"])
    _write(STARTS, start_weights)
    reload_models()
    reload_weights()
    rows: list[list[float]] = []
    labels: list[int] = []
    for article in load_gold([gold_path], split="dev"):
        _, _, article_rows, article_labels = context_rows(article)
        rows += article_rows
        labels += article_labels
    context = fit(rows, labels, SETTINGS["context_c"], balanced=False)
    record = {
        "weights": {n: round(float(w), 4) for n, w in zip(CONTEXT_FEATURES, context.coef_[0], strict=True)},  # type: ignore[attr-defined]
        "bias": round(float(context.intercept_[0]), 4),  # type: ignore[attr-defined]
        "threshold": SETTINGS["threshold"],
        "silver": {"captions": sum(label for _, label in examples), "sentences": len(examples),
                   "features": len(words) - 1},
        "starts": {"starts": sum(label for _, label in starts), "places": len(starts),
                   "features": len(start_weights) - 1},
        "split": "dev", "sentences": len(labels), "captions": sum(labels),
        "gold_sha1": split_sha([gold_path], "dev"), "feature_sha1": feature_sha(), "settings": SETTINGS,
    }
    CONTEXT.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    reload_models()
    return record


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--archive", type=Path, default=_ARCHIVE)
    parser.add_argument("--gold", type=Path, default=_GOLD)
    args = parser.parse_args(argv)
    record = train(args.archive, args.gold)
    print(json.dumps({k: record[k] for k in ("silver", "starts", "sentences", "captions")}))


if __name__ == "__main__":
    main()
