"""One reading per article: after every rule (and any learned tagger) has spoken, the article's mentions are read
together. A writer introduces a name once, with its cue (`Tổng thống Donald Trump`, `tại Mỹ`), and then writes
it bare (`Trump nói`, `lãnh đạo Mỹ`); the scan, which reads left to right with local cues only, finds the first and
misses the rest. This pass settles each name on one type and finds it at all its mentions:

- a name of two syllables or more typed differently at different mentions takes the type it has most often
  (PERSON on a tie);
- a name found once (a full name, a foreign name or its family name, an abbreviation) is found wherever it stands
  alone, with no other capitalized word glued to it;
- a one-syllable country that is also a given name or a pronoun (`Mỹ`, `Nga`, `Anh`, `Đức`: countries.tsv,
  cue=yes) is a LOCATION where the context says country (after a place cue, in a list or pair of countries), or
  anywhere the article has already used it as one, unless it is a name's syllable or follows an honorific;
- `nước` before a country is part of its span (`nước Mỹ`), unless it closes a title (`Chủ tịch nước`);
- a credit names its author and agency: `Ảnh: Reuters` → ORGANIZATION, `Thu Hà/TTXVN` → PERSON + ORGANIZATION.

Everything is decided from the text and the mentions, in a few passes over the article's tokens: linear work.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import regex

from .. import _patterns
from .._segment import compound
from .lexicon import Lexicon, grammar_words, packaged
from .scan import Found, is_caps, is_name

__all__ = ["one_reading"]

_TOKEN = _patterns.compile(r"\w+(?:[&']\w+)*|[^\w\s]")
_SENTENCE_END = frozenset(".!?:…\"“”'‘’([–-")
_LIST_MARKS = frozenset({",", "-", "–", "/"})
_CREDIT_AGENCY = "/"
_DOMAIN = _patterns.compile(r"(?:\.(?:com|net|org|vn|cn|uk|us|info|io|tv))+\b")
"""A web address's ending (`Payoff.com`, `news.cn`, `vnexpress.net`): a credit may be one."""
_CREDIT_INTRO = _patterns.compile(r"(?i)\b(?:ảnh|nguồn) ?:")
_COUNTRY_WORDS: dict[int, frozenset[str]] = {}  # per lexicon


class _Tok(NamedTuple):
    start: int
    end: int
    text: str


class _Tokens:
    """The article's tokens, each made a :class:`_Tok` only when read: the passes go from one occurrence of a
    word to the next, so most tokens are never looked at (building them all was most of this pass's cost)."""

    def __init__(self, matches: list[regex.Match[str]]) -> None:
        self.matches = matches

    def __len__(self) -> int:
        return len(self.matches)

    def __getitem__(self, k: int) -> _Tok:
        m = self.matches[k]
        return _Tok(m.start(), m.end(), m.group())


class _Article:
    """The article's tokens and which characters its mentions already cover."""

    def __init__(self, text: str, found: list[Found]) -> None:
        self.text = text
        _patterns.charge(len(text))  # a linear pattern, scanned without the timeout (tests/test_patterns.py)
        self.toks = _Tokens(list(_TOKEN.finditer(text)))
        self.taken = bytearray(len(text) + 1)
        for f in found:
            if f.type != "TITLE":  # a title may hold a place (`Tổng thống Nga`)
                self.taken[f.start : f.end] = b"\x01" * (f.end - f.start)

    def at(self, pos: int) -> int | None:
        """The token that starts at character pos, if one does."""
        matches = self.toks.matches
        k = bisect.bisect_left(matches, pos, key=regex.Match.start)
        return k if k < len(matches) and matches[k].start() == pos else None

    def occurrences(self, phrase: str) -> Iterator[tuple[int, int]]:
        """Token ranges i..j where the phrase is written whole, its words one space apart (found by the string
        search, so the cost is the phrase's, not a walk over every token)."""
        pos = self.text.find(phrase)
        while pos >= 0:
            i = self.at(pos)
            if i is not None:
                j = i + 1
                while j < len(self.toks) and self.toks[j - 1].end < pos + len(phrase):
                    j += 1
                if self.toks[j - 1].end == pos + len(phrase):
                    yield i, j
            pos = self.text.find(phrase, pos + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def glued(self, k: int) -> bool:
        """Token k exists, is a capitalized syllable and touches its neighbour with one space: part of a name."""
        return 0 <= k < len(self.toks) and (is_name(self.toks[k].text) or is_caps(self.toks[k].text))

    def spaced(self, a: int, b: int) -> bool:
        """Tokens a and b (a < b, adjacent) are separated by plain spaces only."""
        return self.text[self.toks[a].end : self.toks[b].start] in (" ", "\u00a0")

    def alone(self, i: int, j: int) -> bool:
        """Tokens i..j stand alone: no capitalized syllable glued before or after."""
        return not (i > 0 and self.glued(i - 1) and self.spaced(i - 1, i)) and \
            not (j < len(self.toks) and self.glued(j) and self.spaced(j - 1, j))

    def word_goes_on(self, k: int) -> bool:
        """Token k is the capitalized first syllable of a common word (`Quy hoạch`, `Trung ương`, `Thanh tra`)."""
        nxt = self.toks[k + 1].text if k + 1 < len(self.toks) else ""
        return nxt.islower() and self.spaced(k, k + 1) and compound(self.toks[k].text, nxt)

    def low(self, k: int) -> str:
        return self.toks[k].text.lower() if 0 <= k < len(self.toks) else ""


def one_reading(text: str, found: Iterable[Found], lexicon: Lexicon | None = None) -> list[Found]:
    """The article's mentions with each name settled on one type and found at all its mentions."""
    lex = lexicon or packaged()
    mentions = _titles_before_names(text, _settle_types(text, list(found)))
    art = _Article(text, mentions)
    mentions = [piece for f in mentions if not _language_named(art, f, lex) for piece in _pair_split(text, f, lex)]
    mentions += _credits(art, mentions, lex)
    mentions += _names_again(art, mentions, lex)
    mentions += _short_bodies(art, mentions, lex)
    mentions = _with_nuoc(art, mentions, lex)
    mentions += _countries(art, mentions, lex)
    return sorted(set(mentions), key=lambda f: (f.start, -f.end, f.type))


def _settle_types(text: str, found: list[Found]) -> list[Found]:
    """Each name of two syllables or more written the same way takes one type: the one it has most often (PERSON on
    a tie). A one-syllable word's type is its context's (`sang Anh`, `ông Anh`). A byline's names are blanked in
    the working text: blanks are no name (`Mi Vân` / `Theo Newsen`)."""
    counts: dict[str, Counter[str]] = {}
    for f in found:
        if f.type != "TITLE" and " " in text[f.start : f.end].strip():
            counts.setdefault(text[f.start : f.end], Counter())[f.type] += 1
    best = {name: max(c, key=lambda t: (c[t], t == "PERSON")) for name, c in counts.items() if len(c) > 1}
    if not best:
        return found
    return [f._replace(type=best[text[f.start : f.end]]) if f.type != "TITLE" and text[f.start : f.end] in best
            else f for f in found]


def _titles_before_names(text: str, found: list[Found]) -> list[Found]:
    """A title stops before the name of a person it ends with: once `Hồ Chí Minh` reads as a person, `Chủ tịch Hồ
    Chí Minh` is the title `Chủ tịch` and the person, not a title with its locality."""
    people = {(f.end, f.start) for f in found if f.type == "PERSON"}
    ends = {end: start for end, start in people}
    out = []
    for f in found:
        start = ends.get(f.end) if f.type == "TITLE" else None
        if start is not None and start > f.start and text[f.start : start].strip():
            f = f._replace(end=f.start + len(text[f.start : start].rstrip()))
        out.append(f)
    return out


def _learned_names(art: _Article, found: list[Found], lex: Lexicon) -> dict[tuple[str, ...], str]:
    """The names worth finding again, as token sequences, with their type: every multi-syllable name written in
    capitalized syllables, a foreign person's family name, and one-word foreign names and abbreviations."""
    learned: dict[tuple[str, ...], str] = {}
    for f in found:
        if f.type == "TITLE":
            continue
        words = tuple(art.text[f.start : f.end].split())
        if not words or not all(is_name(w) or is_caps(w) for w in words):
            continue
        if len(words) > 1:
            learned.setdefault(words, f.type)
            if f.type == "PERSON" and all(w.isascii() for w in words) and words[0] not in lex.surnames and \
                    len(words[-1]) > 3 and is_name(words[-1]) and not lex.phrases.get((words[-1].lower(),)):
                learned.setdefault(words[-1:], "PERSON")  # `Abigail Brody` … `Brody chia sẻ`
        elif len(words[0]) > 3 and is_name(words[0]) and words[0].isascii() and words[0] not in lex.surnames \
                and not lex.phrases.get((words[0].lower(),)):
            learned.setdefault(words, f.type)  # `Neymar`, `Barca`; not an abbreviation (`NVH` may be a common noun)
    return learned


def _names_again(art: _Article, found: list[Found], lex: Lexicon) -> list[Found]:
    """Every free, standalone mention of a name the article has already typed."""
    learned = _learned_names(art, found, lex)
    if not learned:
        return []
    out = []
    for words in sorted(learned, key=len, reverse=True):  # the longest first: `Abigail Brody` before `Brody`
        for i, j in art.occurrences(" ".join(words)):
            start, end = art.toks[i].start, art.toks[j - 1].end
            if art.free(start, end) and art.alone(i, j) and not art.word_goes_on(j - 1):
                out.append(Found(start, end, learned[words]))
                art.take(start, end)
    return out


def _heads(art: _Article, found: list[Found], lex: Lexicon) -> set[str]:
    """The heads of the bodies the article names (`Bộ` of `Bộ Y tế`, `Sở` of `Sở Y tế Hà Nội`): the ones that
    need a name or a locality after them (organisations.tsv, kind named or local)."""
    heads = set()
    for f in found:
        if f.type == "ORGANIZATION":
            words = art.text[f.start : f.end].split()
            for n in (2, 1) if words and words[0][0].isupper() else ():
                entries = lex.phrases.get(tuple(w.lower() for w in words[:n]), ())
                if len(words) > n and any(e.kind == "org" and e.info in ("named", "local") for e in entries):
                    heads.add(" ".join(words[:n]))
                    break
    return heads


def _short_bodies(art: _Article, found: list[Found], lex: Lexicon) -> list[Found]:
    """A body's capitalized head on its own, once the article has named a body with that head: a short reference
    (`Bộ Y tế … Bộ đã ban hành`, `Sở Y tế … Sở sẽ tham mưu`). Not inside a title (`Giám đốc Sở`), not the first
    syllable of a word (`Bộ trưởng`, `Bộ đội`), not the head of another named body (`Bộ Công an`)."""
    heads = _heads(art, found, lex)
    if not heads:
        return []
    titles = [(f.start, f.end) for f in found if f.type == "TITLE"]
    out = []
    for head in sorted(heads, key=len, reverse=True):
        for i, j in art.occurrences(head):
            start, end = art.toks[i].start, art.toks[j - 1].end
            if art.free(start, end) and _referring(art, i, j, lex) and \
                    not any(s < end and start < e for s, e in titles):
                out.append(Found(start, end, "ORGANIZATION"))
                art.take(start, end)
    return out


def _referring(art: _Article, i: int, j: int, lex: Lexicon) -> bool:
    """The head at tokens i..j stands for one body: nothing of a name follows it (a mark, or a word that ends a
    body's name: `Bộ đã`, `Sở sẽ`, `của Bộ;`), and no plural or number precedes it (`các Sở`, `4 Sở`)."""
    nxt = art.low(j)
    ends = not nxt or not nxt[0].isalnum() or any(e.kind == "stop" for e in lex.phrases.get((nxt,), ()))
    prev = art.low(i - 1)
    plural = prev[:1].isdigit() or any(e.kind == "generic" and e.info == "plural" for e in lex.phrases.get((prev,), ()))
    return ends and art.alone(i, j) and not plural


def _country_words(lex: Lexicon) -> frozenset[str]:
    """The one-word countries that are also given names or pronouns (countries.tsv, cue=yes), as written: `Mỹ`."""
    words = _COUNTRY_WORDS.get(id(lex.phrases))
    if words is None:
        words = _COUNTRY_WORDS[id(lex.phrases)] = frozenset(
            e.form[0] for key, entries in lex.phrases.items() if len(key) == 1
            for e in entries if e.kind == "country" and e.info == "yes")
    return words


def _is_country(art: _Article, k: int, lex: Lexicon) -> bool:
    return 0 <= k < len(art.toks) and any(e.kind == "country" for e in lex.phrases.get((art.low(k),), ()))


def _paired(art: _Article, k: int, lex: Lexicon) -> bool:
    """Token k is listed or paired with another country: `Mỹ, Đức, Anh`, `Mỹ-Nhật`, `giữa Nga và Mỹ`."""
    joins = _LIST_MARKS | grammar_words("and")
    before = k > 1 and art.low(k - 1) in joins and (_is_country(art, k - 2, lex) or art.low(k - 2) == "quốc")
    after = art.low(k + 1) in joins and _is_country(art, k + 2, lex)
    return before or after or art.low(k - 1) == "giữa"


def _countries(art: _Article, found: list[Found], lex: Lexicon) -> list[Found]:
    """An ambiguous one-word country where the context or the article says country."""
    words = _country_words(lex)
    given = {w.lower() for f in found if f.type == "PERSON" for w in art.text[f.start : f.end].split()[-1:]}
    used = {art.text[f.start : f.end] for f in found if f.type == "LOCATION"} & words
    out = []
    for k in sorted(k for word in words for k, _ in art.occurrences(word)):
        tok = art.toks[k]
        if art.free(tok.start, tok.end) and not _no_country_here(art, k, lex) and \
                _says_country(art, k, lex, used, given):
            prev = art.low(k - 1)
            start = art.toks[k - 1].start if prev == "nước" and not _office_nuoc(art, k - 1) else tok.start
            out.append(Found(start, tok.end, "LOCATION"))
    return out


def _no_country_here(art: _Article, k: int, lex: Lexicon) -> bool:
    """The country word at token k names something else: a language or a currency (`tiếng Anh, Pháp`, `bảng
    Anh`), or a person (`ông Đức`, `Nguyễn Đức Anh`; but `Tổng thống Mỹ Donald Trump` is the country)."""
    if _language(art, k, lex):
        return True
    honorific = art.low(k - 1) in lex.firsts.get("honorific", frozenset())
    return honorific or not art.alone(k, k + 1) and not _foreign_after(art, k, lex)


def _says_country(art: _Article, k: int, lex: Lexicon, used: set[str], given: set[str]) -> bool:
    """The context says country (a lower-case cue word before it, `nước Mỹ`; another country beside it), or the
    article found the word as a place elsewhere and never as a person's given name, and it does not open a
    sentence."""
    tok = art.toks[k]
    prev = art.low(k - 1)
    opens = k == 0 or art.toks[k - 1].text in _SENTENCE_END
    local = (prev in lex.firsts.get("cue", frozenset()) and not art.toks[k - 1].text[0].isupper()) or \
        _paired(art, k, lex)
    return local or (tok.text in used and tok.text.lower() not in given and not opens)


def _pair_split(text: str, f: Found, lex: Lexicon) -> list[Found]:
    """A place found as one span over two countries joined by a dash (`Mỹ-Nhật`) is two places."""
    name = text[f.start : f.end]
    left, dash, right = name.partition("-")
    countries = [any(e.kind == "country" for e in lex.phrases.get((w.lower(),), ())) for w in (left, right)]
    if f.type != "LOCATION" or not dash or not all(countries) or " " in name:
        return [f]
    return [Found(f.start, f.start + len(left), "LOCATION"), Found(f.end - len(right), f.end, "LOCATION")]


def _language_named(art: _Article, f: Found, lex: Lexicon) -> bool:
    """A one-word country found as a place (by the tagger, say) that names a language or a currency here."""
    k = art.at(f.start)
    return (f.type == "LOCATION" and k is not None and art.toks[k].end == f.end and _is_country(art, k, lex)
            and _language(art, k, lex))


def _language(art: _Article, k: int, lex: Lexicon) -> bool:
    """Token k names a language or a currency: `tiếng Anh`, `bảng Anh`, `tiếng Anh, Pháp và Tây Ban Nha`."""
    while k > 1 and art.low(k - 1) in _LIST_MARKS | grammar_words("and") and _is_country(art, k - 2, lex):
        k -= 2
    return art.low(k - 1) in grammar_words("not_place")


def _foreign_after(art: _Article, k: int, lex: Lexicon) -> bool:
    """A romanized name with no Vietnamese surname follows token k: `Mỹ Donald Trump`."""
    nxt = art.toks[k + 1].text if k + 1 < len(art.toks) else ""
    glued_before = k > 0 and art.glued(k - 1) and art.spaced(k - 1, k)
    return not glued_before and is_name(nxt) and nxt.isascii() and nxt not in lex.surnames


def _with_nuoc(art: _Article, found: list[Found], lex: Lexicon) -> list[Found]:
    """`nước` before a country belongs to its span (`nước Mỹ`), unless it ends a title (`Chủ tịch nước`)."""
    out = []
    title_ends = {g.end for g in found if g.type == "TITLE"}
    for f in found:
        k = art.at(f.start) if f.type == "LOCATION" else None
        if k and art.toks[k - 1].text == "nước" and art.spaced(k - 1, k) and _is_country(art, k, lex) and \
                art.free(art.toks[k - 1].start, art.toks[k - 1].end) and not _office_nuoc(art, k - 1) and \
                art.toks[k - 1].end not in title_ends:
            f = f._replace(start=art.toks[k - 1].start)
        out.append(f)
    return out


def _office_nuoc(art: _Article, k: int) -> bool:
    """`nước` at token k belongs to the word before it: `Nhà nước`, `Chủ tịch nước`."""
    return k > 0 and (art.toks[k - 1].text[0].isupper() or art.low(k - 1) == "tịch")


def _credits(art: _Article, found: list[Found], lex: Lexicon) -> list[Found]:
    """A credit's author and agency: `Thu Hà/TTXVN` (a name glued to a slash before a known agency) → PERSON,
    `Ảnh: Reuters`, `(Nguồn: AFP)` (a one-word credit after its intro word) → ORGANIZATION."""
    agencies = {f.start for f in found if f.type == "ORGANIZATION"}
    slashes = [k for k, _ in art.occurrences(_CREDIT_AGENCY)]
    intros = [k - 1 for m in _CREDIT_INTRO.finditer(art.text) if (k := art.at(m.end() - 1))]
    out = []
    for k in sorted(slashes + intros):
        credit = _author_before_slash(art, k) if _slash_before_agency(art, k, agencies) else _after_intro(art, k, lex)
        if credit is not None:
            out.append(credit)
    return out


def _slash_before_agency(art: _Article, k: int, agencies: set[int]) -> bool:
    """Token k is a slash glued to the word before it and followed by a known agency: `Thu Hà/TTXVN`."""
    toks = art.toks
    return toks[k].text == _CREDIT_AGENCY and k > 0 and k + 1 < len(toks) and toks[k + 1].start in agencies and \
        toks[k - 1].end == toks[k].start


def _author_before_slash(art: _Article, k: int) -> Found | None:
    """The one to four capitalized words before the slash at token k: a PERSON (`Thu Hà/TTXVN`), or an
    ORGANIZATION when it is one word in capitals (`VOV/TTXVN`); none after `Ảnh`."""
    toks = art.toks
    i = k
    while i > 0 and k - i < 4 and is_name(toks[i - 1].text) and (i == k or art.spaced(i - 1, i)):
        i -= 1
    if i < k and art.free(toks[i].start, toks[k - 1].end) and art.low(i) != "ảnh":
        kind = "ORGANIZATION" if k - i == 1 and is_caps(toks[i].text) else "PERSON"
        return Found(toks[i].start, toks[k - 1].end, kind)
    return None


def _after_intro(art: _Article, k: int, lex: Lexicon) -> Found | None:
    """What follows `Ảnh:` or `Nguồn:` at token k: an agency's one-word name or web address (`Ảnh: Reuters`,
    `Ảnh: Payoff.com`) → ORGANIZATION, or (after `Ảnh:`) a photographer's name in capitals → PERSON."""
    toks = art.toks
    if art.low(k) in ("ảnh", "nguồn") and art.low(k + 1) == ":" and _one_word_credit(art, k + 2, lex):
        word = toks[k + 2]
        domain = _DOMAIN.match(art.text, word.end)  # `Ảnh: Payoff.com`, `Ảnh: news.cn`
        return Found(word.start, domain.end() if domain else word.end, "ORGANIZATION")
    if art.low(k) == "ảnh" and art.low(k + 1) == ":" and (end := _capitals_name(art, k + 2, lex)):
        return Found(toks[k + 2].start, toks[end - 1].end, "PERSON")
    return None


def _capitals_name(art: _Article, k: int, lex: Lexicon) -> int | None:
    """A photographer's name in capitals after `Ảnh:` (`Ảnh: NGUYỄN HIỀN Ngay trong buổi chiều …`): two to four
    capitalized syllables, not an abbreviation's (`TH Vĩnh Long`), before a sentence or the end; the token after."""
    j = k
    while j < len(art.toks) and j - k < 4 and art.toks[j].text.isupper() and art.toks[j].text.isalpha() \
            and len(art.toks[j].text) > 1 and (j == k or art.spaced(j - 1, j)):
        j += 1
    nxt = art.toks[j].text if j < len(art.toks) else ""
    ends = not nxt[:1].isalnum() or (nxt[:1].isupper() and not nxt.isupper())
    names = [art.toks[t] for t in range(k, j)]
    vietnamese = any(not t.text.isascii() for t in names) or (names and names[0].text.title() in lex.surnames)
    return j if j - k >= 2 and ends and vietnamese and art.free(art.toks[k].start, art.toks[j - 1].end) else None


def _one_word_credit(art: _Article, k: int, lex: Lexicon) -> bool:
    """Token k, after `Ảnh:`, is an agency's one-word name (`Reuters`, `EPA`) or web address (`Payoff.com`,
    `news.cn`): no initials (`N.Tân`), no word of its name following it (`An ninh Thủ đô`; but `Ảnh: Reuters
    Trên Twitter, …` starts a sentence with a Vietnamese word), no common abbreviation."""
    if k >= len(art.toks):
        return False
    word = art.toks[k]
    domain = _DOMAIN.match(art.text, word.end) is not None and word.text.isascii()
    return len(word.text) > 1 and _agency_like(word.text, domain) and art.free(word.start, word.end) \
        and word.text not in lex.abbreviations and not _initial(art, k, domain) and not _name_goes_on(art, k, lex)


def _agency_like(word: str, domain: bool) -> bool:
    """A word that can be an agency's name: in capitals (`EPA`), a romanized name (`Reuters`), a web address."""
    return is_caps(word) or (is_name(word) and word.isascii()) or domain


def _initial(art: _Article, k: int, domain: bool) -> bool:
    """Token k is an initial glued by a dot to the next word (`N.Tân`), not a web address."""
    after = art.text[art.toks[k].end : art.toks[k].end + 2]
    return after[:1] == "." and after[1:].isalnum() and not domain


def _name_goes_on(art: _Article, k: int, lex: Lexicon) -> bool:
    """A word follows token k, spaced, that goes on its name (`An ninh Thủ đô`), unless it starts a sentence:
    a Vietnamese capitalized word after a romanized name of over four letters that is no surname (`Reuters Trên
    Twitter`; not `Anh Quý`, `PV Những`)."""
    if k + 1 >= len(art.toks):
        return False
    word, nxt = art.toks[k].text, art.toks[k + 1].text
    sentence = nxt[:1].isupper() and not nxt.isascii() and is_name(word) and word.isascii() \
        and len(word) > 4 and word not in lex.surnames
    return art.spaced(k, k + 1) and nxt[0].isalnum() and not sentence
