"""mkdocs hook: the pages made from the code at build time.

- ``cli.md``: ``<!-- cli-reference -->`` is replaced by the ``--help`` of ``dvextract`` and of every sub-command,
  read from the argparse parser itself, so the reference cannot drift from the program.
- ``benchmarks/latest.png``: the benchmark plot, taken from ``benchmarks/results/`` where ``benchmarks/run.py``
  writes it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
MARKER = "<!-- cli-reference -->"


def on_files(files: Files, config: Any) -> Files:
    files.append(File.generated(config, "benchmarks/latest.png", abs_src_path=str(ROOT / "benchmarks" / "results" /
                                                                                  "latest.png")))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if page.file.src_uri != "cli.md":
        return markdown
    assert MARKER in markdown, "cli.md lost its <!-- cli-reference --> marker"
    return markdown.replace(MARKER, cli_reference())


def cli_reference() -> str:
    """Every command's help, as ``dvextract … --help`` prints it at 100 columns."""
    os.environ["COLUMNS"] = "100"
    from dvextract._cli import _parser

    parser = _parser()
    parts = [f"## `dvextract`\n\n```text\n{parser.format_help().rstrip()}\n```\n"]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        parts.append(f"## `dvextract {name}`\n\n```text\n{command.format_help().rstrip()}\n```\n")
    return "\n".join(parts)
