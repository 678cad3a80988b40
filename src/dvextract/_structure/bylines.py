"""The byline: a closing run of short lines, or a credit glued after the last sentence (``… 12 tỷ đồng. Minh
Châu``, ``* H.T``, ``NK (Tổng hợp)``, ``Theo Lan Anh/VnE``), or a paper's tag opening the body; and the
authors and papers it names."""

from __future__ import annotations

from .. import _patterns
from .byline_grammar import STAMP, grammar
from .lexicon import (
    agencies,
    countries,
    credit_phrases,
    honorifics,
    label_pattern,
    papers_folded,
    places,
    site_phrases,
)
from .record import Range, Structure
from .text import SENTENCE_END, strip_range, word_count

# A byline glued after the last sentence (or after a "*" marker), up to the end of the text.
# Where a byline glued after the last sentence may start: after a sentence's end, or at a "*" marker.
# Also after a link marker (``Bấm xem >> Tiến Long``) or a double space, the line break that closed a teaser
# (``>> Học sinh gãy chân ở trường: … 'vô can'  Tú Anh``).
_TAIL_START = _patterns.compile(r"(?<=[.!?…\"”)'][ ]{1,5}|>>[ ]{1,5}|\S[ ]{2})(?=\S)|\*")
_LEADING_CREDIT = _patterns.compile(r"(?P<tag>\(?[\p{Lu}][\p{Lu}\p{N}&.]{1,12}\)?)[ ]?[-–][ ]+(?=\S)")
_BYLINE_REACH = 160  # characters before the end that a glued byline may start in
_STAMP_AT_END = _patterns.compile(rf"{STAMP}$")


def _is_short(line: str) -> bool:
    return word_count(line) <= 5 and len(line) <= 40 and line[-1] not in SENTENCE_END


def closing_run(text: str, lines: list[Range], result: Structure) -> list[Range]:
    """The body without the closing run of short lines: a byline (and a credit line under it), then a site menu."""
    run = 0
    while run < len(lines) - 1 and _is_short(text[slice(*lines[-1 - run])]):
        run += 1
    tail = lines[len(lines) - run :]
    body = lines[: len(lines) - run]
    menu = set(site_phrases("tail"))
    for i, (s, e) in enumerate(tail):
        line = text[s:e]
        if line not in menu and grammar().line.fullmatch(line):
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


def cut_glued_byline(text: str, body: list[Range], result: Structure) -> None:
    """A byline glued to the last paragraph ("… họp quốc hội. NGUYỆT PHƯƠNG", "… 12 tỷ đồng. Minh Châu"), or the
    last line as a whole after others when it is one too long for the closing run's short lines (``Theo Nguyễn
    Long (Người đưa tin)``, left alone by a widget's label cut before it)."""
    s, e = body[-1]
    line = grammar().line.fullmatch(text, s, e, timeout=_patterns.SCAN_TIMEOUT) \
        if len(body) > 1 and e - s <= _BYLINE_REACH else None
    whole = line is not None and bool(line.spans("name") or line.spans("source"))  # not a note "(Chú thích …)"
    start = s if whole else _glued_byline(text, s, e)
    if start is not None:
        result.byline = strip_range(text, start, e)
        body[-1] = strip_range(text, s, start)
        if body[-1][1] <= body[-1][0]:
            body.pop()


def cut_leading_tag(text: str, body: list[Range], result: Structure) -> None:
    """A paper's tag opening the body ("GD&TĐ - Sáng nay …", "(PLO) - …"): the byline when none closes it."""
    s, e = body[0]
    m = _LEADING_CREDIT.match(text, s, e)
    if m and m.group("tag").strip("()") not in places():
        result.byline = m.span("tag")
        body[0] = (m.end(), e)


def _glued_byline(text: str, start: int, end: int) -> int | None:
    """Where a byline glued after the last sentence of a paragraph starts (``… 12 tỷ đồng. Minh Châu``)."""
    reach = max(start + 1, end - _BYLINE_REACH)
    starts = {m.start() for m in _patterns.finditer(_TAIL_START, text, reach, end)}
    starts |= {m.end() for m in _patterns.finditer(label_pattern(), text, reach, end)}  # "Xem thêm: Lê Cường"
    stamp = _STAMP_AT_END.search(text, reach, end)
    if stamp:  # a byline closed by its time may follow a caption with no stop
        starts |= {m.start() for m in _patterns.finditer(grammar().name_after_lowercase, text, reach, end)}
    for at in sorted(starts):
        if grammar().line.fullmatch(text, at, end, timeout=_patterns.SCAN_TIMEOUT):
            return _without_named_words(text, at, end) if stamp else at
    return _unstopped_byline(text, start, reach, end)


_SENTENCE_STOP = _patterns.compile(r"[.!?…][\"”']?[ ]")


def _unstopped_byline(text: str, start: int, reach: int, end: int) -> int | None:
    """Where a byline glued after a caption or a headline with no stop starts (``… chờ để mua được vàng Thúy
    Hằng - Lê Nam``, ``… những thực phẩm kị ăn cùng nhau Phương Vũ``, ``… đôi giày Christian Louboutin Theo Minh
    Hoàng (Khám Phá)``), after a sentence of running text: a capitalized word after a lowercase one, or a
    credit; its first name one of two words or more or initials with a dot (``Q.D``: ``MU``, ``USD`` are not),
    not a place, not one the article names before in any case (``… của Cesar Azpilicueta``, ``… Tư pháp Mỹ SALLY YATES``
    after ``bà Sally Yates``: the caption's subject), nor
    foreign (:func:`_is_foreign`), nor in two cases (:func:`_mixes_case`); a foreign name the article writes
    left out."""
    if text[end - 1] == ".":  # "… treo cờ IS.": a sentence's end
        return None
    for c in _patterns.finditer(grammar().unstopped_start, text, reach, end):
        if not _SENTENCE_STOP.search(text, start, c.start()):
            continue  # no sentence of running text before: "năm Tân Sửu" is no caption and a byline
        if c.group("before") in honorifics() | grammar().credit_lowercase:  # "… của bà Lau Thu Thảo": the
            continue  # caption's subject; "… Tổng hợp theo Trí Thức Trẻ": the credit starts before
        at = _without_named_words(text, c.start(), end)
        m = grammar().line.fullmatch(text, at, end, timeout=_patterns.SCAN_TIMEOUT)
        names = m.spans("name") if m else []
        if m is not None and not names and grammar().paper_credit.match(text, at):
            return at  # a paper's credit alone: "… Tổng hợp theo Trí Thức Trẻ"
        if m is None or not names:
            continue
        first = text[slice(*names[0])]
        if (word_count(first) >= 2 or "." in first) and first not in places() | countries() \
                and first.casefold() not in text[: c.start()].casefold() \
                and not any(_is_foreign(w) for w in first.split()) \
                and not _mixes_case(first):
            return at
    return None


def _mixes_case(name: str) -> bool:
    """A name with a word in capitals (three letters or more: two are initials, ``NT``) and one in lowercase
    letters (``Mỹ SALLY YATES``: a caption's country and its subject): a byline writes a name in one case."""
    return any(len(w) >= 3 and w.isupper() for w in name.split()) and any(
        not w.isupper() for w in name.split())


def _is_foreign(word: str) -> bool:
    """A capitalized word that is no syllable Vietnamese writes (``Louboutin``, not ``Duy`` nor initials ``NT``):
    a foreign name, which a caption ends with more often than a Vietnamese paper's byline opens with."""
    return word.isascii() and word[1:].islower() and not _SYLLABLE.fullmatch(word)


# A syllable as Vietnamese writes one without diacritics ("Duy", "Anh", "Minh"): a foreign name is not one.
_SYLLABLE = _patterns.compile(r"(?i)(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                              r"(?:ch|ng|nh|[cmnptiyou])?")


# An acronym (initials are two capitals: "NT Nguyễn Thuận") before a name with lowercase letters.
_ACRONYM_BEFORE_NAME = _patterns.compile(r"[\p{Lu}]{3,}[ ](?=[\p{Lu}][\p{Ll}])")


def _without_named_words(text: str, start: int, end: int) -> int:
    """A byline closed by its time without the words of the caption before it that the article names elsewhere
    (``… tài năng của Cesar Azpilicueta Minh Tuấn - …``, ``… của Real và Juventus Hoàng Tâm - …``, ``… Tỉnh ủy
    Quảng Ninh Hoàng Dương``): a foreign word the article writes (``Duy`` of ``Duy Anh`` is a Vietnamese
    syllable), the longest run of two to four words it writes together, or a place or a country (``Man Utd``,
    ``Nghệ An``, ``… giàu thứ 3 nước Mỹ Trần Ngọc/VOV.VN``): a club's, a player's or a body's name, never the
    author's; and an acronym of three capitals or more before a name written in lowercase letters (``… giảm giá
    của HSC Phương Mai``, ``… FLC Thanh Hóa Bảo Nghi``): a company's or a title's, which no byline opens with."""
    while m := grammar().leading_words.match(text, start, end):
        words = [w.span() for w in _patterns.finditer(_NON_SPACE, text, start, m.end())]
        first = text[slice(*words[0])]
        runs = [k for k in range(len(words), 0, -1) if (run := text[start : words[k - 1][1]]) in countries()
                or (k > 1 and (run in places() or _names(text, run, start)))]
        if _ACRONYM_BEFORE_NAME.match(text, start, end):
            after = words[1][0]
        elif first.isascii() and not _SYLLABLE.fullmatch(first) and _names(text, first, start):
            after = words[1][0] if len(words) > 1 else end  # "Real và Juventus …": the foreign word, and "và"
            join = grammar().list_join.match(text, after) if after < end else None
            after = join.end() if join else after
        elif runs:
            after = words[runs[0]][0] if runs[0] < len(words) else strip_range(text, m.end(), end)[0]
        else:
            break
        if after >= end or not grammar().line.fullmatch(text, after, end, timeout=_patterns.SCAN_TIMEOUT):
            break
        start = after
    return start


def _names(text: str, words: str, before: int) -> bool:
    """The article writes ``words`` (as whole words) before ``before``: a plain search, each hit's edges checked
    (no pattern built from the article's words)."""
    at = text.find(words, 0, before)
    while at != -1:
        after = at + len(words)
        if (at == 0 or not text[at - 1].isalpha()) and (after >= len(text) or not text[after].isalpha()):
            return True
        at = text.find(words, at + 1, before)
    return False


def byline_authors(text: str, start: int, end: int) -> list[Range]:
    """The authors' names in a byline: not a place before a dash (``Hải Dương - Hoan Trần``), not a paper or
    agency (``TTXVN/Tin Tức``), not a credit (``Theo TTXVN``), a name printed twice once."""
    end = start + len(_first_copy(text[start:end]))
    m = grammar().line.fullmatch(text, start, end, timeout=_patterns.SCAN_TIMEOUT)
    if m is None:
        return []
    names: list[Range] = []
    seen: set[str] = set()
    for s, e in sorted(m.spans("name") + _credited_people(text, start, end, m.spans("source"))):
        name = _first_copy(text[s:e])
        e = s + len(name)
        follows_dash = text[e:end].lstrip().startswith(("-", "–"))
        if name in seen or name.casefold() in papers_folded() or _is_reporters(name) or (
                not names and follows_dash and name in places()):
            continue
        seen.add(name)
        names.append((s, e))
    return names


def byline_sources(text: str, start: int, end: int) -> list[Range]:
    """The papers and agencies a byline credits: after `Theo` or a slash (``Theo DM/Ins``, ``Lan Anh/VnE``), and
    an agency where a name would stand (``TTXVN/Tin Tức``)."""
    end = start + len(_first_copy(text[start:end]))
    m = grammar().line.fullmatch(text, start, end, timeout=_patterns.SCAN_TIMEOUT)
    if m is None:
        return []
    named = [(s, e) for s, e in m.spans("name") if text[s:e] in agencies() and not _signed(text[s:e])]
    credited = []
    for s, e in m.spans("source"):
        tail = _signed_tail(text, s, e) if grammar().after_credit_word.search(text, start, s) else None
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
        if not grammar().after_credit_word.search(text, start, s):
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
    return not {w.replace(".", "") for w in credit.split()}.isdisjoint(credit_phrases("reporter", "reporters"))


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
    return words.casefold() in papers_folded() or (len(parts) == 1 and words.isascii() and len(words) >= 4) \
        or any(w[:1].islower() for w in parts[1:])


_NON_SPACE = _patterns.compile(r"\S+")


def _after_credit_word(text: str, start: int, end: int) -> Range:
    """A source without the `Theo` a slash may leave before it (`Imacho / Theo Trí Thức Trẻ`)."""
    m = grammar().credit_word.match(text, start, end)
    return (m.end(), end) if m else (start, end)


def _signed(source: str) -> bool:
    """What a credit names is a person, not a paper: a reporter's mark (``PV``, ``P.V tổng hợp``), initials, or
    capitalized Vietnamese syllables (``Theo Văn Thường``), where papers after `Theo` are in English or written
    lowercase (``Theo Khmer News``, ``Theo Đời sống Plus``); after a slash it is always a paper."""
    words = source.split()
    if words[0] in credit_phrases("reporter") or all(len(part) <= 1 for part in words[0].split(".")):
        return True
    return all(w[:1].isupper() and w[1:].islower() for w in words) and not source.isascii()


def _first_copy(name: str) -> str:
    """``Ngọc Mai Ngọc Mai`` → ``Ngọc Mai``: a byline printed twice."""
    words = name.split(" ")
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _is_credit_line(text: str, start: int, end: int) -> bool:
    """A line under a byline that credits a paper: ``Theo DM/Ins``, ``(Tổng hợp)``, or a paper or agency alone in
    any case (``Vietnamnet`` for ``VietNamNet``)."""
    return bool(grammar().credit_line.fullmatch(text, start, end)) or text[start:end].casefold() in papers_folded()


def _is_reporters(name: str) -> bool:
    """A group or role signing instead of a name (``PV``, ``Nhóm PV Ban TPHCM``): no author."""
    return any(name == r or name.startswith(r + " ") for r in credit_phrases("reporters"))
