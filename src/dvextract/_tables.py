"""Records as tables: the six tables of ``dvextract batch``, also from a list of articles in memory.

One schema serves both: ``dvextract batch`` writes these tables to Parquet, and :func:`to_arrow` /
:func:`to_pandas` build them from ``Article`` records (or read them back from a batch output folder). Each item
gets its own stable id (``entity_id`` = ``ARTICLE#e0``, ``person_id`` = ``ARTICLE#p0``, ``title_id`` =
``ARTICLE#p0t0``, ``date_id``, ``fact_id``) and the ``article_id`` of its article; ``titles`` also has its
``person_id``. Dates are real dates: ``published`` is a timestamp (the local time as the article gives it), a
date mention's ``interval_start`` and ``interval_end`` are the first and last calendar day it covers (a year
``2020`` is 2020-01-01 to 2020-12-31; a value with unknown parts, ``XXXX-05-23``, has none).
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._extras import require
from ._records import Article

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["TABLES", "add_rows", "schemas", "to_arrow", "to_pandas"]

TABLES = ("articles", "entities", "people", "titles", "dates", "facts")

Rows = dict[str, list[dict[str, Any]]]


def to_arrow(articles: Iterable[Article] | str | Path) -> dict[str, pyarrow.Table]:
    """The six tables (``articles``, ``entities``, ``people``, ``titles``, ``dates``, ``facts``) as Arrow tables.

    ``articles`` is a list of records (an article without an ``id`` is keyed by its position in the list) or
    the output folder of ``dvextract batch``, whose Parquet files are read back. Needs ``dvextract[parquet]``.
    """
    pa = require("pyarrow", "dvextract.to_arrow")
    tables = schemas()
    if isinstance(articles, (str, Path)):
        parquet = require("pyarrow.parquet", "dvextract.to_arrow")
        return {t: parquet.read_table(str(Path(articles) / f"{t}.parquet")).cast(tables[t]) for t in TABLES}
    rows: Rows = {t: [] for t in TABLES}
    for n, article in enumerate(articles):
        key = article.id if article.id is not None else str(n)
        add_rows({"id": key, "source": None, "meta": {}, "article": article.model_dump(mode="json")}, rows)
    return {t: pa.Table.from_pylist(rows[t], schema=tables[t]) for t in TABLES}


def to_pandas(articles: Iterable[Article] | str | Path) -> dict[str, pandas.DataFrame]:
    """The same six tables as pandas DataFrames (dates as ``datetime64``). Needs ``dvextract[pandas]``."""
    require("pandas", "dvextract.to_pandas")
    return {t: table.to_pandas(date_as_object=False) for t, table in to_arrow(articles).items()}


def schemas() -> dict[str, pyarrow.Schema]:
    """The Arrow schema of each table."""
    pa = require("pyarrow", "making the dvextract tables")
    s, i, b, f, day = pa.string(), pa.int32(), pa.bool_(), pa.float64(), pa.date32()
    span = [("start", i), ("end", i), ("text", s)]
    fields: dict[str, list[tuple[str, Any]]] = {
        "articles": [("article_id", s), ("source", s), ("title", s), ("author", s), ("published", pa.timestamp("ms")),
                     ("url", s), ("text_sha1", s), ("text", s), ("n_sentences", i), ("n_entities", i),
                     ("n_people", i), ("n_dates", i), ("n_facts", i), ("warnings", pa.list_(s)), ("meta", s)],
        "entities": [("entity_id", s), ("article_id", s), *span, ("type", s), ("expansion", s)],
        "people": [("person_id", s), ("article_id", s), ("name", s), ("titles", pa.list_(s)), ("n_mentions", i)],
        "titles": [("title_id", s), ("person_id", s), ("article_id", s), *span, ("expansion", s),
                   ("organization", s)],
        "dates": [("date_id", s), ("article_id", s), *span, ("value", s), ("grain", s), ("interval_start", day),
                  ("interval_end", day), ("part_of_day", s), ("lunar", b), ("reference", s)],
        "facts": [("fact_id", s), ("article_id", s), *span, ("kind", s), ("value", f), ("denominator", f),
                  ("value_max", f), ("unit", s), ("qualifier", s), ("change", s), ("subject", s), ("date", s),
                  ("place", s)],
    }
    return {t: pa.schema(fields[t]) for t in TABLES}


def add_rows(row: dict[str, Any], rows: Rows) -> None:
    """Append the rows of one record ``{"id", "source", "meta", "article"}`` (the article as JSON) to ``rows``."""
    a, key = row["article"], row["id"]
    rows["articles"].append({
        "article_id": key, "source": row["source"], "title": a["title"], "author": a["author"],
        "published": _timestamp(a["published"]), "url": a["url"], "text_sha1": a["text_sha1"], "text": a["text"],
        "n_sentences": len(a["sentences"]), "n_entities": len(a["entities"]), "n_people": len(a["people"]),
        "n_dates": len(a["dates"]), "n_facts": len(a["facts"]), "warnings": [w["code"] for w in a["warnings"]],
        "meta": json.dumps(row.get("meta") or {}, ensure_ascii=False),
    })
    for i, e in enumerate(a["entities"]):
        rows["entities"].append({"entity_id": f"{key}#e{i}", "article_id": key, **_span(e), "type": e["type"],
                                 "expansion": e["expansion"]})
    for i, p in enumerate(a["people"]):
        person = f"{key}#p{i}"
        rows["people"].append({"person_id": person, "article_id": key, "name": p["name"], "titles": p["titles"],
                               "n_mentions": len(p["mentions"])})
        for j, t in enumerate(p["title_links"]):
            rows["titles"].append({"title_id": f"{person}t{j}", "person_id": person, "article_id": key, **_span(t),
                                   "expansion": t["expansion"], "organization": t["organization"]})
    for i, d in enumerate(a["dates"]):
        rows["dates"].append({"date_id": f"{key}#d{i}", "article_id": key, **_span(d),
                              **{k: d[k] for k in ("value", "grain", "part_of_day", "lunar", "reference")},
                              "interval_start": _day(d["interval_start"], last=False),
                              "interval_end": _day(d["interval_end"], last=True)})
    for i, f in enumerate(a["facts"]):
        rows["facts"].append({
            "fact_id": f"{key}#f{i}", "article_id": key, **_span(f), "kind": f["kind"],
            **{k: (float(f[k]) if f[k] is not None else None) for k in ("value", "denominator", "value_max")},
            **{k: f[k] for k in ("unit", "qualifier", "change")},
            **{k: (f[k]["text"] if f[k] else None) for k in ("subject", "date", "place")},
        })


def _span(s: dict[str, Any]) -> dict[str, Any]:
    return {"start": s["start"], "end": s["end"], "text": s["text"]}


def _timestamp(value: str | None) -> datetime | None:
    """An article's ``published`` (``2024-10-16T00:00:00``, as the record normalizes it) as a datetime."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _day(value: str | None, *, last: bool) -> date | None:
    """An interval bound (``2024-10-15``, ``2024-10``, ``2020``, ``2021-07-02T14:30``) as its first day, or its
    last day when it ends an interval; ``None`` when a part is unknown (``XXXX``) or absent."""
    if not value:
        return None
    parts = value.split("T", 1)[0].split("-")
    if not all(p.isdigit() for p in parts) or len(parts) > 3:
        return None
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else (12 if last else 1)
    try:
        day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1] if last else 1
        return date(year, month, day)
    except ValueError:  # no such month or day (calendar's IllegalMonthError is a ValueError too)
        return None
