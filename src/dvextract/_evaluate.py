"""Scoring extractions against gold annotations: ``evaluate(gold, predicted) -> Report`` (``dvextract eval`` in
``_cli``; its tables: ``_cli_tables``).

As spaCy's ``Scorer.score_spans``: precision, recall and F1 per entity type over labelled character spans.
*Strict* counts a prediction right when type, start and end equal a gold span's; *lenient* when it overlaps a
gold span of the same type, each gold span matched at most once (exact matches first, then the largest
overlaps). ``ALL`` is the micro average over PERSON, TITLE, ORGANIZATION and LOCATION. Dates and facts get the
same detection scores, plus value accuracy over the leniently matched pairs: a date's ``value`` string equal; a
fact's ``kind`` and ``value`` (and ``denominator``) equal to 1e-6 relative. Person-title links are the set of
(person name, title text) pairs of each article. Articles pair up by ``id``; a gold article with no prediction
counts as predicting nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from . import _patterns
from ._gold import ENTITY_TYPES
from ._records import Article, DateMention, EntityType, Fact, Span

__all__ = [
    "HEADLINE",
    "PRF",
    "STRUCTURE_HEADLINE",
    "Report",
    "SpanScores",
    "StructureScores",
    "evaluate",
    "run_system",
    "score_spans",
    "score_structure",
    "type_rows",
]

SYSTEMS = ("dvextract", "underthesea")
_UNDERTHESEA_TYPES: dict[str, EntityType] = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}  # MISC dropped


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


class PRF(_Model):
    """True positives, false positives, false negatives; precision, recall and F1 from them (0 when empty)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: PRF) -> PRF:
        return PRF(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class SpanScores(_Model):
    """Detection scores of one kind of span; for dates and facts also how many matched values are right."""

    strict: PRF = PRF()
    lenient: PRF = PRF()
    values_right: int | None = None
    """Matched (lenient) pairs whose values agree; None for entities, which carry no value."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value_accuracy(self) -> float | None:
        if self.values_right is None:
            return None
        return _ratio(self.values_right, self.lenient.tp)

    def __add__(self, other: SpanScores) -> SpanScores:
        """The scores of both together; values are counted when this one counts them."""
        right = None if self.values_right is None else self.values_right + (other.values_right or 0)
        return SpanScores(strict=self.strict + other.strict, lenient=self.lenient + other.lenient,
                          values_right=right)


class StructureScores(_Model):
    """Structure against structure gold: the authors of each article (right when the names, in order, are the
    gold's), and detection of the byline, the captions and the boilerplate (strict and overlap-lenient)."""

    articles: int = 0
    authors_right: int = 0
    byline: SpanScores = SpanScores()
    captions: SpanScores = SpanScores()
    boilerplate: SpanScores = SpanScores()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def author_accuracy(self) -> float:
        return _ratio(self.authors_right, self.articles)


class Report(_Model):
    """The scores of one system on a set of gold articles."""

    system: str | None = None
    articles: int = 0
    missing: list[str] = Field(default_factory=list)
    """Gold ids the predictions had no article for (scored as predicting nothing)."""
    entities: dict[str, SpanScores] = Field(default_factory=dict)
    """Per type, and ``ALL`` (micro average over the four types)."""
    dates: SpanScores = SpanScores(values_right=0)
    facts: SpanScores = SpanScores(values_right=0)
    links: PRF = PRF()
    structure: StructureScores | None = None
    """Set when the gold annotates structure (``corpora/structure``)."""

    def figures(self) -> dict[str, float]:
        """Every figure by a dotted name (``entities.ALL.lenient.f1``, ``dates.value_accuracy``, ``links.f1``)."""
        out: dict[str, float] = {}
        for kind, scores in [*(("entities." + t, s) for t, s in self.entities.items()),
                             ("dates", self.dates), ("facts", self.facts)]:
            for mode in ("strict", "lenient"):
                prf = getattr(scores, mode)
                for m in ("precision", "recall", "f1"):
                    out[f"{kind}.{mode}.{m}"] = getattr(prf, m)
            if scores.value_accuracy is not None:
                out[f"{kind}.value_accuracy"] = scores.value_accuracy
        for m in ("precision", "recall", "f1"):
            out[f"links.{m}"] = getattr(self.links, m)
        if self.structure is not None:
            out["structure.author_accuracy"] = self.structure.author_accuracy
            for kind in ("byline", "captions", "boilerplate"):
                for mode in ("strict", "lenient"):
                    for m in ("precision", "recall", "f1"):
                        out[f"structure.{kind}.{mode}.{m}"] = getattr(getattr(getattr(self.structure, kind), mode), m)
        return out

    def headline(self) -> dict[str, float]:
        """The figures the quality gate pins (:data:`HEADLINE`)."""
        figures = self.figures()
        return {k: round(figures[k], 4) for k in HEADLINE}

    def structure_headline(self) -> dict[str, float]:
        """The structure figures the quality gate pins (:data:`STRUCTURE_HEADLINE`); empty without structure."""
        figures = self.figures()
        return {k: round(figures[k], 4) for k in STRUCTURE_HEADLINE if k in figures}


HEADLINE = (
    *(f"entities.{t}.{m}.f1" for t in (*ENTITY_TYPES, "ALL") for m in ("strict", "lenient")),
    "dates.strict.f1", "dates.lenient.f1", "dates.value_accuracy",
    "facts.strict.f1", "facts.lenient.f1", "facts.value_accuracy",
    "links.f1",
)
"""Headline figures: F1 per entity type and overall, strict and lenient; date and fact detection F1 and value
accuracy; person-title link F1."""

STRUCTURE_HEADLINE = (
    "structure.author_accuracy",
    *(f"structure.{k}.{m}.f1" for k in ("byline", "captions", "boilerplate") for m in ("strict", "lenient")),
)
"""Headline figures on the structure gold: author accuracy; byline, caption and boilerplate F1, strict and
lenient."""


# ---- scoring -------------------------------------------------------------------------------------------------

def _match(gold: Sequence[Span], pred: Sequence[Span]) -> tuple[int, list[tuple[int, int]]]:
    """Exact matches, and the one-to-one lenient (overlap) matching as (gold index, pred index) pairs."""
    exact = {(s.start, s.end) for s in gold} & {(s.start, s.end) for s in pred}
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    by_span = {(p.start, p.end): j for j, p in enumerate(pred)}
    for i, g in enumerate(gold):
        j = by_span.get((g.start, g.end))
        if j is not None and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    candidates = sorted(
        ((min(g.end, p.end) - max(g.start, p.start), i, j) for i, g in enumerate(gold) if i not in used_g
         for j, p in enumerate(pred) if j not in used_p and g.start < p.end and p.start < g.end),
        key=lambda c: (-c[0], c[1], c[2]))
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return len(exact), pairs


def _unique(spans: Sequence[Span]) -> list[Span]:
    return list({(s.start, s.end): s for s in reversed(spans)}.values())[::-1]


def score_spans(gold: Sequence[Span], pred: Sequence[Span], same_value: Any = None) -> SpanScores:
    """Scores of predicted spans against gold spans of one kind (anything with ``start`` and ``end``; the same
    offsets twice count once): strict is the same offsets, lenient an overlap, each span matched at most once.
    ``same_value(gold, pred)`` judges a lenient pair's value (dates, facts). Add the scores of several
    articles with ``+``."""
    gold, pred = _unique(gold), _unique(pred)
    strict_tp, pairs = _match(gold, pred)
    right = None if same_value is None else sum(1 for i, j in pairs if same_value(gold[i], pred[j]))
    return SpanScores(strict=PRF(tp=strict_tp, fp=len(pred) - strict_tp, fn=len(gold) - strict_tp),
                      lenient=PRF(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs)),
                      values_right=right)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _same_date(g: DateMention, p: DateMention) -> bool:
    return g.value == p.value


def _same_fact(g: Fact, p: Fact) -> bool:
    return g.kind == p.kind and _close(g.value, p.value) and _close(g.denominator, p.denominator)


def _key(s: str) -> str:
    from ._text import normalize

    return " ".join(normalize(s).text.split())


def _links(article: Article) -> set[tuple[str, str]]:
    return {(_key(p.name), _key(t)) for p in article.people for t in p.titles}


_AUTHOR_SEPARATOR = _patterns.compile(r"\s+[-–]\s+|\s*[,;]\s*|\s+và\s+")


def _author_names(article: Article) -> list[str]:
    """The article's authors: ``authors``, or (a record without them) ``author`` cut at dashes, commas, ``và``."""
    if article.authors:
        return [_key(a.text) for a in article.authors]
    if not article.author:
        return []
    return [_key(name) for name in _AUTHOR_SEPARATOR.split(article.author) if name.strip()]


def _has_structure(article: Article) -> bool:
    return bool(article.byline or article.authors or article.captions or article.boilerplate)


def score_structure(pairs: Iterable[tuple[Article, Article]]) -> StructureScores:
    """Structure scores over (gold, predicted) pairs."""
    n = right = 0
    byline, captions, boilerplate = SpanScores(), SpanScores(), SpanScores()
    for g, p in pairs:
        n += 1
        right += _author_names(g) == _author_names(p)
        byline += score_spans([g.byline] if g.byline else [], [p.byline] if p.byline else [])
        captions += score_spans(g.captions, p.captions)
        boilerplate += score_spans(g.boilerplate, p.boilerplate)
    return StructureScores(articles=n, authors_right=right, byline=byline, captions=captions,
                           boilerplate=boilerplate)


def evaluate(gold: Iterable[Article], predicted: Iterable[Article], *, system: str | None = None) -> Report:
    """Score ``predicted`` articles against ``gold`` ones, paired by ``id``.

    >>> hai = {"type": "PERSON", "start": 4, "end": 7, "text": "Hải"}
    >>> g = Article(id="a", text="Ông Hải", text_sha1="x", entities=[hai])
    >>> evaluate([g], [g]).entities["ALL"].strict.f1
    1.0
    """
    by_id = {p.id: p for p in predicted}
    entities = {t: SpanScores() for t in ENTITY_TYPES}
    dates, facts, links = SpanScores(values_right=0), SpanScores(values_right=0), PRF()
    missing: list[str] = []
    pairs: list[tuple[Article, Article]] = []
    n = 0
    for g in gold:
        n += 1
        p = by_id.get(g.id)
        if p is None:
            missing.append(str(g.id))
            p = Article(id=g.id, text=g.text, text_sha1=g.text_sha1)
        elif p.text != g.text:
            raise ValueError(f"{g.id}: the prediction was made on another text than the gold's")
        pairs.append((g, p))
        for t in ENTITY_TYPES:
            entities[t] += score_spans([e for e in g.entities if e.type == t], [e for e in p.entities if e.type == t])
        dates += score_spans(g.dates, p.dates, _same_date)
        facts += score_spans(g.facts, p.facts, _same_fact)
        gl, pl = _links(g), _links(p)
        links = links + PRF(tp=len(gl & pl), fp=len(pl - gl), fn=len(gl - pl))
    total = SpanScores()
    for s in entities.values():
        total += s
    # Structure gold says what an article's byline, captions and boilerplate are, none included: a gold set
    # with structure anywhere is structure gold throughout (entity gold carries none).
    structure = score_structure(pairs) if any(_has_structure(g) for g, _ in pairs) else None
    return Report(system=system, articles=n, missing=missing, entities={**entities, "ALL": total},
                  dates=dates, facts=facts, links=links, structure=structure)


# ---- systems -------------------------------------------------------------------------------------------------

def underthesea_entities(text: str) -> Article:
    """underthesea's own ``ner()`` as a baseline: run sentence by sentence (dvextract's sentence split), its
    tokens found again in the text (both normalized alike, then mapped back to the original characters);
    PER/ORG/LOC → PERSON/ORGANIZATION/LOCATION, MISC dropped. No titles, dates, facts or people."""
    import regex
    from underthesea import ner

    from . import _patterns, _segment
    from ._records import Entity, text_sha1
    from ._text import normalize

    norm = normalize(text)
    work = norm.text
    found: list[Entity] = []
    for line in _patterns.finditer(_patterns.compile(r"[^\n]*\S[^\n]*"), work):
        for s_start, s_end in _segment.sentences(work, line.span()):
            cursor = s_start
            current: list[Any] | None = None
            spans: list[tuple[str, int, int]] = []
            for token, *_, tag in ner(work[s_start:s_end]):
                pattern = r"\s*".join(regex.escape(c) for c in normalize(token).text if not c.isspace())
                m = _patterns.compile(pattern).search(work, cursor, s_end) if pattern else None
                if m is None:  # a token underthesea rewrote beyond recognition: nothing to align
                    continue
                cursor = m.end()
                kind = tag[2:] if tag[:2] in ("B-", "I-") else None
                if kind and tag[0] == "I" and current is not None and current[0] == kind:
                    current[2] = m.end()
                    continue
                if current is not None:
                    spans.append(tuple(current))
                current = [kind, m.start(), m.end()] if kind else None
            if current is not None:
                spans.append(tuple(current))
            for kind, a, b in spans:
                if kind in _UNDERTHESEA_TYPES:
                    a, b = norm.to_source(a, b)
                    found.append(Entity(type=_UNDERTHESEA_TYPES[kind], start=a, end=b, text=text[a:b]))
    return Article(text=text, text_sha1=text_sha1(text), entities=found)


def run_system(name: str, gold: Iterable[Article]) -> list[Article]:
    """Predictions of a system (``dvextract`` or ``underthesea``) on the texts of the gold articles."""
    gold = list(gold)
    if name == "dvextract":
        from ._pipeline import extract_many

        items = [{"id": g.id, "text": g.text, "title": g.title, "published": g.published, "url": g.url}
                 for g in gold]
        return list(extract_many(items))
    if name == "underthesea":
        return [underthesea_entities(g.text).model_copy(update={"id": g.id}) for g in gold]
    raise ValueError(f"unknown system {name!r}: one of {', '.join(SYSTEMS)}")


# ---- output --------------------------------------------------------------------------------------------------

def type_rows(report: Report) -> list[tuple[str, SpanScores | PRF]]:
    """The report's scores in table order: each entity type, ALL, DATE, FACT, LINK."""
    return [*report.entities.items(), ("DATE", report.dates), ("FACT", report.facts), ("LINK", report.links)]


def plot(reports: Sequence[Report], path: str | Path) -> Path:
    """A PNG of grouped bars: F1 per type, one bar per system, strict and lenient side by side."""
    from ._extras import require

    require("matplotlib", "plotting scores").use("Agg")
    plt = require("matplotlib.pyplot", "plotting scores")
    names = [n for n, _ in type_rows(reports[0])]
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), sharey=True)
    width = 0.8 / len(reports)
    for ax, mode in zip(axes, ("strict", "lenient"), strict=True):
        for k, report in enumerate(reports):
            values = [s.f1 if isinstance(s, PRF) else getattr(s, mode).f1 for _, s in type_rows(report)]
            xs = [i + (k - (len(reports) - 1) / 2) * width for i in range(len(names))]
            bars = ax.bar(xs, values, width, label=report.system or f"system {k + 1}")
            ax.bar_label(bars, fmt="%.2f", fontsize=7)
        ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
        ax.set_title(f"{mode} F1 ({reports[0].articles} articles)")
        ax.set_ylim(0, 1.1)
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("F1")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(reports), fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    path = Path(path)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
