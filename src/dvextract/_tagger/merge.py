"""One arbitration between the rules' mentions and the model's (chosen by 5-fold CV on dev:
``benchmarks/cv_tagger.py``, table in ``benchmarks/results/cv_tagger.md``).

The rules know titles, abbreviations and the exact grammar of bodies and places; the model knows names and
bodies no list covers, and where an organisation's name ends. So:

- every rule TITLE stays, and a model mention that overlaps a rule TITLE is dropped (titles are the rules');
  so does a rule mention that is one of the user's gazetteer phrases (``fixed``: what the user said wins);
- a model PERSON, ORGANIZATION or LOCATION that overlaps no rule mention is added (what no list covers);
- where a model mention and rule mentions of PERSON/ORGANIZATION/LOCATION overlap, the model's reading wins
  (its type and its edges), except that rule mentions strictly inside it of another type stay (a LOCATION
  inside an ORGANIZATION), and a model mention strictly inside a rule mention of another type is dropped (the
  rules' structure wins: ``Quảng Nam`` inside ``UBND tỉnh Quảng Nam``). A rule mention with the same edges and
  type is kept as it is (with its expansion).
"""

from __future__ import annotations

from collections.abc import Collection

from .._entities import Found

__all__ = ["NAMED", "arbitrate"]

NAMED = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})


def _phrase(text: str, found: Found) -> str:
    return " ".join(text[found.start : found.end].lower().split())


def _overlap(a: Found, b: Found) -> bool:
    return a.start < b.end and b.start < a.end


def _inside(a: Found, b: Found) -> bool:
    """``a`` lies within ``b`` and is not the same range."""
    return b.start <= a.start and a.end <= b.end and (a.start, a.end) != (b.start, b.end)


def arbitrate(rules: list[Found], model: list[Found], text: str = "", fixed: Collection[str] = ()) -> list[Found]:
    """The rules' mentions with the model's merged in (see the module's docstring); sorted as the rules'.
    ``fixed``: the user's gazetteer phrases, lowercase, one space between words (as ``text`` has them)."""
    titles = [r for r in rules if r.type not in NAMED or (fixed and _phrase(text, r) in fixed)]
    kept = list(rules)
    for m in model:
        if m.type not in NAMED or any(_overlap(m, t) for t in titles):
            continue
        clashing = [r for r in kept if r.type in NAMED and _overlap(m, r)]
        if any(r.start == m.start and r.end == m.end and r.type == m.type for r in clashing):
            continue
        if any(_inside(m, r) and r.type != m.type for r in clashing):
            continue
        dropped = {r for r in clashing if not (_inside(r, m) and r.type != m.type)}
        kept = [r for r in kept if r not in dropped] + [m]
    return sorted(set(kept), key=lambda f: (f.start, -f.end, f.type))
