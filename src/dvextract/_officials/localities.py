"""Canonical provinces: the 63 before 1 July 2025, the 34 since, and the ways news writes their names.

The data is ``provinces_2025.tsv`` (each old province with the province it belongs to since Resolution
202/2025/QH15, and whether it was a centrally-run city), ``province_names.tsv`` (variants: ``TP.HCM``, ``Tp Hồ
Chí Minh``, ``Huế``…) and ``districts.tsv`` (the 705 district-level units and their provinces). Names are
matched after folding case and tone-mark style, so ``Thanh Hoá`` is ``Thanh Hóa``.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import _patterns
from .._resources import table
from .._text import normalize

__all__ = ["after_2025", "canonical_province", "central_cities", "district_province", "district_provinces",
           "find_provinces", "fold", "provinces"]


def fold(text: str) -> str:
    """One spelling for matching: NFC, underthesea's tone-mark placement, lower case, single spaces."""
    return " ".join(normalize(text).text.lower().split())


@cache
def provinces() -> dict[str, str]:
    """Each of the 63 pre-2025 provinces → the province it belongs to since 1 July 2025."""
    return {row["province"]: row["after"] for row in table("provinces_2025")}


@cache
def central_cities() -> frozenset[str]:
    """Centrally-run cities before 1 July 2025 (``provinces_2025.tsv``, central): their `Thành ủy` and `UBND thành
    phố` are provincial bodies."""
    return frozenset(row["province"] for row in table("provinces_2025") if row.get("central") == "yes")


@cache
def _names() -> dict[str, str]:
    names = {fold(p): p for p in provinces()}
    names.update({fold(row["name"]): row["province"] for row in table("province_names")})
    return names


def canonical_province(name: str) -> str | None:
    """The canonical pre-2025 name of a province written any known way (``TP.HCM`` → ``Hồ Chí Minh``)."""
    return _names().get(fold(name))


def after_2025(province: str) -> str | None:
    """The province a pre-2025 province belongs to since 1 July 2025 (``Yên Bái`` → ``Lào Cai``)."""
    return provinces().get(province)


@cache
def _name_pattern() -> regex.Pattern[str]:
    alternatives = sorted(_names(), key=len, reverse=True)
    return _patterns.compile(r"(?<!\w)(?:\L<names>)(?![\w])", regex.IGNORECASE, names=alternatives)


_LOWER_AFTER = _patterns.compile(r"[ \t]+\p{Ll}")
_UNIT_BEFORE = _patterns.compile(r"(?<!\w)(?:tỉnh|thành phố|TP\.?)\s*$", regex.IGNORECASE)


def find_provinces(text: str) -> list[tuple[int, int, str]]:
    """Every province name in ``text`` as ``(start, end, canonical)``: written with a capital (``hòa bình``, peace,
    is no province); with its last word in lower case, only after a unit word or where no lower-case word follows
    (``Sở GD&ĐT Thanh hóa``, ``tỉnh Bắc ninh``; ``Hải dương`` of ``Viện Hải dương học``, oceanography, is none); in
    the spelling of ``normalize`` (tone marks) and single-spaced."""
    found = []
    for m in _patterns.finditer(_name_pattern(), text):
        placed = m.group().split()[-1][0].isupper() or _UNIT_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if m.group()[0].isupper() and (placed or not _LOWER_AFTER.match(text, m.end())):
            found.append((m.start(), m.end(), _names()[m.group().lower()]))
    return found


@cache
def _districts() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for row in table("districts"):
        found.setdefault(fold(row["district"]), set()).add(row["province"])
    return {name: frozenset(places) for name, places in found.items()}


def district_provinces(district: str) -> frozenset[str]:
    """The provinces that have a district of this name (none for a name no district has)."""
    return _districts().get(fold(district), frozenset())


def district_province(district: str, province: str | None) -> str | None:
    """The province a district (``Can Lộc``) is in, for an office that names none: the article's ``province`` if
    it has a district of that name, else the one province that has one; ``province`` when several have one
    (``Châu Thành``) or none does."""
    places = district_provinces(district)
    if province in places or len(places) != 1:
        return province
    return next(iter(places))
