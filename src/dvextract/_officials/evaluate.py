"""Scoring officials against hand-annotated gold (``corpora/officials/``): office fields and person clusters.

Gold lines are ``{"id", "text_sha1", "split", "file", "titles": [[start, end, {fields}]…], "persons": [[start, end,
cluster]…]}``; the article text is read from the archive by id (as ``dvextract eval`` does). Two scores:

- **office fields**: each gold TITLE span parsed by :func:`article_offices` (with the article's province, its
  elected body, the ``nguyên``/``cựu`` before it and the article's other titles, as the pipeline gives them),
  field by field against the annotator's values, and all core fields at once (``kind role modifiers body_type
  body_level locality former``).
- **person clusters**: B-cubed precision, recall and F1 over the gold PERSON mentions. Each mention's system
  cluster is the person id that ``resolve_people`` gives the article's person whose mention overlaps it, across
  all articles scored together; a mention the pipeline missed is a cluster of its own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._gold import default_texts, read_texts
from .._records import text_sha1
from .._text import normalize
from .context import TitleSpan
from .observations import article_offices, article_people
from .office import Office
from .people import resolve_people

__all__ = ["CORE_FIELDS", "FIELDS", "OfficialsGold", "OfficialsScores", "load_officials_gold", "score_officials"]

CORE_FIELDS = ("kind", "role", "modifiers", "body_type", "body_level", "locality", "former")
FIELDS = (*CORE_FIELDS, "body_name", "sublocality")
OFFICIALS_HEADLINE = ("officials.office_exact", "officials.bcubed.precision", "officials.bcubed.f1")
"""The officials figures the quality gate pins (``benchmarks/baseline.json``): the issue's two aims."""


@dataclass
class OfficialsGold:
    """One gold article: its text, TITLE spans with their fields, and PERSON mentions with cluster ids."""

    id: str
    split: str
    text: str
    published: str | None
    titles: list[tuple[int, int, dict[str, Any]]]
    persons: list[tuple[int, int, str]]


@dataclass
class OfficialsScores:
    titles: int = 0
    exact: int = 0
    """Titles whose core fields are all right."""
    per_field: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def headline(self) -> dict[str, float]:
        """The figures of :data:`OFFICIALS_HEADLINE`, to 4 decimals as the other floors."""
        return {"officials.office_exact": round(self.exact / (self.titles or 1), 4),
                "officials.bcubed.precision": round(self.precision, 4), "officials.bcubed.f1": round(self.f1, 4)}

    def as_dict(self) -> dict[str, Any]:
        n = self.titles or 1
        return {"titles": self.titles, "office_exact": round(self.exact / n, 4),
                "per_field": {k: round(v / n, 4) for k, v in self.per_field.items()},
                "person_mentions": self.mentions, "bcubed": {"precision": round(self.precision, 4),
                                                             "recall": round(self.recall, 4), "f1": round(self.f1, 4)}}


def load_officials_gold(folder: str | Path, split: str | None = None,
                        texts: Iterable[str | Path] | None = None) -> list[OfficialsGold]:
    """The gold articles of ``folder`` (its ``*.jsonl``), of one split or all, with their texts from the archive."""
    rows = [json.loads(line) for path in sorted(Path(folder).glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if split is None or r["split"] == split]
    found = read_texts(texts or default_texts(), [(r["id"], r.get("text_sha1")) for r in rows])
    gold = []
    for r in rows:
        meta = found.get(r["id"])
        if meta is None or text_sha1(meta["text"]) != r["text_sha1"]:
            raise ValueError(f"{r['id']}: its text is not in the archive given (or has changed)")
        gold.append(OfficialsGold(r["id"], r["split"], meta["text"], meta.get("published"),
                                  [(s, e, f) for s, e, f in r["titles"]], [(s, e, c) for s, e, c in r["persons"]]))
    return gold


def _value(office: Office, name: str) -> Any:
    value = getattr(office, name)
    return list(value) if name == "modifiers" else value


def _same(name: str, got: Any, want: Any) -> bool:
    if name in ("body_name", "sublocality", "role") and isinstance(got, str) and isinstance(want, str):
        return " ".join(normalize(got).text.lower().split()) == " ".join(normalize(want).text.lower().split())
    return bool(got == want)


def _score_titles(gold: list[OfficialsGold], scores: OfficialsScores) -> None:
    scores.per_field = dict.fromkeys(FIELDS, 0)
    for article in gold:
        offices = article_offices(article.text, [TitleSpan(start, end) for start, end, _ in article.titles])
        for (start, end, want), office in zip(article.titles, offices, strict=True):
            right = {name: _same(name, _value(office, name), want.get(name)) for name in FIELDS}
            for name, ok in right.items():
                scores.per_field[name] += ok
            scores.titles += 1
            scores.exact += all(right[name] for name in CORE_FIELDS)
            if not all(right[name] for name in CORE_FIELDS):
                scores.errors.append({"id": article.id, "title": article.text[start:end],
                                      "wrong": {n: [_value(office, n), want.get(n)] for n in FIELDS if not right[n]}})


def _bcubed(gold: dict[Any, str], system: dict[Any, str]) -> tuple[float, float]:
    by_gold: dict[str, set[Any]] = defaultdict(set)
    by_system: dict[str, set[Any]] = defaultdict(set)
    for item, cluster in gold.items():
        by_gold[cluster].add(item)
        by_system[system[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        same = len(by_gold[gold[item]] & by_system[system[item]])
        precision += same / len(by_system[system[item]])
        recall += same / len(by_gold[gold[item]])
    n = len(gold) or 1
    return precision / n, recall / n


def _score_people(gold: list[OfficialsGold], extracted: Mapping[str, Mapping[str, Any]],
                  scores: OfficialsScores) -> None:
    people = [p for article in gold for p in article_people(article.id, extracted[article.id])]
    ids = resolve_people(people)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for person, pid in zip(people, ids, strict=False):
        spans[person.article_id] += [(s, e, pid) for s, e, _ in person.mentions]
    gold_clusters: dict[Any, str] = {}
    system: dict[Any, str] = {}
    for article in gold:
        for start, end, cluster in article.persons:
            item = (article.id, start, end)
            gold_clusters[item] = cluster
            hit = next((pid for s, e, pid in spans[article.id] if s < end and start < e), None)
            system[item] = hit or f"missed:{article.id}:{start}"
    scores.mentions = len(gold_clusters)
    scores.precision, scores.recall = _bcubed(gold_clusters, system)
    total = scores.precision + scores.recall
    scores.f1 = 2 * scores.precision * scores.recall / total if total else 0.0


def score_officials(gold: list[OfficialsGold],
                    extract: Callable[[OfficialsGold], Mapping[str, Any]] | None = None) -> OfficialsScores:
    """Office-field accuracy and B-cubed person clustering of the system on ``gold``. ``extract`` gives an
    article's JSON record (default: ``dvextract.extract`` on the gold text and publication date)."""
    if extract is None:
        from .._pipeline import extract as run

        def extract(article: OfficialsGold) -> Mapping[str, Any]:
            return run(article.text, published=article.published).model_dump(mode="json")

    scores = OfficialsScores()
    _score_titles(gold, scores)
    _score_people(gold, {article.id: extract(article) for article in gold}, scores)
    return scores
