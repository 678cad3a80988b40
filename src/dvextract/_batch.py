"""``dvextract batch``: an archive into JSONL shards and Parquet tables, in parallel, lossless and resumable.

The inputs (files, folders, globs; see ``_inputs``) are cut into shards of ``shard_size`` articles, in a fixed
order, each named by its position and a fingerprint of its inputs' ids and sources. A worker process (or a Dask
worker) loads the pipeline once and turns a whole shard into ``shards/part-NNNNNN-FINGERPRINT.jsonl.gz``, written
to a temporary name and renamed: a shard is there complete or not at all. Each line is one input: a record
``{"id", "source", "meta", "article"}`` or an error ``{"id", "source", "reason"}``. Re-running the same command
skips the shards already there, so a run killed at any point, or stopped by a full disk, finishes later with no
article lost and none duplicated.

Once every shard is there, ``errors.jsonl``, the Parquet tables (``articles``, ``entities``, ``people``,
``titles``, ``dates``, ``facts``; keyed by ``article_id``, each row with its own stable id) and ``manifest.json``
are rebuilt from the shards.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import logging
import os
import resource
import signal
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._extras import require
from ._inputs import Item, expand, read_items, resolve
from ._tables import TABLES, add_rows, schemas

__all__ = ["SHARD_SIZE", "OutputInUse", "batch"]

logger = logging.getLogger("dvextract")

SHARD_SIZE = 100
LOCK = ".dvextract.lock"
_OURS = {"shards", "manifest.json", "errors.jsonl", LOCK, *(f"{t}.parquet" for t in TABLES)}
"""What a run writes in its output folder (besides its hidden temporary files)."""


class OutputInUse(RuntimeError):
    """The output folder is another run's (or holds files of its own): refused, so that no work is lost."""


@dataclass
class _Shard:
    index: int
    items: list[Item]

    @property
    def name(self) -> str:
        digest = hashlib.sha1()
        for item in self.items:
            digest.update(f"{item.id}\x00{item.source}\x01".encode("utf-8", "surrogatepass"))
        return f"part-{self.index:06d}-{digest.hexdigest()[:12]}.jsonl.gz"


def _shards(files: list[str], shard_size: int) -> Iterator[_Shard]:
    items: list[Item] = []
    index = 0
    for path in files:
        for item in read_items(path, parse_html=False):
            items.append(item)
            if len(items) == shard_size:
                yield _Shard(index, items)
                items, index = [], index + 1
    if items:
        yield _Shard(index, items)


# ------------------------------------------------------------------------------------------------ the worker


def _warm() -> None:
    from ._pipeline import default_pipeline

    _stop_with_parent()
    default_pipeline()


def _process(item: Item) -> dict[str, Any]:
    from ._pipeline import extract

    item = resolve(item)
    if item.error:
        return {"id": item.id, "source": item.source, "reason": item.error}
    article = extract(item.text, **item.fields())
    if not article.ok:
        reason = "; ".join(f"{n.code}: {n.message}" for n in article.warnings if n.severity == "error")
        return {"id": item.id, "source": item.source, "reason": reason}
    if article.author is None and item.meta.get("author"):
        article = article.model_copy(update={"author": item.meta["author"]})
    return {"id": item.id, "source": item.source, "meta": item.meta, "article": article.model_dump(mode="json")}


def _json_line(row: dict[str, Any]) -> bytes:
    """One JSON line in UTF-8; a lone surrogate (from a ``\\ud800`` escape in the input) is written as the same
    JSON escape, so the line reads back to exactly the input."""
    return json.dumps(row, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"


def _stop_with_parent() -> None:
    """A worker dies with the driver (Linux: the parent-death signal) and leaves Ctrl-C to the driver."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the driver's handler, inherited by fork
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() == 1:  # the driver died before the signal was armed
        os._exit(1)


def _run_shard(out: str, name: str, items: list[Item]) -> dict[str, Any]:
    """Process one shard and write it atomically; returns its counts and the worker's figures."""
    import fsspec

    started = time.perf_counter()
    fs, root = fsspec.core.url_to_fs(out)
    final = f"{root}/shards/{name}"
    tmp = f"{root}/shards/.{name}.{uuid.uuid4().hex[:8]}.tmp"
    reasons: Counter[str] = Counter()
    records = 0
    try:
        with fs.open(tmp, "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                for item in items:
                    row = _process(item)
                    if "reason" in row:
                        reasons[row["reason"].split(":", 1)[0]] += 1
                    else:
                        records += 1
                    gz.write(_json_line(row))
            if hasattr(raw, "fileno"):
                raw.flush()
                os.fsync(raw.fileno())
        fs.mv(tmp, final)
    except BaseException:
        try:
            fs.rm(tmp)
        except OSError:
            pass
        raise
    return {"name": name, "inputs": len(items), "records": records, "errors": sum(reasons.values()),
            "reasons": dict(reasons), "seconds": time.perf_counter() - started,
            "worker": f"{os.uname().nodename}:{os.getpid()}",
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


# ------------------------------------------------------------------------------------------------ the driver


def batch(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: Any = None,
    shard_size: int = SHARD_SIZE,
    progress: bool | None = None,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Process every article of ``inputs`` into ``out``; returns the manifest.

    ``engine="local"`` runs ``workers`` processes (default: all cores). ``engine="dask"`` runs the shards on a
    ``dask.distributed`` cluster: ``scheduler`` is its address or a ``Client``, and ``out`` any fsspec path the
    workers can write (``s3://bucket/run``). Re-running the same call resumes where a killed run stopped.
    ``progress`` shows a progress bar (default: when stderr is a terminal).

    The folder is the run's: a local one is locked while the run lasts, and a folder holding another run's shards
    (other inputs, another ``shard_size``) or files of its own is refused with :class:`OutputInUse` unless
    ``overwrite`` (which removes the other run's shards; files that are not a run's are never touched).
    """
    import fsspec

    require("pyarrow.parquet", "writing the batch tables")  # before any work: the tables are written at the end
    if shard_size < 1:
        raise ValueError(f"shard_size must be at least 1, not {shard_size}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    names = [str(inputs)] if isinstance(inputs, (str, Path)) else [str(i) for i in inputs]
    out = str(out)
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(f"{root}/shards", exist_ok=True)
    with _locked(fs, root):
        return _batch(names, out, fs, root, workers, engine, scheduler, shard_size, progress, overwrite)


@contextlib.contextmanager
def _locked(fs: Any, root: str) -> Iterator[None]:
    """Hold the folder's lock file for the run (local folders; an object store has no locks)."""
    if not _is_local(fs):
        yield
        return
    import fcntl

    with open(os.path.join(root, LOCK), "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            raise OutputInUse(f"{root} is in use by another dvextract batch ({lock.read().strip() or 'running'}); "
                              "wait for it to finish, or choose another --out") from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()} on {os.uname().nodename}\n")
        lock.flush()
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _is_local(fs: Any) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return protocol in ("file", "local")


def _claim(fs: Any, root: str, plan: list[tuple[str, int]], overwrite: bool) -> set[str]:
    """The shards of this run already there. Refuses a folder holding another run's shards or foreign files;
    removes what a killed run left half-written (its lock is ours now, so every temporary file is stale)."""
    names = {p.rstrip("/").rsplit("/", 1)[-1] for p in fs.ls(root, detail=False)}
    foreign = sorted(n for n in names if n not in _OURS and not n.startswith("."))
    existing = {p.rsplit("/", 1)[-1] for p in fs.ls(f"{root}/shards", detail=False)}
    existing = {n for n in existing if not n.startswith(".")}
    planned = {name for name, _ in plan}
    strays = sorted(existing - planned)
    if foreign and not overwrite:
        raise OutputInUse(f"{root} holds files that are not a dvextract run's ({', '.join(foreign[:3])}"
                          f"{', …' if len(foreign) > 3 else ''}); choose an empty or new --out, "
                          "or --overwrite to write beside them")
    if strays and not overwrite:
        raise OutputInUse(f"{root} holds {len(strays)} shards of another run (other inputs or another --shard-size, "
                          f"e.g. {strays[0]}); choose another --out, or --overwrite to replace that run")
    for stray in strays:
        fs.rm(f"{root}/shards/{stray}")
    for stale in fs.glob(f"{root}/shards/.*.tmp") + fs.glob(f"{root}/.*.tmp"):
        fs.rm(stale)
    return existing & planned


def _batch(inputs: list[str], out: str, fs: Any, root: str, workers: int | None, engine: str, scheduler: Any,
           shard_size: int, progress: bool | None, overwrite: bool) -> dict[str, Any]:
    started = time.time()
    files = expand(inputs)
    plan = [(shard.name, len(shard.items)) for shard in _shards(files, shard_size)]
    total = sum(n for _, n in plan)
    done = _resumed(fs, root, plan, overwrite)
    todo = (s for s in _shards(files, shard_size) if s.name not in done)
    bar = _bar(total, sum(n for name, n in plan if name in done), progress)
    stats: list[dict[str, Any]] = []
    work_started = time.perf_counter()
    try:
        _work(engine, out, todo, workers, scheduler, stats, bar)
    finally:
        bar.close()
    seconds = time.perf_counter() - work_started
    names = [name for name, _ in plan]
    counts = _finish(fs, root, names)
    manifest = {
        "inputs": inputs,
        "files": len(files),
        "counts": counts,
        "shards": {"total": len(names), "resumed": len(done), "processed": len(stats), "size": shard_size},
        "run": _run_record(engine, workers, stats, started, seconds),
        "versions": _versions(),
    }
    _put(fs, f"{root}/manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    if counts["inputs"] != total:
        raise RuntimeError(f"the shards hold {counts['inputs']} inputs where {total} were planned")
    return manifest


def _resumed(fs: Any, root: str, plan: list[tuple[str, int]], overwrite: bool) -> set[str]:
    """The shards a previous run of the same plan finished: there, and whole (a killed run's last shard may be
    cut short, and is done again)."""
    existing = _claim(fs, root, plan, overwrite)
    return {name for name, n in plan if name in existing and _complete(fs, f"{root}/shards/{name}", n)}


def _work(engine: str, out: str, todo: Iterator[_Shard], workers: int | None, scheduler: Any,
          stats: list[dict[str, Any]], bar: Any) -> None:
    """Run the shards left to do on the engine asked for (local processes, one per core by default, or Dask)."""
    if engine == "local":
        _run_local(out, todo, workers or os.cpu_count() or 1, stats, bar)
    elif engine == "dask":
        _run_dask(out, todo, scheduler, stats, bar)
    else:
        raise ValueError(f"unknown engine {engine!r}: 'local' or 'dask'")


def _run_record(engine: str, workers: int | None, stats: list[dict[str, Any]], started: float,
                seconds: float) -> dict[str, Any]:
    """The manifest's account of this run: engine, workers (under Dask, those that did a shard), times, speed
    over the work alone (``seconds``), and each worker's peak memory."""
    processed = sum(s["inputs"] for s in stats)
    peaks: dict[str, float] = {}
    for s in stats:
        peaks[s["worker"]] = max(peaks.get(s["worker"], 0.0), s["peak_rss_mb"])
    return {"engine": engine, "workers": len(peaks) if engine == "dask" else (workers or os.cpu_count()),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
            "seconds": round(time.time() - started, 2), "articles_processed": processed,
            "articles_per_second": round(processed / seconds, 2) if seconds and processed else None,
            "peak_rss_mb_per_worker": {k: round(v, 1) for k, v in sorted(peaks.items())}}


def _bar(total: int, initial: int, show: bool | None) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="article", dynamic_ncols=True, smoothing=0.1,
                disable=not (sys.stderr.isatty() if show is None else show))


def _complete(fs: Any, path: str, expected: int) -> bool:
    """A shard is complete when it decompresses whole (gzip checks its CRC) to one line per input."""
    try:
        with fs.open(path, "rb") as raw, gzip.GzipFile(fileobj=raw) as gz:
            return sum(1 for _ in gz) == expected
    except (OSError, EOFError):
        return False


def _run_local(out: str, todo: Iterator[_Shard], workers: int, stats: list[dict[str, Any]], bar: Any) -> None:
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        pending: set[Any] = set()
        try:
            for shard in todo:
                pending.add(pool.submit(_run_shard, out, shard.name, shard.items))
                while len(pending) >= 2 * workers:
                    pending = _collect(pending, stats, bar)
            while pending:
                pending = _collect(pending, stats, bar)
        except BaseException:  # interrupted, or a shard failed: the workers stop now, not after their shards
            for future in pending:
                future.cancel()
            _terminate(pool)
            raise


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers at once (``shutdown`` would wait for the shards they are on)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _collect(pending: set[Any], stats: list[dict[str, Any]], bar: Any) -> set[Any]:
    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
    for future in finished:
        result = future.result()
        stats.append(result)
        bar.update(result["inputs"])
    return pending


def _run_dask(out: str, todo: Iterator[_Shard], scheduler: Any, stats: list[dict[str, Any]], bar: Any) -> None:
    distributed = require("distributed", "the Dask engine")
    Client, as_completed = distributed.Client, distributed.as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        window = 2 * max(1, sum(client.nthreads().values()))
        queue = as_completed()
        in_flight = 0
        for shard in todo:
            queue.add(client.submit(_run_shard, out, shard.name, shard.items, pure=False))
            in_flight += 1
            if in_flight >= window:
                _dask_one(queue, stats, bar)
                in_flight -= 1
        for _ in range(in_flight):
            _dask_one(queue, stats, bar)
    finally:
        if client is not scheduler:
            client.close()


def _dask_one(queue: Any, stats: list[dict[str, Any]], bar: Any) -> None:
    future = next(queue)
    stats.append(future.result())
    bar.update(stats[-1]["inputs"])


# ------------------------------------------------------------------------------------------------ the tables


def _finish(fs: Any, root: str, names: list[str]) -> dict[str, Any]:
    """errors.jsonl and the Parquet tables, rebuilt shard by shard from the shards (bounded memory)."""
    pa = require("pyarrow", "writing the batch tables")
    pq = require("pyarrow.parquet", "writing the batch tables")

    tables = schemas()
    tmp = uuid.uuid4().hex[:8]
    files = {t: fs.open(f"{root}/.{t}.parquet.{tmp}.tmp", "wb") for t in TABLES}
    writers = {t: pq.ParquetWriter(files[t], tables[t]) for t in TABLES}
    errors_tmp = f"{root}/.errors.jsonl.{tmp}.tmp"
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    ids: set[str] = set()
    duplicates = 0
    try:
        with fs.open(errors_tmp, "wb") as errors:
            for name in names:
                rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
                with fs.open(f"{root}/shards/{name}", "rb") as raw, gzip.GzipFile(fileobj=raw) as gz:
                    for line in gz:
                        row = json.loads(line)
                        counts["inputs"] += 1
                        if row["id"] in ids:  # a repeated id: keyed by its source (unique) in the tables
                            duplicates += 1
                            row["id"] = f"{row['id']}@{row['source']}"
                        ids.add(row["id"])
                        if "reason" in row:
                            counts["errors"] += 1
                            reasons[row["reason"].split(":", 1)[0]] += 1
                            errors.write(line if line.endswith(b"\n") else line + b"\n")
                        else:
                            counts["records"] += 1
                            add_rows(_scrubbed(row) if b"\\ud" in line else row, rows)
                for t in TABLES:
                    if rows[t]:
                        writers[t].write_table(pa.Table.from_pylist(rows[t], schema=tables[t]))
                        counts[t] += len(rows[t])
        for t in TABLES:
            writers[t].close()
            files[t].close()
            fs.mv(f"{root}/.{t}.parquet.{tmp}.tmp", f"{root}/{t}.parquet")
        fs.mv(errors_tmp, f"{root}/errors.jsonl")
    except BaseException:
        for t in TABLES:
            files[t].close()
        for stale in fs.glob(f"{root}/.*.{tmp}.tmp"):
            fs.rm(stale)
        raise
    return {"inputs": counts["inputs"], "records": counts["records"], "errors": counts["errors"],
            "duplicate_ids": duplicates, "error_reasons": dict(reasons.most_common()),
            "rows": {t: counts[t] for t in TABLES}}


def _scrubbed(value: Any) -> Any:
    """``value`` with every lone surrogate replaced by U+FFFD (one for one: offsets stay right), as Parquet
    strings must be valid UTF-8."""
    if isinstance(value, str):
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value) if _has_surrogate(value) else value
    if isinstance(value, dict):
        return {k: _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    return value


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _put(fs: Any, path: str, data: bytes) -> None:
    folder, name = path.rsplit("/", 1)
    tmp = f"{folder}/.{name}.{uuid.uuid4().hex[:8]}.tmp"  # hidden, as every temporary file: a resume removes it
    with fs.open(tmp, "wb") as f:
        f.write(data)
    fs.mv(tmp, path)


def _versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    found: dict[str, str | None] = {"python": sys.version.split()[0]}
    for name in ("dvextract", "underthesea", "spacy", "trafilatura", "pyarrow"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found
