"""The spaCy pipeline, and the plain API over it: ``load``, ``extract``, ``extract_many``.

Reading an article (normalizing it, finding its structure, segmenting it) is the pipeline's tokenizer, so that
``nlp(text)`` and ``nlp.pipe(texts, n_process=…)`` work as in any spaCy pipeline. The extractors are registered
components (see ``_components``). Everything they find is kept on ``doc._.dvx`` in working-text offsets, as plain
lists that survive spaCy's multiprocessing; :func:`to_article` maps it back onto the caller's text.
"""

from __future__ import annotations

import logging
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import _patterns, _segment
from ._patterns import PatternTimeout
from ._records import Article, DateMention, Entity, Fact, Notice, Person, PersonTitle, Span, text_sha1
from ._text import NormalizedText, normalize

__all__ = ["COMPONENTS", "MAX_CHARS", "PUBLISHED_YEARS", "extract", "extract_many", "load", "published_date",
           "to_article"]

logger = logging.getLogger("dvextract")

MAX_CHARS = 200_000
"""Longer articles are refused with an error record. The archive's longest article has 19,466 characters; hostile
text at this limit takes up to about 10 s (``tests/test_adversarial.py``), at 1,000,000 up to half a minute."""
COMPONENTS = ("dvx_structure", "dvx_entities", "dvx_dates", "dvx_facts", "dvx_people")

if not Doc.has_extension("dvx"):
    Doc.set_extension("dvx", default=None)


@spacy.registry.tokenizers("dvextract.Reader.v1")
def _create_reader() -> Any:
    def make(nlp: Language) -> Reader:
        return Reader(nlp.vocab)

    return make


class Reader:
    """Tokenizer: raw article text → Doc over the working text, with structure and sentences."""

    def __init__(self, vocab: Any):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        state: dict[str, Any] = {"source": text, "warnings": [], "title": None, "published": None, "id": None}
        refusal = _refusal(text)
        if refusal:
            state["warnings"].append(refusal)
            doc = Doc(self.vocab, words=[])
            doc._.dvx = state
            return doc
        norm = normalize(text)
        work = norm.text
        blocks, cut = _bounded(work, [m.span() for m in _LINE.finditer(work)])
        if cut:
            state["warnings"].append(_notice(
                "long_run", f"{cut:,} runs of over {MAX_RUN} characters without a space were cut into pieces"))
        sentences = [s for block in blocks for s in _segment.sentences(work, block)]
        try:
            with _patterns.charged(_patterns.Budget.for_text(len(work))):  # as every component: linear work
                ranges = _segment.words_in(work, sentences)
        except PatternTimeout as exc:  # words at spaces rather than no article (OverBudget is one too)
            state["warnings"].append(_notice("pattern_timeout", f"segmentation: {exc}; words are split at spaces"))
            ranges = [m.span() for m in _WORD.finditer(work)]
        words, spaces, sent_starts = _tokens(work, ranges, {s for s, _ in sentences})
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        if norm._starts is not None:
            state["map"] = (norm._starts, norm._ends)
        state.update(work=work, sentences=sentences)
        doc._.dvx = state
        return doc


_LINE = _patterns.compile(r"[^\n]*\S[^\n]*")
MAX_RUN = 200
"""Longest run of characters without a space that underthesea reads in one piece. Its sentence splitter and word
tokenizer take time quadratic in such a run (``a.a.a.…``, ``1.1.1.…``: minutes for 100,000 characters); no
archive article has a run over 200 characters. A longer run is cut into pieces, each cut ending a sentence."""
_WORD = _patterns.compile(r"\S+")  # linear: one greedy class
_RUN = _patterns.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}")  # linear: each run is scanned once, from its start


def _bounded(text: str, lines: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int]:
    """The lines, cut every ``MAX_RUN`` characters inside any longer run without a space; and how many runs."""
    blocks: list[tuple[int, int]] = []
    runs = 0
    for start, end in lines:
        for m in _RUN.finditer(text, start, end):
            runs += 1
            for pos in range(m.start() + MAX_RUN, m.end(), MAX_RUN):
                blocks.append((start, pos))
                start = pos
        blocks.append((start, end))
    return blocks, runs


def _tokens(text: str, ranges: list[tuple[int, int]], starts: set[int]) -> tuple[list[str], list[bool], list[bool]]:
    """Doc words, trailing spaces and sentence starts for word ranges in text order: what spaCy's
    ``get_words_and_spaces`` gives (text between words becomes a token of its own, a single space after a
    word its trailing space), in one pass instead of a search of the rest of the text for every word."""
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool] = []
    pos = 0
    for s, e in ranges:
        if s > pos:
            words.append(text[pos:s])
            spaces.append(False)
            sent_starts.append(len(words) == 1)
        words.append(text[s:e])
        spaces.append(False)
        sent_starts.append(len(words) == 1 or s in starts)
        pos = e
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
        sent_starts.append(len(words) == 1)
    return words, spaces, sent_starts


def _refusal(text: str) -> dict[str, str] | None:
    """Why an input cannot be read as an article, or None."""
    if not text.strip():
        return _notice("empty_text", "the article has no text", "error")
    if len(text) > MAX_CHARS:
        return _notice("too_large", f"{len(text):,} characters, over the limit of {MAX_CHARS:,}", "error")
    sample = unicodedata.normalize("NFC", text[:20000])
    junk = len(_JUNK.findall(sample))
    if junk > 0.05 * len(sample):
        return _notice("binary", f"{junk} of the first {len(sample)} characters are control or undecodable", "error")
    letters = sum(map(str.isalpha, sample))
    if letters >= 200:
        viet = sum(map(_VIETNAMESE_LETTERS.__contains__, sample))
        if viet < 0.03 * letters:
            return _notice("not_vietnamese", "the text does not look Vietnamese (too few Vietnamese letters)", "error")
    return None


_VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
# Counted by a pattern rather than character by character (the check reads up to 20,000 characters).
_JUNK = _patterns.compile(r"[[\ufffd\p{Cc}\p{Cs}\p{Co}]--[\n\r\t]]", _patterns.regex.V1)


def _notice(code: str, message: str, severity: str = "warning") -> dict[str, str]:
    return {"code": code, "message": message, "severity": severity}


def load(gazetteers: Iterable[str] = ()) -> Language:
    """A fresh dvextract pipeline: a spaCy ``Language`` whose components are registered factories.

    ``gazetteers`` are TSV files of your own entries (see the README) added to the packaged language data.
    """
    from . import _components  # noqa: F401 - registers the factories

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "dvextract.Reader.v1"}}})
    nlp.max_length = sys.maxsize  # the Reader refuses long articles itself, with an error record
    for name in COMPONENTS:
        config = {"gazetteers": list(map(str, gazetteers))} if name == "dvx_entities" else {}
        nlp.add_pipe(name, config=config)
    return nlp


_default: Language | None = None


def _nlp() -> Language:
    global _default
    if _default is None:
        _default = load()
    return _default


PUBLISHED_YEARS = range(1000, 9000)
"""Publication years dates can be anchored on: relative dates (``năm sau``, ``300 năm trước``) stay four-digit
years that ``datetime`` holds; a date outside is ignored with a warning."""


def published_date(value: str | datetime) -> datetime:
    """A publication date: a ``datetime`` or ISO / ``dd/mm/yyyy [HH:MM]`` text; ``ValueError`` if it is none."""
    when = value if isinstance(value, datetime) else None
    text = str(value).strip()
    for parse in (datetime.fromisoformat, lambda s: datetime.strptime(s, "%d/%m/%Y %H:%M"),
                  lambda s: datetime.strptime(s, "%d/%m/%Y")):
        if when is not None:
            break
        try:
            when = parse(text.replace("Z", "+00:00"))
        except ValueError:
            continue
    if when is None:
        raise ValueError(f"publication date {text!r} is not a date (YYYY-MM-DD)")
    if when.year not in PUBLISHED_YEARS:
        raise ValueError(f"publication date {text!r} is outside the years {PUBLISHED_YEARS[0]}-{PUBLISHED_YEARS[-1]}")
    return when.replace(tzinfo=None)


def _published(value: Any) -> tuple[datetime | None, dict[str, str] | None]:
    if value is None or value == "":
        return None, None
    try:
        return published_date(value), None
    except (ValueError, TypeError) as exc:
        return None, _notice("bad_published", f"{exc}; ignored")


def _fields(id: Any, title: Any, url: Any) -> tuple[dict[str, str | None], list[dict[str, str]]]:  # noqa: A002
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
            warnings.append(_notice("bad_field", f"{name} must be text, not {type(value).__name__}; ignored"))
    return fields, warnings


def extract(
    text: Any,
    *,
    id: str | None = None,  # noqa: A002 - the guidelines' field name
    title: str | None = None,
    published: str | datetime | None = None,
    url: str | None = None,
    nlp: Language | None = None,
) -> Article:
    """Extract everything from one article. ``published`` (ISO date or datetime) anchors dates.

    Never raises on bad input: problems come back as ``Article.warnings`` (``severity="error"`` when nothing
    could be extracted).
    """
    fields, warnings = _fields(id, title, url)
    id, title, url = fields["id"], fields["title"], fields["url"]  # noqa: A001
    if not isinstance(text, str):
        message = f"the text must be a str, not {type(text).__name__}" + (" (decode it first)" if isinstance(
            text, (bytes, bytearray)) else "")
        return Article(id=id, text="", text_sha1=text_sha1(""), title=title, url=url,
                       warnings=[Notice(code="not_text", message=message, severity="error")])
    nlp = nlp or _nlp()
    when, bad = _published(published)
    try:
        doc = nlp.make_doc(text)
        doc._.dvx.update(id=id, title=title, published=when.isoformat() if when else None, url=url)
        doc._.dvx["warnings"] += warnings + ([bad] if bad else [])
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return to_article(doc)
    except Exception as exc:  # noqa: BLE001 - one bad article must never stop a batch
        logger.exception("extraction failed for article %s", id)
        return Article(
            id=id, text=text, text_sha1=text_sha1(text), title=title, url=url,
            warnings=[Notice(code="internal_error", message=f"{type(exc).__name__}: {exc}", severity="error")],
        )


def extract_many(items: Iterable[str | Mapping[str, Any]], *, nlp: Language | None = None) -> Iterator[Article]:
    """Extract from many articles, in order: each item a text or a mapping with ``text`` and optional
    ``id``, ``title``, ``published``, ``url``. For parallel work over archives use ``dvextract batch``."""
    nlp = nlp or _nlp()
    for item in items:
        if isinstance(item, str):
            yield extract(item, nlp=nlp)
        else:
            fields = {k: item.get(k) for k in ("id", "title", "published", "url")}
            yield extract(item.get("text") or "", nlp=nlp, **fields)


def to_article(doc: Doc) -> Article:
    """The record of a processed Doc, every span mapped back onto the caller's text."""
    state = doc._.dvx
    source: str = state["source"]
    mapping = state.get("map")
    norm = NormalizedText(source, state.get("work", source), *(mapping or (None, None)))

    def span(r: Any, cls: type[Span] = Span, **fields: Any) -> Any:
        s, e = norm.to_source(r[0], r[1])
        return cls(start=s, end=e, text=source[s:e], **fields)

    def opt(r: Any) -> Span | None:
        return span(r) if r else None

    st = state.get("structure") or {}
    entities = [span(e, Entity, type=e[2], expansion=e[3]) for e in state.get("entities", [])]
    people = []
    for name, mentions, titles in state.get("people", []):
        people.append(Person(
            name=span(name).text,
            titles=[span(t).text for t in titles],
            mentions=[span(m) for m in mentions],
            title_links=[span(t, PersonTitle, expansion=t[2], organization=t[3]) for t in titles],
        ))
    dates = [span(d, DateMention, **d[2]) for d in state.get("dates", [])]
    facts = []
    for s, e, fields in state.get("facts", []):
        fields = dict(fields)
        for key in ("subject", "date", "place"):
            fields[key] = opt(fields.get(key))
        facts.append(span((s, e), Fact, **fields))
    author = opt(st.get("author"))
    return Article(
        id=state.get("id"),
        text=source,
        text_sha1=text_sha1(source),
        title=state.get("title") or (span(st["title"]).text if st.get("title") else None),
        title_span=opt(st.get("title")),
        author=author.text if author else None,
        byline=opt(st.get("byline")),
        published=state.get("published"),
        url=state.get("url"),
        lead=opt(st.get("lead")),
        paragraphs=[span(r) for r in st.get("paragraphs", [])],
        captions=[span(r) for r in st.get("captions", [])],
        boilerplate=[span(r) for r in st.get("boilerplate", [])],
        sentences=[span(r) for r in state.get("sentences", [])],
        entities=sorted(entities, key=lambda x: (x.start, -x.end)),
        people=people,
        dates=sorted(dates, key=lambda x: x.start),
        facts=sorted(facts, key=lambda x: x.start),
        warnings=[Notice(**w) for w in state["warnings"]],
    )
