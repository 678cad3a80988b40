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

import argparse
import errno
import gzip
import hashlib
import json
import logging
import os
import resource
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._extras import require
from ._inputs import Item, expand, read_items, resolve
from ._tables import TABLES, add_rows, schemas

__all__ = ["add_arguments", "batch", "run"]

logger = logging.getLogger("dvextract")

SHARD_SIZE = 100


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
    from ._pipeline import _nlp

    _nlp()


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
                    gz.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
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
) -> dict[str, Any]:
    """Process every article of ``inputs`` into ``out``; returns the manifest.

    ``engine="local"`` runs ``workers`` processes (default: all cores). ``engine="dask"`` runs the shards on a
    ``dask.distributed`` cluster: ``scheduler`` is its address or a ``Client``, and ``out`` any fsspec path the
    workers can write (``s3://bucket/run``). Re-running the same call resumes where a killed run stopped.
    ``progress`` shows a progress bar (default: when stderr is a terminal).
    """
    import fsspec

    started = time.time()
    inputs = [str(inputs)] if isinstance(inputs, (str, Path)) else [str(i) for i in inputs]
    out = str(out)
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(f"{root}/shards", exist_ok=True)
    for stale in fs.glob(f"{root}/shards/.*.tmp"):
        fs.rm(stale)
    files = expand(inputs)
    plan = [(shard.name, len(shard.items)) for shard in _shards(files, shard_size)]
    total = sum(n for _, n in plan)
    existing = {p.rsplit("/", 1)[-1] for p in fs.glob(f"{root}/shards/part-*.jsonl.gz")}
    done = {name for name, n in plan if name in existing and _complete(fs, f"{root}/shards/{name}", n)}
    todo = (s for s in _shards(files, shard_size) if s.name not in done)
    bar = _bar(total, sum(n for name, n in plan if name in done), progress)
    stats: list[dict[str, Any]] = []
    work_started = time.perf_counter()
    try:
        if engine == "local":
            _run_local(out, todo, workers or os.cpu_count() or 1, stats, bar)
        elif engine == "dask":
            _run_dask(out, todo, scheduler, stats, bar)
        else:
            raise ValueError(f"unknown engine {engine!r}: 'local' or 'dask'")
    finally:
        bar.close()
    seconds = time.perf_counter() - work_started
    names = [name for name, _ in plan]
    for stray in existing - set(names):
        fs.rm(f"{root}/shards/{stray}")
    counts = _finish(fs, root, names)
    processed = sum(s["inputs"] for s in stats)
    peaks: dict[str, float] = {}
    for s in stats:
        peaks[s["worker"]] = max(peaks.get(s["worker"], 0.0), s["peak_rss_mb"])
    manifest = {
        "inputs": inputs,
        "files": len(files),
        "counts": counts,
        "shards": {"total": len(names), "resumed": len(done), "processed": len(stats), "size": shard_size},
        "run": {"engine": engine, "workers": len(peaks) if engine == "dask" else (workers or os.cpu_count()),
                "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
                "seconds": round(time.time() - started, 2), "articles_processed": processed,
                "articles_per_second": round(processed / seconds, 2) if seconds and processed else None,
                "peak_rss_mb_per_worker": {k: round(v, 1) for k, v in sorted(peaks.items())}},
        "versions": _versions(),
    }
    _put(fs, f"{root}/manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    if counts["inputs"] != total:
        raise RuntimeError(f"the shards hold {counts['inputs']} inputs where {total} were planned")
    return manifest


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
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def _collect(pending: set[Any], stats: list[dict[str, Any]], bar: Any) -> set[Any]:
    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
    for future in finished:
        result = future.result()
        stats.append(result)
        bar.update(result["inputs"])
    return pending


def _run_dask(out: str, todo: Iterator[_Shard], scheduler: Any, stats: list[dict[str, Any]], bar: Any) -> None:
    from distributed import Client, as_completed

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
    pa = require("pyarrow", "dvextract batch")
    pq = require("pyarrow.parquet", "dvextract batch")

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
                        duplicates += row["id"] in ids
                        ids.add(row["id"])
                        if "reason" in row:
                            counts["errors"] += 1
                            reasons[row["reason"].split(":", 1)[0]] += 1
                            errors.write(line if line.endswith(b"\n") else line + b"\n")
                        else:
                            counts["records"] += 1
                            add_rows(row, rows)
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


def _put(fs: Any, path: str, data: bytes) -> None:
    tmp = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
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


# ------------------------------------------------------------------------------------------------ the CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files, folders or globs of .txt, .html, .jsonl[.gz], .warc[.gz] (fsspec paths too)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (an fsspec path for Dask)")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--shard-size", type=int, default=SHARD_SIZE, help="articles per shard, the unit of resuming")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="the dask.distributed scheduler (tcp://host:8786)")


def run(args: argparse.Namespace) -> int:
    if args.engine == "dask" and not args.scheduler:
        print("dvextract batch: --engine dask needs --scheduler ADDRESS", file=sys.stderr)
        return 2
    try:
        manifest = batch(args.inputs, args.out, workers=args.workers, engine=args.engine,
                         scheduler=args.scheduler, shard_size=args.shard_size)
    except BrokenExecutor:
        print("dvextract batch: a worker process died (out of memory?); run the same command again: it resumes "
              "where this run stopped", file=sys.stderr)
        return 1
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        print(f"dvextract batch: no space left on the device ({exc}); free some space and run the same command "
              "again: it resumes where this run stopped", file=sys.stderr)
        return 1
    c, r = manifest["counts"], manifest["run"]
    print(f"{c['inputs']} inputs: {c['records']} records, {c['errors']} errors "
          f"({r['articles_per_second']} articles/s over {manifest['shards']['processed']} new shards) -> {args.out}",
          file=sys.stderr)
    return 0
