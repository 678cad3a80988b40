"""README.md: its examples run, and its reference sections cover the records and the command line as they are.

Code blocks preceded by ``<!-- tested -->`` run in order, from one scratch folder that sees ``corpora/``
(``<!-- tested: needs ../shared -->``: only where the shared data is there): ``python`` blocks in a fresh
namespace each, ``bash`` blocks with this environment's ``dvextract`` on the PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, need

import dvextract
from dvextract._cli import _parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^<!-- tested(?P<shared>: needs \.\./shared)? -->\n```(?P<lang>\w+)\n(?P<code>.*?)^```$",
                    re.MULTILINE | re.DOTALL)
BLOCKS = [(README[: m.start()].count("\n") + 1, m["lang"], m["code"], bool(m["shared"]))
          for m in _BLOCK.finditer(README)]


def _section(title: str) -> str:
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert found, f"README has no section {title!r}"
    return found[1]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    (folder / "corpora").symlink_to(ROOT / "corpora", target_is_directory=True)
    return folder


def test_the_three_uses_have_tested_examples() -> None:
    assert {lang for _, lang, _, _ in BLOCKS} == {"python", "bash"}
    sections = [re.findall(r"^## (.+)$", README[: README.index(f"\n{code}")], re.MULTILINE)[-1]
                for _, _, code, _ in BLOCKS]
    for use in ("Use it as a library", "Batch processing", "Evaluation", "Records", "Custom gazetteer"):
        assert use in sections


@pytest.mark.parametrize("line, lang, code, shared", BLOCKS, ids=[f"README.md:{b[0]}" for b in BLOCKS])
def test_readme_block_runs(line: int, lang: str, code: str, shared: bool, scratch: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    if shared:
        need(DATA)
    monkeypatch.chdir(scratch)
    if lang == "python":
        script = scratch / f"block_{line}.py"
        script.write_text(code, encoding="utf-8")
        runpy.run_path(str(script), run_name="__main__")
    else:
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=scratch, env=env, capture_output=True,
                              text=True, timeout=600, check=False)
        assert done.returncode == 0, f"README.md:{line}\n{done.stderr[-3000:]}"


def test_records_section_names_every_field() -> None:
    section = _section("Records")
    for record in (dvextract.Article, dvextract.Entity, dvextract.Person, dvextract.PersonTitle,
                   dvextract.DateMention, dvextract.Fact, dvextract.Notice):
        row = re.search(rf"^\| `{record.__name__}`.*$", section, re.MULTILINE)
        assert row, f"no row for {record.__name__}"
        missing = [f for f in record.model_fields if f"`{f}`" not in row[0] and f not in ("start", "end", "text")]
        assert not missing, f"{record.__name__}: {missing}"


def test_cli_reference_names_every_command_and_option() -> None:
    section = _section("CLI reference")
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, parser in sub.choices.items():
        assert f"dvextract {name}" in section
        options = [o for a in parser._actions for o in a.option_strings if o not in ("-h", "--help")]
        missing = [o for o in options if o not in section]
        assert not missing, f"dvextract {name}: {missing}"
