"""Reading a batch run's shards into the people who hold titles: shard by shard, here or on a Dask cluster.

A run's ``shards/part-*.jsonl.gz`` (each line ``{"id", "source", "meta", "article"}``) are read one at a time; a
shard gives the people of its articles who hold a title (:func:`article_people`) and the sentences their
observations stand in, and nothing else is kept. Shards are independent, so ``engine="dask"`` maps them over a
``dask.distributed`` cluster (as ``dvextract batch --engine dask`` does), each worker reading its shard from the
fsspec path; the results come back in shard order, so both engines give the same tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._extras import require
from .observations import ArticlePerson, article_people

__all__ = ["ShardPeople", "collect_people", "run_articles", "shard_paths"]


@dataclass
class ShardPeople:
    """What shards give the build: their title-holding people, in order, and the sentences observations cite."""

    people: list[ArticlePerson] = field(default_factory=list)
    sentences: dict[tuple[str, int, int], str] = field(default_factory=dict)
    """``(article id, sentence start, sentence end)`` → the sentence's text."""

    def add(self, other: ShardPeople) -> None:
        self.people += other.people
        self.sentences.update(other.sentences)


def shard_paths(run_dir: str | Path) -> list[str]:
    """The run's shard files as fsspec URLs (a worker elsewhere opens them as they are), in shard order."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(str(run_dir))
    return [fs.unstrip_protocol(p) for p in sorted(fs.glob(f"{root.rstrip('/')}/shards/part-*.jsonl.gz"))]


def _shard_articles(path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    import fsspec

    with fsspec.open(path, "rt", compression="gzip", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("article") and row["article"].get("people"):
                yield row["id"], row["article"]


def shard_people(path: str) -> ShardPeople:
    """The title-holding people of one shard's articles, with the sentences their observations stand in."""
    found = ShardPeople()
    for article_id, article in _shard_articles(path):
        people = article_people(article_id, article)
        for person in people:
            for o in person.observations:
                where = (article_id, o.sentence_start, o.sentence_end)
                found.sentences[where] = article["text"][o.sentence_start:o.sentence_end]
        found.people += people
    return found


def collect_people(run_dir: str | Path, engine: str = "local", scheduler: Any = None) -> ShardPeople:
    """Every shard's people, in shard order: read here (``local``) or mapped over a Dask cluster (``dask``,
    ``scheduler`` its address or a ``distributed.Client``)."""
    paths = shard_paths(run_dir)
    collected = ShardPeople()
    if engine == "local":
        for path in paths:
            collected.add(shard_people(path))
    elif engine == "dask":
        for part in _dask_map(paths, scheduler):
            collected.add(part)
    else:
        raise ValueError(f"unknown engine {engine!r}: 'local' or 'dask'")
    return collected


def _dask_map(paths: list[str], scheduler: Any) -> list[ShardPeople]:
    distributed = require("distributed", "the Dask engine")
    if scheduler is None:
        raise ValueError("engine='dask' needs a scheduler (its address or a distributed.Client)")
    client = scheduler if isinstance(scheduler, distributed.Client) else distributed.Client(scheduler)
    try:
        futures = client.map(shard_people, paths, pure=False)
        results: list[ShardPeople] = client.gather(futures)
        return results
    finally:
        if client is not scheduler:
            client.close()


def run_articles(run_dir: str | Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The articles (as JSON) of a batch run with these ids, among those that name people."""
    return {key: article for path in shard_paths(run_dir) for key, article in _shard_articles(path) if key in ids}
