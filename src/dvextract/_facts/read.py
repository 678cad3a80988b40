"""One number of running text read outwards into a fact, or refused.

A figure is read in steps, each a named function over one :class:`Figure`: what stands before the number (a
currency sign), what closes it (a glued ``k``, a ratio's denominator, a range), what follows it (a unit, a
currency, a counted noun), then the words before it that qualify it or say it changed. Every step may refuse
the number (it is a code, a clock time, a label); the first refusal ends the reading.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import regex

from .. import _patterns
from .._numbers import Token, evaluate, number_end, to_value, tokenize, words
from .lexicon import FactLexicon, fold

__all__ = ["Figure", "Range", "WordEnds", "read_figure"]

Range = tuple[int, int]
WordEnds = dict[int, int]
"""The segmenter's words of the working text: start → end (empty: words are read at spaces)."""

_MAX_NOUNS = 4
"""Lexicon items one counted noun phrase may chain (cán bộ sĩ quan, quân nhân chuyên nghiệp)."""
_KILO_COUNTS = 10000
"""The least glued-multiplier figure that may count a noun: 100K người is one; 5K is the campaign's name."""
_MINUS_BEFORE = _patterns.compile(r"(?:^|[\s(:])([-−])[ ]?$")
_YEAR_OR_VERSION = _patterns.compile(r"(?:1[89]|20)\d\d|\d+\.\d{1,2}")
_NAME_BEFORE = _patterns.compile(r"(?:\p{Lu}[\w.]*|[A-Za-z]+ -)[ ]*$")
_SENTENCE_BEFORE = _patterns.compile(r"[.!?:\n]\s*\S*[ ]*$")
_LAST_WORD = _patterns.compile(r"\S+[ ]+$")
_DENOMINATOR = _patterns.compile(r"/(\d{1,6})(?![\d/.,]|\w)")
_PRICE_PER = _patterns.compile(r"/\p{Ll}+[23²³]?(?![\w/-])")
"""A lower-case unit after a slash (50.000/kg); codes are capitals (14/QĐ-UBND)."""


@dataclass
class Figure:
    """A number being read: where it stands, its value so far and what it has been found to measure."""

    tokens: list[Token]
    start: int  # the fact's start (moves back over a currency sign or a spoken minus)
    end: int  # the number's end, then the fact's end
    value: Fraction
    top: Fraction | None  # the largest multiplier written (triệu in 190 triệu)
    spelled: bool  # written in words, not digits
    value_max: Fraction | None = None
    denominator: int | None = None
    currency: str | None = None
    factor: Fraction = Fraction(1)
    kilo: Fraction | None = None  # a glued multiplier: 10K đồng, 100K người, 1,2M người
    kind: str | None = None
    unit: str | None = None
    unit_match: regex.Match[str] | None = None
    noun: tuple[int, int, int] | None = None  # a noun phrase after it: unit start, unit end, span end
    counted: Range | None = None  # the counted noun, when the figure is a count of it
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def number_start(self) -> int:
        return self.tokens[0].start


def number_at(text: str, pos: int, lex: FactLexicon) -> tuple[Fraction, Fraction | None, int] | None:
    """The number of running text that starts exactly at ``pos``: (value, top multiplier, end)."""
    m = lex.run.match(text, pos)
    toks = tokenize(text, m.start(), m.end()) if m is not None else None
    if not toks:
        return None
    j = number_end(toks, 0)
    got = evaluate(toks[:j]) if j else None
    if got is None:
        return None
    if j == 1 and toks[0].kind != "D" and not words()[toks[0].text.lower()].alone:
        return None
    return got[0], got[1], toks[j - 1].end


def _coded(text: str, s: int, tokens: list[Token]) -> bool:
    """Whether the digits at ``s`` belong to a code: Covid-19, 66C1-054.53, +84…, a phone number."""
    if tokens[0].kind != "D":
        return False
    before = text[max(0, s - 3):s]
    if before.endswith(("+", "#")):
        return True
    if s >= 2 and text[s - 1] in "-/.:" and text[s - 2].isalnum():
        return True  # Covid-19, 100/2019, 18:31
    b = before.rstrip(" ")
    if b.endswith("-"):
        prev = text[max(0, s - 16): s - (len(before) - len(b)) - 1].rstrip(" ").rsplit(" ", 1)[-1]
        if any(c.isdigit() for c in prev):
            return True  # 51R- 5415, 48A - 002.50: plates
    raw = tokens[0].text
    return raw[0] == "0" and len(raw) > 2 and raw[1].isdigit()  # 0908…, 002.50: phones and plates


def _start(text: str, tokens: list[Token], lex: FactLexicon, word_ends: WordEnds) -> Figure | None:
    """The figure of ``tokens``, unless it is a code or a label (a label word is a word of its own: the tập of
    triệu tập 2 người, summoned, is no volume)."""
    s, e = tokens[0].start, tokens[-1].end
    label = lex.blocker.search(text, max(0, s - 20), s)
    if _coded(text, s, tokens) or label is not None and (not word_ends or label.start() in word_ends):
        return None
    got = evaluate(tokens)
    if got is None:
        return None
    return Figure(tokens=tokens, start=s, end=e, value=got[0], top=got[1], spelled=tokens[0].kind != "D")


def _currency_before(text: str, fig: Figure, lex: FactLexicon) -> None:
    """A currency sign right before the digits: $10, VND 5.000."""
    s = fig.number_start
    cb = lex.cur_before.search(text, max(0, s - 8), s)
    if cb is None or fig.spelled:
        return
    sign = fold(cb.group().strip())
    info = lex.units.get(sign)
    code = info[1] if info else lex.currency_codes.get(sign)
    if code:
        fig.currency, fig.start = code, cb.start()
        if info:
            fig.factor = info[2]


def _glued_kilo(text: str, fig: Figure) -> None:
    """10K đồng, $10k, 100K người, 1,2M người: a glued k or M multiplies when money, a unit or a noun follows (5K
    alone is a campaign's name, and counts nothing below 10K)."""
    e = fig.end
    if fig.spelled or e >= len(text) or text[e] not in "kKM" or (e + 1 < len(text) and text[e + 1].isalnum()):
        return
    fig.kilo, fig.end = words()["k" if text[e] in "kK" else text[e]].value, e + 1


def _ratio_or_range(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """A ratio's denominator (5/9 xã, 08/24 đơn; dates and codes are not) or a range's high end."""
    pos = fig.end
    if text.startswith("/", pos) and not fig.spelled and len(fig.tokens) == 1 and not fig.kilo:
        m = _DENOMINATOR.match(text[pos:pos + 8])
        if m is None and _PRICE_PER.match(text, pos) is not None:
            return True  # 50.000/kg: a price per unit (money when its sentence says so: _bare_money)
        if m is None or not fig.tokens[0].text.isdigit():
            return False
        den = int(m.group(1))
        if den == 0 or fig.value > den:
            return False
        fig.denominator, fig.end = den, pos + m.end()
    elif not fig.kilo:
        rng = read_range(text, pos, fig.value, fig.top, lex, opened=_opened(text, fig.start, lex))
        if rng is not None:
            fig.value, fig.value_max, fig.end = rng
    return True


def _what_follows(text: str, fig: Figure, lex: FactLexicon, word_ends: WordEnds) -> bool:
    """A unit or currency, or a counted noun, whichever reads further; letters glued to a number that are no
    unit make it a code (5K, 1A, 19A)."""
    pos = fig.end
    unit_m = lex.unit.match(text, pos)
    if unit_m is not None and text.startswith(" ", unit_m.end()) and not _unit_stands(text, fig, unit_m, lex,
                                                                                        word_ends):
        unit_m = None  # the unit begins a longer word of the segmenter's: một đồng chí, một xu hướng
    open_class = unit_m is None and _open_allowed(text, fig, lex)  # a unit is never an open noun's head
    # an office or a body may follow a number word in lower case too (một Phó Trưởng phòng, not Năm Đoàn kết)
    titled = open_class or (unit_m is None and fig.spelled and fig.tokens[0].text.islower()
                            and fold(fig.tokens[-1].text) not in lex.units)  # đầu năm Thủ tướng: a year
    counts = fig.kilo is None or fig.value * fig.kilo >= _KILO_COUNTS
    noun = _nouns(text, pos, lex, word_ends, open_class, titled) if counts else None
    if unit_m is not None and (noun is None or unit_m.end() >= noun[2]):
        noun = None
    elif unit_m is not None:
        unit_m = None
    if pos < len(text) and text[pos].isalpha() and (unit_m is None or unit_m.group().startswith(" ")):
        return False
    fig.unit_match, fig.noun = unit_m, noun
    return True


def _unit_stands(text: str, fig: Figure, unit_m: regex.Match[str], lex: FactLexicon, word_ends: WordEnds) -> bool:
    """Whether a unit the segmenter glued to the next word is still the unit: when that word goes on with a word
    that is never a noun (18.000 tỷ đồng bằng vốn vay: no delta; 10 triệu đồng bào stays a count) or a period
    word (hai ngày nay)."""
    start = unit_m.end() - len(unit_m.group().lstrip(" "))
    end = word_ends.get(start, 0)
    if end <= unit_m.end():
        return True
    rest = fold(text[unit_m.end():end].strip())
    return rest in lex.periods or rest.split(" ", 1)[0] in lex.not_nouns


def _take_unit(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """The unit (or counted noun) found after the number sets the fact's kind; a clock time is refused."""
    unit_m = fig.unit_match
    if unit_m is not None:
        written = unit_m.group().lstrip(" ")
        ukind, code, ufactor = lex.units[fold(written)]
        fig.end = unit_m.end()
        if ukind == "money":
            if fig.currency is not None and code != fig.currency:
                return False
            fig.currency, fig.factor = code, ufactor
        elif fig.currency is not None:
            return False
        else:
            fig.kind, fig.unit = ukind, ("%" if ukind == "percent" else written)
            _scale(fig)
            if ukind == "measure" and _clock_time(text, fig, fold(written), lex):
                return False
            _half_after(text, fig)
            return True
    elif fig.noun is not None and fig.currency is None:
        fig.kind, fig.unit, fig.end = "count", text[fig.noun[0]:fig.noun[1]], fig.noun[2]
        fig.counted = (fig.noun[0], fig.noun[1])
        _scale(fig)
    return True


_HALF_AFTER = _patterns.compile(r"[ ]+rưỡi(?!\w)")


def _half_after(text: str, fig: Figure) -> None:
    """``1 năm rưỡi``, ``3 tiếng rưỡi``: a half after a measure's unit adds half of one unit (a clock time, 3 giờ
    rưỡi, was refused before)."""
    m = _HALF_AFTER.match(text, fig.end)
    if m is None or fig.value_max is not None or fig.spelled and fig.tokens[-1].kind == "H":
        return
    fig.value, fig.end = fig.value + Fraction(1, 2), m.end()


def _scale(fig: Figure) -> None:
    """A glued multiplier scales the figure (100K người: 100000)."""
    if fig.kilo is not None:
        fig.value = fig.value * fig.kilo
        fig.value_max = fig.value_max * fig.kilo if fig.value_max is not None else None


def _clock_time(text: str, fig: Figure, unit: str, lex: FactLexicon) -> bool:
    """3 giờ 30, 3 giờ sáng, lúc 7 giờ: a unit that reads as a clock time here; 20h is one unless a duration word
    stands before it (mất 3h)."""
    s = fig.number_start
    if unit in lex.clock_first:
        return lex.duration_before.search(text, max(0, fig.start - 20), fig.start) is None
    return unit in lex.clock_units and bool(
        lex.clock.match(text, fig.end) or lex.clock_before.search(text, max(0, s - 10), s))


def _take_money(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """A currency makes the fact money: a glued k multiplies, a range may close with the same currency
    (từ 1000 đồng đến 2000 đồng), cents may follow; the factor scales. A lone k without a currency is no fact."""
    if fig.currency is None:
        return not fig.kilo or fig.kind is not None
    fig.kind, fig.unit = "money", fig.currency
    _scale(fig)
    if fig.unit_match is not None:
        if fig.value_max is None:
            rng = read_range(text, fig.end, fig.value, fig.top, lex, opened=_opened(text, fig.start, lex),
                             unit=fig.unit_match.group().strip())
            if rng is not None:
                fig.value_max, fig.end = rng[1], rng[2]
        if fig.factor == 1:
            cents = _cents(text, fig.end, lex)
            if cents is not None:
                fig.value, fig.end = fig.value + cents[0], cents[1]
    fig.value = fig.value * fig.factor
    fig.value_max = fig.value_max * fig.factor if fig.value_max is not None else None
    return True


def _standing(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """Whether the figure stands on its own: no letters glued before its digits (H5N1, QL1A), and not ``một``
    meaning "a" (một biển báo; một đô la is money), unless it is one of a list of counts or bounded (:func:`_one`)."""
    s = fig.number_start
    if s > 0 and text[s - 1].isalpha() and fig.start == s:
        return False
    lone_word = fig.spelled and len(fig.tokens) == 1 and not words()[fig.tokens[0].text.lower()].alone
    if lone_word and fig.kind not in ("money", "measure"):  # một ngày, một mét: one; một người: a
        return _one(text, fig, lex)
    return True


_LIST_AFTER = _patterns.compile(r"(?:,|[ ]và)[ ]+\d")
_BOUNDS = frozenset({"at_least", "at_most"})


def _one(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """``một`` is the number one when counts in digits follow it in a list (một tổ chức đảng, 14 đảng viên) or a
    bound qualifies it (ít nhất một Thượng nghị sĩ). A count before it says nothing: hai người phụ nữ, một người
    vợ và một người tình."""
    if _LIST_AFTER.match(text, fig.end):
        return True
    qb = lex.qual_before.search(text, max(0, fig.start - 25), fig.start)
    return qb is not None and lex.qualifiers[fold(qb.group().strip())] in _BOUNDS


def _measures(text: str, fig: Figure) -> bool:
    """Whether the figure measures something: a denominator makes it a ratio (of the noun after it)."""
    if fig.kind == "count" and fig.value < 1 and fig.value.denominator != 1:
        return False  # nửa người: half of a thing is no count
    if fig.denominator is not None:
        fig.kind = "ratio"
        if fig.unit is None and fig.noun is not None:
            fig.unit = text[fig.noun[0]:fig.noun[1]]
    return fig.kind is not None


def _unit_before(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """A unit written before the number (gió mạnh cấp 6, giật cấp 8-9), with its cue earlier in the sentence."""
    s = fig.number_start
    m = lex.unit_before.search(text, max(0, s - 12), s)
    if m is None:
        return False
    cues = lex.unit_cues[fold(m.group(1))]
    window = fold(text[max(0, m.start() - 30):m.start()])
    if not any(_patterns.compile(rf"(?<!\w){regex.escape(c)}(?!\w)").search(window) for c in cues):
        return False
    fig.kind, fig.unit, fig.start = "measure", m.group(1), m.start()
    return True


def _shared_unit(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """The first of two coordinated numbers takes the unit of the second (2 và 4 ngày, hai hoặc ba người,
    130, 131 kg); its span stays the number."""
    sep = lex.coordinated.match(text, fig.end)
    got = number_at(text, sep.end(), lex) if sep is not None else None
    if got is None:
        return False
    end = got[2]
    unit_m = lex.unit.match(text, end)
    if unit_m is not None and lex.units[fold(unit_m.group().lstrip(" "))][0] in ("measure", "percent"):
        ukind = lex.units[fold(unit_m.group().lstrip(" "))][0]
        fig.kind, fig.unit = ukind, ("%" if ukind == "percent" else unit_m.group().lstrip(" "))
        return True
    noun = _nouns(text, end, lex, {}, False)
    if noun is None or unit_m is not None:
        return False
    fig.kind, fig.unit = "count", text[noun[0]:noun[1]]
    return True


_MILLION = Fraction(10**6)
_SENTENCE_END = _patterns.compile(r"[.!?\n](?:\s|$)")
_SENTENCE_WINDOW = 120
"""How far (characters) the sentence of a bare amount is searched for a money word."""


def _bare_money(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """An amount in millions or billions with no unit is money (lỗ thêm 145 tỷ; 68 tỷ đồng, 2 tỷ còn lại; căn hộ
    100 triệu) unless its sentence speaks of a population and not of money (dân số 100 triệu): in the currency
    written last before it there, else in đồng. A price per unit needs a money word (giá 50.000/kg)."""
    if fig.kilo is not None or fig.spelled:
        return False
    big = fig.top is not None and fig.top >= _MILLION
    if not big and _PRICE_PER.match(text, fig.end) is None:
        return False
    lo = max(0, fig.start - _SENTENCE_WINDOW)
    hi = min(len(text), fig.end + _SENTENCE_WINDOW // 2)
    before = _SENTENCE_END.split(text[lo:fig.start])[-1]
    after = _SENTENCE_END.split(text[fig.end:hi])[0]
    cues = [*_patterns.finditer(lex.money_cue, before), *_patterns.finditer(lex.money_cue, after)]
    money = any(m.group("cue") or m.group("currency") for m in cues)
    if not money and (not big or any(m.group("count") for m in cues)):
        return False
    written = [m.group("currency") for m in cues if m.group("currency") and m.end() <= len(before)]
    info = lex.units.get(fold(written[-1])) if written else None
    fig.currency = info[1] if info is not None and info[1] else "VND"
    fig.kind, fig.unit = "money", fig.currency
    fig.value = fig.value * (info[2] if info is not None else 1)
    return True


def _bracketed(text: str, fig: Figure, lex: FactLexicon, word_ends: WordEnds) -> bool:
    """A number in brackets counts the noun after them: 73% (58.587) ý kiến; its span stays the number."""
    if fig.spelled or not text.startswith(")", fig.end) or text[max(0, fig.start - 1):fig.start] != "(":
        return False
    noun = _nouns(text, fig.end + 1, lex, word_ends, True, True)
    if noun is None:
        return False
    fig.kind, fig.unit = "count", text[noun[0]:noun[1]]
    return True


def _all_of(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """``cả hai``, ``cả 2 vào bệnh viện``: a number after ``cả`` with no noun counts what the text named before
    (the guidelines' "cả hai, with its noun understood"); no unit is written."""
    if lex.all_of.search(text, max(0, fig.start - 6), fig.start) is None:
        return False
    if fig.spelled and fold(fig.tokens[-1].text) in lex.units:
        return False  # cả năm: the whole year
    fig.kind = "count"
    return True


def _spoken_minus(text: str, fig: Figure) -> None:
    """âm 5 độ C, -5 độ C: a spoken or written minus sign belongs to a measure (a dash after a word or a number
    is a range or a code, not a sign)."""
    if fig.kind != "measure":
        return
    sign = _MINUS_BEFORE.search(text[max(0, fig.start - 3):fig.start])  # ^: the slice's start
    if sign is not None and fig.start == fig.number_start:
        fig.start = max(0, fig.start - 3) + sign.start(1)
        fig.value = -fig.value
        return
    before = text[max(0, fig.start - 6):fig.start].rstrip(" ").rsplit(" ", 1)[-1]
    w = words().get(before.lower())
    if w is not None and w.kind == "N" and text[:fig.start].rstrip(" ").endswith(before):
        fig.start = len(text[:fig.start].rstrip(" ")) - len(before)
        fig.value = -fig.value


def _per_unit(text: str, fig: Figure, lex: FactLexicon) -> None:
    """A rate after money or a measure: 50 km/giờ, 40.000 đồng/kg."""
    if fig.kind not in ("money", "measure"):
        return
    per = lex.per.match(text, fig.end)
    if per is None:
        return
    if fig.kind == "measure" and fig.unit is not None:
        e, unit = fig.end, fig.unit
        fig.unit = text[e - len(unit):per.end()] if text[e - len(unit):e] == unit else unit + per.group()
    fig.end = per.end()


def _overlaps(fig: Figure, dates: list[Range], date_starts: list[int]) -> bool:
    """Whether the figure's span overlaps a date mention (its number was outside it, its unit is not)."""
    s, end = fig.number_start, fig.end
    k = bisect_right(date_starts, end)
    return any(d[0] < end and s < d[1] for d in dates[max(0, k - 3):k])


def _words_before(text: str, fig: Figure, lex: FactLexicon) -> None:
    """Qualifiers (khoảng, hơn, trở lên) and change words (tăng, giảm) around the figure."""
    start, end = fig.start, fig.end
    qb = lex.qual_before.search(text, max(0, start - 25), _skip_open(text, start, lex))
    if qb is not None:
        fig.fields["qualifier"] = lex.qualifiers[fold(qb.group().strip())]
    qa = lex.qual_after.match(text, end)
    if qa is not None:
        fig.fields["qualifier"] = lex.qualifiers[fold(qa.group().strip())]
    ch = lex.change.search(text, max(0, start - 40), _skip_open(text, start, lex))
    if ch is not None:
        fig.fields["change"] = lex.changes[fold(ch.group(1))]


def read_figure(text: str, tokens: list[Token], lex: FactLexicon, dates: list[Range],
                date_starts: list[int], word_ends: WordEnds) -> Figure | None:
    """One fact read outwards from its number, or None. The figure's ``fields`` are the record's fields."""
    fig = _start(text, tokens, lex, word_ends)
    if fig is None:
        return None
    _currency_before(text, fig, lex)
    _glued_kilo(text, fig)
    if not (_ratio_or_range(text, fig, lex) and _what_follows(text, fig, lex, word_ends) and _take_unit(text, fig, lex)
            and _take_money(text, fig, lex) and _standing(text, fig, lex)):
        return None
    if fig.kind is None and fig.currency is None and fig.denominator is None:
        (_unit_before(text, fig, lex) or _shared_unit(text, fig, lex) or _bare_money(text, fig, lex)
         or _bracketed(text, fig, lex, word_ends) or _all_of(text, fig, lex))
    _spoken_minus(text, fig)
    if not _measures(text, fig):
        return None
    _per_unit(text, fig, lex)
    if dates and _overlaps(fig, dates, date_starts):
        return None
    fig.fields = {"kind": fig.kind, "value": to_value(fig.value), "unit": fig.unit, "denominator": fig.denominator,
                  "value_max": to_value(fig.value_max) if fig.value_max is not None else None,
                  "qualifier": None, "change": None}
    _words_before(text, fig, lex)
    return fig


def _nouns(text: str, pos: int, lex: FactLexicon, word_ends: WordEnds,
           open_class: bool, titled: bool = False) -> tuple[int, int, int] | None:
    """The counted noun phrase starting after spaces at ``pos``: (unit start, unit end, span end).

    Words of ``fact_nouns.tsv`` are read with their roles (a chain of nouns, a prefix, a modifier); any other
    noun is counted too (:func:`_open_noun`): the list says what needs special handling, not what may be counted."""
    p = pos
    while p < len(text) and text[p] == " " and p - pos < 3:
        p += 1
    if p == pos:
        return None
    chain = _Chain(start=p, at=p)
    for _ in range(_MAX_NOUNS):
        m = lex.noun.match(text, chain.at)
        if m is None or not _chain_item(text, chain, m, lex, word_ends):
            break
    if chain.unit_end < 0:
        return _unlisted_noun(text, chain, lex, word_ends, open_class, titled)
    if chain.span_end == chain.unit_end == chain.first_end and word_ends.get(chain.start, 0) > chain.unit_end:
        return _segmenter_word(text, chain, lex, word_ends, open_class)
    return chain.start, chain.unit_end, max(chain.span_end, chain.unit_end)


@dataclass
class _Chain:
    """Listed nouns being read after a figure: where they start, where the next item may start, where the unit
    and the phrase end (-1: not yet), whether a prefix waits for its noun, and where the first item ends."""

    start: int
    at: int
    unit_end: int = -1
    span_end: int = -1
    pending_prefix: bool = False
    first_end: int = -1


def _chain_item(text: str, chain: _Chain, m: regex.Match[str], lex: FactLexicon, word_ends: WordEnds) -> bool:
    """Take the listed item ``m`` into the chain by its role; False when the phrase ends (before or after it)."""
    chain.first_end = m.end() if chain.first_end < 0 else chain.first_end
    role = lex.nouns.get(fold(m.group()), "noun")
    if role == "head" and chain.first_end != m.end():
        return False  # 3 căn nhà bên quốc lộ: bên after a noun is "beside"
    if role == "modifier":
        if chain.unit_end < 0 or chain.pending_prefix:
            return False
        chain.span_end = m.end()
    elif role == "prefix":
        chain.pending_prefix = True
    else:
        chain.pending_prefix = False
        chain.unit_end = chain.span_end = _classified(text, m.end(), lex, word_ends) if role == "classifier" \
            else m.end()
    nxt = _next_noun(text, chain.unit_end if role == "classifier" else m.end(), role, lex, m.group())
    if nxt is None:
        return False
    chain.at = nxt
    return True


def _unlisted_noun(text: str, chain: _Chain, lex: FactLexicon, word_ends: WordEnds, open_class: bool,
                   titled: bool) -> tuple[int, int, int] | None:
    """No listed noun was counted: any lowercase noun (``open_class``) or a capitalised one (``titled``), after a
    waiting prefix if there is one (lượt xem); one lowercase syllable takes the next word (bài hát)."""
    if not (open_class or titled):
        return None
    head = chain.at if chain.pending_prefix else chain.start  # lượt xem: a prefix before any noun
    open_end = _open_noun(text, head, lex, word_ends) if open_class else None
    open_end = open_end or _titled_noun(text, head, lex)
    if open_end is None:
        return None
    unit_end = open_end
    if not chain.pending_prefix and " " not in text[head:unit_end] and text[head:unit_end].islower():
        unit_end = _compound(text, unit_end, lex, word_ends)
    return chain.start, unit_end, unit_end


def _segmenter_word(text: str, chain: _Chain, lex: FactLexicon, word_ends: WordEnds,
                    open_class: bool) -> tuple[int, int, int] | None:
    """One listed noun whose segmenter word reads further (nhà máy, not nhà; tổ chức is no noun): that word when
    it can be a noun, else the listed noun only when the rest is capitals (a body's abbreviation: Thẩm phán TAND)."""
    longer = _open_noun(text, chain.start, lex, word_ends) if open_class else None  # SEA Games 29 tổ chức
    if longer is not None:  # the segmenter glued a body's abbreviation to the noun: Thẩm phán TAND
        return chain.start, longer, longer
    if not text[chain.unit_end:word_ends[chain.start]].strip().isupper():
        return None
    return chain.start, chain.unit_end, chain.unit_end


def _open_allowed(text: str, fig: Figure, lex: FactLexicon) -> bool:
    """Whether any noun (not only a listed one) may be counted after the figure: not after a single number word
    (năm, ba, chín are also words: năm nay, ba lô, chín chắn), a bare year (2021 vì), a version (Android 5.0), a
    name (SEA Games 29, Covid -19) or a label word (số 236 đường, lớp 10)."""
    first, s = fig.tokens[0], fig.number_start
    if fig.spelled and len(fig.tokens) == 1 and lex.number_word.fullmatch(first.text) is not None:
        return False
    if not fig.spelled and len(fig.tokens) == 1 and (
            _YEAR_OR_VERSION.fullmatch(first.text) is not None):
        return False
    before = text[max(0, s - 24):s]
    if _NAME_BEFORE.search(before) and not _SENTENCE_BEFORE.search(before):
        return False
    label = lex.open_label.search(text, max(0, s - 12), s)
    return label is None or lex.open_counts.search(text, max(0, s - 12), s) is not None


def _open_noun(text: str, start: int, lex: FactLexicon, word_ends: WordEnds) -> int | None:
    """The end of the word at ``start`` when it can be a counted noun: lower-case letters (a capital starts a
    name or a model: iPhone 8 Plus), not a word that never follows a number as its noun (``fact_not_nouns``).
    The word is the segmenter's (hành khách is one), else the letters up to the next space."""
    end = word_ends.get(start)
    if end is None:
        m = lex.syllable.match(text, start)
        if m is None:
            return None
        end = m.end()
    word = text[start:end]
    if not word.islower() or not all(c.isalpha() or c == " " for c in word):  # tỉUSD: glued, not a noun
        return None
    if fold(word) in lex.not_nouns or fold(word.split(" ", 1)[0]) in lex.not_nouns:
        return None
    return end


def _titled_noun(text: str, start: int, lex: FactLexicon) -> int | None:
    """The end of a capitalised counted noun at ``start`` (:attr:`FactLexicon.titled`): an office or a body of
    the entity data, or an abbreviation (hai Thẩm phán, 4 Sở, 6 CLB); the case of the data does not matter
    (một Phó Trưởng phòng), but its first letter is a capital."""
    if not text[start:start + 1].isupper():
        return None
    m = lex.titled.match(text, start)
    if m is None or fold(m.group()) in lex.units:
        return None  # 500 KV: a unit in capitals is no counted noun
    number = _LAST_WORD.search(text, max(0, start - 40), start)
    if m.group().isupper() and number is not None and _NAME_BEFORE.search(text, max(0, number.start() - 24),
                                                                           number.start()):
        return None  # Venus 125 EFI: an abbreviation after a name and a number is a model, even opening a sentence
    return m.end()


def _compound(text: str, end: int, lex: FactLexicon, word_ends: WordEnds) -> int:
    """One syllable heads a compound the segmenter split after a number (bài hát, kíp mổ, buổi hòa nhạc): it
    takes the next word when that can be a noun."""
    if not text.startswith(" ", end) or lex.run.match(text, end + 1) is not None:
        return end  # 2 sở năm 2013: a number starts the next phrase
    nxt = _open_noun(text, end + 1, lex, word_ends)
    return nxt if nxt is not None else end


def _classified(text: str, end: int, lex: FactLexicon, word_ends: WordEnds) -> int:
    """A classifier takes the noun after it into the unit (con gà, chiếc xe); alone it is the unit."""
    if not text.startswith(" ", end):
        return end
    nxt = _open_noun(text, end + 1, lex, word_ends)
    return nxt if nxt is not None else end


def _next_noun(text: str, q: int, role: str, lex: FactLexicon, item: str) -> int | None:
    """Where the next item of a noun phrase may start after ``item`` ending at ``q``: after a space, or after a
    comma between nouns when another noun (not a modifier, not the same: 1 bên, bên còn lại) follows it."""
    if text.startswith(" ", q):
        return q + 1
    if text.startswith(", ", q) and role == "noun":
        nxt = lex.noun.match(text, q + 2)
        if nxt is not None and lex.nouns.get(fold(nxt.group())) != "modifier" and fold(
                nxt.group()) != fold(item):
            return q + 2
    return None


def _opened(text: str, start: int, lex: FactLexicon) -> str | None:
    """``from`` or ``between`` when the figure opens a range (từ 5 đến 7, giữa 5 và 7)."""
    m = lex.range_open.search(text, max(0, start - 10), start)
    return lex.range_roles.get(fold(m.group(1))) if m is not None else None


def _skip_open(text: str, start: int, lex: FactLexicon) -> int:
    """Where the words before a figure end, skipping a range opener (khoảng chừng từ 1000 đến 2000)."""
    m = lex.range_open.search(text, max(0, start - 10), start)
    return m.start() if m is not None else start


def read_range(text: str, pos: int, value: Fraction, top: Fraction | None, lex: FactLexicon, opened: str | None,
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
    got = number_at(text, p, lex)
    if got is None:
        return None
    high, high_top, end = got
    if unit is not None:
        m = lex.unit.match(text, end)
        if m is None or fold(m.group().strip()) != fold(unit):
            return None
        end = m.end()
    low = value
    if top is None and high_top is not None and low * high_top <= high:
        low = low * high_top
    if high <= low:
        return None
    return low, high, end


def _cents(text: str, pos: int, lex: FactLexicon) -> tuple[Fraction, int] | None:
    """``2 đô la và 23 xen``, ``2 đô 23 xu``, ``hai đô 23``: the cents after a whole amount."""
    p = pos
    m = lex.range_and.match(text, p)
    if m is not None:
        p = m.end()
    elif text.startswith(" ", p):
        p += 1
    else:
        return None
    got = number_at(text, p, lex)
    if got is None or got[0] >= 100 or got[0].denominator != 1:
        return None
    value, _, end = got
    u = lex.unit.match(text, end)
    if u is not None and fold(u.group().strip()) in lex.cents:
        return value / 100, u.end()
    if end == len(text) or text[end] in ".,;!?)":
        return value / 100, end
    return None
