"""Resolution: what the rules read (:class:`Parts`) turned into calendar values, against the publication date,
the years the article states nearby, or the last day it mentioned."""

from __future__ import annotations

import bisect
import calendar
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .lexicon import lexicon
from .lunar import canchi_year, lunar_to_solar
from .parts import Parts

__all__ = ["Context", "Fields", "resolve", "stated_year"]

Fields = dict[str, Any]
"""The fields of :class:`dvextract.DateMention` other than the span."""

NEAR = 300
"""Characters: how far a stated year reaches to dates that omit theirs (about two sentences)."""
SAME_YEAR_DAYS = 270
"""A day or month without a year is in the publication year unless that puts it this far from publication."""


@dataclass
class Context:
    """What expressions resolve against: the publication date, or the story's date the text fixes (``ref`` then
    says ``context``), or only the story's year, or nothing."""

    published: datetime | None
    story_year: int | None = None  # the year the article fixes for its story (see ``story.py``)
    story_day: tuple[int, int] | None = None  # (month, day) the article fixes as "today", without its year
    ref: str = "published"  # how values resolved against ``published`` were found
    last_day: tuple[str, str] | None = None  # (value, reference) of the last day mentioned
    births: frozenset[int] = frozenset()  # offsets of birth dates: no `cùng ngày` refers back to them
    years: list[tuple[int, int]] = field(default_factory=list)  # (offset, year) stated in the story's frame

    def year_for(self, pos: int, m: int, d: int, near: bool = True) -> tuple[int | None, str]:
        """The year of day ``d`` of month ``m``: the publication's, or the one before or after when that puts
        the day nearer publication; without publication, the story's year."""
        if self.published:
            p = self.published.date()
            best = p.year
            try:
                diff = (date(p.year, m, min(d, 28 if m == 2 else d)) - p).days
            except ValueError:
                diff = 0
            if diff > SAME_YEAR_DAYS:
                best = p.year - 1
            elif diff < -SAME_YEAR_DAYS:
                best = p.year + 1
            return best, self.ref
        return self.plain_year(pos, near)

    def plain_year(self, pos: int, near: bool = True) -> tuple[int | None, str]:
        """The publication year, else the story's, else (``near``) a year stated nearby in the story's frame."""
        if self.published:
            return self.published.year, self.ref
        if self.story_year is not None:
            return self.story_year, "context"
        nearby = self.near(pos) if near else None
        return (nearby, "context") if nearby is not None else (None, "none")

    def near(self, pos: int) -> int | None:
        """Without a story year, a year stated in the same passage (NEAR characters) may still date a day."""
        lo = bisect.bisect_left(self.years, (pos - NEAR, -math.inf))
        hi = bisect.bisect_right(self.years, (pos + NEAR, math.inf))
        close = self.years[lo:hi]  # the years are in text order
        return min(close, key=lambda py: (abs(py[0] - pos), py[0] > pos))[1] if close else None

    def this_year(self, offset: int) -> tuple[int | None, str]:
        """`năm nay` (offset 0), `năm ngoái` (-1): against the publication or story year."""
        year, ref = self.plain_year(0, near=False)
        return (None, "none") if year is None else (year + offset, ref)


def stated_year(item: Parts) -> int | None:
    """The year an expression states, which dates nearby that omit theirs may take (a birth date's never does:
    the caller leaves those out)."""
    c = item.core
    if item.kind == "dayrange":
        year: int | None = c["to"].get("y")
    elif (item.kind in ("day", "month", "quarter") and not item.lunar) or (
        item.kind == "year" and "y2" not in c and not c.get("birth")
    ):
        year = c.get("y")
    elif item.kind == "half":
        year = c.get("year")
    else:
        return None
    return year


def resolve(item: Parts, ctx: Context) -> Fields | None:
    """The record fields of ``item``, or None when it names no real date (30 tháng 2 âm lịch of a short month)."""
    resolver = _RESOLVERS.get(item.kind)
    return resolver(item, ctx) if resolver else None


# ------------------------------------------------------------------------------------------------ formatting


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


def _with_time(value: str, item: Parts) -> tuple[str, str]:
    """A day's value with its clock time, and the grain (day, hour or minute)."""
    if not item.time:
        return value, "day"
    h, mi = item.time
    if item.pm and item.pm[0] <= h <= item.pm[1] and item.pm[1] > 0:
        h += 12
    value = value if len(value) == 10 else "XXXX-XX-XX"
    return f"{value}T{h % 24:02d}:{mi:02d}", "minute" if mi or item.time[1] else "hour"


def _record(value: str | None, grain: str | None, item: Parts, reference: str,
            lo: str | None = None, hi: str | None = None) -> Fields:
    if value is not None and "X" in value:
        lo = hi = None
    return {"value": value, "grain": grain, "interval_start": lo, "interval_end": hi,
            "part_of_day": item.pod, "lunar": item.lunar, "reference": reference}


def _one_day(day: date, item: Parts, ref: str, ctx: Context) -> Fields:
    """A day known to the calendar, remembered as the last day mentioned (for `cùng ngày`)."""
    value, grain = _with_time(day.isoformat(), item)
    ctx.last_day = (value[:10], ref)
    return _record(value, grain, item, ref, day.isoformat(), day.isoformat())


# ------------------------------------------------------------------------------------------------------ days


def _day(item: Parts, ctx: Context) -> Fields | None:
    """2/7, ngày 2 tháng 7 năm 2021, 2/7 năm nay, Giáng sinh."""
    if item.lunar:
        return _lunar_day(item, ctx)
    c = item.core
    y, ref = c.get("y"), "explicit"
    if y is None and c.get("yrel") is not None:
        y, ref = ctx.this_year(c["yrel"]["offset"])
    elif y is None and c.get("holiday"):
        y, ref = ctx.plain_year(item.start)  # a named day: the one of the publication year
    elif y is None:
        y, ref = ctx.year_for(item.start, c["m"], c["d"])
    value = _fmt(y, c["m"], c["d"])
    if item.start not in ctx.births:
        ctx.last_day = (value, ref)
    value, grain = _with_time(value, item)
    return _record(value, grain, item, ref, value[:10], value[:10])


def _lunar_day(item: Parts, ctx: Context) -> Fields | None:
    """mùng 10 tháng Giêng (năm Đinh Dậu), Tết Nguyên đán Tân Sửu: converted to the Gregorian calendar."""
    c = item.core
    y, ref = c.get("y"), "explicit"
    if y is None and c.get("canchi"):
        # The can-chi name repeats every 60 years: the cycle comes from the publication or context year.
        near, ref = ctx.plain_year(item.start)
        if near is None:
            return _record(None, "day", item, "none")
        stem, branch = c["canchi"]
        y = canchi_year(stem, branch, near)
    if y is None and ctx.published and not c.get("holiday"):
        # The occurrence nearest publication: 20 tháng Chạp falls in the next Gregorian year.
        p = ctx.published.date()
        near_days = [d for k in (-1, 0, 1) if (d := lunar_to_solar(c["d"], c["m"], p.year + k))]
        if not near_days:
            return None
        day: date | None = min(near_days, key=lambda d: abs((d - p).days))
        ref = ctx.ref
    else:
        if y is None:
            y, ref = ctx.plain_year(item.start)
        if y is None:
            return _record(None, "day", item, "none")
        day = lunar_to_solar(c["d"], c["m"], y)
    return None if day is None else _one_day(day, item, ref, ctx)


def _day_range(item: Parts, ctx: Context) -> Fields | None:
    """30/4-1/5, từ ngày 7 đến 12/4/2017: the first end takes the second's year (the one before, if later)."""
    a, b = dict(item.core["from"]), dict(item.core["to"])
    ref = "explicit"
    if b.get("y") is None:
        b["y"], ref = ctx.year_for(item.start, b["m"], b["d"])
    if a.get("y") is None:
        a["y"] = b["y"] if (a["m"], a["d"]) <= (b["m"], b["d"]) or b["y"] is None else b["y"] - 1
    va, vb = _fmt(a["y"], a["m"], a["d"]), _fmt(b["y"], b["m"], b["d"])
    return _record(f"{va}/{vb}", "day", item, ref, va, vb)


def _weekday(item: Parts, ctx: Context) -> Fields | None:
    """thứ Hai (the most recent), thứ sáu tới, Chủ nhật vừa qua, thứ Ba này."""
    if not ctx.published:
        return _record(None, "day", item, "none")
    wd, shift = item.weekday or (1, None)
    today = ctx.published.date()
    delta = wd - today.isoweekday()
    if shift == 1:
        delta = delta if delta > 0 else delta + 7
    elif shift == -1:
        delta = delta if delta < 0 else delta - 7
    elif shift != 0:
        delta = delta if delta <= 0 else delta - 7  # a bare weekday in news: the most recent one
    return _one_day(today + timedelta(days=delta), item, ctx.ref, ctx)


def _first_of(item: Parts, ctx: Context) -> Fields | None:
    """ngày đầu tiên của tháng 3 (a day), tuần cuối cùng của tháng 9 (the last week from Monday to Sunday)."""
    c = item.core
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
    if c["first"]:
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
    else:
        monday = last - timedelta(days=(last.weekday() + 1) % 7 + 6)
    sunday = monday + timedelta(days=6)
    return _record(f"{monday}/{sunday}", "week", item, ref, str(monday), str(sunday))


# ---------------------------------------------------------------------------------------------------- months


def _month(item: Parts, ctx: Context) -> Fields | None:
    """tháng 7, tháng 3 tới, tháng 7 năm nay, tháng Chạp (a lunar month: its Gregorian first and last days)."""
    c, pub = item.core, ctx.published
    y, ref = c.get("y"), "explicit"
    if y is None and c.get("yrel") is not None:
        y, ref = ctx.this_year(c["yrel"]["offset"])
    elif y is None and c.get("shift") is not None and pub:
        y, ref = pub.year, ctx.ref
        if c["shift"] > 0 and c["m"] <= pub.month:
            y += 1
        elif c["shift"] < 0 and c["m"] >= pub.month:
            y -= 1
    elif y is None:
        # A month alone takes the story's year only: `tháng 9` beside a `năm 1945` is history more often than
        # the story's month (the dev gold leaves such months XXXX).
        y, ref = ctx.year_for(item.start, c["m"], 15, near=False)
    if item.lunar and y is not None:
        first, last = lunar_to_solar(1, c["m"], y), lunar_to_solar(1, c["m"] % 12 + 1, y + (c["m"] == 12))
        lo = first.isoformat() if first else None
        hi = (last - timedelta(days=1)).isoformat() if last else None
        return _record(_fmt(y, c["m"]), "month", item, ref, lo, hi)
    hi = _month_end(y, c["m"]).isoformat() if y is not None else None
    return _record(_fmt(y, c["m"]), "month", item, ref, _fmt(y, c["m"], 1), hi)


def _month_range(item: Parts, ctx: Context) -> Fields | None:
    """tháng 3 đến tháng 5 (năm 2021)."""
    a, b = item.core["from"], item.core["to"]
    yb, ref = (b["y"], "explicit") if b["y"] is not None else ctx.year_for(item.start, b["m"], 15)
    ya = a["y"] if a["y"] is not None else (yb if yb is None or a["m"] <= b["m"] else yb - 1)
    lo = _fmt(ya, a["m"], 1)
    hi = _month_end(yb, b["m"]).isoformat() if yb is not None else None
    return _record(f"{_fmt(ya, a['m'])}/{_fmt(yb, b['m'])}", "month", item, ref, lo, hi)


def _quarter(item: Parts, ctx: Context) -> Fields | None:
    """quý I/2021, quý 4."""
    y, ref = (item.core["y"], "explicit") if item.core["y"] is not None else ctx.plain_year(item.start)
    return _quarter_of(y, item.core["q"], item, ref)


def _quarter_of(y: int | None, q: int, item: Parts, ref: str) -> Fields:
    """A quarter is a month interval: quý I/2020 → 2020-01/2020-03."""
    m1 = 3 * (q - 1) + 1
    value = f"{_fmt(y, m1)}/{_fmt(y, m1 + 2)}"
    if y is None:
        return _record(value, "quarter", item, "none")
    return _record(value, "quarter", item, ref, _fmt(y, m1, 1), _month_end(y, m1 + 2).isoformat())


def _half(item: Parts, ctx: Context) -> Fields | None:
    """nửa cuối năm 2016 (a half: a month interval, 2016-07/2016-12); 6 tháng đầu năm 2021, 9 tháng đầu năm
    (counted months: their first and last days, the last known even when the year is not)."""
    c = item.core
    y, ref = (c["year"], "explicit") if c["year"] is not None else ctx.plain_year(item.start)
    n = c["months"]
    m1, m2 = (1, n) if c["edge"] == "start" else (13 - n, 12)
    if c.get("half"):
        value = f"{_fmt(y, m1)}/{_fmt(y, m2)}"
        lo, hi = (_fmt(y, m1, 1), _month_end(y, m2).isoformat()) if y is not None else (None, None)
        return _record(value, "half", item, ref if y is not None else "none", lo, hi)
    grain = "half" if n == 6 else "month"
    last = _month_end(y if y is not None else _SOME_COMMON_YEAR, m2).day
    lo, hi = _fmt(y, m1, 1), _fmt(y, m2, last)
    return _record(f"{lo}/{hi}", grain, item, ref if y is not None else "none", lo, hi)


_SOME_COMMON_YEAR = 2001
"""The month ends of a year not known: a common year's (February has 28 days)."""


def _season(item: Parts, ctx: Context) -> Fields | None:
    """A season is a month interval (guidelines): mùa hè 2017 → 2017-06/2017-08; mùa hè này, mùa đông năm nay
    (the winter we are in began last December); a bare season takes the story's year."""
    c, pub = item.core, ctx.published
    m1, m2 = lexicon().seasons[c["season"]]
    if c.get("y") is not None:
        y, ref = c["y"], "explicit"
    elif pub and (c.get("this") or c.get("yrel") is not None):
        y, ref = pub.year + (c.get("yrel") or {}).get("offset", 0), ctx.ref
        if c.get("this") and m1 > m2 and pub.month <= m2:
            y -= 1
    else:
        y, ref = ctx.plain_year(item.start)
    if y is None:
        return _record(None, "month", item, "none")
    y2 = y + (m1 > m2)
    lo, hi = _fmt(y, m1, 1), _month_end(y2, m2).isoformat()
    return _record(f"{_fmt(y, m1)}/{_fmt(y2, m2)}", "month", item, ref, lo, hi)


# ---------------------------------------------------------------------------------------------------- years


def _year(item: Parts, ctx: Context) -> Fields | None:
    """năm 2021, năm 2016-2017, năm Tân Sửu (the lunar year of the cycle nearest the publication)."""
    c = item.core
    if "canchi" in c:
        near, ref = ctx.plain_year(item.start)
        if near is None:
            return _record(None, "year", item, "none")
        stem, branch = c["canchi"]
        y = canchi_year(stem, branch, near)
        if y is None:
            return None
        start, end = lunar_to_solar(1, 1, y), lunar_to_solar(1, 1, y + 1)
        return _record(str(y), "year", item, ref, start.isoformat() if start else None,
                       (end - timedelta(days=1)).isoformat() if end else None)
    if "y2" in c:
        return _record(f"{c['y']}/{c['y2']}", "year", item, "explicit", f"{c['y']}-01-01", f"{c['y2']}-12-31")
    return _record(str(c["y"]), "year", item, "explicit", f"{c['y']}-01-01", f"{c['y']}-12-31")


def _decade(item: Parts, ctx: Context) -> Fields | None:
    """thập niên 1990; a two-digit decade in the 1900s (những năm 90), or in the century `thế kỷ này` / `thế kỷ
    trước` name, counted from the publication or story year (the present century without either)."""
    y, century = item.core["y"], item.core.get("century")
    if y < 100:
        now, _ = ctx.plain_year(item.start, near=False)
        y += 1900 if century is None else (now or 2000) // 100 * 100 + 100 * century
    return _record(f"{y}/{y + 9}", "decade", item, "explicit", f"{y}-01-01", f"{y + 9}-12-31")


def _century(item: Parts, ctx: Context) -> Fields | None:
    y = 100 * (item.core["n"] - 1) + 1  # the 20th century: 1901 to 2000
    return _record(f"{y}/{y + 99}", "century", item, "explicit", f"{y}-01-01", f"{y + 99}-12-31")


def _term(item: Parts, ctx: Context) -> Fields | None:
    y1, y2 = item.core["years"]
    return _record(f"{y1}/{y2}", "term", item, "explicit", str(y1), str(y2))


# ------------------------------------------------------------------------------------ relative to publication


def _relative(item: Parts, ctx: Context) -> Fields | None:
    """hôm qua, tuần trước, tháng này, quý tới, năm ngoái; cùng ngày (the last day mentioned)."""
    c, pub = item.core, ctx.published
    unit, offset = c["unit"], c["offset"]
    if c["anchor"] == "previous":
        return _same_day(item, ctx)
    if pub is None:
        return _relative_to_story(item, ctx)
    today = pub.date()
    if unit == "day":
        return _one_day(today + timedelta(days=offset), item, ctx.ref, ctx)
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        if item.weekday:
            return _one_day(monday + timedelta(days=item.weekday[0] - 1), item, ctx.ref, ctx)
        sunday = monday + timedelta(days=6)
        return _record(f"{monday}/{sunday}", "week", item, ctx.ref, str(monday), str(sunday))
    if unit == "month":
        y, m = _add_months(today.year, today.month, offset)
        return _record(_fmt(y, m), "month", item, ctx.ref, _fmt(y, m, 1), str(_month_end(y, m)))
    if unit == "quarter":
        y, m = _add_months(today.year, 3 * ((today.month - 1) // 3) + 1, 3 * offset)
        return _quarter_of(y, (m - 1) // 3 + 1, item, ctx.ref)
    if unit == "year":
        y = today.year + offset
        return _record(str(y), "year", item, ctx.ref, f"{y}-01-01", f"{y}-12-31")
    return None


_SOME_LEAP_YEAR = 2000
"""Days counted from a story's day whose year is unknown are counted in a leap year (29/2 exists)."""


def _relative_to_story(item: Parts, ctx: Context) -> Fields:
    """Without a publication date: `hôm qua` from the day the text fixes as today (`hôm nay (24/6)`), its year
    unknown; `năm nay` the story's year; otherwise nothing to count from."""
    unit, offset = item.core["unit"], item.core["offset"]
    if unit == "year" and ctx.story_year is not None:
        y = ctx.story_year + offset
        return _record(str(y), "year", item, "context", f"{y}-01-01", f"{y}-12-31")
    if unit == "day" and ctx.story_day is not None:
        day = date(_SOME_LEAP_YEAR, *ctx.story_day) + timedelta(days=offset)
        value, grain = _with_time(f"XXXX-{day.month:02d}-{day.day:02d}", item)
        ctx.last_day = (value[:10], "context")
        return _record(value, grain, item, "context")
    if unit == "month" and ctx.story_day is not None:
        return _record(_story_month(ctx.story_day, offset), "month", item, "context")
    if unit == "day" and item.time and offset == 0:
        value, grain = _with_time("XXXX-XX-XX", item)
        return _record(value, grain, item, "none")
    return _record(None, unit if unit in ("day", "week", "month", "quarter", "year") else None, item, "none")


def _story_month(story_day: tuple[int, int], offset: int) -> str:
    """The month ``offset`` months from the story's day, its year unknown: `hồi tháng trước` → XXXX-01."""
    return f"XXXX-{(story_day[0] - 1 + offset) % 12 + 1:02d}"


def _span_from_story(item: Parts, ctx: Context) -> Fields:
    """Without a publication date: `3 ngày trước`, `cách đây 5 tháng` counted from the story's day, its year
    unknown (the dev gold values them XXXX-07-02, XXXX-02); a period (`3 ngày tới`) has no value."""
    c = item.core
    n, unit, direction = c["n"], c["unit"], c["dir"]
    if ctx.story_day is None or c["how"] != "point" or unit not in ("day", "month"):
        return _record(None, unit if unit in ("day", "week", "month", "year") else None, item, "none")
    if unit == "month":
        return _record(_story_month(ctx.story_day, direction * n), "month", item, "context")
    day = date(_SOME_LEAP_YEAR, *ctx.story_day) + timedelta(days=direction * n)
    value, grain = _with_time(f"XXXX-{day.month:02d}-{day.day:02d}", item)
    return _record(value, grain, item, "context")


def _same_day(item: Parts, ctx: Context) -> Fields | None:
    """cùng ngày, hôm sau: counted from the last day the article mentioned (its year unknown: XXXX-02-09)."""
    if ctx.last_day is None:
        return None
    base, ref = ctx.last_day
    offset = item.core["offset"]
    if offset == 0 or "X" in base[5:]:
        value, grain = _with_time(base, item)
        return _record(value, grain, item, ref, base, base)
    if "X" in base:
        day = date(_SOME_LEAP_YEAR, int(base[5:7]), int(base[8:10])) + timedelta(days=offset)
        value, grain = _with_time(f"XXXX-{day.month:02d}-{day.day:02d}", item)
        return _record(value, grain, item, ref)
    day = date.fromisoformat(base) + timedelta(days=offset)
    value, grain = _with_time(str(day), item)
    return _record(value, grain, item, ref, str(day), str(day))


def _span(item: Parts, ctx: Context) -> Fields | None:
    """2 ngày trước (a point), 3 tháng tới (the next three months), 2 năm vừa rồi (the last two years)."""
    c, pub = item.core, ctx.published
    n, unit, direction, how = c["n"], c["unit"], c["dir"], c["how"]
    if pub is None:
        return _span_from_story(item, ctx)
    if how == "point":
        lo = hi = direction * n
    elif direction > 0:
        lo, hi = 1, n
    else:
        lo, hi = -n, -1
    first, last = _unit_at(pub, unit, lo), _unit_at(pub, unit, hi)
    grain = None if unit == "second" else unit  # the record has no grain finer than a minute
    if lo == hi:
        return _record(first[0], grain, item, ctx.ref, first[1], first[2])
    value = f"{first[1]}/{last[2]}" if unit in ("week", "quarter") else f"{first[0]}/{last[0]}"
    return _record(value, grain, item, ctx.ref, first[1], last[2])


def _unit_at(pub: datetime, unit: str, k: int) -> tuple[str, str, str]:
    """(value, first day, last day) of the ``unit`` k steps from publication."""
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


def _between(item: Parts, ctx: Context) -> Fields | None:
    """Ends of different grains (từ ngày 9/10/2015 đến tháng 12/2016): each end's own value, joined."""
    first, last = resolve(item.core["from"], ctx), resolve(item.core["to"], ctx)
    if first is None or last is None or first["value"] is None or last["value"] is None:
        return None
    return _record(f"{first['value']}/{last['value']}", last["grain"], item, "explicit",
                   first["interval_start"], last["interval_end"])


_RESOLVERS: dict[str, Callable[[Parts, Context], Fields | None]] = {
    "day": _day, "dayrange": _day_range, "weekday": _weekday, "firstof": _first_of,
    "month": _month, "monthrange": _month_range, "quarter": _quarter, "half": _half, "season": _season,
    "year": _year, "decade": _decade, "century": _century, "term": _term,
    "rel": _relative, "relpart": _relative, "span": _span, "between": _between,
}
