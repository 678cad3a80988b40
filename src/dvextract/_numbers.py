"""Vietnamese numbers: digits with Vietnamese separators, spelled-out numbers, multipliers and mixed forms.

``parse_number("2.811,7 triệu")`` → 2811700000. The fact finder uses the same core on the tokens of running
text (:func:`number_end` and :func:`evaluate`), where it is stricter: a number there must be written the
standard way (``hai mươi mốt``, not the digit-by-digit ``hai một`` that only bare numerals allow).
The words and their roles are data (``data/number_words.tsv``); arithmetic is exact (fractions) so that
``2.811,7 triệu`` is 2811700000 and not 2811700000.0000005.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from typing import NamedTuple

import regex

from . import _patterns
from ._resources import table

__all__ = ["Token", "evaluate", "number_end", "parse_digits", "parse_number", "to_value", "tokenize", "words"]

MAX_DIGITS = 30
"""Longer digit strings are codes or garbage, never quantities (and would be slow to convert)."""

# Token kinds: D digits (1.200,5), d digit word, t "mười", m "mươi", h "trăm", l "linh/lẻ", M multiplier,
# H "rưỡi", P spoken decimal point, N minus, S glued suffix (100K).
_GROUP = frozenset("dtmhl")
# Spelled-out groups (below a thousand) written the standard way, as role strings; running text takes only
# these (and their prefixes while a number is being read).
_CANON = frozenset({"d", "t", "td", "dm", "dmd", "dh", "dhd", "dhld", "dhdm", "dhdmd", "dht", "dhtd", "ld", "ldm",
                    "ldmd", "ltd", "lt", "ldh", "ldhd", "ldhdm", "ldhdmd", "ldht", "ldhtd", "ldhld"})
_CANON_PREFIX = frozenset(c[:i] for c in _CANON for i in range(1, len(c) + 1))
_ROLE_KIND = {"digit": "d", "ten": "t", "tens": "m", "hundred": "h", "link": "l", "multiplier": "M", "half": "H",
              "point": "P", "minus": "N", "suffix": "S"}


class Token(NamedTuple):
    kind: str
    value: Fraction | None
    start: int
    end: int
    text: str


class Word(NamedTuple):
    kind: str
    value: Fraction
    start: bool
    alone: bool


@cache
def words() -> dict[str, Word]:
    """Number words by lower-cased spelling (suffixes by exact spelling)."""
    out = {}
    for row in table("number_words"):
        kind = _ROLE_KIND[row["role"]]
        key = row["word"] if kind == "S" else row["word"].lower()
        out[key] = Word(kind, Fraction(row["value"]), row["start"] == "yes", row["alone"] == "yes")
    return out


def parse_digits(s: str) -> Fraction | None:
    """``1.200.000`` → 1200000, ``2.811,7`` → 2811.7, ``1,1`` → 1.1, ``,77`` → 0.77; None when malformed.

    Vietnamese writes ``.`` between thousands and ``,`` before decimals. A lone ``.`` not followed by exactly
    three digits is read as an English decimal point (``1.5``); several ``,`` in groups of three as English
    thousands (``1,200,000``).
    """
    if not s or len(s) > MAX_DIGITS + 10:
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec, thou = ("," , ".") if s.rfind(",") > s.rfind(".") else (".", ",")
        if s.count(dec) > 1:
            return None
        whole, frac = s.split(dec)
        groups = whole.split(thou)
        if not _thousands(groups):
            return None
        return _value("".join(groups), frac)
    sep = "." if dots else "," if commas else ""
    if not sep:
        return _value(s, "")
    parts = s.split(sep)
    if parts[0] == "":  # ",77"
        return _value("0", parts[1]) if len(parts) == 2 else None
    if sep == "." and _thousands(parts):
        return _value("".join(parts), "")
    if len(parts) == 2:
        return _value(parts[0], parts[1])
    if sep == "," and _thousands(parts):
        return _value("".join(parts), "")
    return None


def _thousands(groups: list[str]) -> bool:
    """Groups of a thousands-separated number: a leading group never starts with 0 (``0.586`` is a decimal)."""
    if len(groups) > 1 and groups[0].startswith("0"):
        return False
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and len(groups) > 1 or len(groups) == 1


def _value(whole: str, frac: str) -> Fraction | None:
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(whole) + len(frac) > MAX_DIGITS:
        return None
    return Fraction(int(whole + frac), 10 ** len(frac))


def to_value(x: Fraction) -> int | float:
    """An int when whole, else a float."""
    return int(x) if x.denominator == 1 else float(x)


@cache
def _token_pattern() -> regex.Pattern[str]:
    # a word glued to a capitalised code is two pieces (800 tỉUSD, as crawled)
    return _patterns.compile(r"\d+(?:[.,]\d+)*|[.,]\d+|\p{Ll}+(?=\p{Lu}{2})|\w+|\S")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token] | None:
    """Number tokens of ``text[start:end]``; None when some piece is not part of a number."""
    out: list[Token] = []
    table_ = words()
    end = len(text) if end is None else min(end, len(text))
    _patterns.charge(end - start)  # a plain alternation, scanned without the timeout (tests/test_patterns.py)
    for m in _token_pattern().finditer(text, start, end):
        piece = m.group()
        if piece[0].isdigit() or piece[0] in ".,":
            value = parse_digits(piece)
            if value is None:
                return None
            out.append(Token("D", value, m.start(), m.end(), piece))
            continue
        suffix = table_.get(piece) or table_.get(piece.lower())
        if out and out[-1].kind == "D" and out[-1].end == m.start() and suffix and suffix.kind == "S":
            out.append(Token("S", suffix.value, m.start(), m.end(), piece))
            continue
        if piece == "-" and not out:
            out.append(Token("N", Fraction(-1), m.start(), m.end(), piece))
            continue
        w = table_.get(piece.lower())
        if w is None or w.kind == "S":
            return None
        out.append(Token(w.kind, w.value, m.start(), m.end(), piece))
    return out


def _group_digits(kinds: list[str], values: list[Fraction]) -> str | None:
    """The digits a spelled-out group (below a thousand) reads as: ``một trăm lẻ năm`` → ``105``.

    Digit by digit, as speech does: ``mươi`` closes a tens digit, ``trăm`` a hundreds digit, ``lẻ`` is a zero
    tens; a word left open at the end takes its zeros (``hai mươi`` → 20, ``bốn trăm hai`` → 420).
    """
    if kinds and kinds[0] == "l":  # "tỷ lẻ hai triệu": the link only says the group is small
        kinds, values = kinds[1:], values[1:]
    if not kinds:
        return None
    out: list[str] = []
    has_h = False
    after_h = 0
    last = ""
    for k, v in zip(kinds, values, strict=False):
        if k == "d":
            out.append(str(int(v)))
        elif k == "t":
            out.append("1")
        elif k == "m":
            if last != "d":
                out.append("1")
            else:
                last = k
                continue
        elif k == "h":
            if has_h:
                return None
            if not out:
                out.append("1")
            has_h, after_h, last = True, 0, k
            continue
        elif k == "l":
            out.append("0")
        if has_h:
            after_h += 1
        last = k
    if last in ("m", "t"):
        out.append("0")
    elif last == "h":
        out.append("00")
    elif has_h and after_h == 1 and last == "d" and kinds[-2] == "h":
        out.append("0")  # "bốn trăm hai" = 420
    return "".join(out)


def _couples(kinds: list[str], values: list[Fraction]) -> str | None:
    """Digits read in pairs, as phone numbers are (``hai mươi ba bảy mười lăm`` → ``203715``)."""
    # Tens groups: a digit followed by "mươi", or "mười"; the free digits between groups come in pairs, and an
    # odd one out is the units digit of the tens group before it.
    groups: list[list[str]] = []  # each: [tens digit] + free digits after it
    free: list[str] = []
    i = 0
    while i < len(kinds):
        k = kinds[i]
        if k == "d" and i + 1 < len(kinds) and kinds[i + 1] == "m":
            groups.append([str(int(values[i]))])
            i += 2
            continue
        if k == "t":
            groups.append(["1"])
        elif k == "d":
            (groups[-1] if groups else free).append(str(int(values[i])))
        else:
            return None
        i += 1
    out = "".join(free)
    for g in groups:
        tens, rest = g[0], g[1:]
        if len(rest) % 2:
            out += tens + rest[0]
            rest = rest[1:]
        else:
            out += tens + "0"
        out += "".join(rest)
    return out


def evaluate(tokens: list[Token], loose: bool = False) -> tuple[Fraction, Fraction | None] | None:
    """The value of a whole number and its largest multiplier (``190 triệu`` → 190000000, 10**6).

    ``loose`` allows what only bare numerals say: digit-by-digit readings, phone-style pairs, a leading minus.
    """
    sign = 1
    if tokens and tokens[0].kind == "N":
        if not loose:
            return None
        sign, tokens = -1, tokens[1:]
    if not tokens:
        return None
    if loose:
        pairs = _phone_pairs(tokens)
        if pairs is not None:
            return pairs * sign, None
    acc = _Sum(loose)
    prev = ""
    try:
        for tok in tokens:
            acc.add(tok, prev)
            prev = tok.kind
        total = acc.total(tokens)
    except _NotANumber:
        return None
    return None if total is None else (total * sign, acc.top)


def _phone_pairs(tokens: list[Token]) -> Fraction | None:
    """A long spelled-out digit string read in pairs, as phone numbers are (bare numerals only)."""
    kinds, values = [t.kind for t in tokens], [t.value or Fraction(0) for t in tokens]
    if not all(k in "dtm" for k in kinds) or not any(k in "mt" for k in kinds):
        return None
    plain = _group_digits(kinds, values)
    if plain is None or len(plain) <= 3:
        return None
    pairs = _couples(kinds, values)
    return Fraction(int(pairs)) if pairs is not None else None


class _NotANumber(Exception):
    """The tokens read so far cannot be one number."""


@dataclass
class _Sum:
    """A number being evaluated token by token: the finished parts (each with its level, the multiplier it was
    scaled by), the open group of digits or digit words, and a whole part before a spoken decimal point."""

    loose: bool
    items: list[list[Fraction]] = field(default_factory=list)  # [value, level]
    group: list[Token] = field(default_factory=list)
    whole: Fraction | None = None  # integer part before a spoken decimal point
    last_mult: Fraction | None = None
    top: Fraction | None = None
    linked: bool = False  # "lẻ/linh" right after a multiplier: "hai nghìn lẻ năm"

    def add(self, tok: Token, prev: str) -> None:
        """Take one token (``prev``: the kind of the one before it)."""
        k = tok.kind
        if k in _GROUP:
            if self.group and self.group[0].kind == "D":
                raise _NotANumber
            if k == "l" and not self.group and prev in ("M", "H"):
                self.linked = True
            self.group.append(tok)
        elif k == "D":
            if self.group:
                raise _NotANumber
            self.group.append(tok)
        elif k == "P":
            self._point()
        elif k in "MS":
            self._multiplier(tok.value or Fraction(1))
        elif k == "H":
            self._half()
        else:
            raise _NotANumber

    def _group_value(self) -> tuple[Fraction | None, str]:
        group = self.group
        if not group:
            return None, ""
        if group[0].kind == "D":
            if len(group) != 1:
                return None, ""
            return group[0].value, group[0].text
        if len(group) == 1 and group[0].value is not None and group[0].value.denominator != 1:
            return group[0].value, ""  # nửa: a half, alone or before a multiplier (nửa triệu)
        digits = _group_digits([t.kind for t in group], [t.value or Fraction(0) for t in group])
        if digits is None:
            return None, ""
        if not self.loose and "".join(t.kind for t in group) not in _CANON:
            return None, ""
        return Fraction(int(digits)), digits

    def _flush(self) -> Fraction | None:
        """Close the open group: its value (with the whole part before a decimal point), None when there is no
        group."""
        value, digits = self._group_value()
        if self.group and value is None:
            raise _NotANumber
        if self.whole is not None:
            if value is None or not digits.isdigit():
                raise _NotANumber
            value = self.whole + Fraction(int(digits), 10 ** len(digits))
            self.whole = None
        self.group.clear()
        return value

    def _point(self) -> None:
        if self.whole is not None:
            raise _NotANumber
        value = self._flush()
        if value is None:
            raise _NotANumber
        self.whole = value

    def _multiplier(self, mv: Fraction) -> None:
        value = self._flush()
        items = self.items
        if value is None:
            if items and self.last_mult is not None and self.last_mult <= mv:
                items[-1] = [items[-1][0] * mv, items[-1][1] * mv]  # "nghìn tỷ", "tỷ tỷ"
            else:
                items.append([mv, mv])  # "triệu nghìn" = a million and a thousand
        else:
            n = 0
            for it in reversed(items):
                if it[1] >= mv:
                    break
                n += 1
            popped = items[-n:] if n else []
            if n:
                del items[-n:]
            level = popped[0][1] * mv if popped else mv
            items.append([(value + sum((it[0] for it in popped), Fraction(0))) * mv, level])
        self.last_mult = mv
        self.top = mv if self.top is None or mv > self.top else self.top
        self.linked = False

    def _half(self) -> None:
        """"rưỡi": half of the unit before it (hai rưỡi), fifty after hundreds, half the last multiplier."""
        if self.group:
            hundreds = any(t.kind == "h" for t in self.group)
            value = self._flush()
            if not value:
                raise _NotANumber
            self.items.append([value + (Fraction(50) if hundreds else Fraction(1, 2)), Fraction(1)])
        elif self.items and self.last_mult is not None:
            self.items[-1][0] += self.last_mult / 2
        else:
            raise _NotANumber

    def total(self, tokens: list[Token]) -> Fraction | None:
        """The number's value once every token is taken, or None."""
        group = self.group
        tail_single = len(group) == 1 and (
            group[0].kind == "d" or (group[0].kind == "D" and group[0].text.isdigit() and len(group[0].text) <= 3))
        value = self._flush()
        total = sum((it[0] for it in self.items), Fraction(0))
        if value is None:
            return total if self.items else None
        if self.items and tail_single and not self.linked and prev_is_mult(tokens) and self.last_mult is not None:
            # "1 tỷ 200", "triệu hai": the figure after the last multiplier continues it (1.2 tỷ, 1.2 triệu)
            value = value * self.last_mult / 10 ** len(str(int(value)))
        return total + value


def prev_is_mult(tokens: list[Token]) -> bool:
    """Whether the last token directly follows a multiplier or ``rưỡi``."""
    return len(tokens) >= 2 and tokens[-2].kind in "MSH"


def number_end(tokens: list[Token], i: int) -> int:
    """The end (exclusive token index) of the number of running text that starts at ``tokens[i]``; ``i`` if none.

    Running text reads numbers the standard way only: a spelled-out number starts with a word that can start
    one; digits join words only through a multiplier (``1 tỷ 200 triệu``), never directly (``năm 2021``).
    """
    if not _starts_number(tokens, i):
        return i
    first = tokens[i]
    reading = _Reading(prev=first.kind, group="" if first.kind == "D" else first.kind)
    j = i + 1
    while j < len(tokens) and tokens[j].start - tokens[j - 1].end <= 3 and reading.takes(tokens, j):
        j += 1
    # Do not end on an unfinished group ("hai trăm lẻ").
    while j > i + 1 and tokens[j - 1].kind in "l":
        j -= 1
    return j


def _starts_number(tokens: list[Token], i: int) -> bool:
    """``tokens[i]`` can start a number of running text: digits, a number word that starts numbers (``hai``, not
    ``mươi``), or a multiplier before ``rưỡi`` (``tỷ rưỡi``, the one way a number starts with its multiplier)."""
    first = tokens[i]
    if first.kind == "D":
        return True
    if first.kind in "dt":
        w = words().get(first.text.lower())
        return not (w is None or not w.start)
    return first.kind == "M" and i + 1 < len(tokens) and tokens[i + 1].kind == "H"


@dataclass
class _Reading:
    """A number of running text read token by token: the kind of the last token taken, the spelled-out group
    (below a thousand) it is in, as a role string (``dh`` for ``hai trăm``), and whether a spoken decimal point
    was met. Each kind of token has its rule for what it may follow."""

    prev: str
    group: str
    seen_point: bool = False

    def takes(self, tokens: list[Token], j: int) -> bool:
        """Whether ``tokens[j]`` continues the number (and if so, take it)."""
        k = tokens[j].kind
        if k in _GROUP:
            taken = self._group_word(k)
        elif k == "D":
            taken = self._digits()
        elif k == "M":
            taken = self._multiplier()
        elif k == "H":
            taken = self.prev == "M"  # "rưỡi" only after a multiplier: "tỷ rưỡi"
        elif k == "P":
            taken = self._point(tokens, j)
        else:
            taken = False
        if taken:
            self.prev = k
        return taken

    def _group_word(self, k: str) -> bool:
        """A number word below a thousand: not right after digits, and (after a multiplier or decimal point) only
        one that opens a new group; the group must stay a prefix of a standard one."""
        if self.prev == "D" or (self.prev == "H" and k != "l"):
            return False
        if self.prev in "MHP":
            if k not in "dtl":
                return False
            self.group = ""
        if self.group + k not in _CANON_PREFIX:
            return False
        self.group += k
        return True

    def _digits(self) -> bool:
        """Digits join words only through a multiplier or a decimal point (``1 tỷ 200``, ``hai phẩy 5``)."""
        if self.prev not in "MP":
            return False
        self.group = ""
        return True

    def _multiplier(self) -> bool:
        """A multiplier follows a figure, a complete group or another multiplier."""
        return not (self.prev not in "DdtmhM" or (self.prev in _GROUP and self.group not in _CANON))

    def _point(self, tokens: list[Token], j: int) -> bool:
        """A spoken decimal point ("2 chấm 23", "hai phẩy năm"): once, between two complete parts."""
        if self.seen_point or not (self.prev == "D" or (self.prev in _GROUP and self.group in _CANON)) \
                or j + 1 >= len(tokens) or tokens[j + 1].kind not in "Dd":
            return False
        self.seen_point = True
        self.group = ""
        return True


def parse_number(phrase: str) -> int | float | None:
    """The value of a bare numeral (``hai mươi mốt`` → 21, ``1 tỷ 200 triệu`` → 1200000000), or None.

    Accepts what people say and write: digit-by-digit readings (``năm sáu hai`` → 562), phone-style pairs,
    ``100K``, ``âm 1.200.000``.
    """
    tokens = tokenize(phrase.strip())
    if not tokens:
        return None
    found = evaluate(tokens, loose=True)
    return None if found is None else to_value(found[0])
