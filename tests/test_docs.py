"""The documentation site: the field reference is in step with the records, the CLI page with the parser."""

from __future__ import annotations

import argparse
import importlib.util
import re
from pathlib import Path

import pytest

import dvextract
from dvextract._cli import _parser

DOCS = Path(__file__).resolve().parents[1] / "docs"
RECORDS = ("Article", "Span", "Boilerplate", "Entity", "Person", "PersonTitle", "DateMention", "Fact", "Notice")


def _schemas() -> dict[str, dict[str, object]]:
    schema = dvextract.Article.model_json_schema()
    found = {"Article": schema["properties"]}
    found.update({name: d["properties"] for name, d in schema["$defs"].items()})
    return found


def _documented() -> dict[str, set[str]]:
    """Per ``## Record`` section of output-format.md, the backticked names in the first column of its table."""
    text = (DOCS / "output-format.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    found: dict[str, set[str]] = {}
    for section in sections:
        title, body = section.split("\n", 1)
        cells = re.findall(r"^\| ([^|]*) \|", body, re.MULTILINE)
        found[title.strip()] = {n for cell in cells for n in re.findall(r"`(\w+)`", cell)}
    return found


def test_every_record_has_a_section() -> None:
    assert set(_schemas()) == set(RECORDS)
    assert set(RECORDS) <= set(_documented())


@pytest.mark.parametrize("record", RECORDS)
def test_fields_documented_are_the_schema_fields(record: str) -> None:
    assert _documented()[record] == set(_schemas()[record]), record


def test_cli_page_is_generated_from_the_parser() -> None:
    pytest.importorskip("mkdocs")
    spec = importlib.util.spec_from_file_location("generated", DOCS / "_hooks" / "generated.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = hook.cli_reference()
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, parser in sub.choices.items():
        assert f"## `dvextract {name}`" in page
        for option in (o for a in parser._actions for o in a.option_strings):
            assert option in page, (name, option)
    assert "<!-- cli-reference -->" in (DOCS / "cli.md").read_text(encoding="utf-8")


def test_pictures_are_there() -> None:
    for page in DOCS.rglob("*.md"):
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", page.read_text(encoding="utf-8")):
            if target != "benchmarks/latest.png":  # added by the build hook from benchmarks/results/
                assert (page.parent / target).is_file(), (page.name, target)
    for shot in ("screenshot-home.png", "screenshot-output-format.png", "accuracy-f1.png"):
        assert (DOCS / shot).stat().st_size > 10_000
