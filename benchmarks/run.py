"""dvextract's speed benchmark: ``python benchmarks/run.py [--quick]``.

Measures, on a fixed seeded sample of real articles from ``../shared/data/archive`` (read at run time, never
copied), the full pipeline's articles/s and syllables/s, the time of each stage, peak memory, underthesea's
``ner()`` and ``word_tokenize`` on the same articles, the time against article length (100 to 20,000 words)
and 1 against 2 worker processes on the batch path. Writes ``benchmarks/results/latest.json``,
``latest.png`` and ``profile.txt`` (cProfile of one pass, by own time). See ``benchmarks/README.md``.

Pipeline figures come from a fresh worker process (so its peak memory is the pipeline's own), warmed up on
other archive articles before every timed pass; the word segmenter's caches are reset and re-warmed on those
other articles before each pass, so repeats never reuse what they cached about the sample itself.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import multiprocessing
import os
import platform
import pstats
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
clock = time.process_time
ARCHIVE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "archive" / "articles.jsonl.gz"
RESULTS = HERE / "results"
SEED = 8
STAGES = ("normalize", "structure", "sentences", "words", "doc", "entities", "dates", "facts", "people", "record")
COMPONENT_STAGE = {"dvx_structure": "structure", "dvx_entities": "entities", "dvx_dates": "dates",
                   "dvx_facts": "facts", "dvx_people": "people"}


def syllables(text: str) -> int:
    """Whitespace-separated tokens: syllables (and numbers, punctuation runs) of Vietnamese text."""
    return len(text.split())


def load_archive() -> list[dict[str, Any]]:
    if not ARCHIVE.exists():
        sys.exit(f"{ARCHIVE} is absent: the benchmark reads the shared archive beside the repository")
    with gzip.open(ARCHIVE, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


# ------------------------------------------------------------------------------------- in the worker process


def _warm(nlp: Any, warm: list[dict[str, Any]]) -> None:
    import dvextract
    from dvextract import _segment

    _segment._clear_caches()
    for _ in dvextract.extract_many(warm, nlp=nlp):
        pass


def _stage_pass(nlp: Any, items: list[dict[str, Any]]) -> dict[str, float]:
    """One pass over ``items`` doing what ``extract`` does, with the CPU time of each stage (CPU time, so
    that other processes on a busy machine do not inflate one stage or another)."""
    from dvextract import _reader, _segment, to_article

    times = dict.fromkeys(STAGES, 0.0)
    times["failed"] = 0
    originals = {"normalize": (_reader, "normalize"), "refusal": (_reader, "refusal"),
                 "sentences": (_segment, "sentences"), "words": (_segment, "words_in")}

    def timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                times[stage] += clock() - t
        return wrapper

    saved = {key: getattr(mod, name) for key, (mod, name) in originals.items()}
    for key, (mod, name) in originals.items():
        setattr(mod, name, timed("normalize" if key == "refusal" else key, saved[key]))
    try:
        for item in items:
            t = clock()
            doc = nlp.make_doc(item["text"])
            reader = clock() - t
            times["doc"] += reader  # the Reader's own share: the stages inside it are taken off below
            state = doc._.dvx
            state.id, state.title, state.url = item.get("id"), item.get("title"), item.get("url")
            doc._.published = item.get("published")
            for name, proc in nlp.pipeline:
                t = clock()
                doc = proc(doc)
                times[COMPONENT_STAGE[name]] += clock() - t
            t = clock()
            try:
                to_article(doc)
            except Exception:
                times["failed"] += 1
            times["record"] += clock() - t
    finally:
        for key, (mod, name) in originals.items():
            setattr(mod, name, saved[key])
    times["doc"] -= times["normalize"] + times["sentences"] + times["words"]
    return times


def _fields(item: dict[str, Any]) -> dict[str, Any]:
    """The fields ``extract`` takes."""
    return {k: item.get(k) for k in ("id", "text", "title", "published", "url")}


def worker_pipeline(sample: list[dict[str, Any]], warm: list[dict[str, Any]], repeats: int,
                    lengths: list[int], filler: str) -> dict[str, Any]:
    """Everything measured inside one fresh process: throughput, stages, scaling, profile, peak memory."""
    import dvextract

    t = time.perf_counter()
    nlp = dvextract.load()
    load_seconds = time.perf_counter() - t
    sample = [_fields(i) for i in sample]
    _warm(nlp, warm)
    total_syll = sum(syllables(i["text"]) for i in sample)
    passes, cpu, stage_runs = [], [], []
    for _ in range(repeats):
        _warm(nlp, warm)
        t, c = time.perf_counter(), time.process_time()
        records = list(dvextract.extract_many(sample, nlp=nlp))
        passes.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        _warm(nlp, warm)
        stage_runs.append(_stage_pass(nlp, sample))
    errors = {code: sum(1 for r in records for w in r.warnings if w.severity == "error" and w.code == code)
              for code in {w.code for r in records for w in r.warnings if w.severity == "error"}}
    found = {"entities": sum(len(r.entities) for r in records), "dates": sum(len(r.dates) for r in records),
             "facts": sum(len(r.facts) for r in records), "people": sum(len(r.people) for r in records)}

    # the profile of one pass (cProfile slows Python code down about twice; shares, not seconds, are the point)
    _warm(nlp, warm)
    profiler = cProfile.Profile(clock)
    profiler.enable()
    for _ in dvextract.extract_many(sample, nlp=nlp):
        pass
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(30)
    profile = out.getvalue()

    # time against length: one long text cut at word boundaries
    ends = [m.end() for m in re.finditer(r"\S+", filler)]
    scaling = []
    for n in lengths:
        text = filler[: ends[min(n, len(ends)) - 1]]
        runs = []
        for _ in range(3):
            t = clock()
            record = dvextract.extract(text, nlp=nlp)
            runs.append(clock() - t)
        scaling.append({"words": syllables(text), "chars": len(text), "seconds": spread(runs),
                        "warnings": sorted({w.code for w in record.warnings})})

    stages = {s: spread([run[s] for run in stage_runs]) for s in STAGES}
    return {
        "articles": len(sample), "syllables": total_syll, "load_seconds": load_seconds,
        "seconds": spread(passes),
        "articles_per_second": spread([len(sample) / p for p in passes]),
        "syllables_per_second": spread([total_syll / p for p in passes]),
        "cpu_seconds": spread(cpu),
        "articles_per_cpu_second": spread([len(sample) / c for c in cpu]),
        "stages_seconds": stages,
        "stages_ms_per_article": {s: 1000 * v["median"] / len(sample) for s, v in stages.items()},
        "stage_total_ms_per_article": 1000 * sum(v["median"] for v in stages.values()) / len(sample),
        "error_records": errors, "found": found,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "scaling": scaling, "profile": profile,
    }


def worker_underthesea(sample: list[dict[str, Any]], ner_sample: list[dict[str, Any]], repeats: int,
                       ner_repeats: int) -> dict[str, Any]:
    """underthesea's ``ner()`` and ``word_tokenize``, sentence by sentence of each line, as a user would call
    them; in CPU seconds (both are single-threaded), to compare with the pipeline's CPU figures."""
    from underthesea import ner, sent_tokenize, word_tokenize

    def sentences_of(items: list[dict[str, Any]]) -> list[str]:
        return [s for i in items for line in i["text"].splitlines() if line.strip() for s in sent_tokenize(line)]

    def timed(fn: Callable[[str], Any], sents: list[str], runs: int) -> list[float]:
        out = []
        for _ in range(runs):
            t = clock()
            for s in sents:
                fn(s)
            out.append(clock() - t)
        return out

    ws_sents, ner_sents = sentences_of(sample), sentences_of(ner_sample)
    word_tokenize(ws_sents[0])  # load the models before timing
    ner(ner_sents[0])
    ws = timed(word_tokenize, ws_sents, repeats)
    nr = timed(ner, ner_sents, ner_repeats)
    ws_syll = sum(syllables(i["text"]) for i in sample)
    ner_syll = sum(syllables(i["text"]) for i in ner_sample)
    return {
        "word_tokenize": {"articles": len(sample), "syllables": ws_syll, "seconds": spread(ws),
                          "articles_per_second": spread([len(sample) / s for s in ws]),
                          "syllables_per_second": spread([ws_syll / s for s in ws])},
        "ner": {"articles": len(ner_sample), "syllables": ner_syll, "seconds": spread(nr),
                "articles_per_second": spread([len(ner_sample) / s for s in nr]),
                "syllables_per_second": spread([ner_syll / s for s in nr])},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def worker_subset(items: list[dict[str, Any]], warm: list[dict[str, Any]], repeats: int) -> dict[str, Any]:
    """The pipeline on the ner() subset, for a like-for-like ratio on the very same articles (CPU seconds)."""
    import dvextract

    nlp = dvextract.load()
    items = [_fields(i) for i in items]
    runs = []
    for _ in range(repeats):
        _warm(nlp, warm)
        t = clock()
        for _ in dvextract.extract_many(items, nlp=nlp):
            pass
        runs.append(clock() - t)
    return {"seconds": spread(runs), "articles_per_second": spread([len(items) / r for r in runs])}


# ----------------------------------------------------------------------------------------------- the parent


def in_fresh_process(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(fn, args)


def workers_run(sample: list[dict[str, Any]], workers: int) -> dict[str, Any]:
    """``dvextract batch`` over other archive articles (shards of 25): wall time including worker start-up and
    tables."""
    from dvextract._batch import batch

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "sample.jsonl.gz"
        with gzip.open(source, "wt", encoding="utf-8") as f:
            for item in sample:
                f.write(json.dumps(_fields(item), ensure_ascii=False) + "\n")
        t = time.perf_counter()
        manifest = batch([source], Path(tmp) / "out", workers=workers, shard_size=25, progress=False)
        wall = time.perf_counter() - t
    run = manifest["run"]
    return {"workers": workers, "wall_seconds": wall, "articles": len(sample),
            "articles_per_second_wall": len(sample) / wall,
            "articles_per_second_work": run.get("articles_per_second"),
            "peak_rss_mb_per_worker": run.get("peak_rss_mb_per_worker")}


def linear_fit(points: list[tuple[float, float]]) -> dict[str, float]:
    xs, ys = zip(*points, strict=True)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = my - slope * mx
    ss_res = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    ss_tot = sum((y - my) ** 2 for y in ys)
    return {"seconds_per_1000_words": 1000 * slope, "intercept_seconds": intercept,
            "r2": 1 - ss_res / ss_tot if ss_tot else 1.0}


def environment() -> dict[str, Any]:
    from importlib.metadata import version

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    return {"date": time.strftime("%Y-%m-%d %H:%M"), "python": platform.python_version(),
            "machine": platform.machine(), "cpus": os.cpu_count(), "commit": commit,
            **{p: version(p) for p in ("dvextract", "underthesea", "underthesea_core", "spacy", "pydantic")}}


def plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pipe = result["pipeline"]
    fig, axes = plt.subplots(1, 3, figsize=(16, 4.8))

    ax = axes[0]
    stages = pipe["stages_ms_per_article"]
    ax.barh(list(stages), list(stages.values()), color="#4c72b0")
    ax.invert_yaxis()
    ax.set_xlabel("ms per article (median of runs)")
    ax.set_title(f"Stages: {pipe['stage_total_ms_per_article']:.1f} ms per article")

    ax = axes[1]
    words = [p["words"] for p in pipe["scaling"]]
    secs = [p["seconds"]["median"] for p in pipe["scaling"]]
    fit = result["scaling_fit"]
    ax.plot(words, secs, "o", color="#4c72b0", label="measured (median of 3)")
    ax.plot(words, [fit["intercept_seconds"] + fit["seconds_per_1000_words"] * w / 1000 for w in words], "-",
            color="#dd8452", label=f"linear fit, R² = {fit['r2']:.4f}")
    ax.set_xlabel("article length (words)")
    ax.set_ylabel("seconds per article")
    ax.set_title(f"Length: {fit['seconds_per_1000_words'] * 1000:.1f} ms per 1,000 words")
    ax.legend()

    ax = axes[2]
    names, values = ["dvextract\n(per CPU s)"], [pipe["articles_per_cpu_second"]["median"]]
    for w in result["workers"]:
        names.append(f"batch\n{w['workers']} worker{'s' if w['workers'] > 1 else ''}")
        values.append(w["articles_per_second_wall"])
    ut = result["underthesea"]
    names += ["underthesea\nword_tokenize", "underthesea\nner()"]
    values += [ut["word_tokenize"]["articles_per_second"]["median"], ut["ner"]["articles_per_second"]["median"]]
    bars = ax.bar(names, values, color=["#4c72b0"] * (1 + len(result["workers"])) + ["#937860", "#c44e52"])
    ax.bar_label(bars, fmt="%.1f")
    ax.tick_params(axis="x", labelsize=8)
    ax.set_yscale("log")
    ax.set_ylabel("articles per second (log)")
    ax.set_title(f"{pipe['articles']} archive articles, seed {SEED}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small sample and short texts: a smoke run")
    args = parser.parse_args(argv)
    quick = args.quick
    n_sample, n_ner, repeats, ner_repeats = (60, 3, 5, 2) if quick else (300, 12, 5, 3)
    n_batch = 200 if quick else 1500  # enough for the workers' start-up (loading the pipeline) to matter little
    lengths = [100, 300, 1000, 3000] if quick else [100, 300, 1000, 3000, 6000, 10000, 15000, 20000]

    started = time.perf_counter()
    archive = load_archive()
    order = list(range(len(archive)))
    random.Random(SEED).shuffle(order)
    sample = [archive[i] for i in order[:n_sample]]
    warm = [archive[i] for i in order[n_sample : n_sample + 40]]
    filler = "\n\n".join(archive[i]["text"] for i in order[n_sample + 40 : n_sample + 140])
    ner_sample = sample[:n_ner]
    words = sorted(syllables(i["text"]) for i in sample)
    print(f"sample: {len(sample)} articles, median {statistics.median(words)} words, "
          f"mean {statistics.fmean(words):.0f}", flush=True)

    load_before = os.getloadavg()
    result: dict[str, Any] = {"quick": quick, "seed": SEED, "environment": environment(),
                              "sample": {"articles": len(sample), "ids_first": [i["id"] for i in sample[:5]],
                                         "median_words": statistics.median(words),
                                         "mean_words": statistics.fmean(words)}}
    result["environment"]["load_average_before"] = load_before
    print("pipeline (fresh worker process) ...", flush=True)
    pipe = in_fresh_process(worker_pipeline, sample, warm, repeats, lengths, filler)
    profile = pipe.pop("profile")
    result["pipeline"] = pipe
    result["scaling_fit"] = linear_fit([(p["words"], p["seconds"]["median"]) for p in pipe["scaling"]])
    per_word = [p["seconds"]["median"] / p["words"] * 1000 for p in pipe["scaling"] if p["words"] >= 1000]
    result["scaling_fit"]["ms_per_1000_words_from_1000_up"] = {"min": 1000 * min(per_word),
                                                               "max": 1000 * max(per_word)}
    print("underthesea ...", flush=True)
    result["underthesea"] = in_fresh_process(worker_underthesea, sample, ner_sample, repeats, ner_repeats)
    result["pipeline_on_ner_subset"] = in_fresh_process(worker_subset, ner_sample, warm, repeats)
    print("batch workers ...", flush=True)
    batch_items = [archive[i] for i in order[n_sample + 140 : n_sample + 140 + n_batch]]
    result["workers"] = [workers_run(batch_items, n) for n in (1, 2)]

    ours = pipe["syllables"] / pipe["cpu_seconds"]["median"]
    ut = result["underthesea"]
    result["ratios"] = {
        "syllables_per_second_vs_ner": ours / ut["ner"]["syllables_per_second"]["median"],
        "articles_per_second_vs_ner_same_subset": result["pipeline_on_ner_subset"]["articles_per_second"]["median"]
        / ut["ner"]["articles_per_second"]["median"],
        "syllables_per_second_vs_word_tokenize": ours / ut["word_tokenize"]["syllables_per_second"]["median"],
        "ner_articles_per_second_extrapolated_to_sample": ut["ner"]["syllables_per_second"]["median"]
        / (pipe["syllables"] / pipe["articles"]),
    }
    result["benchmark_seconds"] = time.perf_counter() - started
    result["environment"]["load_average_after"] = os.getloadavg()

    RESULTS.mkdir(exist_ok=True)
    stem = "quick" if quick else "latest"
    (RESULTS / f"{stem}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / ("profile-quick.txt" if quick else "profile.txt")).write_text(profile, encoding="utf-8")
    plot(result, RESULTS / f"{stem}.png")
    print(summary(result))
    return 0


def summary(r: dict[str, Any]) -> str:
    p, u, ratio = r["pipeline"], r["underthesea"], r["ratios"]

    def fmt(s: dict[str, float], digits: int = 1) -> str:
        return f"{s['median']:,.{digits}f} ({s['min']:,.{digits}f}–{s['max']:,.{digits}f})"

    lines = [
        "| measure | median (min–max) |",
        "|---|---|",
        f"| dvextract, full pipeline, 1 core: articles per CPU second | {fmt(p['articles_per_cpu_second'])} |",
        f"| dvextract, full pipeline, 1 core: articles/s, wall clock | {fmt(p['articles_per_second'])} |",
        f"| dvextract, full pipeline, 1 core: syllables/s | {fmt(p['syllables_per_second'], 0)} |",
        f"| underthesea `word_tokenize`: articles per CPU second | {fmt(u['word_tokenize']['articles_per_second'])} |",
        f"| underthesea `ner()` ({u['ner']['articles']} articles): articles per CPU second | "
        f"{fmt(u['ner']['articles_per_second'], 2)} |",
        f"| underthesea `ner()`: syllables per CPU second | {fmt(u['ner']['syllables_per_second'], 0)} |",
        f"| ratio to `ner()`, syllables/s | {ratio['syllables_per_second_vs_ner']:,.0f}× |",
        f"| ratio to `ner()`, same {u['ner']['articles']} articles | "
        f"{ratio['articles_per_second_vs_ner_same_subset']:,.0f}× |",
        f"| peak RSS of the pipeline worker | {p['peak_rss_mb']:,.0f} MB |",
    ]
    for w in r["workers"]:
        lines.append(f"| `dvextract batch`, {w['workers']} worker(s), wall incl. start-up: articles/s "
                     f"| {w['articles_per_second_wall']:,.1f} |")
    fit = r["scaling_fit"]
    lines.append(f"| time per 1,000 words (linear fit 100–{p['scaling'][-1]['words']:,} words, R² {fit['r2']:.4f}) "
                 f"| {fit['seconds_per_1000_words'] * 1000:,.1f} ms |")
    lines.append("")
    lines.append("| stage | ms per article |")
    lines.append("|---|---|")
    for s, v in p["stages_ms_per_article"].items():
        lines.append(f"| {s} | {v:.2f} |")
    lines.append(f"| **total** | {p['stage_total_ms_per_article']:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
