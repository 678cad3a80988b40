"""The story's date: the year (and, when the text fixes it, the day) the article reports its events in.

A day or month written without a year takes the story's year, not the nearest number: an article about 2017
that recalls a criminal record of 2013 still dates `Ngày 20/6` in 2017. The first pass reads every full date and
stated year with its role: a year after an ``other_frame`` word of ``date_words`` (``sinh năm``, ``tiền sự``,
``đến năm``, ``tầm nhìn``, ``giai đoạn``…) belongs to another time frame and never lends its year. The story year
is the publication year when known, else the latest year of the article's full days in its own frame that lie
within STORY_REACH days of a day it writes without a year (news reports its latest events, and a full date
months away from the story's days is background: the dev gold leaves those days `XXXX`); else a year stated
in the same sentence as such a day (`Chiều 7/7, … lễ hội chọi trâu Đồ Sơn 2017 …`, the year tied to the
reported event); failing both, a year stated nearby in the story's frame may still date a day
(``resolve.Context.near``), but gives the article no story year.
The story's day is the day a "today" word states beside it (``sáng nay (24/6)``, ``hôm nay, 7-2``), else the
first day the article dates its events by."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import NamedTuple

import regex

from .. import _patterns
from .grammar import SP, SP0, surroundings, vocabulary
from .parts import Parts
from .resolve import stated_year

__all__ = ["Story", "flat", "story_frame_years", "story_of"]

FRAME_REACH = 24
"""Characters before a year searched for a word of another time frame."""
STORY_REACH = 45
"""Days between a full date and a day written without a year for the full date to lend the story its year."""
_FULL_DATES = ("day", "dayrange")
"""What fixes the story's year: a day written with its year (`ngày 6/2/2017`). A bare year or a month with its
year (`năm 2003`, `tháng 8.1945`) is as often background as the story's: the gold leaves days beside them `XXXX`."""


class Story(NamedTuple):
    year: int | None
    day: tuple[int, int] | None  # (month, day) the text fixes as "today"


@cache
def _other_frame() -> regex.Pattern[str]:
    w = vocabulary()
    return _patterns.compile(rf"(?<![\w])(?:{w['other_frame']})(?:{SP}(?:{w['to']}))?{SP0}$", regex.I)


@cache
def _target() -> regex.Pattern[str]:
    return _patterns.compile(rf"(?<![\w])(?:{vocabulary()['to']}){SP0}$", regex.I)


def _own_frame(text: str, item: Parts) -> bool:
    """Whether ``item`` dates the reported events: not a birth date, not after a word of another time frame, not
    a year the story aims at (`từ nay đến năm 2020`)."""
    before = max(0, item.start - FRAME_REACH)
    if surroundings().birth_before.search(text, before, item.start):
        return False
    if item.kind == "year" and _target().search(text, before, item.start):
        return False
    return not _other_frame().search(text, before, item.start) and not item.lunar


def story_frame_years(text: str, items: list[Parts]) -> list[tuple[int, int]]:
    """(offset, year) of the years stated in the story's own frame (no birth year, record, target…) that a day
    nearby may take. Full days are left out: one beside the story's days already fixed the story's year, and one
    that is not (`Thông tư … ngày 16.10.2014`) is background that lends nothing."""
    return [(item.start, y) for item in items
            if item.kind not in _FULL_DATES and (y := stated_year(item)) is not None and _own_frame(text, item)]


def story_year(text: str, items: list[Parts], published: datetime | None) -> int | None:
    """The publication year, else the latest year of the article's full days in its own frame beside its days
    written without a year: a news story reports its latest events, the earlier full dates are its background
    (on the dev gold, the latest full day is right more often than the most frequent one); else the year a
    sentence ties to one of those days."""
    if published is not None:
        return published.year
    full = [item for item in items
            if item.kind in _FULL_DATES and stated_year(item) is not None and _own_frame(text, item)]
    days = _yearless_days(text, items)
    if days:
        full = [item for item in full if _beside(item, days)]
    found = max((year for item in full if (year := stated_year(item)) is not None), default=None)
    return found if found is not None else _sentence_year(text, items)


_SENTENCE_END = _patterns.compile(r"[.!?…:\n](?=\s|$)")
"""Where a sentence ends; a colon too, as reported speech after it (`cho rằng: “Năm 2016, …`) is its own frame."""


def _sentence_year(text: str, items: list[Parts]) -> int | None:
    """A year stated in the same sentence as a day written without a year (`Chiều 7/7, Ban tổ chức lễ hội chọi
    trâu Đồ Sơn 2017 công bố…`): the year the article ties to the event it reports."""
    days = [item for item in items if item.kind == "day" and not item.lunar and item.core.get("y") is None
            and "m" in item.core and _own_frame(text, item)]
    years = []
    for item in items:
        if item.kind in _FULL_DATES or (year := stated_year(item)) is None or not _own_frame(text, item):
            continue
        if any(_same_sentence(text, item, day) for day in days):
            years.append(year)
    return max(years, default=None)


def _same_sentence(text: str, a: Parts, b: Parts) -> bool:
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    return _SENTENCE_END.search(text, lo, hi - 1) is None


def _yearless_days(text: str, items: list[Parts]) -> list[date]:
    """The days the article writes without a year (in a leap year), those the story's year is wanted for."""
    return [date(2000, item.core["m"], min(item.core["d"], 29)) for item in items
            if item.kind == "day" and not item.lunar and "m" in item.core and item.core.get("y") is None
            and _own_frame(text, item)]


def _beside(item: Parts, days: list[date]) -> bool:
    """Whether a full date lies within STORY_REACH days of a day written without a year: a full date of the same
    story (`Sáng 6-2` … `trước ngày 10-2-2017`), not one of its background months or years away (`Ngày 4-6` …
    `Thông tư … ngày 16.10.2014`)."""
    core = item.core["to"] if item.kind == "dayrange" else item.core
    if "m" not in core or "d" not in core:
        return False
    full = date(2000, core["m"], min(core["d"], 29))
    return any(abs((full - day).days) <= STORY_REACH for day in days)


_TODAY_GAP = _patterns.compile(rf"{SP0}[(,]{SP0}")


def story_day(text: str, items: list[Parts]) -> tuple[int, int] | None:
    """The (month, day) a "today" word states beside it: `sáng nay (24/6)`, `hôm nay, 7-2`, `chiều nay 17/5`."""
    for item in items:
        if item.kind == "day" and item.core.get("today") and not item.lunar:
            return item.core["m"], item.core["d"]
    for today, said in zip(items, items[1:], strict=False):
        if said.kind != "day" or said.lunar or "m" not in said.core:
            continue
        day = said.core["m"], said.core["d"]
        if _says_today(today, day) and _TODAY_GAP.fullmatch(text, today.end, said.start):
            return day
    return _first_day(text, items)


def _first_day(text: str, items: list[Parts]) -> tuple[int, int] | None:
    """Without a "today" word, the first day the article dates its events by (the lead's `Sáng 7/2, …`): what a
    reader takes `hôm nay`, `sáng mai` against (the dev gold does)."""
    for item in items:
        if item.kind == "day" and not item.lunar and "m" in item.core and _own_frame(text, item):
            return item.core["m"], item.core["d"]
    return None


def _says_today(item: Parts, day: tuple[int, int]) -> bool:
    """A `nay` word: still relative, or already given the bracketed day's value (``merge._restated``)."""
    if item.kind == "day":
        return (item.core.get("m"), item.core.get("d")) == day
    core = item.core
    return item.kind in ("rel", "relpart") and core.get("unit") == "day" and not core.get("offset") \
        and core.get("anchor") != "previous"


def story_of(text: str, items: list[Parts], published: datetime | None) -> Story:
    """The story's year and day (both from the publication date when known)."""
    if published is not None:
        return Story(published.year, (published.month, published.day))
    return Story(story_year(text, flat(items), published), story_day(text, items))


def flat(items: list[Parts]) -> list[Parts]:
    """The items with each range of mixed grains (`từ năm 2015 đến ngày 8/6/2017`) read as its two ends, which
    date the story as they would alone."""
    return [end for item in items
            for end in ((item.core["from"], item.core["to"]) if item.kind == "between" else (item,))]
