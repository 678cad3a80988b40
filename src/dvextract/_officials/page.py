"""A person's page: the offices one official held, on a timeline, each with the sentences that say so.

Built on the article renderer's palette (``_render.COLORS``): the title inside each source sentence is marked in
the TITLE colour, the name in the PERSON colour. Everything shown is escaped; the page is one standalone file.
"""

from __future__ import annotations

import html

from .._render import COLORS
from .seen import first_day, last_day
from .store import Holder

__all__ = ["person_page"]

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; line-height: 1.5; color: #222; }
h1 { margin-bottom: 0.2em; } .dvx-meta { color: #666; }
.dvx-timeline { position: relative; margin: 1.5em 0; }
.dvx-row { display: flex; align-items: center; margin: 0.3em 0; }
.dvx-label { width: 22em; flex: none; font-size: 0.9em; }
.dvx-track { position: relative; flex: 1; height: 1em; background: #f3f3f3; }
.dvx-bar { position: absolute; top: 0; height: 100%; min-width: 4px; border-radius: 3px; }
.dvx-axis { display: flex; justify-content: space-between; margin-left: 22em; color: #666; font-size: 0.8em; }
.dvx-office { margin-top: 1.5em; } .dvx-source { margin: 0.4em 0 0.4em 1em; font-size: 0.95em; }
.dvx-source small { color: #666; } mark { padding: 0 2px; border-radius: 2px; }
"""


def _year(day: str) -> float:
    """An ISO day as a fractional year, the timeline's unit."""
    return int(day[:4]) + (int(day[5:7]) - 1) / 12 + (int(day[8:10]) - 1) / 365


def _span(holder: Holder) -> tuple[float, float] | None:
    """Where the holder's bar runs: from the first day its first date covers to the last its last date covers (a
    year-only date spans its year, not a made-up mid-year point)."""
    if holder.first_seen is None or holder.last_seen is None:
        return None
    return _year(first_day(holder.first_seen)), _year(last_day(holder.last_seen))


def _timeline(holders: list[Holder]) -> str:
    spans = [_span(h) for h in holders]
    years = [y for span in spans if span for y in span]
    if not years:
        return "<p class='dvx-meta'>No observation of this person is dated.</p>"
    low, high = int(min(years)), int(max(years)) + 1
    rows = []
    for h, span in zip(holders, spans, strict=True):
        bar = ""
        if span is not None:
            first, last = span
            left, width = (first - low) / (high - low) * 100, max((last - first) / (high - low) * 100, 0.5)
            bar = (f"<span class='dvx-bar' style='left:{left:.1f}%;width:{width:.1f}%;background:{COLORS['TITLE']}' "
                   f"title='{html.escape(h.first_seen or '')} – {html.escape(h.last_seen or '')}'></span>")
        rows.append(f"<div class='dvx-row'><span class='dvx-label'>{html.escape(h.office)}</span>"
                    f"<span class='dvx-track'>{bar}</span></div>")
    axis = f"<div class='dvx-axis'><span>{low}</span><span>{high}</span></div>"
    return f"<div class='dvx-timeline'>{''.join(rows)}{axis}</div>"


def _source(source: dict[str, object]) -> str:
    sentence = str(source["sentence"])
    start = int(source["start"]) - int(source["sentence_start"])  # type: ignore[call-overload]
    end = int(source["end"]) - int(source["sentence_start"])  # type: ignore[call-overload]
    marked = (html.escape(sentence[:start]) + f"<mark style='background:{COLORS['TITLE']}'>"
              + html.escape(sentence[start:end]) + "</mark>" + html.escape(sentence[end:]))
    when = html.escape(str(source["date"] or "undated"))
    former = " · former" if source["former"] else ""
    return (f"<div class='dvx-source'>{marked}<br><small>{html.escape(str(source['article_id']))} "
            f"[{int(source['start'])}:{int(source['end'])}] · {when}{former}</small></div>")  # type: ignore[call-overload]


def person_page(holders: list[Holder]) -> str:
    """A standalone HTML page of one person's offices (``who_person`` holders of one person id)."""
    if not holders:
        return "<!doctype html><meta charset='utf-8'><title>dvextract</title><p>No such official.</p>"
    name = html.escape(holders[0].name)
    offices = []
    for h in holders:
        span = f"{h.first_seen or '?'} – {h.last_seen or '?'}"
        offices.append(f"<section class='dvx-office'><h3>{html.escape(h.office)}</h3><p class='dvx-meta'>"
                       f"{html.escape(span)} · {h.observations} observation(s)</p>"
                       + "".join(_source(s) for s in h.sources) + "</section>")
    return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{name}</title><style>{_CSS}</style>"
            f"</head><body><h1 style='border-bottom:4px solid {COLORS['PERSON']}'>{name}</h1>"
            f"<p class='dvx-meta'>person id {html.escape(holders[0].person_id)}</p>{_timeline(holders)}"
            f"{''.join(offices)}</body></html>")
