"""Article structure: title, lead, paragraphs, photo captions, byline and site boilerplate.

Crawled articles arrive as plain text with their furniture still in: a title line, captions as short lines or
glued into paragraphs (``… - Ảnh: AFP``), a byline pushed right with spaces or tacked onto the last sentence,
and site menus or "saved" notices at either end. Extraction mines title, paragraphs and captions; boilerplate
is reported and never mined. All offsets index the working (normalized) text.

:func:`find_structure` works outside in (this module: the order of the cuts and the sorting of each body
block); each concern has its module: ``bylines.py`` (the byline and its authors and papers),
``byline_grammar.py`` (a byline's patterns, its credit words read from ``credits.tsv``), ``furniture.py``
(site notices at either end, notices to readers, buttons, starred notices, promotions), ``teasers.py`` (other
stories' headlines and leads, related-headline lists, label-led teasers), ``tables.py`` (tables of results or
prices, a widget's table its legend closes), ``captions.py`` (captions on a line of their own or glued
between sentences), ``scenes.py`` and ``sentence_starts.py`` (after the rules, the captions they miss in
flattened bodies, read by three small learned models), ``photo_credits.py`` (``Ảnh: AFP`` and where such a
credit starts and ends), ``record.py`` (:class:`Structure`), ``text.py`` (words, word pairs, sentence
starts) and ``lexicon.py`` (the words each reads from ``dvextract/data``, the learned models' weights).
"""

from __future__ import annotations

from .. import _patterns
from .bylines import byline_authors, byline_sources, closing_run, cut_glued_byline, cut_leading_tag
from .captions import (
    Echoes,
    is_caption_line,
    is_sentence_caption_line,
    lead_echoes,
    opening_caption,
    split_glued_captions,
    title_words,
)
from .furniture import (
    cut_bracketed_notice,
    cut_buttons,
    cut_leading_notices,
    cut_notice_line,
    cut_reader_notice,
    cut_trailing_notices,
)
from .record import Range, Structure
from .scenes import promote_scenes, promote_unstopped
from .tables import split_tables
from .teasers import cut_trailing_label, split_teasers
from .text import strip_range, word_count, word_pairs

__all__ = ["Structure", "find_structure", "rule_structure", "strip_range"]


_LINE = _patterns.compile(r"[^\n]+")


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


def find_structure(text: str, title: str | None = None) -> Structure:
    """Split the working text into its blocks. ``title`` is the title the caller gave, if any.

    The rules first (:func:`rule_structure`), then what learned readings tell are photos' captions in the
    paragraphs: pieces glued with no final stop (:func:`.scenes.promote_unstopped`), then whole sentences
    (:func:`.scenes.promote_scenes`); the lead is the first paragraph left."""
    result = rule_structure(text, title)
    promote_unstopped(text, result)
    promote_scenes(text, result)
    if result.paragraphs:
        result.lead = result.paragraphs[0]
    return result


def rule_structure(text: str, title: str | None = None) -> Structure:
    """The structure the rules find (no lead): what :mod:`dvextract._train_captions` learns the rest from.

    Outside in: site notices at either end, the closing run of short lines (a byline, a menu), a byline glued to
    the last paragraph, the title line, a paper's tag opening the body; then each block is a caption, a table or
    paragraphs with captions glued between their sentences."""
    result = Structure()
    lines = [strip_range(text, *m.span()) for m in _patterns.finditer(_LINE, text)]
    lines = [(s, e) for s, e in lines if e > s]
    if not lines:
        return result
    cut_leading_notices(text, lines, result)
    cut_buttons(text, lines, result)
    if lines:
        cut_trailing_notices(text, lines, result)
        cut_notice_line(text, lines, result)
        cut_bracketed_notice(text, lines, result)
    body = closing_run(text, lines, result)
    if result.byline is None and body:
        cut_glued_byline(text, body, result)
    cut_reader_notice(text, body, result)
    cut_trailing_label(text, body, result)
    if result.byline is not None:
        result.authors = byline_authors(text, *result.byline)
        result.sources = byline_sources(text, *result.byline)
        if result.authors:
            result.author = (result.authors[0][0], result.authors[-1][1])
    body = _cut_title(text, body, title, result)
    if body and result.byline is None:
        cut_leading_tag(text, body, result)
    _sort_blocks(text, body, result, title)
    result.captions.sort()
    return result


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


def _sort_blocks(text: str, body: list[Range], result: Structure, title: str | None) -> None:
    """Each body block: a caption line, or tables, paragraphs and the captions glued between its sentences; a
    body flattened into one line after the lead may open with the top photo's caption."""
    lead = word_pairs(text, *body[0]) if len(body) > 1 else set()
    if lead and result.title:
        lead |= word_pairs(text, *result.title)
    result.flattened = flattened = len(body) <= 2  # lead and body, or one block: captions glued into the text
    title_line = text[slice(*result.title)] if result.title else title
    echoes = Echoes.of(lead, title_words(title_line) if flattened else frozenset())
    in_lead = Echoes.of(set(), echoes.title_words if len(body) == 1 else frozenset())  # a body of one block
    for i, (s, e) in enumerate(body):
        cell = _one_cell_row(text, s, e)
        if cell is not None:  # HTML: a photo's table (image, caption) comes out of trafilatura as "| caption |"
            if word_count(text[slice(*cell)]) > 1:
                result.captions.append(cell)
            else:  # an empty row of a layout table ("|  |  | X |")
                result.boilerplate.append((s, e))
            continue
        if is_caption_line(text, body, i) or is_sentence_caption_line(text, body, i):
            result.captions.append((s, e))
            continue
        for (lo, hi), is_table in split_tables(text, s, e):
            if is_table:
                result.boilerplate.append((lo, hi))
                result.tables.append((lo, hi))
                continue
            for (t_lo, t_hi), is_teaser in split_teasers(text, lo, hi):
                if is_teaser:
                    result.boilerplate.append((t_lo, t_hi))
                    result.teasers.append((t_lo, t_hi))
                else:
                    opens_body = i == 1 == len(body) - 1 and t_lo == s
                    _sort_running_text(text, t_lo, t_hi, opens_body, result, echoes if i else in_lead)


def _sort_running_text(text: str, start: int, end: int, opens_body: bool, result: Structure,
                       echoes: Echoes | None) -> None:
    """Paragraphs and the captions glued between their sentences; a body flattened into one line after the lead
    (``opens_body``) may open with the top photo's caption; a sentence of the body that echoes the ``lead``
    (its word pairs) or the title (its words) is a caption too."""
    pieces = split_glued_captions(text, start, end)
    if opens_body and not (pieces[0][1] and pieces[0][0][0] == start):
        opening = opening_caption(text, start, end)
        if opening is not None:
            pieces = [(opening, True), *split_glued_captions(text, *strip_range(text, opening[1], end))]
    for piece, is_caption in pieces:
        for part, echo in ([(piece, False)] if is_caption or echoes is None or not (echoes.lead or echoes.title_words)
                            else lead_echoes(text, *piece, echoes)):
            (result.captions if is_caption or echo else result.paragraphs).append(part)
