"""dvextract batch: every input gives exactly one record or one error row, outputs are readable tables, and a run
killed with SIGKILL, or stopped by a full disk, resumes with no article lost and none duplicated. The articles
and pages are read from ../shared/data at run time; every archive written here lives in tmp_path."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ARCHIVE, DATA, need

import dvextract
from dvextract._cli import main

HTML = DATA / "html"


def archive_articles(n: int, start: int = 0) -> list[dict]:
    with gzip.open(need(ARCHIVE), "rt", encoding="utf-8") as f:
        return [json.loads(line) for i, line in zip(range(start + n), f, strict=False) if i >= start]


def write_jsonl(path: Path, records: list[dict], extra: bytes = b"") -> Path:
    with gzip.open(path, "wb") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False).encode() + b"\n")
        f.write(extra)
    return path


def shard_rows(out: Path) -> list[dict]:
    rows = []
    for shard in sorted((out / "shards").glob("part-*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            rows += [json.loads(line) for line in f]
    return rows


def write_warc(path: Path, pages: list[Path]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i, page in enumerate(pages):
            url = f"http://bao.example.vn/{page.parent.name}/{page.stem}.html"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(page.read_bytes()), http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2012-12-28T10:00:{i:02d}Z"}))
        # not articles: a redirect and an image
        for status, ctype in (("301 Moved Permanently", "text/html"), ("200 OK", "image/png")):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("http://bao.example.vn/x", "response",
                                                          payload=io.BytesIO(b"\x89PNG"), http_headers=headers))
    return path


def test_mixed_inputs_every_input_once(tmp_path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    records = archive_articles(12)
    src = tmp_path / "in"
    src.mkdir()
    write_jsonl(src / "a.jsonl.gz", records, extra=b'{"id": "broken"\n' + b'{"id": "t", "text": "bad \xff"}\n')
    (src / "bai.txt").write_text("Sáng 5/4, UBND tỉnh Ninh Bình tổ chức hội nghị tổng kết.", encoding="utf-8")
    (src / "rong.txt").write_text("   ", encoding="utf-8")
    (src / "anh.txt").write_bytes(bytes(range(256)) * 40)
    (src / "notes.tsv").write_text("not an input", encoding="utf-8")
    out = tmp_path / "out"
    manifest = dvextract.batch([src], out, workers=2, shard_size=5, progress=False)

    c = manifest["counts"]
    assert c["inputs"] == 17 == c["records"] + c["errors"]
    assert c["errors"] == 4 and c["records"] == 13 and c["duplicate_ids"] == 0
    assert c["error_reasons"] == {"invalid_json": 1, "invalid_utf8": 2, "empty_text": 1}
    rows = shard_rows(out)
    assert sorted(r["id"] for r in rows if "article" in r) == sorted([r["id"] for r in records] + ["bai"])
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    jsonl = src / "a.jsonl.gz"
    assert sorted(e["id"] for e in errors) == sorted(["anh", "rong", f"{jsonl}:13", f"{jsonl}:14"])
    assert all(set(e) == {"id", "source", "reason"} for e in errors)

    articles = pq.read_table(out / "articles.parquet").to_pylist()
    assert len(articles) == 13 and len({a["article_id"] for a in articles}) == 13
    by_id = {a["article_id"]: a for a in articles}
    first = records[0]
    assert by_id[first["id"]]["text"] == first["text"] and by_id[first["id"]]["title"] == first["title"]
    for table in ("entities", "people", "titles", "dates", "facts"):
        rows_ = pq.read_table(out / f"{table}.parquet").to_pylist()
        assert len(rows_) == c["rows"][table]
        assert {r["article_id"] for r in rows_} <= set(by_id)
        key = {"entities": "entity_id", "people": "person_id", "titles": "title_id", "dates": "date_id",
               "facts": "fact_id"}[table]
        assert len({r[key] for r in rows_}) == len(rows_)
        for r in rows_:
            if "start" in r:
                assert by_id[r["article_id"]]["text"][r["start"]:r["end"]] == r["text"]
    assert manifest["versions"]["dvextract"] == dvextract.__version__
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"] == c

    again = dvextract.batch([src], out, workers=2, shard_size=5, progress=False)
    assert again["shards"] == {"total": 4, "resumed": 4, "processed": 0, "size": 5}
    assert again["counts"] == c


def test_warc_of_the_html_pages(tmp_path) -> None:
    pages = sorted(need(HTML).glob("*.html")) + sorted((HTML / "non_vietnamese").glob("*.html"))
    assert len(pages) == 29
    warc = write_warc(tmp_path / "pages.warc.gz", pages)
    out = tmp_path / "out"
    assert main(["batch", str(warc), "--out", str(out), "--workers", "2", "--shard-size", "8"]) == 0
    rows = shard_rows(out)
    assert len(rows) == 29  # one per HTML response; the redirect and the image are not articles
    got = {r["article"]["url"] if "article" in r else None for r in rows} - {None}
    assert len(got) == 15
    reasons = sorted(r["reason"].split(":")[0] for r in rows if "reason" in r)
    assert reasons == ["home_page"] * 4 + ["no_main_text"] + ["not_vietnamese"] * 9
    for r in rows:
        assert r["id"].startswith("<urn:uuid:") and r["source"].startswith(f"{warc}@")
        if "article" in r:
            a = r["article"]
            assert a["url"].startswith("http://bao.example.vn/html/") and a["title"] and len(a["text"]) > 300
            assert a["published"].startswith(("2011-", "2012-"))  # from the page, anchoring the date extractor
            assert r["meta"]["captured"].startswith("2012-12-28T10:00:")
    dantri = next(r for r in rows if r.get("article", {}).get("url", "").endswith("/dantri1.html"))
    assert dantri["article"]["title"] == "Chốt lịch nghỉ lễ Tết 2013 của công chức, viên chức"
    assert dantri["article"]["published"] == "2012-12-25T00:00:00"
    assert dantri["meta"]["hostname"] == "dantri.com.vn"


def _ids(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line)["id"] for line in f]


@pytest.mark.slow
def test_kill_9_mid_run_then_resume(tmp_path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl.gz", archive_articles(60, start=1000))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "dvextract", "batch", str(src), "--out", str(out), "--workers", "2",
           "--shard-size", "3"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(2400):  # polled until three shards are written
        if len(list((out / "shards").glob("part-*.jsonl.gz"))) >= 3 or proc.poll() is not None:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, mid-run
    proc.wait()
    before = list((out / "shards").glob("part-*.jsonl.gz"))
    assert 3 <= len(before) < 20, "the run was not killed mid-way"
    assert not (out / "manifest.json").exists()

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["shards"]["total"] == 20 and manifest["shards"]["resumed"] >= len(before)
    rows = shard_rows(out)
    assert sorted(r["id"] for r in rows) == sorted(_ids(src))  # none lost, none twice
    assert manifest["counts"]["inputs"] == 60 == manifest["counts"]["records"] + manifest["counts"]["errors"]
    assert not list((out / "shards").glob(".*.tmp"))


@pytest.mark.slow
def test_disk_full_mid_run_then_resume(tmp_path) -> None:
    if os.geteuid() != 0 or sys.platform != "linux":
        pytest.skip("needs root on Linux to mount a small tmpfs")
    src = write_jsonl(tmp_path / "in.jsonl.gz", archive_articles(30, start=2000))
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = disk / "out"
        cmd = [sys.executable, "-m", "dvextract", "batch", str(src), "--out", str(out), "--workers", "2",
               "--shard-size", "3"]
        full = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert full.returncode == 1, full.stderr
        assert "no space left on the device" in full.stderr and "run the same command again" in full.stderr
        written = list((out / "shards").glob("part-*.jsonl.gz"))
        assert 0 < len(written) < 10
        for shard in written:  # what is there is whole
            assert len(_ids(shard)) == 3

        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert sorted(r["id"] for r in shard_rows(out)) == sorted(_ids(src))
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["counts"]["inputs"] == 30 and manifest["shards"]["resumed"] == len(written)
        assert not list((out / "shards").glob(".*.tmp")) and not list(out.glob(".*.tmp"))
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


@pytest.mark.slow
def test_dask_cluster_gives_the_same_outputs(tmp_path) -> None:
    distributed = pytest.importorskip("distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    src = write_jsonl(tmp_path / "in.jsonl.gz", archive_articles(10, start=3000), extra=b"{oops\n")
    local = tmp_path / "local"
    dvextract.batch([src], local, workers=2, shard_size=4, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = tmp_path / "dask"
        assert main(["batch", str(src), "--out", str(remote), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--shard-size", "4"]) == 0
        with distributed.Client(cluster) as client:
            again = dvextract.batch([src], f"file://{remote}", engine="dask", scheduler=client, shard_size=4)
    assert again["shards"]["resumed"] == 3
    manifest = json.loads((remote / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["inputs"] == 11 and manifest["counts"]["errors"] == 1
    assert sorted(p.name for p in (remote / "shards").iterdir()) == sorted(p.name for p in (local / "shards").iterdir())
    assert shard_rows(remote) == shard_rows(local)
    for table in ("articles", "entities", "dates", "facts"):
        assert pq.read_table(remote / f"{table}.parquet").equals(pq.read_table(local / f"{table}.parquet"))
