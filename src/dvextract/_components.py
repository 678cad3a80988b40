"""The pipeline's components: small registered spaCy factories, each declaring what it assigns and requires.

Each one reads the article's typed state (``doc._.dvx``, an ``ArticleState``; a Doc the Reader did not make is
read from its text first), calls its extractor on the working text, stores typed findings back, and fills
spaCy's own views over the input: ``doc.ents`` (PERSON, ORGANIZATION, LOCATION, no overlaps), one span group
per kind in ``doc.spans`` (see ``SPAN_GROUPS``) and the span extensions ``value``, ``unit``, ``grain``,
``expansion``. Each span has exactly its finding's offsets: a token a finding starts or ends inside is split
first (``_reader.fit_tokens``). A pattern that hits its time limit costs the article that component's findings
and adds a warning; it never stops the pipeline.

Each article has one CPU budget for the whole pipeline, ``_patterns.ARTICLE_SECONDS``: each component's own work
(its thread's CPU from its start to its end, so a Doc waiting in an ``nlp.pipe`` batch costs nothing) is added to
``ArticleState.cpu_seconds``, and each extractor runs under a ``Budget`` of what is left (besides its characters
scanned, linear in the article). Over budget the article gets one ``over_budget`` warning, naming the component
that ran out and every later one, which does not run, and keeps:

- every finding of the components that finished before;
- structure: the whole text as one paragraph;
- entities: the rules' mentions when the tagger ran out, the rules' and the tagger's when the one-reading pass
  did (nothing when the rules themselves ran out, but the tagger's mentions if it still has time);
- dates, facts, people: none of the component's own findings (their partial work is not kept).
- the spaCy views: where splitting the tokens a finding starts or ends inside runs out (each split costs the
  Doc's length), the spans left are widened to whole words; the records keep their exact offsets.

The Reader (``_reader``) opens the account; when it runs out, each line left is one sentence and the words are
split at spaces. The conversion to records (``to_article``) is not charged.
"""

from __future__ import annotations

import bisect
import functools
import time
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

import srsly  # type: ignore[import-untyped]
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import _dates, _entities, _facts, _patterns, _people, _tagger
from ._patterns import Budget, OverBudget, PatternTimeout, charged
from ._reader import fit_tokens, state_of
from ._resources import read_table
from ._state import ArticleState, DateFound, EntityFound, FactFound, PersonFound, TitleFound
from ._structure import Structure, find_structure, strip_range

__all__ = [
    "NAMED", "SPAN_EXTENSIONS", "SPAN_GROUPS", "DatesComponent", "EntitiesComponent", "FactsComponent",
    "PeopleComponent", "StructureComponent",
]

SPAN_GROUPS = {
    "structure": "HEADLINE, LEAD, PARAGRAPH, CAPTION, BYLINE, BOILERPLATE",
    "entities": "PERSON, ORGANIZATION, LOCATION (overlapping: an ORGANIZATION may hold a LOCATION)",
    "titles": "TITLE",
    "dates": "DATE",
    "facts": "COUNT, MONEY, PERCENT, RATIO, MEASURE",
}
"""The keys of ``doc.spans`` the components fill, and their labels."""
SPAN_EXTENSIONS = {
    "value": "a DATE's ISO 8601 value; a fact's number",
    "unit": "a fact's unit (VND, %, km, the counted noun)",
    "grain": "a DATE's grain (day, month, …, term)",
    "expansion": "an entity or TITLE with its abbreviations written out",
}
"""``span._.NAME`` extensions. spaCy keys them by character offsets: two findings on the same characters share them."""
NAMED = ("PERSON", "ORGANIZATION", "LOCATION")

for _name in SPAN_EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def _view(field: str) -> Callable[[Doc], Any]:
    return lambda doc: getattr(doc._.dvx, field) if doc._.dvx is not None else None


# Read-only views of the state, one per component's findings (None until it ran): what components require.
for _field in ("structure", "entities", "dates", "facts", "people"):
    if not Doc.has_extension(f"dvx_{_field}"):
        Doc.set_extension(f"dvx_{_field}", getter=_view(_field))

T = TypeVar("T")
C = TypeVar("C")

_DEADLINE: ContextVar[float | None] = ContextVar("dvextract_article_deadline", default=None)
"""While a component runs: the thread CPU time at which its article's budget is spent."""


def _on_the_clock(call: Callable[[C, Doc], Doc]) -> Callable[[C, Doc], Doc]:
    """A component's ``__call__``, its own work added to the article's ``cpu_seconds``; while it runs, the
    article's deadline (what is left of ``ARTICLE_SECONDS``, on this thread's clock) is what ``_guarded`` reads."""

    @functools.wraps(call)
    def timed(component: C, doc: Doc) -> Doc:
        started = time.thread_time()
        used = doc._.dvx.cpu_seconds if doc._.dvx is not None else 0.0
        token = _DEADLINE.set(started + _patterns.ARTICLE_SECONDS - used)
        try:
            return call(component, doc)
        finally:
            _DEADLINE.reset(token)
            if doc._.dvx is not None:
                doc._.dvx.cpu_seconds = used + time.thread_time() - started

    return timed


def _guarded(state: ArticleState, component: str, run: Callable[[], list[T]], kept: Sequence[T] = (),
             keeping: str = "its findings are dropped") -> list[T]:
    """``run()`` under a budget: characters scanned, linear in the article, and the CPU seconds left of the
    article's. A component that finds the article's budget spent does not run; one that runs out, or whose scan
    hits its time limit, stops. Either way ``kept`` (said by ``keeping``) stands for its findings, with a warning."""
    left = _seconds_left()
    if left <= 0:
        _not_run(state, component, keeping)
        return list(kept)
    try:
        with charged(Budget.for_text(len(state.work), left)):
            return run()
    except OverBudget as exc:
        state.over_budget(f"{component}: {exc}; {keeping}")
    except (PatternTimeout, TimeoutError) as exc:  # TimeoutError: a scan given the regex module's own timeout
        state.warn("pattern_timeout", f"{component}: {exc}; {keeping}")
    return list(kept)


def _seconds_left() -> float:
    """What is left of the article's CPU budget (all of it outside a component)."""
    deadline = _DEADLINE.get()
    return _patterns.ARTICLE_SECONDS if deadline is None else deadline - time.thread_time()


def _fit(doc: Doc, state: ArticleState, ranges: list[tuple[int, int]]) -> None:
    """``fit_tokens`` under the article's budget (each split costs the Doc's length): over it, the spans of the
    tokens left unsplit are widened to whole words, with a warning."""
    try:
        with charged(Budget.for_text(len(state.work), _seconds_left())):
            fit_tokens(doc, state, ranges)
    except OverBudget as exc:
        state.over_budget(f"token splitting: {exc}; the spans left are widened to whole words")


def _not_run(state: ArticleState, component: str, keeping: str) -> None:
    """Say that ``component`` did not run, the article's CPU budget being spent."""
    if not any(w.code == "over_budget" for w in state.warnings):
        state.over_budget(f"the article's {_patterns.ARTICLE_SECONDS:g} CPU seconds are spent")
    state.over_budget(f"{component} not run ({keeping})")


def _group(doc: Doc, state: ArticleState, key: str, items: Iterable[tuple[int, int, str]]) -> list[Span | None]:
    """Fill the span group ``key`` with the input's span of each item's working range ``[start, end)``, exactly:
    the tokens a span starts or ends inside are split first (``fit_tokens``). The span of each item, in order
    (None where no token is there: an empty range)."""
    found = [(*state.to_source(start, end), label) for start, end, label in items]
    _fit(doc, state, [(s, e) for s, e, _ in found])
    return _filled(doc, key, found)


def _filled(doc: Doc, key: str, found: list[tuple[int, int, str]]) -> list[Span | None]:
    """Fill the span group ``key`` with the input's span of each ``(start, end, label)`` (widened to whole words
    where a token was left unsplit); the span of each, in order (None for an empty range)."""
    spans = [doc.char_span(s, e, label=label, alignment_mode="expand") for s, e, label in found]
    doc.spans[key] = [s for s in spans if s is not None]
    return spans


def _required(doc: Doc, component: str, needs: dict[str, str]) -> ArticleState:
    """The state, or a ValueError naming the components that must run before this one."""
    state = state_of(doc)
    missing = [name for name, field in needs.items() if state.readable and getattr(state, field) is None]
    if missing:
        unset = ", ".join(f"doc._.dvx_{needs[m]}" for m in missing)
        raise ValueError(f"{component} requires {', '.join(missing)} earlier in the pipeline ({unset} "
                         f"{'is' if len(missing) == 1 else 'are'} not set): nlp.add_pipe({missing[0]!r}) before it")
    return state


class StructureComponent:
    """Title, lead, paragraphs, captions, byline and boilerplate; keeps only the sentences of mined blocks."""

    @_on_the_clock
    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if not state.readable:
            return doc
        work = state.work
        found = _guarded(state, "structure", lambda: [find_structure(work, state.title)],
                         keeping="the whole text is one paragraph")
        structure = found[0] if found else Structure(paragraphs=[(0, len(work))])  # timed out: one paragraph
        masked = list(work)
        for s, e in structure.boilerplate + ([structure.byline] if structure.byline else []):
            masked[s:e] = " " * (e - s)
        state.masked, state.structure, state.blocks = "".join(masked), structure, structure.mined()
        state.sentences = _mined_sentences(work, state.sentences, state.blocks)
        _group(doc, state, "structure", _structure_spans(structure))
        return doc


def _mined_sentences(work: str, sentences: list[tuple[int, int]], blocks: list[tuple[int, int]]) -> list[Any]:
    """The parts of the sentences inside mined blocks (both in text order: one sweep over both)."""
    kept = []
    first = 0
    for s, e in sentences:
        while first < len(blocks) and blocks[first][1] <= s:
            first += 1
        k = first
        while k < len(blocks) and blocks[k][0] < e:
            b_s, b_e = blocks[k]
            k += 1
            lo, hi = strip_range(work, max(s, b_s), min(e, b_e))
            if hi > lo:
                kept.append((lo, hi))
    return kept


def _structure_spans(structure: Structure) -> list[tuple[int, int, str]]:
    single = [(structure.title, "HEADLINE"), (structure.lead, "LEAD"), (structure.byline, "BYLINE")]
    items = [(r[0], r[1], label) for r, label in single if r]
    for ranges, label in ((structure.paragraphs, "PARAGRAPH"), (structure.captions, "CAPTION"),
                          (structure.boilerplate, "BOILERPLATE")):
        items += [(s, e, label) for s, e in ranges]
    return sorted(items)


class EntitiesComponent:
    """PERSON, TITLE, ORGANIZATION and LOCATION mentions: ``doc.ents``, span groups ``entities`` and ``titles``.

    Runs after ``dvx_structure`` when there is one (it then reads only the mined blocks, knowing the author);
    alone, it reads the whole text. The rules' mentions and the statistical tagger's (``dvextract._tagger``,
    ``tagger=False`` in the factory's config leaves it out) are merged by ``_tagger.arbitrate``. Custom gazetteer
    rows (:meth:`add_gazetteers`) and the tagger's model are saved with the pipeline.
    """

    FILE = "gazetteer.tsv"
    MODEL = "ner.crfsuite"

    def __init__(self, tagger: bool = True) -> None:
        self.rows: list[tuple[str, str]] = []
        self.lexicon: _entities.Lexicon | None = None
        self.tagger: _tagger.Tagger | None = _tagger.default_tagger() if tagger else None

    def add_gazetteers(self, paths: Iterable[str | Path]) -> None:
        """Add the entries of TSV files (a header row; phrase, type); a wrong row raises ``ValueError``."""
        paths = [Path(p) for p in paths]
        if not paths:
            return
        _entities.load_gazetteer(paths)  # checks every row, naming the file
        for path in paths:
            for row in read_table(path):
                phrase, kind = list(row.values())[:2]
                self.rows.append((phrase, kind.strip().upper()))
        self._build()

    def _build(self) -> None:
        self.lexicon = None
        if self.rows:
            import tempfile

            with tempfile.TemporaryDirectory() as folder:
                self._write(Path(folder))
                self.lexicon = _entities.load_gazetteer([Path(folder) / self.FILE])

    def _write(self, folder: Path) -> None:
        lines = ["phrase\ttype"] + [f"{phrase}\t{kind}" for phrase, kind in self.rows]
        (folder / self.FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")

    @_on_the_clock
    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if not state.readable:
            return doc
        authors = state.structure.authors if state.structure else []
        sources = state.structure.sources if state.structure else None
        rules = _guarded(state, "entities", lambda: _entities.find_entities(
            state.text, state.blocks or [], authors, self.lexicon, sources))
        found, tagger = rules, self.tagger
        if tagger is not None:
            found = _guarded(state, "entities (tagger)", lambda: _tagger.arbitrate(
                rules, tagger.find(state.text, state.blocks or [], self.lexicon)),
                kept=rules, keeping="the rules' mentions are kept")
        settled = _guarded(state, "entities (one reading)",
                           lambda: [_entities.one_reading(state.text, found, self.lexicon)],
                           kept=[found], keeping="the mentions before it are kept")
        found = settled[0]
        state.entities = [EntityFound(e.start, e.end, e.type, e.expansion) for e in found]
        entity_views(doc, state)
        return doc

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self.rows:
            self._write(folder)
        if self.tagger is not None:
            (folder / self.MODEL).write_bytes(self.tagger.path.read_bytes())

    def from_disk(self, path: str | Path, **kwargs: Any) -> EntitiesComponent:
        file, model = Path(path) / self.FILE, Path(path) / self.MODEL
        self.rows = [(row["phrase"], row["type"]) for row in read_table(file)] if file.exists() else []
        self.tagger = _tagger.Tagger(model) if model.exists() else None
        self._build()
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        model = self.tagger.path.read_bytes() if self.tagger is not None else None
        data: bytes = srsly.msgpack_dumps({"rows": [list(row) for row in self.rows], "model": model})
        return data

    def from_bytes(self, data: bytes, **kwargs: Any) -> EntitiesComponent:
        msg = srsly.msgpack_loads(data)
        self.rows = [(phrase, kind) for phrase, kind in msg["rows"]]
        self.tagger = None if msg["model"] is None else _tagger.Tagger.from_bytes(msg["model"])
        self._build()
        return self


def entity_views(doc: Doc, state: ArticleState) -> None:
    """``doc.ents`` and the ``entities`` and ``titles`` groups, from the state's entities."""
    entities = state.entities or []
    named = [e for e in entities if e.type in NAMED]
    titles = [e for e in entities if e.type == "TITLE"]
    named_found = [(*state.to_source(e.start, e.end), e.type) for e in named]
    title_found = [(*state.to_source(e.start, e.end), e.type) for e in titles]
    _fit(doc, state, [(s, e) for s, e, _ in named_found + title_found])  # split once, before any span is taken:
    named_spans = _filled(doc, "entities", named_found)  # a split between would leave the named spans stale
    title_spans = _filled(doc, "titles", title_found)
    doc.ents = filter_spans([s for s in named_spans if s is not None])
    for e, span in zip(named + titles, named_spans + title_spans, strict=False):
        if e.expansion is not None and span is not None:
            span._.expansion = e.expansion


class DatesComponent:
    """Dates and periods with their values (span group ``dates``; ``span._.value``, ``span._.grain``). Names
    inside a lunar or holiday date are dropped from the entities when ``dvx_entities`` ran before."""

    @_on_the_clock
    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if not state.readable:
            return doc
        found = _guarded(state, "dates", lambda: _dates.find_dates(state.text, state.published))
        state.dates = [DateFound(d.start, d.end, **d.fields) for d in found]
        for span, date in zip(_group(doc, state, "dates", [(d.start, d.end, "DATE") for d in state.dates]),
                              state.dates, strict=False):
            if span is not None:
                span._.value, span._.grain = date.value, date.grain
        if _yield_to_lunar_dates(state):
            entity_views(doc, state)
        return doc


def _yield_to_lunar_dates(state: ArticleState) -> bool:
    """A name inside a lunar or holiday date is part of the date: `Giáp Thìn` in `Tết Nguyên đán Giáp Thìn` is
    a can-chi year, not a person. Such PERSON, ORGANIZATION and LOCATION mentions are dropped; True if any."""
    lunar = sorted((d.start, d.end) for d in state.dates or [] if d.lunar)
    if not lunar or not state.entities:
        return False
    starts = [s for s, _ in lunar]

    def inside(s: int, e: int) -> bool:  # dates do not overlap: only the last one starting at or before s
        k = bisect.bisect_right(starts, s)
        return bool(k) and e <= lunar[k - 1][1]

    kept = [e for e in state.entities if not (e.type in NAMED and inside(e.start, e.end))]
    dropped = len(kept) < len(state.entities)
    state.entities = kept
    return dropped


class FactsComponent:
    """Counts, money, percentages, ratios, measures (span group ``facts``; ``span._.value``, ``span._.unit``).
    It needs the dates (not figures) and places (what a figure is about) found before it."""

    @_on_the_clock
    def __call__(self, doc: Doc) -> Doc:
        state = _required(doc, "dvx_facts", {"dvx_entities": "entities", "dvx_dates": "dates"})
        if not state.readable:
            return doc
        dates = [(d.start, d.end) for d in state.dates or []]
        places = [(e.start, e.end) for e in state.entities or [] if e.type == "LOCATION"]
        found = _guarded(state, "facts", lambda: _facts.find_facts(state.text, dates, places, state.words))
        state.facts = [FactFound(f.start, f.end, **_fact_fields(f.fields)) for f in found]
        items = [(f.start, f.end, f.kind.upper()) for f in state.facts]
        for span, fact in zip(_group(doc, state, "facts", items), state.facts, strict=False):
            if span is not None:
                span._.value, span._.unit = fact.value, fact.unit
        return doc


def _fact_fields(fields: dict[str, Any]) -> dict[str, Any]:
    ranges = {k: tuple(fields[k]) if fields.get(k) else None for k in ("subject", "date", "place")}
    return {**fields, **ranges}


class PeopleComponent:
    """Each person once, with every title the article attaches (``doc._.dvx_people``)."""

    @_on_the_clock
    def __call__(self, doc: Doc) -> Doc:
        state = _required(doc, "dvx_people", {"dvx_entities": "entities"})
        if not state.readable:
            return doc
        entities = [_entities.Found(e.start, e.end, e.type, e.expansion) for e in state.entities or []]
        found = _guarded(state, "people", lambda: _people.link_people(state.text, entities))
        state.people = [
            PersonFound((p.name[0], p.name[1]), tuple((s, e) for s, e in p.mentions),
                        tuple(TitleFound(*t) for t in p.titles))
            for p in found
        ]
        return doc


@Language.factory("dvx_structure", assigns=["doc._.dvx", "doc._.dvx_structure", "doc.spans"])
def make_structure(nlp: Language, name: str) -> StructureComponent:
    return StructureComponent()


@Language.factory("dvx_entities", assigns=["doc._.dvx_entities", "doc.ents", "doc.spans", "span._.expansion"])
def make_entities(nlp: Language, name: str, tagger: bool = True) -> EntitiesComponent:
    return EntitiesComponent(tagger)


@Language.factory("dvx_dates", assigns=["doc._.dvx_dates", "doc.spans", "span._.value", "span._.grain"])
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


@Language.factory("dvx_facts", requires=["doc._.dvx_entities", "doc._.dvx_dates"],
                  assigns=["doc._.dvx_facts", "doc.spans", "span._.value", "span._.unit"])
def make_facts(nlp: Language, name: str) -> FactsComponent:
    return FactsComponent()


@Language.factory("dvx_people", requires=["doc._.dvx_entities"], assigns=["doc._.dvx_people"])
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent()
