"""Article structure: title, lead, paragraphs, photo captions, byline and site boilerplate.

Crawled articles arrive as plain text with their furniture still in: a title line, captions as short lines or
glued into paragraphs (``… - Ảnh: AFP``), a byline pushed right with spaces or tacked onto the last sentence,
and site menus or "saved" notices at either end. Extraction mines title, paragraphs and captions; boilerplate
is reported and never mined. All offsets index the working (normalized) text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from . import _patterns
from ._records import BoilerplateKind
from ._resources import table

__all__ = ["Structure", "find_structure"]

Range = tuple[int, int]


@dataclass
class Structure:
    title: Range | None = None
    lead: Range | None = None
    paragraphs: list[Range] = field(default_factory=list)
    captions: list[Range] = field(default_factory=list)
    boilerplate: list[Range] = field(default_factory=list)
    byline: Range | None = None
    author: Range | None = None
    """From the first author's name to the last one's (``Minh Châu - Lan Anh``)."""
    authors: list[Range] = field(default_factory=list)
    sources: list[Range] = field(default_factory=list)
    """The papers and agencies the byline credits (``Theo DM/Ins``, ``Hoài Thu/TTXVN``, ``TTXVN/Tin Tức``)."""
    teasers: list[Range] = field(default_factory=list)
    """The boilerplate blocks that are another story's headline or lead."""
    tables: list[Range] = field(default_factory=list)
    """The boilerplate blocks that are tables of results or prices."""

    def kind(self, block: Range) -> BoilerplateKind:
        """A boilerplate block's kind: ``teaser``, ``table``, else ``site`` (the site's furniture)."""
        return "teaser" if block in self.teasers else "table" if block in self.tables else "site"

    def mined(self) -> list[Range]:
        """The blocks extractors read, in text order."""
        blocks = ([self.title] if self.title else []) + self.paragraphs + self.captions
        return sorted(blocks)


_LINE = _patterns.compile(r"[^\n]+")
# A name as bylines write it: "Kim Dung", "NGUYỆT PHƯƠNG", initials "H.T", "A.T", "NK", "M. Hà".
_NAME_WORD = r"[\p{Lu}](?:\p{L}*|\.(?:[\p{Lu}]\p{L}*\.?)*)"
_NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}}"
# A paper or agency after a slash or "Theo": "VOV-Trung tâm Tin", "Dân trí", "VOV.VN", "Báo Pháp Luật TP HCM".
# A site's address written lowercase is a source too: "Theo Sơn Hòa/vnexpress.net".
_SOURCE = (r"(?P<source>[\p{Lu}\p{N}][\p{L}\p{N}.&-]*(?:[ ][\p{L}\p{N}][\p{L}\p{N}.&-]*){0,4}"
           r"|\p{Ll}[\p{L}\p{N}-]*(?:\.\p{Ll}{2,})*)")  # "gsmarena", "vnexpress.net"
_PAREN = r"\((?:[^()\n]|\([^()\n]{1,40}\)){1,40}\)"  # "(Theo AFP)", "((Theo FDA, 1/2017))"
_AUTHOR = rf"(?P<name>{_NAME})(?:[ ]?/[ ]?{_SOURCE})?"
# "Theo Lan Anh/VnE" and "Theo Thái Bá (Dân Trí)" name an author (a name of two words or more, then the paper),
# "Theo DM/Ins" only papers.
# "Nguồn: Tiểu Vân/baolamdong.vn" credits the same way (with its slash: "Nguồn: Giang Lê" alone credits a
# video); papers may come as a list ("Theo News.com.au, RT").
_CREDIT = (rf"(?:[Tt]ổng hợp[ ])?(?:[Tt]heo:?[ ]|Nguồn:[ ](?=[^/\n]{{1,40}}/))"
           rf"(?:(?P<name>{_NAME_WORD}(?:[ ]{_NAME_WORD}){{1,3}})"
           rf"(?:[ ]?/[ ]?{_SOURCE}|(?=[ ]?\())|{_SOURCE}(?:[ ]?[/,][ ]?{_SOURCE}){{0,2}})")
_PHOTO = rf"(?:Ảnh|Video|Clip):[ ]?{_NAME}"  # "Phan Anh Ảnh: Lý Võ Phú Hưng": the byline's photo credit
_NEWS_PHOTO = rf"Tin(?:[ -]|,[ ]|[ ]và[ ])ảnh:[ ]?(?P<name>{_NAME})"  # "Tin, ảnh: NGỌC HẢO": the text's author too
_DOMAIN = r"(?<![\p{L}\p{N}])[\p{L}\p{N}-]+(?:\.\p{Ll}{2,})+"  # a site credited alone: "vnnew.vn"
_ITEM = rf"(?:\*[ ]*)?(?:{_PAREN}|{_CREDIT}|{_NEWS_PHOTO}|{_PHOTO}|{_DOMAIN}|{_AUTHOR})(?:[ ]*{_PAREN})?"
# A byline: names, credits, "/Paper", "(Tổng hợp)", two authors with a dash, a byline printed twice.
_STAMP = r"[ ]?\|[ ]?\d{1,2}:\d{2}[ ]\d{1,2}/\d{1,2}/\d{4}"  # "| 21:00 10/05/2017"
_BYLINE = (rf"(?!{_PHOTO}){_ITEM}(?:\s*(?:[-–,][ ]*|và[ ]+)?{_ITEM}){{0,3}}"
           rf"(?:[ ]?[-–][ ]?{_SOURCE}{_STAMP}|[ ][-–])?")
# (a photo credit alone is none; a dash may close it: "Theo Reuters Hoàng Hà -"; a paper and the time after one:
# "Viết Định - Thể thao Việt Nam | 21:00 10/05/2017")
_BYLINE_LINE = _patterns.compile(_BYLINE)  # used with fullmatch
_CREDIT_LINE = _patterns.compile(rf"{_CREDIT}|{_PAREN}")
# A byline glued after the last sentence (or after a "*" marker), up to the end of the text.
# Where a byline glued after the last sentence may start: after a sentence's end, or at a "*" marker.
# Also after a link marker (``Bấm xem >> Tiến Long``) or a double space, the line break that closed a teaser
# (``>> Học sinh gãy chân ở trường: … 'vô can'  Tú Anh``).
_TAIL_START = _patterns.compile(r"(?<=[.!?…\"”)'][ ]{1,5}|>>[ ]{1,5}|\S[ ]{2})(?=\S)|\*")
_LEADING_CREDIT = _patterns.compile(r"(?P<tag>\(?[\p{Lu}][\p{Lu}\p{N}&.]{1,12}\)?)[ ]?[-–][ ]+(?=\S)")
_BYLINE_REACH = 160  # characters before the end that a glued byline may start in
_SENTENCE_END = frozenset('.!?…:;"”')
_CAPTION_LINE_WORDS = 25


_LIST_ITEM = _patterns.compile(r"[-–•+*][ ]|\d{1,2}[.)][ ]")  # "- Hỗ trợ bồi bổ cơ thể", "3. Đi tiểu thường xuyên"
_SUBHEADING_WORDS = 6


def _is_caption_line(text: str, lines: list[Range], i: int) -> bool:
    """A line of its own that is a photo caption: no final stop, at most 25 words, and one of the next two
    lines longer (the paragraph it stands above; a subheading may come between). Not a list item, a field
    (``Chủ sở hữu: Joe Lewis``), a heading in capitals, nor a subheading: a line of 6 words or fewer is a
    caption only when it repeats the paragraph above (``Toàn cảnh hội nghị`` after a paragraph on the
    ``hội nghị``), which a subheading, opening a new topic, does not."""
    s, e = lines[i]
    if text[e - 1] in _SENTENCE_END or e - s > 20 * _CAPTION_LINE_WORDS:
        return False
    line = text[s:e]
    words = _words(line)
    if words > _CAPTION_LINE_WORDS or not any(_words(text[slice(*r)]) > words for r in lines[i + 1 : i + 3]):
        return False
    if ":" in line or line.isupper() or line.endswith(",") or _LIST_ITEM.match(line):
        return False
    return words > _SUBHEADING_WORDS or (i > 0 and _repeats_above(text, lines, i))


def _repeats_above(text: str, lines: list[Range], i: int) -> bool:
    """A fifth of the line's word pairs are in the line above."""
    pairs = _word_pairs(text, *lines[i])
    return len(pairs & _word_pairs(text, *lines[i - 1])) >= _SHARED_PAIRS * max(1, len(pairs))


def _one_cell_row(text: str, start: int, end: int) -> Range | None:
    """A table row (``| … |``, as trafilatura writes tables) with at most one cell that is not empty: that cell
    without its spaces (empty, before the closing bar, when none is). Split on the bars, not matched by a
    pattern: a pattern for it backtracks quadratically on a long row of empty cells around two full ones."""
    if end - start < 2 or text[start] != "|" or text[end - 1] != "|" or "\n" in text[start:end]:
        return None
    cell: Range = (end - 1, end - 1)
    at = start + 1
    for part in text[at : end - 1].split("|"):
        content = part.strip(" ")
        if content:
            if cell[0] < cell[1]:
                return None  # a second cell that is not empty
            first = at + part.index(content)
            cell = (first, first + len(content))
        at += len(part) + 1
    return cell


_SENTENCE_LINE_WORDS = (8, 30)
_SHARED_PAIRS = 0.2  # of a caption line's word pairs, the share the paragraph above repeats at least
_WORD = _patterns.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}&/.-]*[\p{L}\p{N}])?")  # "GD&ĐT", "30/4", not "nghị."


def _is_sentence_caption_line(text: str, lines: list[Range], i: int) -> bool:
    """A line of its own between two paragraphs that is the caption of the photo between them, written as one
    sentence with its final stop (``Hội nghị Ban chỉ đạo phòng chống dịch tỉnh Ninh Bình họp ngày 30/4.``): 8 to
    30 words, no word that marks running text (``caption_markers``), no leading clause (a comma in its first
    three words), no quotation or list, and a fifth of its word pairs repeated from the paragraph above, which
    tells what the photo shows."""
    if not 0 < i < len(lines) - 1:
        return False
    s, e = lines[i]
    low, high = _SENTENCE_LINE_WORDS
    if text[e - 1] != "." or not text[s].isupper() or e - s > 12 * high:  # cheap looks first
        return False
    line = text[s:e]
    if not low <= _words(line) <= high:
        return False
    if any(c in line for c in ":;!?“”\"…") or ". " in line or "," in " ".join(line.split()[:3]) \
            or _caption_markers().search(line):
        return False
    return _repeats_above(text, lines, i)


def _word_pairs(text: str, start: int, end: int) -> set[tuple[str, str]]:
    words = [w.lower() for w in _WORD.findall(text, start, end)]
    return set(zip(words, words[1:], strict=False))


@cache
def _boilerplate(where: str, teaser: bool = False) -> tuple[str, ...]:
    return tuple(row["phrase"] for row in table("boilerplate")
                 if row["where"] == where and (not teaser or row["teaser"] == "yes"))


_TEASER_REACH = 160  # a teaser cut short ("…phù...") is the site's ~150 characters
_SENTENCE_OPENING = _patterns.compile(r"(?<=[.!?…”\":][ ])[\p{Lu}\p{N}“\"]")
_DATELINE = _patterns.compile(r"[\p{Lu}][\p{Lu}\p{N} .]{0,25}[ ][-–][ ]")  # "TRUNG QUỐC - ", "TP HCM - "


_TEASER_NEW_PAIRS = 0.75  # of a last sentence's word pairs, the share the article above never wrote, at least
_TEASER_LEAD_WORDS = 10


def _end_teaser(text: str, start: int, end: int) -> int | None:
    """Where the related story's teaser before a site's end notice starts: a lead cut short (``...``), or a
    last sentence that opens with another story's dateline (``TP HCM - Hòa Minzy …``) or tells another story
    (ten words or more, three quarters of its word pairs new to the article: ``Chỉ vì mâu thuẫn, người chị … ở
    Cà Mau.``)."""
    if text.endswith(("...", "…"), start, end):
        m = _SENTENCE_OPENING.search(text, max(start, end - _TEASER_REACH), end)
        return m.start() if m else None
    last = _sentence_start(text, start, end - 1)
    if _DATELINE.match(text, last, end):
        return last
    pairs = _word_pairs(text, last, end)
    if len(pairs) < _TEASER_LEAD_WORDS - 1:  # a story's lead is a full sentence
        return None
    new = pairs - _word_pairs(text, 0, last)
    return last if len(new) >= _TEASER_NEW_PAIRS * len(pairs) else None


@cache
def _openers(inside: str | None = None) -> frozenset[str]:
    """Words that open a sentence (``inside="never"``: only those never capitalized inside one)."""
    return frozenset(row["word"] for row in table("sentence_openers") if inside in (None, row["inside"]))


@cache
def _credit_pattern() -> regex.Pattern[str]:
    """A photo or video credit: ``Ảnh: AFP``, ``Ảnh CTV``, in brackets ``(ảnh: CDC Hà Nam)``, ``(Nguồn: x)``, a
    note in brackets ``(Ảnh cắt từ clip)`` (group ``note``); or a source-less ``Ảnh minh họa.`` (``Hình minh
    họa``: a picture for example, of no event) standing alone (group ``alone``). Matched where
    :func:`_credit_starts` found one of its words."""
    words = list(_credits("photo"))
    bracketed = words + [w[0].lower() + w[1:] for w in words]
    bracketed += _credits("bracketed")
    return _patterns.compile(
        r"(?<![\p{L}])(?:\L<credit>)(?:[ ]?:[ ]?|[ ](?=[\p{Lu}]))"
        r"|(?P<open>\()(?:\L<bracketed>)[ ]?:[ ]?"
        r"|(?P<note>\()(?:\L<bracketed>)[ ](?=[^()\n]{1,40}\))"  # "(Ảnh cắt từ clip)", "(Ảnh chụp màn hình)"
        r"|(?<=^|[.!?…:][ ])(?P<alone>\(?(?:\L<example>)\)?\.?)(?=[ ]|$)", credit=words, bracketed=bracketed,
        example=[w for w in words if w.endswith("minh họa")])


def _credit_starts(text: str, start: int, end: int) -> list[int]:
    """Where a credit may start: its first word (lowercase only after a bracket), found by plain search, which
    costs far less than scanning with the pattern."""
    found: set[int] = set()
    for word in _credit_words():
        k = text.find(word, start, end)
        while k != -1:
            found.add(k - 1 if k > start and text[k - 1] == "(" else k)
            k = text.find(word, k + 1, end)
    return sorted(found)


@cache
def _credit_words() -> tuple[str, ...]:
    firsts = {phrase.split()[0] for phrase in _credits("photo", "bracketed")}
    return tuple(sorted(firsts | {"(" + w[0].lower() + w[1:] for w in firsts}))


@cache
def _unstopped_caption_pattern() -> regex.Pattern[str]:
    """A sentence opener met inside a sentence (after a word with no final stop, before a lowercase word: ``…
    tại buổi lễ Trong thời gian``, ``… Champions League Đã có``; not ``Thủ Dầu Một``, ``huyện Tuy Đức``, where
    no lowercase word follows): where a glued caption ends. An opener that is also a name's next syllable
    (``Vì``: ``huyện Ba Vì``, ``Quỹ Vì người nghèo``; sentence_openers.tsv, name_tail) only after a word that
    is not capitalized (``… cũng choáng váng Vì có số cân …``)."""
    return _patterns.compile(r"(?:(?<=[\p{L}\p{N}”\"')%][ ])(?:\L<opener>)"
                             r"|(?<=(?<!\S)[\p{Ll}\p{N}“\"(](?:\S*[\p{L}\p{N}”\"')%])?[ ])(?:\L<tail>))"
                             r"(?=[ ][\p{Ll}\p{N}])",
                             opener=sorted(_openers("never")), tail=sorted(_openers("name_tail")))


def strip_range(text: str, start: int, end: int) -> Range:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _words(text: str) -> int:
    return len(text.split())


def _is_short(line: str) -> bool:
    return _words(line) <= 5 and len(line) <= 40 and line[-1] not in _SENTENCE_END


def find_structure(text: str, title: str | None = None) -> Structure:
    """Split the working text into its blocks. ``title`` is the title the caller gave, if any.

    Outside in: site notices at either end, the closing run of short lines (a byline, a menu), a byline glued to
    the last paragraph, the title line, a paper's tag opening the body; then each block is a caption, a table or
    paragraphs with captions glued between their sentences."""
    result = Structure()
    lines = [strip_range(text, *m.span()) for m in _patterns.finditer(_LINE, text)]
    lines = [(s, e) for s, e in lines if e > s]
    if not lines:
        return result
    _cut_leading_notices(text, lines, result)
    if lines:
        _cut_trailing_notices(text, lines, result)
    body = _closing_run(text, lines, result)
    if result.byline is None and body:
        _cut_glued_byline(text, body, result)
    if result.byline is not None:
        result.authors = _authors(text, *result.byline)
        result.sources = _sources(text, *result.byline)
        if result.authors:
            result.author = (result.authors[0][0], result.authors[-1][1])
    body = _cut_title(text, body, title, result)
    if body and result.byline is None:
        _cut_leading_tag(text, body, result)
    _sort_blocks(text, body, result)
    result.captions.sort()
    if result.paragraphs:
        result.lead = result.paragraphs[0]
    return result


def _cut_leading_notices(text: str, lines: list[Range], result: Structure) -> None:
    """Leading site notices ("Lưu bài viết thành công …") at the very start of the text."""
    s, e = lines[0]
    cut = s
    changed = True
    while changed:
        changed = False
        for phrase in _boilerplate("start"):
            if text.startswith(phrase, cut):
                cut = strip_range(text, cut + len(phrase), e)[0]
                changed = True
    if cut > s:
        result.boilerplate.append(strip_range(text, s, cut))
        lines[0] = (cut, e)
        if cut >= e:
            lines.pop(0)


def _cut_trailing_notices(text: str, lines: list[Range], result: Structure) -> None:
    """Trailing site notices ("Nguồn: [Link nguồn]") at the very end, and the teaser of another story before
    the notices that announce one."""
    s, e = lines[-1]
    cut = e
    changed = True
    while changed:
        changed = False
        for phrase in _boilerplate("end"):
            if text.endswith(phrase, s, cut):
                cut = strip_range(text, s, cut - len(phrase))[1]
                changed = True
    if cut < e:
        result.boilerplate.append(strip_range(text, cut, e))
        lines[-1] = (s, cut)
        if cut <= s:
            lines.pop()
        elif any(text.endswith(p, s, e) for p in _boilerplate("end", teaser=True)):
            teaser = _end_teaser(text, s, cut)
            if teaser is not None:
                result.boilerplate.append(strip_range(text, teaser, cut))
                result.teasers.append(result.boilerplate[-1])
                lines[-1] = strip_range(text, s, teaser)
                if lines[-1][1] <= lines[-1][0]:
                    lines.pop()


def _closing_run(text: str, lines: list[Range], result: Structure) -> list[Range]:
    """The body without the closing run of short lines: a byline (and a credit line under it), then a site menu."""
    run = 0
    while run < len(lines) - 1 and _is_short(text[slice(*lines[-1 - run])]):
        run += 1
    tail = lines[len(lines) - run :]
    body = lines[: len(lines) - run]
    menu = set(_boilerplate("tail"))
    for i, (s, e) in enumerate(tail):
        line = text[s:e]
        if line not in menu and _BYLINE_LINE.fullmatch(line):
            more = i + 1  # a credit on the next line ("Vĩnh Ngọc\nTheo DM/Ins") is the same byline
            while more < len(tail) and _is_credit_line(text, *tail[more]):
                more += 1
            result.byline = (s, tail[more - 1][1])
            result.boilerplate += tail[more:]
            return body + tail[:i]
    if any(text[s:e] in menu for s, e in tail):
        result.boilerplate += tail
        return body
    return body + tail


def _cut_glued_byline(text: str, body: list[Range], result: Structure) -> None:
    """A byline glued to the last paragraph ("… họp quốc hội. NGUYỆT PHƯƠNG", "… 12 tỷ đồng. Minh Châu")."""
    s, e = body[-1]
    start = _glued_byline(text, s, e)
    if start is not None:
        result.byline = strip_range(text, start, e)
        body[-1] = strip_range(text, s, start)
        if body[-1][1] <= body[-1][0]:
            body.pop()


def _cut_title(text: str, body: list[Range], title: str | None, result: Structure) -> list[Range]:
    """The title: the first line when the caller gave none and it stands alone, or the line equal to the given
    one; the body without it."""
    if not body:
        return body
    s, e = body[0]
    first = text[s:e]
    alone = len(body) > 1 and "\n\n" in text[e : body[1][0]].replace(" ", "")
    if (title is not None and first.strip() == title.strip()) or (
        title is None and alone and len(first) <= 400 and first[-1] not in ".!?…"
    ):
        result.title = (s, e)
        return body[1:]
    return body


def _cut_leading_tag(text: str, body: list[Range], result: Structure) -> None:
    """A paper's tag opening the body ("GD&TĐ - Sáng nay …", "(PLO) - …"): the byline when none closes it."""
    s, e = body[0]
    m = _LEADING_CREDIT.match(text, s, e)
    if m and m.group("tag").strip("()") not in _places():
        result.byline = m.span("tag")
        body[0] = (m.end(), e)


def _sort_blocks(text: str, body: list[Range], result: Structure) -> None:
    """Each body block: a caption line, or tables, paragraphs and the captions glued between its sentences; a
    body flattened into one line after the lead may open with the top photo's caption."""
    pairs = _word_pairs(text, *body[0]) if len(body) > 1 else set()
    if pairs and result.title:
        pairs |= _word_pairs(text, *result.title)
    lead = _Lead(frozenset(pairs), frozenset(w for pair in pairs for w in pair)) if pairs else None
    for i, (s, e) in enumerate(body):
        cell = _one_cell_row(text, s, e)
        if cell is not None:  # HTML: a photo's table (image, caption) comes out of trafilatura as "| caption |"
            if _words(text[slice(*cell)]) > 1:
                result.captions.append(cell)
            else:  # an empty row of a layout table ("|  |  | X |")
                result.boilerplate.append((s, e))
            continue
        if _is_caption_line(text, body, i) or _is_sentence_caption_line(text, body, i):
            result.captions.append((s, e))
            continue
        for (lo, hi), is_table in _split_tables(text, s, e):
            if is_table:
                result.boilerplate.append((lo, hi))
                result.tables.append((lo, hi))
                continue
            for (t_lo, t_hi), is_teaser in _split_teasers(text, lo, hi):
                if is_teaser:
                    result.boilerplate.append((t_lo, t_hi))
                    result.teasers.append((t_lo, t_hi))
                else:
                    opens_body = i == 1 == len(body) - 1 and t_lo == s
                    _sort_running_text(text, t_lo, t_hi, opens_body, result, lead if i else None)


@dataclass(frozen=True)
class _Lead:
    """What the lead and the title wrote, read once per article: their word pairs, and their words."""

    pairs: frozenset[tuple[str, str]]
    words: frozenset[str]


def _sort_running_text(text: str, start: int, end: int, opens_body: bool, result: Structure,
                       lead: _Lead | None) -> None:
    """Paragraphs and the captions glued between their sentences; a body flattened into one line after the lead
    (``opens_body``) may open with the top photo's caption; a sentence of the body that echoes the ``lead``
    (its word pairs) is a caption too."""
    pieces = _split_glued_captions(text, start, end)
    if opens_body and not (pieces[0][1] and pieces[0][0][0] == start):
        opening = _opening_caption(text, start, end)
        if opening is not None:
            pieces = [(opening, True), *_split_glued_captions(text, *strip_range(text, opening[1], end))]
    for piece, is_caption in pieces:
        for part, echo in ([(piece, False)] if is_caption or lead is None else _lead_echoes(text, *piece, lead)):
            (result.captions if is_caption or echo else result.paragraphs).append(part)


_ECHO_SHARE = 0.5  # of a sentence's word pairs, the share the lead (or title) wrote, at least
_ECHO_PAIRS = (4, 30)  # a caption echoing the lead has this many word pairs
_STOP = _patterns.compile(r"[.!?…][ ]+(?=[\p{Lu}\p{N}])")


def _lead_echoes(text: str, start: int, end: int, lead: _Lead) -> list[tuple[Range, bool]]:
    """A piece of running text cut around the sentences that echo the lead: half their word pairs are the lead's
    or the title's, and they read as a scene (no word of running text, no leading clause, no credit): the caption
    of the photo of what the lead tells (``Thủ tướng Nguyễn Xuân Phúc tiếp bà Frances Adamson, Đặc phái viên
    của Thủ tướng Australia.``). Not the piece's first sentence, which often repeats the lead as running text."""
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    stops = [m.end() for m in _patterns.finditer(_STOP, text, start, end)]  # each sentence after the first
    for s_start, s_end in zip(stops, [*stops[1:], end], strict=False):
        s_end = strip_range(text, s_start, s_end)[1]
        sentence = text[s_start:s_end]
        if not sentence or not (sentence[0].isupper() or sentence[0].isdigit()) or sentence[-1] not in ".!?…":
            continue
        words = sentence.lower().split()  # a cheap look first: half the words are the lead's
        if not _ECHO_PAIRS[0] < len(words) <= _ECHO_PAIRS[1] + 1 or \
                sum(w.strip(".,:;!?…\"“”()") in lead.words for w in words) < _ECHO_SHARE * len(words):
            continue
        pairs = _word_pairs(text, s_start, s_end)
        if not _ECHO_PAIRS[0] <= len(pairs) <= _ECHO_PAIRS[1] or len(pairs & lead.pairs) < _ECHO_SHARE * len(pairs):
            continue
        if not _scene_like(sentence) or "," in " ".join(sentence.split()[:4]) or _credit_pattern().search(
                text, s_start, s_end, timeout=_patterns.SCAN_TIMEOUT):
            continue
        pieces += [(strip_range(text, cursor, s_start), False), ((s_start, s_end), True)]
        cursor = s_end
    pieces.append((strip_range(text, cursor, end), False))
    return [(p, c) for p, c in pieces if p[1] > p[0]]


# Another story's headline glued into the body as a link: after ">>" (``>> Xem thêm: …``) up to the next ">>", a
# double space (a line break the flattening left) or the end; in square brackets (``[Nguyên thủ Nga-Trung Quốc
# gặp gỡ trước thềm G-20]``) between two sentences; and the headline and lead a link marker closes (``… Siêu cúp
# châu Âu. Bấm xem >>``).
_LINK_TEASER = _patterns.compile(
    r"(?<![^\s])>>+[ ]*(?=\S)(?:(?!>>|[ ]{2}|\n).)+"
    r"|(?<=^|[.!?…\"”:][ ]{1,3})\[[ ]?[\p{Lu}\p{N}](?:[^\[\]\n]){10,200}\](?=[ ]|$)"
    r"|(?:Bấm[ ]|Click[ ])?[Xx]em(?:[ ]ngay|[ ]thêm|[ ]tiếp)?[ ]?>>+", regex.MULTILINE)


def _split_teasers(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Cut a piece of running text around the teasers of other stories glued into it (True for a teaser)."""
    if ">>" not in text[start:end] and "[" not in text[start:end]:  # a cheap look first
        return [((start, end), False)]
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    for m in _patterns.finditer(_LINK_TEASER, text, start, end):
        if m.start() < cursor:
            continue
        lo = m.start()
        if not m.group().startswith((">", "[")):  # "Bấm xem >>": the headline and lead it closes
            lo = _sentence_start(text, cursor, _sentence_start(text, cursor, lo) - 1)
        pieces += [(strip_range(text, cursor, lo), False), (strip_range(text, lo, m.end()), True)]
        cursor = m.end()
    pieces.append((strip_range(text, cursor, end), False))
    return [(p, t) for p, t in pieces if p[1] > p[0]]


_OPENING_CAPTION_WORDS = (3, 16)
_FIRST_SENTENCE = _patterns.compile(r"[^\n]*?(?<![.])[.](?=[ ]+[\p{Lu}\p{N}“\"(])")


def _opening_caption(text: str, start: int, end: int) -> Range | None:
    """The caption of the photo a site puts right after the lead, opening a flattened body (``Hiện trường vụ tai
    nạn trên quốc lộ 1A. Theo đó, …``): a first sentence of 3 to 12 words with no comma and no word that marks
    running text (a tense word, the copula, a reporting verb, a pronoun: ``caption_markers``); or a stretch
    with no final stop up to a word that opens sentences (``… gây sức ép với Real Madrid Trong thời gian``)."""
    if not text[start].isupper():
        return None
    m = _FIRST_SENTENCE.match(text, start, min(end, start + 20 * _OPENING_CAPTION_WORDS[1]))
    stop = m.end() if m else min(end, start + 12 * _CAPTION_WORDS[1])
    opener = _opener_inside().search(text, start, stop)
    if opener is not None:  # a subheading is shorter than 6 words; a caption rarely
        piece = text[start : opener.start()].rstrip()
        if 6 <= _words(piece) <= _CAPTION_WORDS[1] and not piece.istitle() and _scene_like(piece):
            return strip_range(text, start, opener.start())
        return None
    if m is not None:
        sentence = m.group()
        low, high = _OPENING_CAPTION_WORDS
        if low <= _words(sentence) <= high and "," not in sentence and _scene_like(sentence):
            return start, m.end()
    return None


def _scene_like(piece: str) -> bool:
    """No mark of running text: no word of ``caption_markers``, no second sentence, no question or ellipsis."""
    return not _caption_markers().search(piece) and not any(c in piece.rstrip(".") for c in "!?…") \
        and ". " not in piece and ".." not in piece


@cache
def _caption_markers() -> regex.Pattern[str]:
    words = [row["word"] for row in table("caption_markers")]
    return _patterns.compile(r"(?<![\p{L}])(?:\L<marker>)(?![\p{L}])", regex.IGNORECASE, marker=words)


@cache
def _opener_inside() -> regex.Pattern[str]:
    """A word that never opens a name, inside a sentence before a lowercase word (after any word)."""
    return _patterns.compile(r"(?<=\S[ ])(?:\L<opener>)(?=[ ][\p{Ll}\p{N}])",
                             opener=sorted(_openers("never") | _openers("name_tail")))


def _glued_byline(text: str, start: int, end: int) -> int | None:
    """Where a byline glued after the last sentence of a paragraph starts (``… 12 tỷ đồng. Minh Châu``)."""
    for m in _patterns.finditer(_TAIL_START, text, max(start + 1, end - _BYLINE_REACH), end):
        if _BYLINE_LINE.fullmatch(text, m.start(), end, timeout=_patterns.SCAN_TIMEOUT):
            return m.start()
    return None


def _authors(text: str, start: int, end: int) -> list[Range]:
    """The authors' names in a byline: not a place before a dash (``Hải Dương - Hoan Trần``), not a paper or
    agency (``TTXVN/Tin Tức``), not a credit (``Theo TTXVN``), a name printed twice once."""
    end = start + len(_first_copy(text[start:end]))
    m = _BYLINE_LINE.fullmatch(text, start, end, timeout=_patterns.SCAN_TIMEOUT)
    if m is None:
        return []
    names: list[Range] = []
    seen: set[str] = set()
    for s, e in sorted(m.spans("name") + _credited_people(text, start, end, m.spans("source"))):
        name = _first_copy(text[s:e])
        e = s + len(name)
        follows_dash = text[e:end].lstrip().startswith(("-", "–"))
        if name in seen or name.casefold() in _papers_folded() or _is_reporters(name) or (
                not names and follows_dash and name in _places()):
            continue
        seen.add(name)
        names.append((s, e))
    return names


def _sources(text: str, start: int, end: int) -> list[Range]:
    """The papers and agencies a byline credits: after `Theo` or a slash (``Theo DM/Ins``, ``Lan Anh/VnE``), and
    an agency where a name would stand (``TTXVN/Tin Tức``)."""
    end = start + len(_first_copy(text[start:end]))
    m = _BYLINE_LINE.fullmatch(text, start, end, timeout=_patterns.SCAN_TIMEOUT)
    if m is None:
        return []
    named = [(s, e) for s, e in m.spans("name") if text[s:e] in _agencies() and not _signed(text[s:e])]
    credited = []
    for s, e in m.spans("source"):
        tail = _signed_tail(text, s, e) if _AFTER_THEO.search(text, start, s) else None
        if tail is not None:  # "Theo Reuters Hoàng Hà": the paper before the author
            credited.append(strip_range(text, s, tail[0]))
        elif text[start:s].rstrip().endswith("/") or not _signed(text[s:e]):  # `Trí Anh/VOV.VN`: a paper
            credited.append(_after_credit_word(text, s, e))
    return sorted(set(credited) | set(named))


def _credited_people(text: str, start: int, end: int, sources: list[Range]) -> list[Range]:
    """The people a ``Theo`` credit names instead of a paper: the name after its paper (``Theo Reuters Hoàng
    Hà``), or a person's name (:func:`_signed`) when the byline goes on to name the paper or a second author
    (``Theo Quảng Định`` + ``Vietnamnet``, ``Theo Phúc (VnExpress)``, ``Theo Khải Phong - Minh Khang/VTC``);
    a credit alone is the paper's (``Theo Trí Thức Trẻ``, ``Theo Ngôi Sao``), and a reporter's mark
    (``Theo PV``) no one's."""
    people = []
    for s, e in sources:
        if not _AFTER_THEO.search(text, start, s):
            continue
        s, e = _after_credit_word(text, s, e)  # "Theo Theo Việt Dũng"
        goes_on = text[e:end].strip(" -–")
        if (tail := _signed_tail(text, s, e)) is not None:
            people.append(tail)
        elif goes_on and _signed(text[s:e]) and not _has_reporter_mark(text[s:e]):
            people.append((s, e))
    return people


def _has_reporter_mark(credit: str) -> bool:
    """A word of the credit is a reporter's mark, with or without dots (``PV``, ``P.V``, ``CTV``)."""
    return not {w.replace(".", "") for w in credit.split()}.isdisjoint(_credits("reporter", "reporters"))


def _signed_tail(text: str, start: int, end: int) -> Range | None:
    """The author's name a credit goes on with after its paper (``Theo Reuters Hoàng Hà``, ``Theo Trí thức trẻ
    Ngọc Minh``): its last two or three words when they are a person's (:func:`_signed`) and what comes before
    is a paper's."""
    words = [m.span() for m in _patterns.finditer(_NON_SPACE, text, start, end)]
    for k in range(max(1, len(words) - 3), len(words) - 1):
        head, tail = text[start : words[k - 1][1]], (words[k][0], end)
        if _signed(text[slice(*tail)]) and _is_paper_name(head):
            return tail
    return None


def _is_paper_name(words: str) -> bool:
    """A paper's name before an author's: a known paper or agency, a name in English (``Reuters``, ``ZDnet``,
    not a typo's ``Tri``), or one written lowercase after its first word (``Trí thức trẻ``)."""
    parts = words.split()
    return words.casefold() in _papers_folded() or (len(parts) == 1 and words.isascii() and len(words) >= 4) \
        or any(w[:1].islower() for w in parts[1:])


_NON_SPACE = _patterns.compile(r"\S+")
_AFTER_THEO = _patterns.compile(r"(?<![\p{L}/][ ]?)[Tt]heo:?[ ]$")  # "Theo Reuters …", not "/ Theo …" nor "- …"
_CREDIT_WORD = _patterns.compile(r"(?i)(?:tổng hợp )?theo ")


def _after_credit_word(text: str, start: int, end: int) -> Range:
    """A source without the `Theo` a slash may leave before it (`Imacho / Theo Trí Thức Trẻ`)."""
    m = _CREDIT_WORD.match(text, start, end)
    return (m.end(), end) if m else (start, end)


def _signed(source: str) -> bool:
    """What a credit names is a person, not a paper: a reporter's mark (``PV``, ``P.V tổng hợp``), initials, or
    capitalized Vietnamese syllables (``Theo Văn Thường``), where papers after `Theo` are in English or written
    lowercase (``Theo Khmer News``, ``Theo Đời sống Plus``); after a slash it is always a paper."""
    words = source.split()
    if words[0] in _credits("reporter") or all(len(part) <= 1 for part in words[0].split(".")):
        return True
    return all(w[:1].isupper() and w[1:].islower() for w in words) and not source.isascii()


def _first_copy(name: str) -> str:
    """``Ngọc Mai Ngọc Mai`` → ``Ngọc Mai``: a byline printed twice."""
    words = name.split(" ")
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


@cache
def _credits(*roles: str) -> tuple[str, ...]:
    """The phrases of ``credits.tsv`` with one of ``roles``, in the file's order (its header says each role)."""
    return tuple(row["phrase"] for row in table("credits") if row["role"] in roles)


@cache
def _agencies() -> frozenset[str]:
    """Papers and agencies, which sign articles but are not authors."""
    return frozenset(_credits("agency")) | frozenset(row["media"] for row in table("media"))


def _is_credit_line(text: str, start: int, end: int) -> bool:
    """A line under a byline that credits a paper: ``Theo DM/Ins``, ``(Tổng hợp)``, or a paper or agency alone in
    any case (``Vietnamnet`` for ``VietNamNet``)."""
    return bool(_CREDIT_LINE.fullmatch(text, start, end)) or text[start:end].casefold() in _papers_folded()


@cache
def _papers_folded() -> frozenset[str]:
    return frozenset(name.casefold() for name in _agencies())


def _is_reporters(name: str) -> bool:
    """A group or role signing instead of a name (``PV``, ``Nhóm PV Ban TPHCM``): no author."""
    return any(name == r or name.startswith(r + " ") for r in _credits("reporters"))


@cache
def _places() -> frozenset[str]:
    """Provinces and well-known places, which open a byline as ``Place - Author``."""
    return frozenset(row["province"] for row in table("provinces")) | frozenset(
        row["place"] for row in table("places"))


# A table flattened into the text: ten or more numbers, each followed by at most three words (a name, a club,
# a unit), none of them closing a sentence: "1 Thái Sơn Nam 16 13 2 1 74 28 41 2 Sanatech.KH 16 10 …".
# A number ends on a digit or %, so a list in a sentence ("12, 14, 15") is not one.
_NUMBER = r"(?<!\S)[-+]?\d(?:[\d.,:/%]*[\d%s])?(?=\s|$)"  # 13.650, -140.000.000, +0:03.490, 5%, 0.658s
_TABLE = _patterns.compile(rf"(?:{_NUMBER}(?:\s+(?:(?![-+]?\d)\S+(?<![.!?:;,])\s+){{0,3}}+)?+){{10,}}+")
_NUMBER_PAIR = _patterns.compile(r"\d[ ][-+]?\d")  # two numbers side by side: every table has them
_TABLE_HEADER_WORDS = 8  # words between a sentence's start and the table that are the table's header


def _split_tables(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Cut a line around the tables of results or prices glued into it (each piece with True for a table)."""
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    if not _NUMBER_PAIR.search(text, start, end, timeout=_patterns.SCAN_TIMEOUT):  # a cheap look first
        return [((start, end), False)]
    for m in _patterns.finditer(_TABLE, text, start, end):
        table_end = _last_number_end(text, m.start(), m.end())
        table_start = _sentence_start(text, cursor, m.start())
        if _words(text[table_start : m.start()]) > _TABLE_HEADER_WORDS:
            table_start = m.start()
        pieces += [(strip_range(text, cursor, table_start), False), (strip_range(text, table_start, table_end), True)]
        cursor = table_end
    pieces.append((strip_range(text, cursor, end), False))
    return [(p, t) for p, t in pieces if p[1] > p[0]]


_LAST_NUMBER = _patterns.compile(rf"(?r){_NUMBER}")


def _last_number_end(text: str, start: int, end: int) -> int:
    m = _LAST_NUMBER.search(text, start, end)
    return m.end() if m else end


def _split_glued_captions(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Cut a line around the captions glued into it: a sentence a photo credit closes (``… bị khởi tố. Ảnh:
    CACC Ngày 3/2, …``), ``Ảnh minh họa.`` alone, and a sentence with no final stop that the next sentence
    follows straight on (``… mùa vừa qua. Video các bàn thắng của X Trong trận …``)."""
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    for at in _credit_starts(text, start, end):
        m = _credit_pattern().match(text, at, end, timeout=_patterns.SCAN_TIMEOUT) if at >= cursor else None
        if m is None:
            continue
        title_end = _video_title_end(text, m, end)
        if m.group("alone"):
            cap_start, cap_end = m.span("alone")
        elif title_end is not None:
            cap_start, cap_end = m.start(), title_end
        else:
            cap_start = _caption_start(text, cursor, m.start())
            in_brackets = m.group("open") or m.group("note")
            cap_end = _paren_end(text, m.end(), end) if in_brackets else _credit_end(text, m.end(), end)
        pieces += _unstopped(text, cursor, cap_start)
        pieces.append((strip_range(text, cap_start, cap_end), True))
        cursor = cap_end
    pieces += _unstopped(text, cursor, end)
    pieces = [(p, c) for p, c in pieces if p[1] > p[0]]
    return _gallery_credits(text, start, end, pieces) if _is_gallery(text, start, end, pieces) else pieces


_VIDEO_TITLE_REACH = 200  # characters a video's title runs to its stop, at most
_VIDEO_CREDIT = _patterns.compile(r"[ ]*\(?Nguồn[ ]?:[ ]?[^.()\n]{1,40}(?:\)\.?|\.)")  # "Nguồn: Giang Lê."


def _video_title_end(text: str, credit: regex.Match[str], end: int) -> int | None:
    """Where a video's title ends when ``Video:`` introduces a title, not a credit (its first word followed by
    a lowercase one: ``Video: Câu được cá trê đồng “cực khủng” ở ao bèo. Nguồn: Giang Lê.``): at its stop, with
    the source after it; None when it is a credit (``Video: Tân Cao``) or no stop is near."""
    if not credit.group().startswith(("Video", "Clip")) or not _opens_sentence(
            text, _word_end(text, credit.end(), end), end):
        return None
    stop = _SENTENCE_STOP.search(text, credit.end(), min(end, credit.end() + _VIDEO_TITLE_REACH))
    if stop is None or _NEW_SENTENCE.search(text, credit.end(), stop.start()):
        return None  # a title with no stop runs on into the text: where it ends is not known
    source = _VIDEO_CREDIT.match(text, stop.end(), end)
    return source.end() if source else stop.end()


def _word_end(text: str, pos: int, end: int) -> int:
    while pos < end and not text[pos].isspace():
        pos += 1
    return pos


_SENTENCE_STOP = _patterns.compile(r"[.!?…](?=[ ]|$)")
# A capitalized word after a lowercase one and before one not capitalized: a sentence opening ("… bị bắt giữ
# Tháng 2/2014, Long …"), or a one-word name ("anh Bình và"), which the title then cannot be told from.
_NEW_SENTENCE = _patterns.compile(r"(?<=[\p{Ll}][ ])[\p{Lu}][\p{L}]*[ ](?![\p{Lu}])")
_GALLERY_CREDITS = 6  # photo credits in one block, at least, that make it a photo story
_GALLERY_SHARE = 0.25  # of the block's characters, the share its credited sentences take, at least


def _is_gallery(text: str, start: int, end: int, pieces: list[tuple[Range, bool]]) -> bool:
    """A photo story (``Vụ hỏa hoạn … Ảnh: Daily Mail. Khoảng 200 lính cứu hỏa … Ảnh: Daily Mail. …``): six
    sentences or more that a credit closes, a quarter of the block. Its text under the photos is the article's
    own running text (the gold's decision: gallery text = body), the credits alone are captions; an article
    with photos has a few, far apart."""
    credited = [(lo, hi) for (lo, hi), is_caption in pieces
                if is_caption and _credit_pattern().search(text, lo, hi) is not None]
    return len(credited) >= _GALLERY_CREDITS and \
        sum(hi - lo for lo, hi in credited) >= _GALLERY_SHARE * (end - start)


def _gallery_credits(text: str, start: int, end: int, pieces: list[tuple[Range, bool]]) -> list[tuple[Range, bool]]:
    """A photo story cut around its credits alone (``Ảnh: Daily Mail.``), the captions of photos whose text is
    the running text."""
    out: list[tuple[Range, bool]] = []
    cursor = start
    for (lo, hi), is_caption in pieces:
        m = _credit_pattern().search(text, lo, hi) if is_caption else None
        if m is not None:
            out += [(strip_range(text, cursor, m.start()), False), ((m.start(), hi), True)]
            cursor = hi
    out.append((strip_range(text, cursor, end), False))
    return [(p, c) for p, c in out if p[1] > p[0]]


_CAPTION_WORDS = (3, 25)  # a caption with no final stop has this many words


def _unstopped(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Running text from ``start`` to ``end``, cut around the captions without a final stop in it (each piece
    with True for a caption)."""
    out: list[tuple[Range, bool]] = []
    cursor = start
    for m in _patterns.finditer(_unstopped_caption_pattern(), text, start, end):
        begin = _sentence_start(text, cursor, m.start())
        lo, hi = strip_range(text, begin, m.start())
        piece = text[lo:hi] if hi - lo < 12 * _CAPTION_WORDS[1] else ""  # longer is no caption: not even counted
        if piece and _CAPTION_WORDS[0] <= _words(piece) <= _CAPTION_WORDS[1] and piece[0].isupper() \
                and not piece.istitle():
            out += [(strip_range(text, cursor, lo), False), ((lo, hi), True)]
            cursor = m.start()
    out.append((strip_range(text, cursor, end), False))
    return out


_SENTENCE_REACH = 1000  # characters looked back for a sentence's start: a caption is far shorter


def _sentence_start(text: str, floor: int, pos: int) -> int:
    """The start of the sentence ``pos`` is in (not before ``floor``; ``floor`` when none is near)."""
    if pos <= floor:  # a negative ``pos`` would make rfind count from the text's end
        return floor
    ends = [text.rfind(stop + " ", max(floor, pos - _SENTENCE_REACH), pos) for stop in ".!?…"]
    last = max(ends)
    return last + 2 if last != -1 else floor


def _caption_start(text: str, floor: int, credit_pos: int) -> int:
    """The start of the sentence a photo credit closes."""
    i = credit_pos
    while i > floor and text[i - 1] in " -(.?!…”\"'":
        i -= 1
    return _sentence_start(text, floor, i)


def _paren_end(text: str, pos: int, end: int) -> int:
    """After a credit in brackets (``(ảnh: CDC Hà Nam).``): its closing bracket and a final stop."""
    close = text.find(")", pos, end)
    if close == -1 or close - pos > 60:
        return _credit_end(text, pos, end)
    return close + 2 if text.startswith(".", close + 1) else close + 1


def _credit_end(text: str, pos: int, end: int) -> int:
    """Where a photo credit's names end: three words (more joined by ``/``), stopping where a new sentence opens
    (a word that opens sentences, or a capitalized word followed by a lowercase one)."""
    words = 0
    limit = 3
    i = pos
    while i < end and words < limit:
        while i < end and text[i] == " ":
            i += 1
        j = i
        while j < end and not text[j].isspace():
            j += 1
        word = text[i:j]
        if not word or (words and (word in _openers() or not word[0].isupper() or _opens_sentence(text, j, end)
                                   or _named_elsewhere(text, i, j, end))):
            break
        i = j
        words += 1
        if word.endswith("/") or "/" in word:  # "Ảnh: AFP/ TTXVN", "TTXVN/Minh Tâm"
            limit += 1
        if word[-1] in ".)" or (len(word) > 1 and word.isupper() and "/" not in word
                                and not _capitals_follow(text, j, end)):  # "Ảnh: AFP", not "Ảnh: XUÂN HUY"
            break
    if i < end and text[i] == "." and (i + 1 == end or text[i + 1] == " "):
        i += 1  # "Ảnh: TTXVN."
    return i


def _capitals_follow(text: str, word_end: int, end: int) -> bool:
    """The word after ``word_end`` is written in capitals too, a name in capitals going on (``XUÂN HUY``)."""
    m = _NEXT_WORD.match(text, word_end, end)
    return m is not None and len(m.group(1)) > 1 and m.group(1).isupper() and m.group(1).isalpha()


_NEXT_WORD = _patterns.compile(r"[ ](\S+?)[.,]?(?=\s|$)")


def _named_elsewhere(text: str, word_start: int, word_end: int, end: int) -> bool:
    """The word at ``word_start`` and the next one are a name the article writes elsewhere too (``Video: Tân Cao
    Hòa Minzy hát …`` when the text names ``Hòa Minzy`` again): the name opens the next sentence, it is not
    the credit's."""
    k = word_end + 1
    while k < end and not text[k].isspace():
        k += 1
    if k == word_end + 1 or not text[word_end + 1 : word_end + 2].isupper():
        return False
    pair = text[word_start:k].rstrip(".,;:")
    before = _word_before(text, word_start)
    at = text.find(pair)
    while at != -1:  # elsewhere after another word: not the same credit repeated ("Ảnh: Trương Hải Tùng" twice)
        if at != word_start and _word_before(text, at) != before:
            return True
        at = text.find(pair, at + 1)
    return False


def _word_before(text: str, pos: int) -> str:
    start = text.rfind(" ", 0, max(0, pos - 1)) + 1
    return text[start:pos].strip()


def _opens_sentence(text: str, word_end: int, end: int) -> bool:
    """The word ending at ``word_end`` is followed by a lowercase word: it begins a sentence, not a name."""
    k = word_end + 1
    return word_end < end and text[word_end] == " " and k < end and text[k].islower()
