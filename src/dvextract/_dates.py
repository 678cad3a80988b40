"""Dates, periods and terms: found in running text and normalized to ISO 8601 values.

Contract with the pipeline: ``find_dates(text, published)`` scans the working text (normalized; boilerplate
blanked with spaces, so offsets are unchanged) and returns one :class:`Found` per temporal expression, with
offsets into ``text`` and the fields of :class:`dvextract.DateMention` other than the span.

How it works, in the manner of Duckling but flat: one left-to-right pass finds *atoms* (a day ``2/7``, a part
of day ``chiều``, a clock time ``18h``, a weekday, a month, a relative word ``hôm qua``, a term ``nhiệm kỳ 2021 -
2026`` …), trying at each word that can open one (a number, or the first word of a table entry) only the patterns
that word opens, so the cost is linear in the text and small per article. Neighbouring atoms that fit together
are merged (``Chiều`` + ``2/7``, ``18h`` + ``ngày 5/4``, ``từ ngày 7`` + ``đến 12/4/2017``); what is left
standing is resolved against the publication date or the years the article states. Every Vietnamese word
comes from the ``date_*`` tables in ``dvextract/data``.
"""

from __future__ import annotations

import bisect
import calendar
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from . import _patterns
from ._lunar import canchi_year, lunar_to_solar
from ._resources import table

__all__ = ["Found", "find_dates"]


class Found(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]


_DIGIT = "0"
"""The opener key of atoms that start with a number."""
SP = r"[^\S\n]+"
SP0 = r"[^\S\n]*"
YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)(?!\d)"
_MAX_GAP = 16
"""Atoms further apart than this many characters are never merged."""
_SAME_YEAR_DAYS = 270
"""A day or month without a year is in the publication year unless that puts it this far from publication."""


# --------------------------------------------------------------------------------------------------- lexicon


def _alt(words: list[str]) -> str:
    """An alternation of surface forms, longest first, internal spaces matching any run of spaces."""
    forms = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(SP.join(_patterns.regex.escape(p) for p in w.split()) for w in forms) + ")"


def _seq(*parts: str) -> str:
    return "".join(parts)


def _key(s: str) -> str:
    return " ".join(s.casefold().split())


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, list[str]]
    numbers: dict[str, int]
    months: dict[str, int]
    lunar_months: frozenset[str]
    weekdays: dict[str, int]
    parts: dict[str, tuple[str, int, int]]
    relative: dict[str, tuple[str, int, str, str]]
    shifts: dict[str, tuple[int, str]]
    units: dict[str, str]
    edges: dict[str, str]
    terms: dict[str, str]
    holidays: dict[str, tuple[int, int, bool, bool]]
    stems: dict[str, int]
    branches: dict[str, int]
    seasons: dict[str, tuple[tuple[int, int], tuple[int, int]]]

    def w(self, role: str) -> str:
        return _alt(self.words[role])


@cache
def _lexicon() -> _Lexicon:
    words: dict[str, list[str]] = {}
    for r in table("date_words"):
        words.setdefault(r["role"], []).append(r["word"])

    def md(s: str) -> tuple[int, int]:
        m, d = s.split("-")
        return int(m), int(d)

    return _Lexicon(
        words=words,
        numbers={_key(r["word"]): int(r["value"]) for r in table("date_numbers")},
        months={_key(r["word"]): int(r["month"]) for r in table("date_months")},
        lunar_months=frozenset(_key(r["word"]) for r in table("date_months") if r["calendar"] == "lunar"),
        weekdays={_key(r["word"]): int(r["weekday"]) for r in table("date_weekdays")},
        parts={_key(r["word"]): (r["part"], int(r["pm_from"]), int(r["pm_to"])) for r in table("date_parts_of_day")},
        relative={
            _key(r["word"]): (r["unit"], int(r["offset"]), r["needs"] or "", r["anchor"])
            for r in table("date_relative")
        },
        shifts={_key(r["word"]): (int(r["direction"]), r["kind"]) for r in table("date_shifts")},
        units={_key(r["word"]): r["unit"] for r in table("date_units")},
        edges={_key(r["word"]): r["edge"] for r in table("date_edges")},
        terms={_key(r["word"]): r["kind"] for r in table("date_terms")},
        holidays={
            _key(r["word"]): (int(r["month"]), int(r["day"]), r["calendar"] == "lunar", r["alone"] == "yes")
            for r in table("date_holidays")
        },
        stems={_key(r["word"]): int(r["index"]) for r in table("date_canchi") if r["kind"] == "stem"},
        branches={_key(r["word"]): int(r["index"]) for r in table("date_canchi") if r["kind"] == "branch"},
        seasons={_key(r["word"]): (md(r["start"]), md(r["end"])) for r in table("date_seasons")},
    )


@cache
def _grammar() -> Any:
    """The patterns of atoms, grouped by the word that opens them; within a group, longer readings come first."""
    lx = _lexicon()
    B, E = r"(?<![\w/])", r"(?!\w)"
    num = _alt(list(lx.numbers))
    n = rf"(?:\d{{1,3}}|{num})"
    month_name = rf"(?:\d{{1,2}}|{_alt(list(lx.months))})"
    day_w = lx.w("day")
    days = rf"(?:{day_w}(?:{SP}{day_w})?)"
    year_w, month_w, hour_w, min_w = lx.w("year"), lx.w("month"), lx.w("hour"), lx.w("minute")
    edge, pod, shift = _alt(list(lx.edges)), _alt(list(lx.parts)), _alt(list(lx.shifts))
    unit = _alt(list(lx.units))
    canchi = rf"(?:{_alt(list(lx.stems))}{SP}{_alt(list(lx.branches))})"
    lunar = lx.w("lunar")
    this = lx.w("this")
    W = lx.words.get
    D = [_DIGIT]
    alternatives = [
        # nhiệm kỳ 2021 - 2026, giai đoạn 2021-2025
        (list(lx.terms), _seq(
            rf"(?P<term>{_alt(list(lx.terms))}){SP}(?P<t1>{YEAR}){SP0}-{SP0}(?P<t2>\d{{4}}|\d{{2}})(?!\d)",
        )),
        # 6 tháng đầu năm 2021, nửa cuối năm nay
        (D + list(lx.numbers) + W("half"), _seq(
            rf"(?:(?P<hn>\d{{1,2}}|{num}){SP}{month_w}|{lx.w('half')}){SP}(?P<hedge>{edge}){SP}{year_w}",
            rf"(?:{SP}(?:(?P<hy>{YEAR})|(?P<hthis>{this})))?{E}",
        )),
        # Tết Nguyên đán Tân Sửu 2021, mùng 3 Tết, Giáng sinh
        (W("day") + list(lx.holidays), _seq(
            rf"(?:{days}{SP}(?P<hdn>\d{{1,2}}|{num}){SP})?(?P<hol>{_alt(list(lx.holidays))}){E}",
            rf"(?:{SP}(?:{year_w}{SP})?(?P<hcc>{canchi}){E})?(?:{SP0},?{SP0}(?:{year_w}{SP})?(?P<hy2>{YEAR}))?",
        )),
        # 2 ngày trước, 3 tháng tới, cách đây 5 năm
        (W("ago") + D + list(lx.numbers), _seq(
            rf"(?:{lx.w('ago')}{SP}(?P<an>{n}){SP}(?P<au>{unit})|(?P<nn>{n}){SP}(?P<nu>{unit}){SP}(?P<ns>{shift}))",
            rf"{E}(?!{SP}{lx.w('not_after_shift')}{E})",
        )),
        # ngày 2 tháng 7 năm 2021, mồng 3 tháng Giêng âm lịch
        (W("day") + D, _seq(
            rf"(?:(?P<dw>{days}){SP})?(?P<dd>\d{{1,2}}){SP}{month_w}{SP}(?P<dmo>{month_name}){E}",
            rf"(?:{SP0},?{SP0}(?:{year_w}{SP})?(?P<dy>{YEAR}))?(?:{SP}(?P<dl>{lunar}){E})?",
        )),
        # 2/7, ngày 02-7-2021, 30.4.1975
        (W("day") + D, _seq(
            rf"(?:(?P<ndw>{days}){SP})?(?<![\w/.,])(?P<nd>\d{{1,2}})(?P<sep>[/.-])(?P<nm>\d{{1,2}})",
            rf"(?:(?P=sep)(?P<ny>\d{{4}}|\d{{2}}))?(?![\w/]|[.,]\d)(?:{SP}(?P<nl>{lunar}){E})?",
        )),
        # 18h, 10 giờ 45 phút, 3 giờ rưỡi chiều, 11 giờ kém 15, 15:23, 8h30 sáng
        (D + list(lx.numbers), _seq(
            rf"(?P<hh>\d{{1,2}}|{num})(?:{SP0}{hour_w}(?:{SP0}(?P<mi>\d{{1,2}})(?:{SP0}{min_w})?)?",
            rf"(?:{SP}(?P<hhalf>{lx.w('half_hour')}))?(?:{SP}{lx.w('minus')}{SP}(?P<km>\d{{1,2}})(?:{SP0}{min_w})?)?",
            rf"|:(?P<mi2>\d{{2}})(?::(?P<ss>\d{{2}}))?)(?:{SP0}(?P<ampm>{lx.w('am')}|{lx.w('pm')}))?{E}",
            rf"(?:{SP}(?P<tpod>{pod}){E})?",
        )),
        # tháng 7, tháng 1/2021, tháng mười năm 2017, tháng 3 tới
        (W("month"), _seq(
            rf"{month_w}{SP}(?P<mo>{month_name}){E}(?:{SP0}(?:[/.-]|,)?{SP0}(?:{year_w}{SP})?(?P<my>{YEAR}))?",
            rf"(?:{SP}(?P<msh>{shift}){E})?(?:{SP}(?P<ml>{lunar}){E})?",
        )),
        # quý I/2021, quý 4 năm 2018
        (W("quarter"), _seq(
            rf"{lx.w('quarter')}{SP}(?P<q>\d|{num}){E}",
            rf"(?:(?:{SP0}[/-]{SP0}|{SP}(?:{lx.w('of')}{SP})?{year_w}{SP})(?P<qy>{YEAR}))?",
        )),
        # năm 2021, năm 2016-2017, SN 1990, năm Tân Sửu
        (W("year") + W("birth_abbr"), _seq(
            rf"{year_w}{SP}(?:(?P<yy>{YEAR})(?:{SP0}-{SP0}(?P<yy3>{YEAR}))?|(?P<ycc>{canchi}){E})",
            rf"|(?P<sn>{lx.w('birth_abbr')}){SP0}(?P<yy2>{YEAR})",
        )),
        # thập niên 1990, những năm 90, thế kỷ XX
        (W("decade") + W("century"), _seq(
            rf"{lx.w('decade')}{SP}(?P<dec>\d{{3}}0|\d0)(?!\d)",
            rf"|{lx.w('century')}{SP}(?P<cen>\d{{1,2}}|[IVXivx]{{1,5}}){E}",
        )),
        # ngày đầu tiên của tháng 3, tuần đầu tiên của tháng 9 năm 2017
        (list(lx.units), _seq(
            rf"(?P<fu>{unit}){SP}(?P<fe>{lx.w('first')}|{lx.w('last')}){E}(?:{SP}{lx.w('of')})?(?={SP}{month_w})",
        )),
        (list(lx.seasons), rf"(?P<sea>{_alt(list(lx.seasons))}){E}(?:{SP}(?P<seath>{this}){E})?"),
        (list(lx.weekdays), rf"(?P<wd>{_alt(list(lx.weekdays))}){E}(?:{SP}(?P<wdsh>{shift}){E})?"),
        (list(lx.relative), rf"(?P<rel>{_alt(list(lx.relative))}){E}"),
        (list(lx.parts), rf"(?P<pod>{pod}){E}"),
        (list(lx.edges), rf"(?P<edge>{edge}){E}"),
        (W("day"), rf"{day_w}{SP}(?P<dn>\d{{1,2}})(?![\w/.-])"),
        (D, rf"(?P<by>{YEAR})"),
    ]
    # One pattern per opening word, holding (in order) the alternatives that can start with it: a scan tries
    # only those at each word start, instead of every alternative at every character.
    openings: dict[str, list[int]] = {}
    for i, (opening, _) in enumerate(alternatives):
        for word in opening:
            key = _DIGIT if word == _DIGIT else _key(word).split(" ")[0]
            if i not in openings.setdefault(key, []):
                openings[key].append(i)
    compiled: dict[tuple[int, ...], Any] = {}
    by_opener = {}
    for key, indices in openings.items():
        group = tuple(indices)
        if group not in compiled:
            body = "|".join(f"(?:{alternatives[i][1]})" for i in group)
            compiled[group] = _patterns.compile(f"{B}(?:{body})", _patterns.regex.I)
        by_opener[key] = compiled[group]
    # Where an atom can start: a number, or a word that opens some alternative (a set lookup, not a scan).
    openers = sorted(k for k in by_opener if k != _DIGIT)
    words = _patterns.compile(
        r"(?<![\w/.,-])\d|(?<![\w/])\L<openers>(?![^\W\d])", _patterns.regex.I, openers=openers
    )
    gap = _patterns.compile(rf"{SP0}(?:[,|-]{SP0})?(?:(?:{lx.w('at')}|{lx.w('of')}){SP})?", _patterns.regex.I)
    range_gap = _patterns.compile(rf"{SP0}(?:-|{lx.w('to')}){SP0}(?:{lx.w('day')}{SP})?", _patterns.regex.I)
    before = _patterns.compile(
        rf"(?:(?<![\w])(?:{lx.w('cue')}|{lx.w('from')}|{lx.w('to')}|{lx.w('at')}){SP0}|\({SP0})$", _patterns.regex.I
    )
    birth = _patterns.compile(rf"(?<![\w]){lx.w('birth')}{SP0}$", _patterns.regex.I)
    from_w = _patterns.compile(rf"(?<![\w]){lx.w('from')}{SP}$", _patterns.regex.I)
    compound_day = _patterns.compile(rf"(?<![\w]){lx.w('compound_day')}{SP}$", _patterns.regex.I)
    duration = _patterns.compile(rf"(?<![\w])(?:{lx.w('duration')}|{lx.w('cue')}){SP}$", _patterns.regex.I)
    ordinal_after = _patterns.compile(rf"{SP0}[,:]|{SP}{lx.w('ordinal_after')}{E}", _patterns.regex.I)
    number_before = _patterns.compile(rf"(?<![\w])(?:\d+|{num}|{lx.w('quantity')}){SP}$", _patterns.regex.I)
    capital_before = _patterns.compile(r"(?<![\w])\p{Lu}[\w.]*" + SP + "$")
    return _Grammar(by_opener, words, gap, range_gap, before, birth, from_w, capital_before, compound_day, duration,
                    number_before, ordinal_after)


class _Grammar(NamedTuple):
    by_opener: dict[str, Any]  # first word of an atom (or a digit) → the pattern of atoms that start with it
    words: Any
    gap: Any
    range_gap: Any
    cue_before: Any
    birth_before: Any
    from_before: Any
    capital_before: Any
    compound_day: Any  # dài ngày, hằng ngày: "ngày" belongs to the word before, not to the date after
    duration_before: Any  # trong (suốt) một năm qua: a duration, not a date
    number_before: Any  # 4 năm sau, nhiều tháng trước: a count of years or months, not "next year"
    ordinal_after: Any  # Thứ hai, … : "secondly", not Monday


# ------------------------------------------------------------------------------------------------------ atoms


@dataclass
class _Item:
    """An atom, or atoms merged: the slots they fill, read but not yet resolved."""

    start: int
    end: int
    kind: str  # day, dayrange, month, monthrange, year, quarter, half, term, rel, span, season, weekday, firstof,
    # or what stands only beside a date: pod, time, edge, relpart, daynum, holidayname, bareyear
    core: dict[str, Any] = field(default_factory=dict)
    pod: str | None = None
    pm: tuple[int, int] | None = None
    time: tuple[int, int] | None = None
    edge: str | None = None
    weekday: tuple[int, int | None] | None = None  # (1 = Monday … 7, shift: 1 tới, -1 vừa qua, 0 này, None)
    lunar: bool = False
    cue: bool = False  # something in the expression says it is a date (a day word, a part of day, …)
    capital_weekday: bool = False


@cache
def _dot_cue() -> tuple[Any, Any]:
    """Words right before `19.5` that make it a day and month (`tối 19.5`, `sáng nay 20.5`, `Hôm qua 21.6`), and
    the words right after it that make it an amount after all (`1.5 triệu`)."""
    lx = _lexicon()
    cue = _patterns.compile(
        rf"\b(?:{_alt(list(lx.parts))}|{_alt(list(lx.relative))}|{lx.w('day')}|{lx.w('ago')})(?:{SP0}\(|{SP})$",
        _patterns.regex.I)
    return cue, _patterns.compile(rf"{SP0}(?:%|{lx.w('not_after_dot')}(?!\w))", _patterns.regex.I)


def _dotted_day(m: Any, s: int, e: int, day_word: bool) -> bool:
    """`7.2` is a number unless a day word or part of day says it is a day (`tối 19.5`), and no amount follows
    (`sáng nay 1.5 triệu người`)."""
    before, amount = _dot_cue()
    return (day_word or before.search(m.string, max(0, s - 20), s, timeout=_patterns.SCAN_TIMEOUT) is not None) \
        and amount.match(m.string, e, timeout=_patterns.SCAN_TIMEOUT) is None


def _int(token: str | None, lx: _Lexicon) -> int | None:
    if token is None:
        return None
    if token.isdigit():
        return int(token)
    k = _key(token)
    return lx.numbers.get(k, lx.months.get(k))


def _year2(token: str) -> int:
    y = int(token)
    return y if len(token) == 4 else (2000 + y if y < 50 else 1900 + y)


def _atom(m: Any, lx: _Lexicon) -> _Item | None:
    g = m.groupdict()
    s, e = m.span()
    if g.get("term"):
        y1, y2 = int(g.get("t1")), int(g.get("t2")) if len(g.get("t2")) == 4 else int(g.get("t1")[:2] + g.get("t2"))
        return _Item(s, e, "term", {"years": (y1, y2)}, cue=True) if y1 < y2 <= y1 + 30 else None
    if g.get("hedge"):
        count = 6 if g.get("hn") is None else _int(g.get("hn"), lx)
        edge = lx.edges[_key(g.get("hedge"))]
        if not count or not 1 <= count <= 11 or edge not in ("start", "end"):
            return None
        year = int(g.get("hy")) if g.get("hy") else None
        core = {"months": count, "edge": edge, "year": year, "this": bool(g.get("hthis"))}
        return _Item(s, e, "half", core, cue=True)
    if g.get("hol"):
        month, day, lunar, alone = lx.holidays[_key(g.get("hol"))]
        if g.get("hdn"):
            if not (lunar and (month, day) == (1, 1)):
                return None
            day = _int(g.get("hdn"), lx) or 0
        cc = g.get("hcc")
        year = int(g.get("hy2")) if g.get("hy2") else None
        if not (alone or cc or year or g.get("hdn")):
            return _Item(s, e, "holidayname")  # Quốc khánh 2/9: a date only with its day
        canchi = None
        if cc:
            stem, branch = cc.split(None, 1)
            canchi = (lx.stems[_key(stem)], lx.branches[_key(branch)])
        core = {"m": month, "d": day, "y": year, "canchi": canchi, "holiday": True}
        return _Item(s, e, "day", core, lunar=lunar, cue=True)
    if g.get("au") or g.get("nu"):
        count = _int(g.get("an") or g.get("nn"), lx)
        unit = lx.units[_key(g.get("au") or g.get("nu"))]
        direction, how = (-1, "point") if g.get("au") else lx.shifts[_key(g.get("ns"))]
        if not count or direction == 0:
            return None
        return _Item(s, e, "span", {"n": count, "unit": unit, "dir": direction, "how": how}, cue=True)
    if g.get("dd"):
        d, mo = int(g.get("dd")), _int(g.get("dmo"), lx)
        year = int(g.get("dy")) if g.get("dy") else None
        if not mo or not _valid(d, mo, year):
            return None
        lunar = bool(g.get("dl")) or _key(g["dmo"]) in lx.lunar_months
        return _Item(s, e, "day", {"m": mo, "d": d, "y": year}, lunar=lunar, cue=True)
    if g.get("nd"):
        d, mo = int(g.get("nd")), int(g.get("nm"))
        year = _year2(g.get("ny")) if g.get("ny") else None
        if not _valid(d, mo, year) or (g.get("sep") == "." and not (g.get("ny") and len(g.get("ny")) == 4)
                                        and not _dotted_day(m, s, e, bool(g.get("ndw")))):
            return None
        if year is None and g.get("sep") == "-" and not g.get("ndw") and not g.get("nl"):
            cue = False  # 5-6 người is a range of counts far more often than a day
        else:
            cue = bool(g.get("ndw") or g.get("ny"))
        core = {"m": mo, "d": d, "y": year, "dash": g.get("sep") == "-"}
        return _Item(s, e, "day", core, lunar=bool(g.get("nl")), cue=cue)
    if g.get("hh"):
        h = _int(g.get("hh"), lx)
        mi = int(g.get("mi") or g.get("mi2") or 0)
        if g.get("hhalf"):
            mi = 30
        if g.get("km"):
            h, mi = (h or 0) - 1, 60 - int(g.get("km"))
        if h is None or not (0 <= h <= 24 and 0 <= mi < 60):
            return None
        if g.get("ampm") and _key(g.get("ampm")) in map(_key, lx.words.get("pm", [])) and h < 12:
            h += 12
        item = _Item(s, e, "time", time=(h % 24, mi))
        if g.get("tpod"):
            _set_pod(item, g.get("tpod"), lx)
        return item
    if g.get("mo"):
        mo = _int(g.get("mo"), lx)
        if not mo or not 1 <= mo <= 12:
            return None
        shift = lx.shifts[_key(g.get("msh"))][0] if g.get("msh") else None
        year = int(g.get("my")) if g.get("my") else None
        lunar = bool(g.get("ml")) or _key(g["mo"]) in lx.lunar_months
        return _Item(s, e, "month", {"m": mo, "y": year, "shift": shift}, lunar=lunar, cue=True)
    if g.get("q"):
        q = _int(g.get("q"), lx)
        if not q or not 1 <= q <= 4:
            return None
        return _Item(s, e, "quarter", {"q": q, "y": int(g.get("qy")) if g.get("qy") else None}, cue=True)
    if g.get("yy") or g.get("yy2"):
        y = int(g.get("yy") or g.get("yy2"))
        if g.get("yy3"):
            y2 = int(g.get("yy3"))
            return _Item(s, e, "year", {"y": y, "y2": y2}, cue=True) if y < y2 <= y + 30 else None
        return _Item(s, e, "year", {"y": y, "birth": bool(g.get("sn"))}, cue=True)
    if g.get("ycc"):
        stem, branch = g.get("ycc").split(None, 1)
        return _Item(s, e, "year", {"canchi": (lx.stems[_key(stem)], lx.branches[_key(branch)])}, lunar=True, cue=True)
    if g.get("dec"):
        y = int(g["dec"]) if len(g["dec"]) == 4 else 1900 + int(g["dec"])
        return _Item(s, e, "decade", {"y": y}, cue=True) if y % 10 == 0 else None
    if g.get("cen"):
        n = int(g["cen"]) if g["cen"].isdigit() else _roman(g["cen"])
        return _Item(s, e, "century", {"n": n}, cue=True) if n and 1 <= n <= 22 else None
    if g.get("fu"):
        unit = lx.units[_key(g.get("fu"))]
        first = _key(g.get("fe")) in map(_key, lx.words["first"])
        return _Item(s, e, "firstof", {"unit": unit, "first": first}) if unit in ("day", "week") else None
    if g.get("sea"):
        return _Item(s, e, "season", {"season": _key(g.get("sea")), "this": bool(g.get("seath"))})
    if g.get("wd"):
        wd = lx.weekdays[_key(g.get("wd"))]
        shift = lx.shifts[_key(g.get("wdsh"))][0] if g.get("wdsh") else None
        words = g.get("wd").split()
        # Capitals mark the weekday (thứ Hai, Thứ năm); lowercase "thứ hai" is mostly the ordinal "second".
        capital = words[0][:1].isupper() or words[-1][:1].isupper() or wd == 7
        return _Item(s, e, "weekday", weekday=(wd, shift), capital_weekday=capital)
    if g.get("rel"):
        unit, offset, needs, anchor = lx.relative[_key(g.get("rel"))]
        kind = "relpart" if needs == "part" else "rel"
        return _Item(s, e, kind, {"unit": unit, "offset": offset, "anchor": anchor}, cue=True)
    if g.get("pod"):
        item = _Item(s, e, "pod")
        _set_pod(item, g.get("pod"), lx)
        return item
    if g.get("edge"):
        return _Item(s, e, "edge", edge=lx.edges[_key(g.get("edge"))])
    if g.get("dn"):
        d = int(g.get("dn"))
        return _Item(s, e, "daynum", {"d": d}, cue=True) if 1 <= d <= 31 else None
    if g.get("by"):
        return _Item(s, e, "bareyear", {"y": int(g.get("by"))})
    return None


def _roman(numeral: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10}
    digits = [values[c] for c in numeral.casefold()]
    total = sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))
    return total if total > 0 else None


def _set_pod(item: _Item, word: str, lx: _Lexicon) -> None:
    part, lo, hi = lx.parts[_key(word)]
    item.pod, item.pm = part, (lo, hi)


def _valid(d: int, m: int, y: int | None) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    return d <= calendar.monthrange(y or 2000, m)[1]


# ----------------------------------------------------------------------------------------------------- merging

_DAYLIKE = ("day", "rel", "relpart", "weekday")


def _merge(a: _Item, b: _Item, gap: str) -> _Item | None:
    """``a`` and ``b`` read as one expression, or None when they are two."""
    # A part of day, a clock time or an edge word before what it qualifies: chiều 2/7, 18h ngày 5/4.
    if a.kind in ("pod", "time", "edge") or (a.kind == "weekday" and b.kind in ("day", "rel", "relpart")):
        if a.kind == "edge" and gap.strip():
            return None  # lần đầu vào tháng 11: "đầu" qualifies only what follows it directly
        if b.kind == "pod":
            fits = a.kind == "time" and not a.pod  # 8 giờ + tối
        elif b.kind == "time":
            fits = False
        else:
            fits = b.kind in _DAYLIKE or a.kind == "edge"
        if not fits:
            return None
        out = replace(b, start=a.start)
        out.pod, out.pm = b.pod or a.pod, b.pm or a.pm
        out.time = b.time or a.time
        out.edge = b.edge or a.edge
        out.cue = True
        if a.kind == "weekday" and b.kind in ("day",):
            out.weekday = None
        elif a.kind == "weekday":
            out.weekday = a.weekday
        if b.kind == "pod" and a.kind == "time":
            out.kind = "time"
        if b.kind == "relpart" and a.kind in ("pod", "time"):
            out.kind = "rel"
        return out
    # A named day, then its date: Quốc khánh 2/9.
    if a.kind == "holidayname" and b.kind == "day" and not gap.strip():
        return replace(b, start=a.start, cue=True)
    # The first (last) day or week of a month: ngày đầu tiên của tháng 3.
    if a.kind == "firstof" and b.kind == "month" and b.core["shift"] is None and not b.lunar:
        return replace(b, start=a.start, kind="firstof", core=dict(b.core, **a.core), cue=True)
    # A weekday in a relative week: thứ năm tuần tới.
    if a.kind == "weekday" and b.kind == "rel" and b.core["unit"] == "week":
        out = replace(b, start=a.start, kind="rel")
        out.weekday, out.pod, out.pm, out.time = a.weekday, a.pod, a.pm, a.time
        return out
    # A day then its clock time: hôm nay lúc 2 giờ chiều.
    if a.kind in ("day", "rel") and b.kind == "time" and not a.time and (a.kind == "day" or a.core["unit"] == "day"):
        out = replace(a, end=b.end)
        out.time, out.pod, out.pm = b.time, b.pod or a.pod, b.pm or a.pm
        return out
    # chiều nay 17/5: the stated day wins over the relative word.
    if a.kind in ("rel", "relpart") and a.core.get("unit") == "day" and b.kind == "day" and not gap.strip():
        if b.pod and a.pod:
            return None
        out = replace(b, start=a.start)
        out.pod, out.pm = b.pod or a.pod, b.pm or a.pm
        out.time = b.time or a.time
        out.cue = True
        return out
    # A season, a month or a day without year, then the year: mùa hè năm nay, tháng 7 năm nay.
    if a.kind in ("season", "month", "day") and a.core.get("y") is None and not a.core.get("canchi"):
        if b.kind == "rel" and b.core["unit"] == "year":
            return replace(a, end=b.end, core=dict(a.core, yrel=b.core), cue=True)
        if b.kind == "year" and "y" in b.core and "y2" not in b.core:
            return replace(a, end=b.end, core=dict(a.core, y=b.core["y"]), cue=True)
        if b.kind == "year" and "canchi" in b.core and a.kind == "day":  # mùng 10 tháng Giêng năm Đinh Dậu
            return replace(a, end=b.end, core=dict(a.core, canchi=b.core["canchi"]), lunar=True, cue=True)
    return None


def _ranged(a: _Item, b: _Item) -> _Item | None:
    """``a`` to ``b`` as one interval: 30/4-1/5, từ ngày 7 đến 12/4/2017, từ năm 2016 đến năm 2017."""
    if a.time or b.time:
        return None
    if a.kind in ("daynum", "day") and b.kind == "day" and not a.lunar and not b.lunar:
        if "canchi" in a.core or "canchi" in b.core:
            return None
        first = dict(a.core) if a.kind == "day" else {"d": a.core["d"], "m": b.core["m"], "y": None}
        return _Item(a.start, b.end, "dayrange", {"from": first, "to": dict(b.core)}, pod=None, cue=True)
    if a.kind == "month" and b.kind == "month" and a.core["shift"] is None and b.core["shift"] is None:
        return _Item(a.start, b.end, "monthrange", {"from": a.core, "to": b.core}, cue=True)
    if a.kind == "year" and b.kind in ("year", "bareyear") and "y" in a.core and a.core["y"] < b.core.get("y", 0):
        if "y2" in a.core or "y2" in b.core:
            return None
        return _Item(a.start, b.end, "year", {"y": a.core["y"], "y2": b.core["y"]}, cue=True)
    return None


# --------------------------------------------------------------------------------------------------- resolving


_NEAR = 300  # characters: how far a stated year reaches to dates that omit theirs (about two sentences)


@dataclass
class _Context:
    published: datetime | None
    years: list[tuple[int, int]]  # (offset, year) of the years the article states, in text order
    last_day: tuple[str, str] | None = None  # (value, reference) of the last day mentioned
    births: frozenset[int] = frozenset()  # offsets of birth dates: no `cùng ngày` refers back to them

    def year_for(self, pos: int, m: int, d: int) -> tuple[int | None, str]:
        if self.published:
            p = self.published.date()
            best = p.year
            try:
                diff = (date(p.year, m, min(d, 28 if m == 2 else d)) - p).days
            except ValueError:
                diff = 0
            if diff > _SAME_YEAR_DAYS:
                best = p.year - 1
            elif diff < -_SAME_YEAR_DAYS:
                best = p.year + 1
            return best, "published"
        return self.plain_year(pos)

    def near(self, pos: int) -> int | None:
        """The year stated nearest to ``pos``, when it is near: a year two paragraphs away is some other
        event's (an earlier case, a biography), so a date without its own year stays `XXXX`."""
        lo = bisect.bisect_left(self.years, (pos - _NEAR, -math.inf))
        hi = bisect.bisect_right(self.years, (pos + _NEAR, math.inf))
        close = self.years[lo:hi]  # the years are in text order
        return min(close, key=lambda py: (abs(py[0] - pos), py[0] > pos))[1] if close else None

    def plain_year(self, pos: int) -> tuple[int | None, str]:
        if self.published:
            return self.published.year, "published"
        near = self.near(pos)
        if near is not None:
            return near, "context"
        return None, "none"


def _fmt_day(d: date) -> str:
    return d.isoformat()


def _fmt(y: int | None, m: int | None = None, d: int | None = None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    if m is None:
        return ys
    ms = f"{m:02d}"
    return f"{ys}-{ms}" if d is None else f"{ys}-{ms}-{d:02d}"


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _with_time(value: str, item: _Item) -> tuple[str, str]:
    if not item.time:
        return value, "day"
    h, mi = item.time
    if item.pm and item.pm[0] <= h <= item.pm[1] and item.pm[1] > 0:
        h += 12
    value = value if len(value) == 10 else "XXXX-XX-XX"
    return f"{value}T{h % 24:02d}:{mi:02d}", "minute" if mi or item.time[1] else "hour"


def _record(value: str | None, grain: str | None, item: _Item, reference: str,
            lo: str | None = None, hi: str | None = None) -> dict[str, Any]:
    if value is not None and "X" in value:
        lo = hi = None
    return {"value": value, "grain": grain, "interval_start": lo, "interval_end": hi,
            "part_of_day": item.pod, "lunar": item.lunar, "reference": reference}


def _resolve(item: _Item, ctx: _Context) -> dict[str, Any] | None:
    k, c = item.kind, item.core
    pub = ctx.published
    if k == "day":
        ref = "explicit"
        y = c.get("y")
        if item.lunar:
            if y is None and c.get("canchi"):
                # The can-chi name repeats every 60 years: the cycle comes from the publication or context year.
                near, ref = ctx.plain_year(item.start)
                if near is None:
                    return _record(None, "day", item, "none")
                y = canchi_year(*c["canchi"], near)
            if y is None and ctx.published and not c.get("holiday"):
                # The occurrence nearest publication: 20 tháng Chạp falls in the next Gregorian year.
                p = ctx.published.date()
                near = [d for k in (-1, 0, 1) if (d := lunar_to_solar(c["d"], c["m"], p.year + k))]
                if not near:
                    return None
                day, ref = min(near, key=lambda d: abs((d - p).days)), "published"
            else:
                if y is None:
                    y, ref = ctx.plain_year(item.start)
                if y is None:
                    return _record(None, "day", item, "none")
                day = lunar_to_solar(c["d"], c["m"], y)
            if day is None:
                return None
            value, grain = _with_time(_fmt_day(day), item)
            ctx.last_day = (value[:10], ref)
            return _record(value, grain, item, ref, _fmt_day(day), _fmt_day(day))
        if y is None and c.get("yrel") is not None:
            if pub:
                y, ref = pub.year + c["yrel"]["offset"], "published"
            else:
                ref = "none"
        elif y is None and c.get("holiday"):
            y, ref = ctx.plain_year(item.start)  # a named day: the one of the publication year
        elif y is None:
            y, ref = ctx.year_for(item.start, c["m"], c["d"])
        value = _fmt(y, c["m"], c["d"])
        if item.start not in ctx.births:
            ctx.last_day = (value, ref)
        value, grain = _with_time(value, item)
        return _record(value, grain, item, ref, value[:10], value[:10])
    if k == "dayrange":
        a, b = dict(c["from"]), dict(c["to"])
        ref = "explicit"
        if b.get("y") is None:
            yb, ref = ctx.year_for(item.start, b["m"], b["d"])
            b["y"] = yb
        if a.get("y") is None:
            a["y"] = b["y"] if (a["m"], a["d"]) <= (b["m"], b["d"]) or b["y"] is None else b["y"] - 1
        va, vb = _fmt(a["y"], a["m"], a["d"]), _fmt(b["y"], b["m"], b["d"])
        return _record(f"{va}/{vb}", "day", item, ref, va, vb)
    if k == "month":
        y, ref = c.get("y"), "explicit"
        if y is None and c.get("yrel") is not None:
            y, ref = (pub.year + c["yrel"]["offset"], "published") if pub else (None, "none")
        elif y is None and c.get("shift") is not None and pub:
            y, ref = pub.year, "published"
            if c["shift"] > 0 and c["m"] <= pub.month:
                y += 1
            elif c["shift"] < 0 and c["m"] >= pub.month:
                y -= 1
        elif y is None:
            y, ref = ctx.year_for(item.start, c["m"], 15)
        if item.lunar and y is not None:
            first, last = lunar_to_solar(1, c["m"], y), lunar_to_solar(1, c["m"] % 12 + 1, y + (c["m"] == 12))
            lo = _fmt_day(first) if first else None
            hi = _fmt_day(last - timedelta(days=1)) if last else None
            return _record(_fmt(y, c["m"]), "month", item, ref, lo, hi)
        lo = _fmt(y, c["m"], 1)
        hi = _fmt_day(_month_end(y, c["m"])) if y is not None else None
        return _record(_fmt(y, c["m"]), "month", item, ref, lo, hi)
    if k == "monthrange":
        a, b = c["from"], c["to"]
        yb, ref = (b["y"], "explicit") if b["y"] is not None else ctx.year_for(item.start, b["m"], 15)
        ya = a["y"] if a["y"] is not None else (yb if yb is None or a["m"] <= b["m"] else yb - 1)
        lo = _fmt(ya, a["m"], 1)
        hi = _fmt_day(_month_end(yb, b["m"])) if yb is not None else None
        return _record(f"{_fmt(ya, a['m'])}/{_fmt(yb, b['m'])}", "month", item, ref, lo, hi)
    if k == "year":
        if "canchi" in c:
            near, ref = ctx.plain_year(item.start)
            if near is None:
                return _record(None, "year", item, "none")
            y = canchi_year(*c["canchi"], near)
            if y is None:
                return None
            start, end = lunar_to_solar(1, 1, y), lunar_to_solar(1, 1, y + 1)
            return _record(str(y), "year", item, ref, _fmt_day(start) if start else None,
                           _fmt_day(end - timedelta(days=1)) if end else None)
        if "y2" in c:
            return _record(f"{c['y']}/{c['y2']}", "year", item, "explicit", f"{c['y']}-01-01", f"{c['y2']}-12-31")
        return _record(str(c["y"]), "year", item, "explicit", f"{c['y']}-01-01", f"{c['y']}-12-31")
    if k == "firstof":
        y, ref = (c["y"], "explicit") if c.get("y") is not None else ctx.year_for(item.start, c["m"], 15)
        if y is None:
            if c["unit"] == "day" and c["first"]:
                return _record(_fmt(None, c["m"], 1), "day", item, ref)
            return _record(None, c["unit"], item, ref)
        first, last = date(y, c["m"], 1), _month_end(y, c["m"])
        if c["unit"] == "day":
            day = first if c["first"] else last
            ctx.last_day = (str(day), ref)
            return _record(str(day), "day", item, ref, str(day), str(day))
        if c["first"]:  # the first (last) week from Monday to Sunday inside the month
            monday = first + timedelta(days=(7 - first.weekday()) % 7)
        else:
            monday = last - timedelta(days=(last.weekday() + 1) % 7 + 6)
        sunday = monday + timedelta(days=6)
        return _record(f"{monday}/{sunday}", "week", item, ref, str(monday), str(sunday))
    if k == "decade":
        y = c["y"]
        return _record(f"{y}/{y + 9}", "decade", item, "explicit", f"{y}-01-01", f"{y + 9}-12-31")
    if k == "century":
        y = 100 * (c["n"] - 1) + 1  # the 20th century: 1901 to 2000
        return _record(f"{y}/{y + 99}", "century", item, "explicit", f"{y}-01-01", f"{y + 99}-12-31")
    if k == "term":
        y1, y2 = c["years"]
        return _record(f"{y1}/{y2}", "term", item, "explicit", str(y1), str(y2))
    if k == "quarter":
        y, ref = (c["y"], "explicit") if c["y"] is not None else ctx.plain_year(item.start)
        return _quarter(y, c["q"], item, ref)
    if k == "half":
        y, ref = (c["year"], "explicit") if c["year"] is not None else ctx.plain_year(item.start)
        n = c["months"]
        m1, m2 = (1, n) if c["edge"] == "start" else (13 - n, 12)
        grain = "half" if n == 6 else "month"
        if y is None:
            return _record(f"XXXX-{m1:02d}-01/XXXX-{m2:02d}-XX", grain, item, "none")
        lo, hi = _fmt(y, m1, 1), _fmt_day(_month_end(y, m2))
        return _record(f"{lo}/{hi}", grain, item, ref, lo, hi)
    if k == "season":
        lx = _lexicon()
        (m1, d1), (m2, d2) = lx.seasons[c["season"]]
        if c.get("y") is not None:
            y, ref = c["y"], "explicit"
        elif pub and (c.get("this") or c.get("yrel") is not None):
            y, ref = pub.year + (c.get("yrel") or {}).get("offset", 0), "published"
            if c.get("this") and (m1, d1) > (m2, d2) and (pub.month, pub.day) <= (m2, d2):
                y -= 1  # the winter we are in began last December
        else:
            return _record(None, "day", item, "none") if c.get("this") or c.get("yrel") else None
        lo = date(y, m1, d1)
        hi = date(y + ((m1, d1) > (m2, d2)), m2, d2)
        return _record(f"{lo}/{hi}", "day", item, ref, str(lo), str(hi))
    if k in ("rel", "relpart"):
        return _relative(item, ctx)
    if k == "weekday":
        if not pub:
            return _record(None, "day", item, "none")
        wd, shift = item.weekday or (1, None)
        today = pub.date()
        delta = wd - today.isoweekday()
        if shift == 1:
            delta = delta if delta > 0 else delta + 7
        elif shift == -1:
            delta = delta if delta < 0 else delta - 7
        elif shift == 0:
            pass
        else:
            delta = delta if delta <= 0 else delta - 7  # a bare weekday in news: the most recent one
        day = today + timedelta(days=delta)
        value, grain = _with_time(_fmt_day(day), item)
        ctx.last_day = (value[:10], "published")
        return _record(value, grain, item, "published", str(day), str(day))
    if k == "span":
        return _span(item, ctx)
    return None


def _quarter(y: int | None, q: int, item: _Item, ref: str) -> dict[str, Any]:
    m1 = 3 * (q - 1) + 1
    if y is None:
        return _record(f"XXXX-{m1:02d}-01/XXXX-{m1 + 2:02d}-XX", "quarter", item, "none")
    lo, hi = _fmt(y, m1, 1), _fmt_day(_month_end(y, m1 + 2))
    return _record(f"{lo}/{hi}", "quarter", item, ref, lo, hi)


def _relative(item: _Item, ctx: _Context) -> dict[str, Any] | None:
    c, pub = item.core, ctx.published
    unit, offset = c["unit"], c["offset"]
    if c["anchor"] == "previous":
        if ctx.last_day is None:
            return None
        base, ref = ctx.last_day
        if "X" in base or offset == 0:
            value, grain = _with_time(base, item)
            return _record(value, grain, item, ref, base, base)
        day = date.fromisoformat(base) + timedelta(days=offset)
        value, grain = _with_time(str(day), item)
        return _record(value, grain, item, ref, str(day), str(day))
    if pub is None:
        if item.time and unit == "day" and offset == 0:
            value, grain = _with_time("XXXX-XX-XX", item)
            return _record(value, grain, item, "none")
        return _record(None, unit if unit in ("day", "week", "month", "quarter", "year") else None, item, "none")
    today = pub.date()
    if unit == "day":
        day = today + timedelta(days=offset)
        value, grain = _with_time(str(day), item)
        ctx.last_day = (str(day), "published")
        return _record(value, grain, item, "published", str(day), str(day))
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        if item.weekday:
            day = monday + timedelta(days=item.weekday[0] - 1)
            value, grain = _with_time(str(day), item)
            ctx.last_day = (str(day), "published")
            return _record(value, grain, item, "published", str(day), str(day))
        sunday = monday + timedelta(days=6)
        return _record(f"{monday}/{sunday}", "week", item, "published", str(monday), str(sunday))
    if unit == "month":
        y, m = _add_months(today.year, today.month, offset)
        return _record(_fmt(y, m), "month", item, "published", _fmt(y, m, 1), str(_month_end(y, m)))
    if unit == "quarter":
        y, m = _add_months(today.year, 3 * ((today.month - 1) // 3) + 1, 3 * offset)
        return _quarter(y, (m - 1) // 3 + 1, item, "published")
    if unit == "year":
        y = today.year + offset
        return _record(str(y), "year", item, "published", f"{y}-01-01", f"{y}-12-31")
    return None


def _span(item: _Item, ctx: _Context) -> dict[str, Any] | None:
    """2 ngày trước (a point), 3 tháng tới (the next three months), 2 năm vừa rồi (the last two years)."""
    c, pub = item.core, ctx.published
    n, unit, direction, how = c["n"], c["unit"], c["dir"], c["how"]
    if pub is None:
        return _record(None, unit if unit in ("day", "week", "month", "year") else None, item, "none")
    if how == "point":
        lo = hi = direction * n
    elif direction > 0:
        lo, hi = 1, n
    else:
        lo, hi = -n, -1

    def at(k: int) -> tuple[str, str, str]:
        """(value, first day, last day) of the unit k steps from publication."""
        if unit == "day":
            d = pub.date() + timedelta(days=k)
            return str(d), str(d), str(d)
        if unit == "week":
            mon = pub.date() - timedelta(days=pub.weekday()) + timedelta(weeks=k)
            return f"{mon}/{mon + timedelta(days=6)}", str(mon), str(mon + timedelta(days=6))
        if unit == "month":
            y, m = _add_months(pub.year, pub.month, k)
            return _fmt(y, m), _fmt(y, m, 1), str(_month_end(y, m))
        if unit == "quarter":
            y, m = _add_months(pub.year, 3 * ((pub.month - 1) // 3) + 1, 3 * k)
            return _fmt(y, m), _fmt(y, m, 1), str(_month_end(*_add_months(y, m, 2)))
        if unit == "year":
            return str(pub.year + k), f"{pub.year + k}-01-01", f"{pub.year + k}-12-31"
        if unit == "second":
            t = pub.replace(microsecond=0) + timedelta(seconds=k)
            return t.strftime("%Y-%m-%dT%H:%M:%S"), str(t.date()), str(t.date())
        step = timedelta(hours=k) if unit == "hour" else timedelta(minutes=k)
        base = pub.replace(second=0, microsecond=0)
        if unit == "hour":
            base = base.replace(minute=0)
        t = base + step
        return t.strftime("%Y-%m-%dT%H:%M"), str(t.date()), str(t.date())

    first, last = at(lo), at(hi)
    grain = None if unit == "second" else unit  # the record has no grain finer than a minute
    if lo == hi:
        return _record(first[0], grain, item, "published", first[1], first[2])
    value = f"{first[1]}/{last[2]}" if unit in ("week", "quarter") else f"{first[0]}/{last[0]}"
    return _record(value, grain, item, "published", first[1], last[2])


# ------------------------------------------------------------------------------------------------------ driver


def find_dates(text: str, published: datetime | None = None) -> list[Found]:
    """Every temporal expression of ``text``; ``published`` anchors years and relative expressions."""
    g, lx = _grammar(), _lexicon()
    if isinstance(published, datetime):
        published = published.replace(tzinfo=None)
    elif isinstance(published, date):
        published = datetime(published.year, published.month, published.day)
    atoms = []
    for m in _scan(text, g):
        atom = _atom(m, lx)
        if atom is None:
            continue
        gd = m.groupdict()
        word = "ndw" if gd.get("ndw") else "dw" if gd.get("dw") else None
        if word and g.compound_day.search(text, max(0, atom.start - 12), atom.start):
            atom.start = m.end(word) + len(text[m.end(word) :]) - len(text[m.end(word) :].lstrip())
            atom.cue = bool(gd.get("ny") or gd.get("dd"))
        atoms.append(atom)

    # Merge neighbours into expressions, left to right.
    def joined(a: _Item, b: _Item) -> _Item | None:
        gap = text[a.end : b.start]
        return _merge(a, b, gap) if len(gap) <= _MAX_GAP and g.gap.fullmatch(gap) else None

    def restated(a: _Item, b: _Item) -> _Item | None:
        """`sáng nay (18/6)`: the relative word takes the value of the day in brackets after it; both stay dates."""
        if a.kind not in ("rel", "relpart") or text[a.end : b.start].strip() != "(" or text[b.end : b.end + 1] != ")":
            return None
        said = _merge(a, b, "")
        return replace(said, end=a.end) if said is not None and said.kind == b.kind else None

    items: list[_Item] = []
    for i, atom in enumerate(atoms):
        if items:
            merged = joined(items[-1], atom)
            # A clock time binds to the day after it before the day before it: chiều 9-7, lúc 8h30 sáng cùng ngày.
            if (merged is not None and atom.kind == "time" and items[-1].kind not in ("pod", "time", "edge")
                    and i + 1 < len(atoms) and joined(atom, atoms[i + 1]) is not None):
                merged = None
            if merged is not None:
                items[-1] = merged
                continue
        items.append(atom)
    for i in range(len(items) - 1):
        items[i] = restated(items[i], items[i + 1]) or items[i]

    # Ranges: từ ngày 7 đến 12/4/2017, 30/4-1/5.
    ranged: list[_Item] = []
    for item in items:
        if ranged:
            prev = ranged[-1]
            gap = text[prev.end : item.start]
            if len(gap) <= _MAX_GAP and g.range_gap.fullmatch(gap):
                has_from = g.from_before.search(text, max(0, prev.start - 12), prev.start)
                # 30/4-1/5 is a range of days; 3-4-2-1 (a football formation) is not: one side must say "date"
                slashes = "-" in gap and not prev.core.get("dash") and not item.core.get("dash")
                if has_from or prev.cue or item.cue or slashes:
                    r = _ranged(prev, item)
                    if r is not None:
                        if has_from:
                            r.start = has_from.start()
                        ranged[-1] = r
                        continue
        ranged.append(item)

    kept = [item for item in ranged if _stands(item, text, g)]
    births = frozenset(item.start for item in kept if g.birth_before.search(text, max(0, item.start - 12), item.start))
    years = sorted((item.start, y) for item in kept if item.start not in births and (y := _stated_year(item)) is not None)
    ctx = _Context(published, years, births=births)
    out = []
    for item in kept:
        fields = _resolve(item, ctx)
        if fields is not None:
            out.append(Found(item.start, item.end, fields))
    return out


def _stated_year(item: _Item) -> int | None:
    """The year an expression states, which dates nearby that omit theirs may take (a birth date's never does:
    the caller leaves those out)."""
    c = item.core
    if item.kind == "dayrange":
        year = c["to"].get("y")
    elif (item.kind in ("day", "month", "quarter") and not item.lunar) or (
        item.kind == "year" and "y2" not in c and not c.get("birth")
    ):
        year = c.get("y")
    elif item.kind == "half":
        year = c.get("year")
    else:
        return None
    return year


def _scan(text: str, g: _Grammar) -> Iterator[Any]:
    """The atoms of ``text``, left to right, not overlapping: at each word start, the pattern its word opens."""
    deadline = time.monotonic() + _patterns.SCAN_TIMEOUT
    end = 0
    for i, w in enumerate(_patterns.finditer(g.words, text)):
        start = w.start()
        if start < end:
            continue
        if not i & 1023 and time.monotonic() > deadline:
            raise _patterns.PatternTimeout(f"date scan exceeded {_patterns.SCAN_TIMEOUT}s")
        word = w.group()
        if word.isdigit():  # never after "." or ",": 2,5 tháng, 1.000 năm are no dates
            key = _DIGIT
        else:
            key = word.casefold()
        pattern = g.by_opener.get(key)
        if pattern is None:
            continue
        while pattern is not None:
            try:
                m = pattern.match(text, start, timeout=_patterns.SCAN_TIMEOUT)
            except TimeoutError as exc:
                raise _patterns.PatternTimeout(f"date pattern exceeded {_patterns.SCAN_TIMEOUT}s") from exc
            if m is None:
                break
            end = m.end()
            yield m
            # A number right after a dash starts an atom only as the end of a range: 30/4-1/5.
            pattern = None
            if text[end : end + 1] == "-" and text[end + 1 : end + 2].isdigit():
                start, pattern = end + 1, g.by_opener[_DIGIT]


def _stands(item: _Item, text: str, g: _Grammar) -> bool:
    """Whether what was read is a date on its own (a part of day or a clock time alone is not)."""
    k = item.kind
    before = max(0, item.start - 12)
    if k == "span" and item.core["how"] == "span" and item.core["dir"] < 0:
        return not g.duration_before.search(text, before, item.start)  # trong một năm qua: a duration
    if k == "rel" and item.core["unit"] != "day" and not item.weekday:
        return not g.number_before.search(text, before, item.start)  # 4 năm sau: four years, not next year
    if k in ("pod", "time", "edge", "daynum", "relpart", "firstof", "holidayname") and "m" not in item.core:
        return False
    if k == "season":
        return bool(item.core.get("this") or item.core.get("y") or item.core.get("yrel"))
    if k == "weekday":
        words = text[item.start : item.end].split()
        if not words[-1][:1].isupper() and g.ordinal_after.match(text, item.end):
            return False  # Thứ hai, … / Thứ hai là …: "secondly"
        return bool(item.capital_weekday or item.pod or item.time or item.weekday[1] is not None
                    or g.cue_before.search(text, max(0, item.start - 12), item.start))
    if k == "bareyear":
        if not g.capital_before.search(text, max(0, item.start - 40), item.start):
            return False
        item.kind, item.core = "year", {"y": item.core["y"]}
        return True
    if k == "day" and not item.cue and not item.pod and not item.time and item.core.get("y") is None:
        if item.core.get("dash"):
            return False
        if g.cue_before.search(text, max(0, item.start - 12), item.start):
            return True
        after = text[item.end : item.end + 2]
        # A day/month standing alone before a stop (7/3.): a ratio is followed by what it counts (5/9 xã).
        return after[:1] in ("", "\n", ",", ";", ")") or after[:1] == "." and not after[1:2].isdigit()
    return True
