"""Other projects' Vietnamese date suites (Duckling's ``Time/VI/Corpus.hs``, dateparser's tests), run through
``find_dates`` with each suite's reference time.

The rows are read from ``../shared/data/peer_suites`` at run time (never copied here). Every row that fails is
listed below by its source line with the reason; a row that contradicts our annotation guidelines says so. The
test fails when a listed row starts passing (update the list) or an unlisted row fails.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from conftest import peer_rows

from dvextract._dates import find_dates

GUIDELINES = "contradicts the guidelines"

# Duckling rows (Corpus.hs line, phrase number within that line's examples) that dvextract does not pass.
# Today: 127 of 167 pass; 28 of the 40 failures contradict the guidelines, so 127 of the 139 rows that apply (91.4%).
NOW = "deictic 'now': in news it means 'nowadays', no calendar point; dvextract leaves it out"
BARE_ORDINAL = ("lowercase bare 'thứ 2'/'thứ hai' is the ordinal 'second' in running text: a weekday needs a capital "
                "(thứ Hai), a cue or a date")
PAST_WEEKDAY = "a bare weekday in a news report is the most recent one (dateparser's reading); Duckling takes the next"
SEASON = (f"{GUIDELINES}: a season is a month interval (mùa hè 2017 → 2017-06/2017-08), not Duckling's "
          "astronomical 21/6 to 23/9")
CLOCK = f"clock time with no day ({GUIDELINES}: 'clock times with no day' are not dates)"
DUCKLING_FAILS: dict[str, str] = {
    "L42#1": NOW, "L42#2": NOW, "L42#3": NOW,
    "L63#1": BARE_ORDINAL, "L63#2": BARE_ORDINAL, "L72#1": BARE_ORDINAL, "L72#2": BARE_ORDINAL,
    "L76#1": PAST_WEEKDAY, "L76#2": PAST_WEEKDAY, "L295#1": PAST_WEEKDAY, "L295#2": PAST_WEEKDAY,
    **{rid: CLOCK for rid in (
        "L229#1", "L229#2", "L233#1", "L236#1", "L236#2", "L236#3", "L241#1", "L241#2", "L245#1", "L245#2",
        "L245#3", "L250#1", "L250#2", "L254#1", "L257#1", "L257#2", "L257#3", "L257#4", "L257#5", "L257#6",
        "L348#2", "L364#1", "L364#2", "L371#1")},
    "L345#1": f"clock time with no day and a time zone ({GUIDELINES}); dvextract keeps no time zones",
    "L368#1": "'after lunch' is a vague period, not a part of day dvextract reads",
    **{rid: SEASON for rid in ("L272#1", "L272#2", "L276#1")},
}




def _row_ids(rows: list[dict[str, str]]) -> list[str]:
    """``L<line>#<n>``: the n-th phrase of that Corpus.hs line (one line lists several phrases)."""
    seen: dict[str, int] = {}
    ids = []
    for row in rows:
        line = row["source"].rsplit("#", 1)[-1]
        seen[line] = seen.get(line, 0) + 1
        ids.append(f"{line}#{seen[line]}")
    return ids


_STEP = {"Second": timedelta(seconds=1), "Minute": timedelta(minutes=1), "Hour": timedelta(hours=1),
         "Day": timedelta(days=1)}


def _fmt(t: datetime, grain: str) -> str:
    if grain == "Second":
        return t.strftime("%Y-%m-%dT%H:%M:%S")
    if grain in ("Minute", "Hour"):
        return t.strftime("%Y-%m-%dT%H:%M")
    if grain == "Day":
        return t.date().isoformat()
    if grain == "Week":
        return f"{t.date()}/{t.date() + timedelta(days=6)}"
    if grain == "Month":
        return t.strftime("%Y-%m")
    if grain == "Quarter":  # the guidelines write a quarter as a month interval: quý I/2020 → 2020-01/2020-03
        return f"{t:%Y-%m}/{t.year:04d}-{t.month + 2:02d}"
    return str(t.year)


def _minus_one(t: datetime, grain: str) -> datetime:
    """The last unit inside Duckling's exclusive interval end."""
    if grain in _STEP:
        return t - _STEP[grain]
    if grain == "Month":
        return datetime(t.year - (t.month == 1), (t.month - 2) % 12 + 1, 1)
    return datetime(t.year - 1, 1, 1)


def duckling_expected(row: dict[str, str]) -> set[str]:
    """Duckling's value in our ISO form: grain-truncated instants; intervals as inclusive ``first/last``; a part
    of day (Duckling's hour interval ``tối nay``) is our day value with ``part_of_day`` set."""
    grain = row["detail"].rsplit("grain=", 1)[-1].capitalize()
    if "/" not in row["value"]:
        return {_fmt(datetime.fromisoformat(row["value"]), grain)}
    a, b = (datetime.fromisoformat(v) for v in row["value"].split("/"))
    last = _minus_one(b, grain)
    if grain == "Week":
        return {f"{a.date()}/{last.date() + timedelta(days=6)}"}
    forms = {f"{_fmt(a, grain)}/{_fmt(last, grain)}" if a != last else _fmt(a, grain)}
    if grain == "Hour":
        forms.add(f"pod:{a.date()}")
    return forms


def _got(phrase: str, published: datetime) -> set[str]:
    found = find_dates(phrase, published)
    if len(found) != 1:
        return set()
    f = found[0].fields
    got = {f["value"]}
    if f["part_of_day"] and f["value"]:
        got.add(f"pod:{f['value'][:10]}")
    return got


def test_duckling_time() -> None:
    rows = peer_rows("duckling_vi_time.tsv")
    ref = datetime(2017, 2, 2, 3, 55)
    failing = {}
    for rid, row in zip(_row_ids(rows), rows, strict=True):
        if not (_got(row["phrase"], ref) & duckling_expected(row)):
            failing[rid] = row["phrase"]
    unexpected = sorted(set(failing) - set(DUCKLING_FAILS))
    fixed = sorted(set(DUCKLING_FAILS) - set(failing))
    assert not unexpected, f"rows failing that are not listed: {[(r, failing[r]) for r in unexpected]}"
    assert not fixed, f"rows listed as failing that now pass (remove them): {fixed}"
    applicable = [r for r in _row_ids(rows) if GUIDELINES not in DUCKLING_FAILS.get(r, "")]
    passed = len(rows) - len(failing)
    assert passed / len(applicable) >= 0.90, f"{passed}/{len(applicable)} applicable rows pass"
    assert passed / len(rows) >= 0.75, f"{passed}/{len(rows)} rows pass in all"


def test_duckling_time_negative() -> None:
    for row in peer_rows("duckling_vi_time_negative.tsv"):
        assert find_dates(row["phrase"], datetime(2017, 2, 2, 3, 55)) == [], row["phrase"]


# dateparser rows that apply, by source (27 of 29 pass, 27 of 32 counting the 3 that contradict the guidelines):
# (reference, the values dvextract must give, in order). FOUND: one record over the whole phrase whatever its value
# (a translation test with no reference date).
FOUND = "found"
DP_2012 = datetime(2012, 11, 13)
DP_2014 = datetime(2014, 9, 1, 10, 30)
DATEPARSER: dict[str, tuple[datetime | None, list[str | None]]] = {
    "test_languages.py#L156": (None, ["2015-01-08"]),
    "test_languages.py#L157": (None, ["2015-01-07T22:34"]),
    "test_languages.py#L160": (None, ["2015-01-09T15:08"]),
    "test_languages.py#L1257": (None, []),  # a bare duration is no date (guidelines)
    "test_languages.py#L1258": (None, [FOUND]),
    "test_languages.py#L1259": (None, [FOUND]),
    "test_languages.py#L1260": (None, ["XXXX-XX-XXT15:39"]),
    "test_languages.py#L2058": (None, [FOUND]),
    "test_languages.py#L2059": (None, [FOUND]),
    "test_languages.py#L2060": (None, [FOUND]),
    "test_search.py#L110": (None, ["2015-01-09T15:08"]),
    "test_search.py#L550": (datetime(2000, 1, 1), ["1935", "1939-04-12"]),
    "test_search.py#L711": (None, ["1940-01-01", "1940-08", "1940-09"]),
    "test_date_parser.py#L149": (DP_2012, ["2012-11-08"]),
    "test_date_parser.py#L150": (DP_2012, ["2012-11-09"]),
    "test_date_parser.py#L151": (DP_2012, ["2013-12-29T14:14"]),
    "test_date_parser.py#L154": (DP_2012, ["2015-01-05T03:54"]),
    "test_date_parser.py#L391": (DP_2012, ["2012-11-08"]),
    "test_date_parser.py#L392": (DP_2012, ["2012-11-09"]),
    "test_date_parser.py#L393": (DP_2012, ["2013-12-29T14:14"]),
    "test_date_parser.py#L396": (DP_2012, ["2015-01-05T03:54"]),
    "test_freshness_date_parser.py#L449": (DP_2014, ["2014-09-01"]),
    "test_freshness_date_parser.py#L450": (DP_2014, ["2014-08-31"]),
    "test_freshness_date_parser.py#L451": (DP_2014, ["2014-09-01T08:30"]),
    "test_freshness_date_parser.py#L452": (DP_2014, ["2014-08-15"]),
    "test_freshness_date_parser.py#L909": (DP_2014, ["2014-08-09"]),
    "test_freshness_date_parser.py#L1290": (DP_2014, ["2014-09-01"]),
    "test_freshness_date_parser.py#L1291": (DP_2014, ["2014-08-31"]),
    "test_freshness_date_parser.py#L1292": (DP_2014, ["2014-08-15"]),
    "test_freshness_date_parser.py#L1718": (DP_2014, ["2014-08-09"]),
    "test_freshness_date_parser.py#L2328": (DP_2014, ["2019"]),
    "test_freshness_date_parser.py#L2329": (DP_2014, ["2014-09-01T10:32"]),
}
DATEPARSER_NOT_APPLICABLE = {
    "test_languages.py#L2256": "tests dateparser's tokenizer, not a value",
    "test_languages.py#L2411": "tests language detection, not a value",
    "test_search.py#L967": "tests language detection, not a value",
}
DURATION = f"a bare duration read as 'ago' ({GUIDELINES}: bare durations are not dates)"
DATEPARSER_FAILS: dict[str, str] = {
    "test_date_parser.py#L151": "English word order (month name, day, year) that Vietnamese text does not use",
    "test_date_parser.py#L393": "English word order (month name, day, year) that Vietnamese text does not use",
    "test_freshness_date_parser.py#L451": DURATION,
    "test_freshness_date_parser.py#L452": DURATION,
    "test_freshness_date_parser.py#L1292": DURATION,
}


def _dateparser_passes(phrase: str, reference: datetime | None, want: list[str | None]) -> bool:
    found = find_dates(phrase, reference)
    if want == [FOUND]:
        whole = ((0, len(phrase)), (phrase.find(" ") + 1, len(phrase)))  # "sau 22 giờ nữa": "sau" stays out
        return len(found) == 1 and (found[0].start, found[0].end) in whole
    return [f.fields["value"] for f in found] == want


def test_dateparser() -> None:
    rows = peer_rows("dateparser_vi_tests.tsv")
    failing, applicable = [], 0
    for row in rows:
        rid = row["source"].rsplit("tests/", 1)[-1]
        if rid in DATEPARSER_NOT_APPLICABLE:
            continue
        assert rid in DATEPARSER, f"row {rid} has no expectation here: add one"
        reference, want = DATEPARSER[rid]
        applicable += GUIDELINES not in DATEPARSER_FAILS.get(rid, "")
        if not _dateparser_passes(row["phrase"], reference, want):
            failing.append(rid)
    assert sorted(failing) == sorted(DATEPARSER_FAILS), (
        f"unlisted failures {sorted(set(failing) - set(DATEPARSER_FAILS))}, "
        f"listed but passing {sorted(set(DATEPARSER_FAILS) - set(failing))}"
    )
    assert (applicable - len([f for f in failing if GUIDELINES not in DATEPARSER_FAILS[f]])) / applicable >= 0.90
