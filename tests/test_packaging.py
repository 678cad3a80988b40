"""The distribution: the wheel holds the code, the language data, py.typed and the licence, and nothing else.

CI builds the sdist and the wheel once with ``python -m build`` and points ``DVX_WHEEL`` at the wheel; elsewhere
this test builds them itself (``python -m build``: the wheel is made from the sdist, so a file the sdist forgets
is missing from the wheel too).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import dvextract

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "dvextract"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("DVX_WHEEL"):
        return Path(os.environ["DVX_WHEEL"])
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return next(out.glob("dvextract-*.whl"))


def test_wheel_holds_code_data_and_types(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"dvextract/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.rglob("*")
                if p.is_file() and p.suffix in (".py", ".tsv", ".typed", ".crfsuite", ".json")
                and "__pycache__" not in p.parts}
    assert {"dvextract/models/ner.crfsuite", "dvextract/models/ner.json"} <= expected  # the tagger's model ships
    assert len([n for n in expected if n.endswith(".tsv")]) >= 50
    assert "dvextract/py.typed" in expected
    assert expected <= names, sorted(expected - names)
    dist_info = f"dvextract-{dvextract.__version__}.dist-info"
    extra = names - expected - {f"{dist_info}/{n}" for n in ("METADATA", "WHEEL", "RECORD", "entry_points.txt",
                                                              "top_level.txt", "licenses/LICENSE")}
    assert not extra, sorted(extra)  # no tests, corpora, notebooks or stray files


def test_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        meta = Parser().parsestr(zf.read(f"dvextract-{dvextract.__version__}.dist-info/METADATA").decode())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["License-Expression"] == "MIT"
    assert set(meta.get_all("Classifier")) == set(project["classifiers"])
    assert {u.split(",")[0] for u in meta.get_all("Project-URL")} == set(project["urls"])
    extras = set(meta.get_all("Provides-Extra"))
    assert {"html", "warc", "parquet", "pandas", "batch", "dask", "plot", "all", "test", "docs"} <= extras
    core = [r for r in meta.get_all("Requires-Dist") if "extra ==" not in r]
    assert not [r for r in core if r.lower().startswith(("pyarrow", "trafilatura", "warcio", "pyyaml", "matplotlib"))]


def test_licence_changelog_and_a_bounded_build_backend() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT" and pyproject["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    backend = pyproject["build-system"]["requires"]
    assert all(">=" in r and "<" in r.split(">=", 1)[1] for r in backend), backend  # a lower and an upper bound
    assert {"Homepage", "Documentation", "Source", "Changelog"} <= set(pyproject["project"]["urls"])


def test_ci_checks_types_lint_build_and_docs() -> None:
    steps = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    ci = "\n".join(steps)
    assert "set -euo pipefail" in ci  # a failing check fails CI, also inside `| tail`
    for check in ("ruff check src tests benchmarks", "mypy --strict src/", "python -m build", "mkdocs build --strict",
                  "python -m zipfile -l dist/dvextract-*.whl", "pip install -q -e '.[test,docs]'"):
        assert check in ci, check
    assert ci.index("python -m build") < ci.index("pytest"), "the wheel is built before test_packaging reads it"
