"""The Vietnamese words of dates, read once from the ``date_*`` tables of ``dvextract/data``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .._resources import table

__all__ = ["Lexicon", "fold", "lexicon"]


def fold(words: str) -> str:
    """The lookup key of a phrase as written: case folded, spaces collapsed (``Tháng  Giêng`` → ``tháng giêng``)."""
    return " ".join(words.casefold().split())


@dataclass(frozen=True)
class Lexicon:
    """Each table keyed by the folded phrase; ``words`` holds the grammar words of ``date_words`` by role."""

    words: dict[str, list[str]]
    numbers: dict[str, int]
    months: dict[str, int]
    lunar_months: frozenset[str]
    weekdays: dict[str, int]
    parts_of_day: dict[str, tuple[str, int, int]]  # word → (part, first and last hour read as p.m.)
    relative: dict[str, tuple[str, int, str, str]]  # word → (unit, offset, what it needs, what it counts from)
    shifts: dict[str, tuple[int, str]]  # tới, qua … → (direction, "point" or "span")
    units: dict[str, str]
    edges: dict[str, str]
    terms: dict[str, str]
    holidays: dict[str, tuple[int, int, bool, bool]]  # name → (month, day, lunar, a date without its day)
    stems: dict[str, int]
    branches: dict[str, int]
    seasons: dict[str, tuple[int, int]]  # name → (first month, last month)

    def number(self, token: str | None) -> int | None:
        """A number written in digits, as a word (``mười``) or as a month name (``Giêng``)."""
        if token is None:
            return None
        if token.isdigit():
            return int(token)
        key = fold(token)
        return self.numbers.get(key, self.months.get(key))

    def canchi(self, name: str) -> tuple[int, int]:
        """(stem, branch) of a can-chi year name (``Tân Sửu``)."""
        stem, branch = name.split(None, 1)
        return self.stems[fold(stem)], self.branches[fold(branch)]

    def is_word(self, role: str, token: str) -> bool:
        """Whether ``token`` is one of the grammar words of ``role``."""
        return fold(token) in map(fold, self.words.get(role, []))


@cache
def lexicon() -> Lexicon:
    words: dict[str, list[str]] = {}
    for r in table("date_words"):
        words.setdefault(r["role"], []).append(r["word"])
    canchi = table("date_canchi")
    return Lexicon(
        words=words,
        numbers={fold(r["word"]): int(r["value"]) for r in table("date_numbers")},
        months={fold(r["word"]): int(r["month"]) for r in table("date_months")},
        lunar_months=frozenset(fold(r["word"]) for r in table("date_months") if r["calendar"] == "lunar"),
        weekdays={fold(r["word"]): int(r["weekday"]) for r in table("date_weekdays")},
        parts_of_day={
            fold(r["word"]): (r["part"], int(r["pm_from"]), int(r["pm_to"])) for r in table("date_parts_of_day")
        },
        relative={
            fold(r["word"]): (r["unit"], int(r["offset"]), r["needs"] or "", r["anchor"])
            for r in table("date_relative")
        },
        shifts={fold(r["word"]): (int(r["direction"]), r["kind"]) for r in table("date_shifts")},
        units={fold(r["word"]): r["unit"] for r in table("date_units")},
        edges={fold(r["word"]): r["edge"] for r in table("date_edges")},
        terms={fold(r["word"]): r["kind"] for r in table("date_terms")},
        holidays={
            fold(r["word"]): (int(r["month"]), int(r["day"]), r["calendar"] == "lunar", r["alone"] == "yes")
            for r in table("date_holidays")
        },
        stems={fold(r["word"]): int(r["index"]) for r in canchi if r["kind"] == "stem"},
        branches={fold(r["word"]): int(r["index"]) for r in canchi if r["kind"] == "branch"},
        seasons={fold(r["word"]): (int(r["start"]), int(r["end"])) for r in table("date_seasons")},
    )
