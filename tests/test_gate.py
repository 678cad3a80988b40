"""Quality gate: the pipeline's headline figures on the gold test splits never fall below the pinned floors.

Floors live in ``benchmarks/baseline.json``; ``python benchmarks/gate.py`` raises them to today's figures and
refuses to lower one without ``--allow-regression --reason "..."``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import ARCHIVE, need

from dvextract._evaluate import HEADLINE, STRUCTURE_HEADLINE, evaluate, run_system
from dvextract._gold import load_gold, split_sha
from dvextract._officials.evaluate import OFFICIALS_HEADLINE, load_officials_gold, score_officials

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "corpora" / "gold"
STRUCTURE_GOLD = REPO / "corpora" / "structure"
OFFICIALS_GOLD = REPO / "corpora" / "officials"
_spec = importlib.util.spec_from_file_location("gate", REPO / "benchmarks" / "gate.py")
gate = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(gate)  # type: ignore[union-attr]
BASELINE = json.loads(gate.BASELINE.read_text(encoding="utf-8"))


def test_baseline_pins_every_headline_figure() -> None:
    assert sorted(BASELINE["floors"]) == sorted(HEADLINE + STRUCTURE_HEADLINE + OFFICIALS_HEADLINE)
    assert all(0.0 <= v <= 1.0 for v in BASELINE["floors"].values())
    assert all(entry["reason"].strip() for entry in BASELINE["history"])


def test_floors_were_pinned_on_this_test_split() -> None:
    assert BASELINE["gold_sha"] == split_sha([GOLD]), (
        "the gold test split changed since the floors were pinned: re-pin with "
        "`python benchmarks/gate.py --allow-regression --reason '...'`")


def test_floors_were_pinned_on_this_structure_test_split() -> None:
    assert BASELINE["structure_gold_sha"] == split_sha([STRUCTURE_GOLD]), (
        "the structure gold test split changed since the floors were pinned: re-pin with "
        "`python benchmarks/gate.py --allow-regression --reason '...'`")


def test_floors_were_pinned_on_this_officials_test_split() -> None:
    assert BASELINE["officials_gold_sha"] == split_sha([OFFICIALS_GOLD]), (
        "the officials gold test split changed since the floors were pinned: re-pin with "
        "`python benchmarks/gate.py --allow-regression --reason '...'`")


def test_pipeline_meets_the_officials_floors() -> None:
    need(ARCHIVE)
    gold = load_officials_gold(OFFICIALS_GOLD, "test")
    assert sum(len(article.titles) for article in gold) >= 250
    figures = score_officials(gold).headline()
    floors = {k: v for k, v in BASELINE["floors"].items() if k in OFFICIALS_HEADLINE}
    assert len(floors) == len(OFFICIALS_HEADLINE)
    assert gate.regressions(floors, figures) == []


def test_pipeline_meets_the_structure_floors() -> None:
    need(ARCHIVE)
    gold = load_gold([STRUCTURE_GOLD], split="test")
    assert len(gold) >= 30
    figures = evaluate(gold, run_system("dvextract", gold)).structure_headline()
    floors = {k: v for k, v in BASELINE["floors"].items() if k in STRUCTURE_HEADLINE}
    assert len(floors) == len(STRUCTURE_HEADLINE)
    assert gate.regressions(floors, figures) == []


def test_pipeline_meets_the_floors() -> None:
    need(ARCHIVE)
    gold = load_gold([GOLD], split="test")
    assert len(gold) >= 20
    figures = evaluate(gold, run_system("dvextract", gold)).headline()
    assert gate.regressions({k: v for k, v in BASELINE["floors"].items() if k in HEADLINE}, figures) == []


FLOORS = {"entities.ALL.lenient.f1": 0.80, "links.f1": 0.50}


def test_gate_raises_floors() -> None:
    new = gate.update({"floors": FLOORS, "gold_sha": "s", "history": []},
                      {"entities.ALL.lenient.f1": 0.85, "links.f1": 0.50}, "s")
    assert new["floors"] == {"entities.ALL.lenient.f1": 0.85, "links.f1": 0.50}
    assert new["history"] == []
    # Within EPSILON is no regression, and the floor stays where it was.
    new = gate.update(new, {"entities.ALL.lenient.f1": 0.8496, "links.f1": 0.5}, "s")
    assert new["floors"]["entities.ALL.lenient.f1"] == 0.85


def test_gate_refuses_to_lower_a_floor_without_a_reason() -> None:
    lower = {"entities.ALL.lenient.f1": 0.70, "links.f1": 0.60}
    with pytest.raises(ValueError, match="entities.ALL.lenient.f1: 0.7000 < floor 0.8000"):
        gate.update({"floors": FLOORS, "gold_sha": "s"}, lower, "s")
    with pytest.raises(ValueError, match="refusing"):
        gate.update({"floors": FLOORS, "gold_sha": "s"}, lower, "s", allow_regression=True, reason=" ")
    new = gate.update({"floors": FLOORS, "gold_sha": "s"}, lower, "s", allow_regression=True,
                      reason="titles now exclude the honorific")
    assert new["floors"] == lower
    assert new["history"][0]["reason"] == "titles now exclude the honorific"
    assert new["history"][0]["lowered"] == ["entities.ALL.lenient.f1: 0.7000 < floor 0.8000"]


def test_gate_treats_a_changed_test_split_as_a_regression() -> None:
    with pytest.raises(ValueError, match="gold test split changed"):
        gate.update({"floors": FLOORS, "gold_sha": "old"}, FLOORS, "new")
    assert gate.update({"floors": FLOORS, "gold_sha": "old"}, FLOORS, "new", allow_regression=True,
                       reason="two test articles re-annotated")["gold_sha"] == "new"


def test_gate_treats_a_changed_structure_test_split_as_a_regression() -> None:
    pinned = {"floors": FLOORS, "gold_sha": "s", "structure_gold_sha": "old"}
    with pytest.raises(ValueError, match="structure gold test split changed: old -> new"):
        gate.update(pinned, FLOORS, "s", structure_gold_sha="new")
    assert gate.update(pinned, FLOORS, "s", structure_gold_sha="old")["structure_gold_sha"] == "old"
    # a structure figure pinned for the first time is a new floor, not a regression
    new = gate.update({"floors": FLOORS, "gold_sha": "s"}, {**FLOORS, "structure.author_accuracy": 0.9}, "s",
                      structure_gold_sha="x")
    assert new["floors"]["structure.author_accuracy"] == 0.9 and new["structure_gold_sha"] == "x"
