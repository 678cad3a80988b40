"""The fact finder's language data, compiled once per process into the patterns its readers use.

Every word list is a data file (``fact_*.tsv``, ``units.tsv``, ``currencies.tsv``, ``number_words.tsv``); this
module only turns the rows into patterns and look-up tables, so a new unit or qualifier is a new data row.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import regex

from .. import _patterns
from .._alternation import alternation, prefix_tree
from .._numbers import words
from .._resources import table

__all__ = ["FactLexicon", "UnitInfo", "fold", "lexicon"]

UnitInfo = tuple[str, str | None, Fraction]
"""A unit's kind (``money``, ``measure``, ``percent``), its currency code (money only) and its factor."""


def fold(s: str) -> str:
    """The key of a word in the look-up tables: case does not matter."""
    return s.casefold()


@dataclass(frozen=True)
class FactLexicon:
    """Patterns and tables over the fact data; each pattern says where it is matched (``$``: right before)."""

    run: regex.Pattern[str]  # a run of number tokens
    unit: regex.Pattern[str]  # a unit or currency right after a number
    units: dict[str, UnitInfo]  # folded form → (kind, currency, factor)
    noun: regex.Pattern[str]  # one item of a counted noun phrase
    nouns: dict[str, str]  # folded form → role (noun, classifier, modifier, prefix, head)
    classifiers: frozenset[str]  # folded classifiers (con, chiếc): they take the noun after them (con gà)
    not_nouns: frozenset[str]  # folded words that never follow a number as its counted noun (trong, của, là)
    syllable: regex.Pattern[str]  # a word read at spaces, when the segmenter's words are not given
    titled: regex.Pattern[str]  # a capitalised counted noun: an office or a body (hai Thẩm phán, 4 Sở, 6 CLB)
    open_label: regex.Pattern[str]  # $ words that make a number a label unless a listed noun follows (số 236)
    number_word: regex.Pattern[str]  # number words that are also other words (năm, ba): no open noun after them
    open_counts: regex.Pattern[str]  # $ longer forms that keep it a count (tổng số 15 thành viên)
    all_of: regex.Pattern[str]  # $ words that make a bare number a count of what was named before (cả hai)
    cur_before: regex.Pattern[str]  # a currency sign before a number ($10)
    cur_prefix: regex.Pattern[str]  # a currency sign before the second number of a range (VND1000-VND2000)
    cents: frozenset[str]  # units worth a hundredth (xu, xen)
    qual_before: regex.Pattern[str]  # khoảng, hơn … before a figure
    qual_after: regex.Pattern[str]  # … trở lên after it
    qualifiers: dict[str, str]  # folded form → qualifier
    change: regex.Pattern[str]  # tăng, giảm … (a few words) before a figure
    changes: dict[str, str]  # folded form → change
    blocker: regex.Pattern[str]  # words that make the number a label (số, lần thứ …)
    range_to: regex.Pattern[str]  # the separator of a range (-, đến)
    range_and: regex.Pattern[str]  # và, after giữa
    range_open: regex.Pattern[str]  # từ, giữa before a figure
    range_roles: dict[str, str]  # folded opener → from/between
    pair: regex.Pattern[str]  # buying and selling words: a range of money near them is two prices
    currency_codes: dict[str, str]  # folded currency form (before or after a number) → ISO code
    per: regex.Pattern[str]  # /giờ, /người after a unit
    unit_before: regex.Pattern[str]  # $ a unit written before the number (cấp 6)
    unit_cues: dict[str, list[str]]  # folded unit before → cue words, one of which must stand before it (gió)
    coordinated: regex.Pattern[str]  # và, hoặc, a comma between two numbers that share one unit
    clock: regex.Pattern[str]  # what makes "N giờ" a clock time after it
    clock_before: regex.Pattern[str]  # … before it
    clock_units: frozenset[str]  # units that can read as a clock time (giờ)
    clock_first: frozenset[str]  # units that are a clock time unless a duration word stands before (h)
    duration_before: regex.Pattern[str]  # $ mất, trong … before a duration in a clock-first unit
    money_cue: regex.Pattern[str]  # money words, currencies, population words around a bare amount (lỗ 145 tỷ)
    periods: frozenset[str]  # folded words after a duration that make it a stretch of time (20 năm qua)
    subject: regex.Pattern[str]  # heads of what a figure measures (tổng số, doanh thu …)
    stops: frozenset[str]  # words that end a subject
    sentence: regex.Pattern[str]  # sentence ends
    word: regex.Pattern[str]  # one word or one non-space character


def _column(name: str, key: str, value: str) -> list[str]:
    """The forms of data table ``name`` whose column ``key`` is ``value``."""
    return [row["form"] for row in table(name) if row[key] == value]


def _first_of(name: str, column: str) -> dict[str, str]:
    """Folded form → ``column`` of data table ``name``; the first row of a form wins."""
    out: dict[str, str] = {}
    for row in table(name):
        out.setdefault(fold(row["form"]), row[column])
    return out


def _forms(name: str) -> list[str]:
    return [row["form"] for row in table(name)]


def _number_run() -> regex.Pattern[str]:
    num_words = [w for w, v in words().items() if v.kind in "dtmhlMHP"]
    # a prefix tree: the run is tried at every character, the flat alternation cost a fifth more
    token = rf"\d+(?:[.,]\d+)*|(?<!\w)(?i:{prefix_tree(num_words)})(?:(?!\w)|(?=\p{{Lu}}{{2}}))"
    # Digits may touch letters before them (USD1,23); whether that makes a code is decided when reading. A
    # number word may touch a capitalised code after it (800 tỉUSD, as crawled).
    return _patterns.compile(rf"(?<![\d.,])(?:{token})(?:[ ]{{1,3}}(?:{token})){{0,40}}")


def _titled() -> regex.Pattern[str]:
    """Offices, ranks and bodies of the entity data, and abbreviations in capitals: capitalised nouns a number
    counts (hai Tổng thống, 1 Phó giám đốc, 4 Sở, 2.000 VĐV); any other capital after a number starts a name."""
    heads = ([r["title"] for r in table("titles")] + [r["title"] for r in table("office_ranks")]
             + [r["head"] for r in table("office_roles")] + [r["organisation"] for r in table("organisations")])
    return _patterns.compile(
        rf"(?:(?i:phó)[ ])?(?i:{alternation(heads)})(?![\w-])|\p{{Lu}}{{2,5}}(?![\w&.-])")


def _money_cue() -> regex.Pattern[str]:
    """Money words (group ``cue``), currencies written after a number (group ``currency``) and words of a
    population (group ``count``)."""
    currencies = [r["form"] for r in table("currencies") if r["where"] in ("after", "both") and len(r["form"]) > 1]
    money, count = _column("fact_money_cues", "role", "money"), _column("fact_money_cues", "role", "count")
    return _patterns.compile(rf"(?<!\w)(?:(?P<cue>(?i:{alternation(money)}))|(?P<count>(?i:{alternation(count)}))"
                             rf"|(?P<currency>(?i:{alternation(currencies)})))(?!\w)")


def _units() -> dict[str, UnitInfo]:
    units: dict[str, UnitInfo] = {}
    for row in table("currencies"):
        if row["where"] in ("after", "both"):
            units[fold(row["form"])] = ("money", row["code"], Fraction(row["factor"]))
    for row in table("units"):
        units.setdefault(fold(row["form"]), (row["kind"], None, Fraction(1)))
    return units


def _unit_pattern() -> regex.Pattern[str]:
    """A unit is glued to the number (500m, 99,95%) or one space after it (86 %); it ends where the word does.
    Codes in capitals may touch the next word (70USDmỗi ounce, as crawled)."""
    forms = [r["form"] for r in table("currencies") if r["where"] in ("after", "both")] + _forms("units")
    caps = [f for f in forms if f.isupper()]
    return _patterns.compile(rf"[ ]?(?:(?:{alternation(caps)})(?![\p{{Lu}}\d])|(?i:{alternation(forms)})(?!\w))")


def _currency_signs() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    before = [r["form"] for r in table("currencies") if r["where"] in ("before", "both")]
    return (_patterns.compile(rf"(?<![\w$])(?:{alternation(before)})[ ]?$"),
            _patterns.compile(rf"(?:{alternation(before)})[ ]?(?=\d)"))


def _range_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    to = _column("fact_ranges", "role", "to")
    symbols, words_ = [f for f in to if not f[0].isalpha()], [f for f in to if f[0].isalpha()]
    opener = _column("fact_ranges", "role", "from") + _column("fact_ranges", "role", "between")
    return (
        _patterns.compile(rf"[ ]*(?:{alternation(symbols)})[ ]*|[ ]+(?i:{alternation(words_)})[ ]+"),
        _patterns.compile(rf"[ ]+(?i:{alternation(_column('fact_ranges', 'role', 'and'))})[ ]+"),
        _patterns.compile(rf"(?<!\w)((?i:{alternation(opener)}))[ ]+$"),
    )


def _qualifier_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    return (
        _patterns.compile(rf"(?<!\w)(?i:{alternation(_column('fact_qualifiers', 'where', 'before'))})[ ]+$"),
        _patterns.compile(rf"[ ]+(?i:{alternation(_column('fact_qualifiers', 'where', 'after'))})(?!\w)"),
    )


def _clock_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    return (
        _patterns.compile(rf"[ ]*\d|[ ]+(?i:{alternation(_column('fact_clock', 'where', 'after'))})(?!\w)"),
        _patterns.compile(rf"(?<!\w)(?i:{alternation(_column('fact_clock', 'where', 'before'))})[ ]+$"),
    )


def _coordinated() -> regex.Pattern[str]:
    joins = _column("fact_ranges", "role", "and") + _column("fact_ranges", "role", "also")
    marks, words_ = [f for f in joins if not f[0].isalpha()], [f for f in joins if f[0].isalpha()]
    return _patterns.compile(rf"[ ]*(?:{alternation(marks)})[ ]*|[ ]+(?i:{alternation(words_)})[ ]+")


def _cues() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in table("fact_units_before"):
        out.setdefault(fold(row["form"]), []).append(fold(row["cue"]))
    return out


@cache
def lexicon() -> FactLexicon:
    """The compiled fact data (built on first use, then shared)."""
    cur_before, cur_prefix = _currency_signs()
    qual_before, qual_after = _qualifier_patterns()
    range_to, range_and, range_open = _range_patterns()
    clock, clock_before = _clock_patterns()
    return FactLexicon(
        run=_number_run(), unit=_unit_pattern(), units=_units(),
        noun=_patterns.compile(rf"(?i:{alternation(_forms('fact_nouns'))})(?!\w)"),
        nouns={fold(r["form"]): r["role"] for r in table("fact_nouns")},
        classifiers=frozenset(fold(f) for f in _column("fact_nouns", "role", "classifier")),
        not_nouns=frozenset(fold(f) for f in _forms("fact_not_nouns")),
        open_label=_patterns.compile(
            rf"(?<!\w)(?i:{alternation(_column('fact_open_labels', 'role', 'label'))})[ ]+$"),
        number_word=_patterns.compile(rf"(?i:{alternation(_column('fact_open_labels', 'role', 'word'))})"),
        open_counts=_patterns.compile(
            rf"(?<!\w)(?i:{alternation(_column('fact_open_labels', 'role', 'counts'))})[ ]+$"),
        syllable=_patterns.compile(r"[^\W\d_]+(?![\w-])"),
        titled=_titled(),
        all_of=_patterns.compile(rf"(?<!\w)(?i:{alternation(_column('fact_open_labels', 'role', 'all'))})[ ]+$"),
        cur_before=cur_before, cur_prefix=cur_prefix,
        cents=frozenset(fold(r["form"]) for r in table("currencies") if Fraction(r["factor"]) < 1),
        qual_before=qual_before, qual_after=qual_after,
        qualifiers={fold(r["form"]): r["qualifier"] for r in table("fact_qualifiers")},
        change=_patterns.compile(
            rf"(?<!\w)((?i:{alternation(_forms('fact_changes'))}))(?:[ ]+[^\s\d.,;:!?()]+){{0,3}}[ ]+$"),
        changes={fold(r["form"]): r["change"] for r in table("fact_changes")},
        blocker=_patterns.compile(rf"(?<!\w)(?i:{alternation(_forms('fact_blockers'))})[ ]*$"),
        range_to=range_to, range_and=range_and, range_open=range_open,
        range_roles=_first_of("fact_ranges", "role"),
        pair=_patterns.compile(rf"(?<!\w)(?i:{alternation(_column('fact_ranges', 'role', 'pair'))})(?!\w)"),
        currency_codes=_first_of("currencies", "code"),
        unit_before=_patterns.compile(rf"(?<!\w)((?i:{alternation(_forms('fact_units_before'))}))[ ]+$"),
        unit_cues=_cues(),
        coordinated=_coordinated(),
        # a superscript lost in the crawl leaves its digit: đồng/m 2 /tháng, đồng/m2
        per=_patterns.compile(r"(?:[ ]?/\p{L}+(?:[ ]?[23²³](?![\w,.]))?){1,2}(?!\w)"),
        clock=clock, clock_before=clock_before,
        clock_units=frozenset(fold(f) for f in _column("fact_clock", "where", "unit")),
        clock_first=frozenset(fold(f) for f in _column("fact_clock", "where", "clock unit")),
        duration_before=_patterns.compile(
            rf"(?<!\w)(?i:{alternation(_column('fact_clock', 'where', 'duration'))})(?:[ ]+\w+)?[ ]+$"),
        money_cue=_money_cue(),
        periods=frozenset(fold(f) for f in _forms("fact_periods")),
        subject=_patterns.compile(rf"(?<!\w)(?i:{prefix_tree(_forms('fact_subjects'))})(?!\w)"),
        stops=frozenset(fold(f) for f in _forms("fact_stops")),
        sentence=_patterns.compile(r"[.!?…]+(?=\s)|\n"),
        word=_patterns.compile(r"[^\W\d_]+|\S"),
    )
