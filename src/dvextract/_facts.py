"""Numeric facts: counts, money, percentages, ratios and measures, with what they measure.

Contract with the pipeline: ``find_facts(text, dates, places)`` scans the working text (normalized;
boilerplate blanked with spaces) and returns one :class:`Found` per fact, with offsets into ``text`` and the
fields of :class:`dvextract.Fact` other than the span; ``subject``, ``date`` and ``place`` are ``(start, end)``
ranges of ``text`` or None. ``dates`` are the ranges of the date mentions (numbers inside them are not facts),
``places`` the ranges of LOCATION entities.

One pass finds runs of number tokens; each number is then read outwards: a currency sign before it, a range,
a unit or counted noun after it, qualifiers and change words before it. A number that quantifies nothing
(no unit, no counted noun) is not a fact. Every word list is data (``data/fact_*.tsv``, ``units.tsv``,
``currencies.tsv``, ``number_words.tsv``).
"""

from __future__ import annotations

from bisect import bisect_right
from fractions import Fraction
from functools import cache
from typing import Any, NamedTuple

import regex

from . import _patterns
from ._numbers import Token, evaluate, number_end, to_value, tokenize, words
from ._resources import table

__all__ = ["Found", "find_facts"]

Range = tuple[int, int]

_MAX_NOUNS = 4
"""Lexicon items one counted noun phrase may chain (cán bộ sĩ quan, quân nhân chuyên nghiệp)."""
_SUBJECT_REACH = 90
"""How far before a figure (characters) the head of its subject may stand."""
_SUBJECT_WORDS = 8
_CLOCK_UNIT = "giờ"
"""The unit that can also read as a clock time (one unit, not a word list: the clock words are data)."""


class Found(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]


def _alt(forms) -> str:
    """A regex alternation of literal forms, longest first (so ``đô la`` wins over ``đô``)."""
    return "|".join(regex.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


class _Lexicon(NamedTuple):
    run: regex.Pattern
    unit: regex.Pattern
    units: dict[str, tuple[str, str | None, Fraction]]  # folded form → (kind, currency, factor)
    noun: regex.Pattern
    nouns: dict[str, str]  # folded form → role
    cur_before: regex.Pattern
    qual_before: regex.Pattern
    qual_after: regex.Pattern
    qualifiers: dict[str, str]
    change: regex.Pattern
    changes: dict[str, str]
    blocker: regex.Pattern
    range_to: regex.Pattern
    range_and: regex.Pattern
    range_open: regex.Pattern
    per: regex.Pattern
    clock: regex.Pattern
    subject: regex.Pattern
    stops: frozenset[str]
    sentence: regex.Pattern
    word: regex.Pattern
    cents: frozenset[str]
    clock_before: regex.Pattern
    cur_prefix: regex.Pattern


def _fold(s: str) -> str:
    return s.casefold()


@cache
def _lexicon() -> _Lexicon:
    num_words = [w for w, v in words().items() if v.kind in "dtmhlMHP"]
    token = rf"\d+(?:[.,]\d+)*|(?<!\w)(?i:{_alt(num_words)})(?!\w)"
    # Digits may touch letters before them (USD1,23); whether that makes a code is decided when reading.
    run = _patterns.compile(rf"(?<![\d.,])(?:{token})(?:[ ]{{1,3}}(?:{token})){{0,40}}")

    units: dict[str, tuple[str, str | None, Fraction]] = {}
    before = []
    for row in table("currencies"):
        if row["where"] in ("after", "both"):
            units[_fold(row["form"])] = ("money", row["code"], Fraction(row["factor"]))
        if row["where"] in ("before", "both"):
            before.append(row["form"])
    for row in table("units"):
        units.setdefault(_fold(row["form"]), (row["kind"], None, Fraction(1)))
    cents = frozenset(_fold(r["form"]) for r in table("currencies") if Fraction(r["factor"]) < 1)
    unit_forms = [r["form"] for r in table("currencies") if r["where"] in ("after", "both")] + [r["form"] for r in table("units")]
    # A unit is glued to the number (500m, 99,95%) or one space after it (86 %); it ends where the word does.
    # Codes in capitals may touch the next word (70USDmỗi ounce, as crawled).
    caps = [f for f in unit_forms if f.isupper()]
    unit = _patterns.compile(rf"[ ]?(?:(?:{_alt(caps)})(?![\p{{Lu}}\d])|(?i:{_alt(unit_forms)})(?!\w))")
    cur_before = _patterns.compile(rf"(?<![\w$])(?:{_alt(before)})[ ]?$")
    cur_prefix = _patterns.compile(rf"(?:{_alt(before)})[ ]?(?=\d)")

    nouns = {_fold(r["form"]): r["role"] for r in table("fact_nouns")}
    noun = _patterns.compile(rf"(?i:{_alt(r['form'] for r in table('fact_nouns'))})(?!\w)")

    quals = table("fact_qualifiers")
    qualifiers = {_fold(r["form"]): r["qualifier"] for r in quals}
    qual_before = _patterns.compile(rf"(?<!\w)(?i:{_alt(r['form'] for r in quals if r['where'] == 'before')})[ ]+$")
    qual_after = _patterns.compile(rf"[ ]+(?i:{_alt(r['form'] for r in quals if r['where'] == 'after')})(?!\w)")

    changes = {_fold(r["form"]): r["change"] for r in table("fact_changes")}
    change = _patterns.compile(
        rf"(?<!\w)((?i:{_alt(r['form'] for r in table('fact_changes'))}))(?:[ ]+[^\s\d.,;:!?()]+){{0,3}}[ ]+$"
    )
    blocker = _patterns.compile(rf"(?<!\w)(?i:{_alt(r['form'] for r in table('fact_blockers'))})[ ]*$")

    ranges = table("fact_ranges")

    def role(r: str) -> list[str]:
        return [x["form"] for x in ranges if x["role"] == r]

    range_to = _patterns.compile(rf"[ ]*(?:{_alt(f for f in role('to') if not f[0].isalpha())})[ ]*|[ ]+(?i:{_alt(f for f in role('to') if f[0].isalpha())})[ ]+")
    range_and = _patterns.compile(rf"[ ]+(?i:{_alt(role('and'))})[ ]+")
    range_open = _patterns.compile(rf"(?<!\w)((?i:{_alt(role('from') + role('between'))}))[ ]+$")
    per = _patterns.compile(r"(?:/\p{L}+){1,2}(?!\w)")
    clock_rows = table("fact_clock")
    clock = _patterns.compile(rf"[ ]*\d|[ ]+(?i:{_alt(r['form'] for r in clock_rows if r['where'] == 'after')})(?!\w)")
    clock_before = _patterns.compile(rf"(?<!\w)(?i:{_alt(r['form'] for r in clock_rows if r['where'] == 'before')})[ ]+$")
    subject = _patterns.compile(rf"(?<!\w)(?i:{_alt(r['form'] for r in table('fact_subjects'))})(?!\w)")
    stops = frozenset(_fold(r["form"]) for r in table("fact_stops"))
    sentence = _patterns.compile(r"[.!?…]+(?=\s)|\n")
    word = _patterns.compile(r"[^\W\d_]+|\S")
    return _Lexicon(run, unit, units, noun, nouns, cur_before, qual_before, qual_after, qualifiers, change, changes,
                    blocker, range_to, range_and, range_open, per, clock, subject, stops, sentence, word, cents,
                    clock_before, cur_prefix)


def _inside(ranges: list[Range], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` falls in one of ``ranges`` (sorted by start; a few may nest)."""
    i = bisect_right(starts, pos) - 1
    return any(ranges[k][0] <= pos < ranges[k][1] for k in range(i, max(-1, i - 4), -1))


def _number_at(text: str, pos: int, lex: _Lexicon) -> tuple[Fraction, Fraction | None, int, list[Token]] | None:
    """The number of running text that starts exactly at ``pos``: (value, top multiplier, end, tokens)."""
    m = lex.run.match(text, pos)
    if m is None:
        return None
    toks = tokenize(text, m.start(), m.end())
    if not toks:
        return None
    j = number_end(toks, 0)
    if j == 0:
        return None
    got = evaluate(toks[:j])
    if got is None:
        return None
    if j == 1 and toks[0].kind != "D" and not words()[toks[0].text.lower()].alone:
        return None
    return got[0], got[1], toks[j - 1].end, toks[:j]


def _coded(text: str, s: int, tokens: list[Token]) -> bool:
    """Whether the digits at ``s`` belong to a code: Covid-19, 66C1-054.53, +84…, a phone number."""
    if tokens[0].kind != "D":
        return False
    before = text[max(0, s - 3):s]
    if before.endswith(("+", "#")):
        return True
    if s >= 2 and text[s - 1] in "-/." and text[s - 2].isalnum():
        return True  # Covid-19, 100/2019
    b = before.rstrip(" ")
    if b.endswith("-"):
        prev = text[max(0, s - 16): s - (len(before) - len(b)) - 1].rstrip(" ").rsplit(" ", 1)[-1]
        if any(c.isdigit() for c in prev):
            return True  # 51R- 5415, 48A - 002.50: plates
    raw = tokens[0].text
    if raw[0] == "0" and len(raw) > 2 and raw[1].isdigit():
        return True  # 0908…, 002.50: phone numbers and plates, not quantities
    return False


def _nouns(text: str, pos: int, lex: _Lexicon) -> tuple[int, int, int] | None:
    """The counted noun phrase starting after spaces at ``pos``: (unit start, unit end, span end)."""
    p = pos
    while p < len(text) and text[p] == " " and p - pos < 3:
        p += 1
    if p == pos:
        return None
    start = p
    unit_end = span_end = -1
    items = 0
    pending_prefix = False
    while items < _MAX_NOUNS:
        m = lex.noun.match(text, p)
        if m is None:
            break
        role = lex.nouns.get(_fold(m.group()), "noun")
        if role == "modifier":
            if unit_end < 0 or pending_prefix:
                break
            span_end = m.end()
        elif role == "prefix":
            pending_prefix = True
        else:
            pending_prefix = False
            unit_end = span_end = m.end()
        items += 1
        q = m.end()
        if text.startswith(" ", q):
            p = q + 1
        elif text.startswith(", ", q) and role == "noun":
            nxt = lex.noun.match(text, q + 2)
            if nxt is None or lex.nouns.get(_fold(nxt.group())) == "modifier":
                break
            p = q + 2
        else:
            break
    if unit_end < 0:
        return None
    return start, unit_end, max(span_end, unit_end)


def _words_until_stop(text: str, start: int, limit: int, lex: _Lexicon, max_words: int) -> int:
    """The end of the run of plain words from ``start`` that stops at a stop word, punctuation or ``limit``."""
    end = start
    n = 0
    # word by word, not one scan to ``limit``: a scan of the rest of the sentence per figure is quadratic
    while n < max_words and (m := lex.word.search(text, end, limit, timeout=_patterns.SCAN_TIMEOUT)):
        w = m.group()
        if not w[0].isalpha() or _fold(w) in lex.stops:
            break
        end = m.end()
        n += 1
    return end


def _subject(text: str, s: int, e: int, sent: Range, kind: str, noun: Range | None, lex: _Lexicon) -> Range | None:
    """What the figure measures: a subject head earlier in the sentence, what follows a percentage, the noun."""
    lo = max(sent[0], s - _SUBJECT_REACH)
    head = None
    for m in _patterns.finditer(lex.subject, text, lo, s):
        head = m
    if head is not None and not any(c.isdigit() for c in text[head.end():s]):
        # "tổng số tiền" may end right at the figure; otherwise it runs on to the first stop word.
        end = _words_until_stop(text, head.end(), s, lex, _SUBJECT_WORDS)
        return head.start(), max(end, head.end())
    if kind == "percent":
        p = e
        while p < sent[1] and text[p] == " ":
            p += 1
        if p > e:
            end = _words_until_stop(text, p, sent[1], lex, 6)
            if end > p:
                return p, end
    return noun


def _nearest(ranges: list[Range], starts: list[int], sent: Range, s: int, e: int) -> Range | None:
    """The closest range of the sentence before the figure, else the closest after it."""
    i = bisect_right(starts, s) - 1
    for k in range(i, max(-1, i - 4), -1):  # a few back: ranges may nest or overlap the figure
        r = ranges[k]
        if r[1] <= s:
            return r if r[0] >= sent[0] else None
    j = bisect_right(starts, e - 1)
    if j < len(ranges) and ranges[j][0] < sent[1]:
        return ranges[j]
    return None


def _sentence(bounds: list[int], pos: int, n: int) -> Range:
    i = bisect_right(bounds, pos)
    return (bounds[i - 1] if i else 0, bounds[i] if i < len(bounds) else n)


def find_facts(text: str, dates: list[Range] = (), places: list[Range] = ()) -> list[Found]:  # type: ignore[assignment]
    """Every numeric fact of ``text``."""
    lex = _lexicon()
    dates = sorted(tuple(d) for d in dates)
    date_starts = [d[0] for d in dates]
    places = sorted(tuple(p) for p in places)
    place_starts = [p[0] for p in places]
    bounds: list[int] | None = None
    out: list[Found] = []
    consumed = 0
    for run in _patterns.finditer(lex.run, text):  # the scan completes under its time limit before yielding
        if run.end() <= consumed:
            continue
        toks = tokenize(text, run.start(), run.end())
        if not toks:
            continue
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok.start < consumed or _inside(dates, date_starts, tok.start):
                i += 1
                continue
            j = number_end(toks, i)
            if j == i:
                i += 1
                continue
            fact = _read(text, toks[i:j], lex, dates, date_starts)  # a number inside a date was skipped above
            if fact is None:
                i = j
                continue
            if bounds is None:
                bounds = [m.end() for m in _patterns.finditer(lex.sentence, text)]
            out.append(_finish(text, fact, bounds, dates, date_starts, places, place_starts, lex))
            consumed = fact[1]
            while i < len(toks) and toks[i].start < consumed:
                i += 1
    return out


_DENOMINATOR = _patterns.compile(r"/(\d{1,6})(?![\d/.,]|\w)")


def _read(text: str, tokens: list[Token], lex: _Lexicon, dates: list[Range], date_starts: list[int]):
    """One fact read outwards from its number, or None: (start, end, fields, noun range)."""
    s, e = tokens[0].start, tokens[-1].end
    if _coded(text, s, tokens):
        return None
    if lex.blocker.search(text, max(0, s - 20), s):
        return None
    got = evaluate(tokens)
    if got is None:
        return None
    value, top = got
    spelled = tokens[0].kind != "D"
    # "một" alone is "a" (một biển báo), except before a currency (một đô la).
    lone_word = spelled and len(tokens) == 1 and not words()[tokens[0].text.lower()].alone
    n = len(text)
    start = s
    fields: dict[str, Any] = {"kind": None, "value": None, "unit": None, "denominator": None, "value_max": None,
                              "qualifier": None, "change": None}
    currency = None
    factor = Fraction(1)
    cb = lex.cur_before.search(text, max(0, s - 8), s)
    if cb is not None and not spelled:
        info = lex.units.get(_fold(cb.group().strip()))
        code = info[1] if info else _currency_code(cb.group().strip())
        if code:
            currency, start = code, cb.start()
            if info:
                factor = info[2]
    # 10K đồng, $10k: a glued k is a thousand for money only (5K alone is a campaign's name).
    kilo = False
    if not spelled and e < n and text[e] in "kK" and (e + 1 >= n or not text[e + 1].isalnum()):
        kilo, e = True, e + 1
    pos = e
    value_max = None
    denominator = None
    # Ratio: 5/9 xã, 08/24 đơn (dates and codes are not).
    if text.startswith("/", pos) and not spelled and len(tokens) == 1 and not kilo:
        m = _DENOMINATOR.match(text[pos:pos + 8])
        if m is None or tokens[0].text.isdigit() is False:
            return None
        den = int(m.group(1))
        if den == 0 or value > den:
            return None
        denominator, pos = den, pos + m.end()
    elif not kilo:
        rng = _range(text, pos, value, top, lex, opened=_opened(text, start, lex))
        if rng is not None:
            value, value_max, pos = rng
    # What follows: a unit, a currency, or a counted noun.
    unit_m = lex.unit.match(text, pos)
    noun = _nouns(text, pos, lex) if not kilo else None
    if unit_m is not None and (noun is None or unit_m.end() >= noun[2]):
        noun = None
    elif unit_m is not None:
        unit_m = None
    if pos < n and text[pos].isalpha() and (unit_m is None or unit_m.group().startswith(" ")):
        return None  # glued letters that are no unit: 5K, 1A, 19A
    kind = None
    unit = None
    end = pos
    noun_range = None
    if unit_m is not None:
        written = unit_m.group().lstrip(" ")
        ukind, code, ufactor = lex.units[_fold(written)]
        end = unit_m.end()
        if ukind == "money":
            if currency is not None and code != currency:
                return None
            currency, factor = code, ufactor
        elif currency is not None or kilo:
            return None
        else:
            kind, unit = ukind, ("%" if ukind == "percent" else written)
            if ukind == "measure" and _fold(written) == _fold(_CLOCK_UNIT) and (
                    lex.clock.match(text, end) or lex.clock_before.search(text, max(0, s - 10), s)):
                return None  # 3 giờ 30, 3 giờ sáng, lúc 7 giờ: a clock time
    elif noun is not None and currency is None and not kilo:
        kind = "count"
        unit = text[noun[0]:noun[1]]
        end = noun[2]
        noun_range = (noun[0], noun[1])
    if currency is not None:
        kind, unit = "money", currency
        if kilo:
            value, value_max = value * 1000, (value_max * 1000 if value_max is not None else None)
        if unit_m is not None:
            # từ 1000 đồng đến 2000 đồng: the same currency closes the range.
            if value_max is None:
                rng = _range(text, end, value, top, lex, opened=_opened(text, start, lex), unit=unit_m.group().strip())
                if rng is not None:
                    value_max, end = rng[1], rng[2]
            if factor == 1:
                cents = _cents(text, end, lex)
                if cents is not None:
                    value, end = value + cents[0], cents[1]
        value, value_max = value * factor, (value_max * factor if value_max is not None else None)
    elif kilo:
        return None
    if s > 0 and text[s - 1].isalpha() and start == s:
        return None  # letters glued before the digits, and no currency: H5N1, QL1A
    if lone_word and kind != "money":
        return None
    if kind == "measure":
        # âm 5 độ C: a spoken minus sign belongs to the figure
        before = text[max(0, start - 6):start].rstrip(" ").rsplit(" ", 1)[-1]
        w = words().get(before.lower())
        if w is not None and w.kind == "N" and text[:start].rstrip(" ").endswith(before):
            start = len(text[:start].rstrip(" ")) - len(before)
            value = -value
    if denominator is not None:
        kind = "ratio"
        if unit is None and noun is not None:
            unit = text[noun[0]:noun[1]]
    if kind is None:
        return None
    if kind in ("money", "measure"):
        per = lex.per.match(text, end)
        if per is not None:
            if kind == "measure":
                unit = text[end - len(unit):per.end()] if text[end - len(unit):end] == unit else unit + per.group()
            end = per.end()
    if dates and any(d[0] < end and s < d[1] for d in dates[max(0, bisect_right(date_starts, end) - 3):bisect_right(date_starts, end)]):
        return None
    fields.update(kind=kind, value=to_value(value), unit=unit, denominator=denominator,
                  value_max=to_value(value_max) if value_max is not None else None)
    qb = lex.qual_before.search(text, max(0, start - 25), _skip_open(text, start, lex))
    if qb is not None:
        fields["qualifier"] = lex.qualifiers[_fold(qb.group().strip())]
    qa = lex.qual_after.match(text, end)
    if qa is not None:
        fields["qualifier"] = lex.qualifiers[_fold(qa.group().strip())]
    ch = lex.change.search(text, max(0, start - 40), _skip_open(text, start, lex))
    if ch is not None:
        fields["change"] = lex.changes[_fold(ch.group(1))]
    return start, end, fields, noun_range


def _currency_code(form: str) -> str | None:
    for row in table("currencies"):
        if _fold(row["form"]) == _fold(form):
            return row["code"]
    return None


def _opened(text: str, start: int, lex: _Lexicon) -> str | None:
    """``from`` or ``between`` when the figure opens a range (từ 5 đến 7, giữa 5 và 7)."""
    m = lex.range_open.search(text, max(0, start - 10), start)
    if m is None:
        return None
    form = _fold(m.group(1))
    for row in table("fact_ranges"):
        if _fold(row["form"]) == form:
            return row["role"]
    return None


def _skip_open(text: str, start: int, lex: _Lexicon) -> int:
    """Where the words before a figure end, skipping a range opener (khoảng chừng từ 1000 đến 2000)."""
    m = lex.range_open.search(text, max(0, start - 10), start)
    return m.start() if m is not None else start


def _range(text: str, pos: int, value: Fraction, top: Fraction | None, lex: _Lexicon, opened: str | None,
           unit: str | None = None) -> tuple[Fraction, Fraction, int] | None:
    """A second figure closing a range at ``pos``: (low, high, end), the low end scaled by the high's multiplier."""
    sep = lex.range_to.match(text, pos)
    if sep is None and opened == "between":
        sep = lex.range_and.match(text, pos)
    if sep is None:
        return None
    p = sep.end()
    cp = lex.cur_prefix.match(text, p)
    if cp is not None:
        p = cp.end()  # VND1000-VND2000
    got = _number_at(text, p, lex)
    if got is None:
        return None
    high, high_top, end, _ = got
    if unit is not None:
        m = lex.unit.match(text, end)
        if m is None or _fold(m.group().strip()) != _fold(unit):
            return None
        end = m.end()
    low = value
    if top is None and high_top is not None and low * high_top <= high:
        low = low * high_top
    if high <= low:
        return None
    return low, high, end


def _cents(text: str, pos: int, lex: _Lexicon) -> tuple[Fraction, int] | None:
    """``2 đô la và 23 xen``, ``2 đô 23 xu``, ``hai đô 23``: the cents after a whole amount."""
    p = pos
    m = lex.range_and.match(text, p)
    if m is not None:
        p = m.end()
    elif text.startswith(" ", p):
        p += 1
    else:
        return None
    got = _number_at(text, p, lex)
    if got is None or got[0] >= 100 or got[0].denominator != 1:
        return None
    value, _, end, _ = got
    u = lex.unit.match(text, end)
    if u is not None and _fold(u.group().strip()) in lex.cents:
        return value / 100, u.end()
    if end == len(text) or text[end] in ".,;!?)":
        return value / 100, end
    return None


def _finish(text: str, fact, bounds: list[int], dates: list[Range], date_starts: list[int], places: list[Range],
            place_starts: list[int], lex: _Lexicon) -> Found:
    start, end, fields, noun = fact
    sent = _sentence(bounds, start, len(text))
    fields["subject"] = _subject(text, start, end, sent, fields["kind"], noun, lex)
    fields["date"] = _nearest(dates, date_starts, sent, start, end)
    fields["place"] = _nearest(places, place_starts, sent, start, end)
    return Found(start, end, fields)
