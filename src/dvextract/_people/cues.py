"""The words around a title that say whose it is, as patterns built from the data tables: what may separate the
titles of one list and a list from its name (``title_links.tsv``, ``honorifics.tsv``, ``date_terms.tsv``), cue
words (``title_cues.tsv``), plural and counted titles (``title_plurals.tsv``, ``deictics.tsv``), relatives
(``person_kin.tsv``), what joins two people (``person_joins.tsv``), pronouns (``title_pronouns.tsv``) and courses
being studied (``title_studies.tsv``). Every search is bounded to a few dozen characters around a title."""

from __future__ import annotations

from functools import cache

import regex

from .. import _patterns
from .._alternation import alternation
from .._entities.lexicon import grammar_words
from .._resources import table
from .offices import degrees

__all__ = ["MAX_LIST", "SENTENCE_END", "before_name", "between_titles", "cued", "fits", "joined", "kin", "many",
           "owned_by", "pronoun", "relative_predicate", "relatives_title", "shared", "studied"]

SENTENCE_END = _patterns.compile(r"[.!?]\s|\n")
MAX_LIST = 40  # mentions looked at around a title for its owner: a sentence's worth, never the whole text


@cache
def _glue() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Patterns for what may separate titles of one list, and a title list from its person's name."""
    alt = alternation({r["word"] for r in table("title_links")} | {r["honorific"] for r in table("honorifics")})
    terms = alternation(r["word"] for r in table("date_terms") if r["kind"] == "term")
    and_ = alternation(grammar_words("and"))
    # `khóa XI, XII`
    term = rf"\b(?:{terms}) +(?:[IVXL]+|\d{{4}})\b(?:(?: *[,\-] *| (?:{and_}) )(?:[IVXL]+|\d{{4}})\b)*"
    # `ông Nguyễn Bá Tịnh, sinh ngày 27/8/1963, …`
    born = rf"\b(?:{alternation(grammar_words('born'))}) [\d/.\-]{{4,10}}"
    between = _patterns.compile(rf"(?i)(?:[ ,;\-–()]|\([^()\n]{{1,20}}\)|\b(?:{alt})\b|{term}|{born})*")
    honorifics = alternation(r["honorific"] for r in table("honorifics"))
    before = _patterns.compile(  # `TS.Đinh Thế Hiển`, `Giám đốc Sở Giáo dục và Đào tạo (GD&ĐT) Nguyễn Hữu Độ`,
        rf"(?i)\.|[ ]*(?:\([\p{{Lu}}&\-.]{{2,12}}\)[ ]*)?(?:\b(?:{alt})\b[ ]*)*"  # `Chủ tịch UBND tỉnh, ông Bình`
        rf"|[ ]*,[ ]*(?:\b(?:{honorifics})\b[ ]*)+")
    return between, before


def between_titles() -> regex.Pattern[str]:
    """What may separate the titles of one list: links, honorifics, terms (`khóa XI, XII`), a birth date."""
    return _glue()[0]


def before_name() -> regex.Pattern[str]:
    """What may separate a list of titles from its person's name: `, ông `, `(GD&ĐT) `, a glued `.`."""
    return _glue()[1]


@cache
def owned_by() -> regex.Pattern[str]:
    """What stands between a title and the office of whom it serves (`Người phát ngôn của Thủ tướng`): `của`."""
    return _patterns.compile(rf"(?i) +(?:{alternation(grammar_words('of'))}) +")


@cache
def joined() -> regex.Pattern[str]:
    """What joins two people who share what the sentence says of them (`Ông A và ông B được … làm …`)."""
    words = {r["honorific"] for r in table("honorifics")} | {r["word"] for r in table("person_joins")}
    return _patterns.compile(rf"(?i)(?:[ ,]|\b(?:{alternation(words)})\b)*")


@cache
def _kin_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """person_kin.tsv's words that are no honorific (`em trai`, `vợ`), those that are one too (`chị`, `anh`), and
    the honorifics: a relative's word that is also an honorific is one only before another honorific."""
    honorifics = frozenset(r["honorific"] for r in table("honorifics"))
    words = frozenset(r["word"] for r in table("person_kin"))
    return words - honorifics, words & honorifics, honorifics


@cache
def kin() -> regex.Pattern[str]:
    """A relative's word before a name or its titles, maybe with an honorific (`em trai `, `chị ông `); a word
    that is also an honorific only with one after it (`chị ông Quý`, not `chị Lan`)."""
    of = alternation(grammar_words("of"))
    kin, kin_honorific, honorific = map(alternation, _kin_words())
    return _patterns.compile(  # `chồng của bà Thanh`
        rf"(?i)(?:^|[\s,(\-])(?:(?:{kin}) +(?:(?:{of}) +)?(?:(?:{honorific}) +)?"
        rf"|(?:{kin_honorific}) +(?:(?:{of}) +)?(?:{honorific}) +)$")


def relatives_title(text: str, start: int) -> bool:
    """The title at ``start`` is an unnamed relative's: a relative's word (not an honorific) right before its cue
    (`gia đình ông Quý có người thân làm Bí thư Tỉnh ủy`, `vợ làm Giám đốc`), so not the sentence's subject's."""
    return _relatives_cue().search(text, max(0, start - 40), start, timeout=_patterns.SCAN_TIMEOUT) is not None


@cache
def _relatives_cue() -> regex.Pattern[str]:
    words = alternation(_kin_words()[0])
    cues = alternation({r["cue"] for r in table("title_cues") if r["scope"] in ("before", "relative")})
    return _patterns.compile(rf"(?i)\b(?:{words}) +(?:{cues}) *$")


@cache
def relative_predicate() -> regex.Pattern[str]:
    """What stands between a relative's name and the titles that are the relative's own (`… em ruột của bà Trà
    hiện nay là Bí thư …`): a copula of title_cues.tsv (scope ``relative``), no comma, nothing else."""
    copulas = alternation(r["cue"] for r in table("title_cues") if r["scope"] == "relative")
    return _patterns.compile(rf"(?i) *(?:{copulas}) *")


@cache
def _cues() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """Words right before a title that say it is someone's (`là`, `giữ chức`, `kiêm`, `nguyên` …), a sentence
    about someone already named (`Ông sinh năm 1960, …`: `ông` with no name after it), and a career list's cue
    anywhere earlier in the sentence (`từng kinh qua các nhiệm vụ: A; B`)."""
    cues = table("title_cues")
    words = alternation({r["word"] for r in table("title_links") if r["cue"] == "yes"} |
                        {r["cue"] for r in cues if r["scope"] == "before"})
    listed = alternation(r["word"] for r in table("title_links") if r["cue"] == "no")
    rows = table("title_pronouns")
    pronouns = alternation(r["word"] for r in rows if r["kind"] == "pronoun")
    others = alternation(r["word"] for r in rows if r["kind"] == "not")
    # `…, nguyên Ủy viên …`; not `gặp tân Bộ trưởng`
    before = _patterns.compile(rf"(?i)(?:\b(?:{words})|[,;(\-] *(?:{listed}))"
                               rf"(?:[ ,:]| (?:{alternation(grammar_words('like'))})\b)*$")
    anywhere = _patterns.compile(rf"(?i)\b(?:{alternation(r['cue'] for r in cues if r['scope'] == 'sentence')})\b")
    pronoun = _patterns.compile(rf"[\s\-\"]*(?!(?i:{others})\b)(?i:{pronouns}) +(?!\p{{Lu}})")
    return before, pronoun, anywhere


def pronoun() -> regex.Pattern[str]:
    """A sentence that opens with `Ông`/`Bà` and no name: it is about the person last named."""
    return _cues()[1]


@cache
def _plural() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A plural word or a count before a title, maybe a word of its list and an honorific (`các đồng chí Ủy viên`,
    `6 phó giám đốc sở`, `2 nguyên phó giám đốc`); what opens the list of its holders after it (`:`, `này gồm`)."""
    rows = table("title_plurals")
    words = alternation(r["word"] for r in rows if r["kind"] == "plural")
    opens = alternation(r["word"] for r in rows if r["kind"] == "list")
    honorifics = alternation(r["honorific"] for r in table("honorifics"))
    links = alternation(r["word"] for r in table("title_links") if r["cue"] == "no")
    deictics = alternation(r["word"] for r in table("deictics"))
    before = _patterns.compile(
        rf"(?i)(?:\b(?:{words})|(?<![\d/.,:\-])\d{{1,3}}) +(?:(?:{links}) +)?(?:(?:{honorifics}) +)?$")
    after = _patterns.compile(rf"(?i) *(?::|(?:(?:{deictics}) +)?(?:{opens})\b)")
    return before, after


def many(text: str, start: int) -> bool:
    """A plural title: `các phó giám đốc`, `6 phó giám đốc sở`."""
    return _plural()[0].search(text, max(0, start - 30), start, timeout=_patterns.SCAN_TIMEOUT) is not None


def shared(text: str, start: int, end: int) -> bool:
    """A plural title before a colon or `gồm`: the list after it shares it."""
    return _plural()[1].match(text, end, min(len(text), end + 20), timeout=_patterns.SCAN_TIMEOUT) is not None \
        and many(text, start)


def cued(text: str, start: int, opening: int) -> bool:
    """A cue word right before the title at ``start`` says whose it is, or the title is an item of a career
    list: after `:` or `;` in a sentence (from ``opening``) with a career cue before it."""
    if _cues()[0].search(text, max(0, start - 30), start, timeout=_patterns.SCAN_TIMEOUT):
        return True
    return text[max(opening, start - 3) : start].rstrip()[-1:] in (":", ";") and _cues()[2].search(
        text, max(opening, start - 300), start, timeout=_patterns.SCAN_TIMEOUT) is not None


@cache
def _studies() -> regex.Pattern[str]:
    """A course being studied right before a degree (`đi học thạc sỹ`, `theo học đại học, thạc sĩ và`)."""
    words = alternation(r["word"] for r in table("title_studies"))
    courses = alternation(grammar_words("and") | grammar_words("course") | degrees())
    return _patterns.compile(rf"(?i)\b(?:{words})(?:[ ,]|\b(?:{courses})\b)*$")


def studied(text: str, start: int) -> bool:
    """The degree at ``start`` is being studied (`được cử đi học thạc sỹ`): it is nobody's title."""
    return _studies().search(text, max(0, start - 40), start, timeout=_patterns.SCAN_TIMEOUT) is not None


def fits(pattern: regex.Pattern[str], gap: str) -> bool:
    """The short text between two mentions is wholly of the kind ``pattern`` allows."""
    return len(gap) < 40 and pattern.fullmatch(gap, timeout=_patterns.SCAN_TIMEOUT) is not None
