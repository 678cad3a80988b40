"""link_people: one record per person, with the titles the text attaches to them."""

from __future__ import annotations

from dvextract._entities import find_entities
from dvextract._people import link_people
from dvextract._text import normalize


def _people(source: str) -> dict[str, list[str]]:
    text = normalize(source).text
    found = link_people(text, find_entities(text, [(0, len(text))]))
    return {text[slice(*p.name)]: [text[t.start : t.end] for t in p.titles] for p in found}


def test_apposition_list() -> None:
    got = _people("Đồng chí Trần Thị Hồng Thanh, Tỉnh ủy viên, PBTTT Thành ủy dự và chủ trì hội nghị.")
    assert got == {"Trần Thị Hồng Thanh": ["Tỉnh ủy viên", "PBTTT Thành ủy"]}


def test_titles_before_the_name_and_a_later_short_reference() -> None:
    got = _people("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Thái Nguyên Dương Ngọc Long phát biểu. "
                  "Ông Long cho biết thêm.")
    assert got == {"Dương Ngọc Long": ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh Thái Nguyên"]}


def test_title_organisation_and_expansion() -> None:
    text = normalize("Bà Lê Thị Hoa, PBTTT Thành ủy dự họp.").text
    (person,) = link_people(text, find_entities(text, [(0, len(text))]))
    (link,) = person.titles
    assert link.organization == "Thành ủy"
    assert link.expansion == "Phó Bí thư Thường trực Thành ủy"


def test_two_people_keep_their_own_titles() -> None:
    got = _people("Ông Đoàn Xuân Hiếu, Chánh VP HĐND TP Đà Nẵng cho biết. "
                  "Ông Nguyễn Thành Tiến, Phó Chánh VP UBND TP Đà Nẵng cũng dự.")
    assert got["Đoàn Xuân Hiếu"] == ["Chánh VP HĐND TP Đà Nẵng"]
    assert got["Nguyễn Thành Tiến"] == ["Phó Chánh VP UBND TP Đà Nẵng"]
