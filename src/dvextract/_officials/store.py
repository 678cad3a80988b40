"""The officials of a batch run: built from its shards, written as three Parquet tables, read back, queried.

``build_officials(run_dir)`` reads the run's ``shards/part-*.jsonl.gz`` (each line ``{"id", "source", "meta",
"article"}``, the article in dvextract's JSON) and writes beside them:

- ``officials.parquet``: one row per person id (name, the name variants seen, provinces, article count);
- ``offices.parquet``: one row per office (its key and parsed fields, pre- and post-2025 province);
- ``observations.parquet``: one row per (person, office, article) title, with the title's span, the sentence
  it stands in (offsets and text, so every claim points at its source), the story's date and ``former``.

``who(run_dir, "Bí thư Tỉnh ủy Thanh Hóa", at="2017-06")`` and ``who_person(run_dir, "Nguyễn Văn A")`` answer from
those tables. Articles are read one shard at a time, here or on a Dask cluster (:mod:`.shards`); only the people
who hold a title are kept in memory.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _patterns
from .._extras import require
from .localities import canonical_province
from .observations import ArticlePerson
from .office import parse_office
from .people import name_key, resolve_people
from .seen import Grain, earliest, grain_of, latest, overlaps
from .shards import collect_people

__all__ = ["Holder", "build_officials", "read_officials", "who", "who_person"]

TABLES = ("officials", "offices", "observations")
_AT = _patterns.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


@dataclass
class Holder:
    """One person's hold on one office, as the archive shows it."""

    person_id: str
    name: str
    office: str
    """The office written out (``Office.label``)."""
    office_id: str
    first_seen: str | None
    """The earliest-starting date it was seen in office, at its grain (``2017-03-02``, ``2017-03`` or ``2017``)."""
    last_seen: str | None
    """The latest-ending date it was seen in office, at its grain."""
    observations: int
    former_only: bool
    first_seen_grain: Grain | None = None
    last_seen_grain: Grain | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    """Each observation: article id, title span, the sentence (offsets and text), date."""


def _rows(people: list[ArticlePerson], ids: list[str],
          sentences: dict[tuple[str, int, int], str]) -> dict[str, list[dict[str, Any]]]:
    offices: dict[str, dict[str, Any]] = {}
    observations: list[dict[str, Any]] = []
    officials: dict[str, dict[str, Any]] = {}
    for person, pid in zip(people, ids, strict=False):
        entry = officials.setdefault(pid, {"person_id": pid, "name": person.name, "variants": set(), "provinces": set(),
                                           "articles": set()})
        if len(person.name.split()) > len(entry["name"].split()):
            entry["name"] = person.name
        entry["variants"].update([person.name, *(m[2] for m in person.mentions)])
        entry["provinces"].update(person.places)
        entry["articles"].add(person.article_id)
        for o in person.observations:
            office_id = _office_id(o.office.key)
            offices.setdefault(office_id, {"office_id": office_id, "key": o.office.key, "label": o.office.label,
                                           "title": o.text, "kind": o.office.kind,
                                           **o.office.model_dump(exclude={"title", "kind", "former"}), "n": 0})
            offices[office_id]["n"] += 1
            observations.append({
                "person_id": pid, "office_id": office_id, "article_id": o.article_id, "start": o.start, "end": o.end,
                "text": o.text, "sentence_start": o.sentence_start, "sentence_end": o.sentence_end,
                "sentence": sentences[(o.article_id, o.sentence_start, o.sentence_end)], "date": o.date,
                "date_source": o.date_source, "date_grain": o.date_grain, "former": o.office.former,
                "name": person.name,
            })
    for entry in officials.values():
        entry.update(variants=sorted(entry["variants"]), provinces=sorted(entry["provinces"]),
                     articles=len(entry["articles"]))
    for office in offices.values():
        office["modifiers"] = list(office["modifiers"])
    return {"officials": list(officials.values()), "offices": list(offices.values()), "observations": observations}


def _office_id(key: str) -> str:
    return "o" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def build_officials(run_dir: str | Path, out: str | Path | None = None, *, engine: str = "local",
                    scheduler: Any = None) -> dict[str, int]:
    """Read a batch run and write ``officials``, ``offices`` and ``observations`` Parquet tables (into ``out``,
    by default the run folder); returns the row counts. ``engine="dask"`` reads the shards and extracts their
    observations on a ``dask.distributed`` cluster (``scheduler``: its address or a ``Client``), as ``batch``
    does; people are then resolved here, over the whole archive, the same way."""
    pa = require("pyarrow", "building the officials tables")
    pq = require("pyarrow.parquet", "building the officials tables")
    collected = collect_people(run_dir, engine, scheduler)
    rows = _rows(collected.people, resolve_people(collected.people), collected.sentences)
    target = Path(out) if out else Path(run_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        pq.write_table(pa.Table.from_pylist(rows[name]), target / f"{name}.parquet")
    return {name: len(rows[name]) for name in TABLES}


def read_officials(run_dir: str | Path) -> dict[str, list[dict[str, Any]]]:
    """The three tables of :func:`build_officials`, as lists of rows."""
    pq = require("pyarrow.parquet", "reading the officials tables")
    return {name: pq.read_table(Path(run_dir) / f"{name}.parquet").to_pylist() for name in TABLES}


def _matches(query: dict[str, Any], office: dict[str, Any]) -> bool:
    for name in ("role", "modifiers", "body_type", "body_level", "locality", "sublocality"):
        held = tuple(office[name]) if name == "modifiers" else office[name]
        if query[name] not in (None, ()) and held != query[name]:
            return False
    return bool(tuple(office["modifiers"]) == query["modifiers"] and office["kind"] == "office")


def _holders(tables: dict[str, list[dict[str, Any]]], office_ids: set[str]) -> list[Holder]:
    names = {row["person_id"]: row["name"] for row in tables["officials"]}
    titles = {row["office_id"]: row["label"] for row in tables["offices"]}
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for obs in tables["observations"]:
        if obs["office_id"] in office_ids:
            grouped[(obs["person_id"], obs["office_id"])].append(obs)
    found = []
    for (pid, oid), rows in grouped.items():
        current = [r["date"] for r in rows if r["date"] and not r["former"]]
        first, last = earliest(current), latest(current)
        found.append(Holder(pid, names[pid], titles[oid], oid, first, last, len(rows), all(r["former"] for r in rows),
                            grain_of(first) if first else None, grain_of(last) if last else None,
                            [{k: r.get(k) for k in ("article_id", "start", "end", "text", "sentence_start",
                                                    "sentence_end", "sentence", "date", "date_grain", "former")}
                             for r in rows]))
    return sorted(found, key=lambda h: (h.first_seen or "9999", h.name))


def _covers(holder: Holder, at: str) -> bool:
    """Whether ``at`` (at any grain) meets the holder's span, each end taken at its own grain."""
    if holder.first_seen is None or holder.last_seen is None:
        return False
    return overlaps(at, holder.first_seen, holder.last_seen)


def who(run_dir: str | Path, office: str, at: str | None = None) -> list[Holder]:
    """Who held ``office`` (a title as news writes it, ``Bí thư Tỉnh ủy Thanh Hóa``): every holder seen, by first
    date; with ``at`` (``2017``, ``2017-06``, ``2017-06-15``), those seen holding it around that time."""
    if at is not None and not _AT.match(at):
        raise ValueError(f"at={at!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    tables = read_officials(run_dir)
    query = parse_office(office).model_dump()
    ids = {row["office_id"] for row in tables["offices"] if _matches(query, row)}
    holders = _holders(tables, ids)
    if at is None:
        return holders
    return [h for h in holders if _covers(h, at)]


def who_person(run_dir: str | Path, name: str, province: str | None = None) -> list[Holder]:
    """Every office the person (or people) called ``name`` held, by first date; ``province`` narrows namesakes."""
    tables = read_officials(run_dir)
    key = name_key(name)
    wanted = canonical_province(province) if province else None
    people = {row["person_id"] for row in tables["officials"]
              if key in {name_key(v) for v in row["variants"]} and (wanted is None or wanted in row["provinces"])}
    offices = {row["office_id"] for row in tables["observations"] if row["person_id"] in people}
    return [h for h in _holders(tables, offices) if h.person_id in people]
