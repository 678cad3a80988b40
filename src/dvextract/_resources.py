"""Language data: the TSV files in ``dvextract/data``, read once per process.

Each file has a header row; its first column is the surface form as written in text (so a test can check
that every entry appears in an example). Lines starting with ``#`` are comments. Nothing is unpickled.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["data_files", "read_table", "table"]


def read_table(path: Path | str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file with a header, as dicts (comments and blank lines skipped)."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The packaged table ``dvextract/data/<name>.tsv``."""
    return read_table(Path(str(resources.files("dvextract") / "data" / f"{name}.tsv")))


def data_files() -> list[Path]:
    """Every packaged data table."""
    return sorted(Path(str(resources.files("dvextract") / "data")).glob("*.tsv"))
