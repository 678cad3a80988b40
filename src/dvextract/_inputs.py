"""Reading articles from files: ``.txt``, ``.html``, JSONL (``.jsonl``, ``.jsonl.gz``) and web archives (``.warc``,
``.warc.gz``), given as files, folders or globs, local or any fsspec path (``s3://…``).

Every input yields exactly one item: an article, or an error item saying why it could not be read (invalid
UTF-8, broken JSON, no text, too large, a gzip bomb, an HTML page with no article). Nothing is dropped silently.

HTML goes through trafilatura (main text, title, author, publication date, site metadata). It is parsed with
network access off: nothing a page references is fetched. A page is refused with a reason when it has no main
text (``no_main_text``), is not Vietnamese (``not_vietnamese``) or lists many articles (``home_page``).
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from . import _patterns
from ._extras import MissingExtra, require

__all__ = ["Item", "expand", "read_items", "read_stdin", "resolve"]

MAX_TEXT_BYTES = 8_000_000
"""A ``.txt`` file or JSONL line over this is refused (the extractor's own limit is 200,000 characters)."""
MAX_HTML_BYTES = 5_000_000
MAX_HTML_DEPTH = 200
"""Deeper element nesting is refused (the sample news pages nest 13–55 deep; libxml2 itself stops at 256)."""
MAX_HTML_ELEMENTS = 10_000
"""A page with more elements is refused before trafilatura reads it (the sample news pages have 421–1,814; at
10,000 inline elements in nine paragraphs trafilatura takes 0.6 CPU s, at 19,000 2.7 s, at 100,000 minutes)."""
MAX_HTML_CHILDREN = 1_000
"""An element with more children is refused likewise (the sample pages have at most 147 to one element; 10,000
``<b>`` in one paragraph take trafilatura 5 s)."""
MAX_TAG_ATTRIBUTES = 1_000
"""A tag with more attributes is refused before parsing: libxml2 checks each attribute against the tag's others,
so a tag of 100,000 attributes takes minutes (the sample news pages have at most a few dozen per tag)."""
GZIP_RATIO = 100
"""A gzip file may expand to ``GZIP_RATIO`` × its size + 64 MiB; past that it is a gzip bomb and reading stops."""

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".json.gz", ".ndjson", ".warc", ".warc.gz")


@dataclass
class Item:
    id: str
    source: str
    text: str = ""
    title: str | None = None
    published: str | None = None
    url: str | None = None
    error: str | None = None
    """Why this input could not be read; ``None`` for a readable article."""
    html: bytes | None = None
    """The raw page of an HTML input, until :func:`resolve` turns it into text and metadata."""
    meta: dict[str, Any] = field(default_factory=dict)
    """What the page says about itself beyond the record's fields: author, site, description, capture date…"""

    def fields(self, published: str | None = None) -> dict[str, Any]:
        """The keyword arguments of ``extract``; ``published`` stands in when the input gives no date."""
        return {"id": self.id, "title": self.title, "published": self.published or published, "url": self.url}


class BombError(ValueError):
    pass


# ---------------------------------------------------------------------------------------------------- files


def expand(inputs: Iterable[str | Path]) -> list[str]:
    """Files named by ``inputs`` (files, folders searched recursively for known suffixes, globs), sorted."""
    import fsspec

    found: list[str] = []
    for spec in map(str, inputs):
        fs, path = fsspec.core.url_to_fs(spec)
        prefix = "" if _is_local(fs) else f"{_protocol(fs)}://"
        if any(c in spec for c in "*?["):
            names = sorted(fs.glob(path))
        elif fs.isdir(path):
            names = sorted(p for p in fs.find(path) if p.lower().endswith(SUFFIXES))
        else:
            names = [path]
        found += [prefix + n for n in names if not fs.isdir(n)]
    return found


def _protocol(fs: Any) -> str:
    return fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]


def _is_local(fs: Any) -> bool:
    return _protocol(fs) in ("file", "local")


def read_items(path: str | Path, *, parse_html: bool = True) -> Iterator[Item]:
    """The articles of one file. With ``parse_html=False`` HTML stays raw for :func:`resolve` (in a worker)."""
    import fsspec

    name = str(path)
    lower = name.lower()
    with fsspec.open(name, "rb") as raw:
        size = _size(raw)
        if lower.endswith((".jsonl", ".jsonl.gz", ".json.gz", ".ndjson")):
            items: Iterable[Item] = _read_jsonl(name, _guarded(raw, name, size))
        elif lower.endswith((".warc", ".warc.gz")):
            items = _read_warc(name, raw)
        elif lower.endswith((".html", ".htm")):
            items = [_read_html_file(name, raw)]
        else:
            items = [_read_text(name, raw)]
        for item in items:
            yield resolve(item) if parse_html else item


def read_stdin(stream: IO[bytes]) -> Iterator[Item]:
    """The articles of standard input (``-``): JSONL lines when it starts with ``{``, else one text."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[type-var]
    if buffered.peek(4096)[:4096].lstrip().startswith(b"{"):
        items: Iterable[Item] = _read_jsonl("-", buffered)
    else:
        items = [_read_text("-", buffered)]
    for item in items:
        yield resolve(item)


def _size(f: IO[bytes]) -> int:
    try:
        here = f.tell()
        end = f.seek(0, io.SEEK_END)
        f.seek(here)
        return end
    except (OSError, ValueError):
        return 0


class _Limited(io.RawIOBase):
    """A decompressed stream that raises :class:`BombError` past its byte budget."""

    def __init__(self, stream: IO[bytes], limit: int):
        self.stream, self.limit, self.count = stream, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise BombError(f"gzip_bomb: decompresses to over {self.limit:,} bytes; the rest of the file is skipped")
        buffer[: len(data)] = data
        return len(data)


def _guarded(raw: IO[bytes], name: str, size: int) -> IO[bytes]:
    if not name.lower().endswith(".gz"):
        return raw
    limit = GZIP_RATIO * size + 64 * 2**20
    unzipped: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
    return io.BufferedReader(_Limited(unzipped, limit), buffer_size=2**16)


def _stem(name: str) -> str:
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return base.split(".", 1)[0] if base.endswith(".gz") else base.rsplit(".", 1)[0] if "." in base else base


def _read_text(name: str, raw: IO[bytes]) -> Item:
    data = raw.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        return Item(id=_stem(name), source=name, error=f"too_large: over {MAX_TEXT_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Item(id=_stem(name), source=name, error=f"invalid_utf8: {exc}")
    return Item(id=_stem(name), source=name, text=text)


def _read_jsonl(name: str, f: IO[bytes]) -> Iterator[Item]:
    lineno = 0
    where = f"{name}:1"
    try:
        while True:
            where = f"{name}:{lineno + 1}"
            raw = f.readline(MAX_TEXT_BYTES + 1)
            if not raw:
                return
            lineno += 1
            if len(raw) > MAX_TEXT_BYTES and not raw.endswith(b"\n"):
                while (rest := f.readline(2**20)) and not rest.endswith(b"\n"):
                    pass
                yield Item(id=where, source=where, error=f"too_large: a line of over {MAX_TEXT_BYTES:,} bytes")
                continue
            if raw.strip():
                yield _jsonl_item(where, raw)
    except BombError as exc:
        yield Item(id=where, source=where, error=str(exc))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        reason = f"unreadable: {type(exc).__name__}: {exc}; the rest of the file is skipped"
        yield Item(id=where, source=where, error=reason)


def _jsonl_item(where: str, raw: bytes) -> Item:
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Item(id=where, source=where, error=f"invalid_utf8: {exc}")
    except json.JSONDecodeError as exc:
        return Item(id=where, source=where, error=f"invalid_json: {exc}")
    except RecursionError:  # json's decoder recurses once per level: `[[[[…` a million deep
        return Item(id=where, source=where, error="invalid_json: values nested too deep to read")
    if not isinstance(record, dict):
        return Item(id=where, source=where, error="invalid_json: a line is not a JSON object")

    def string(key: str) -> str | None:
        value = record.get(key)
        return value if isinstance(value, str) else None

    item = Item(id=str(record.get("id") or where), source=where, title=string("title"), url=string("url"),
                published=str(record["published"]) if record.get("published") else None)
    if isinstance(record.get("text"), str):
        return replace(item, text=record["text"])
    if isinstance(record.get("html"), str):
        return replace(item, html=record["html"].encode("utf-8"))
    return replace(item, error="no_text: the record has no string field 'text' or 'html'")


# ---------------------------------------------------------------------------------------------------- HTML


def _read_html_file(name: str, raw: IO[bytes]) -> Item:
    data = raw.read(MAX_HTML_BYTES + 1)
    if len(data) > MAX_HTML_BYTES:
        return Item(id=_stem(name), source=name, error=f"too_large: an HTML page of over {MAX_HTML_BYTES:,} bytes")
    return Item(id=_stem(name), source=name, html=data)


def _read_warc(name: str, raw: IO[bytes]) -> Iterator[Item]:
    """The HTML responses of a web archive (status 200), with the capture's URL and date; an error item when the
    file is not a web archive, is broken, or holds no HTML page."""
    records = require("warcio.archiveiterator", "reading web archives").ArchiveIterator(raw)
    seen = pages = 0
    try:
        for record in records:
            seen += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if record.http_headers.get_statuscode() != "200" or "html" not in ctype:
                continue
            data = record.content_stream().read(MAX_HTML_BYTES + 1)
            where = _warc_where(name, records)  # only once the content is read
            item = Item(id=record.rec_headers.get_header("WARC-Record-ID") or where, source=where,
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        meta={"captured": record.rec_headers.get_header("WARC-Date")})
            pages += 1
            if len(data) > MAX_HTML_BYTES:
                yield replace(item, error=f"too_large: an HTML page of over {MAX_HTML_BYTES:,} bytes")
            else:
                yield replace(item, html=data)
    except Exception as exc:  # noqa: BLE001 - warcio raises plain Exceptions on broken archives
        where = _warc_where(name, records)
        what = "unreadable" if seen else "not_warc"
        why = f"{what}: {type(exc).__name__}: {exc}; the rest of the archive is skipped"
        yield Item(id=where, source=where, error=why)
        return
    if not pages:
        why = (f"not_warc: no WARC record in {name}" if not seen
               else f"no_html: none of its {seen} records is an HTML page")
        yield Item(id=name, source=name, error=why)


def _warc_where(name: str, records: Any) -> str:
    """``file@offset`` of the current record; the file alone where warcio has no offset (not a WARC at all)."""
    try:
        return f"{name}@{records.get_record_offset()}"
    except Exception:  # noqa: BLE001 - warcio fails on its own bookkeeping when nothing was read
        return name


def resolve(item: Item) -> Item:
    """An HTML item turned into its main text and metadata, or into an error item saying why it has none."""
    if item.html is None or item.error:
        return item
    try:
        return _from_html(replace(item, html=None), item.html)
    except MissingExtra:
        raise  # not the page's fault: the install lacks the HTML extra
    except Exception as exc:  # noqa: BLE001 - one hostile page must never stop a batch
        return replace(item, html=None, error=f"bad_html: {type(exc).__name__}: {exc}")


def _from_html(item: Item, data: bytes) -> Item:
    """The page's main text and metadata (trafilatura), or an error item: a page that is not HTML text, too big
    for trafilatura to read in bounded time, or not one Vietnamese article."""
    require("lxml_html_clean", "reading HTML")
    trafilatura = require("trafilatura", "reading HTML")
    import lxml.html

    why = _not_html_text(data)
    if why:
        return replace(item, error=why)
    page = _XML_DECLARATION.sub("", _decode(data), count=1)
    crowded = _most_attributes(page)
    if crowded > MAX_TAG_ATTRIBUTES:
        return replace(item, error=f"too_many_attributes: a tag has {crowded:,} attributes, over the limit of "
                                   f"{MAX_TAG_ATTRIBUTES:,}")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, huge_tree=False)
    tree = lxml.html.document_fromstring(page, parser=parser)
    crowding = _crowding(tree)
    if crowding:
        return replace(item, error=crowding)
    page_title = " ".join((tree.findtext(".//title") or "").split())
    headings = [" ".join(h.text_content().split()) for h in tree.iter("h1", "h2", "h3")]
    doc = trafilatura.bare_extraction(tree, url=item.url, with_metadata=True, include_comments=False,
                                      favor_precision=True)
    given_url = item.url or ""
    item = _as_read(item, doc, page_title, headings)
    why = _not_an_article(item, page_title, headings, given_url)
    return replace(item, error=why) if why else item


def _not_html_text(data: bytes) -> str | None:
    """Why the raw bytes are no page to parse (NUL bytes in its first 64 KiB: binary; nothing but white space),
    or None."""
    head = data[:65536]
    if head.count(b"\x00") > 0.01 * len(head):
        return "binary: the page holds NUL bytes; it is not HTML text"
    if not data.strip():
        return "no_main_text: the page is empty"
    return None


def _as_read(item: Item, doc: Any, page_title: str, headings: list[str]) -> Item:
    """The item with what trafilatura read (``doc``, None when it read nothing): the main text, the page's
    metadata, its date where the input gave none, its title and URL where the input gave none."""
    text = (doc.text or "").strip() if doc is not None else ""
    meta = _page_meta(item.meta, doc)
    published = item.published or meta.get("date") or meta.get("captured")
    story = _story_title(page_title, headings, doc)
    return replace(item, text=text, title=item.title or story or None,
                   url=item.url or (doc.url if doc is not None else None), published=published, meta=meta)


def _page_meta(given: dict[str, Any], doc: Any) -> dict[str, Any]:
    """The input's metadata and what the page says about itself (author, site, description, date…)."""
    meta = dict(given)
    if doc is None:
        return meta
    for key in ("author", "sitename", "hostname", "description", "categories", "tags", "pagetype"):
        value = getattr(doc, key, None)
        if value:
            meta[key] = value
    if doc.date:
        meta["date"] = doc.date
    return meta


def _story_title(page_title: str, headings: list[str], doc: Any) -> str:
    """The story's title: the page title's lead when a heading repeats it (the page title also names the site,
    the heading does not), else the title trafilatura found; empty when neither."""
    story = _lead(page_title)
    if len(story) < 15 or not any(h.casefold().startswith(story.casefold()) for h in headings):
        story = (doc.title if doc is not None else None) or ""
    return story


def _not_an_article(item: Item, page_title: str, headings: list[str], given_url: str) -> str | None:
    """Why a read page is not one Vietnamese article (no main text, not Vietnamese, a home page), or None."""
    if not item.text:
        return "no_main_text: trafilatura found no main text on the page"
    from ._refusal import refusal as _refusal

    refusal = _refusal(item.text)
    if refusal and refusal["code"] in ("not_vietnamese", "binary"):
        return f"{refusal['code']}: {refusal['message']}"
    why = _listing(page_title, headings, item.text, item.meta, given_url)
    if why:
        return f"home_page: {why}; a page that lists articles is not one article"
    return None


_XML_DECLARATION = _patterns.compile(r"^\s*<\?xml[^>]*\?>")
_LONG_TAG = _patterns.compile(r"<[^<>]{4000,}")  # linear: a run of the class is read once, from its '<'
_ATTRIBUTE = _patterns.compile(r"\s[^\s=<>\"']+\s*=")


def _crowding(tree: Any) -> str | None:
    """Why a parsed page has too many elements for trafilatura to read in bounded time, or None: its work grows
    with the square of a page's inline elements (100,000 ``<b>`` in one paragraph: over 150 s; 100,000
    paragraphs: 40 s), so the elements are counted here first."""
    import lxml.etree

    depth = deepest = elements = children = 0
    for event, element in lxml.etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        elements += 1
        deepest = max(deepest, depth)
        children = max(children, len(element))
    if deepest > MAX_HTML_DEPTH:
        return f"too_deep: elements nest {deepest} deep, over the limit of {MAX_HTML_DEPTH}"
    if elements > MAX_HTML_ELEMENTS:
        return f"too_many_elements: the page has {elements:,} elements, over the limit of {MAX_HTML_ELEMENTS:,}"
    if children > MAX_HTML_CHILDREN:
        return f"too_many_children: an element has {children:,} children, over the limit of {MAX_HTML_CHILDREN:,}"
    return None


def _most_attributes(page: str) -> int:
    """The most attributes any tag of the page has, counted only in tags long enough to hold over 1,000."""
    return max((sum(1 for _ in _patterns.finditer(_ATTRIBUTE, m.group())) for m in _patterns.finditer(_LONG_TAG, page)),
               default=0)


def _decode(data: bytes) -> str:
    """The page as text: UTF-8, else the encoding the page or its bytes suggest (never decompressing anything)."""
    from trafilatura.utils import detect_encoding

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in detect_encoding(data):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


_STAMP = _patterns.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}")
_ROOT_URL = _patterns.compile(r"https?://[^/]+/?(index\.\w+)?")
# (?<!\s): tried only where a run of spaces starts, so a long run is read once (without it: quadratic)
_TITLE_SEPARATOR = _patterns.compile(r"(?<!\s)(?:\s+[-|–—:]\s+|\s*\|\s*)")


def _listing(page_title: str, headings: list[str], text: str, meta: dict[str, Any], url: str) -> str | None:
    """Why the page looks like a home or section page rather than an article, or None."""
    if meta.get("pagetype") == "website":
        return "the page calls itself a website (og:type), not an article"
    if _ROOT_URL.fullmatch(url):
        return "its URL is a site's root"
    stamps = set(_STAMP.findall(text))
    if len(stamps) >= 5:
        return f"its main text carries {len(stamps)} different publication times"
    title, story = page_title.casefold(), _lead(page_title).casefold()
    if page_title and not any(len(h) >= 15 and (h.casefold() in title or story in h.casefold()) for h in headings):
        return f"no heading repeats the page title {page_title[:80]!r}"
    return None


def _lead(title: str) -> str:
    """The story part of a page title: before the site name (``Story - Section | Site``)."""
    return _TITLE_SEPARATOR.split(title, maxsplit=1)[0].strip()
