"""The spaCy pipeline, and the plain API over it: ``load``, ``extract``, ``extract_many``, ``to_article``.

Reading an article (normalizing it, finding its structure, segmenting it) is the pipeline's tokenizer, the
Reader (``_reader``), so that ``nlp(text)`` and ``nlp.pipe(texts, n_process=…)`` work as in any spaCy pipeline,
with ``doc.text == text``. The extractors are registered components (``_components``). What they find is kept,
typed, on ``doc._.dvx`` (an ``ArticleState``, in working-text offsets); :func:`to_article` maps it back onto the
caller's text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import _components
from ._reader import create_reader, state_of
from ._records import Article, Boilerplate, DateMention, Entity, Fact, Notice, Person, PersonTitle, Span, text_sha1
from ._refusal import MAX_CHARS
from ._state import PUBLISHED_YEARS, ArticleState, FactFound, PersonFound, Range, published_date
from ._structure import Structure

__all__ = ["COMPONENTS", "MAX_CHARS", "PUBLISHED_YEARS", "default_pipeline", "extract", "extract_many", "load",
           "published_date", "to_article"]

logger = logging.getLogger("dvextract")

COMPONENTS = ("dvx_structure", "dvx_entities", "dvx_dates", "dvx_facts", "dvx_people")
_create_reader = create_reader  # the tokenizer's entry point in installs made before it moved to _reader


def load(gazetteers: Iterable[str | Path] = ()) -> Language:
    """A fresh dvextract pipeline: a spaCy ``Language`` whose components are registered factories.

    ``gazetteers`` are TSV files of your own entries (see the README) added to the packaged language data; their
    rows are kept by the ``dvx_entities`` component and saved with it (``nlp.to_disk``).
    """
    config = {"nlp": {"tokenizer": {"@tokenizers": "dvextract.Reader.v1"},
                      "after_creation": {"@callbacks": "dvextract.no_length_limit.v1"}}}
    nlp = spacy.blank("vi", config=config)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    entities = nlp.get_pipe("dvx_entities")
    assert isinstance(entities, _components.EntitiesComponent)
    entities.add_gazetteers(gazetteers)
    return nlp


_default: Language | None = None


def default_pipeline() -> Language:
    """The pipeline ``extract`` uses when given none: loaded once per process."""
    global _default
    if _default is None:
        _default = load()
    return _default




def _fields(id: Any, title: Any, url: Any) -> tuple[dict[str, str | None], list[Notice]]:
    """``id``, ``title`` and ``url`` as strings (a number id becomes its text); another type is dropped, warned."""
    fields: dict[str, str | None] = {}
    warnings = []
    for name, value in (("id", id), ("title", title), ("url", url)):
        if value is None or isinstance(value, str):
            fields[name] = value
        elif name == "id" and isinstance(value, int) and not isinstance(value, bool):
            fields[name] = str(value)
        else:
            fields[name] = None
            message = f"{name} must be text, not {type(value).__name__}; ignored"
            warnings.append(Notice(code="bad_field", message=message))
    return fields, warnings


def extract(
    text: Any,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | date | datetime | None = None,
    url: str | None = None,
    nlp: Language | None = None,
) -> Article:
    """Extract everything from one article. ``published`` (ISO date or datetime) anchors dates.

    Never raises on bad input: problems come back as ``Article.warnings`` (``severity="error"`` when nothing
    could be extracted).
    """
    fields, warnings = _fields(id, title, url)
    id, title, url = fields["id"], fields["title"], fields["url"]
    if not isinstance(text, str):
        message = f"the text must be a str, not {type(text).__name__}" + (
            " (decode it first)" if isinstance(text, (bytes, bytearray)) else "")
        return Article(id=id, text="", text_sha1=text_sha1(""), title=title, url=url,
                       warnings=[Notice(code="not_text", message=message, severity="error")])
    nlp = nlp or default_pipeline()
    try:
        doc = nlp.make_doc(text)
        state: ArticleState = doc._.dvx
        state.id, state.title, state.url = id, title, url
        state.warnings.extend(warnings)
        doc._.published = published
        return to_article(nlp(doc))
    except Exception as exc:
        logger.exception("extraction failed for article %s", id)
        return Article(
            id=id, text=text, text_sha1=text_sha1(text), title=title, url=url,
            warnings=[Notice(code="internal_error", message=f"{type(exc).__name__}: {exc}", severity="error")],
        )


def extract_many(items: Iterable[str | Mapping[str, Any]], *, nlp: Language | None = None) -> Iterator[Article]:
    """Extract from many articles, in order: each item a text or a mapping with ``text`` and optional
    ``id``, ``title``, ``published``, ``url``. For parallel work over archives use ``dvextract batch``."""
    nlp = nlp or default_pipeline()
    for item in items:
        if isinstance(item, str):
            yield extract(item, nlp=nlp)
        else:
            fields = {k: item.get(k) for k in ("id", "title", "published", "url")}
            yield extract(item.get("text") or "", nlp=nlp, **fields)


def to_article(doc: Doc) -> Article:
    """The record of a Doc the pipeline processed, every span mapped back onto the caller's text."""
    state = state_of(doc)
    source = state.source

    def span(r: Range, cls: type[Span] = Span, **fields: Any) -> Any:
        s, e = state.to_source(r[0], r[1])
        return cls(start=s, end=e, text=source[s:e], **fields)

    def opt(r: Range | None) -> Span | None:
        return span(r) if r else None

    st = state.structure or Structure()
    author = opt(st.author)
    return Article(
        id=state.id,
        text=source,
        text_sha1=text_sha1(source),
        title=state.title or (span(st.title).text if st.title else None),
        title_span=opt(st.title),
        author=author.text if author else None,
        byline=opt(st.byline),
        authors=[span(r) for r in st.authors],
        published=state.published.isoformat() if state.published else None,
        url=state.url,
        lead=opt(st.lead),
        paragraphs=[span(r) for r in st.paragraphs],
        captions=[span(r) for r in st.captions],
        boilerplate=[span(r, Boilerplate, kind=st.kind(r)) for r in st.boilerplate],
        sentences=[span(r) for r in state.sentences],
        entities=sorted((span((e.start, e.end), Entity, type=e.type, expansion=e.expansion)
                         for e in state.entities or []), key=lambda x: (x.start, -x.end)),
        people=[_person(p, span) for p in state.people or []],
        dates=sorted((span((d.start, d.end), DateMention, **_values(d)) for d in state.dates or []),
                     key=lambda x: x.start),
        facts=sorted((_fact(f, span, opt) for f in state.facts or []), key=lambda x: x.start),
        warnings=list(state.warnings),
    )


def _values(found: Any, *spans: str) -> dict[str, Any]:
    """A finding's fields other than its offsets (and the named nested spans)."""
    return {k: v for k, v in vars(found).items() if k not in ("start", "end", *spans)}


def _person(p: PersonFound, span: Any) -> Person:
    return Person(
        name=span(p.name).text,
        titles=[span((t.start, t.end)).text for t in p.titles],
        mentions=[span(m) for m in p.mentions],
        title_links=[span((t.start, t.end), PersonTitle, expansion=t.expansion, organization=t.organization)
                     for t in p.titles],
    )


def _fact(f: FactFound, span: Any, opt: Any) -> Fact:
    nested = {k: opt(getattr(f, k)) for k in ("subject", "date", "place")}
    return span((f.start, f.end), Fact, **_values(f, *nested), **nested)  # type: ignore[no-any-return]
