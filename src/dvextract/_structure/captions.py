"""Photo and video captions: a line of its own (no final stop, or a sentence repeating the paragraph above),
a sentence a photo credit closes, a stretch with no final stop glued between two sentences, the top photo's
caption opening a flattened body, and a sentence of the body that echoes the lead."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .. import _patterns
from .lexicon import caption_markers, caption_openers, openers
from .photo_credits import caption_start, credit_end, credit_pattern, credit_starts, paren_end, video_title_end
from .record import Range
from .text import SENTENCE_END, STOP, sentence_start, strip_range, word_count, word_pairs

_CAPTION_LINE_WORDS = 25


_LIST_ITEM = _patterns.compile(r"[-–•+*][ ]|\d{1,2}[.)][ ]")  # "- Hỗ trợ bồi bổ cơ thể", "3. Đi tiểu thường xuyên"
_SUBHEADING_WORDS = 6


def is_caption_line(text: str, lines: list[Range], i: int) -> bool:
    """A line of its own that is a photo caption: no final stop, at most 25 words, and one of the next two
    lines longer (the paragraph it stands above; a subheading may come between). Not a list item, a field
    (``Chủ sở hữu: Joe Lewis``), a heading in capitals, nor a subheading: a line of 6 words or fewer is a
    caption only when it repeats the paragraph above (``Toàn cảnh hội nghị`` after a paragraph on the
    ``hội nghị``), which a subheading, opening a new topic, does not."""
    s, e = lines[i]
    if text[e - 1] in SENTENCE_END or e - s > 20 * _CAPTION_LINE_WORDS:
        return False
    line = text[s:e]
    words = word_count(line)
    if words > _CAPTION_LINE_WORDS or not any(word_count(text[slice(*r)]) > words for r in lines[i + 1 : i + 3]):
        return False
    if ":" in line or line.isupper() or line.endswith(",") or _LIST_ITEM.match(line):
        return False
    if words <= _SUBHEADING_WORDS:
        return i > 0 and _repeats_above(text, lines, i)
    return words > _LONG_SUBHEADING_WORDS or not _develops_below(text, lines, i)


_LONG_SUBHEADING_WORDS = 10


def _develops_below(text: str, lines: list[Range], i: int) -> bool:
    """A subheading of 7 to 10 words: it repeats nothing of the paragraph above and the paragraph below develops
    it (``Ấn Độ phá kỷ lục thế giới về ca bệnh mới`` before a paragraph on ``ca bệnh mới``); a caption tells the
    photo of what was said above."""
    pairs = word_pairs(text, *lines[i])
    above = pairs & word_pairs(text, *lines[i - 1]) if i > 0 else set()
    return not above and i + 1 < len(lines) and bool(pairs & word_pairs(text, *lines[i + 1]))


def _repeats_above(text: str, lines: list[Range], i: int) -> bool:
    """A fifth of the line's word pairs are in the line above."""
    pairs = word_pairs(text, *lines[i])
    return len(pairs & word_pairs(text, *lines[i - 1])) >= _SHARED_PAIRS * max(1, len(pairs))


_SENTENCE_LINE_WORDS = (8, 30)
_SHARED_PAIRS = 0.2  # of a caption line's word pairs, the share the paragraph above repeats at least


def is_sentence_caption_line(text: str, lines: list[Range], i: int) -> bool:
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
    if not low <= word_count(line) <= high:
        return False
    if any(c in line for c in ":;!?“”\"…") or ". " in line or "," in " ".join(line.split()[:3]) \
            or caption_markers().search(line):
        return False
    return _repeats_above(text, lines, i)


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
                             opener=sorted(openers("never")), tail=sorted(openers("name_tail")))


_ECHO_SHARE = 0.5  # of a sentence's word pairs, the share the lead (or title) wrote, at least
_ECHO_PAIRS = (4, 30)  # a caption echoing the lead has this many word pairs


@dataclass(frozen=True)
class Echoes:
    """What a caption of the article's own photos repeats: the lead's word pairs (and the title line's), and the
    words of the title (the caller's or the title line)."""

    lead: set[tuple[str, str]]
    title_words: frozenset[str]
    lead_words: frozenset[str] = frozenset()
    """The words of the lead's pairs (set by :meth:`of`)."""

    @classmethod
    def of(cls, lead: set[tuple[str, str]], title_words: frozenset[str]) -> Echoes:
        return cls(lead, title_words, frozenset(w for pair in lead for w in pair))


_TITLE_ECHO_SHARE = 0.4  # of a short sentence's words, the share the title wrote, at least
_TITLE_ECHO_WORDS = (3, 16)
_NOT_IN_TITLE_ECHO = frozenset(',:"“”')  # a clause, a field, a quotation: running text


def title_words(title: str | None) -> frozenset[str]:
    return frozenset(w.strip(_WORD_EDGES) for w in title.lower().split()) if title else frozenset()


_WORD_EDGES = ".,:;!?…\"“”()"


def _echoes_title(sentence: str, words: list[str], title: frozenset[str]) -> bool:
    """A short sentence that is a scene and whose words are two fifths the title's: the photo of what the
    title tells (``Xếp hạng smartphone có tuổi thọ pin tốt nhất.`` under ``Xếp hạng smartphone có pin trâu
    nhất``, ``Minh Béo diễn kịch trên sân khấu riêng.``)."""
    low, high = _TITLE_ECHO_WORDS
    return bool(title) and low <= len(words) <= high and not _NOT_IN_TITLE_ECHO.intersection(sentence) \
        and sum(w.strip(_WORD_EDGES) in title for w in words) >= _TITLE_ECHO_SHARE * len(words) \
        and _scene_like(sentence)


_INITIAL_END = _patterns.compile(r"(?<![\p{L}\p{N}])[\p{Lu}]{1,3}\.$")


def _cut_at_initial(text: str, start: int, end: int) -> bool:
    """The sentence is a piece of one cut at an initial or an abbreviation's stop (``… USS Gerald R.`` | ``Ford
    của Mỹ.``, ``Công an TP.`` | ``Vinh (Nghệ An).``), or at a stop inside brackets (``Hà Tĩnh) về tội …``)."""
    lo, hi = strip_range(text, max(0, start - 6), start)
    return _INITIAL_END.search(text, lo, hi) is not None or _INITIAL_END.search(text, start, end) is not None \
        or text.count("(", start, end) != text.count(")", start, end)


def lead_echoes(text: str, start: int, end: int, echoes: Echoes) -> list[tuple[Range, bool]]:
    """A piece of running text cut around the sentences that echo the lead: half their word pairs are the lead's
    or the title's, and they read as a scene (no word of running text, no leading clause, no credit): the caption
    of the photo of what the lead tells (``Thủ tướng Nguyễn Xuân Phúc tiếp bà Frances Adamson, Đặc phái viên
    của Thủ tướng Australia.``); or a short scene that echoes the title's words (:func:`_echoes_title`). Not the
    piece's first sentence, which often repeats the lead as running text."""
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    lead, lead_words = echoes.lead, echoes.lead_words
    stops = [m.end() for m in _patterns.finditer(STOP, text, start, end)]  # each sentence after the first
    for s_start, s_end in zip(stops, [*stops[1:], end], strict=False):
        s_end = strip_range(text, s_start, s_end)[1]
        sentence = text[s_start:s_end]
        if not sentence or not (sentence[0].isupper() or sentence[0].isdigit()) or sentence[-1] not in ".!?…" \
                or sentence.count(" ") > _ECHO_PAIRS[1] + 1:  # longer than any echo: a cheap look first
            continue
        words = sentence.lower().split()
        if not (_echoes_lead(text, s_start, s_end, words, lead, lead_words)
                or _echoes_title(sentence, words, echoes.title_words) or _shows_a_picture(sentence, words)) \
                or _cut_at_initial(text, s_start, s_end) \
                or credit_pattern().search(sentence, timeout=_patterns.SCAN_TIMEOUT):
            continue
        pieces += [(strip_range(text, cursor, s_start), False), ((s_start, s_end), True)]
        cursor = s_end
    pieces.append((strip_range(text, cursor, end), False))
    return [(p, c) for p, c in pieces if p[1] > p[0]]


_PICTURE_WORDS = (3, 30)


def _shows_a_picture(sentence: str, words: list[str]) -> bool:
    """A sentence that opens with a word of ``caption_openers`` and reads as a scene (no word of running text, no
    leading clause): what the photo shows (``Toàn cảnh buổi tiếp xúc cử tri quận Hoàn Kiếm.``)."""
    low, high = _PICTURE_WORDS
    return sentence.startswith(caption_openers()) and low <= len(words) <= high \
        and "," not in " ".join(words[:4]) and _scene_like(sentence)


def _echoes_lead(text: str, start: int, end: int, words: list[str], lead: set[tuple[str, str]],
                 lead_words: frozenset[str]) -> bool:
    """Half the sentence's word pairs are the lead's (or the title line's), and it reads as a scene with no
    leading clause."""
    if not _ECHO_PAIRS[0] < len(words) <= _ECHO_PAIRS[1] + 1 or \
            sum(w.strip(_WORD_EDGES) in lead_words for w in words) < _ECHO_SHARE * len(words):
        return False  # a cheap look first: half the words are the lead's
    pairs = word_pairs(text, start, end)
    if not _ECHO_PAIRS[0] <= len(pairs) <= _ECHO_PAIRS[1] or len(pairs & lead) < _ECHO_SHARE * len(pairs):
        return False
    return _scene_like(text[start:end]) and "," not in " ".join(words[:4])


_OPENING_CAPTION_WORDS = (3, 16)
_FIRST_SENTENCE = _patterns.compile(r"[^\n]*?(?<![.])(?<!(?<![\p{L}\p{N}])[\p{Lu}]{1,3})[.](?=[ ]+[\p{Lu}\p{N}“\"(])")


def opening_caption(text: str, start: int, end: int) -> Range | None:
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
        if 6 <= word_count(piece) <= _CAPTION_WORDS[1] and not piece.istitle() and _scene_like(piece):
            return strip_range(text, start, opener.start())
        return None
    if m is not None:
        sentence = m.group()
        low, high = _OPENING_CAPTION_WORDS
        if low <= word_count(sentence) <= high and "," not in sentence and _scene_like(sentence):
            credit = _BARE_CREDIT.match(text, m.end(), end)
            return start, credit.end() if credit else m.end()
    return None


# An agency's credit with no "Ảnh:" after a caption's stop, before the next sentence: "… ở Bahawalpur. THX/TTXVN
# Sáng 3/7, …" (not a byline's "TTXVN/Tin Tức", whose paper is not written in capitals).
_BARE_CREDIT = _patterns.compile(r"[ ]+[\p{Lu}][\p{Lu}\p{N}.&-]{1,11}/[\p{Lu}][\p{Lu}\p{N}.&-]{1,11}"
                                 r"(?=[ ][\p{Lu}\p{N}])")


def _scene_like(piece: str) -> bool:
    """No mark of running text: no word of ``caption_markers``, no second sentence, no question or ellipsis."""
    return not caption_markers().search(piece) and not any(c in piece.rstrip(".") for c in "!?…") \
        and ". " not in piece and ".." not in piece


@cache
def _opener_inside() -> regex.Pattern[str]:
    """A word that never opens a name, inside a sentence before a lowercase word (after any word)."""
    return _patterns.compile(r"(?<=\S[ ])(?:\L<opener>)(?=[ ][\p{Ll}\p{N}])",
                             opener=sorted(openers("never") | openers("name_tail")))


def split_glued_captions(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Cut a line around the captions glued into it: a sentence a photo credit closes (``… bị khởi tố. Ảnh:
    CACC Ngày 3/2, …``), ``Ảnh minh họa.`` alone, and a sentence with no final stop that the next sentence
    follows straight on (``… mùa vừa qua. Video các bàn thắng của X Trong trận …``)."""
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    for at in credit_starts(text, start, end):
        m = credit_pattern().match(text, at, end, timeout=_patterns.SCAN_TIMEOUT) if at >= cursor else None
        if m is None:
            continue
        title_end = video_title_end(text, m, end)
        if m.group("alone"):
            cap_start, cap_end = m.span("alone")
        elif title_end is not None:
            cap_start, cap_end = m.start(), title_end
        else:
            cap_start = caption_start(text, cursor, m.start())
            in_brackets = m.group("open") or m.group("note")
            cap_end = paren_end(text, m.end(), end) if in_brackets else credit_end(text, m.end(), end)
        pieces += _unstopped(text, cursor, cap_start)
        pieces.append((strip_range(text, cap_start, cap_end), True))
        cursor = cap_end
    pieces += _unstopped(text, cursor, end)
    pieces = [(p, c) for p, c in pieces if p[1] > p[0]]
    return [((start, end), False)] if _is_gallery(text, start, end, pieces) else pieces


GALLERY_CREDITS = 6  # photo credits in one block, at least, that make it a photo story
_GALLERY_SHARE = 0.25  # of the block's characters, the share its credited sentences take, at least


def _is_gallery(text: str, start: int, end: int, pieces: list[tuple[Range, bool]]) -> bool:
    """A photo story (``Vụ hỏa hoạn … Ảnh: Daily Mail. Khoảng 200 lính cứu hỏa … Ảnh: Daily Mail. …``): six
    sentences or more that a credit closes, a quarter of the block. Its text under the photos, credits and all,
    is the article's own running text and no caption (the gold's decision: gallery text = body; two of three
    such dev articles mark no caption at all); an article with photos has a few credits, far apart."""
    credited = [(lo, hi) for (lo, hi), is_caption in pieces
                if is_caption and credit_pattern().search(text, lo, hi) is not None]
    return len(credited) >= GALLERY_CREDITS and \
        sum(hi - lo for lo, hi in credited) >= _GALLERY_SHARE * (end - start)


_CAPTION_WORDS = (3, 25)  # a caption with no final stop has this many words


def _unstopped(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Running text from ``start`` to ``end``, cut around the captions without a final stop in it (each piece
    with True for a caption): a piece of 3 to 25 words before a word of ``sentence_openers.tsv``."""
    out: list[tuple[Range, bool]] = []
    cursor = start
    for m in _patterns.finditer(_unstopped_caption_pattern(), text, start, end):
        piece = unstopped_piece(text, cursor, m.start())
        if piece is not None:
            out += [(strip_range(text, cursor, piece[0]), False), (piece, True)]
            cursor = m.start()
    out.append((strip_range(text, cursor, end), False))
    return out


def unstopped_piece(text: str, floor: int, at: int) -> Range | None:
    """The caption with no final stop that ends where a sentence starts at ``at`` (none before ``floor``): from
    the start of the sentence ``at`` is in, 3 to 25 words, capitalized, not a name alone (every word
    capitalized)."""
    lo, hi = strip_range(text, sentence_start(text, floor, at), at)
    piece = text[lo:hi] if hi - lo < 12 * _CAPTION_WORDS[1] else ""  # longer is no caption: not even counted
    if piece and _CAPTION_WORDS[0] <= word_count(piece) <= _CAPTION_WORDS[1] and piece[0].isupper() \
            and not piece.istitle():
        return lo, hi
    return None
