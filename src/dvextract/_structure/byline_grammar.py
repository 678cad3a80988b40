"""The grammar of a byline, as patterns: a name as bylines write it, a paper or agency, a credit (``Theo
Reuters``, ``Nguồn: Tiểu Vân/baolamdong.vn``), a compilation credit (``Tổng hợp``), the text's author and what
else they made (``Tin, ảnh: NGỌC HẢO``) and a photo's or a video's credit (``Ảnh: Lý Võ Phú Hưng``).

The words are data: ``credits.tsv`` rows ``credit``, ``compiled``, ``source``, ``news``, ``news-also`` and
``media``, each role one alternation (:func:`dvextract._alternation.alternation`) in the case forms the
byline writes it (``Theo`` and ``theo``; ``Tổng hợp``, ``tổng hợp`` and ``TỔNG HỢP``), and the word joining a
list's items (``và``: ``grammar_words`` rows ``and``). The patterns are built once, on first use (:func:`grammar`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import regex

from .. import _patterns
from .._alternation import alternation
from .lexicon import credit_phrases, list_joins

# A paper or agency after a slash or "Theo": "VOV-Trung tâm Tin", "Dân trí", "VOV.VN", "Báo Pháp Luật TP HCM".
# A site's address written lowercase is a source too: "Theo Sơn Hòa/vnexpress.net".
_SOURCE = (r"(?P<source>[\p{Lu}\p{N}][\p{L}\p{N}.&-]*(?:[ ][\p{L}\p{N}][\p{L}\p{N}.&-]*){0,4}"
           r"|\p{Ll}[\p{L}\p{N}-]*(?:\.\p{Ll}{2,})*)")  # "gsmarena", "vnexpress.net"
_PAREN = r"\((?:[^()\n]|\([^()\n]{1,40}\)){1,40}\)"  # "(Theo AFP)", "((Theo FDA, 1/2017))"
_DOMAIN = r"(?<![\p{L}\p{N}])[\p{L}\p{N}-]+(?:\.\p{Ll}{2,})+"  # a site credited alone: "vnnew.vn"
_BRACKETED_INITIALS = r"\((?P<name>[\p{Lu}]{2,4})\)"  # "… 0,11%. (HTH)": the author's initials
STAMP = r"[ ]?\|[ ]?\d{1,2}:\d{2}[ ]\d{1,2}/\d{1,2}/\d{4}"  # "| 21:00 10/05/2017"


def _as_written(phrase: str) -> str:
    return phrase


def _first_lower(phrase: str) -> str:
    return phrase[:1].lower() + phrase[1:]


def _words(role: str, *forms: Callable[[str], str]) -> str:
    """The ``credits.tsv`` phrases of ``role`` in each of ``forms`` (as written when none), one alternation."""
    return alternation(form(phrase) for phrase in credit_phrases(role) for form in forms or (_as_written,))


@dataclass(frozen=True)
class BylineGrammar:
    """The byline's patterns (:func:`grammar`)."""

    line: regex.Pattern[str]
    """A whole byline (used with fullmatch): names, credits, ``/Paper``, ``(Tổng hợp)``, two authors with a dash,
    a byline printed twice; a dash may close it (``Theo Reuters Hoàng Hà -``), a paper and the time after one
    (``Viết Định - Thể thao Việt Nam | 21:00 10/05/2017``); a photo credit alone is none."""
    credit_line: regex.Pattern[str]
    """A line under a byline that credits a paper (used with fullmatch): ``Theo DM/Ins``, ``(Tổng hợp)``."""
    name_after_lowercase: regex.Pattern[str]
    """A capitalized word after a lowercase word or a colon: where a byline closed by its time starts after a
    video's title with no stop (``… trong mùa giải vừa qua Hoàng Tâm - Thể Thao Việt Nam | 19:50 13/06/2017``);
    not after a photo's credit label: what follows it is the photographer's (or the photo's source: ``Ảnh:
    Facebook NĐV. Giang Nguyễn - …``), not the byline's start."""
    unstopped_start: regex.Pattern[str]
    """Where a byline glued after a caption with no stop may start: a capitalized word after a lowercase one
    (group ``before``), not after a number and a comma (a name there is a list's next item, ``… Trọng Hoàng
    (Quốc Phương, 85'), Văn Bình (…)``; after a word and a comma it may close a letter: ``Một cái ôm ấm áp, Juan
    Anh Tú``), or a credit (``… đôi giày Christian Louboutin Theo Minh Hoàng``)."""
    paper_credit: regex.Pattern[str]
    """What opens a paper's credit with no author (``Theo …``, ``Tổng hợp theo …``), used with match."""
    after_credit_word: regex.Pattern[str]
    """The credit word closing the text before a source (``Theo Reuters …``, not ``/ Theo …`` nor ``- …``)."""
    credit_word: regex.Pattern[str]
    """The credit word a slash may leave before a source (``Imacho / Theo Trí Thức Trẻ``), in any case."""
    credit_lowercase: frozenset[str]
    """The credit words written lowercase (``theo``): a capitalized name after one is credited, not a byline's."""
    leading_words: regex.Pattern[str]
    """One to four words, two of them maybe joined (``Real và Juventus``): what may lead a byline's name."""
    list_join: regex.Pattern[str]
    """A word that joins a list's items, with its space (``và ``)."""


def _credit(name_word: str) -> str:
    """A credit: ``Theo Lan Anh/VnE`` and ``Theo Thái Bá (Dân Trí)`` name an author (a name of two words or more,
    then the paper), ``Theo DM/Ins`` only papers; ``Nguồn: Tiểu Vân/baolamdong.vn`` credits the same way (with its
    slash: ``Nguồn: Giang Lê`` alone credits a video); papers may come as a list (``Theo News.com.au, RT``)."""
    credit = _words("credit", _as_written, _first_lower)
    compiled = _words("compiled", _as_written, _first_lower)
    return (rf"(?:{compiled}[ ])?(?:{credit}:?[ ]|{_words('source')}:[ ](?=[^/\n]{{1,40}}/))"
            rf"(?:(?P<name>{name_word}(?:[ ]{name_word}){{1,3}})"
            rf"(?:[ ]?/[ ]?{_SOURCE}|(?=[ ]?\())|{_SOURCE}(?:[ ]?[/,][ ]?{_SOURCE}){{0,2}})")


def _item(name_word: str, name: str, author: str) -> str:
    """One item of a byline: initials in brackets, a bracketed note, a credit, the author and what else they
    made, a photo credit, a site's address, a compilation credit, or an author (who may have compiled it)."""
    photo = rf"{_words('media')}:[ ]?{name}"  # "Phan Anh Ảnh: Lý Võ Phú Hưng": the byline's photo credit
    # "Tin, ảnh: NGỌC HẢO", "Bài và ảnh: LÊ PHONG", "Tin, bài: Tuấn Vương": the text's author too, and the paper
    # after a slash ("Bài và ảnh: Xuân Cường/Báo Tin Tức")
    news = rf"{_words('news')}(?:(?:[ -]|,[ ]|[ ]{alternation(list_joins())}[ ]){_words('news-also')})?:[ ]?{author}"
    # A site's address, alone or as a source ("Nguyễn Thu http://hastc.org.vn Nguồn: http://hastc.org.vn/…").
    url = rf"(?:{_words('source')}:[ ]?)?https?://[^\s]+"
    # A compilation credit alone ("… làm rõ. Tổng hợp"), or after a name ("Nguyễn Dương tổng hợp").
    alone = _words("compiled", _as_written, _first_lower, str.upper)
    after_name = _words("compiled", str.lower)
    return (rf"(?:\*[ ]*)?(?:{_BRACKETED_INITIALS}|{_PAREN}|{_credit(name_word)}|{news}|{photo}|{url}|{_DOMAIN}"
            rf"|{alone}|{author}(?:[ ]{after_name})?)(?:[ ]*{_PAREN})?")


@cache
def grammar() -> BylineGrammar:
    """The byline's patterns, built from the credit words once."""
    credit = _words("credit")
    media = _words("media")
    # A name as bylines write it: "Kim Dung", "NGUYỆT PHƯƠNG", initials "H.T", "A.T", "NK", "M. Hà".
    # (a credit glued to the name ends it: "Kim DungTheo Reuters", "Minh PhươngTổng hợp")
    name_word = (rf"[\p{{Lu}}](?:(?:(?!{credit}[ :]|{_words('compiled')})\p{{L}})*"
                 r"|\.(?:[\p{Lu}]\p{L}*\.?)*)")
    # ("Theo" opens a credit, never a name's next word: "Phương Mai Theo Trí Thức Trẻ" is a name and a credit)
    name = rf"{name_word}(?:[ ](?!{credit}[ :]){name_word}){{0,3}}"
    author = rf"(?P<name>{name})(?:[ ]?/[ ]?{_SOURCE})?"
    item = _item(name_word, name, author)
    join = alternation(list_joins())
    line = (rf"(?!{media}:[ ]?{name}){item}(?:\s*(?:[-–,][ ]*|{join}[ ]+)?{item}){{0,3}}"
            rf"(?:[ ]?[-–][ ]?{_SOURCE}{STAMP}|[ ][-–])?")
    paper_credit = rf"{credit}[ ]|{_words('compiled')}[ ]{_words('credit', str.lower)}[ ]"
    either_case = _words("credit", _as_written, _first_lower)
    return BylineGrammar(
        line=_patterns.compile(line),
        credit_line=_patterns.compile(rf"{_credit(name_word)}|{_PAREN}"),
        name_after_lowercase=_patterns.compile(
            rf"(?<=(?<!\S)[\p{{Ll}}\p{{N}}]\S*[ ]|(?<!{media}):[ ])[\p{{Lu}}]"),
        unstopped_start=_patterns.compile(
            r"(?<=(?<!\S)(?P<before>[\p{Ll}\p{N}]\S*)(?<!:)(?<!\p{N}\S*,)[ ])[\p{Lu}]"
            rf"|(?<=\S[ ])(?={paper_credit})"),
        paper_credit=_patterns.compile(paper_credit),
        after_credit_word=_patterns.compile(rf"(?<![\p{{L}}/][ ]?){either_case}:?[ ]$"),
        credit_word=_patterns.compile(rf"(?i)(?:{_words('compiled')}[ ])?{credit}[ ]"),
        credit_lowercase=frozenset(phrase.lower() for phrase in credit_phrases("credit")),
        leading_words=_patterns.compile(rf"[\p{{L}}]+(?:[ ](?:{join}[ ])?[\p{{L}}]+){{0,3}}"),
        list_join=_patterns.compile(rf"{join}[ ]"),
    )
