"""Issue #19: hostile input, faults and misuse. Each test reproduces one attack of the issue: no crash, no hang (judged
by counted work, never by time), no lost work, no live script; and the command line answers a mistake with one
line and an exit status, never a traceback."""

from __future__ import annotations

import argparse
import fcntl
import gzip
import io
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ARCHIVE, need

import dvextract
from dvextract import _patterns, _render
from dvextract._batch import LOCK, OutputInUse
from dvextract._cli import main
from dvextract._inputs import read_items, read_stdin


def _jsonl(path: Path, rows: list[dict], raw: bytes = b"") -> Path:
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in rows) + raw)  # ASCII: \ud800 stays an escape
    return path


# ------------------------------------------------------------------------------------------------ inputs (1, 3)


def test_json_nested_a_hundred_thousand_deep_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"id": "ok", "text": "Hà Nội."}) + "\n")
    items = list(read_items(path))
    assert [(i.id, (i.error or "").split(":")[0]) for i in items] == [(f"{path}:1", "invalid_json"), ("ok", "")]


@pytest.mark.parametrize("name", ["x.warc.gz", "x.warc"])
def test_a_file_that_is_not_a_web_archive_gives_one_error_row(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"hello\n") if name.endswith(".gz") else b"hello\n")
    items = list(read_items(path))
    assert len(items) == 1 and items[0].error.startswith("not_warc: ")


def test_a_tag_with_a_hundred_thousand_attributes_is_refused_before_parsing(tmp_path: Path) -> None:
    attrs = " ".join(f'a{i}="vvvvv"' for i in range(100_000))
    page = f"<html><head><title>Tin</title></head><body><div {attrs}><h1>Tin</h1><p>Hà Nội.</p></div></body></html>"
    path = tmp_path / "big.html"
    path.write_text(page, encoding="utf-8")
    assert len(page) > 1_000_000
    [item] = read_items(path)
    assert item.error == "too_many_attributes: a tag has 100,000 attributes, over the limit of 1,000"
    few = page.replace(attrs, " ".join(f'a{i}="v"' for i in range(300)))
    path.write_text(few, encoding="utf-8")
    [item] = read_items(path)
    assert not (item.error or "").startswith("too_many_attributes")


_PAGE = "<html><head><title>Tin Hà Nội</title></head><body><article><h1>Tin Hà Nội</h1>{}</article></body></html>"


@pytest.mark.parametrize(("body", "reason"), [
    ("<p>" + "<b>Hà</b> " * 100_000 + "</p>", "too_many_elements"),  # over 150 s in trafilatura (its work ...
    ("<p>Hà Nội.</p>" * 100_000, "too_many_elements"),  # ... grows with the square of the inline elements): 40 s
    ("<p>" + "<b>Hà</b> " * 5_000 + "</p>", "too_many_children"),
    ("".join("<p>" + "<b>Hà</b> " * 1_000 + "</p>" for _ in range(19)), "too_many_elements"),  # 2.7 s
])
def test_a_page_of_too_many_elements_is_refused_before_trafilatura(body: str, reason: str, monkeypatch,
                                                                    tmp_path: Path) -> None:
    """Counted, not timed: trafilatura is never called on a page over the limits (the sample news pages have at
    most 1,814 elements and 147 children to one element)."""
    pytest.importorskip("trafilatura")
    import trafilatura

    calls = []
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: calls.append(1))
    [item] = read_items(_write(tmp_path, _PAGE.format(body)))
    assert item.error.split(":")[0] == reason and calls == []


def test_a_page_under_the_element_limits_is_read(tmp_path: Path) -> None:
    body = "".join("<p>" + "Ông Nguyễn Văn An về Hà Nội. <b>Hà</b> " * 100 + "</p>" for _ in range(9))
    [item] = read_items(_write(tmp_path, _PAGE.format(body)))
    assert not (item.error or "").startswith("too_many")


def _write(folder: Path, page: str) -> Path:
    path = folder / "page.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_standard_input_is_jsonl_when_it_starts_with_a_brace(tmp_path: Path) -> None:
    import io

    lines = json.dumps({"id": "a", "text": "Hà Nội."}).encode() + b"\n"
    assert [i.id for i in read_stdin(io.BytesIO(b"  " + lines * 2))] == ["a", "a"]
    [item] = read_stdin(io.BytesIO("Sáng nay Hà Nội mưa.".encode()))
    assert item.id == "-" and item.text == "Sáng nay Hà Nội mưa."


# ------------------------------------------------------------------------------------------------ budget (4)


def test_budget_counts_characters_scanned_and_stops_a_quadratic_caller() -> None:
    word = _patterns.compile(r"\w+")
    text = "ab " * 10_000
    budget = _patterns.Budget.for_text(len(text))
    with _patterns.charged(budget), pytest.raises(_patterns.OverBudget):
        for start in range(0, len(text), 3):  # the rest of the text once per word: quadratic
            list(_patterns.finditer(word, text, start))
    assert budget.limit < budget.spent <= budget.limit + len(text)
    assert budget.scans < len(text) // 3  # stopped early, not at the end


def test_the_cpu_backstop_reads_its_own_threads_clock(monkeypatch) -> None:
    """Extraction runs in threads (``extract_many``, a server): the CPU other threads spend must not count against
    one article's component. The process's clock reads far past the deadline here; the thread's does not."""
    import time as clock

    budget = _patterns.Budget(10**9, seconds=5.0)
    monkeypatch.setattr(clock, "process_time", lambda: 1e12)
    for _ in range(10 * _patterns._CLOCK_EVERY):
        budget.charge(1)
    assert budget.scans == 10 * _patterns._CLOCK_EVERY


def test_over_budget_costs_a_component_its_findings_not_the_others(monkeypatch) -> None:
    monkeypatch.setattr(_patterns, "BUDGET_BASE", 10)
    monkeypatch.setattr(_patterns, "BUDGET_PER_CHAR", 0)
    article = dvextract.extract("Chiều 2/7/2021, ông Nguyễn Văn An, Chủ tịch UBND tỉnh, nói 12% dân số đã tiêm.")
    codes = [w.code for w in article.warnings]
    assert "over_budget" in codes and "internal_error" not in codes and article.ok
    assert all(w.severity == "warning" for w in article.warnings)


_BUDGETED = "Chiều 2/7/2021, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Ninh Bình, nói 12% dân số đã tiêm vắc xin."


def _run(nlp, doc, *names: str):
    for name in names:
        doc = nlp.get_pipe(name)(doc)
    return doc


def test_an_article_whose_budget_is_spent_skips_the_later_components_with_one_warning(monkeypatch) -> None:
    """One CPU budget per article (``ARTICLE_SECONDS``), not one per component: once it is spent, the components
    still to come do not run, the article gets one ``over_budget`` warning naming them, and what the earlier
    components found is kept."""
    from dvextract._pipeline import default_pipeline

    nlp = default_pipeline()
    doc = _run(nlp, nlp.make_doc(_BUDGETED), "dvx_structure", "dvx_entities")
    entities = list(doc._.dvx.entities)
    assert {e.type for e in entities} >= {"PERSON", "TITLE", "ORGANIZATION"}
    monkeypatch.setattr(_patterns, "ARTICLE_SECONDS", 0.0)  # what the article used so far is over it
    state = _run(nlp, doc, "dvx_dates", "dvx_facts", "dvx_people")._.dvx
    assert (state.dates, state.facts, state.people) == ([], [], [])
    assert state.entities == entities and len(doc.ents) == 2
    warnings = [w for w in state.warnings if w.code == "over_budget"]
    assert len(warnings) == 1 and all(f"{name} not run" in warnings[0].message for name in ("dates", "facts", "people"))


def test_an_article_with_no_budget_at_all_still_gives_its_record(monkeypatch) -> None:
    monkeypatch.setattr(_patterns, "ARTICLE_SECONDS", 0.0)
    article = dvextract.extract(_BUDGETED)
    assert article.ok and article.text == _BUDGETED and not article.entities and not article.dates
    assert [w.code for w in article.warnings] == ["over_budget"]
    assert article.paragraphs and article.paragraphs[0].text == _BUDGETED  # structure's fallback: one paragraph


def test_reading_an_article_whose_budget_is_spent_keeps_each_line_as_one_sentence(monkeypatch) -> None:
    """The Reader's sentence splitting is charged per line: once the article's budget is spent (here at once), each
    line left is one sentence, and the words are split at spaces; one ``over_budget`` warning says both."""
    from dvextract._pipeline import default_pipeline
    from dvextract._reader import read

    line = "Ông An đến Hà Nội. Bà Bình ở lại. " * 150
    text = "\n".join([line.strip()] * 3)
    assert len(read(text).sentences) == 3 * 300
    monkeypatch.setattr(_patterns, "ARTICLE_SECONDS", 0.0)
    state = read(text)
    assert state.sentences == [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    doc = default_pipeline().make_doc(text)
    assert [text[s:e] for s, e in doc._.dvx.words] == text.split()
    notes = [w.message for w in doc._.dvx.warnings if w.code == "over_budget"]
    assert len(notes) == 1 and "sentences:" in notes[0] and "segmentation:" in notes[0]


def test_a_tagger_over_the_budget_costs_its_own_mentions_not_the_rules(monkeypatch) -> None:
    """The tagger runs under the article's budget too; over it, the rules' mentions are kept."""
    from dvextract._pipeline import default_pipeline

    class Spent:
        def find(self, *args: object) -> list:
            raise _patterns.OverBudget("over its 0 CPU seconds after 64 scans")

    nlp = default_pipeline()
    rules = nlp.get_pipe("dvx_entities")
    monkeypatch.setattr(rules, "tagger", None)
    alone = [e for e in _run(nlp, nlp.make_doc(_BUDGETED), "dvx_structure", "dvx_entities")._.dvx.entities]
    monkeypatch.setattr(rules, "tagger", Spent())
    state = _run(nlp, nlp.make_doc(_BUDGETED), "dvx_structure", "dvx_entities")._.dvx
    assert state.entities == alone and alone
    assert [w.message.split(":")[0] for w in state.warnings if w.code == "over_budget"] == ["entities (tagger)"]


def test_the_taggers_decoding_is_charged_to_the_budget() -> None:
    """The tagger's decoding loops per token outside any pattern scan: it charges the current budget per block,
    so the budget's CPU backstop is checked there too (a budget whose seconds are spent stops it)."""
    from conftest import scanned

    from dvextract._tagger import default_tagger

    text = "\n".join(f"Ông Nguyễn Văn An thăm tỉnh Ninh Bình lần {k}." for k in range(200))
    blocks = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    tagger = default_tagger()
    assert scanned(lambda: tagger.find(text, blocks)) >= len(text) - len(blocks)
    with _patterns.charged(_patterns.Budget(10**9, seconds=-1.0)), pytest.raises(_patterns.OverBudget):
        tagger.find(text, blocks)
    assert len(tagger.find(text, blocks)) >= 200  # and the decoder is whole after it stopped


def test_a_long_scan_reads_the_clock_at_once() -> None:
    budget = _patterns.Budget(10**9, seconds=-1.0)
    budget.charge(1)  # a short scan: the clock is read every 64 scans only
    with pytest.raises(_patterns.OverBudget):
        budget.charge(10_000)


def test_the_articles_cpu_is_its_own_threads_and_waiting_costs_nothing(monkeypatch) -> None:
    """The account is kept on each article's own thread, around its own work: a Doc made, then waiting while
    another thread spends several times the article's budget (as in a batch, or a server's threads), keeps all
    it finds. A deadline set when the Doc was made, or the process's clock, would have spent its budget."""
    import threading

    from dvextract._pipeline import default_pipeline

    nlp = default_pipeline()
    expected = dvextract.extract(_BUDGETED)
    monkeypatch.setattr(_patterns, "ARTICLE_SECONDS", 0.5)
    made, spent = threading.Event(), threading.Event()
    docs = []

    def article() -> None:
        doc = nlp.make_doc(_BUDGETED)
        made.set()
        spent.wait()
        docs.append(_run(nlp, doc, *nlp.pipe_names))

    def other_work() -> None:
        made.wait()
        began = time.process_time()
        while time.process_time() - began < 4 * _patterns.ARTICLE_SECONDS:  # other work: not this article's
            nlp("Hà Nội. " * 200)
        spent.set()

    threads = [threading.Thread(target=article), threading.Thread(target=other_work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state = docs[0]._.dvx
    assert not [w for w in state.warnings if w.code == "over_budget"]
    assert len(state.entities) == len(expected.entities) and len(state.dates) == len(expected.dates) == 1


def test_figures_in_one_long_sentence_are_read_in_linear_work() -> None:
    """``tăng 12,5% so với`` repeated: each percentage once looked for its subject over the rest of the sentence
    (quadratic; 120 s at 200,000 characters). Counted: the facts component stays within its budget, 100 characters
    scanned per character of the article, and reads every figure."""
    text = ("tăng 12,5% so với " * 11_112)[:199_998]
    article = dvextract.extract(text)
    assert "over_budget" not in {w.code for w in article.warnings}
    assert len(article.facts) == text.count("12,5%")


def test_a_body_repeated_to_the_limit_copies_no_rest_of_the_text(monkeypatch) -> None:
    """``Ủy ban`` repeated: each body's head once copied every token after it to check its capitals (4.6 CPU s of
    the entity grammar at 200,000 characters). Counted: the tokens the entity scan reads through slices stay a
    few per token."""
    from dvextract._entities import scan

    copied = []

    class Counted(list):
        def __getitem__(self, key):
            got = super().__getitem__(key)
            if isinstance(key, slice):
                copied.append(len(got))
            return got

    real = scan.Scan.__init__

    def counted_init(self, *args, **kwargs):
        real(self, *args, **kwargs)
        self.toks = Counted(self.toks)

    monkeypatch.setattr(scan.Scan, "__init__", counted_init)
    text = "Ủy ban " * 3_000
    dvextract.extract(text)
    assert sum(copied) < 20 * text.count(" ")


def test_render_of_thirty_thousand_boilerplate_lines_reads_the_structure_once(monkeypatch) -> None:
    """28,571 short lines became 28,569 boilerplate parts, each tested against every piece (45 s). Counted: the
    renderer walks the list of structure parts once, whatever their number."""
    from dvextract._records import Article, Boilerplate, text_sha1

    text = "Hà Nội\n" * 28_571
    parts = [Boilerplate(start=i, end=i + 6, text="Hà Nội") for i in range(0, len(text), 7)]
    article = Article(text=text, text_sha1=text_sha1(text), boilerplate=parts)
    walks = []

    class Counted(list):
        def __iter__(self):
            walks.append(1)
            return super().__iter__()

    real = _render._structure
    monkeypatch.setattr(_render, "_structure", lambda a: Counted(real(a)))
    page = _render.render_html(article)
    assert page.count('class="dvx-boilerplate"') == len(parts)
    assert len(walks) <= 2


# ------------------------------------------------------------------------------------------------ library (5, 8, 9)


def test_javascript_url_is_shown_not_linked() -> None:
    page = dvextract.extract("Hà Nội hôm nay.", url="javascript:alert(1)").to_html()
    assert "javascript:alert(1)" in page and "href" not in page.split("<main>")[0]
    page = dvextract.extract("Hà Nội hôm nay.", url="https://vnexpress.net/a.html").to_html()
    assert '<a href="https://vnexpress.net/a.html">' in page


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "0999-06-01T00:00:00"])
def test_publication_date_out_of_range_is_a_warning(published: str) -> None:
    article = dvextract.extract("Năm sau, ông Nguyễn Văn An về Hà Nội.", published=published)
    assert article.ok and [w.code for w in article.warnings] == ["bad_published"]
    assert article.published is None and article.entities
    assert [d.value for d in article.dates] == [None]  # 'năm sau' has no anchor: not the year '2' (0001 + 1)


@pytest.mark.parametrize("kind", ["jsonl", "warc"])
def test_an_input_dated_out_of_range_is_a_warning(tmp_path: Path, kind: str) -> None:
    """The date a JSONL line or a web archive's capture carries reaches ``extract`` as the option does."""
    text = "Năm sau, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Ninh Bình, sẽ về Hà Nội dự hội nghị của ngành."
    if kind == "jsonl":
        path = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": text, "published": "0001-01-01"}])
    else:
        pytest.importorskip("trafilatura")
        warcio = pytest.importorskip("warcio.warcwriter")
        from warcio.statusandheaders import StatusAndHeaders

        heading = "Ông An về Hà Nội dự hội nghị của ngành nông nghiệp"
        page = (f"<html><head><title>{heading}</title></head><body><article><h1>{heading}</h1>"
                + f"<p>{text}</p>" * 4 + "</article></body></html>").encode()
        path = tmp_path / "a.warc.gz"
        with open(path, "wb") as f:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer = warcio.WARCWriter(f, gzip=True)
            writer.write_record(writer.create_warc_record("https://x.vn/a.html", "response", payload=io.BytesIO(page),
                                http_headers=http, warc_headers_dict={"WARC-Date": "9999-12-31T00:00:00Z"}))
    [item] = read_items(path)
    assert item.error is None
    article = dvextract.extract(item.text, **item.fields())
    assert [w.code for w in article.warnings] == ["bad_published"] and article.entities
    assert article.published is None and [d.value for d in article.dates][:1] == [None]


@pytest.mark.parametrize(("text", "word"), [(None, "NoneType"), (b"H\xc3\xa0 N\xe1\xbb\x99i", "bytes"), (123, "int")])
def test_text_that_is_not_a_str_gives_an_error_record(text: object, word: str) -> None:
    article = dvextract.extract(text, id="x")
    assert not article.ok and article.id == "x" and article.text == ""
    assert [w.code for w in article.warnings] == ["not_text"] and word in article.warnings[0].message


def test_id_number_becomes_text_and_odd_fields_are_warned() -> None:
    article = dvextract.extract("Hà Nội hôm nay.", id=5, title=["x"], url=7)
    assert article.id == "5" and article.title is None and article.url is None
    assert [w.code for w in article.warnings] == ["bad_field", "bad_field"]


# ------------------------------------------------------------------------------------------------ batch (1, 2, 6, 9)


def test_batch_survives_deep_json_surrogates_duplicates_and_non_warc(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in"
    src.mkdir()
    text = "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Ninh Bình, phát biểu tại Hà Nội ngày 2/7/2021."
    _jsonl(src / "a.jsonl", [
        {"id": "s\ud800", "text": text + " \ud800", "title": "Tin \udfff", "url": "http://x.vn/\ud800"},
        {"id": "same", "text": text}, {"id": "same", "text": text},
    ], raw=b"[" * 100_000 + b"]" * 100_000 + b"\n")
    (src / "x.warc.gz").write_bytes(gzip.compress(b"hello\n"))
    out = tmp_path / "out"
    manifest = dvextract.batch([src], out, workers=1, shard_size=2, progress=False)
    c = manifest["counts"]
    assert (c["inputs"], c["records"], c["errors"], c["duplicate_ids"]) == (5, 3, 2, 1)
    assert sorted(c["error_reasons"]) == ["invalid_json", "not_warc"]
    articles = pq.read_table(out / "articles.parquet").to_pylist()
    keys = [a["article_id"] for a in articles]
    assert len(set(keys)) == 3 and "same" in keys and f"same@{src / 'a.jsonl'}:3" in keys
    surrogate = next(a for a in articles if a["article_id"].startswith("s"))
    assert surrogate["text"] == text + " \ufffd" and surrogate["title"] == "Tin \ufffd"
    with gzip.open(min((out / "shards").glob("part-*")), "rt", encoding="utf-8") as f:
        first = json.loads(f.readline())
    assert first["id"] == "s\ud800" and first["article"]["text"] == text + " \ud800"  # the shard keeps the input


def test_second_run_with_other_inputs_is_refused_and_nothing_is_deleted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shards = out / "shards"
    shards.mkdir(parents=True)
    theirs = shards / "part-000000-0123456789ab.jsonl.gz"  # another run's shard, or the user's own file
    theirs.write_bytes(gzip.compress(b"{}\n"))
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Hà Nội."}])
    with pytest.raises(OutputInUse, match="shards of another run"):
        dvextract.batch([src], out, workers=1, progress=False)
    assert theirs.exists()
    assert main(["batch", str(src), "--out", str(out), "--workers", "1"]) == 2
    assert theirs.exists()


def test_folder_with_foreign_files_is_refused(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Hà Nội."}])
    assert main(["batch", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a dvextract run's (notes.txt)" in err and "--overwrite" in err


def test_a_running_batch_holds_its_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Hà Nội."}])
    with open(out / LOCK, "w") as lock:  # as a live run holds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(OutputInUse, match="in use by another dvextract batch"):
            dvextract.batch([src], out, workers=1, progress=False)


def test_resume_removes_what_a_killed_run_left_and_overwrite_replaces_a_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "shards").mkdir(parents=True)
    stale = [out / ".articles.parquet.1234abcd.tmp", out / "shards" / ".part-000000-x.jsonl.gz.5678.tmp"]
    for path in stale:
        path.write_bytes(b"half")
    other = out / "shards" / "part-000009-0123456789ab.jsonl.gz"
    other.write_bytes(b"x")
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Sáng 5/4, UBND tỉnh Ninh Bình họp."}])
    manifest = dvextract.batch([src], out, workers=1, progress=False, overwrite=True)
    assert manifest["counts"]["records"] == 1
    assert not any(p.exists() for p in [*stale, other])
    assert sorted(p.name for p in out.iterdir()) == sorted([".dvextract.lock", "articles.parquet", "dates.parquet",
        "entities.parquet", "errors.jsonl", "facts.parquet", "manifest.json", "people.parquet", "shards",
        "titles.parquet"])


def test_a_rerun_with_nothing_left_says_so(tmp_path: Path, capsys) -> None:
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Sáng 5/4, UBND tỉnh Ninh Bình họp."}])
    args = ["batch", str(src), "--out", str(tmp_path / "o"), "--workers", "1"]
    assert main(args) == 0 and "over 1 new shards" in capsys.readouterr().err
    assert main(args) == 0
    err = capsys.readouterr().err
    assert err.endswith(f"1 records, 0 errors (every shard was already done) -> {tmp_path / 'o'}\n")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _interruptible() -> None:
    """Ctrl-C reaches the run even when the tests were started in the background, where the shell leaves SIGINT
    ignored and a child inherits that (Python then installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signum", [signal.SIGTERM, pytest.param(signal.SIGINT, marks=pytest.mark.slow)])
def test_a_signal_stops_the_workers_and_says_how_to_resume(tmp_path: Path, signum: int) -> None:
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc")
    with gzip.open(need(ARCHIVE), "rt", encoding="utf-8") as f:
        records = [json.loads(line) for _, line in zip(range(40), f, strict=False)]
    src = _jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "dvextract", "batch", str(src), "--out", str(out), "--workers", "2",
                             "--shard-size", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_interruptible)
    for _ in range(2400):  # until a shard is written (polled, not timed)
        if list((out / "shards").glob("part-*.jsonl.gz")) or proc.poll() is not None:
            break
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert workers and proc.poll() is None, "the run ended before the signal"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err.strip().splitlines() == ["dvextract batch: interrupted: run the same command to resume"]
    for pid in workers:  # gone (or a zombie no one waits for), not idle and holding memory
        state = Path(f"/proc/{pid}/stat")
        assert not state.exists() or state.read_text().rsplit(")", 1)[1].split()[0] in "ZX"


# ------------------------------------------------------------------------------------------------ the CLI (10)


@pytest.mark.parametrize(("args", "message"), [
    (["extract", "nothere.txt"], "nothere.txt: no such file or folder"),
    (["render", "nothere.txt", "--out", "x.html"], "nothere.txt: no such file or folder"),
    (["batch", "nothere/", "--out", "o"], "nothere/: no such file or folder"),
    (["batch", "-", "--out", "o"], "'-' (standard input) is not supported here: save it to a file"),
])
def test_a_missing_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path, monkeypatch,
                                                capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert capsys.readouterr().err == f"dvextract {args[0]}: {message}\n"


@pytest.mark.parametrize("args", [
    ["batch", "a.jsonl", "--out", "o", "--workers", "-3"], ["batch", "a.jsonl", "--out", "o", "--workers", "0"],
    ["batch", "a.jsonl", "--out", "o", "--shard-size", "0"], ["extract", "a.jsonl", "--published", "yesterday"],
    ["extract", "a.jsonl", "--published", "9999-12-31"],
])
def test_bad_option_values_are_usage_errors(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2 and "Traceback" not in capsys.readouterr().err


def test_render_into_a_missing_folder_and_a_folder_to_extract(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text("Sáng 5/4, UBND tỉnh Ninh Bình họp.", encoding="utf-8")
    assert main(["render", str(tmp_path / "a.txt"), "--out", str(tmp_path / "no" / "x.html")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["extract", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "a"


def test_dask_engine_without_distributed_is_a_usage_error(monkeypatch, capsys, tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Hà Nội."}])
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as when it is not installed
    assert main(["batch", str(src), "--out", str(tmp_path / "o"), "--engine", "dask", "--scheduler", "tcp://x:1"]) == 2
    assert "pip install 'dvextract[dask]'" in capsys.readouterr().err


def test_surrogates_and_stdin_and_a_closed_pipe(tmp_path: Path, monkeypatch, capsys) -> None:
    import io

    rows = [{"id": f"x{i}", "text": "Ông Nguyễn Văn An nói." + (" \ud800" if i == 2 else "")} for i in range(5)]
    src = _jsonl(tmp_path / "s.jsonl", rows)
    assert main(["extract", str(src)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and json.loads(lines[2])["text"].endswith("\ud800")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(src.read_bytes())))
    assert main(["extract", "-"]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == [f"x{i}" for i in range(5)]
    head = subprocess.run(f"{sys.executable} -m dvextract extract {src} {src} {src} | head -c 10", shell=True,
                          capture_output=True, text=True, timeout=300, check=False)
    assert head.stderr == "" and len(head.stdout) == 10


@pytest.mark.parametrize("content", [
    '{"id": "g", "entities": "x"}\n', "{not json\n", '{"id": "g", "entities": [["PERSON", 4]]}\n',
    '{"id": "g", "entities": [["PERSON", 4, 600]]}\n', '{"id": "g", "entities": [["PERSON", "a", null]]}\n',
    '{"id": "g", "entities": [{"type": "PERSON"}]}\n', '{"id": "g", "people": [{"name": [4]}], "entities": [[]]}\n',
])
def test_hostile_predictions_are_one_line(tmp_path: Path, capsys, content: str) -> None:
    """A --pred file that is no predictions of the gold's articles is named on one line, exit 1: not a traceback,
    not an "internal error". (The gold is a valid compact record, so the predictions are what is read.)"""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g", "text": "Ông An.", "entities": [["PERSON", 4, 6]]}) + "\n")
    assert main(["eval", str(gold), "--json", str(tmp_path / "r.json")]) == 0  # the gold itself is readable
    capsys.readouterr()
    pred = tmp_path / "pred.jsonl"
    pred.write_text(content)
    assert main(["eval", str(gold), "--pred", str(pred), "--json", "-"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"dvextract eval: --pred {pred}: not predictions dvextract can read (")
    assert err.count("\n") == 1


@pytest.mark.parametrize("entities", [[["PERSON", 4]], "x", [{"type": "PERSON"}], [7]])
def test_a_hostile_gold_file_is_a_usage_error(tmp_path: Path, capsys, entities: object) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g", "text": "Ông An.", "entities": entities}) + "\n")
    assert main(["eval", str(gold), "--json", "-"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dvextract eval: g: a span is not written [type, start, end]") and err.count("\n") == 1


def test_prediction_lines_of_no_gold_article_are_missing_articles(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g", "text": "Ông An.", "entities": [["PERSON", 4, 6]]}) + "\n")
    pred = tmp_path / "pred.jsonl"
    pred.write_text('[1, 2]\n"x"\n{"id": 5, "entities": []}\n')
    assert main(["eval", str(gold), "--pred", str(pred), "--json", "-"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert report["missing"] == ["g"] and report["entities"]["PERSON"]["strict"]["fn"] == 1


def _commands() -> dict[str, argparse.ArgumentParser]:
    from dvextract._cli import _parser

    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_help_holds_no_markup() -> None:
    from dvextract._cli import _parser

    for name, text in [("dvextract", _parser().format_help())] + [(n, c.format_help()) for n, c in _commands().items()]:
        found = re.findall(r"`|\*\*|:(?:func|class|meth|mod):|\]\(", text)
        assert not found, (name, found)


def test_every_command_has_a_description() -> None:
    for name, command in _commands().items():
        assert command.description and command.description[0].isupper(), name
        opening = " ".join(command.description.split()[:4])  # argparse wraps it, at hyphens too
        assert opening in " ".join(command.format_help().split()), name


def test_every_option_says_what_it_does_and_its_default() -> None:
    for name, command in _commands().items():
        formatter = command._get_formatter()
        for action in command._actions:
            if action.dest == "help":
                continue
            assert action.help, f"{name} {action.dest} has no help"
            shown = formatter._expand_help(action)  # as --help prints it
            if action.required or (not action.option_strings and action.nargs != "?"):
                assert "(default" not in shown, (name, action.dest, shown)  # it must be given: no default
            else:
                assert "(default: " in shown, (name, action.dest, shown)
                assert not re.search(r"\(default: (None|\[\]|False)\)", shown), (name, action.dest, shown)
        assert "None:" not in command.format_help(), name  # Python's None is no word for a reader
    extract_help = " ".join(_commands()["extract"].format_help().split())
    assert "PATH" in extract_help and "jsonl: one compact record per line" in extract_help
    assert "--format {json,jsonl}" in extract_help and "(default: jsonl)" in extract_help


def test_readme_documents_the_exit_statuses() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "2 a usage error" in readme and "130" in readme and "--overwrite" in readme


def test_token_splitting_over_the_budget_widens_the_spans_left(monkeypatch) -> None:
    """The components split the tokens their findings start or end inside under the article's budget: over it,
    the spans not yet split are widened to whole words, with one ``over_budget`` warning, and the records keep
    every finding (``2.000 đồng/cổ`` ends inside ``cổ phiếu``)."""
    from dvextract._pipeline import default_pipeline

    monkeypatch.setattr(_patterns, "BUDGET_BASE", 0)  # the budget linear in the article alone
    text = "Giá tăng 2.000 đồng/cổ phiếu. " * 600
    nlp = default_pipeline()
    doc = nlp(text)
    notes = [w.message for w in doc._.dvx.warnings if w.code == "over_budget"]
    assert len(notes) == 1 and "token splitting" in notes[0], notes
    assert len(doc._.dvx.facts) == 600 and len(doc.spans["facts"]) == 600
    assert {s.text for s in doc.spans["facts"]} == {"2.000 đồng/cổ", "2.000 đồng/cổ phiếu"}
    assert doc.text == text
