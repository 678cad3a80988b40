"""The statistical tagger beside the rules (issue #16): its decoding, its arbitration with the rules, that its
training code trains, that the shipped model is the one the corpus and the features make, and that it travels
with the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import dvextract
from dvextract._entities import Found
from dvextract._entities.lexicon import packaged
from dvextract._gold import default_texts, split_sha
from dvextract._tagger import MODEL, Tagger, arbitrate, default_tagger
from dvextract._tagger.features import block_features, tokens
from dvextract._tagger.model import spans_of
from dvextract._train_tagger import feature_sha, gold_articles, prepare, sequences, train

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold"
needs_archive = pytest.mark.skipif(not any(p.suffix == ".gz" for p in default_texts()),
                                   reason="the archive (../shared/data/archive) is not here")


def test_bio_labels_become_mentions() -> None:
    ranges = [(0, 3), (4, 7), (8, 11), (12, 15), (16, 19), (20, 23)]
    labels = ["B-PERSON", "I-PERSON", "O", "I-LOCATION", "I-ORGANIZATION", "B-ORGANIZATION"]
    assert spans_of(ranges, labels) == [
        Found(0, 7, "PERSON"), Found(12, 15, "LOCATION"), Found(16, 19, "ORGANIZATION"),
        Found(20, 23, "ORGANIZATION")]


def test_features_mark_lexicon_phrases_and_neighbours() -> None:
    text = "Chủ tịch UBND tỉnh Quảng Nam Lê Trí Thanh"
    ranges, feats = block_features(text, 0, len(text), packaged())
    assert [text[s:e] for s, e in ranges] == text.split()
    assert ranges == tokens(text, 0, len(text))
    by_word = dict(zip(text.split(), feats, strict=True))
    assert {"L=B-title", "+1L=I-title"} <= set(by_word["Chủ"])
    assert {"L=B-place", "-1L=B-unit", "w=quảng", "s=Xx", "2sur"} <= set(by_word["Quảng"])
    assert {"sur", "-1w=nam", "1w=trí"} <= set(by_word["Lê"])


def test_arbitration_keeps_every_rule_mention_and_adds_what_no_rule_found() -> None:
    title = Found(0, 8, "TITLE")
    org = Found(9, 30, "ORGANIZATION", "Ủy ban nhân dân tỉnh Quảng Nam")
    place = Found(19, 30, "LOCATION")
    person = Found(40, 45, "PERSON")
    model = [
        Found(2, 8, "ORGANIZATION"),  # inside a rule TITLE
        Found(19, 30, "PERSON"),  # inside rule mentions
        Found(40, 52, "PERSON"),  # overlaps a rule PERSON: the rules' edges stay
        Found(46, 50, "TITLE"),  # the model's titles are never taken
        Found(52, 58, "LOCATION"),  # touches the end of a rule mention without overlapping it: added
        Found(60, 70, "ORGANIZATION"),  # nothing there: added
    ]
    assert arbitrate([title, org, place, person], model) == [
        title, org, place, person, Found(52, 58, "LOCATION"), Found(60, 70, "ORGANIZATION")]
    assert arbitrate([], model[-1:]) == model[-1:]


def test_arbitration_is_linear_in_the_mentions() -> None:
    """Counted, never timed: each model mention once compared with every rule mention starting before its end
    (22,222 one-line paragraphs ``Hà Nội.``: 12 CPU s). Python-level calls counted by a profile hook stay a few
    per mention; the answer is the brute-force one."""
    import random
    import sys

    rules = [Found(10 * i, 10 * i + 4, "LOCATION") for i in range(1_000)]
    model = [Found(10 * i + 5, 10 * i + 8, "PERSON") for i in range(1_000)]  # between rule mentions: all added
    calls = []
    sys.setprofile(lambda frame, event, arg: calls.append(1) if event == "call" else None)
    try:
        merged = arbitrate(rules, model)
    finally:
        sys.setprofile(None)
    assert len(merged) == 2_000 and len(calls) < 10 * 2_000
    rng = random.Random(19)
    for _ in range(200):
        spans = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 8)))]
        rule = [Found(a, b, "TITLE") for a, b in spans]
        found = [Found(a, a + rng.randint(1, 30), "PERSON") for a in (rng.randint(0, 200) for _ in range(8))]
        expected = {m for m in found if not any(a < m.end and m.start < b for a, b in spans)}
        assert set(arbitrate(rule, found)) == set(rule) | expected


def test_shipped_model_is_trained_on_the_current_corpus_and_features() -> None:
    """Fails when the gold ``dev`` split or the feature code changed since the model was trained: retrain with
    ``python -m dvextract._train_tagger`` and commit ``models/ner.crfsuite`` and ``ner.json``."""
    record = json.loads(MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    assert record["gold_sha1"] == split_sha([GOLD], "dev")
    assert record["feature_sha1"] == feature_sha()
    assert record["bytes"] == MODEL.stat().st_size
    assert {"B-PERSON", "I-ORGANIZATION", "B-LOCATION", "O"} <= set(default_tagger().labels)


@needs_archive
def test_training_on_a_small_slice_learns_it(tmp_path: Path) -> None:
    prepared = prepare(gold_articles(GOLD, "dev")[:4])
    xs, ys = sequences(prepared)
    assert len(xs) == len(ys) and all(len(x) == len(y) for x, y in zip(xs, ys, strict=True))
    tagger = Tagger(train(prepared, tmp_path / "slice.crfsuite", max_iterations=40))
    gold = {(g.start, g.end, g.type) for p in prepared for g in p.gold}
    found = {(f.start, f.end, f.type) for p in prepared for f in tagger.find(p.text, p.blocks)}
    assert len(gold & found) >= 0.5 * len(gold)  # it fits what it was trained on
    assert tagger.decoded == sum(len(x) for x in xs)  # one decode per token, each block once


def test_the_model_decodes_each_token_of_the_mined_blocks_once() -> None:
    nlp = dvextract.load()
    tagger = nlp.get_pipe("dvx_entities").tagger
    before = tagger.decoded
    text = "Tổng công ty Điện lực miền Bắc vừa ký hợp đồng với ông Nguyễn Văn Tèo tại Hà Nội."
    article = dvextract.extract(text, nlp=nlp)
    assert tagger.decoded - before == len(tokens(text, 0, len(text)))
    assert ("PERSON", "Nguyễn Văn Tèo") in {(e.type, e.text) for e in article.entities}


def test_the_model_travels_with_the_pipeline(tmp_path: Path) -> None:
    nlp = dvextract.load()
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "dvx_entities" / "ner.crfsuite"
    assert saved.read_bytes() == MODEL.read_bytes()
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Chiều 3/5, Công ty Cổ phần Sữa Việt Nam và bà Mai Kiều Liên đến thăm xã Tân Phước."
    assert dvextract.extract(text, nlp=loaded) == dvextract.extract(text, nlp=nlp)
    again = dvextract.load().from_bytes(nlp.to_bytes())
    assert again.get_pipe("dvx_entities").tagger is default_tagger()
    rules_only = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    rules_only.add_pipe("dvx_entities", config={"tagger": False})
    assert rules_only.get_pipe("dvx_entities").tagger is None
    rules_only.to_disk(tmp_path / "rules")
    assert not (tmp_path / "rules" / "dvx_entities" / "ner.crfsuite").exists()
