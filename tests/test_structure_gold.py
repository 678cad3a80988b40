"""The structure gold (corpora/structure): read and checked like the entity gold, and scored by `dvextract eval`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import ARCHIVE, need

from dvextract._evaluate import STRUCTURE_HEADLINE, evaluate, score_structure
from dvextract._gold import GoldError, load_gold, problems, read_records, rehydrate
from dvextract._records import Article, Span, text_sha1

STRUCTURE = Path(__file__).resolve().parents[1] / "corpora" / "structure"
TEXT = "Giá vàng tăng. Bộ trưởng phát biểu. Ảnh: AFP Giá dầu giảm. Minh Châu - Lan Anh"


def _row(**change: object) -> dict:
    row = {"id": "a", "text": TEXT, "split": "dev", "authors": [[59, 68], [71, 78]], "byline": [59, 78],
           "captions": [[15, 44]], "boilerplate": []}
    return {**row, **change}


def test_a_structure_record_becomes_an_article() -> None:
    (a,) = rehydrate([_row()])
    assert [s.text for s in a.authors] == ["Minh Châu", "Lan Anh"]
    assert a.author == "Minh Châu - Lan Anh"
    assert a.byline is not None and a.byline.text == "Minh Châu - Lan Anh"
    assert [c.text for c in a.captions] == ["Bộ trưởng phát biểu. Ảnh: AFP"]
    (b,) = rehydrate([_row(boilerplate=[[0, 14, "teaser"]])])
    assert [(x.text, x.kind) for x in b.boilerplate] == [("Giá vàng tăng.", "teaser")]


@pytest.mark.parametrize(("change", "message"), [
    ({"authors": [[0, 3]]}, "author [0, 3) is not inside the byline"),
    ({"boilerplate": [[0, 14, "menu"]]}, "has no kind of site, teaser, table"),
    ({"boilerplate": [[0, 20, "site"]]}, "overlap"),
    ({"captions": [[14, 44]]}, "starts or ends on white space"),
    ({"byline": [59, 90]}, "is not a span of the"),
])
def test_structure_problems_found(change: dict, message: str) -> None:
    found = problems(_row(**change), TEXT)
    assert any(message in p for p in found), found
    with pytest.raises(GoldError):
        rehydrate([_row(**change)])


def _article(**fields: object) -> Article:
    return Article(id="a", text=TEXT, text_sha1=text_sha1(TEXT), **fields)  # type: ignore[arg-type]


def _span(start: int, end: int) -> Span:
    return Span(start=start, end=end, text=TEXT[start:end])


def test_scores_authors_captions_and_boilerplate() -> None:
    (gold,) = rehydrate([_row(boilerplate=[[0, 14, "teaser"]])])
    same = evaluate([gold], [gold]).structure
    assert same is not None and same.author_accuracy == 1.0
    assert same.captions.strict.f1 == same.boilerplate.lenient.f1 == same.byline.strict.f1 == 1.0
    # main's records: one author string; the caption cut short (lenient only); no boilerplate, one extra
    pred = _article(author="Lan Anh", byline=_span(59, 78), captions=[_span(15, 35), _span(45, 58)])
    s = evaluate([gold], [pred]).structure
    assert s is not None and s.author_accuracy == 0.0
    assert (s.captions.strict.tp, s.captions.strict.fp, s.captions.strict.fn) == (0, 2, 1)
    assert (s.captions.lenient.tp, s.captions.lenient.fp, s.captions.lenient.fn) == (1, 1, 0)
    assert (s.boilerplate.strict.fn, s.byline.strict.tp) == (1, 1)
    # an author string with both names, cut at the dash, is right
    s = evaluate([gold], [pred.model_copy(update={"author": "Minh Châu - Lan Anh"})]).structure
    assert s is not None and s.author_accuracy == 1.0


def test_entity_gold_has_no_structure_scores() -> None:
    gold = _article()
    assert evaluate([gold], [gold]).structure is None
    figures = evaluate(*[[a] for a in rehydrate([_row()]) * 2]).figures()
    assert set(STRUCTURE_HEADLINE) <= set(figures)


def test_structure_gold_fits_its_texts() -> None:
    need(ARCHIVE)
    rows = read_records([STRUCTURE])
    articles = load_gold([STRUCTURE])  # raises GoldError listing every record that does not fit
    assert [a.id for a in articles] == [r["id"] for r in rows]
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} <= {"dev", "test"}
    assert sum(r["id"].startswith("magizbox_baomoi:") for r in rows) * 2 >= len(rows)  # half of them baomoi


@pytest.mark.parametrize("path", sorted(STRUCTURE.rglob("*.manifest.tsv")), ids=lambda p: p.name)
def test_structure_manifest_rows_match(path: Path) -> None:
    need(ARCHIVE)
    with path.open(encoding="utf-8") as f:
        manifest = list(csv.DictReader(f, delimiter="\t"))
    rows = read_records([path.with_name(path.name.replace(".manifest.tsv", ".jsonl"))])
    assert [m["id"] for m in manifest] == [r["id"] for r in rows]
    assert [int(m["chars"]) for m in manifest] == [len(a.text) for a in rehydrate(rows)]


def test_second_annotation_agrees_as_the_readme_says() -> None:
    """The agreement table of corpora/structure/README.md is what the scorer gives for the two annotations."""
    need(ARCHIVE)
    first = {a.id: a for a in load_gold([STRUCTURE / "dev.jsonl"])}
    second = load_gold([STRUCTURE / "agreement" / "second.jsonl"])
    scores = score_structure((first[a.id], a) for a in second)
    captions, boilerplate = scores.captions.strict, scores.boilerplate.strict
    row = (f"| second annotator | {scores.authors_right}/{scores.articles} | {scores.byline.strict.f1:.3f} | "
           f"{captions.precision:.3f} / {captions.recall:.3f} / {captions.f1:.3f} | {boilerplate.f1:.3f} |")
    assert len(second) == 20
    assert row in (STRUCTURE / "README.md").read_text(encoding="utf-8")
