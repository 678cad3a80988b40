"""Every line of the packaged language data is checked by at least one example (dateparser's lesson)."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml

from dvextract._resources import data_files, read_table

EXAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "examples"


def _fold(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


@cache
def _example_texts() -> str:
    """All example texts, folded (read once: every data file's test looks in them)."""
    texts = []
    for path in EXAMPLES.glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [t for ex in spec.get("examples", []) for t in ex["texts"]] + spec.get("negatives", [])
    return _fold("\n".join(texts))


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.name)
def test_every_entry_has_an_example(path: Path) -> None:
    corpus = _example_texts()
    rows = read_table(path)
    assert rows, f"{path.name} is empty"
    surface = next(iter(rows[0]))
    missing = [row[surface] for row in rows if _fold(row[surface]) not in corpus]
    assert not missing, f"{path.name}: entries with no example in corpora/examples: {missing}"
