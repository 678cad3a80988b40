"""Article structure on the example and on crawled shapes (24h notices, glued captions and bylines)."""

from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path

import pytest

import dvextract
from dvextract import _structure
from dvextract._structure import find_structure

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo" / "bao-cao-huyen-uy-demo.txt"


def test_example_structure(example_text: str) -> None:
    a = dvextract.extract(example_text)
    assert a.title is not None and a.title.startswith("Hội nghị sơ kết công tác Dân vận")
    assert a.title.endswith("6 tháng cuối năm 2021")
    assert a.author == "Kim Dung"
    assert [c.text for c in a.captions] == ["Toàn cảnh hội nghị"]
    assert [b.text for b in a.boilerplate] == ["Ninh Bình", "Phim hay", "Du lịch"]
    assert a.lead is not None and a.lead.text.startswith("Chiều 2/7, tại phòng Hội thảo")
    assert len(a.paragraphs) == 4
    # Boilerplate and byline are never sentences; the title and the caption are.
    sentences = [s.text for s in a.sentences]
    assert "Toàn cảnh hội nghị" in sentences
    assert not any("Phim hay" in s or "Kim Dung" in s for s in sentences)


def test_demo_structure() -> None:
    a = dvextract.extract(DEMO.read_text(encoding="utf-8"))
    assert a.title == "Hội nghị Ban Chấp hành Đảng bộ huyện Tân Phước sơ kết công tác 9 tháng đầu năm 2024"
    assert a.author == "Thanh Vân"
    assert [c.text for c in a.captions] == ["Toàn cảnh hội nghị. Ảnh: Minh Tâm"]
    assert [b.text for b in a.boilerplate] == ["Lưu bài viết thành công", "Tin liên quan", "Phim hay", "Du lịch"]


def test_glued_notice_caption_and_credit() -> None:
    text = (
        "Lưu bài viết thành công Bạn có thể xem lại bài viết đã lưu ở trangTin bài đã lưu "
        "Hai đối tượng bị bắt giữ. Ảnh: CACC Ngày 3/2, công an huyện đã khởi tố vụ án. "
        "Vụ việc đang được điều tra. Nguồn: [Link nguồn]Nguồn: [Link nguồn]"
    )
    a = dvextract.extract(text)
    assert [b.text for b in a.boilerplate] == [
        "Lưu bài viết thành công Bạn có thể xem lại bài viết đã lưu ở trangTin bài đã lưu",
        "Nguồn: [Link nguồn]Nguồn: [Link nguồn]",
    ]
    assert [c.text for c in a.captions] == ["Hai đối tượng bị bắt giữ. Ảnh: CACC"]
    assert a.lead is not None and a.lead.text == "Ngày 3/2, công an huyện đã khởi tố vụ án. Vụ việc đang được điều tra."


def test_byline_after_last_sentence() -> None:
    a = dvextract.extract("Quốc hội đã phê chuẩn nhiệm kỳ mới của Thủ tướng. NGUYỆT PHƯƠNG")
    assert a.author == "NGUYỆT PHƯƠNG"
    b = dvextract.extract("Người dân có thể mua vé ở đâu tại Hà Nội? Kim Thanh (T/h) ")
    assert b.author == "Kim Thanh"
    assert b.byline is not None and b.byline.text == "Kim Thanh (T/h)"


def test_place_dash_author_byline() -> None:
    a = dvextract.extract("Hội nghị đã thông qua nghị quyết về phát triển kinh tế.\n\n Hải Dương - Hoan Trần\n")
    assert a.author == "Hoan Trần"


def _authors(text: str) -> list[str]:
    structure = find_structure(text)
    return [text[s:e] for s, e in structure.authors]


@pytest.mark.parametrize(("text", "authors", "byline"), [
    ("Doanh thu đạt 12 tỷ đồng. Minh Châu", ["Minh Châu"], "Minh Châu"),
    ("Đội bóng thắng trận thứ ba. * H.T", ["H.T"], "* H.T"),
    ("Giá vàng tăng mạnh. NK (Tổng hợp)", ["NK"], "NK (Tổng hợp)"),
    ("Người dân đã được sơ tán. Theo Lan Anh/VnE", ["Lan Anh"], "Theo Lan Anh/VnE"),
    ("Hội nghị thông qua nghị quyết. Minh Châu - Lan Anh", ["Minh Châu", "Lan Anh"], "Minh Châu - Lan Anh"),
    ("Buổi lễ kết thúc lúc 11 giờ. Ngọc Mai Ngọc Mai", ["Ngọc Mai"], "Ngọc Mai Ngọc Mai"),
    ("Cuộc bầu cử diễn ra./. Vũ Hạnh/VOV.VN Vũ Hạnh/VOV.VN", ["Vũ Hạnh"], "Vũ Hạnh/VOV.VN Vũ Hạnh/VOV.VN"),
    ("Hai bên nhất trí hợp tác. TTXVN/Tin Tức", [], "TTXVN/Tin Tức"),
    ("Hai bên nhất trí hợp tác. Theo Dân trí", [], "Theo Dân trí"),
    ("Hội nghị đã thông qua nghị quyết.\n\nHải Dương - Hoan Trần\n", ["Hoan Trần"], "Hải Dương - Hoan Trần"),
    ("Giá vàng tăng mạnh trong phiên sáng nay", [], None),
])
def test_bylines_of_flattened_text(text: str, authors: list[str], byline: str | None) -> None:
    structure = find_structure(text)
    assert _authors(text) == authors
    assert (text[slice(*structure.byline)] if structure.byline else None) == byline
    # the record's author runs from the first author to the last; the byline is never mined
    a = dvextract.extract(text)
    assert a.author == (text[structure.author[0]:structure.author[1]] if authors else None)
    assert not any(a.byline and s.start < a.byline.end and a.byline.start < s.end for s in a.sentences)


def test_teaser_and_table_are_boilerplate_not_mined() -> None:
    text = ("Kết quả vòng 2. BT BB Điểm 1 TP.HCM 2 2 0 0 5 2 6 2 CAND 2 1 1 0 5 3 4 3 Viettel 2 0 2 0 3 3 2 "
            "Đội đầu bảng sẽ gặp Viettel. TP HCM - Hòa Minzy thực hiện màn đu dây ở concert, tối 1/2. "
            "Nguồn: [Link nguồn]")
    a = dvextract.extract(text)
    assert sorted((b.text, b.kind) for b in a.boilerplate) == [
        ("BT BB Điểm 1 TP.HCM 2 2 0 0 5 2 6 2 CAND 2 1 1 0 5 3 4 3 Viettel 2 0 2 0 3 3 2", "table"),
        ("Nguồn: [Link nguồn]", "site"),
        ("TP HCM - Hòa Minzy thực hiện màn đu dây ở concert, tối 1/2.", "teaser"),
    ]
    assert '"kind": "teaser"' in a.to_json()
    assert not any(f.start >= 16 and f.end <= 85 for f in a.facts)  # the table's numbers are no facts
    assert not any("Hòa Minzy" in e.text for e in a.entities)


def test_last_sentence_before_a_teaser_notice_is_a_teaser_only_when_it_tells_another_story() -> None:
    own = ("TV LG OLED dẫn đầu thị trường TV toàn cầu. Khách hàng mua TV OLED được tặng quà. Định hướng này được "
           "củng cố khi TV LG OLED dẫn đầu thị trường TV toàn cầu. Nguồn: [Link nguồn]")
    other = ("TV LG OLED dẫn đầu thị trường TV toàn cầu. Khách hàng mua TV OLED được tặng quà. Chỉ vì mâu thuẫn, "
             "người chị bạn dì đã gây thương tích cho nữ sinh lớp 5 ở Cà Mau. Nguồn: [Link nguồn]")
    assert [(b.text, b.kind) for b in dvextract.extract(own).boilerplate] == [("Nguồn: [Link nguồn]", "site")]
    assert sorted((b.text, b.kind) for b in dvextract.extract(other).boilerplate) == [
        ("Chỉ vì mâu thuẫn, người chị bạn dì đã gây thương tích cho nữ sinh lớp 5 ở Cà Mau.", "teaser"),
        ("Nguồn: [Link nguồn]", "site"),
    ]


def test_link_teasers_are_boilerplate_and_the_byline_after_them_is_found() -> None:
    text = ("Lãnh đạo UBND TP yêu cầu xử lý nghiêm. >> Học sinh gãy chân trong trường: Hiệu trưởng vô cảm? "
            ">> Phụ huynh tố, trường nói vô can  Tú Anh")
    a = dvextract.extract(text)
    assert [(b.text, b.kind) for b in a.boilerplate] == [
        (">> Học sinh gãy chân trong trường: Hiệu trưởng vô cảm?", "teaser"),
        (">> Phụ huynh tố, trường nói vô can", "teaser"),
    ]
    assert a.author == "Tú Anh"


def test_a_photo_story_is_running_text_credits_and_all() -> None:
    """The gold's decision for a photo story (gallery text = body): no caption, the credits stay in the text."""
    text = ("Đám cháy bùng lên lúc rạng sáng. Ảnh: Reuters. Khoảng 200 lính cứu hỏa được điều tới. Ảnh: Reuters. "
            "Một cư dân nói có người nhảy khỏi tòa nhà. Ảnh: CNN. Ngọn lửa lan ra cả tòa tháp. Ảnh: CNN. "
            "Chưa có thông tin về thương vong. Ảnh: AFP. Xe cứu thương túc trực tại hiện trường. Ảnh: AFP. "
            "Nguyên nhân vụ cháy đang được điều tra.")
    a = dvextract.extract(text)
    assert a.captions == []
    assert [p.text for p in a.paragraphs] == [text]


def test_captions_glued_between_sentences_are_mined_as_captions() -> None:
    text = ("Anh ghi 12 bàn ở mùa vừa qua. Video các bàn thắng của Quang Hải ở mùa giải trước Theo thống kê, "
            "anh là cầu thủ ghi nhiều bàn nhất. Bộ trưởng phát biểu. Ảnh: Internet Không ai vắng mặt.")
    a = dvextract.extract(text)
    assert [c.text for c in a.captions] == ["Video các bàn thắng của Quang Hải ở mùa giải trước",
                                             "Bộ trưởng phát biểu. Ảnh: Internet"]
    assert "Video các bàn thắng của Quang Hải ở mùa giải trước" in [s.text for s in a.sentences]
    assert [p.text for p in a.paragraphs][-1] == "Không ai vắng mặt."


def test_line_structured_captions_and_credit_lines() -> None:
    text = ("Hình ảnh những chiếc điện thoại cục gạch quen thuộc sẽ sớm không còn trong tương lai gần\n"
            "Theo số liệu của Cục Viễn thông, hiện tại Việt Nam còn khoảng 12 triệu thuê bao 2G. Các nhà mạng "
            "đã lên kế hoạch tắt sóng.\nVĩnh Ngọc\nTheo DM/Ins")
    structure = find_structure(text, title="Tắt sóng 2G")
    assert [text[s:e] for s, e in structure.captions] == [text.split("\n")[0]]
    assert text[slice(*structure.byline)] == "Vĩnh Ngọc\nTheo DM/Ins"
    assert _authors(text) == ["Vĩnh Ngọc"]


@pytest.mark.parametrize(("text", "people"), [
    ("Hội nghị diễn ra sáng nay tại Hà Nội. Hoàng Nam và Lê Hà", ["Hoàng Nam", "Lê Hà"]),
    ("Hội nghị diễn ra sáng nay tại Hà Nội. Minh Anh - Thu Hà", ["Minh Anh", "Thu Hà"]),
    ("Hội nghị diễn ra sáng nay tại Hà Nội.\n\nMinh Anh - Thu Hà\n", ["Minh Anh", "Thu Hà"]),
    ("Hội nghị diễn ra sáng nay tại Hà Nội. Nhóm PV/VOV-Miền Trung", []),
    ("Hội nghị diễn ra sáng nay tại Hà Nội. Nhóm PV Ban TPHCM", []),
])
def test_each_author_is_a_person_of_their_own(text: str, people: list[str]) -> None:
    """Two authors are two people (two PERSON spans, two authors); a reporters' group signs but is nobody."""
    a = dvextract.extract(text)
    assert [x.text for x in a.authors] == people
    assert [e.text for e in a.entities if e.type == "PERSON"] == people
    assert a.byline is not None


def test_html_photo_tables_give_captions() -> None:
    """trafilatura writes a photo's table (image, caption) as a one-cell row: the cell is the caption, whole
    sentences and all; a row with no cell filled is layout."""
    text = ("Hoa hậu gây thất vọng với vẻ ngoài khi xuất hiện trong đêm chung kết.\n"
            "| Leila Lopes kém duyên dáng và quyến rũ. Cô cũng già hơn nhiều so với tuổi 26. | \n"
            "|  |  | X |\n"
            "Năm ngoái, cô từng gây bất ngờ khi đăng quang vương miện Hoa hậu.")
    structure = find_structure(text)
    assert [text[s:e] for s, e in structure.captions] == [
        "Leila Lopes kém duyên dáng và quyến rũ. Cô cũng già hơn nhiều so với tuổi 26."]
    assert [text[s:e] for s, e in structure.boilerplate] == ["|  |  | X |"]


@pytest.mark.parametrize(("row", "cell"), [
    ("|  | Ảnh: Minh Châu |  |", "Ảnh: Minh Châu"),
    ("| Toàn cảnh hội nghị |", "Toàn cảnh hội nghị"),
    ("| | |", ""),
    ("| Hà Nội | 12 |", None),
    ("|", None),
])
def test_one_cell_row(row: str, cell: str | None) -> None:
    text = f"Trên.\n{row}\nDưới."
    start = text.index(row)
    span = _structure._one_cell_row(text, start, start + len(row))
    assert (None if span is None else text[slice(*span)]) == cell
    if cell == "":
        assert span == (start + len(row) - 1,) * 2  # the empty cell before the closing bar


def test_long_row_of_empty_cells_is_split_not_matched() -> None:
    """A row of 47,000 empty cells around two full ones (188,008 characters) made a backtracking pattern take
    15 s; the row is split on its bars, so its work is one pass whatever its cells: no pattern runs in it."""
    row = "|" + " |" * 47_000 + "a b" + " |" * 47_000 + "x y|"
    assert _structure._one_cell_row(row, 0, len(row)) is None
    tree = ast.parse(textwrap.dedent(inspect.getsource(_structure._one_cell_row)))
    scans = [ast.unparse(call.func) for call in ast.walk(tree) if isinstance(call, ast.Call)
             and isinstance(call.func, ast.Attribute) and call.func.attr in {"match", "fullmatch", "search"}]
    assert scans == []
    assert find_structure(row).captions == []


def test_a_link_marker_opening_the_text_is_a_teaser_and_no_block_overlaps_another() -> None:
    """``Xem thêm >>`` at offset 0: the sentence before it is none (``_sentence_start`` with ``pos`` -1 once
    searched from the text's end, so a paragraph ran over the teaser and the next one)."""
    text = "Xem thêm >> Giá vàng hôm nay tăng mạnh! Sáng nay, giá vàng SJC tăng 200.000 đồng."
    s = find_structure(text)
    blocks = sorted(s.mined() + s.boilerplate)
    assert all(a[1] <= b[0] for a, b in zip(blocks, blocks[1:], strict=False))
    assert [text[a:b] for a, b in s.teasers] == ["Xem thêm >>"]
    assert [text[a:b] for a, b in s.paragraphs] == [
        "Giá vàng hôm nay tăng mạnh! Sáng nay, giá vàng SJC tăng 200.000 đồng."]


def test_a_short_scene_echoing_the_given_title_is_a_caption() -> None:
    """In a flattened body, a short scene whose words are two fifths the title's is the photo's caption; with no
    title it is running text."""
    text = ("Một trang công nghệ vừa công bố kết quả thử pin năm nay.\nBài thử đo số giờ dùng liên tục của từng máy. "
            "Máy dẫn đầu dùng được hơn hai ngày. Xếp hạng điện thoại có thời lượng pin tốt nhất. Hai vị trí tiếp "
            "theo thuộc về các mẫu tầm trung.")
    caption = "Xếp hạng điện thoại có thời lượng pin tốt nhất."
    structure = find_structure(text, title="Xếp hạng điện thoại có pin trâu nhất")
    assert caption in [text[s:e] for s, e in structure.captions]
    assert caption not in [text[s:e] for s, e in find_structure(text).captions]


def test_a_notice_to_readers_is_boilerplate_and_the_byline_above_it_is_found() -> None:
    text = ("Bộ GD-ĐT yêu cầu các trường báo cáo kết quả trước ngày 31/12.\nLệ Thu\n* Mọi ý kiến đóng góp về giáo "
            "dục, độc giả gửi tin, bài về hộp thư: giaoduc@baomau.vn. Trân trọng cám ơn!")
    a = dvextract.extract(text)
    assert a.author == "Lệ Thu"
    assert [(b.text[:14], b.kind) for b in a.boilerplate] == [("* Mọi ý kiến đ", "site")]
    assert not any("baomau" in e.text for e in a.entities)
