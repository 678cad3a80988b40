"""Gold annotations: reading, rehydrating and validating them, and reading CoNLL/BIO files.

Two formats give the same records (:class:`~dvextract.Article`, so gold and output compare field by field):

- the guidelines' format (``annotation-guidelines.md``): spans as objects with their ``text``, people as
  ``{"name", "titles"}`` strings; a dvextract output line (``Article.to_json()``) is read as it is;
- our compact format (``corpora/gold/README.md``): ``[type, start, end]`` lists, no text at all.

Neither needs to carry the article text: it is looked up by ``id`` in a JSONL archive (``{id, text, title,
published, url}``, gzip too) or, for a ``.txt`` file or a folder of them, by the SHA-1 of the text; then
``text_sha1`` is checked and every span's text rebuilt from its offsets.
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from . import _patterns
from ._records import Article, Boilerplate, DateMention, Entity, Fact, Person, PersonTitle, Span, text_sha1

__all__ = [
    "BOILERPLATE_KINDS",
    "CONLL_TYPES",
    "ENTITY_TYPES",
    "STRUCTURE",
    "GoldError",
    "default_texts",
    "gold_files",
    "load_gold",
    "problems",
    "read_conll",
    "read_records",
    "read_texts",
    "rehydrate",
    "split_sha",
    "to_article",
]

ENTITY_TYPES = ("PERSON", "TITLE", "ORGANIZATION", "LOCATION")
STRUCTURE = ("author", "byline", "caption", "boilerplate")
"""The spans of the structure gold (``corpora/structure/README.md``)."""
BOILERPLATE_KINDS = ("site", "teaser", "table")
CONLL_TYPES = {
    "PER": "PERSON", "PERSON": "PERSON", "NAME": "PERSON",
    "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION",
    "LOC": "LOCATION", "LOCATION": "LOCATION", "GPE": "LOCATION",
    "TITLE": "TITLE",
}
"""CoNLL entity labels read as ours when no tag map says otherwise (VLSP: PER/ORG/LOC; PhoNER_COVID19: NAME,
ORGANIZATION, LOCATION). Any other label (MISC, JOB, DATE, …) is dropped unless the tag map names it."""

_REPO = Path(__file__).resolve().parents[2]


class GoldError(ValueError):
    """A gold record that does not fit its text (or has no text to fit)."""


def default_texts() -> list[Path]:
    """Where texts are looked for when none are given: ``../shared/data/archive/articles.jsonl.gz`` and
    ``../shared/examples/`` beside the repository (of this source tree, or of the working directory)."""
    found: list[Path] = []
    for root in dict.fromkeys((_REPO, Path.cwd())):
        for path in (root.parent / "shared" / "data" / "archive" / "articles.jsonl.gz",
                     root.parent / "shared" / "examples"):
            if path.exists() and path not in found:
                found.append(path)
    return found


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``*.jsonl`` files of ``paths`` (a folder stands for the files in it)."""
    found: list[Path] = []
    for path in map(Path, paths):
        found += sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return found


def _open(path: Path) -> Any:
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


def read_records(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """The raw JSON lines of gold or prediction files (folders: their ``*.jsonl`` files)."""
    rows: list[dict[str, Any]] = []
    for path in gold_files(paths):
        with _open(path) as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as e:
                        raise GoldError(f"{path}:{n}: not JSON ({e})") from None
    return rows


def read_texts(
    sources: Iterable[str | Path], wanted: Iterable[tuple[str | None, str | None]]
) -> dict[str, dict[str, Any]]:
    """Article texts and metadata ``{text, title, published, url}`` for the ``(id, text_sha1)`` pairs wanted,
    keyed by id (JSONL sources: ``.jsonl``/``.jsonl.gz`` lines ``{id, text, …}``) or by SHA-1 (``.txt`` files,
    or each ``.txt`` of a folder). Text files are read first; an archive is read only as far as needed."""
    wanted = list(wanted)
    found: dict[str, dict[str, Any]] = {}

    def missing() -> set[str]:
        return {i for i, h in wanted if i not in found and h not in found and i is not None}

    paths = [p for s in map(Path, sources) for p in (sorted(s.glob("*.txt")) if s.is_dir() else [s])]
    shas = {h for _, h in wanted}
    for path in sorted(paths, key=lambda p: p.suffix != ".txt"):
        if path.suffix == ".txt":
            text = path.read_text(encoding="utf-8")
            digest = text_sha1(text)
            if digest in shas:
                found[digest] = {"text": text}
            continue
        want_ids = missing()
        if not want_ids:
            break
        with _open(path) as f:
            for line in f:
                # Cheap look at the id before parsing a whole article.
                m = _GOLD_ID.search(line)
                if m and json.loads(f'"{m.group(1)}"') not in want_ids:
                    continue
                row = json.loads(line)
                if row.get("id") in want_ids:
                    found[row["id"]] = {k: row.get(k) for k in ("text", "title", "published", "url")}
                    want_ids.discard(row["id"])
                    if not want_ids:
                        break
    return found


def load_gold(
    paths: Iterable[str | Path],
    *,
    texts: Iterable[str | Path] | None = None,
    split: str | None = None,
) -> list[Article]:
    """Gold articles from guideline-format or compact JSONL files, each rehydrated from its text and checked.

    ``texts``: archives or ``.txt`` files/folders to find texts in (default: :func:`default_texts`); a record
    carrying its own ``text`` needs none. ``split``: keep only records of that split (``dev``, ``test``,
    ``test-general``).
    Raises :class:`GoldError` listing every record that does not fit its text.
    """
    rows = [r for r in read_records(paths) if split is None or r.get("split") == split]
    return rehydrate(rows, texts=texts)


def rehydrate(rows: list[dict[str, Any]], *, texts: Iterable[str | Path] | None = None,
              known: Mapping[str, Article] | None = None, gold: bool = True) -> list[Article]:
    """Records from raw lines; texts from the line itself, ``known`` articles by id, or ``texts`` sources.
    ``gold=False`` (predictions) checks only that the spans fit the text, not the guidelines' rules."""
    known = known or {}
    need = [r for r in rows if "text" not in r and r.get("id") not in known]
    found = read_texts(default_texts() if texts is None else texts,
                       [(r.get("id"), r.get("text_sha1")) for r in need]) if need else {}
    articles: list[Article] = []
    errors: list[str] = []
    for row in rows:
        rid: str | None = row.get("id")
        sha: str | None = row.get("text_sha1")
        meta: dict[str, Any] | None
        if "text" in row:
            meta = {"text": row["text"]}
        elif rid is not None and rid in known:
            a = known[rid]
            meta = {"text": a.text, "title": a.title, "published": a.published, "url": a.url}
        else:
            meta = (found.get(rid) if rid is not None else None) or (found.get(sha) if sha is not None else None)
        if meta is None:
            errors.append(f"{rid}: no text found (give the archive or the .txt file it was annotated on)")
            continue
        issues = problems(row, meta["text"], gold=gold)
        if issues:
            errors += [f"{rid}: {i}" for i in issues]
            continue
        articles.append(to_article(row, meta))
    if errors:
        raise GoldError("\n".join(errors))
    return articles


def _compact(row: Mapping[str, Any]) -> bool:
    """The compact format: spans and people's names as ``[start, end]`` lists."""
    return any(isinstance(e, list) for e in row.get("entities") or []) or \
        any(isinstance(p.get("name"), list) for p in row.get("people") or [])


def _spans(row: Mapping[str, Any]) -> Iterator[tuple[str, int, int, str | None]]:
    """(what, start, end, text as written in the record or None) of every span of a raw record."""
    for e in row.get("entities") or []:
        if isinstance(e, list):
            yield e[0], e[1], e[2], None
        else:
            yield e["type"], e["start"], e["end"], e.get("text")
    for d in row.get("dates") or []:
        if isinstance(d, list):
            yield "date", d[0], d[1], None
        else:
            yield "date", d["start"], d["end"], d.get("text")
    for f in row.get("facts") or []:
        yield "fact", f["start"], f["end"], f.get("text")
    yield from _structure_spans(row)
    if _compact(row):
        for p in row.get("people") or []:
            yield "person name", *p["name"], None
            for t in p.get("titles") or []:
                yield "person title", *t, None


def _structure_spans(row: Mapping[str, Any]) -> Iterator[tuple[str, int, int, str | None]]:
    """The structure gold's spans (``STRUCTURE`` names them): authors, byline, captions, boilerplate, each a
    ``[start, end]`` list (boilerplate ``[start, end, kind]``) or a ``{start, end, text}`` object."""
    byline = row.get("byline")
    for what, items in (("author", row.get("authors")), ("byline", [byline] if byline else []),
                        ("caption", row.get("captions")), ("boilerplate", row.get("boilerplate"))):
        for item in items or []:
            if isinstance(item, list):
                yield what, item[0], item[1], None
            else:
                yield what, item["start"], item["end"], item.get("text")


def problems(row: Mapping[str, Any], text: str, *, gold: bool = True) -> list[str]:
    """Why a raw record does not fit ``text`` (empty when it does). ``gold``: also check the guidelines' rules
    (no white space at span edges, no PERSON/ORGANIZATION/LOCATION overlap, people point at entities)."""
    if row.get("text_sha1") and row["text_sha1"] != text_sha1(text):
        return [f"text_sha1 {row['text_sha1']} is not the SHA-1 of the text found ({text_sha1(text)})"]
    try:  # a hand-written or hostile file: a span too short, a number where a list belongs
        spans = list(_spans(row))
    except (LookupError, TypeError, AttributeError, ValueError) as exc:
        return [f"a span is not written [type, start, end] or {{type, start, end}} ({type(exc).__name__}: {exc})"]
    found = [problem for span in spans for problem in _span_problems(span, text, gold=gold)]
    if found or not gold:
        return found  # the guidelines' rules below read spans that fit the text
    return _overlaps(spans) + _unknown_types(spans) + _structure_problems(row) + _people_problems(row, text, spans)


def _span_problems(span: tuple[str, int, int, str | None], text: str, *, gold: bool) -> list[str]:
    """Why one span does not fit the text: outside it, its written text not the text's, or (gold) white space at
    an edge."""
    what, start, end, written = span
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{what} [{start}, {end}) is not a span of the {len(text)}-character text"]
    piece = text[start:end]
    found = []
    if written is not None and written != piece:
        found.append(f"{what} [{start}, {end}) says {written!r} but the text has {piece!r}")
    if gold and piece != piece.strip():
        found.append(f"{what} [{start}, {end}) {piece!r} starts or ends on white space")
    return found


def _overlaps(spans: list[tuple[str, int, int, str | None]]) -> list[str]:
    """Names of people, organizations and places never overlap (a title may hold an organization)."""
    named = sorted(((t, s, e) for t, s, e, _ in spans if t in ("PERSON", "ORGANIZATION", "LOCATION")),
                   key=lambda x: (x[1], x[2]))
    return [f"{t1} [{s1}, {e1}) and {t2} [{s2}, {e2}) overlap"
            for (t1, s1, e1), (t2, s2, e2) in itertools.pairwise(named) if s2 < e1]


def _unknown_types(spans: list[tuple[str, int, int, str | None]]) -> list[str]:
    known = {*ENTITY_TYPES, "date", "fact", "person name", "person title", *STRUCTURE}
    return [f"unknown entity type {what!r}" for what, *_ in spans if what not in known]


def _people_problems(row: Mapping[str, Any], text: str, spans: list[tuple[str, int, int, str | None]]) -> list[str]:
    """People point at entities: a compact record's name and titles by offsets, a guideline record's by text."""
    ents = {(t, s, e) for t, s, e, _ in spans if t in ENTITY_TYPES}
    texts = {(t, text[s:e]) for t, s, e in ents}
    found: list[str] = []
    for p in row.get("people") or []:
        if isinstance(p.get("name"), list):
            if ("PERSON", *p["name"]) not in ents:
                found.append(f"person name {p['name']} is not a PERSON entity")
            found += [f"person title {t} is not a TITLE entity" for t in p.get("titles") or []
                      if ("TITLE", *t) not in ents]
        else:
            if ("PERSON", p["name"]) not in texts:
                found.append(f"person name {p['name']!r} is not the text of a PERSON entity")
            found += [f"person title {t!r} is not the text of a TITLE entity" for t in p.get("titles") or []
                      if ("TITLE", t) not in texts]
    return found


def _structure_problems(row: Mapping[str, Any]) -> list[str]:
    """Structure gold rules: boilerplate kinds known, authors inside the byline, no two blocks overlapping."""
    found = [f"boilerplate {b} has no kind of {', '.join(BOILERPLATE_KINDS)}" for b in row.get("boilerplate") or []
             if isinstance(b, list) and (len(b) != 3 or b[2] not in BOILERPLATE_KINDS)]
    byline = row.get("byline")
    for a in row.get("authors") or []:
        s, e = (a[0], a[1]) if isinstance(a, list) else (a["start"], a["end"])
        if not byline or not (_start(byline) <= s and e <= _end(byline)):
            found.append(f"author [{s}, {e}) is not inside the byline")
    blocks = sorted((s, e, what) for what, s, e, _ in _structure_spans(row) if what != "author")
    for (s1, e1, w1), (s2, e2, w2) in itertools.pairwise(blocks):
        if s2 < e1:
            found.append(f"{w1} [{s1}, {e1}) and {w2} [{s2}, {e2}) overlap")
    return found


def _start(span: Any) -> int:
    return int(span[0] if isinstance(span, list) else span["start"])


def _end(span: Any) -> int:
    return int(span[1] if isinstance(span, list) else span["end"])


def to_article(row: Mapping[str, Any], meta: Mapping[str, Any]) -> Article:
    """A checked raw record (either format, or a dvextract output line) as an Article over ``meta["text"]``."""
    text: str = meta["text"]
    if "text" in row and not _compact(row) and set(row) <= set(Article.model_fields):  # a dvextract output line
        return Article.model_validate(row)
    return Article(id=row.get("id"), text=text, text_sha1=text_sha1(text), title=meta.get("title"),
                   published=meta.get("published"), url=meta.get("url"),
                   entities=_gold_entities(row, text), dates=_gold_dates(row, text), facts=_gold_facts(row, text),
                   people=_gold_people(row, text), **_structure_fields(row, text))


def _span(cls: type[Span], text: str, start: int, end: int, **fields: Any) -> Any:
    """A record of ``cls`` over ``text[start:end]``, its text rebuilt from the offsets."""
    return cls(start=start, end=end, text=text[start:end], **fields)


def _gold_entities(row: Mapping[str, Any], text: str) -> list[Entity]:
    """Entities written ``[type, start, end]`` or ``{type, start, end}``."""
    entities = []
    for e in row.get("entities") or []:
        t, s, end = (e[0], e[1], e[2]) if isinstance(e, list) else (e["type"], e["start"], e["end"])
        entities.append(_span(Entity, text, s, end, type=t))
    return entities


def _gold_dates(row: Mapping[str, Any], text: str) -> list[DateMention]:
    """Dates written ``[start, end, value]`` or ``{start, end, value}``."""
    dates = []
    for d in row.get("dates") or []:
        s, end, value = (d[0], d[1], d[2]) if isinstance(d, list) else (d["start"], d["end"], d.get("value"))
        dates.append(_span(DateMention, text, s, end, value=value))
    return dates


def _gold_facts(row: Mapping[str, Any], text: str) -> list[Fact]:
    """Facts, each ``{start, end, …}`` with its fields; the text is rebuilt from the offsets."""
    return [_span(Fact, text, f["start"], f["end"], **{k: v for k, v in f.items() if k not in ("start", "end", "text")})
            for f in row.get("facts") or []]


def _gold_people(row: Mapping[str, Any], text: str) -> list[Person]:
    """People: a compact record's name and titles as offsets (kept as mentions and title links), a guideline
    record's as their texts."""
    people = []
    for p in row.get("people") or []:
        if isinstance(p.get("name"), list):
            name = _span(Span, text, *p["name"])
            links = [_span(PersonTitle, text, *t) for t in p.get("titles") or []]
            people.append(Person(name=name.text, titles=[t.text for t in links], mentions=[name], title_links=links))
        else:
            people.append(Person(name=p["name"], titles=list(p.get("titles") or [])))
    return people


def _structure_fields(row: Mapping[str, Any], text: str) -> dict[str, Any]:
    """A structure gold record's byline, authors (``author``: from the first to the last), captions and
    boilerplate as Article fields; nothing for a record without them."""
    spans: dict[str, list[Span]] = {"author": [], "byline": [], "caption": []}
    for what, s, e, _ in _structure_spans(row):
        if what in spans:
            spans[what].append(Span(start=s, end=e, text=text[s:e]))
    authors = spans["author"]
    return {"authors": authors, "author": text[authors[0].start:authors[-1].end] if authors else None,
            "byline": spans["byline"][0] if spans["byline"] else None,
            "captions": spans["caption"], "boilerplate": _gold_boilerplate(row, text)}


def _gold_boilerplate(row: Mapping[str, Any], text: str) -> list[Boilerplate]:
    """The structure gold's boilerplate, each with its kind (``[start, end, kind]``; ``site`` when not given)."""
    found = []
    for item in row.get("boilerplate") or []:
        s, e = (item[0], item[1]) if isinstance(item, list) else (item["start"], item["end"])
        kind = (item[2] if len(item) > 2 else "site") if isinstance(item, list) else item.get("kind", "site")
        found.append(Boilerplate.model_validate({"start": s, "end": e, "text": text[s:e], "kind": kind}))
    return found



def split_sha(paths: Iterable[str | Path], split: str = "test") -> str:
    """SHA-1 of the records of one split (sorted by id, canonical JSON): changes when their annotations do."""
    rows = sorted((r for r in read_records(paths) if r.get("split") == split), key=lambda r: str(r.get("id")))
    canon = "\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
    return text_sha1(canon)


_TAG = _patterns.compile(r"^([BI])[-_](.+)$")
_GOLD_ID = _patterns.compile(r'"id":\s*"((?:[^"\\]|\\.)*)"')


def read_conll(
    path: str | Path,
    *,
    level: str = "syllable",
    tag_map: Mapping[str, str] | None = None,
    column: int = -1,
) -> list[Article]:
    """Entity annotations from a CoNLL/BIO file (PhoNER_COVID19, VLSP style) as Articles.

    One token per line, columns split on white space, the tag in ``column`` (default: the last), sentences
    separated by blank lines. ``-DOCSTART-`` lines separate documents; without them each sentence is one.
    Documents are numbered ``"1"``, ``"2"``, … so that a gold and a predicted file of the same tokens pair up.
    ``level="word"``: tokens are words whose syllables are joined by ``_`` (``Hà_Nội``), written with spaces
    in the text. Tokens are joined by single spaces, sentences by newlines. Tags are ``B-X``/``I-X``/``O``
    (an ``I-`` that does not continue an ``X`` starts one); ``X`` goes through ``tag_map`` (then
    :data:`CONLL_TYPES`), and labels mapped to nothing we know are dropped.
    """
    if level not in ("syllable", "word"):
        raise ValueError(f"level must be 'syllable' or 'word', not {level!r}")
    mapping = {**CONLL_TYPES, **(tag_map or {})}
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    doc: list[list[tuple[str, str]]] = []
    marked = False
    with _open(Path(path)) as f:
        for n, line in enumerate(f, 1):
            cols = line.split()
            if cols and cols[0] == "-DOCSTART-":
                marked = True
                if sentence:
                    doc.append(sentence)
                    sentence = []
                if doc:
                    docs.append(doc)
                    doc = []
                continue
            if not cols:
                if sentence:
                    doc.append(sentence)
                    sentence = []
                continue
            if len(cols) < 2:
                raise GoldError(f"{path}:{n}: expected a token and a tag, got {line.rstrip()!r}")
            sentence.append((cols[0], cols[column]))
    if sentence:
        doc.append(sentence)
    if doc:
        docs.append(doc)
    if not marked:  # no document marks: every sentence is a document
        docs = [[s] for d in docs for s in d]
    return [_conll_article(str(i), d, level, mapping) for i, d in enumerate(docs, 1)]


def _conll_article(doc_id: str, sentences: list[list[tuple[str, str]]], level: str,
                   mapping: Mapping[str, str]) -> Article:
    pieces: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0
    for k, sentence in enumerate(sentences):
        if k:
            pieces.append("\n")
            pos += 1
        current: list[Any] | None = None  # [label, start, end]
        for j, (token, tag) in enumerate(sentence):
            word = token.replace("_", " ") if level == "word" and token.strip("_") else token
            if j:
                pieces.append(" ")
                pos += 1
            start, pos = pos, pos + len(word)
            pieces.append(word)
            m = _TAG.match(tag)
            label = m.group(2) if m else None
            if m and m.group(1) == "I" and current is not None and current[0] == label:
                current[2] = pos
                continue
            if current is not None:
                spans.append(tuple(current))
            current = [label, start, pos] if m else None
        if current is not None:
            spans.append(tuple(current))
    text = "".join(pieces)
    entities = [Entity(type=mapping[label], start=s, end=e, text=text[s:e])  # type: ignore[arg-type]
                for label, s, e in spans if mapping.get(label) in ENTITY_TYPES]
    return Article(id=doc_id, text=text, text_sha1=text_sha1(text), entities=entities)
