"""Bad articles give a record with a clear error, never a traceback; JSONL runs never lose a line."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

import dvextract
from dvextract._cli import main


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_text"),
        ("   \n\t ", "empty_text"),
        ("\x00\x01\x02\x03" * 500, "binary"),
        ("\ufffd" * 300 + " chữ", "binary"),
        ("The Prime Minister met the press in London on Tuesday to discuss the budget. " * 10, "not_vietnamese"),
        ("Hà Nội " * 800_000, "too_large"),
    ],
)
def test_refused_with_a_reason(text: str, code: str) -> None:
    a = dvextract.extract(text)
    assert not a.ok
    assert [w.code for w in a.warnings] == [code]
    assert a.text == text and a.entities == [] and a.dates == [] and a.facts == []


def test_bad_published_is_a_warning() -> None:
    a = dvextract.extract("Chiều nay, Thành ủy họp.", published="hôm kia")
    assert a.ok and [w.code for w in a.warnings] == ["bad_published"]


def test_jsonl_run_loses_no_line(tmp_path, capsys) -> None:
    path = tmp_path / "mixed.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write(json.dumps({"id": "a", "text": "Chiều 2/7, Thành ủy họp."}, ensure_ascii=False).encode() + b"\n")
        f.write(b'{"id": "b", "text": "bad \xff\xfe utf8"}\n')
        f.write(b"{not json\n")
        f.write(json.dumps({"id": "d", "title": "no text"}).encode() + b"\n")
        f.write(json.dumps({"id": "e", "text": ""}).encode() + b"\n")
    assert main(["extract", str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in out] == ["a", f"{path}:2", f"{path}:3", "d", "e"]
    assert [[w["code"] for w in r["warnings"]] for r in out] == [
        [], ["invalid_utf8"], ["invalid_json"], ["no_text"], ["empty_text"]]


def test_cli_entry_point_runs(tmp_path) -> None:
    path = tmp_path / "bai.txt"
    path.write_text("Sáng 5/4, UBND tỉnh tổ chức hội nghị.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "dvextract", "extract", str(path), "--published", "2024-04-05"],
                         capture_output=True, text=True, check=True).stdout
    record = json.loads(out)
    assert record["id"] == "bai" and record["published"] == "2024-04-05T00:00:00"
