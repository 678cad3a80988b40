"""dvextract._render: the HTML page, read back from its markup and from a real headless Chromium's DOM."""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import dvextract
from dvextract._cli import main
from dvextract._render import render_html

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo" / "bao-cao-huyen-uy-demo.txt"
SCREENSHOT = ROOT / "docs" / "example-rendering.png"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _ReadBack(HTMLParser):
    """The article's text as the page shows it, and each highlighted span (label, start, end) within it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.labels: dict[int, str] = {}
        self.ranges: dict[int, list[int]] = {}
        self.hovers: dict[int, str] = {}
        self._stack: list[tuple[str, list[int]]] = []  # (role, span ids) per open element
        self._in_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "article" and "dvx-text" in classes:
            self._in_text = True
        role = "tag" if "dvx-tag" in classes else "piece" if a.get("data-spans") else "other"
        ids = [int(i) for i in (a.get("data-spans") or "").split()]
        if role == "tag":
            self._tag = int(a["data-span"] or -1)
            self.hovers[self._tag] = a.get("title") or ""
        self._stack.append((role, ids))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_text = False
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._in_text:
            return
        if any(role == "tag" for role, _ in self._stack):
            self.labels[self._tag] = self.labels.get(self._tag, "") + data
            return
        ids = [i for role, ids in self._stack if role == "piece" for i in ids]
        for i in ids:
            _, end = self.ranges.setdefault(i, [len(self.text), len(self.text)])
            assert end == len(self.text), f"span {i} is not contiguous in the page"
            self.ranges[i][1] = len(self.text) + len(data)
        self.text += data

    def spans(self) -> set[tuple[str, int, int, str]]:
        return {(self.labels[i], s, e, self.text[s:e]) for i, (s, e) in self.ranges.items()}


def read_back(page: str) -> _ReadBack:
    parser = _ReadBack()
    parser.feed(page)
    parser.close()
    return parser


def expected_spans(article: dvextract.Article) -> set[tuple[str, int, int, str]]:
    found = {(e.type, e.start, e.end, e.text) for e in article.entities}
    found |= {("DATE", d.start, d.end, d.text) for d in article.dates}
    found |= {(f.kind.upper(), f.start, f.end, f.text) for f in article.facts}
    return found


def _article(text: str, **fields: object) -> dvextract.Article:
    return dvextract.Article(text=text, text_sha1=hashlib.sha1(text.encode()).hexdigest(), **fields)


# ------------------------------------------------------------------------------------------ markup, no browser


def test_overlapping_spans_read_back_with_labels_and_hover_values() -> None:
    text = "Ông A <b>, PBT Thành ủy, nói: thu 2,5 tỷ đồng ngày 2/7.\n\nHết."
    t0 = text.index("PBT")
    o0 = text.index("Thành ủy")
    m0 = text.index("2,5")
    d0 = text.index("ngày 2/7")
    article = _article(
        text,
        entities=[
            dvextract.Entity(start=t0, end=o0 + 8, text=text[t0 : o0 + 8], type="TITLE",
                             expansion="Phó Bí thư Thành ủy"),
            dvextract.Entity(start=o0, end=o0 + 8, text="Thành ủy", type="ORGANIZATION"),
        ],
        dates=[dvextract.DateMention(start=d0, end=d0 + 8, text="ngày 2/7", value="2021-07-02", grain="day")],
        facts=[dvextract.Fact(start=m0, end=m0 + 11, text="2,5 tỷ đồng", kind="money", value=2.5e9, unit="VND")],
    )
    page = render_html(article)
    back = read_back(page)
    assert back.text == text  # the text shown exactly, "<b>" escaped and the blank line kept
    assert back.spans() == expected_spans(article)
    hovers = sorted(back.hovers.values())
    assert hovers == sorted([
        "TITLE\n= Phó Bí thư Thành ủy", "ORGANIZATION",
        "DATE 2021-07-02\nday\nreference: explicit", "MONEY 2 500 000 000 VND",
    ])
    assert '<span class="dvx-swatch" style="background: #feca74"></span>TITLE <span class="dvx-count">1</span>' in page


def test_people_side_table_lists_titles_with_expansions() -> None:
    text = "Đồng chí Lê Văn A, PBT Huyện ủy, phát biểu."
    n0, t0 = text.index("Lê"), text.index("PBT")
    title = dvextract.PersonTitle(start=t0, end=t0 + 12, text="PBT Huyện ủy", expansion="Phó Bí thư Huyện ủy",
                                  organization="Huyện ủy")
    person = dvextract.Person(name="Lê Văn A", titles=["PBT Huyện ủy"],
                              mentions=[dvextract.Span(start=n0, end=n0 + 8, text="Lê Văn A")], title_links=[title])
    page = _article(text, people=[person]).to_html()
    assert ('<tr><td class="dvx-name">Lê Văn A</td><td><ul><li>PBT Huyện ủy<br><span class="dvx-note">= Phó Bí '
            'thư Huyện ủy</span><br><span class="dvx-note">of Huyện ủy</span></li></ul></td><td>1</td></tr>') in page
    assert "<p>None found.</p>" in _article(text).to_html()


def test_to_html_is_render_html() -> None:
    article = dvextract.extract(DEMO.read_text(encoding="utf-8"), id="demo", published="2024-10-16")
    page = article.to_html()
    assert page == render_html(article)
    assert read_back(page).text == article.text
    assert read_back(page).spans() == expected_spans(article)


def test_cli_renders_a_txt_and_a_jsonl_line(tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    assert main(["render", str(DEMO), "--out", str(out), "--published", "2024-10-16"]) == 0
    article = dvextract.extract(DEMO.read_text(encoding="utf-8"), id="bao-cao-huyen-uy-demo", published="2024-10-16")
    assert out.read_text(encoding="utf-8") == render_html(article)

    lines = tmp_path / "two.jsonl"
    lines.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in
                             (("a", "Sáng 2/7, Thành ủy họp."), ("b", "Chiều 3/7, UBND tỉnh họp."))), encoding="utf-8")
    assert main(["render", str(lines), "--out", str(out)]) == 2  # several articles and no --id
    assert main(["render", str(lines), "--id", "zz", "--out", str(out)]) == 2
    assert main(["render", str(lines), "--id", "b", "--out", str(out)]) == 0
    assert read_back(out.read_text(encoding="utf-8")).text == "Chiều 3/7, UBND tỉnh họp."


# ------------------------------------------------------------------------------------------ a real browser


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        pytest.skip("chromium is absent (CI installs it: apt-get install -y chromium)")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_browser_dom_shows_every_span_of_the_example(tmp_path: Path, example_text: str) -> None:
    article = dvextract.extract(example_text, id="example", published="2021-07-02")
    assert article.entities and article.dates and article.facts
    page = tmp_path / "example.html"
    page.write_text(article.to_html(), encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    back = read_back(dom)
    assert back.text == article.text.replace("\r\n", "\n").replace("\r", "\n")
    assert back.spans() == expected_spans(article)
    assert [p.name for p in article.people] == [
        n.split("</td>")[0] for n in dom.split('<td class="dvx-name">')[1:]]


def test_browser_screenshot_of_the_demo(tmp_path: Path) -> None:
    article = dvextract.extract(DEMO.read_text(encoding="utf-8"), id="bao-cao-huyen-uy-demo", published="2024-10-16")
    page = tmp_path / "demo.html"
    page.write_text(article.to_html(), encoding="utf-8")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    _chromium(tmp_path, f"--screenshot={SCREENSHOT}", "--window-size=1280,1300", "--hide-scrollbars", page.as_uri())
    head = SCREENSHOT.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1280, 1300)
