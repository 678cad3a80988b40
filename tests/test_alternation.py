"""The one helper that turns word lists and number ranges into regex pieces."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import dvextract
from dvextract._alternation import alternation, integer_range, prefix_tree


def test_longest_first_escaped_and_deduplicated() -> None:
    assert alternation(["vào", "vào lúc", "", "a.b", "vào"]) == r"(?:vào\ lúc|a\.b|vào)"
    assert regex.fullmatch(alternation(["a.b"]), "axb") is None


def test_inner_spaces_match_any_run_of_spaces() -> None:
    pattern = alternation(["âm lịch", "ngày"], space=r"[^\S\n]+")
    assert pattern == r"(?:âm[^\S\n]+lịch|ngày)"
    assert regex.fullmatch(pattern, "âm \u00a0 lịch") is not None
    assert regex.fullmatch(pattern, "âm\nlịch") is None


def test_longest_wins_at_the_same_start() -> None:
    assert regex.match(alternation(["vào", "vào lúc"]), "vào lúc 8h").group() == "vào lúc"


def test_years_range() -> None:
    assert integer_range(1500, 2199) == r"(?:1[5-9]\d\d|2[0-1]\d\d)"


@given(st.integers(0, 3000), st.integers(0, 3000))
def test_integer_range_matches_exactly_its_numbers(a: int, b: int) -> None:
    low, high = min(a, b), max(a, b)
    pattern = regex.compile(integer_range(low, high))
    for n in {0, low - 1, low, (low + high) // 2, high, high + 1, 9, 10, 99, 100, 999, 1000, 2999}:
        if n >= 0:
            assert (pattern.fullmatch(str(n)) is not None) == (low <= n <= high), (low, high, n)


def test_integer_range_refuses_a_backward_range() -> None:
    with pytest.raises(ValueError):
        integer_range(5, 2)


def test_prefix_tree_matches_what_the_alternation_matches() -> None:
    words = ["ba", "buổi", "b", "i", "ii", "iii", "tháng", "thứ", "", "a.b"]
    assert prefix_tree(words) == r"(?:a\.b|b(?:a|uổi)?|i(?:i(?:i)?)?|th(?:áng|ứ))"
    text = "Buổi iii ba b thứ tháng a.b axb iiii"
    for pattern in (prefix_tree(words), alternation(words)):
        found = [m.group() for m in regex.finditer(rf"(?<!\w){pattern}(?!\w)", text, regex.I)]
        assert found == ["Buổi", "iii", "ba", "b", "thứ", "tháng", "a.b"]


def test_no_alternation_of_words_built_outside_the_helper() -> None:
    """``"|".join(regex.escape(w) …)`` anywhere else is a second way to make a word list a pattern (the order of
    its words, the spaces inside them): every extractor goes through ``_alternation``."""
    package = Path(dvextract.__file__).resolve().parent
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join"
                    and isinstance(node.func.value, ast.Constant) and node.func.value.value == "|"
                    and "escape" in ast.dump(node)):
                found.append(f"{path.relative_to(package)}:{node.lineno}")
    assert [f for f in found if not f.startswith("_alternation.py:")] == []
