"""Keys for matching one name or one office written two ways: a name's middle names in any order, a title's
words with abbreviations written out, its head and parts (`phó chủ tịch thường trực`), its last words with or
without a unit word (`… tỉnh Yên Bái` ~ `… Yên Bái`)."""

from __future__ import annotations

from functools import cache

from .._entities import Found as Entity
from .._entities.lexicon import grammar_words
from .._resources import table

__all__ = ["bare_titles", "countries", "degrees", "head", "loose", "name_key", "office_key", "title_key"]


def name_key(words: list[str]) -> str:
    """One key for a name's spellings: `Vương Hoàng Đức Quân` and `Vương Đức Hoàng Quân` are one person."""
    middle = sorted(words[1:-1])
    return " ".join([words[0], *middle, words[-1]] if len(words) > 2 else words).casefold()


@cache
def bare_titles() -> frozenset[str]:
    """Title heads with their parts and nothing else (`thủ tướng`, `phó chủ tịch thường trực`), casefolded."""
    heads = {" ".join(r["title"].split()).casefold() for r in table("titles")}
    parts = table("title_parts")
    pre = {r["part"].casefold() for r in parts if r["position"] == "before"}
    post = {r["part"].casefold() for r in parts if r["position"] != "before"}
    forms = heads | {f"{h} {p}" for h in heads for p in post}
    return frozenset(forms | {f"{p} {f}" for f in forms for p in pre})


def head(words: list[str]) -> int:
    """How many of a title's casefolded words are its head and parts (`phó chủ tịch` of `phó chủ tịch ubnd tỉnh`)."""
    return next((n for n in range(len(words), 0, -1) if " ".join(words[:n]) in bare_titles()), 0)


@cache
def countries() -> frozenset[str]:
    """Country names (countries.tsv), casefolded: words after an office that make it another country's
    (`Bộ trưởng Ngoại giao New Zealand` is not the `Bộ trưởng Ngoại giao` named)."""
    return frozenset(" ".join(r["country"].split()).casefold() for r in table("countries"))


@cache
def degrees() -> frozenset[str]:
    """Academic titles (``kind=academic`` in titles.tsv), as :func:`title_key` writes them."""
    return frozenset(" ".join(r["title"].split()).casefold() for r in table("titles") if r["kind"] == "academic")


def title_key(text: str, e: Entity) -> str:
    """A title's words, casefolded, single-spaced."""
    return " ".join(text[e.start : e.end].split()).casefold()


def office_key(text: str, e: Entity) -> list[str]:
    """A title's words for matching one office written two ways: abbreviations written out, no punctuation or
    `và` (`Giám đốc Sở TN-MT` ~ `Giám đốc Sở Tài nguyên & Môi trường`)."""
    words = (e.expansion or text[e.start : e.end]).casefold().replace(".", " ").split()  # `TP.Phan Thiết` ~ `TP`
    return [w for w in (w.strip(",;:()-&") for w in words) if w and w not in grammar_words("and")]


@cache
def _units() -> frozenset[str]:
    return frozenset(r["unit"].casefold() for r in table("admin_units"))


@cache
def _kept_units() -> frozenset[str]:
    """Two words that start with a unit word and are a body or another word (`tỉnh ủy`, `xã hội`), casefolded."""
    bodies = {" ".join(r["organisation"].casefold().split()[:2]) for r in table("organisations")}
    return frozenset(bodies | {r["compound"].casefold() for r in table("unit_compounds")})


def loose(words: list[str]) -> str:
    """A held title's last words without a unit word before a place's name: `… tỉnh Yên Bái` ~ `… Yên Bái`;
    never the unit of a body (`Tỉnh ủy`) or of another word (`xã hội`)."""
    return " ".join(w for n, w in enumerate(words) if not (
        w in _units() and n + 1 < len(words) and f"{w} {words[n + 1]}" not in _kept_units()))
