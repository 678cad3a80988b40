"""Reading articles from files: ``.txt`` and JSONL (``.jsonl``, ``.jsonl.gz``).

Every input yields exactly one item: an article, or an error item saying why it could not be read (invalid
UTF-8, broken JSON, no text). Nothing is dropped silently.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Item", "read_items"]


@dataclass
class Item:
    id: str
    source: str
    text: str = ""
    title: str | None = None
    published: str | None = None
    url: str | None = None
    error: str | None = None
    """Why this input could not be read; ``None`` for a readable article."""

    def fields(self) -> dict[str, str | None]:
        return {"id": self.id, "title": self.title, "published": self.published, "url": self.url}


def read_items(path: Path) -> Iterator[Item]:
    """The articles of one file."""
    name = path.name
    if name.endswith((".jsonl", ".jsonl.gz", ".json.gz", ".ndjson")):
        yield from _read_jsonl(path)
    else:
        yield _read_text(path)


def _read_text(path: Path) -> Item:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Item(id=path.stem, source=str(path), error=f"invalid_utf8: {exc}")
    return Item(id=path.stem, source=str(path), text=text)


def _read_jsonl(path: Path) -> Iterator[Item]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield Item(id=where, source=where, error=f"invalid_utf8: {exc}")
                continue
            except json.JSONDecodeError as exc:
                yield Item(id=where, source=where, error=f"invalid_json: {exc}")
                continue
            if not isinstance(record, dict):
                yield Item(id=where, source=where, error="invalid_json: a line is not a JSON object")
                continue
            text = record.get("text")
            yield Item(
                id=str(record.get("id") or where),
                source=where,
                text=text if isinstance(text, str) else "",
                title=record.get("title") if isinstance(record.get("title"), str) else None,
                published=str(record["published"]) if record.get("published") else None,
                url=record.get("url") if isinstance(record.get("url"), str) else None,
                error=None if isinstance(text, str) else "no_text: the record has no string field 'text'",
            )
