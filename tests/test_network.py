"""Nothing leaves the machine: no network at import or run time, HTML parsed without fetching what it references,
and dvextract's own data loaded without unpickling anything."""

from __future__ import annotations

import ast
import json
import pickle
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import DATA

import dvextract
from dvextract import _resources

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "corpora" / "demo" / "bao-cao-huyen-uy-demo.txt"

# Runs in a fresh interpreter: an audit hook refuses (and records) every network event, from before dvextract is
# imported to the end, then the pipeline, the spaCy pipeline and the HTML reader run as usual.
GUARD = textwrap.dedent(
    """
    import json, socket, sys
    attempts = []
    # Not socket.bind: spaCy imports requests, whose urllib3 binds a socket to ::1 to see whether IPv6 exists.
    NETWORK = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
               "socket.sendto", "socket.sendmsg", "urllib.Request", "http.client.connect",
               "ftplib.connect", "smtplib.connect")

    def hook(event, args):
        if event in NETWORK:
            attempts.append([event, repr(args)[:120]])
            raise OSError(f"network disabled by test_network: {event}")

    sys.addaudithook(hook)
    for name in ("connect", "connect_ex"):
        setattr(socket.socket, name, lambda self, *a, _n=name: hook("socket.connect", a))
    """
)

RUN = GUARD + textwrap.dedent(
    """
    import dvextract
    from dvextract import _inputs
    text = open(sys.argv[1], encoding="utf-8").read()
    a = dvextract.extract(text, id="demo", published="2024-10-15")
    docs = list(dvextract.load().pipe([text]))
    pages = []
    for path in sys.argv[2:]:
        item = _inputs.resolve(_inputs.Item(id=path, source=path, html=open(path, "rb").read()))
        pages.append({"path": path, "error": item.error, "text": item.text})
    print(json.dumps({"attempts": attempts, "ok": a.ok, "warnings": [w.code for w in a.warnings],
                      "sentences": len(a.sentences), "entities": len(a.entities), "dates": len(a.dates),
                      "docs": len(docs), "pages": pages}, ensure_ascii=False))
    """
)

PAGE = """<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY secret SYSTEM "file://{secret}"> <!ENTITY remote SYSTEM "http://dvextract-test.invalid/e">]>
<html><head><title>Hội nghị sơ kết công tác 9 tháng đầu năm - Báo Mẫu</title>
<base href="http://dvextract-test.invalid/">
<link rel="stylesheet" href="http://dvextract-test.invalid/site.css">
<script src="http://dvextract-test.invalid/app.js"></script>
<meta http-equiv="refresh" content="0; url=http://dvextract-test.invalid/next">
<meta property="og:type" content="article">
</head><body>
<h1>Hội nghị sơ kết công tác 9 tháng đầu năm</h1>
<img src="http://dvextract-test.invalid/anh.jpg" srcset="http://dvextract-test.invalid/anh2.jpg 2x">
<iframe src="http://dvextract-test.invalid/frame"></iframe>
<p>Sáng 15/10, Huyện ủy Mẫu Sơn tổ chức hội nghị sơ kết công tác 9 tháng đầu năm với 120 đại biểu tham dự.
&secret; &remote;</p>
<p>Hội nghị thống nhất các nhiệm vụ trọng tâm trong quý IV, trong đó có việc hoàn thành 95% kế hoạch năm.
Các đại biểu đã thảo luận sôi nổi về công tác xây dựng Đảng và chính quyền ở cơ sở trong thời gian tới.</p>
<object data="http://dvextract-test.invalid/o.swf"></object>
<svg><image href="http://dvextract-test.invalid/s.png"/></svg>
</body></html>
"""


def _run(cmd_prefix: list[str], pages: list[Path]) -> dict:
    out = subprocess.run([*cmd_prefix, sys.executable, "-c", RUN, str(DEMO), *map(str, pages)],
                         capture_output=True, text=True, timeout=600, cwd=REPO)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("net")
    marker = "DVEXTRACT-SECRET-9f2c"
    secret = folder / "secret.txt"
    secret.write_text(marker, encoding="utf-8")
    page = folder / "page.html"
    page.write_text(PAGE.format(secret=secret), encoding="utf-8")
    return page, marker


def _shared_pages() -> list[Path]:
    return sorted((DATA / "html").glob("*.html"))[:6] if (DATA / "html").exists() else []


def test_no_network_at_import_or_run_time(hostile_page) -> None:
    page, marker = hostile_page
    result = _run([], [page, *_shared_pages()])
    assert result["attempts"] == []
    assert result["ok"] and result["sentences"] > 5 and result["entities"] and result["dates"]
    assert result["docs"] == 1
    ours = result["pages"][0]
    assert ours["error"] is None and "Huyện ủy Mẫu Sơn" in ours["text"]
    assert marker not in ours["text"]  # the external entity was not resolved
    assert all(p["error"] is None or not p["error"].startswith("bad_html") for p in result["pages"])


def test_guard_would_see_a_connection() -> None:
    """The guard itself works: a connection attempt is refused and recorded (so an empty list means none)."""
    script = GUARD + textwrap.dedent(
        """
        import socket
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        except OSError:
            pass
        print(json.dumps(attempts))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout)[0][0] in ("socket.getaddrinfo", "socket.connect")


def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs `unshare -n` (root or user namespaces)")
def test_pipeline_runs_in_a_namespace_without_network(hostile_page) -> None:
    page, marker = hostile_page
    result = _run(["unshare", "-n"], [page])
    assert result["attempts"] == []
    assert result["ok"] and result["sentences"] > 5
    assert marker not in result["pages"][0]["text"]


def test_language_data_loads_without_unpickling(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("dvextract's data must not be unpickled")

    class Refused(pickle.Unpickler):
        def __init__(self, *args, **kwargs):
            refuse()

    for name in ("load", "loads"):
        monkeypatch.setattr(pickle, name, refuse)
    monkeypatch.setattr(pickle, "Unpickler", Refused)
    _resources.table.cache_clear()
    try:
        files = _resources.data_files()
        assert files and all(f.suffix == ".tsv" for f in files)
        for path in files:
            assert _resources.table(path.stem) == _resources.read_table(path)
    finally:
        _resources.table.cache_clear()
    package = Path(dvextract.__file__).parent / "data"
    assert {p.suffix for p in package.iterdir() if p.is_file()} <= {".tsv", ".md", ".txt"}


# underthesea ships its word-segmentation model as joblib (pickle) files, and _segment reads them with
# joblib.load: a third-party fact, listed here so that no other module starts unpickling anything.
UNPICKLERS = {"pickle", "joblib", "marshal", "shelve", "dill", "cloudpickle"}
ALLOWED = {("_segment.py", "joblib"): "underthesea's own model files (features.bin, dictionary.bin)"}


def test_only_underthesea_models_are_unpickled() -> None:
    found = set()
    for path in sorted(Path(dvextract.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            found |= {(path.name, n.split(".")[0]) for n in names if n.split(".")[0] in UNPICKLERS}
    assert found == set(ALLOWED)
