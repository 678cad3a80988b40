"""Scoring: strict and lenient span PRF, value accuracy, person-title links, the CLI, CoNLL input, underthesea."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, need

import dvextract
from dvextract._cli import main
from dvextract._evaluate import HEADLINE, PRF, evaluate, plot, underthesea_entities
from dvextract._gold import read_conll
from dvextract._records import text_sha1

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_GOLD = REPO / "corpora" / "gold" / "example.jsonl"
TEXT = "Ông Nguyễn Văn Nam, Chủ tịch UBND tỉnh Cà Mau, đến Hà Nội ngày 2/7/2021 với 12 người và 99,5%."


def art(text: str = TEXT, id: str = "a", **fields) -> dvextract.Article:
    """An article whose spans are given as (type or value..., phrase): offsets found in the text."""

    def at(phrase: str) -> dict:
        start = text.index(phrase)
        return {"start": start, "end": start + len(phrase), "text": phrase}

    data = {
        "entities": [{"type": t, **at(p)} for t, p in fields.get("entities", [])],
        "dates": [{"value": v, **at(p)} for p, v in fields.get("dates", [])],
        "facts": [{**f, **at(p)} for p, f in fields.get("facts", [])],
        "people": [{"name": n, "titles": ts} for n, ts in fields.get("people", [])],
    }
    return dvextract.Article(id=id, text=text, text_sha1=text_sha1(text), **data)


def test_prf_arithmetic() -> None:
    s = PRF(tp=3, fp=1, fn=2)
    assert (s.precision, s.recall) == (0.75, 0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert PRF().f1 == 0.0


def test_strict_versus_lenient() -> None:
    gold = art(entities=[("PERSON", "Nguyễn Văn Nam"), ("ORGANIZATION", "UBND tỉnh Cà Mau"), ("LOCATION", "Hà Nội")])
    pred = art(entities=[("PERSON", "Nguyễn Văn Nam"),      # exact
                         ("ORGANIZATION", "UBND tỉnh"),     # overlap: lenient only
                         ("PERSON", "Hà Nội"),              # right span, wrong type
                         ("TITLE", "Chủ tịch")])            # spurious
    r = evaluate([gold], [pred])
    assert r.entities["PERSON"].strict == PRF(tp=1, fp=1, fn=0)
    assert r.entities["ORGANIZATION"].strict == PRF(tp=0, fp=1, fn=1)
    assert r.entities["ORGANIZATION"].lenient == PRF(tp=1, fp=0, fn=0)
    assert r.entities["LOCATION"].lenient == PRF(tp=0, fp=0, fn=1)
    assert r.entities["TITLE"].strict == PRF(tp=0, fp=1, fn=0)
    assert r.entities["ALL"].strict == PRF(tp=1, fp=3, fn=2)
    assert r.entities["ALL"].lenient == PRF(tp=2, fp=2, fn=1)
    assert r.figures()["entities.ALL.lenient.f1"] == pytest.approx(2 * 2 / (2 * 2 + 2 + 1))
    assert set(r.headline()) == set(HEADLINE)


def test_lenient_matching_is_one_to_one() -> None:
    gold = art(entities=[("LOCATION", "tỉnh Cà Mau"), ("LOCATION", "Hà Nội")])
    one_long = art(entities=[("LOCATION", "tỉnh Cà Mau, đến Hà Nội")])
    r = evaluate([gold], [one_long])
    assert r.entities["LOCATION"].lenient == PRF(tp=1, fp=0, fn=1)
    # The prediction overlapping most wins the gold span; the other prediction is a false positive.
    gold = art(entities=[("ORGANIZATION", "UBND tỉnh Cà Mau")])
    two = art(entities=[("ORGANIZATION", "UBND"), ("ORGANIZATION", "tỉnh Cà Mau")])
    r = evaluate([gold], [two])
    assert r.entities["ORGANIZATION"].lenient == PRF(tp=1, fp=1, fn=0)


def test_date_values_over_matched_spans() -> None:
    gold = art(dates=[("ngày 2/7/2021", "2021-07-02")])
    assert evaluate([gold], [gold]).dates.value_accuracy == 1.0
    shorter_right = art(dates=[("2/7/2021", "2021-07-02")])
    r = evaluate([gold], [shorter_right])
    assert (r.dates.strict.tp, r.dates.lenient.tp, r.dates.values_right) == (0, 1, 1)
    wrong = art(dates=[("ngày 2/7/2021", "2021-02-07")])
    r = evaluate([gold], [wrong])
    assert (r.dates.strict.f1, r.dates.value_accuracy) == (1.0, 0.0)
    assert evaluate([gold], [art()]).dates.value_accuracy == 0.0  # nothing matched


def test_fact_values_kind_value_denominator() -> None:
    gold = art(facts=[("12 người", {"kind": "count", "value": 12, "unit": "người"}),
                      ("99,5%", {"kind": "percent", "value": 99.5, "unit": "%"})])
    close = art(facts=[("12 người", {"kind": "count", "value": 12.0000000001, "unit": "người"}),
                       ("99,5%", {"kind": "percent", "value": 99.5, "unit": "phần trăm"})])  # unit not compared
    assert evaluate([gold], [close]).facts.value_accuracy == 1.0
    wrong = art(facts=[("12 người", {"kind": "measure", "value": 12, "unit": "người"}),
                       ("99,5%", {"kind": "percent", "value": 99.6, "unit": "%"})])
    assert evaluate([gold], [wrong]).facts.values_right == 0
    ratio = art(facts=[("12 người", {"kind": "ratio", "value": 12, "denominator": 20})])
    assert evaluate([ratio], [art(facts=[("12 người", {"kind": "ratio", "value": 12, "denominator": 21})])]
                    ).facts.values_right == 0


def test_person_title_links() -> None:
    gold = art(people=[("Nguyễn Văn Nam", ["Chủ tịch UBND tỉnh Cà Mau", "Tỉnh ủy viên"])])
    # Tone-mark style and spacing do not matter; a missing title and a wrong pair do.
    pred = art(people=[("Nguyễn  Văn Nam", ["Tỉnh uỷ viên"]), ("Nam", ["Chủ tịch UBND tỉnh Cà Mau"])])
    r = evaluate([gold], [pred])
    assert r.links == PRF(tp=1, fp=1, fn=1)
    assert r.links.f1 == 0.5


def test_missing_prediction_scores_nothing() -> None:
    gold = art(entities=[("PERSON", "Nguyễn Văn Nam")])
    r = evaluate([gold, art(id="b")], [art(id="b")], system="x")
    assert (r.articles, r.missing, r.system) == (2, ["a"], "x")
    assert r.entities["PERSON"].strict == PRF(tp=0, fp=0, fn=1)


def test_prediction_on_another_text_is_refused() -> None:
    with pytest.raises(ValueError, match="another text"):
        evaluate([art()], [art(text=TEXT + " ")])


@pytest.fixture(scope="module")
def example_gold_articles() -> list[dvextract.Article]:
    need(EXAMPLES / "ninh-binh-dan-van-2021-07-02.txt")
    return dvextract.load_gold([EXAMPLE_GOLD], texts=[EXAMPLES])


def test_example_gold_against_itself_is_perfect(example_gold_articles) -> None:
    r = evaluate(example_gold_articles, example_gold_articles)
    assert r.entities["ALL"].strict == PRF(tp=24, fp=0, fn=0)
    assert (r.dates.strict.tp, r.facts.strict.tp, r.links.tp) == (15, 9, 2)
    assert set(r.figures().values()) == {1.0}


def test_cli_example_against_itself(example_gold_articles, tmp_path, capsys) -> None:
    out = tmp_path / "report.json"
    assert main(["eval", str(EXAMPLE_GOLD), "--texts", str(EXAMPLES), "--pred", str(EXAMPLE_GOLD),
                 "--pred", str(EXAMPLES / "ninh-binh-dan-van-2021-07-02.gold.jsonl"), "--json", str(out)]) == 0
    reports = json.loads(out.read_text(encoding="utf-8"))
    assert [r["system"] for r in reports] == ["example", "ninh-binh-dan-van-2021-07-02.gold"]
    for report in reports:
        assert report["entities"]["ALL"]["lenient"]["f1"] == 1.0
        assert report["links"]["f1"] == report["dates"]["value_accuracy"] == report["facts"]["value_accuracy"] == 1.0
    assert "ORGANIZATION" in capsys.readouterr().out  # the table


def test_dvextract_output_is_scored_as_predictions(example_gold_articles, tmp_path) -> None:
    gold = example_gold_articles[0]
    predicted = dvextract.extract(gold.text, id=gold.id)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(predicted.to_json() + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["eval", str(EXAMPLE_GOLD), "--texts", str(EXAMPLES), "--pred", str(pred_file),
                 "--json", str(out)]) == 0
    from_file = json.loads(out.read_text(encoding="utf-8"))[0]
    direct = evaluate([gold], [predicted], system="pred").model_dump(mode="json")
    assert from_file == direct


def test_underthesea_baseline_on_the_example(example_gold_articles) -> None:
    """The figure of the entities issue: underthesea overlaps 6 of the 24 gold entities and proposes 18 more."""
    gold = example_gold_articles[0]
    predicted = underthesea_entities(gold.text).model_copy(update={"id": gold.id})
    r = evaluate([gold], [predicted], system="underthesea")
    assert r.entities["ALL"].lenient == PRF(tp=6, fp=18, fn=18)
    assert r.entities["ALL"].lenient.f1 == 0.25
    assert r.entities["TITLE"].lenient.tp == r.dates.lenient.tp == r.facts.lenient.tp == 0


def test_underthesea_spans_index_the_original_text() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Sáng nay,\u00a0ông Nguyễn Văn Nam đến thăm Hà Nội.")
    found = underthesea_entities(text).entities
    assert [(e.type, e.text) for e in found] == [("PERSON", text[16:33]), ("LOCATION", text[46:55])]
    assert unicodedata.normalize("NFC", found[0].text) == "Nguyễn Văn Nam"


def test_plot_writes_png(example_gold_articles, tmp_path) -> None:
    pytest.importorskip("matplotlib")
    r = evaluate(example_gold_articles, example_gold_articles, system="gold")
    path = plot([r, r.model_copy(update={"system": "again"})], tmp_path / "p.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ---- CoNLL/BIO -----------------------------------------------------------------------------------------------

SYLLABLES = """\
Bộ\tB-ORGANIZATION
trưởng\tI-ORGANIZATION
Nguyễn\tB-NAME
Thanh\tI-NAME
Long\tI-NAME
đến\tO
Hà\tB-LOCATION
Nội\tI-LOCATION
.\tO

Bệnh\tB-PATIENT_ID
nhân\tI-PATIENT_ID
ở\tO
Đà\tI-LOCATION
Nẵng\tI-LOCATION
"""
WORDS = """\
Bộ_trưởng B-ORGANIZATION
Nguyễn_Thanh_Long B-NAME
đến O
Hà_Nội B-LOCATION
. O

Bệnh_nhân B-PATIENT_ID
ở O
Đà_Nẵng I-LOCATION
"""


def test_conll_syllable_and_word_level_agree(tmp_path) -> None:
    (tmp_path / "s.conll").write_text(SYLLABLES, encoding="utf-8")
    (tmp_path / "w.conll").write_text(WORDS, encoding="utf-8")
    syl = read_conll(tmp_path / "s.conll")
    word = read_conll(tmp_path / "w.conll", level="word")
    # No -DOCSTART-: each sentence is a document. NAME → PERSON, PATIENT_ID dropped, a leading I- starts one.
    assert [a.text for a in syl] == ["Bộ trưởng Nguyễn Thanh Long đến Hà Nội .", "Bệnh nhân ở Đà Nẵng"]
    assert [[(e.type, e.text) for e in a.entities] for a in syl] == [
        [("ORGANIZATION", "Bộ trưởng"), ("PERSON", "Nguyễn Thanh Long"), ("LOCATION", "Hà Nội")],
        [("LOCATION", "Đà Nẵng")],
    ]
    assert [a.model_dump(exclude={"id"}) for a in syl] == [a.model_dump(exclude={"id"}) for a in word]
    # Read at syllable level, a word-segmented file keeps its underscores.
    assert read_conll(tmp_path / "w.conll")[0].entities[1].text == "Nguyễn_Thanh_Long"


def test_conll_tag_map_columns_and_documents(tmp_path) -> None:
    vlsp = ("-DOCSTART- -X- O O O\n\nBộ N B-NP B-ORG O\ntrưởng N I-NP I-ORG O\nLong Np B-NP B-PER O\n\n"
            "Hà Np B-NP B-LOC O\nNội Np I-NP I-LOC O\n-DOCSTART- -X- O O O\n\nPhú Np B-NP B-PER O\n")
    path = tmp_path / "vlsp.txt"
    path.write_text(vlsp, encoding="utf-8")
    docs = read_conll(path, column=3, tag_map={"ORG": "TITLE", "LOC": "O"})
    assert [a.text for a in docs] == ["Bộ trưởng Long\nHà Nội", "Phú"]
    assert [(e.type, e.text) for e in docs[0].entities] == [("TITLE", "Bộ trưởng"), ("PERSON", "Long")]
    assert [e.text for e in docs[1].entities] == ["Phú"]
    assert read_conll(path)[0].entities == []  # the last column is the (empty) nested layer


def test_cli_conll_gold_against_conll_predictions(tmp_path) -> None:
    gold, pred = tmp_path / "gold.conll", tmp_path / "pred.conll"
    gold.write_text(SYLLABLES, encoding="utf-8")
    pred.write_text(SYLLABLES.replace("Hà\tB-LOCATION", "Hà\tO").replace("Nội\tI-LOCATION", "Nội\tB-LOCATION"),
                    encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["eval", str(gold), "--conll", "--pred", str(pred), "--tag-map", "NAME=PERSON",
                 "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))[0]
    assert report["articles"] == 2
    assert report["entities"]["LOCATION"]["strict"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5,
                                                         "recall": 0.5, "f1": 0.5}
    assert report["entities"]["LOCATION"]["lenient"]["f1"] == 1.0
