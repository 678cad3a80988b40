"""Reading inputs: every input gives one item, an article or an error saying why; HTML pages give main text and
metadata, home pages and foreign pages a reason. The pages are read from ../shared/data/html at run time."""

from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path

import pytest
from conftest import DATA, need

from dvextract import _inputs
from dvextract._inputs import Item, expand, read_items, resolve

HTML = DATA / "html"
ARTICLE_PAGES = ["24h1", "dantri1", "genk1", "ngoisao1", "nld1", "soha1", "teen9x1", "thanhnien1", "tinhte1",
                 "vnexpress1", "vnexpress2", "vnexpress3", "xinh1", "zing1", "zing2"]
HOME_PAGES = ["genkvn.homepage", "soha.homepage", "thanhnien.homepage", "vnexpress.hompage"]
FOREIGN_PAGES = ["bbc.homepage", "bbc1", "cnn.homepage", "cnn1", "cnn2", "dzone1", "dzone2", "eclipse1", "scala1"]


def page(name: str) -> Path:
    here = HTML / f"{name}.html"
    return here if here.exists() else need(HTML / "non_vietnamese" / f"{name}.html")


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_article_page_gives_main_text_and_metadata(name: str) -> None:
    [item] = read_items(page(name))
    assert item.error is None and item.html is None
    assert item.id == name
    assert len(item.text) > 300
    assert item.title and item.title.casefold() in page(name).read_bytes().decode("utf-8", "replace").casefold()
    assert item.published and item.published[:4] in ("2011", "2012")  # the pages were saved in December 2012
    assert item.meta["date"] == item.published


def test_article_page_values() -> None:
    [item] = read_items(page("dantri1"))
    assert item.title == "Chốt lịch nghỉ lễ Tết 2013 của công chức, viên chức"
    assert item.published == "2012-12-25"
    assert item.url.startswith("http://dantri.com.vn/")
    assert item.meta["hostname"] == "dantri.com.vn"


@pytest.mark.parametrize("name", HOME_PAGES)
def test_home_page_says_why(name: str) -> None:
    [item] = read_items(page(name))
    assert item.error.startswith("home_page: ")
    assert "lists articles" in item.error


@pytest.mark.parametrize("name", FOREIGN_PAGES)
def test_foreign_page_says_why(name: str) -> None:
    [item] = read_items(page(name))
    assert item.error.startswith("not_vietnamese: ")


def test_empty_page_says_why() -> None:
    [item] = read_items(page("empty"))
    assert item.error.startswith("no_main_text: ")


def test_html_parsing_fetches_nothing(monkeypatch) -> None:
    html = ('<!DOCTYPE html SYSTEM "http://127.0.0.1:9/evil.dtd"><html><head><title>Thành ủy họp bàn - Báo</title>'
            '<link rel="stylesheet" href="http://127.0.0.1:9/a.css"><script src="http://127.0.0.1:9/a.js"></script>'
            '</head><body><h1>Thành ủy họp bàn</h1><img src="http://127.0.0.1:9/a.png">'
            + "<p>Sáng 5/4, Thành ủy Ninh Bình tổ chức hội nghị sơ kết công tác dân vận sáu tháng đầu năm.</p>" * 5
            + "</body></html>")

    def refuse(*args, **kwargs):
        raise AssertionError("HTML parsing tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    item = resolve(Item(id="p", source="p", html=html.encode()))
    assert item.error is None and item.title == "Thành ủy họp bàn"
    assert "Sáng 5/4, Thành ủy Ninh Bình tổ chức hội nghị" in item.text


@pytest.mark.parametrize(
    ("html", "code"),
    [
        (b"\x00\x01\x02\x03" * 5000, "binary"),
        (b"   \n ", "no_main_text"),
        (("<html><body>" + "<div>" * 300 + "Hà Nội" + "</div>" * 300 + "</body></html>").encode(), "too_deep"),
    ],
)
def test_hostile_html_says_why(html: bytes, code: str) -> None:
    assert resolve(Item(id="x", source="x", html=html)).error.split(":")[0] == code


def test_html_size_limit(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(_inputs, "MAX_HTML_BYTES", 1000)
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + "Hà Nội ".encode() * 500 + b"</p>")
    [item] = read_items(path)
    assert item.error.startswith("too_large: ")


def test_jsonl_html_field_and_too_long_line(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(_inputs, "MAX_TEXT_BYTES", 200)
    path = tmp_path / "mixed.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "h", "html": "<p>Chiều nay họp.</p>", "url": "http://x.vn/a"}) + "\n")
        f.write(json.dumps({"id": "long", "text": "Hà Nội " * 100}) + "\n")
        f.write(json.dumps({"id": "after", "text": "Sáng nay họp."}) + "\n")
    raw = list(read_items(path, parse_html=False))
    assert [i.id for i in raw] == ["h", f"{path}:2", "after"]
    assert raw[0].html == "<p>Chiều nay họp.</p>".encode() and raw[0].url == "http://x.vn/a"
    assert raw[1].error.startswith("too_large: ")
    assert raw[2].text == "Sáng nay họp."


def test_gzip_bomb_stops_the_file_with_an_error(tmp_path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(json.dumps({"id": "ok", "text": "Chiều nay họp."}).encode() + b"\n")
        zeros = b"\0" * 2**20
        for _ in range(80):  # 80 MiB of zeros, ~80 KB compressed: over 100 x size + 64 MiB
            f.write(zeros)
    items = list(read_items(path))
    assert [i.id for i in items] == ["ok", f"{path}:2"]
    assert items[1].error.startswith("gzip_bomb: ")


def test_broken_gzip_is_an_error_item(tmp_path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(json.dumps({"id": str(i), "text": "Sáng nay họp."}).encode() + b"\n"
                                  for i in range(100)))
    path.write_bytes(data[: len(data) // 2])
    items = list(read_items(path))
    assert items[-1].error.startswith("unreadable: ")
    assert all(i.error is None for i in items[:-1])


def test_binary_and_invalid_utf8_text_files(tmp_path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"abc \xff\xfe")
    [item] = read_items(tmp_path / "bad.txt")
    assert item.id == "bad" and item.error.startswith("invalid_utf8: ")


def test_expand_folders_and_globs(tmp_path) -> None:
    (tmp_path / "a").mkdir()
    for name in ("a/x.txt", "a/y.html", "a/z.jsonl.gz", "a/notes.tsv", "w.warc.gz", "v.txt"):
        (tmp_path / name).write_bytes(b"")
    assert expand([tmp_path / "a"]) == [str(tmp_path / n) for n in ("a/x.txt", "a/y.html", "a/z.jsonl.gz")]
    found = expand([f"{tmp_path}/*.warc.gz", tmp_path / "v.txt"])
    assert found == [str(tmp_path / "w.warc.gz"), str(tmp_path / "v.txt")]
