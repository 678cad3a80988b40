"""An article's findings as one standalone HTML page: ``render_html(article)``, ``Article.to_html()`` (and
``dvextract render``, in ``_cli``).

The text is shown exactly as given (line ends kept), in displaCy's span style: each entity, date and fact is
underlined by a bar in its label's colour, overlapping and nested spans (a TITLE holding an ORGANIZATION) on bars
of their own, the label tagged at the span's start. Hovering a span shows its value (the ISO date, the number
and unit, the abbreviation written out, the person a title belongs to). A legend and a side table of the people
and their titles go beside the text; the title, byline, captions and boilerplate are styled apart.

The markup is meant to be read back: the text is cut at every span boundary into pieces, and each highlighted
piece is ``<span class="dvx-piece" data-spans="3 7">`` naming the spans (``data-span`` on their
``<span class="dvx-tag">`` label) that cover it, so a span's text is the concatenation of its pieces.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import regex

from . import _patterns

if TYPE_CHECKING:  # the records render themselves through this module (Article.to_html): no import back
    from collections.abc import Iterator

    from ._records import Article, DateMention, Entity, Fact

__all__ = ["COLORS", "render_html"]

COLORS = {
    "PERSON": "#aa9cfc",
    "TITLE": "#feca74",
    "ORGANIZATION": "#7aecec",
    "LOCATION": "#ff9561",
    "DATE": "#bfe1d9",
    "COUNT": "#e4e7d2",
    "MONEY": "#c5e478",
    "PERCENT": "#f0a8c8",
    "RATIO": "#ddd0a8",
    "MEASURE": "#a8c8f0",
}
"""Label → colour (displaCy's entity palette where the labels match)."""

_BAR = 4  # px: a bar's thickness
_STEP = 7  # px: from one bar to the next below it
_FIRST_WORD = _patterns.compile(r"\S*")
_WEB_URL = _patterns.compile(r"https?://[^\s\x00-\x1f]", regex.IGNORECASE)
"""The only links the page makes: an http(s) address (the scheme checked, not only escaped)."""


@dataclass
class _Mark:
    start: int
    end: int
    label: str
    hover: str
    slot: int = 0


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", " ") if isinstance(value, int) else f"{value:g}"


def _entity_hover(entity: Entity, owners: dict[tuple[int, int], str]) -> str:
    lines: list[str] = [entity.type]
    if entity.expansion:
        lines.append(f"= {entity.expansion}")
    if (entity.start, entity.end) in owners:
        lines.append(f"title of {owners[entity.start, entity.end]}")
    return "\n".join(lines)


def _date_hover(date: DateMention) -> str:
    lines = [f"DATE {date.value or '(no value)'}"]
    details = [d for d in (date.grain, date.part_of_day, "lunar" if date.lunar else None) if d]
    if details:
        lines.append(", ".join(details))
    lines.append(f"reference: {date.reference}")
    return "\n".join(lines)


def _fact_hover(fact: Fact) -> str:
    value = _number(fact.value)
    if fact.value_max is not None:
        value += f"–{_number(fact.value_max)}"
    if fact.denominator is not None:
        value += f" / {_number(fact.denominator)}"
    head = f"{fact.kind.upper()} {value}" + (f" {fact.unit}" if fact.unit else "")
    lines = [head]
    lines += [f"{name}: {v}" for name, v in (("qualifier", fact.qualifier), ("change", fact.change)) if v]
    lines += [f"{name}: {s.text}" for name, s in (("of", fact.subject), ("when", fact.date), ("where", fact.place)) if s]
    return "\n".join(lines)


def _marks(article: Article) -> list[_Mark]:
    owners = {(link.start, link.end): person.name for person in article.people for link in person.title_links}
    marks = [_Mark(e.start, e.end, e.type, _entity_hover(e, owners)) for e in article.entities]
    marks += [_Mark(d.start, d.end, "DATE", _date_hover(d)) for d in article.dates]
    marks += [_Mark(f.start, f.end, f.kind.upper(), _fact_hover(f)) for f in article.facts]
    marks = [m for m in marks if m.end > m.start]
    marks.sort(key=lambda m: (m.start, -(m.end - m.start), m.label))
    # Slots as displaCy's: each span takes the first bar free of the spans it overlaps (outer spans on top).
    active: list[_Mark] = []
    for mark in marks:
        active = [a for a in active if a.end > mark.start]
        taken = {a.slot for a in active}
        mark.slot = next(s for s in range(len(taken) + 1) if s not in taken)
        active.append(mark)
    return marks


def _structure(article: Article) -> list[tuple[int, int, str]]:
    parts = [(s.start, s.end, "dvx-caption") for s in article.captions]
    parts += [(s.start, s.end, "dvx-boilerplate") for s in article.boilerplate]
    parts += [(s.start, s.end, kind) for s, kind in ((article.title_span, "dvx-title"), (article.byline, "dvx-byline"))
              if s is not None]
    return parts


@dataclass(frozen=True)
class _Numbered:
    """A span with its number in the page (``data-span``, ``data-spans``): its place in _marks' list."""

    number: int
    mark: _Mark


@dataclass(frozen=True)
class _Part:
    """A structure part (title, byline, caption, boilerplate); ``order`` is its place in _structure's list, the
    order its class takes among a piece's classes."""

    start: int
    end: int
    order: int
    kind: str


@dataclass(frozen=True)
class _Piece:
    """The text between two consecutive cuts, the spans over it (in the order they opened) and the classes of
    the structure parts over it: nothing opens or closes inside a piece."""

    start: int
    end: int
    covering: list[_Numbered]
    classes: list[str]


def _cuts(text: str, marks: list[_Mark], structure: list[tuple[int, int, str]]) -> list[int]:
    """Every span's and structure part's boundary, with the text's ends, in order."""
    cuts = {0, len(text)}
    for m in marks:
        cuts |= {m.start, m.end}
    for start, end, _ in structure:
        cuts |= {start, end}
    return sorted(cuts)


def _pieces(article: Article, marks: list[_Mark]) -> Iterator[_Piece]:
    """The text cut at every boundary, swept once from the left for the spans and the structure parts open over
    each piece (one pass, not a search per piece). ``marks`` come sorted by start, as _marks gives them."""
    structure = _structure(article)
    waiting = [_Numbered(i, m) for i, m in enumerate(marks)][::-1]  # by start, the next one last
    parts = sorted((_Part(start, end, i, kind) for i, (start, end, kind) in enumerate(structure)),
                   key=lambda p: (p.start, p.end, p.order), reverse=True)
    active: list[_Numbered] = []
    open_parts: list[_Part] = []
    for a, b in pairwise(_cuts(article.text, marks, structure)):
        while waiting and waiting[-1].mark.start <= a:
            active.append(waiting.pop())
        active = [s for s in active if s.mark.end > a]  # every boundary is a cut: a span open at a covers the piece
        while parts and parts[-1].start <= a:
            open_parts.append(parts.pop())
        open_parts = [p for p in open_parts if p.end > a]
        yield _Piece(a, b, list(active), [p.kind for p in sorted(open_parts, key=lambda p: p.order)])


def _body(article: Article, marks: list[_Mark]) -> str:
    """The text as its pieces: a piece no span covers keeps only its structure's classes; a covered one carries
    the bars, tags and hover of its spans."""
    return "".join(_marked(article.text, piece) if piece.covering else _plain(article.text, piece)
                   for piece in _pieces(article, marks))


def _plain(text: str, piece: _Piece) -> str:
    escaped = html.escape(text[piece.start : piece.end])
    return f'<span class="{" ".join(piece.classes)}">{escaped}</span>' if piece.classes else escaped


def _bars(covering: list[_Numbered]) -> str:
    """The style that draws a bar per span under the piece, displaCy's way: a span's slot is its bar, the piece
    padded deep enough for the lowest."""
    depth = max(s.mark.slot for s in covering) + 1
    bars = ", ".join(f"linear-gradient({COLORS.get(s.mark.label, '#ddd')}, {COLORS.get(s.mark.label, '#ddd')})"
                     for s in covering)
    positions = ", ".join(f"0 calc(100% - {(depth - 1 - s.mark.slot) * _STEP}px)" for s in covering)
    return (f"padding-bottom: {(depth - 1) * _STEP + _BAR}px; background-image: {bars}; "
            f"background-position: {positions}")


def _tags(covering: list[_Numbered], start: int) -> str:
    """The labels of the spans that start at this piece, each hung under its own bar."""
    return "".join(
        f'<span class="dvx-tag" data-span="{s.number}" style="background: {COLORS.get(s.mark.label, "#ddd")}; '
        f'top: calc(100% + {s.mark.slot * _STEP + _BAR + 1}px)" title="{html.escape(s.mark.hover)}">'
        f"{html.escape(s.mark.label)}</span>"
        for s in covering if s.mark.start == start
    )


def _marked(text: str, piece: _Piece) -> str:
    a, b = piece.start, piece.end
    inner = html.escape(text[a:b])
    tags = _tags(piece.covering, a)
    if tags:  # tags hang from the piece's first word, so that they stay at the span's start when it wraps
        first = _FIRST_WORD.match(text, a, b)  # \S* matches at any position
        word = a + (len(first[0]) if first else 0)
        inner = f'<span class="dvx-start">{tags}{html.escape(text[a:word])}</span>{html.escape(text[word:b])}'
    hover = html.escape("\n\n".join(s.mark.hover for s in piece.covering))
    ids = " ".join(str(s.number) for s in piece.covering)
    return (f'<span class="{" ".join(["dvx-piece", *piece.classes])}" data-spans="{ids}" title="{hover}" '
            f'style="{_bars(piece.covering)}">{inner}</span>')


def _legend(marks: list[_Mark]) -> str:
    counts = {label: sum(m.label == label for m in marks) for label in COLORS}
    rows = "".join(f'<li><span class="dvx-swatch" style="background: {color}"></span>{label} '
                   f'<span class="dvx-count">{counts[label]}</span></li>' for label, color in COLORS.items())
    return f'<section class="dvx-legend"><h2>Legend</h2><ul>{rows}</ul></section>'


def _people(article: Article) -> str:
    if not article.people:
        return '<section class="dvx-people"><h2>People</h2><p>None found.</p></section>'
    rows = []
    for person in article.people:
        links = person.title_links or []
        if links:
            titles = "".join(
                f"<li>{html.escape(t.text)}"
                + (f'<br><span class="dvx-note">= {html.escape(t.expansion)}</span>' if t.expansion else "")
                + (f'<br><span class="dvx-note">of {html.escape(t.organization)}</span>' if t.organization else "")
                + "</li>" for t in links)
        else:
            titles = "".join(f"<li>{html.escape(t)}</li>" for t in person.titles)
        rows.append(f'<tr><td class="dvx-name">{html.escape(person.name)}</td><td><ul>{titles}</ul></td>'
                    f"<td>{len(person.mentions)}</td></tr>")
    return ('<section class="dvx-people"><h2>People</h2><table><thead><tr><th>Name</th><th>Titles</th>'
            f'<th title="mentions">#</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


_CSS = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif; margin: 0; padding: 2rem; color: #222; }
header h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
header p { margin: 0; color: #666; font-size: .85rem; }
main { display: flex; gap: 2rem; align-items: flex-start; margin-top: 1.2rem; }
.dvx-text { flex: 1 1 auto; white-space: pre-wrap; line-height: 2.6; font-size: 16px; max-width: 56rem; }
aside { flex: 0 0 22rem; font-size: .85rem; position: sticky; top: 1rem; }
aside h2 { font-size: .95rem; margin: 0 0 .5rem; }
aside section { margin-bottom: 1.5rem; }
.dvx-piece { position: relative; background-repeat: no-repeat; background-size: 100% 4px;
             -webkit-box-decoration-break: clone; box-decoration-break: clone; cursor: help; }
.dvx-start { position: relative; white-space: nowrap; }
.dvx-tag { position: absolute; left: 0; font-size: 9px; font-weight: bold; line-height: 1; padding: 1px 3px;
           border-radius: 3px; white-space: nowrap; z-index: 1; }
.dvx-title { font-weight: bold; font-size: 1.1em; }
.dvx-byline { font-style: italic; }
.dvx-caption { font-style: italic; color: #555; }
.dvx-boilerplate { color: #aaa; }
.dvx-legend ul { list-style: none; padding: 0; margin: 0; columns: 2; }
.dvx-legend li { margin: 0 0 .3rem; }
.dvx-swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; margin-right: .4rem;
              vertical-align: middle; }
.dvx-count { color: #888; }
.dvx-people table { border-collapse: collapse; width: 100%; }
.dvx-people th, .dvx-people td { text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; padding: .3rem; }
.dvx-people ul { margin: 0; padding-left: 1rem; }
.dvx-note { color: #777; font-size: .9em; }
.dvx-warnings { color: #a33; font-size: .85rem; }
"""


def render_html(article: Article) -> str:
    """A standalone HTML page (no scripts, nothing fetched) of the article with its findings highlighted."""
    marks = _marks(article)
    meta = [f"id {article.id}" if article.id else None, article.published, article.author, article.url]
    url = html.escape(article.url or "")
    link = f'<a href="{url}">{url}</a>' if _WEB_URL.match(article.url or "") else url  # never javascript: or data:
    header_meta = " · ".join(link if part == article.url else html.escape(part) for part in meta if part)
    warnings = "".join(f"<li>{html.escape(n.severity)} {html.escape(n.code)}: {html.escape(n.message)}</li>"
                       for n in article.warnings)
    heading = html.escape(article.title or article.id or "Article")
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{heading}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{heading}</h1><p>{header_meta}</p></header>\n"
        + (f'<ul class="dvx-warnings">{warnings}</ul>\n' if warnings else "")
        + f'<main>\n<article class="dvx-text">{_body(article, marks)}</article>\n'
        f"<aside>{_legend(marks)}{_people(article)}</aside>\n</main>\n</body>\n</html>\n"
    )
