"""The typed state the pipeline's components pass along a Doc: ``doc._.dvx`` is an :class:`ArticleState`.

Extractors work on one normalized working copy of the input (see ``_text``), so the state keeps their findings
in working-text offsets, typed, together with the map back onto the input; ``to_article`` and the Doc's spans
map them through :meth:`ArticleState.to_source`. ``None`` in a finding field means that component has not run.

The state pickles as any dataclass, and travels through spaCy's multiprocessing (``nlp.pipe(…, n_process=2)``),
``Doc.to_bytes`` and ``DocBin(store_user_data=True)`` as plain msgpack data (no pickle inside a Doc's bytes): the
codec is registered with ``srsly`` when this module is imported.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

import srsly  # type: ignore[import-untyped]

from ._records import Notice
from ._structure import Structure
from ._text import NormalizedText

__all__ = [
    "PUBLISHED_YEARS", "ArticleState", "DateFound", "EntityFound", "FactFound", "PersonFound", "Range", "TitleFound",
    "parse_published", "published_date",
]

Range = tuple[int, int]


@dataclass(frozen=True)
class EntityFound:
    """A PERSON, TITLE, ORGANIZATION or LOCATION mention, in working-text offsets."""

    start: int
    end: int
    type: str
    expansion: str | None = None


@dataclass(frozen=True)
class DateFound:
    """A temporal expression and its value (the fields of ``DateMention``), in working-text offsets."""

    start: int
    end: int
    value: str | None = None
    grain: str | None = None
    interval_start: str | None = None
    interval_end: str | None = None
    part_of_day: str | None = None
    lunar: bool = False
    reference: str = "explicit"


@dataclass(frozen=True)
class FactFound:
    """A number that quantifies something (the fields of ``Fact``), in working-text offsets."""

    start: int
    end: int
    kind: str
    value: int | float
    unit: str | None = None
    denominator: int | float | None = None
    value_max: int | float | None = None
    qualifier: str | None = None
    change: str | None = None
    subject: Range | None = None
    date: Range | None = None
    place: Range | None = None


@dataclass(frozen=True)
class TitleFound:
    """A TITLE attached to a person, with the office's organisation as written."""

    start: int
    end: int
    expansion: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class PersonFound:
    """One person: the fullest mention of the name, every mention, every title attached."""

    name: Range
    mentions: tuple[Range, ...]
    titles: tuple[TitleFound, ...]


@dataclass
class ArticleState:
    """Everything known about one article while the pipeline runs.

    ``source`` is the input as given, ``work`` its normalized working copy (``starts``/``ends``: each working
    character's place in ``source``, None when both have the same offsets), ``masked`` the working copy with
    boilerplate and byline blanked (offsets unchanged). ``readable`` is False when the input was refused
    (``warnings`` says why).
    """

    source: str
    work: str
    starts: list[int] | None = None
    ends: list[int] | None = None
    readable: bool = True
    sentences: list[Range] = field(default_factory=list)
    words: list[Range] | None = None  # the segmenter's words in working-text offsets (hành khách is one)
    masked: str | None = None
    structure: Structure | None = None
    blocks: list[Range] | None = None
    entities: list[EntityFound] | None = None
    dates: list[DateFound] | None = None
    facts: list[FactFound] | None = None
    people: list[PersonFound] | None = None
    warnings: list[Notice] = field(default_factory=list)
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    cpu_seconds: float = field(default=0.0, compare=False)
    """CPU seconds the article's own work has taken so far (the Reader's and each component's, on the thread that
    did it): what is spent of ``_patterns.ARTICLE_SECONDS``. Not a finding: two readings are equal without it."""

    @classmethod
    def of(cls, norm: NormalizedText) -> ArticleState:
        offsets = norm.offset_map
        return cls(norm.source, norm.text, *(offsets or (None, None)))

    @property
    def text(self) -> str:
        """What the extractors read: the masked working copy once the structure is known, else the working copy."""
        return self.work if self.masked is None else self.masked

    @cached_property
    def _map(self) -> NormalizedText:
        return NormalizedText(self.source, self.work, self.starts, self.ends)

    def to_source(self, start: int, end: int) -> Range:
        """The input's offsets of the working span ``[start, end)``."""
        return self._map.to_source(start, end)

    def warn(self, code: str, message: str, severity: str = "warning") -> None:
        self.warnings.append(Notice(code=code, message=message, severity=severity))  # type: ignore[arg-type]

    def over_budget(self, note: str) -> None:
        """Add ``note`` to the article's one ``over_budget`` warning (the first note makes it): the article's CPU
        budget, once spent, stops each step still to come, and one warning says which."""
        for k, notice in enumerate(self.warnings):
            if notice.code == "over_budget":
                self.warnings[k] = notice.model_copy(update={"message": f"{notice.message}; {note}"})
                return
        self.warn("over_budget", note)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (lists, strings, numbers) for msgpack; :meth:`from_dict` reads it back."""
        data = asdict(self)
        data["warnings"] = [n.model_dump() for n in self.warnings]
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleState:
        structure = data.get("structure")
        return cls(
            source=data["source"], work=data["work"], starts=data.get("starts"), ends=data.get("ends"),
            readable=data.get("readable", True), sentences=_ranges(data.get("sentences")) or [],
            words=_ranges(data.get("words")), masked=data.get("masked"),
            structure=None if structure is None else Structure(**{k: _revive(v) for k, v in structure.items()}),
            blocks=_ranges(data.get("blocks")),
            entities=_items(EntityFound, data.get("entities")),
            dates=_items(DateFound, data.get("dates")),
            facts=None if data.get("facts") is None else [
                FactFound(**{**f, **{k: _range(f.get(k)) for k in ("subject", "date", "place")}}) for f in data["facts"]
            ],
            people=None if data.get("people") is None else [
                PersonFound(_range(p["name"]), tuple(_ranges(p["mentions"]) or ()),  # type: ignore[arg-type]
                            tuple(TitleFound(**t) for t in p["titles"]))
                for p in data["people"]
            ],
            warnings=[Notice(**w) for w in data.get("warnings", [])],
            id=data.get("id"), title=data.get("title"), url=data.get("url"),
            published=datetime.fromisoformat(data["published"]) if data.get("published") else None,
            cpu_seconds=data.get("cpu_seconds", 0.0),
        )


def _range(value: Any) -> Range | None:
    return None if value is None else (value[0], value[1])


def _ranges(values: Any) -> list[Range] | None:
    return None if values is None else [(v[0], v[1]) for v in values]


def _revive(value: Any) -> Any:
    """A structure field back from msgpack: a range, a list of ranges, or None."""
    if value is None or not isinstance(value, list | tuple):
        return value
    if value and isinstance(value[0], list | tuple):
        return _ranges(value)
    return _range(value) if value else []


def _items(cls: type[Any], values: Any) -> list[Any] | None:
    return None if values is None else [cls(**v) for v in values]


PUBLISHED_YEARS = range(1000, 9000)
"""Publication years dates can be anchored on: relative dates (``năm sau``, ``300 năm trước``) stay four-digit
years that ``datetime`` holds; a date outside is ignored with a warning."""


def published_date(value: str | date | datetime) -> datetime:
    """A publication date (ISO, ``dd/mm/yyyy [HH:MM]``, a date or a datetime) as a naive datetime; ``ValueError``
    when it is no date, or none that relative dates can be counted from."""
    when: datetime | None = None
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, date):
        when = datetime(value.year, value.month, value.day)
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


def parse_published(value: str | date | datetime | None) -> tuple[datetime | None, Notice | None]:
    """:func:`published_date`, or None and the warning to give when the value is no usable date."""
    if value is None or value == "":
        return None, None
    try:
        return published_date(value), None
    except (ValueError, TypeError) as exc:
        return None, Notice(code="bad_published", message=f"{exc}; ignored")


_MARK = "__dvextract.ArticleState__"


def _encode(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, ArticleState):
        return {_MARK: obj.to_dict()}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _MARK in obj:
        return ArticleState.from_dict(obj[_MARK])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("dvextract.ArticleState", func=_encode)
srsly.msgpack_decoders.register("dvextract.ArticleState", func=_decode)
