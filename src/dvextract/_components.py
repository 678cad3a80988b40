"""The pipeline's components: small registered spaCy factories, each declaring what it assigns.

Each one reads the working text kept on ``doc._.dvx`` (``masked``: boilerplate and byline blanked, offsets
unchanged), calls its extractor, stores plain lists back on ``doc._.dvx`` and adds token-aligned spans to
``doc.spans["dvx"]`` for spaCy users and displaCy. A pattern that hits its time limit costs the article that
component's findings and adds a warning; it never stops the pipeline.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import datetime
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import _dates, _entities, _facts, _people
from ._patterns import Budget, OverBudget, PatternTimeout, charged
from ._structure import Structure, _strip, find_structure

__all__ = ["DatesComponent", "EntitiesComponent", "FactsComponent", "PeopleComponent", "StructureComponent"]

SPANS_KEY = "dvx"


def _readable(doc: Doc) -> bool:
    return doc._.dvx is not None and "work" in doc._.dvx


def _add_spans(doc: Doc, found: list[Any], label: Callable[[Any], str]) -> None:
    group = doc.spans.setdefault(SPANS_KEY, [])
    for item in found:
        span = doc.char_span(item[0], item[1], label=label(item), alignment_mode="expand")
        if span is not None:
            group.append(span)


def _guarded(doc: Doc, component: str, run: Callable[[], list[Any]]) -> list[Any]:
    """``run()`` under the component's own budget (linear in the article): over it, or a scan over its time
    limit, costs this component's findings and adds a warning."""
    try:
        with charged(Budget.for_text(len(doc._.dvx["work"]))):
            return run()
    except OverBudget as exc:
        doc._.dvx["warnings"].append(
            {"code": "over_budget", "message": f"{component}: {exc}; its findings are dropped", "severity": "warning"}
        )
        return []
    except (PatternTimeout, TimeoutError) as exc:  # TimeoutError: a scan given the regex module's own timeout
        doc._.dvx["warnings"].append(
            {"code": "pattern_timeout", "message": f"{component}: {exc}; its findings are dropped", "severity": "warning"}
        )
        return []


class StructureComponent:
    """Title, lead, paragraphs, captions, byline and boilerplate; keeps only the sentences of mined blocks."""

    def __call__(self, doc: Doc) -> Doc:
        if not _readable(doc):
            return doc
        state = doc._.dvx
        work = state["work"]
        found = _guarded(doc, "structure", lambda: [find_structure(work, state.get("title"))])
        structure = found[0] if found else Structure(paragraphs=[(0, len(work))])  # timed out: one paragraph
        blocks = structure.mined()
        masked = list(work)
        for s, e in structure.boilerplate + ([structure.byline] if structure.byline else []):
            masked[s:e] = " " * (e - s)
        sentences = []
        ordered, first = blocks, 0  # Structure.mined() gives them in text order
        for s, e in state["sentences"]:  # in text order, as the blocks: one sweep over both
            while first < len(ordered) and ordered[first][1] <= s:
                first += 1
            k = first
            while k < len(ordered) and ordered[k][0] < e:
                b_s, b_e = ordered[k]
                k += 1
                lo, hi = _strip(work, max(s, b_s), min(e, b_e))
                if hi > lo:
                    sentences.append((lo, hi))
        state.update(masked="".join(masked), structure=vars(structure), blocks=blocks, sentences=sentences)
        return doc


class _Extractor:
    """One extractor over the working text: run under the pattern guard, stored as plain lists on
    ``doc._.dvx[key]``, and (when it has labels) added to ``doc.spans``."""

    key = ""
    spans = True  # the findings are spans of doc.spans["dvx"] (people are not)

    def find(self, state: dict[str, Any]) -> list[Any]:
        raise NotImplementedError

    def label(self, item: Any) -> str:
        """The span label of a finding."""
        raise NotImplementedError

    def store(self, found: list[Any]) -> list[Any]:
        return [list(item) for item in found]

    def __call__(self, doc: Doc) -> Doc:
        if not _readable(doc):
            return doc
        state = doc._.dvx
        found = _guarded(doc, self.key, lambda: self.find(state))
        state[self.key] = self.store(found)
        if self.spans:
            _add_spans(doc, found, self.label)
        self.settle(doc, found)
        return doc

    def settle(self, doc: Doc, found: list[Any]) -> None:
        """What a component changes in earlier findings once it has its own (nothing, by default)."""


class EntitiesComponent(_Extractor):
    key = "entities"

    def __init__(self, gazetteers: list[str]):
        self.gazetteers = tuple(gazetteers)
        self.lexicon = _entities.load_gazetteer(self.gazetteers) if self.gazetteers else None

    def find(self, state: dict[str, Any]) -> list[Any]:
        author = state["structure"].get("author")
        return _entities.find_entities(state["masked"], state["blocks"], author, self.lexicon)

    def label(self, item: Any) -> str:
        return item[2]


class DatesComponent(_Extractor):
    key = "dates"

    def find(self, state: dict[str, Any]) -> list[Any]:
        published = datetime.fromisoformat(state["published"]) if state.get("published") else None
        return _dates.find_dates(state["masked"], published)

    def label(self, item: Any) -> str:
        return "DATE"

    def settle(self, doc: Doc, found: list[Any]) -> None:
        _yield_to_lunar_dates(doc, [(d[0], d[1]) for d in found if d[2].get("lunar")])


_NAMED = ("PERSON", "ORGANIZATION", "LOCATION")


def _yield_to_lunar_dates(doc: Doc, lunar: list[tuple[int, int]]) -> None:
    """A name inside a lunar or holiday date is part of the date: `Giáp Thìn` in `Tết Nguyên đán Giáp Thìn` is
    a can-chi year, not a person. Such PERSON, ORGANIZATION and LOCATION mentions are dropped."""
    state = doc._.dvx
    if not lunar or not state.get("entities"):
        return

    lunar = sorted(lunar)
    starts = [s for s, _ in lunar]

    def inside(s: int, e: int) -> bool:  # dates do not overlap: only the last one starting at or before s
        k = bisect.bisect_right(starts, s)
        return bool(k) and e <= lunar[k - 1][1]

    state["entities"] = [e for e in state["entities"] if not (e[2] in _NAMED and inside(e[0], e[1]))]
    group = doc.spans.get(SPANS_KEY)
    if group is not None:
        doc.spans[SPANS_KEY] = [
            s for s in group if not (s.label_ in _NAMED and inside(s.start_char, s.end_char))
        ]


class FactsComponent(_Extractor):
    key = "facts"

    def find(self, state: dict[str, Any]) -> list[Any]:
        dates = [(d[0], d[1]) for d in state.get("dates", [])]
        places = [(e[0], e[1]) for e in state.get("entities", []) if e[2] == "LOCATION"]
        return _facts.find_facts(state["masked"], dates, places)

    def label(self, item: Any) -> str:
        return item[2]["kind"].upper()


class PeopleComponent(_Extractor):
    key = "people"
    spans = False

    def find(self, state: dict[str, Any]) -> list[Any]:
        entities = [_entities.Found(*e) for e in state.get("entities", [])]
        return _people.link_people(state["masked"], entities)

    def store(self, found: list[Any]) -> list[Any]:
        return [[list(p.name), [list(m) for m in p.mentions], [list(t) for t in p.titles]] for p in found]


@Language.factory("dvx_structure", assigns=["doc._.dvx"], requires=["token.is_sent_start"])
def make_structure(nlp: Language, name: str) -> StructureComponent:
    return StructureComponent()


@Language.factory("dvx_entities", assigns=["doc._.dvx", "doc.spans"], default_config={"gazetteers": []})
def make_entities(nlp: Language, name: str, gazetteers: list[str]) -> EntitiesComponent:
    return EntitiesComponent(gazetteers)


@Language.factory("dvx_dates", assigns=["doc._.dvx", "doc.spans"])
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


@Language.factory("dvx_facts", assigns=["doc._.dvx", "doc.spans"])
def make_facts(nlp: Language, name: str) -> FactsComponent:
    return FactsComponent()


@Language.factory("dvx_people", assigns=["doc._.dvx"])
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent()
