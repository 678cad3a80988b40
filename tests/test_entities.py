"""find_entities beyond the examples: the worked example article, user gazetteers, hostile input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dvextract._entities import Found, find_entities, load_gazetteer, one_reading
from dvextract._entities.scan import Scan
from dvextract._text import normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "ninh-binh-dan-van-2021-07-02"


def _spans(text: str, **kw) -> set[tuple[str, str]]:
    return {(f.type, text[f.start : f.end]) for f in find_entities(text, [(0, len(text))], **kw)}


def test_example_article_people_titles_and_bodies() -> None:
    if not EXAMPLE.with_suffix(".txt").exists():
        pytest.skip(f"{EXAMPLE} absent")
    source = EXAMPLE.with_suffix(".txt").read_text(encoding="utf-8")
    text = normalize(source).text
    gold = json.loads(EXAMPLE.with_suffix(".gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    want = {(e["type"], e["text"]) for e in gold["entities"] if e["type"] != "LOCATION" and e["text"] != "Kim Dung"}
    want = {(t, normalize(s).text) for t, s in want}
    got = _spans(text)
    missing = want - got
    assert len(missing) <= 1, missing  # the lowercase `Ban chỉ đạo thực hiện QCDC …` is the known miss
    expanded = {f.expansion for f in find_entities(text, [(0, len(text))]) if f.expansion}
    assert "Phó Bí thư Thường trực Thành ủy" in expanded


def test_author_is_a_person() -> None:
    text = "Hội nghị diễn ra sáng nay. Kim Dung"
    assert find_entities(text, [(0, 26)], authors=[(27, 35)])[-1][:3] == (27, 35, "PERSON")


def test_user_gazetteer_adds_entries_in_either_tone_style(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("phrase\ttype\n# a comment\nCông ty Hoà Bình Xanh\tORGANIZATION\nBến Nghé\tLOCATION\n"
                    "John Smith\tPERSON\n", encoding="utf-8")
    lexicon = load_gazetteer([path])
    text = normalize("Công ty Hoà Bình Xanh mời John Smith đến Bến Nghé.").text
    got = _spans(text, lexicon=lexicon)
    assert {("ORGANIZATION", "Công ty Hòa Bình Xanh"), ("PERSON", "John Smith"), ("LOCATION", "Bến Nghé")} <= got
    assert ("PERSON", "John Smith") not in _spans(text)


def test_bad_gazetteer_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("phrase\ttype\nAi đó\tANIMAL\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_gazetteer([path])


def _lookups(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """The scan's primitive steps (lexicon look-ups, spacing and name checks) while finding the entities of text."""
    count = 0

    def counting(real: Callable[..., object]) -> Callable[..., object]:
        def counted(*args: object, **kw: object) -> object:
            nonlocal count
            count += 1
            return real(*args, **kw)
        return counted

    for name in ("match", "tight", "name_tok"):
        monkeypatch.setattr(Scan, name, counting(getattr(Scan, name)))
    find_entities(text, [(0, len(text))])
    monkeypatch.undo()
    return count


@pytest.mark.parametrize(("unit", "n"), [
    ("1.", 50_000), ("Nguyễn ", 12_500), ("Ban ", 12_500), ("/-", 50_000), ("Hội Ban Sở Bộ Trưởng Phó ", 2_000),
    ("tỉnh Hà Nội Thành ủy ", 2_000), ("Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Cà Mau, ", 2_000),
])
@pytest.mark.slow  # seven texts of up to 100,000 characters, each twice, through the entity grammar
def test_hostile_input_is_linear(unit: str, n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounded work per token, counted (not timed): twice the hostile text costs at most twice the steps."""
    once, twice = _lookups(unit * n, monkeypatch), _lookups(unit * 2 * n, monkeypatch)
    assert twice <= 2 * once + 100, (once, twice)


def test_no_overlap_between_person_org_and_place() -> None:
    text = normalize("Chủ tịch UBND tỉnh Thái Nguyên Dương Ngọc Long và Bí thư Quận ủy Thanh Khê Lê Minh Trung "
                     "dự.").text
    spans = [f for f in find_entities(text, [(0, len(text))]) if f.type != "TITLE"]
    for a in spans:
        for b in spans:
            assert a is b or a.end <= b.start or b.end <= a.start, (a, b)


def _read(text: str) -> list[tuple[str, str]]:
    text = normalize(text).text
    return [(f.type, text[f.start : f.end]) for f in one_reading(text, find_entities(text, [(0, len(text))]))]


def test_one_reading_finds_a_country_wherever_the_article_used_it() -> None:
    got = _read("Các nhà ngoại giao Nga đã rời khỏi Séc. Họ sẽ sang Nga trong tuần.")
    assert got.count(("LOCATION", "Nga")) == 2, got


def test_one_reading_keeps_a_given_name_and_a_pronoun() -> None:
    got = _read("Đoàn đã sang Anh. Ông Nguyễn Đức Anh cho biết. Anh nói thêm rằng sẽ quay lại.")
    assert ("PERSON", "Nguyễn Đức Anh") in got
    assert got.count(("LOCATION", "Anh")) == 1, got  # the sentence-opening pronoun is no country


def test_one_reading_settles_one_type_per_name() -> None:
    text = "Real Madrid thắng. Real Madrid"
    found = [Found(0, 11, "ORGANIZATION"), Found(19, 30, "ORGANIZATION"), Found(19, 30, "PERSON")]
    assert {f.type for f in one_reading(text, found)} == {"ORGANIZATION"}


def test_one_reading_work_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: the free-span checks grow with the text, not with its square."""
    from dvextract._entities import consistency

    def checks(n: int) -> int:
        count = 0
        real = consistency._Article.free

        def counted(self: consistency._Article, start: int, end: int) -> bool:
            nonlocal count
            count += 1
            return real(self, start, end)

        monkeypatch.setattr(consistency._Article, "free", counted)
        text = "Bộ Y tế họp với Nga. Bộ đã gặp Abigail Brody, Brody nói tại Mỹ, Đức. " * n
        one_reading(text, find_entities(text, [(0, len(text))]))
        monkeypatch.undo()
        return count

    once, twice = checks(200), checks(400)
    assert once > 0 and twice <= 2 * once + 10, (once, twice)


def test_one_reading_ends_a_title_before_the_person_it_holds() -> None:
    text = "Tấm gương Chủ tịch Hồ Chí Minh. Phong cách Hồ Chí Minh"
    found = [Found(10, 30, "TITLE"), Found(19, 30, "LOCATION"), Found(43, 54, "PERSON"), Found(43, 54, "PERSON")]
    got = {(f.type, text[f.start : f.end]) for f in one_reading(text, found)}
    assert ("TITLE", "Chủ tịch") in got and ("PERSON", "Hồ Chí Minh") in got and ("LOCATION", "Hồ Chí Minh") not in got
