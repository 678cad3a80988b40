"""The documentation site: the field reference is in step with the records, the CLI page with the parser."""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import importlib.util
import json
import re
from pathlib import Path

import pytest

import dvextract
from dvextract._cli import _parser

DOCS = Path(__file__).resolve().parents[1] / "docs"
RECORDS = ("Article", "Span", "Boilerplate", "Entity", "Person", "PersonTitle", "DateMention", "Fact", "Notice")
OFFICIALS = ("officials.parquet", "offices.parquet", "observations.parquet", "Holder", "Office")


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


@pytest.fixture(scope="module")
def officials_fields(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The columns of the three tables ``build_officials`` writes (on a one-article run), and the fields of the
    records ``who`` and ``parse_office`` return."""
    pq = pytest.importorskip("pyarrow.parquet")
    run = tmp_path_factory.mktemp("run")
    text, name, title = "Ông Trịnh Văn Chiến, Bí thư Tỉnh ủy Thanh Hóa phát biểu.", "Trịnh Văn Chiến", "Bí thư Tỉnh ủy"
    n, t = text.index(name), text.index(title)
    person = {"name": name, "titles": [title], "mentions": [{"start": n, "end": n + len(name), "text": name}],
              "title_links": [{"start": t, "end": t + len(title), "text": title, "expansion": None,
                               "organization": None}]}
    article = {"text": text, "published": "2017-03-02", "dates": [], "people": [person],
               "sentences": [{"start": 0, "end": len(text), "text": text}]}
    (run / "shards").mkdir()
    with gzip.open(run / "shards" / "part-000000-abc.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "x1", "source": "t", "meta": {}, "article": article}, ensure_ascii=False) + "\n")
    assert dvextract.build_officials(run) == {"officials": 1, "offices": 1, "observations": 1}
    found = {f"{t}.parquet": set(pq.read_schema(run / f"{t}.parquet").names)
             for t in ("officials", "offices", "observations")}
    found["Holder"] = {f.name for f in dataclasses.fields(dvextract.Holder)}
    found["Office"] = set(dvextract.Office.model_fields)
    return found


@pytest.mark.parametrize("record", OFFICIALS)
def test_officials_columns_documented_are_the_tables_columns(record: str,
                                                             officials_fields: dict[str, set[str]]) -> None:
    assert _documented()[record] == officials_fields[record], record


def test_batch_tables_documented_are_the_tables_columns() -> None:
    pytest.importorskip("pyarrow")
    text = (DOCS / "guides" / "batch.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| (`.*) \|$", text, re.MULTILINE))
    for table, arrow in dvextract.to_arrow([]).items():
        assert re.findall(r"`(\w+)`", rows[table]) == arrow.schema.names, table  # the columns, in order


def test_api_page_shows_every_public_name() -> None:
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^::: dvextract\.(\w+)$", page, re.MULTILINE))
    assert shown == set(dvextract.__all__) - {"__version__"}


def test_home_page_example_prints_what_it_says(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The quick start's Python block, run from the repository root, prints its ``# `` comment lines."""
    page = (DOCS / "index.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", page, re.DOTALL)[0]
    said = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    monkeypatch.chdir(DOCS.parent)
    exec(compile(code, "index.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == said


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
