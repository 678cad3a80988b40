"""The number parser: bare numerals (corpora/examples/numbers/numerals.yaml) and its building blocks."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from dvextract._numbers import evaluate, number_end, parse_digits, parse_number, tokenize

NUMERALS = Path(__file__).resolve().parent.parent / "corpora" / "examples" / "numbers" / "numerals.yaml"


def _cases():
    spec = yaml.safe_load(NUMERALS.read_text(encoding="utf-8"))
    for ex in spec["examples"]:
        for text in ex["texts"]:
            yield pytest.param(text, ex["expect"]["value"], id=f"numbers:{text}")
    for text in spec.get("negatives", []):
        yield pytest.param(text, None, id=f"numbers:NOT:{text}")


@pytest.mark.parametrize(("text", "value"), list(_cases()))
def test_numeral(text: str, value: float | None) -> None:
    got = parse_number(text)
    if value is None:
        assert got is None, f"{text!r} is not a number, got {got}"
    else:
        assert got is not None and math.isclose(got, value, rel_tol=1e-12), f"{text!r}: expected {value}, got {got}"


@pytest.mark.parametrize(
    ("digits", "value"),
    [("9.081", 9081), ("2.811,7", Fraction(28117, 10)), ("1,1", Fraction(11, 10)), ("1,200,000", 1200000),
     ("1.5", Fraction(3, 2)), ("08", 8), ("1.2.3", None), ("1" * 100, None), ("1.2,3,4", None)],
)
def test_parse_digits(digits: str, value) -> None:
    assert parse_digits(digits) == value


def test_exact_arithmetic() -> None:
    """2.811,7 triệu is exactly 2811700000, an int, not a float a hair off."""
    value = parse_number("2.811,7 triệu")
    assert value == 2811700000 and isinstance(value, int)


@pytest.mark.parametrize(
    ("text", "n"),
    [("năm 2021", 1), ("1 tỷ 200 triệu", 4), ("hai mươi mốt", 3), ("hai ba", 1), ("tỷ", 0), ("tỷ rưỡi", 2),
     ("hai trăm lẻ", 2), ("mốt", 0)],
)
def test_running_text_reads_standard_numbers_only(text: str, n: int) -> None:
    """In running text digits join words only through a multiplier, and spelled numbers read the standard way."""
    tokens = tokenize(text)
    assert tokens is not None
    assert number_end(tokens, 0) == n


def test_huge_digit_strings_are_not_numbers() -> None:
    assert parse_number("9" * 5000) is None
    assert evaluate(tokenize("hai mươi")) == (Fraction(20), None)
