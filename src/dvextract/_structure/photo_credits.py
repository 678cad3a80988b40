"""Photo and video credits (``Ảnh: AFP``, ``(ảnh: CDC Hà Nam)``, ``Ảnh minh họa.``, ``Video: <title>.
Nguồn: X.``): where one starts, where its names end, and where the caption it closes begins."""

from __future__ import annotations

from functools import cache

import regex

from .. import _patterns
from .lexicon import credit_phrases, openers
from .text import sentence_start


@cache
def credit_pattern() -> regex.Pattern[str]:
    """A photo or video credit: ``Ảnh: AFP``, ``Ảnh CTV``, in brackets ``(ảnh: CDC Hà Nam)``, ``(Nguồn: x)``, a
    note in brackets ``(Ảnh cắt từ clip)`` (group ``note``); or a source-less ``Ảnh minh họa.`` (``Hình minh
    họa``: a picture for example, of no event) standing alone (group ``alone``). Matched where
    :func:`credit_starts` found one of its words."""
    words = list(credit_phrases("photo"))
    bracketed = words + [w[0].lower() + w[1:] for w in words]
    bracketed += credit_phrases("bracketed")
    return _patterns.compile(
        r"(?<![\p{L}])(?:\L<credit>)(?:[ ]?:[ ]?|[ ](?=[\p{Lu}]))"
        r"|(?P<open>\()(?:\L<bracketed>)[ ]?:[ ]?"
        r"|(?P<note>\()(?:\L<bracketed>)[ ](?=[^()\n]{1,40}\))"  # "(Ảnh cắt từ clip)", "(Ảnh chụp màn hình)"
        r"|(?<=^|[.!?…:][ ])(?P<alone>\(?(?:\L<example>)\)?\.?)(?=[ ]|$)", credit=words, bracketed=bracketed,
        example=[w for w in words if w.endswith("minh họa")])


def credit_starts(text: str, start: int, end: int) -> list[int]:
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
    firsts = {phrase.split()[0] for phrase in credit_phrases("photo", "bracketed")}
    return tuple(sorted(firsts | {"(" + w[0].lower() + w[1:] for w in firsts}))


_VIDEO_TITLE_REACH = 200  # characters a video's title runs to its stop, at most
_VIDEO_CREDIT = _patterns.compile(r"[ ]*\(?Nguồn[ ]?:[ ]?[^.()\n]{1,40}(?:\)\.?|\.)")  # "Nguồn: Giang Lê."


def video_title_end(text: str, credit: regex.Match[str], end: int) -> int | None:
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


def caption_start(text: str, floor: int, credit_pos: int) -> int:
    """The start of the sentence a photo credit closes."""
    i = credit_pos
    while i > floor and text[i - 1] in " -(.?!…”\"'":
        i -= 1
    return sentence_start(text, floor, i)


def paren_end(text: str, pos: int, end: int) -> int:
    """After a credit in brackets (``(ảnh: CDC Hà Nam).``): its closing bracket and a final stop."""
    close = text.find(")", pos, end)
    if close == -1 or close - pos > 60:
        return credit_end(text, pos, end)
    return close + 2 if text.startswith(".", close + 1) else close + 1


def credit_end(text: str, pos: int, end: int) -> int:
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
        if not word or (words and (word in openers() or not word[0].isupper() or _opens_sentence(text, j, end)
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
