"""Captions the rules miss in flattened bodies (issue #21): the learned models of ``dvextract._structure.scenes``
(a sentence of the running text that is a caption) and ``dvextract._structure.sentence_starts`` (where a caption
with no final stop ends), what they change in a structure, and that the shipped models are the ones the corpus
and the feature code make."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ARCHIVE, need

from dvextract._gold import load_gold, split_sha
from dvextract._structure import find_structure, rule_structure
from dvextract._structure.record import Structure
from dvextract._structure.scenes import CONTEXT, CONTEXT_FEATURES, paragraph_sentences, word_features, word_score
from dvextract._structure.sentence_starts import start_examples, start_features, unstopped_starts
from dvextract._train_captions import SETTINGS, context_rows, feature_sha, fit

DEV = Path(__file__).resolve().parents[1] / "corpora" / "structure" / "dev.jsonl"

# Our own text: a report on a meeting, with the photo's caption glued between two of its sentences.
_BEFORE = ("Chiều 12/3, UBND tỉnh tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm 2017. "
           "Theo báo cáo, trong năm qua tỉnh đã chịu ảnh hưởng của 5 cơn bão, làm 12 người chết và thiệt hại hơn "
           "300 tỷ đồng. ")
_CAPTION = "Các đại biểu tham dự hội nghị tổng kết."
_AFTER = (" Phát biểu tại hội nghị, ông Nguyễn Văn An, Chủ tịch UBND tỉnh đề nghị các ngành chủ động xây dựng kế "
          "hoạch cho năm 2018. Ông cũng yêu cầu các địa phương rà soát lại các khu dân cư có nguy cơ sạt lở.")
ARTICLE = _BEFORE + _CAPTION + _AFTER


def test_word_features_are_syllables_pairs_and_shape() -> None:
    assert word_features("Toàn cảnh hội nghị, 2017.") == [
        "toàn", "cảnh", "hội", "nghị", "2017", "toàn_cảnh", "cảnh_hội", "hội_nghị", "nghị_2017",
        "N:1", "comma", "F:toàn", "L:2017", "F2:toàn_cảnh", "digit", "C:1"]


@pytest.mark.parametrize(("sentence", "caption"), [
    ("Các đại biểu chụp ảnh lưu niệm tại buổi lễ.", True),
    ("Hiện trường vụ tai nạn trên quốc lộ 1A.", True),
    ("Theo ông Nam, trong năm 2017 doanh thu của công ty đã tăng 20% so với cùng kỳ năm trước.", False),
    ("Tuy nhiên, sau đó ông cho biết sẽ tiếp tục theo dõi tình hình.", False),
])
def test_the_word_model_tells_a_scene_from_a_report(sentence: str, caption: bool) -> None:
    assert (word_score(sentence) > 0) is caption


def test_a_scene_glued_between_sentences_becomes_a_caption() -> None:
    start = len(_BEFORE)
    assert rule_structure(ARTICLE).captions == []  # no credit, a final stop, no echo: the rules let it be
    structure = find_structure(ARTICLE)
    assert structure.captions == [(start, start + len(_CAPTION))]
    assert structure.paragraphs == [(0, start - 1), (start + len(_CAPTION) + 1, len(ARTICLE))]
    assert structure.lead == structure.paragraphs[0]


def test_the_running_text_stays_when_no_sentence_reads_as_a_caption() -> None:
    text = _BEFORE + _AFTER.lstrip()
    assert find_structure(text).captions == []
    assert find_structure(text).paragraphs == rule_structure(text).paragraphs


def test_a_gallery_is_not_read_sentence_by_sentence() -> None:
    shots = " ".join(f"Bức ảnh số {n} chụp cảnh đường phố. Ảnh: Reuters." for n in range(1, 7))
    assert paragraph_sentences(shots, Structure(paragraphs=[(0, len(shots))])) == []
    five = shots[: shots.index("Bức ảnh số 6")].rstrip()
    assert len(paragraph_sentences(five, Structure(paragraphs=[(0, len(five))]))) == 10


# Our own text again: the caption glued with no final stop (``… quốc lộ 1A`` | ``Lực lượng …``).
_UNSTOPPED = "Chiếc xe tải bốc cháy trên quốc lộ 1A"
FIRE = ("Khoảng 10 giờ sáng nay, một chiếc xe tải chở hàng bốc cháy dữ dội trên quốc lộ 1A đoạn qua huyện Thăng "
        "Bình. Tài xế nhanh chóng nhảy ra ngoài thoát hiểm và gọi điện báo cho lực lượng chức năng. " + _UNSTOPPED +
        " Lực lượng cảnh sát phòng cháy chữa cháy đã có mặt sau 15 phút và dập tắt đám cháy. Toàn bộ hàng hóa trên "
        "xe bị thiêu rụi, thiệt hại ước tính hơn 500 triệu đồng.")


def test_start_features_read_both_sides_of_the_place() -> None:
    assert start_features(["ông", "An", "đến", "từ"], "Hà", "Nội.", "lực") == [
        "b:hà", "a:nội", "aa:nội_lực", "bb:từ_hà", "ba:hà_nội", "caps:1", "a2:low", "b:cap"]
    assert start_features(["Liên", "minh", "Chống", "Vi"], "phạm", "Bản", "quyền") == [
        "b:phạm", "a:bản", "aa:bản_quyền", "bb:vi_phạm", "ba:phạm_bản", "caps:3", "a2:low", "b:low"]
    assert start_features(["lộ", "số"], "(1A)", "Lực", "Lượng") == [
        "b:1a", "a:lực", "aa:lực_lượng", "bb:số_1a", "ba:1a_lực", "caps:0", "a2:cap", "b:low", "b:digit"]


def test_start_examples_are_starts_after_a_stop_and_capitals_inside_a_sentence() -> None:
    text = "Ông An đến từ Hà Nội. Lực lượng chức năng có mặt tại huyện Ba Vì ngay sau đó."
    assert [(features[:2], label) for features, label in start_examples(text)] == [
        (["b:nội", "a:lực"], 1),  # the stop taken away
        (["b:ba", "a:vì"], 0),  # "Ba Vì": inside a name (and "Hà Nội", "Ba" come before a capital: not read)
    ]


def test_a_sentence_start_with_no_stop_before_it_is_read_and_a_name_is_not() -> None:
    text = ("Tài xế nhanh chóng nhảy ra ngoài thoát hiểm Lực lượng PCCC nhanh chóng có mặt để dập lửa. "
            "Ông Nguyễn Văn An cho biết xe chở hàng từ Hà Nội vào Huế.")
    assert unstopped_starts(text, 0, len(text)) == [text.index("Lực lượng")]


def test_a_caption_with_no_final_stop_before_a_read_start_becomes_a_caption() -> None:
    start = FIRE.index(_UNSTOPPED)
    assert rule_structure(FIRE).captions == []  # "Lực lượng" is in no word list of sentence openers
    assert find_structure(FIRE).captions == [(start, start + len(_UNSTOPPED))]


def test_both_readings_in_one_body_leave_the_lead_and_the_paragraphs_between_them() -> None:
    """A flattened body (lead, then one line) with a caption glued with no stop and a scene sentence: each is cut
    out exactly, the paragraphs are what is left between them, and the lead stays the first line."""
    lead = "Chiều 12/3, UBND tỉnh tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm 2017."
    close = " Ông cũng yêu cầu các địa phương rà soát lại các khu dân cư có nguy cơ sạt lở."
    text = lead + "\n" + FIRE + " " + _CAPTION + close
    structure = find_structure(text)
    unstopped, scene = text.index(_UNSTOPPED), text.index(_CAPTION)
    assert structure.flattened
    assert structure.captions == [(unstopped, unstopped + len(_UNSTOPPED)), (scene, scene + len(_CAPTION))]
    assert structure.paragraphs == [(0, len(lead)), (len(lead) + 1, unstopped - 1),
                                    (unstopped + len(_UNSTOPPED) + 1, scene - 1),
                                    (len(text) - len(close) + 1, len(text))]
    assert structure.lead == (0, len(lead))


def test_a_body_of_many_lines_is_left_to_the_rules() -> None:
    lines = "\n".join([_BEFORE.strip(), _CAPTION + _AFTER, "Ông An cho biết công tác này sẽ tiếp tục.",
                       "Hội nghị kết thúc lúc 17 giờ cùng ngày."])
    structure = find_structure(lines)
    assert not structure.flattened
    assert structure.captions == rule_structure(lines).captions == []


def test_the_context_model_weighs_every_feature_it_is_given() -> None:
    model = json.loads(CONTEXT.read_text(encoding="utf-8"))
    assert tuple(model["weights"]) == CONTEXT_FEATURES
    assert model["threshold"] == SETTINGS["threshold"]


def test_the_shipped_models_are_the_ones_the_dev_split_and_the_features_make() -> None:
    model = json.loads(CONTEXT.read_text(encoding="utf-8"))
    assert model["gold_sha1"] == split_sha([DEV], "dev")  # re-train (python -m dvextract._train_captions)
    assert model["feature_sha1"] == feature_sha()


def test_the_context_model_is_what_training_on_the_dev_split_gives() -> None:
    """Refit on the dev gold with the shipped word model: the same weights as shipped (the fit has no sampling)."""
    pytest.importorskip("sklearn")
    need(ARCHIVE)
    rows, labels = [], []
    for article in load_gold([DEV], split="dev"):
        *_, article_rows, article_labels = context_rows(article)
        rows += article_rows
        labels += article_labels
    shipped = json.loads(CONTEXT.read_text(encoding="utf-8"))
    assert (len(labels), sum(labels)) == (shipped["sentences"], shipped["captions"])
    model = fit(rows, labels, SETTINGS["context_c"], balanced=False)
    refit = dict(zip(CONTEXT_FEATURES, model.coef_[0], strict=True))  # type: ignore[attr-defined]
    assert refit == pytest.approx(shipped["weights"], abs=1e-3)
