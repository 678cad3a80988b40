"""Article structure on the example and on crawled shapes (24h notices, glued captions and bylines)."""

from __future__ import annotations

from pathlib import Path

import dvextract

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
