"""The words the structure rules read from ``dvextract/data`` (``boilerplate``, ``sentence_openers``,
``credits``, ``grammar_words``, ``caption_markers``, ``caption_openers``, ``media``, ``provinces``, ``places``,
``countries``, ``honorifics``), each table read once; and the weights of the learned models in ``dvextract/models``
(:func:`linear_model`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

from .. import _patterns
from .._resources import table


def linear_model(path: Path) -> tuple[dict[str, float], float]:
    """A logistic regression stored as ``feature<TAB>weight`` rows: the weight of each feature, and the bias
    (the row named ``(bias)``)."""
    weights: dict[str, float] = {}
    with path.open(encoding="utf-8") as rows:
        for row in rows:
            feature, _, weight = row.rstrip("\n").rpartition("\t")
            weights[feature] = float(weight)
    return weights, weights.pop("(bias)")


@cache
def site_phrases(where: str, teaser: bool = False) -> tuple[str, ...]:
    return tuple(row["phrase"] for row in table("boilerplate")
                 if row["where"] == where and (not teaser or row["teaser"] == "yes"))


@cache
def label_pattern(alone: bool = False) -> regex.Pattern[str]:
    """A label that introduces another story's headline (``Xem thêm:``, ``NÓNG:``: ``boilerplate`` rows
    ``label``), before the headline, or (``alone``) closing the text searched."""
    after = r"[ ]*$" if alone else r"[ ]*(?=\S)"
    return _patterns.compile(rf"(?<![\p{{L}}\p{{N}}])(?:\L<label>)[ ]?:{after}", label=list(site_phrases("label")))


@cache
def openers(inside: str | None = None) -> frozenset[str]:
    """Words that open a sentence (``inside="never"``: only those never capitalized inside one)."""
    return frozenset(row["word"] for row in table("sentence_openers") if inside in (None, row["inside"]))


@cache
def caption_markers() -> regex.Pattern[str]:
    words = [row["word"] for row in table("caption_markers")]
    return _patterns.compile(r"(?<![\p{L}])(?:\L<marker>)(?![\p{L}])", regex.IGNORECASE, marker=words)


@cache
def credit_phrases(*roles: str) -> tuple[str, ...]:
    """The phrases of ``credits.tsv`` with one of ``roles``, in the file's order (its header says each role)."""
    return tuple(row["phrase"] for row in table("credits") if row["role"] in roles)


@cache
def list_joins() -> tuple[str, ...]:
    """Words that join the items of a list (``grammar_words`` rows ``and``: ``và``): two authors (``Hoàng Nam và
    Lê Hà``), what the author made (``Bài và ảnh``), two clubs a caption names (``Real và Juventus``)."""
    return tuple(row["word"] for row in table("grammar_words") if row["role"] == "and")


@cache
def agencies() -> frozenset[str]:
    """Papers and agencies, which sign articles but are not authors."""
    return frozenset(credit_phrases("agency")) | frozenset(row["media"] for row in table("media"))


@cache
def papers_folded() -> frozenset[str]:
    return frozenset(name.casefold() for name in agencies())


@cache
def places() -> frozenset[str]:
    """Provinces and well-known places, which open a byline as ``Place - Author``."""
    return frozenset(row["province"] for row in table("provinces")) | frozenset(
        row["place"] for row in table("places"))


@cache
def countries() -> frozenset[str]:
    """Countries as Vietnamese news writes them (``countries.tsv``), which no byline opens with; not those that
    are also common names (``Anh``, ``Đức``: cue=yes)."""
    return frozenset(row["country"] for row in table("countries") if row["cue"] != "yes")


@cache
def honorifics() -> frozenset[str]:
    """Words that introduce a person's name (``ông``, ``bà``): a name after one is the sentence's subject."""
    return frozenset(row["honorific"] for row in table("honorifics"))


@cache
def caption_openers() -> tuple[str, ...]:
    """Words that open a photo's caption (``Toàn cảnh``, ``Hình ảnh``): ``caption_openers.tsv``."""
    return tuple(row["phrase"] for row in table("caption_openers"))
