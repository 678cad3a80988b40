"""Dump every date the extractor finds on a fixed set of texts, to prove a refactor changes nothing.

    PYTHONPATH=src python benchmarks/dates_dump.py OUT.jsonl          # the dump (compare two with cmp)
    PYTHONPATH=src python benchmarks/dates_dump.py --time             # dates CPU ms per article, 300 articles

The texts: the first 2,000 archive articles, every gold article (dev and test), and every example phrase of
``corpora/examples``; each is run with its publication date and without one. Reads ``../shared/data``.
"""

from __future__ import annotations

import gzip
import itertools
import json
import random
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import yaml

from dvextract._dates import find_dates
from dvextract._gold import load_gold
from dvextract._state import parse_published
from dvextract._text import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
ARCHIVE = SHARED / "data" / "archive" / "articles.jsonl.gz"
EXAMPLE = SHARED / "examples" / "ninh-binh-dan-van-2021-07-02.txt"


def _archive(n: int) -> Iterator[tuple[str, str, datetime | None]]:
    with gzip.open(ARCHIVE, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, n):
            row = json.loads(line)
            yield row["id"], row["text"], parse_published(row.get("published"))[0]


def _texts() -> Iterator[tuple[str, str, datetime | None]]:
    yield from _archive(2000)
    for article in load_gold(sorted((ROOT / "corpora" / "gold").glob("*.jsonl")), texts=[ARCHIVE, EXAMPLE]):
        yield f"gold:{article.id}", article.text, parse_published(article.published)[0]
    for path in sorted((ROOT / "corpora" / "examples").glob("dates*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, ex in enumerate(spec.get("examples", [])):
            published = parse_published(str(ex.get("published", spec.get("published", ""))) or None)[0]
            for text in ex["texts"]:
                yield f"{path.stem}:{i}", text, published
        for text in spec.get("negatives", []):
            yield f"{path.stem}:not", text, parse_published(str(spec.get("published", "")) or None)[0]


def dump(out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        for ident, text, published in _texts():
            work = normalize(text).text
            for anchor in (published, None):
                found = [[d.start, d.end, d.fields] for d in find_dates(work, anchor)]
                f.write(json.dumps([ident, str(anchor), found], ensure_ascii=False, sort_keys=True) + "\n")


def timing() -> None:
    rows = list(_archive(20000))
    sample = random.Random(8).sample(rows, 300)
    works = [(normalize(text).text, published) for _, text, published in sample]
    for work, published in works:
        find_dates(work, published)
    passes = []
    for _ in range(5):
        start = time.process_time()
        for work, published in works:
            find_dates(work, published)
        passes.append((time.process_time() - start) / len(works) * 1000)
    print(f"dates CPU ms per article, 5 passes: median {statistics.median(passes):.3f} "
          f"({min(passes):.3f}-{max(passes):.3f})")


if __name__ == "__main__":
    if sys.argv[1:] == ["--time"]:
        timing()
    else:
        dump(Path(sys.argv[1]))
