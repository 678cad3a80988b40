"""Officials: titles parsed into offices (corpora/examples/officials.yaml), the 2025 province merger, people
resolved across articles, story dates, the three tables and the who-queries on a small batch run of our own."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import dvextract
from dvextract import build_officials, parse_office, who, who_person
from dvextract._officials.context import TitleSpan
from dvextract._officials.evaluate import _bcubed
from dvextract._officials.localities import after_2025, canonical_province, provinces
from dvextract._officials.observations import ArticlePerson, Observation, article_offices, article_province, story_date
from dvextract._officials.page import person_page
from dvextract._officials.people import resolve_people
from dvextract._resources import table as data_table

EXAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "examples" / "officials.yaml"
CONTEXT = EXAMPLES.with_name("officials-context.yaml")
DISTRICTS = EXAMPLES.with_name("officials-districts.yaml")
STORY_DATES = EXAMPLES.with_name("officials-story-dates.yaml")
GOLD = Path(__file__).resolve().parent.parent / "corpora" / "officials"


def _cases() -> list[Any]:
    examples = [ex for path in (EXAMPLES, DISTRICTS)
                for ex in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]]
    return [pytest.param(text, ex.get("province"), ex.get("assembly"), ex["expect"],
                         id=f"{text}@{ex['assembly']}" if ex.get("assembly") else text)
            for ex in examples for text in ex["texts"]]


@pytest.mark.parametrize(("title", "province", "assembly", "expect"), _cases())
def test_office_example(title: str, province: str | None, assembly: str | None, expect: dict[str, Any]) -> None:
    office = parse_office(title, province, former=False, assembly=assembly).model_dump(mode="json")
    office["former"] = office["former"] or title.split()[0] in ("nguyên", "cựu")
    wrong = {k: office[k] for k, v in expect.items() if office[k] != v}
    assert not wrong, f"{title!r}: {wrong} (expected {expect})"


def _context_cases() -> list[Any]:
    spec = yaml.safe_load(CONTEXT.read_text(encoding="utf-8"))
    return [pytest.param(text, ex["titles"], ex["check"], ex["expect"], id=text[:60])
            for ex in spec["examples"] for text in ex["texts"]]


@pytest.mark.parametrize(("text", "titles", "check", "expect"), _context_cases())
def test_a_bare_title_takes_its_body_from_the_article(text: str, titles: list[str], check: int,
                                                      expect: dict[str, Any]) -> None:
    spans, pos = [], 0
    for title in titles:
        start = text.index(title, pos)
        spans.append(TitleSpan(start, start + len(title)))
        pos = start + len(title)
    office = article_offices(text, spans)[check].model_dump(mode="json")
    wrong = {k: office[k] for k, v in expect.items() if office[k] != v}
    assert not wrong, f"{titles[check]!r}: {wrong} (expected {expect})"


def test_the_2025_merger_maps_63_provinces_onto_34() -> None:
    old = provinces()
    assert len(old) == 63
    new = set(old.values())
    assert len(new) == 34
    kept = {p for p in new if [o for o, n in old.items() if n == p] == [p]}
    assert sorted(kept) == sorted(["Cao Bằng", "Điện Biên", "Hà Nội", "Hà Tĩnh", "Lai Châu", "Lạng Sơn", "Nghệ An",
                                   "Quảng Ninh", "Sơn La", "Thanh Hóa"])  # and Huế, renamed from Thừa Thiên Huế
    assert old["Thừa Thiên Huế"] == "Huế" and [o for o, n in old.items() if n == "Huế"] == ["Thừa Thiên Huế"]
    assert len(new - kept - {"Huế"}) == 23
    assert {o for o, n in old.items() if n == "Hồ Chí Minh"} == {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}
    assert {o for o, n in old.items() if n == "Phú Thọ"} == {"Phú Thọ", "Vĩnh Phúc", "Hòa Bình"}
    assert after_2025("Yên Bái") == "Lào Cai" and after_2025("Quảng Nam") == "Đà Nẵng"
    assert canonical_province("Tp Hồ Chí Minh") == canonical_province("TP.HCM") == "Hồ Chí Minh"


def test_a_province_written_in_lower_case_is_a_common_word() -> None:
    assert article_province("Vì hòa bình, vì hòa bình và hòa bình.") is None
    assert article_province("Tỉnh Yên Bái và Yên Bái; Hà Nội.") == "Yên Bái"
    assert article_province("Viện Hải dương học, Viện Hải dương học và hải dương học.") is None  # oceanography
    assert parse_office("Viện trưởng Viện Hải dương học").locality is None
    assert parse_office("Giám đốc Sở GD&ĐT Thanh hóa").locality == "Thanh Hóa"  # a capital missed at the end


def test_the_story_date_is_the_publication_date_else_the_days_the_text_states() -> None:
    assert story_date({"published": "2021-07-02T08:00:00"}) == ("2021-07-02", "published")
    text = "Ông A sinh ngày 20/5/1970. Ngày 5/7/2017, hội nghị họp; ngày 5/7/2017 kết thúc; ngày 9/7/2017 bế mạc."
    dates = [{"start": text.index(t), "text": t, "value": v, "grain": "day", "reference": "explicit"}
             for t, v in (("ngày 20/5/1970", "1970-05-20"), ("Ngày 5/7/2017", "2017-07-05"),
                          ("ngày 9/7/2017", "2017-07-09"))]
    assert story_date({"text": text, "dates": dates}) == ("2017-07-05", "text")
    assert story_date({"text": "Không có ngày.", "dates": []}) == (None, None)


def _person(article: str, name: str, title: str, province: str | None = None) -> ArticlePerson:
    office = parse_office(title, province)
    observation = Observation(article, office, 0, len(title), title, 0, len(title), None, None)
    return ArticlePerson(article, 0, name, [(0, len(name), name)], [observation], province)


def test_people_join_on_name_and_place_and_stay_apart_otherwise() -> None:
    people = [
        _person("a1", "Nguyễn Văn Hùng", "Chủ tịch UBND tỉnh Yên Bái"),
        _person("a2", "NGUYỄN VĂN HÙNG", "Bí thư Tỉnh ủy", "Yên Bái"),  # case: the same man
        _person("a3", "Nguyễn Văn Hùng", "Giám đốc Sở Tài chính Đà Nẵng"),  # a namesake elsewhere
        _person("a4", "Nguyễn Hùng", "Phó Chủ tịch UBND tỉnh", "Yên Bái"),  # a dropped middle name
        _person("a5", "Huỳnh Đức Thơ", "Chủ tịch UBND TP Đà Nẵng"),
        _person("a6", "Huỳnh Đức Thơ", "Chủ tịch UBND thành phố Đà Nẵng"),
        _person("a7", "Lê Thị Thủy", "Phó Chủ tịch UBND tỉnh Yên Bái"),
        _person("a8", "Lê Thị Thuỷ", "Phó Chủ tịch HĐND tỉnh Yên Bái"),  # old tone-mark style
        _person("a9", "Thơ", "Chủ tịch UBND TP Đà Nẵng"),  # one word: joins nobody
    ]
    ids = resolve_people(people)
    assert ids[0] == ids[1] == ids[3]
    assert ids[2] != ids[0]
    assert ids[4] == ids[5] and ids[6] == ids[7]
    assert ids[8] not in (ids[4], ids[0])


def test_bcubed_counts_each_mention_by_its_clusters() -> None:
    gold = {1: "a", 2: "a", 3: "b", 4: "b"}
    assert _bcubed(gold, {1: "x", 2: "x", 3: "y", 4: "y"}) == (1.0, 1.0)
    precision, recall = _bcubed(gold, {1: "x", 2: "x", 3: "x", 4: "y"})
    want = (round((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 4), round((1 + 1 + 0.5 + 0.5) / 4, 4))
    assert (round(precision, 4), round(recall, 4)) == want


def _article(text: str, people: list[tuple[str, str]], published: str) -> dict[str, Any]:
    found = []
    for name, title in people:
        n, t = text.index(name), text.index(title)
        found.append({"name": name, "titles": [title], "mentions": [{"start": n, "end": n + len(name), "text": name}],
                      "title_links": [{"start": t, "end": t + len(title), "text": title, "expansion": None,
                                       "organization": None}]})
    return {"text": text, "published": published, "dates": [], "people": found,
            "sentences": [{"start": 0, "end": len(text), "text": text}]}


def test_tables_and_queries_on_a_small_run(tmp_path: Path) -> None:
    rows = [
        ("x1", "Bí thư Tỉnh ủy Thanh Hóa Trịnh Văn Chiến dự lễ.", [("Trịnh Văn Chiến", "Bí thư Tỉnh ủy Thanh Hóa")],
         "2017-03-02"),
        ("x2", "Ông Trịnh Văn Chiến, Bí thư Tỉnh ủy Thanh Hóa phát biểu.",
         [("Trịnh Văn Chiến", "Bí thư Tỉnh ủy Thanh Hóa")], "2017-09-10"),
        ("x3", "Chủ tịch UBND tỉnh Thanh Hóa Nguyễn Đình Xứng làm việc.",
         [("Nguyễn Đình Xứng", "Chủ tịch UBND tỉnh Thanh Hóa")], "2017-06-01"),
    ]
    (tmp_path / "shards").mkdir()
    with gzip.open(tmp_path / "shards" / "part-000000-abc.jsonl.gz", "wt", encoding="utf-8") as f:
        for key, text, people, published in rows:
            f.write(json.dumps({"id": key, "source": "t", "meta": {}, "article": _article(text, people, published)},
                               ensure_ascii=False) + "\n")
    assert build_officials(tmp_path) == {"officials": 2, "offices": 2, "observations": 3}
    holders = who(tmp_path, "Bí thư Tỉnh ủy Thanh Hóa", at="2017-06")
    assert [(h.name, h.first_seen, h.last_seen, h.observations) for h in holders] == [
        ("Trịnh Văn Chiến", "2017-03-02", "2017-09-10", 2)]
    assert holders[0].sources[0]["sentence"] == rows[0][1]
    assert who(tmp_path, "Bí thư Tỉnh ủy Thanh Hóa", at="2018") == []
    offices = who_person(tmp_path, "Nguyễn Đình Xứng")
    assert [h.office for h in offices] == ["Chủ tịch Ủy ban nhân dân Thanh Hóa"]
    page = person_page(who_person(tmp_path, "Trịnh Văn Chiến"))
    assert page.count("<mark") == 2 and "Trịnh Văn Chiến" in page and "2017-09-10" in page


def _recurring(n: int) -> list[ArticlePerson]:
    """The same official in n articles (full name, a dropped middle name), and a namesake elsewhere as often."""
    people = []
    for i in range(n):
        people += [_person(f"y{i}", "Đỗ Đức Duy", "Bí thư Tỉnh ủy Yên Bái"),
                   _person(f"s{i}", "Đỗ Duy", "Phó Bí thư Tỉnh ủy", "Yên Bái"),
                   _person(f"d{i}", "Đỗ Đức Duy", "Giám đốc Sở Xây dựng Đà Nẵng")]
    return people


def test_resolving_a_recurring_name_takes_work_linear_in_its_mentions() -> None:
    from dvextract._officials.people import _cluster

    work = {n: _cluster(_recurring(n)).work for n in (50, 100, 200, 400)}
    assert work[400] <= 8.5 * work[50]  # pairwise comparison would be 64 times
    assert work[400] / 400 == pytest.approx(work[200] / 200, rel=0.05)
    ids = resolve_people(_recurring(200))
    assert len(set(ids[0::3] + ids[1::3])) == 1 and len(set(ids[2::3])) == 1 and ids[0] != ids[2]


def test_a_date_keeps_its_grain() -> None:
    from dvextract._officials.seen import earliest, first_day, grain_of, last_day, latest, overlaps

    assert [grain_of(v) for v in ("2017", "2017-06", "2017-06-15")] == ["year", "month", "day"]
    assert (first_day("2017"), last_day("2017")) == ("2017-01-01", "2017-12-31")
    assert (first_day("2016-02"), last_day("2016-02"), last_day("2017-02")) == ("2016-02-01", "2016-02-29",
                                                                                "2017-02-28")
    assert earliest(["2017-03-02", "2017", "2018-01"]) == "2017"
    assert latest(["2017-03-02", "2017", "2016-12-31"]) == "2017"
    assert latest(["2017-12-31", "2017"]) == "2017-12-31"  # the narrower of two that end together
    assert overlaps("2017-06", "2017", "2017") and overlaps("2017", "2017-03-02", "2017-03-02")
    assert not overlaps("2018-01", "2016", "2017-12") and not overlaps("2016-12-31", "2017", "2018")


def test_a_story_keeps_the_grain_of_its_date_and_takes_no_year_from_its_text() -> None:
    assert story_date({"published": "2016"}) == ("2016", "published")
    assert story_date({"published": "2016-05"}) == ("2016-05", "published")
    text = "Ông A sinh năm 1965. Năm 2016, tỉnh hoàn thành kế hoạch đến năm 2025."
    dates = [{"start": text.index(t), "text": t, "value": v, "grain": "year", "reference": "explicit"}
             for t, v in (("năm 1965", "1965"), ("Năm 2016", "2016"), ("năm 2025", "2025"))]
    assert story_date({"text": text, "dates": dates}) == (None, None)  # a plan's horizon is not the story's date
    assert _person("a", "Lê Văn A", "Bí thư Tỉnh ủy Yên Bái").observations[0].date_grain is None


@pytest.mark.parametrize("stamp", ["2017-7-5", "20170705", "2017-13-45", "2017-02-30", "2016-13"])
def test_a_publication_stamp_that_is_no_date_leaves_the_story_to_its_text(stamp: str) -> None:
    text = "Ngày 5/7/2017, tỉnh họp."
    dates = [{"start": 0, "text": "Ngày 5/7/2017", "value": "2017-07-05", "grain": "day", "reference": "explicit"}]
    assert story_date({"published": stamp, "text": text, "dates": dates}) == ("2017-07-05", "text")
    assert story_date({"published": stamp}) == (None, None)


def test_year_only_observations_give_first_and_last_seen_at_their_grain(tmp_path: Path) -> None:
    (tmp_path / "shards").mkdir()
    rows = [("z1", "Năm 2016, Bí thư Tỉnh ủy Yên Bái Phạm Duy Cường chỉ đạo.", "2016"),  # a year-only source
            ("z2", "Bí thư Tỉnh ủy Yên Bái Phạm Duy Cường dự hội nghị.", "2017-03-02")]
    with gzip.open(tmp_path / "shards" / "part-000000-abc.jsonl.gz", "wt", encoding="utf-8") as f:
        for key, text, published in rows:
            article = _article(text, [("Phạm Duy Cường", "Bí thư Tỉnh ủy Yên Bái")], published)
            f.write(json.dumps({"id": key, "source": "t", "meta": {}, "article": article}, ensure_ascii=False) + "\n")
    build_officials(tmp_path)
    holders = who(tmp_path, "Bí thư Tỉnh ủy Yên Bái")
    assert [(h.first_seen, h.first_seen_grain, h.last_seen, h.last_seen_grain) for h in holders] == [
        ("2016", "year", "2017-03-02", "day")]
    assert [s["date_grain"] for s in holders[0].sources] == ["year", "day"]
    assert len(who(tmp_path, "Bí thư Tỉnh ủy Yên Bái", at="2016-06")) == 1  # some day of 2016: June too
    assert who(tmp_path, "Bí thư Tỉnh ủy Yên Bái", at="2015-12") == []
    assert who(tmp_path, "Bí thư Tỉnh ủy Yên Bái", at="2017-04") == []
    with pytest.raises(ValueError, match="YYYY-MM"):
        who(tmp_path, "Bí thư Tỉnh ủy Yên Bái", at="2017-6")


@pytest.mark.slow
def test_the_build_on_a_dask_cluster_gives_the_same_tables(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    from conftest import ARCHIVE, need

    import dvextract
    from dvextract._cli import main
    from dvextract._officials.evaluate import load_officials_gold

    gold = load_officials_gold(GOLD, "dev", [need(ARCHIVE)])[:12]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": g.id, "text": g.text, "published": g.published}, ensure_ascii=False)
                           + "\n" for g in gold), encoding="utf-8")
    run = tmp_path / "run"
    dvextract.batch([src], run, workers=1, shard_size=4, progress=False)
    local = build_officials(run, tmp_path / "local")
    assert local["observations"] >= 30 and local["officials"] >= 10
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(["officials", str(run), "--out", str(tmp_path / "dask"), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address]) == 0
        with distributed.Client(cluster) as client:
            again = build_officials(f"file://{run}", tmp_path / "again", engine="dask", scheduler=client)
    assert again == local
    for table in ("officials", "offices", "observations"):
        want = pq.read_table(tmp_path / "local" / f"{table}.parquet")
        assert pq.read_table(tmp_path / "dask" / f"{table}.parquet").equals(want)
        assert pq.read_table(tmp_path / "again" / f"{table}.parquet").equals(want)


def test_many_people_of_one_name_and_place_get_distinct_ids() -> None:
    one_word = [_person(f"t{i}", "Thơ", "Chủ tịch UBND TP Đà Nẵng") for i in range(60)]  # each joins nobody
    ids = resolve_people(one_word)
    assert len(set(ids)) == 60 and ids == resolve_people(one_word)


@pytest.mark.parametrize("cue", [row["cue"] for row in data_table("story_date_frames")])
def test_a_time_frame_does_not_date_the_story(cue: str) -> None:
    """Every cue of story_date_frames.tsv: a deadline or a start is no story's day; the day the story reports is."""
    text = f"Ngày 7/7/2017, HĐND họp. Thành phố hỗ trợ {cue} ngày 31/12/2018 và {cue} 1/1/2019."
    dates = [{"start": text.index(t), "text": t, "value": v, "grain": "day", "reference": "explicit"}
             for t, v in (("Ngày 7/7/2017", "2017-07-07"), ("ngày 31/12/2018", "2018-12-31"),
                          ("1/1/2019", "2019-01-01"))]
    assert story_date({"text": text, "dates": dates}) == ("2017-07-07", "text")
    assert story_date({"text": text, "dates": dates[1:]}) == ("2018-12-31", "text")  # only frames: the earliest


def test_the_story_is_of_the_latest_year_its_days_name_and_an_interval_is_taken_by_its_end() -> None:
    text = ("Ngày 5/2/1993, công ty thành lập; ngày 6/2/1993 khai trương. "
            "Ngày 6/2/2017, công ty kỷ niệm 7/7/1917 - 7/7/2017.")
    dates = [{"start": text.index(t), "text": t, "value": v, "grain": "day", "reference": "explicit"}
             for t, v in (("Ngày 5/2/1993", "1993-02-05"), ("ngày 6/2/1993", "1993-02-06"),
                          ("Ngày 6/2/2017", "2017-02-06"), ("7/7/1917 - 7/7/2017", "1917-07-07/2017-07-07"))]
    assert story_date({"text": text, "dates": dates}) == ("2017-02-06", "text")
    assert story_date({"text": text, "dates": dates[:2] + dates[3:]}) == ("2017-07-07", "text")  # by its end


def test_a_tally_as_of_a_day_dates_the_story_when_it_opens_the_sentence() -> None:
    text = "Đến hết ngày 18/2/2016, tỉnh đã giải ngân; dự án kéo dài đến hết ngày 31/12/2017."
    dates = [{"start": text.index(t), "text": t, "value": v, "grain": "day", "reference": "explicit"}
             for t, v in (("ngày 18/2/2016", "2016-02-18"), ("ngày 31/12/2017", "2017-12-31"))]
    assert story_date({"text": text, "dates": dates}) == ("2016-02-18", "text")


@pytest.mark.parametrize("region", [row["region"] for row in data_table("regions")])
def test_a_body_named_after_a_region_is_central(region: str) -> None:
    """Every row of regions.tsv: a steering committee of a region is national, whatever the story's province."""
    office = parse_office(f"Trưởng ban Chỉ đạo {region}", "Yên Bái")
    assert (office.body_level, office.locality) == ("central", None)


def test_a_title_with_a_letter_that_lowers_to_two_parses() -> None:
    """``İ`` lowers to two characters: positions found in the lowered title must still index the title (an
    IndexError before; the words after a bare title are parsed too, so any article text can bring it)."""
    office = parse_office("Chủ tịch phòngİ İ Hồ Chí Minh Sở")
    assert (office.role, office.body_name) == ("Chủ tịch", "Sở")


def test_settling_an_articles_offices_reads_each_titles_holder_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work is linear in the titles: a bare title is read against the others once per head, not each
    bare title against every other title (quadratic: 3,200 titles took 48 s)."""
    from dvextract._officials import context

    calls = []
    holder = context._holder
    monkeypatch.setattr(context, "_holder", lambda text, span: calls.append(span) or holder(text, span))
    unit = "Giám đốc Nguyễn Văn An nói. Phó giám đốc Sở Tài chính Trần Bình nói. "
    text, spans = unit * 100, []
    for i in range(100):
        bare, named = i * len(unit), i * len(unit) + unit.index("Phó giám đốc")
        spans += [TitleSpan(bare, bare + len("Giám đốc")), TitleSpan(named, named + len("Phó giám đốc Sở Tài chính"))]
    offices = article_offices(text, spans)
    assert len(calls) <= len(spans)
    assert offices[0].body_name == "Sở Tài chính" and offices[0].role == "Giám đốc"


def test_bare_hospital_titles_read_the_articles_hospitals_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many bare ``Trưởng khoa`` in one article: the hospital the others name is read once, not once per title
    against every other title (quadratic)."""
    from dvextract._officials import context

    calls = []
    most_named = context._most_named
    monkeypatch.setattr(context, "_most_named", lambda found: calls.append(len(found)) or most_named(found))
    unit = "Trưởng khoa Lê Văn An nói. Giám đốc Bệnh viện Bạch Mai Trần Bình nói. "
    text, spans = unit * 50, []
    for i in range(50):
        bare, named = i * len(unit), i * len(unit) + unit.index("Giám đốc")
        spans += [TitleSpan(bare, bare + len("Trưởng khoa")),
                  TitleSpan(named, named + len("Giám đốc Bệnh viện Bạch Mai"))]
    offices = article_offices(text, spans)
    assert sum(1 for n in calls if n >= 50) <= 2
    assert offices[0].body_name == "Bệnh viện Bạch Mai"


@pytest.mark.parametrize(("text", "expect"), [
    (text, ex["expect"]) for ex in yaml.safe_load(STORY_DATES.read_text(encoding="utf-8"))["examples"]
    for text in ex["texts"]])
def test_story_date_example(text: str, expect: str) -> None:
    """officials-story-dates.yaml: the text extracted whole, its dates read as the officials build reads them."""
    article = dvextract.extract(text).model_dump(mode="json")
    assert story_date(article) == (expect, "text")


def test_a_long_list_of_titles_given_in_any_order_is_settled() -> None:
    """One holder's titles joined by commas are followed back title by title (``_Heads.holder``): a chain of 1,200
    given last first was a RecursionError escaping the article; each title is the holder's."""
    from dvextract._officials.context import settle_offices

    titles = ["Giám đốc Sở Tài chính tỉnh Yên Bái"] + ["Giám đốc"] * 1199
    text = "Ông Nguyễn Văn An, " + ", ".join(titles) + " phát biểu."
    spans, at = [], 0
    for title in titles:
        start = text.index(title, at)
        spans.append(TitleSpan(start, start + len(title)))
        at = start + len(title)
    settled = settle_offices(text, spans[::-1], [parse_office(t) for t in titles])
    assert len(settled) == 1200
    assert {(o.role, o.body_name, o.locality) for o in settled} == {("Giám đốc", "Sở Tài chính", "Yên Bái")}


def test_bare_titles_with_one_head_and_two_bodies_are_filled_each_from_its_own_body() -> None:
    """The article's titles are read once per head (``_Heads``), but what a bare title may be filled from depends on
    the body it names too: ``Bí thư Huyện ủy`` is the article's Huyện ủy's, ``Bí thư Thành ủy`` its Thành ủy's,
    whichever of the two comes first (the merge gave the second one the first one's body)."""
    from dvextract._officials.context import settle_offices

    named = ["Bí thư Thành ủy Đà Nẵng", "Bí thư Huyện ủy Hòa Vang"]
    for bare in (["Bí thư Thành ủy", "Bí thư Huyện ủy"], ["Bí thư Huyện ủy", "Bí thư Thành ủy"]):
        titles = named + bare
        text = ". ".join(f"Ông {who} là {title}" for who, title in zip("ABCD", titles, strict=True)) + "."
        spans = []
        for title in titles:
            start = text.index(title, spans[-1].end if spans else 0)
            spans.append(TitleSpan(start, start + len(title)))
        settled = settle_offices(text, spans, [parse_office(t) for t in titles])
        by_title = {t: (o.body_name, o.body_level, o.sublocality) for t, o in zip(titles, settled, strict=True)}
        assert by_title["Bí thư Thành ủy"] == ("Thành ủy", "province", None), bare
        assert by_title["Bí thư Huyện ủy"] == ("Huyện ủy", "district", "Hòa Vang"), bare
