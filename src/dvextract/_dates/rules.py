r"""The date rules: each one record of a name, the words that open it, a pattern, and the build that turns a
match into :class:`Parts`.

A pattern is a template: ``{name}`` is a piece of :func:`grammar.vocabulary` (``{day}`` the day words,
``{weekdays}`` the weekday table, ``{YEAR}``, ``{SP}`` …), so braces of the regex itself are doubled
(``\d{{1,2}}``). Group names belong to their rule (the scanner prefixes them with the rule's name), so two rules
may both say ``(?P<day>…)``. Order matters: where two rules open at the same word, the one defined first here is
tried first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from .. import _patterns
from .grammar import surroundings
from .lexicon import Lexicon, fold
from .parts import Parts, valid_day

__all__ = ["DIGIT", "RULES", "Rule", "Slots", "group_prefix"]

DIGIT = "digit"
"""The opener of rules whose match starts with a number (written in digits)."""


class Slots:
    """The groups of one rule's match, by the names the rule's pattern gives them."""

    __slots__ = ("match", "prefix")

    def __init__(self, match: regex.Match[str], rule: str) -> None:
        self.match, self.prefix = match, group_prefix(rule)

    def __getitem__(self, group: str) -> str | None:
        found: str | None = self.match.group(self.prefix + group)
        return found

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()

    def group_end(self, group: str) -> int:
        end: int = self.match.end(self.prefix + group)
        return end


Build = Callable[[Slots, Lexicon], Parts | None]


@dataclass(frozen=True)
class Rule:
    """One date rule: ``build`` reads the match of ``pattern`` (a template over :func:`grammar.vocabulary`),
    tried only where a word of ``opens`` starts (the first words of a ``date_words`` role or ``date_*`` table
    of that name, or a number for :data:`DIGIT`)."""

    name: str
    opens: tuple[str, ...]
    pattern: str
    build: Build


def group_prefix(rule: str) -> str:
    """What the scanner puts before a rule's group names, so each rule has its own."""
    return f"{rule}__"


_defined: list[Rule] = []


def _rule(name: str, opens: tuple[str, ...], pattern: str) -> Callable[[Build], Build]:
    """Define a rule: the decorated function is its build."""

    def define(build: Build) -> Build:
        _defined.append(Rule(name, opens, pattern, build))
        return build

    return define


# --------------------------------------------------------------------------------------- periods and holidays


@_rule("term", ("terms",), r"(?P<kind>{terms}){SP}(?P<first>{YEAR}){SP0}-{SP0}(?P<last>\d{{4}}|\d{{2}})(?!\d)")
def _term(g: Slots, lx: Lexicon) -> Parts | None:
    """nhiệm kỳ 2021 - 2026, giai đoạn 2021-2025"""
    first, last = g["first"] or "", g["last"] or ""
    y1, y2 = int(first), int(last) if len(last) == 4 else int(first[:2] + last)
    return Parts(g.start, g.end, "term", {"years": (y1, y2)}, cue=True) if y1 < y2 <= y1 + 30 else None


@_rule("half_year", (DIGIT, "numbers", "half"),
       r"(?:(?P<months>\d{{1,2}}|{numbers}){SP}{month}|{half}){SP}(?P<edge>{edges}){SP}{year}"
       r"(?:{SP}(?:(?P<year>{YEAR})|(?P<this>{this})))?{END}")
def _half_year(g: Slots, lx: Lexicon) -> Parts | None:
    """6 tháng đầu năm 2021, nửa cuối năm nay"""
    count = 6 if g["months"] is None else lx.number(g["months"])
    edge = lx.edges[fold(g["edge"] or "")]
    if not count or not 1 <= count <= 11 or edge not in ("start", "end"):
        return None
    year = int(g["year"]) if g["year"] else None
    core = {"months": count, "edge": edge, "year": year, "this": bool(g["this"]), "half": g["months"] is None}
    return Parts(g.start, g.end, "half", core, cue=True)


@_rule("holiday", ("day", "holidays"),
       r"(?:{day_words}{SP}(?P<day>\d{{1,2}}|{numbers}){SP})?(?P<name>{holidays}){END}"
       r"(?:{SP}(?:{year}{SP})?(?P<canchi>{canchi}){END})?(?:{SP0},?{SP0}(?:{year}{SP})?(?P<year>{YEAR}))?")
def _holiday(g: Slots, lx: Lexicon) -> Parts | None:
    """Tết Nguyên đán Tân Sửu 2021, mùng 3 Tết, Giáng sinh; Quốc khánh before its day (2/9)"""
    month, day, lunar, alone = lx.holidays[fold(g["name"] or "")]
    if g["day"]:
        if not (lunar and (month, day) == (1, 1)):
            return None
        day = lx.number(g["day"]) or 0
    year = int(g["year"]) if g["year"] else None
    if not (alone or g["canchi"] or year or g["day"]):
        return Parts(g.start, g.end, "holidayname")  # Quốc khánh 2/9: a date only with its day
    canchi = lx.canchi(g["canchi"]) if g["canchi"] else None
    core = {"m": month, "d": day, "y": year, "canchi": canchi, "holiday": True}
    return Parts(g.start, g.end, "day", core, lunar=lunar, cue=True)


# ------------------------------------------------------------------------------------ counted from publication


@_rule("ago", ("ago",), r"{ago}{SP}(?P<count>{count}){SP}(?P<unit>{units}){END}(?!{SP}{not_after_shift}{END})")
def _ago(g: Slots, lx: Lexicon) -> Parts | None:
    """cách đây 5 năm"""
    return _counted(g, lx, -1, "point")


@_rule("count_shift", (DIGIT, "numbers"),
       r"(?P<count>{count}){SP}(?P<unit>{units}){SP}(?P<shift>{shifts}){END}(?!{SP}{not_after_shift}{END})")
def _count_shift(g: Slots, lx: Lexicon) -> Parts | None:
    """2 ngày trước (a point), 3 tháng tới (a span)"""
    direction, how = lx.shifts[fold(g["shift"] or "")]
    return _counted(g, lx, direction, how)


def _counted(g: Slots, lx: Lexicon, direction: int, how: str) -> Parts | None:
    count, unit = lx.number(g["count"]), lx.units[fold(g["unit"] or "")]
    if not count or direction == 0:
        return None
    return Parts(g.start, g.end, "span", {"n": count, "unit": unit, "dir": direction, "how": how}, cue=True)


# ------------------------------------------------------------------------------------------------------ days


@_rule("days_together", ("day", DIGIT),
       r"(?:(?P<day_word>{day_words}){SP})?(?<![\w/.,])(?P<first>\d{{1,2}})(?P<join>{SP0}-{SP0}|{SP}{and}{SP})"
       r"(?P<day>\d{{1,2}})(?P<sep>[/.-])(?P<month>\d{{1,2}})(?:(?P=sep)(?P<year>{YEAR}))?(?![\w/]|[.,]\d)")
def _days_together(g: Slots, lx: Lexicon) -> Parts | None:
    """ngày 23-26/6, (24-25/6), từ ngày 3 - 5.7, 7 và 8/2, 6 và 7-2-2017: one span from the first day to the
    last; a dash between the days, or a dash or dot before the month, needs a day word or the year"""
    first, d, mo = int(g["first"] or 0), int(g["day"] or 0), int(g["month"] or 0)
    year = int(g["year"]) if g["year"] else None
    if not (first < d and valid_day(first, mo, year) and valid_day(d, mo, year)):
        return None
    listed = "-" not in (g["join"] or "")
    sep = g["sep"] or ""
    if not (g["day_word"] or year or (listed and sep == "/") or sep in ("/", ".") and _bracketed(g)):
        return None
    core = {"from": {"d": first, "m": mo, "y": year}, "to": {"d": d, "m": mo, "y": year}}
    return Parts(g.start, g.end, "dayrange", core, cue=True)


def _bracketed(g: Slots) -> bool:
    """`(24-25/6)`, `từ 16-19/4`: a bracket or a range word before the days says they are dates."""
    return surroundings().cue_before.search(g.match.string, max(0, g.start - 12), g.start) is not None


@_rule("day_of_month", ("day", DIGIT),
       r"(?:(?P<day_word>{day_words}){SP})?(?P<day>\d{{1,2}}){SP}{month}{SP}(?P<month>{month_number}){END}"
       r"(?:{SP0},?{SP0}(?:{year}{SP})?(?P<year>{YEAR}))?(?:{SP}(?P<lunar>{lunar}){END})?")
def _day_of_month(g: Slots, lx: Lexicon) -> Parts | None:
    """ngày 2 tháng 7 năm 2021, mồng 3 tháng Giêng âm lịch"""
    d, mo = int(g["day"] or 0), lx.number(g["month"])
    year = int(g["year"]) if g["year"] else None
    if not mo or not valid_day(d, mo, year):
        return None
    lunar = bool(g["lunar"]) or fold(g["month"] or "") in lx.lunar_months
    day = Parts(g.start, g.end, "day", {"m": mo, "d": d, "y": year}, lunar=lunar, cue=True)
    return _after_compound_day(g, day, cue=True)


@_rule("numeric_day", ("day", DIGIT),
       r"(?:(?P<day_word>{day_words}){SP})?(?<![\w/.,])(?P<day>\d{{1,2}})(?P<sep>[/.-]|{SP}-{SP})(?P<month>\d{{1,2}})"
       r"(?:(?P=sep)(?P<year>\d{{4}}|\d{{2}}))?(?![\w/]|[.,]\d)(?:{SP}(?P<lunar>{lunar}){END})?")
def _numeric_day(g: Slots, lx: Lexicon) -> Parts | None:
    """2/7, ngày 02-7-2021, 30.4.1975; 7.2 only with a cue (tối 19.5), 5-6 only with a day word or year"""
    d, mo, written_year, sep = int(g["day"] or 0), int(g["month"] or 0), g["year"], (g["sep"] or "").strip()
    if sep != (g["sep"] or "") and not g["day_word"] and not surroundings().dot_day_before.search(
            g.match.string, max(0, g.start - 20), g.start):
        return None  # 24 - 7 with spaces: a day only after a day word or part of day (sáng 24 - 7)
    year = _two_digit_year(written_year) if written_year else None
    if not valid_day(d, mo, year):
        return None
    if sep == "." and not (written_year and len(written_year) == 4) and not _dotted_day(g):
        return None
    if year is None and sep == "-" and not g["day_word"] and not g["lunar"]:
        cue = False  # 5-6 người is a range of counts far more often than a day
    else:
        cue = bool(g["day_word"] or written_year)
    core = {"m": mo, "d": d, "y": year, "dash": sep == "-"}
    day = Parts(g.start, g.end, "day", core, lunar=bool(g["lunar"]), cue=cue)
    return _after_compound_day(g, day, cue=bool(written_year))


def _two_digit_year(token: str) -> int:
    y = int(token)
    return y if len(token) == 4 else (2000 + y if y < 50 else 1900 + y)


def _dotted_day(g: Slots) -> bool:
    """`7.2` is a number unless a day word or part of day says it is a day (`tối 19.5`), and no amount follows
    (`sáng nay 1.5 triệu người`)."""
    around, text = surroundings(), g.match.string
    cued = bool(g["day_word"]) or around.dot_day_before.search(
        text, max(0, g.start - 20), g.start, timeout=_patterns.SCAN_TIMEOUT) is not None
    return cued and around.dot_amount_after.match(text, g.end, timeout=_patterns.SCAN_TIMEOUT) is None


def _after_compound_day(g: Slots, day: Parts, cue: bool) -> Parts:
    """`dài ngày 5/4`, `hằng ngày 5/4`: the day word belongs to the word before it, so the date starts after it
    (and is a date only by ``cue``: what is left says so)."""
    text = g.match.string
    if not g["day_word"] or not surroundings().compound_day.search(text, max(0, day.start - 12), day.start):
        return day
    start = g.group_end("day_word")
    while start < len(text) and text[start].isspace():
        start += 1
    day.start, day.cue = start, cue
    return day


@_rule("clock", (DIGIT, "numbers"),
       r"(?P<hours>\d{{1,2}}|{numbers})(?:{SP0}{hour}(?:{SP0}(?P<minutes>\d{{1,2}})(?:{SP0}{minute})?)?"
       r"(?:{SP}(?P<half_past>{half_hour}))?(?:{SP}{minus}{SP}(?P<minutes_to>\d{{1,2}})(?:{SP0}{minute})?)?"
       r"|:(?P<colon_minutes>\d{{2}})(?::(?P<seconds>\d{{2}}))?)(?:{SP0}(?P<am_pm>{am}|{pm}))?{END}"
       r"(?:{SP}(?P<part_of_day>{parts_of_day}){END})?")
def _clock(g: Slots, lx: Lexicon) -> Parts | None:
    """18h, 10 giờ 45 phút, 3 giờ rưỡi chiều, 11 giờ kém 15, 15:23, 8h30 sáng"""
    h = lx.number(g["hours"])
    mi = int(g["minutes"] or g["colon_minutes"] or 0)
    if g["half_past"]:
        mi = 30
    if g["minutes_to"]:
        h, mi = (h or 0) - 1, 60 - int(g["minutes_to"])
    if h is None or not (0 <= h <= 24 and 0 <= mi < 60):
        return None
    if g["am_pm"] and lx.is_word("pm", g["am_pm"]) and h < 12:
        h += 12
    time = Parts(g.start, g.end, "time", time=(h % 24, mi))
    return _with_part_of_day(time, g["part_of_day"], lx) if g["part_of_day"] else time


def _with_part_of_day(parts: Parts, word: str, lx: Lexicon) -> Parts:
    part, pm_from, pm_to = lx.parts_of_day[fold(word)]
    parts.pod, parts.pm = part, (pm_from, pm_to)
    return parts


# -------------------------------------------------------------------------- months, quarters, years and more


@_rule("month_range", ("month",),
       r"{month}{SP}(?P<first>\d{{1,2}})(?:{SP0}[/.-]{SP0}(?P<year1>{YEAR}))?{SP0}[-–]{SP0}(?:{month}{SP})?"
       r"(?P<last>\d{{1,2}}){SP0}[/.-]{SP0}(?P<year>{YEAR})")
def _month_range(g: Slots, lx: Lexicon) -> Parts | None:
    """tháng 1-5/2017, tháng 1/2004 - 5/2010: the second end writes its year (tháng 7-2017 is one month)"""
    first, last, year = int(g["first"] or 0), int(g["last"] or 0), int(g["year"] or 0)
    year1 = int(g["year1"]) if g["year1"] else year
    if not (1 <= first <= 12 and 1 <= last <= 12) or (year1, first) >= (year, last):
        return None
    ends = {"from": {"m": first, "y": year1, "shift": None}, "to": {"m": last, "y": year, "shift": None}}
    return Parts(g.start, g.end, "monthrange", ends, cue=True)


@_rule("month", ("month",),
       r"{month}{SP}(?P<month>{month_number}){END}(?:{SP0}(?:[/.-]|,)?{SP0}(?:{year}{SP})?(?P<year>{YEAR}))?"
       r"(?:{SP}(?P<shift>{shifts}){END})?(?:{SP}(?P<lunar>{lunar}){END})?")
def _month(g: Slots, lx: Lexicon) -> Parts | None:
    """tháng 7, tháng 1/2021, tháng mười năm 2017, tháng 3 tới, tháng Chạp"""
    mo = lx.number(g["month"])
    if not mo or not 1 <= mo <= 12:
        return None
    shift = lx.shifts[fold(g["shift"])][0] if g["shift"] else None
    year = int(g["year"]) if g["year"] else None
    lunar = bool(g["lunar"]) or fold(g["month"] or "") in lx.lunar_months
    # `tới`, `vừa qua` after the month set its year but stay outside the span (guidelines, Date spans).
    end = g.end if not g["shift"] or g["lunar"] else g.group_end("year" if g["year"] else "month")
    return Parts(g.start, end, "month", {"m": mo, "y": year, "shift": shift}, lunar=lunar, cue=True)


@_rule("quarter", ("quarter",),
       r"{quarter}{SP}(?P<quarter>\d|{numbers}){END}"
       r"(?:(?:{SP0}[/-]{SP0}|{SP}(?:{of}{SP})?{year}{SP})(?P<year>{YEAR}))?")
def _quarter(g: Slots, lx: Lexicon) -> Parts | None:
    """quý I/2021, quý 4 năm 2018"""
    q = lx.number(g["quarter"])
    if not q or not 1 <= q <= 4:
        return None
    return Parts(g.start, g.end, "quarter", {"q": q, "y": int(g["year"]) if g["year"] else None}, cue=True)


@_rule("year", ("year",),
       r"{year}{SP}(?:(?P<year>{YEAR})(?:{SP0}-{SP0}(?P<last>{YEAR}))?|(?P<canchi>{canchi}){END})")
def _year(g: Slots, lx: Lexicon) -> Parts | None:
    """năm 2021, năm 2016-2017, năm Tân Sửu"""
    if g["canchi"]:
        return Parts(g.start, g.end, "year", {"canchi": lx.canchi(g["canchi"])}, lunar=True, cue=True)
    y = int(g["year"] or 0)
    if g["last"]:
        y2 = int(g["last"])
        return Parts(g.start, g.end, "year", {"y": y, "y2": y2}, cue=True) if y < y2 <= y + 100 else None
    return Parts(g.start, g.end, "year", {"y": y, "birth": False}, cue=True)


@_rule("birth_year", ("birth_abbr",), r"{birth_abbr}{SP0}(?P<year>{YEAR})")
def _birth_year(g: Slots, lx: Lexicon) -> Parts | None:
    """SN 1990"""
    return Parts(g.start, g.end, "year", {"y": int(g["year"] or 0), "birth": True}, cue=True)


@_rule("decade", ("decade",),
       r"{decade}{SP}(?P<decade>\d{{3}}0|\d0)(?!\d)(?:{SP}(?:{of}{SP})?{century}{SP}(?P<shift>{shifts}){END})?")
def _decade(g: Slots, lx: Lexicon) -> Parts | None:
    """thập niên 1990, những năm 90, những năm 90 thế kỷ trước, thập niên 20 của thế kỷ này"""
    written = g["decade"] or ""
    if len(written) == 4:
        y = int(written)
        return Parts(g.start, g.end, "decade", {"y": y}, cue=True) if y % 10 == 0 else None
    century = lx.shifts[fold(g["shift"])][0] if g["shift"] else None  # 0 this century, -1 the last one
    return Parts(g.start, g.end, "decade", {"y": int(written), "century": century}, cue=True)


@_rule("century", ("century",), r"{century}{SP}(?P<century>\d{{1,2}}|[IVXivx]{{1,5}}){END}")
def _century(g: Slots, lx: Lexicon) -> Parts | None:
    """thế kỷ 21, thế kỷ XX"""
    written = g["century"] or ""
    n = int(written) if written.isdigit() else _roman(written)
    return Parts(g.start, g.end, "century", {"n": n}, cue=True) if n and 1 <= n <= 22 else None


def _roman(numeral: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10}
    digits = [values[c] for c in numeral.casefold()]
    total = sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))
    return total if total > 0 else None


@_rule("first_of", ("units",),
       r"(?P<unit>{units}){SP}(?P<which>{first}|{last}){END}(?:{SP}{of})?(?={SP}{month})")
def _first_of(g: Slots, lx: Lexicon) -> Parts | None:
    """ngày đầu tiên (của tháng 3), tuần cuối cùng (của tháng 9): the month follows, merged later"""
    unit = lx.units[fold(g["unit"] or "")]
    first = lx.is_word("first", g["which"] or "")
    return Parts(g.start, g.end, "firstof", {"unit": unit, "first": first}) if unit in ("day", "week") else None


@_rule("season", ("seasons",), r"(?P<season>{seasons}){END}(?:{SP}(?P<this>{this}){END})?")
def _season(g: Slots, lx: Lexicon) -> Parts | None:
    """mùa hè này, mùa đông"""
    return Parts(g.start, g.end, "season", {"season": fold(g["season"] or ""), "this": bool(g["this"])})


# ------------------------------------------------------------------------ words that name a day or part of it


@_rule("weekday", ("weekdays",), r"(?P<weekday>{weekdays}){END}(?:{SP}(?P<shift>{shifts}){END})?")
def _weekday(g: Slots, lx: Lexicon) -> Parts | None:
    """thứ Hai, Chủ nhật, thứ năm tuần tới (with the week, merged later), thứ sáu vừa qua"""
    written = g["weekday"] or ""
    wd = lx.weekdays[fold(written)]
    shift = lx.shifts[fold(g["shift"])][0] if g["shift"] else None
    words = written.split()
    # Capitals mark the weekday (thứ Hai, Thứ năm); lowercase "thứ hai" is mostly the ordinal "second".
    capital = words[0][:1].isupper() or words[-1][:1].isupper() or wd == 7
    return Parts(g.start, g.end, "weekday", weekday=(wd, shift), capital_weekday=capital)


@_rule("relative", ("relative",), r"(?P<word>{relative}){END}(?!{SP}{not_after_relative}{END})")
def _relative(g: Slots, lx: Lexicon) -> Parts | None:
    """hôm qua, tuần trước, năm nay, cùng ngày; sáng nay (a relative day with its part); not `quý tiếp tục`
    (precious … goes on: the last word makes another word with the next)"""
    unit, offset, needs, anchor = lx.relative[fold(g["word"] or "")]
    kind = "relpart" if needs == "part" else "rel"
    return Parts(g.start, g.end, kind, {"unit": unit, "offset": offset, "anchor": anchor}, cue=True)


@_rule("part_of_day", ("parts_of_day",), r"(?P<word>{parts_of_day}){END}")
def _part_of_day(g: Slots, lx: Lexicon) -> Parts | None:
    """sáng, chiều tối: stands only beside a day"""
    return _with_part_of_day(Parts(g.start, g.end, "pod"), g["word"] or "", lx)


@_rule("edge", ("edges",), r"(?P<word>{edges}){END}")
def _edge(g: Slots, lx: Lexicon) -> Parts | None:
    """đầu, cuối, giữa (tháng 7): stands only beside what it qualifies"""
    return Parts(g.start, g.end, "edge", edge=lx.edges[fold(g["word"] or "")])


@_rule("day_number", ("day",), r"{day}{SP}(?P<day>\d{{1,2}})(?![\w/.-])")
def _day_number(g: Slots, lx: Lexicon) -> Parts | None:
    """ngày 7 (in từ ngày 7 đến 12/4/2017): stands only as a range's first end"""
    d = int(g["day"] or 0)
    return Parts(g.start, g.end, "daynum", {"d": d}, cue=True) if 1 <= d <= 31 else None


@_rule("bare_year", (DIGIT,), r"(?P<year>{YEAR})")
def _bare_year(g: Slots, lx: Lexicon) -> Parts | None:
    """2021 after a capitalised name (Đại hội XIII 2021), or as a range's second end (năm 2016 - 2017)"""
    return Parts(g.start, g.end, "bareyear", {"y": int(g["year"] or 0)})


RULES: tuple[Rule, ...] = tuple(_defined)
