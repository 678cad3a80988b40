"""Shared fixtures: the third-party data in ../shared (read at run time, never copied) and the example."""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from dvextract import _patterns

# The robustness properties' profile (tests/test_robustness.py selects it): over 100,000 examples in all, every run.
settings.register_profile(
    "ci-long", deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
EXAMPLES = SHARED / "examples"
EXAMPLE = EXAMPLES / "ninh-binh-dan-van-2021-07-02.txt"
ARCHIVE = DATA / "archive" / "articles.jsonl.gz"


PEER_SUITES = DATA / "peer_suites"


def peer_rows(name: str) -> list[dict[str, str]]:
    """The rows of one peer-suite TSV in ../shared/data/peer_suites (skips when the shared data is absent)."""
    with open(need(PEER_SUITES / name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data sits beside the repository in CI)")
    return path


@pytest.fixture(scope="session")
def example_text() -> str:
    return need(EXAMPLE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_gold() -> dict:
    return json.loads(need(EXAMPLES / "ninh-binh-dan-van-2021-07-02.gold.jsonl").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def archive_sample() -> list[dict]:
    """Every 100th archive article: 200 real articles across the four sources."""
    with gzip.open(need(ARCHIVE), "rt", encoding="utf-8") as f:
        return [json.loads(line) for i, line in enumerate(f) if i % 100 == 0]


@pytest.fixture(autouse=True)
def _counted_budgets_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests judge work by what is counted (characters scanned), never by time: the budget's CPU backstop is off."""
    monkeypatch.setattr(_patterns, "ARTICLE_SECONDS", 1e9)
    yield


def scanned(run: Callable[[], Any]) -> int:
    """Characters the patterns of ``run()`` scanned (its counted work); a scan over its own time limit ends it."""
    budget = _patterns.Budget(10**15, seconds=1e9)
    with _patterns.charged(budget), contextlib.suppress(_patterns.PatternTimeout):
        run()
    return budget.spent


def in_threads(work: Callable[[int], None], threads: int = 4) -> None:
    """``work(7 * k)`` in each of ``threads`` threads at once, switching between them as often as Python can, so
    that a cache shared without a lock is caught changing under another thread's feet."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        running = [threading.Thread(target=work, args=(k * 7,)) for k in range(threads)]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
