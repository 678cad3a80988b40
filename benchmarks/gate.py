"""Pin the quality gate's floors (``benchmarks/baseline.json``) to the current scores on the gold test splits
(entities, dates, facts and links on ``corpora/gold``; structure on ``corpora/structure``; office fields and person
clustering on ``corpora/officials``).

    python benchmarks/gate.py                      # raise floors to today's figures; refuses to lower any
    python benchmarks/gate.py --allow-regression --reason "why the drop is accepted"

``tests/test_gate.py`` fails when a headline figure falls below its floor (minus EPSILON) or when a test
split's annotations changed since the floors were pinned (``gold_sha``, ``structure_gold_sha``,
``officials_gold_sha``). Raising a floor
is a commit; lowering
one (or re-pinning after the test split changed) needs ``--allow-regression`` and a reason, kept in the file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BASELINE = HERE / "baseline.json"
GOLD = REPO / "corpora" / "gold"
STRUCTURE_GOLD = REPO / "corpora" / "structure"
OFFICIALS_GOLD = REPO / "corpora" / "officials"
EPSILON = 0.0005


def current() -> tuple[dict[str, float], dict[str, str]]:
    """Headline figures of dvextract on the gold test splits, and the SHA-1 of each split by its baseline key."""
    from dvextract._evaluate import evaluate, run_system
    from dvextract._gold import load_gold, split_sha
    from dvextract._officials.evaluate import load_officials_gold, score_officials

    gold = load_gold([GOLD], split="test")
    figures = evaluate(gold, run_system("dvextract", gold)).headline()
    structure = load_gold([STRUCTURE_GOLD], split="test")
    figures.update(evaluate(structure, run_system("dvextract", structure)).structure_headline())
    figures.update(score_officials(load_officials_gold(OFFICIALS_GOLD, "test")).headline())
    shas = {"gold_sha": split_sha([GOLD]), "structure_gold_sha": split_sha([STRUCTURE_GOLD]),
            "officials_gold_sha": split_sha([OFFICIALS_GOLD])}
    return figures, shas


def regressions(floors: dict[str, float], figures: dict[str, float]) -> list[str]:
    """Each figure below its floor (beyond EPSILON), or missing, as a line of text."""
    return [f"{name}: {figures.get(name, float('nan')):.4f} < floor {floor:.4f}"
            for name, floor in sorted(floors.items())
            if not figures.get(name, -1.0) >= floor - EPSILON]


def update(baseline: dict[str, Any], figures: dict[str, float], gold_sha: str, *,
           allow_regression: bool = False, reason: str | None = None,
           structure_gold_sha: str | None = None, officials_gold_sha: str | None = None) -> dict[str, Any]:
    """The new baseline: every floor raised to its current figure. Lowering one, or pinning against a changed
    test split, raises ValueError unless ``allow_regression`` with a ``reason`` (recorded in ``history``)."""
    old = baseline.get("floors", {})
    drops = regressions(old, figures)
    pins = (("gold_sha", gold_sha, "gold"), ("structure_gold_sha", structure_gold_sha, "structure gold"),
            ("officials_gold_sha", officials_gold_sha, "officials gold"))
    for key, sha, name in pins:
        if sha is not None and baseline.get(key) not in (None, sha):
            drops.append(f"{name} test split changed: {baseline[key]} -> {sha}")
    history = list(baseline.get("history", []))
    if drops:
        if not (allow_regression and reason and reason.strip()):
            raise ValueError("refusing to lower floors without --allow-regression --reason:\n  " + "\n  ".join(drops))
        history.append({"date": datetime.date.today().isoformat(), "reason": reason.strip(), "lowered": drops})
        floors = dict(figures)
    else:
        floors = {k: max(v, old.get(k, v)) for k, v in figures.items()}
    new = {"floors": dict(sorted(floors.items())), "gold_sha": gold_sha, "epsilon": EPSILON, "history": history}
    for key, sha, _ in pins[1:]:
        if sha is not None:
            new[key] = sha
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--allow-regression", action="store_true", help="allow lowering floors (needs --reason)")
    parser.add_argument("--reason", help="why the regression is accepted (recorded in baseline.json)")
    args = parser.parse_args(argv)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    figures, shas = current()
    try:
        new = update(baseline, figures, shas["gold_sha"], allow_regression=args.allow_regression,
                     reason=args.reason, structure_gold_sha=shas["structure_gold_sha"],
                     officials_gold_sha=shas["officials_gold_sha"])
    except ValueError as e:
        print(e, file=sys.stderr)
        return 1
    BASELINE.write_text(json.dumps(new, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    old = baseline.get("floors", {})
    for name, floor in new["floors"].items():
        mark = "" if old.get(name) == floor else f"  (was {old[name]:.4f})" if name in old else "  (new)"
        print(f"{name:36s} {floor:.4f}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
