"""The tagger's cost, in process: ``python benchmarks/cv_tagger_speed.py [--articles 300]``.

On ``benchmarks/run.py``'s seeded archive sample, one warmed pass of the pipeline per configuration (rules
alone: ``dvx_entities`` with ``tagger=False``; rules and model), CPU time per stage (``run._stage_pass``), the
articles per CPU-second of the whole pipeline, and inside the entities stage the model's share: its decoding
(``Decoder.decode``: tokens, feature rows, Viterbi). Writes ``benchmarks/results/cv_tagger_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import run  # noqa: E402

import dvextract  # noqa: E402


def measure(sample: list[dict[str, Any]], warm: list[dict[str, Any]], tagger: bool) -> dict[str, Any]:
    nlp = dvextract.load()
    if not tagger:
        nlp.replace_pipe("dvx_entities", "dvx_entities", config={"tagger": False})
    run._warm(nlp, warm)
    spent = {"decode": 0.0}
    entities = nlp.get_pipe("dvx_entities")
    decoder = entities.tagger.decoder if entities.tagger is not None else None
    if decoder is not None:
        decode = decoder.decode

        def timed_decode(*args: Any) -> Any:
            t = time.process_time()
            try:
                return decode(*args)
            finally:
                spent["decode"] += time.process_time() - t

        decoder.decode = timed_decode  # type: ignore[method-assign]
    try:
        times = run._stage_pass(nlp, sample)
    finally:
        if decoder is not None:
            del decoder.decode  # the class's method again
    total = sum(v for k, v in times.items() if k != "failed")
    return {"stages": {k: round(v, 2) for k, v in times.items()}, "total_cpu_s": round(total, 2),
            "articles_per_cpu_s": round(len(sample) / total, 1),
            "model_decode_cpu_s": round(spent["decode"], 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    archive = run.load_archive()
    order = list(range(len(archive)))
    random.Random(run.SEED).shuffle(order)
    sample = [archive[i] for i in order[: args.articles]]
    warm = [archive[i] for i in order[args.articles : args.articles + 40]]
    result = {"articles": len(sample), "rules": measure(sample, warm, False),
              "rules+model": measure(sample, warm, True)}
    (HERE / "results" / "cv_tagger_speed.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
