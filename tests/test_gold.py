"""The gold corpus: every record fits its archive text and the guidelines' rules; manifests and split agree."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import ARCHIVE, EXAMPLES, need

from dvextract._gold import GoldError, gold_files, load_gold, problems, read_records, rehydrate
from dvextract._records import text_sha1

GOLD = Path(__file__).resolve().parents[1] / "corpora" / "gold"
FILES = gold_files([GOLD])
EXAMPLE_ID = "example:ninh-binh-dan-van-2021-07-02"


@pytest.fixture(scope="module")
def texts() -> list[Path]:
    return [need(ARCHIVE), need(EXAMPLES)]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_gold_file_fits_its_texts(path: Path, texts: list[Path]) -> None:
    rows = read_records([path])
    articles = load_gold([path], texts=texts)  # raises GoldError listing every record that does not fit
    assert [a.id for a in articles] == [r["id"] for r in rows]
    for row, article in zip(rows, articles, strict=True):
        assert article.text_sha1 == row["text_sha1"] == text_sha1(article.text)
        assert len(article.entities) == len(row["entities"]) and len(article.dates) == len(row["dates"])
        assert all(article.text[e.start : e.end] == e.text for e in article.spans())


def test_ids_unique_and_split_known() -> None:
    rows = read_records(FILES)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert {r.get("split") for r in rows} == {"dev", "test", "test-general"}
    assert EXAMPLE_ID in ids


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.manifest.tsv")), ids=lambda p: p.name)
def test_manifest_rows_match(path: Path, texts: list[Path]) -> None:
    with path.open(encoding="utf-8") as f:
        manifest = list(csv.DictReader(f, delimiter="\t"))
    rows = read_records([path.with_name(path.name.replace(".manifest.tsv", ".jsonl"))])
    assert [m["id"] for m in manifest] == [r["id"] for r in rows]
    assert [m["split"] for m in manifest] == [r["split"] for r in rows]
    assert {m["split"] for m in manifest} <= {"dev", "test", "test-general"}  # a batch may be all dev
    articles = rehydrate(rows, texts=texts)
    assert [int(m["chars"]) for m in manifest] == [len(a.text) for a in articles]


def test_example_matches_the_guideline_gold(texts: list[Path]) -> None:
    compact = load_gold([GOLD / "example.jsonl"], texts=texts)[0]
    guideline = load_gold([EXAMPLES / "ninh-binh-dan-van-2021-07-02.gold.jsonl"], texts=texts)[0]
    assert compact.id == guideline.id == EXAMPLE_ID
    assert compact.entities == guideline.entities
    assert compact.dates == guideline.dates and compact.facts == guideline.facts
    assert [(p.name, p.titles) for p in compact.people] == [(p.name, p.titles) for p in guideline.people]


TEXT = "Ông Nguyễn Văn Nam, Bí thư Tỉnh ủy, thăm tỉnh Cà Mau."
GOOD = {"id": "t", "text_sha1": text_sha1(TEXT),
        "entities": [["PERSON", 4, 18], ["TITLE", 20, 34], ["ORGANIZATION", 27, 34], ["LOCATION", 41, 52]],
        "people": [{"name": [4, 18], "titles": [[20, 34]]}], "dates": [], "facts": []}


def test_problems_of_a_good_record_is_empty() -> None:
    assert problems(GOOD, TEXT) == []
    article = rehydrate([{**GOOD, "text": TEXT}])[0]
    assert [(e.type, e.text) for e in article.entities] == [
        ("PERSON", "Nguyễn Văn Nam"), ("TITLE", "Bí thư Tỉnh ủy"), ("ORGANIZATION", "Tỉnh ủy"),
        ("LOCATION", "tỉnh Cà Mau")]
    assert (article.people[0].name, article.people[0].titles) == ("Nguyễn Văn Nam", ["Bí thư Tỉnh ủy"])


@pytest.mark.parametrize(("change", "message"), [
    ({"text_sha1": "0" * 40}, "text_sha1"),
    ({"entities": [["PERSON", 4, 99]]}, "not a span"),
    ({"entities": [["PERSON", 3, 18]]}, "white space"),
    ({"entities": [["PERSON", 4, 18], ["LOCATION", 15, 25]]}, "overlap"),
    ({"entities": [["PERSON", 4, 18], ["PLACE", 41, 52]]}, "unknown entity type"),
    ({"people": [{"name": [4, 18], "titles": [[20, 34]]}], "entities": [["PERSON", 4, 18]]}, "not a TITLE entity"),
    ({"people": [{"name": [4, 10], "titles": []}]}, "not a PERSON entity"),
    ({"dates": [[0, 3, "2021"], ]}, None),
])
def test_problems_found(change: dict, message: str | None) -> None:
    found = problems({**GOOD, **change}, TEXT)
    if message is None:
        assert found == []
    else:
        assert any(message in p for p in found), found


def test_guideline_format_checks_texts_and_names() -> None:
    row = {"id": "g", "entities": [{"type": "PERSON", "start": 4, "end": 18, "text": "Nguyễn Văn Nam"}],
           "people": [{"name": "Nguyễn Văn Nam", "titles": ["Bí thư"]}], "dates": [], "facts": []}
    found = problems(row, TEXT)
    assert found == ["person title 'Bí thư' is not the text of a TITLE entity"]
    row["entities"][0]["text"] = "Nguyen Van Nam"
    assert "says 'Nguyen Van Nam'" in problems(row, TEXT)[0]
    with pytest.raises(GoldError, match="no text found"):
        rehydrate([{"id": "nowhere", "text_sha1": "0" * 40, "entities": []}], texts=[])


def test_split_filter(texts: list[Path]) -> None:
    dev = load_gold([GOLD], texts=texts, split="dev")
    test = load_gold([GOLD], texts=texts, split="test")
    general = load_gold([GOLD], texts=texts, split="test-general")
    assert dev and test and general
    assert not {a.id for a in dev} & {a.id for a in test} and not {a.id for a in dev} & {a.id for a in general}
    assert len(dev) + len(test) + len(general) == len(read_records([GOLD]))
    assert json.loads((GOLD / "example.jsonl").read_text(encoding="utf-8"))["split"] == "dev"
