"""Pieces every date rule shares: spaces, years, the named word lists a rule pattern may use, and the patterns
read around a match (what may join two atoms, what before a number makes it a date)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import NamedTuple

import regex

from .. import _patterns
from .._alternation import alternation, integer_range
from .lexicon import lexicon

__all__ = ["END", "SP", "SP0", "START", "YEAR", "Surroundings", "surroundings", "vocabulary"]

SP = r"[^\S\n]+"
"""One or more spaces within a line."""
SP0 = r"[^\S\n]*"
YEAR = integer_range(1500, 2199) + r"(?!\d)"
"""A year written in full, 1500 to 2199."""
START = r"(?<![\w/])"
"""What every rule's match starts after: not inside a word or a date."""
END = r"(?!\w)"


def _words(words: list[str]) -> str:
    return alternation(words, space=SP)


@cache
def vocabulary() -> dict[str, str]:
    """The named pieces a rule's pattern uses as ``{name}``: every role of ``date_words`` (``{day}`` is ngày,
    mồng, mùng, hôm), every ``date_*`` table by its plural (``{weekdays}``), and a few built from them."""
    lx = lexicon()
    tables: dict[str, Mapping[str, object]] = {
        "numbers": lx.numbers, "months": lx.months, "weekdays": lx.weekdays, "parts_of_day": lx.parts_of_day,
        "relative": lx.relative, "shifts": lx.shifts, "units": lx.units, "edges": lx.edges, "terms": lx.terms,
        "holidays": lx.holidays, "stems": lx.stems, "branches": lx.branches, "seasons": lx.seasons,
    }
    pieces = {name: _words(list(words)) for name, words in tables.items()}
    roles = {role: _words(words) for role, words in lx.words.items()}
    built = {
        "count": rf"(?:\d{{1,3}}|{pieces['numbers']})",  # 3, ba
        "month_number": rf"(?:\d{{1,2}}|{pieces['months']})",  # 7, bảy, Giêng
        "day_words": rf"(?:{roles['day']}(?:{SP}{roles['day']})?)",  # ngày, ngày mồng
        "canchi": rf"(?:{pieces['stems']}{SP}{pieces['branches']})",  # Tân Sửu
        "SP": SP, "SP0": SP0, "YEAR": YEAR, "END": END,
    }
    clash = (pieces.keys() | built.keys()) & roles.keys()
    if clash:
        raise ValueError(f"date_words roles shadow names of the date grammar: {sorted(clash)}")
    return {**roles, **pieces, **built}


class Surroundings(NamedTuple):
    """Patterns read around atoms, never at the start of one."""

    gap: regex.Pattern[str]  # what may stand between two atoms of one expression (`chiều, ngày 2/7`)
    range_gap: regex.Pattern[str]  # between the two ends of a range: `-`, `đến`
    cue_before: regex.Pattern[str]  # vào ngày, từ, lúc, `(`: what makes a bare 7/3 or weekday a date
    birth_before: regex.Pattern[str]  # sinh …: a birth date, whose year no other date takes
    from_before: regex.Pattern[str]  # từ …: a range's opening word, part of its span
    capital_before: regex.Pattern[str]  # a capitalised word before a bare year (`Đại hội XIII 2021`)
    compound_day: regex.Pattern[str]  # dài ngày, hằng ngày: "ngày" belongs to the word before, not the date
    duration_before: regex.Pattern[str]  # trong (suốt) một năm qua: a duration, not a date
    number_before: regex.Pattern[str]  # 4 năm sau, nhiều tháng trước: a count of years or months, not "next year"
    ordinal_after: regex.Pattern[str]  # Thứ hai, … : "secondly", not Monday
    dot_day_before: regex.Pattern[str]  # tối 19.5, sáng nay 20.5: a dotted day and month
    dot_amount_after: regex.Pattern[str]  # 1.5 triệu: an amount after all
    year_cue_before: regex.Pattern[str]  # so với, tầm nhìn đến, trước: what makes a bare 2020 a year
    counted_after: regex.Pattern[str]  # 2000 đồng, 2000 người: a number followed by what it counts (not by
    # a grammar word that may follow a year: tầm nhìn đến 2030 của tỉnh)
    chainage_before: regex.Pattern[str]  # Km 1632: a distance along a road, never a year
    back_then_before: regex.Pattern[str]  # hồi: inside the date's span (hồi tháng 3)
    listed_year_before: regex.Pattern[str]  # năm 2013, [2014]: a year listed after a stated one
    qualifier_before: regex.Pattern[str]  # Hơn 2000 giáo dân: a qualifier before a count, not a name


@cache
def surroundings() -> Surroundings:
    w = vocabulary()
    flags = regex.I

    def words_before(alternatives: str, space: str = SP0) -> regex.Pattern[str]:
        return _patterns.compile(rf"(?<![\w])(?:{alternatives}){space}$", flags)

    return Surroundings(
        gap=_patterns.compile(rf"{SP0}(?:[,|-]{SP0})?(?:(?:{w['at']}|{w['of']}){SP})?", flags),
        range_gap=_patterns.compile(
            rf"{SP0}(?:-|–|{w['to']}(?:{SP}{w['through']})?|{w['and']}){SP0}(?:{w['day']}{SP})?", flags),
        cue_before=_patterns.compile(
            rf"(?:(?<![\w])(?:{w['cue']}|{w['from']}|{w['to']}|{w['at']}){SP0}|\({SP0})$", flags
        ),
        birth_before=words_before(w["birth"]),
        from_before=words_before(w["from"], SP),
        capital_before=_patterns.compile(r"(?<![\w])\p{Lu}[\w.]*" + SP + "$"),
        compound_day=words_before(w["compound_day"], SP),
        duration_before=words_before(rf"{w['duration']}|{w['cue']}", SP),
        number_before=words_before(rf"\d+|{w['numbers']}|{w['quantity']}", SP),
        ordinal_after=_patterns.compile(rf"{SP0}[,:]|{SP}{w['ordinal_after']}{END}", flags),
        dot_day_before=_patterns.compile(
            rf"\b(?:{w['parts_of_day']}|{w['relative']}|{w['day']}|{w['ago']})(?:{SP0}\(|{SP})$", flags
        ),
        dot_amount_after=_patterns.compile(rf"{SP0}(?:%|{w['not_after_dot']}(?!\w))", flags),
        year_cue_before=words_before(rf"{w['year_cue']}|{w['other_frame']}|{w['birth']}", SP),
        counted_after=_patterns.compile(rf"{SP}(?!(?:{w['after_year']}){END})(?:\p{{Ll}}|\p{{Lu}}{{2}})"),
        chainage_before=_patterns.compile(r"(?<![\w])km" + SP0 + "$", flags),
        back_then_before=words_before(w["back_then"], SP),
        qualifier_before=words_before(w["qualifier"], SP),
        listed_year_before=_patterns.compile(
            rf"(?<![\w])(?:{w['year']}){SP}{YEAR}(?:{SP0},{SP0}{YEAR})*(?:{SP0},|{SP}{w['and']}){SP0}$", flags),
    )
