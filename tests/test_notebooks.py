"""notebooks/*.ipynb run top to bottom (nbclient), on the shared data beside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES, need

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_the_three_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01-quickstart.ipynb", "02-archive-study.ipynb", "03-evaluation.ipynb"]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    need(DATA / "archive" / "articles.jsonl.gz")
    need(EXAMPLES)
    book = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in book.cells if cell.cell_type == "code"), "commit without outputs"
    nbclient.NotebookClient(book, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) or "text/html" in o.get("data", {}) for o in outputs)
    code_cells = sum(cell.cell_type == "code" for cell in book.cells)
    with capsys.disabled():  # CI's log shows each notebook executed
        print(f"\n{path.name}: executed {code_cells} code cells")


def test_notebooks_use_only_public_names() -> None:
    import json

    import dvextract

    assert NOTEBOOKS  # a glob that finds nothing would let this pass
    for path in NOTEBOOKS:
        code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                         if c["cell_type"] == "code")
        assert "import dvextract" in code, path.name
        assert not re.search(r"dvextract\._|from dvextract\.", code), path.name  # no private module
        used = set(re.findall(r"\bdvextract\.(\w+)", code))
        assert used <= {*dvextract.__all__, "__version__"}, (path.name, used - set(dvextract.__all__))


def test_the_test_extra_installs_what_runs_the_notebooks() -> None:
    tomllib = pytest.importorskip("tomllib")
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    test = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["optional-dependencies"]["test"]
    names = {re.match(r"[\w-]+", d).group(0).lower() for d in test}
    assert {"nbclient", "nbformat", "nbconvert", "ipykernel"} <= names  # nbconvert: `jupyter nbconvert --execute`
