"""Optional dependencies: the core install is what ``extract`` needs; a missing extra is one line naming it."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import dvextract
from dvextract._extras import EXTRAS, MissingExtra, require

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
OPTIONAL = ("pyarrow", "trafilatura", "lxml_html_clean", "warcio", "pandas", "dask", "distributed", "matplotlib")


def test_a_present_module_is_returned() -> None:
    assert require("json.decoder", "a test").JSONDecoder.__name__ == "JSONDecoder"


@pytest.mark.parametrize(("module", "extra"), [("pyarrow.parquet", "parquet"), ("trafilatura", "html"),
                                               ("warcio.archiveiterator", "warc"), ("matplotlib.pyplot", "plot"),
                                               ("distributed", "dask")])
def test_a_missing_extra_is_one_line_naming_it(module: str, extra: str, monkeypatch: pytest.MonkeyPatch) -> None:
    top = module.split(".")[0]
    for name in [m for m in sys.modules if m.startswith(f"{top}.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, top, None)  # as if it were not installed
    with pytest.raises(MissingExtra) as caught:
        require(module, "dvextract batch")
    assert str(caught.value) == f"dvextract batch needs {top}: pip install 'dvextract[{extra}]'"
    assert isinstance(caught.value, ImportError) and caught.value.name == top


def test_an_unknown_module_names_itself() -> None:
    with pytest.raises(MissingExtra, match=r"^x needs no_such_module_dvx: pip install no_such_module_dvx$"):
        require("no_such_module_dvx", "x")


def test_to_arrow_without_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtra, match=r"pip install 'dvextract\[parquet\]'"):
        dvextract.to_arrow([])


def test_every_extra_module_is_in_its_extra_and_not_in_the_core() -> None:
    extras = PROJECT["optional-dependencies"]
    core = " ".join(PROJECT["dependencies"]).lower()
    for module, extra in EXTRAS.items():
        package = {"distributed": "dask[distributed]"}.get(module, module).lower()
        assert any(d.lower().startswith(package) for d in extras[extra]), (module, extra)
        assert module.lower() not in core
    assert "pyyaml" not in core  # the examples are YAML, read by the tests only
    for extra in ("html", "warc", "parquet", "batch", "dask", "plot", "all", "test", "docs"):
        assert extra in extras


def test_extract_imports_no_optional_module() -> None:
    code = ("import sys, dvextract; dvextract.extract('Chiều 2/7, Thành ủy họp.', published='2021-07-02'); "
            f"print(sorted(m for m in {OPTIONAL!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("call", [lambda d: dvextract.build_officials(d), lambda d: dvextract.read_officials(d),
                                  lambda d: dvextract.who(d, "Bí thư Tỉnh ủy Thanh Hóa")])
def test_officials_tables_without_pyarrow_name_the_extra(call: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _uninstall("pyarrow", monkeypatch)
    line = r"^(building|reading) the officials tables needs pyarrow: pip install 'dvextract\[parquet\]'$"
    with pytest.raises(MissingExtra, match=line):
        call(tmp_path)


def _uninstall(top: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.startswith(f"{top}.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, top, None)  # as if it were not installed


@pytest.mark.parametrize(("module", "extra", "argv"), [
    ("pyarrow", "parquet", ["batch", "{txt}", "--out", "{tmp}/run"]),
    ("pyarrow", "parquet", ["officials", "{tmp}"]),
    ("pyarrow", "parquet", ["who", "Bí thư Tỉnh ủy Thanh Hóa", "--run", "{tmp}"]),
    ("trafilatura", "html", ["extract", "{html}"]),
    ("warcio", "warc", ["extract", "{warc}"]),
    ("matplotlib", "plot", ["eval", "{gold}", "--pred", "{gold}", "--plot", "{tmp}/p.png"]),
    ("distributed", "dask", ["batch", "{txt}", "--out", "{tmp}/run", "--engine", "dask", "--scheduler", "tcp://x:1"]),
])
def test_a_command_missing_an_extra_says_one_line(module: str, extra: str, argv: list[str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from dvextract._cli import main

    files = {"txt": tmp_path / "a.txt", "html": tmp_path / "a.html", "warc": tmp_path / "a.warc.gz",
             "gold": tmp_path / "gold.jsonl", "tmp": tmp_path}
    files["txt"].write_text("Chiều 2/7, Thành ủy họp.", encoding="utf-8")
    files["html"].write_text("<html><body><p>Chiều 2/7, Thành ủy họp.</p></body></html>", encoding="utf-8")
    files["warc"].write_bytes(gzip.compress(b"WARC/1.0\r\n"))
    files["gold"].write_text('{"id": "g", "text": "Ông An.", "entities": [["PERSON", 4, 6]]}\n', encoding="utf-8")
    _uninstall(module, monkeypatch)
    main([a.format(**files) for a in argv])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"dvextract {argv[0]}: "), err
    assert err.count("dvextract ") == 1 and f"pip install 'dvextract[{extra}]'" in err, err  # the command once


def test_all_installs_every_user_extra() -> None:
    extras = PROJECT["optional-dependencies"]

    def expand(extra: str) -> set[str]:
        found: set[str] = set()
        for requirement in extras[extra]:
            if requirement.startswith("dvextract["):
                for inner in requirement[len("dvextract["):-1].split(","):
                    found |= expand(inner)
            else:
                found.add(requirement)
        return found

    for extra in set(extras) - {"all", "test", "docs", "train"}:  # train: the developers' (the caption models)
        assert expand(extra) <= expand("all"), extra
    assert expand("all") <= expand("test")  # the tests run with everything a user can install
