"""The one generic runner over corpora/examples/*.yaml (phrase → expected value, and negatives)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

import dvextract

EXAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "examples"


def _cases():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        dimension = spec["dimension"]
        if dimension not in dvextract.Article.model_fields:  # another runner's examples (officials: test_officials)
            continue
        for ex in spec.get("examples", []):
            published = str(ex.get("published", spec.get("published", ""))) or None
            for text in ex["texts"]:
                yield pytest.param(dimension, text, ex["expect"], published, id=f"{path.stem}:{text}")
        for text in spec.get("negatives", []):
            published = str(spec.get("published", "")) or None
            yield pytest.param(dimension, text, None, published, id=f"{path.stem}:NOT:{text}")


def _same(got, want) -> bool:
    if isinstance(want, float) or isinstance(got, float):
        return got is not None and want is not None and math.isclose(got, want, rel_tol=1e-9)
    if isinstance(want, dict) and isinstance(got, dict):
        return all(_same(got.get(k), v) for k, v in want.items())
    return got == want


@pytest.mark.parametrize(("dimension", "text", "expect", "published"), list(_cases()))
def test_example(dimension: str, text: str, expect: dict | None, published: str | None) -> None:
    article = dvextract.extract(text, published=published)
    value = getattr(article, dimension)
    records = value if isinstance(value, list) else [value] if value is not None else []  # byline: one span
    found = [r.model_dump(mode="json") for r in records]
    if expect is None:
        assert found == [], f"{text!r} must give no {dimension}"
        return
    key = "name" if dimension == "people" else "text"  # a person is known by name, a span by its text
    target = expect.get(key, text)  # the span the example is about: the whole text unless it says
    whole = [r for r in found if r[key] == target]
    assert whole, f"{text!r}: no {dimension} record spans {target!r}; got {found}"
    if dimension in ("dates", "facts") and target == text:
        assert len(found) == 1, f"{text!r}: expected one {dimension} record, got {found}"
    assert any(_same(r, expect) for r in whole), f"{text!r}: expected {expect}, got {whole}"
