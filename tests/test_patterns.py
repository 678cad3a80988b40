"""No runaway patterns: every pattern goes through ``_patterns``, and every scan of an article either runs under
the scan timeout or is listed here as proven linear (checked statically; on hostile text, by the counted budgets of
test_adversarial: a pattern gone quadratic spends its component's budget)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dvextract
from dvextract import _patterns
from dvextract._patterns import PatternTimeout

PACKAGE = Path(dvextract.__file__).resolve().parent
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "_patterns.py")


def _name(path: Path) -> str:
    """``_text.py``, or ``_dates/rules.py`` inside a private package."""
    return path.relative_to(PACKAGE).as_posix()

# Imports of the standard library's ``re``, each with its reason. Nothing else may import it.
STDLIB_RE = {
    "_segment.py": "splits whitespace runs exactly as underthesea's own (``re``) tokenizer does; `_RUN` is `\\S+`",
}

# Scans outside ``_patterns.finditer`` (whole-text ``finditer``/``findall``/``sub``/``split``/unwindowed
# ``search``), keyed by module and the scanned expression: why each is linear (or bounded) whatever the text.
LINEAR = {
    ("_text.py", "_NEEDS_WALK"): "one character class: one step per character",
    ("_text.py", "_GRAPHEME"): r"\X: one grapheme cluster per match, never backtracks",
    ("_text.py", "_WORD"): r"\b\w{2,6}\b: at most 7 steps from any position",
    ("_reader.py", "_LINE"): r"[^\n]*\S[^\n]*: the regex module scans each line once (measured linear below)",
    ("_reader.py", "_WORD"): r"\S+: one greedy class, each character read once",
    ("_reader.py", "_RUN"): r"(?<!\S)\S{201,}: starts only where a run starts, so each run is read once",
    ("_refusal.py", "_JUNK"): "one character class, over at most 20,000 characters",
    ("_segment.py", "_RUN"): r"\S+: one greedy class, each character read once",
    ("_segment.py", "self._tokens"): "underthesea's tokenizer: quadratic in a run without spaces, and the Reader "
                                     "cuts runs at _reader.MAX_RUN characters (test_adversarial)",
    ("_entities/lexicon.py", "TOKEN"): "tokenizes one gazetteer entry (packaged data), never article text",
    ("_entities/scan.py", "TOKEN"): "the tagger's plain alternation (below), on the rules' side: one pass per block",
    ("_entities/consistency.py", "_TOKEN"): r"\w+(?:[&']\w+)*|[^\w\s]: a mark between repeats, one pass over the text",
    ("_entities/consistency.py", "_CREDIT_INTRO"): r"(?i)\b(?:ảnh|nguồn) ?: fixed words, one pass over the text",
    ("_numbers.py", "_token_pattern()"): "a plain alternation of unambiguous classes over one run of number "
                                         "tokens: one pass (its timeout's per-match check cost as much as a match)",
    ("_facts/read.py", "_MINUS_BEFORE"): "a 3-character slice before a figure",
    ("_facts/read.py", "_NAME_BEFORE"): "a 24-character slice before a figure",
    ("_facts/read.py", "_SENTENCE_BEFORE"): "a 24-character slice before a figure",
    ("_facts/read.py", "_patterns.compile(f'(?<!\\\\w){regex.escape(c)}(?!\\\\w)')"):
        "one cue word, searched in the 30 characters before a unit",
    ("_officials/observations.py", "_BIRTH"): "a 12-character slice before a date",
    ("_officials/observations.py", "pattern"): "_ASSEMBLIES: two literal alternatives between \\b, one pass",
    ("_structure/text.py", "_WORD"): "a letter, then one greedy class backing off to its last letter: each run read "
                                "twice at most, and a match never starts inside one",
    ("_structure/captions.py", "caption_markers()"): "a word list (\\L<marker>, a trie) between letter boundaries, "
                                             "over one line",
    ("_structure/scenes.py", "_SYLLABLE"): r"\w+: one greedy class over one sentence, each character read once",
    ("_structure/scenes.py", "caption_markers()"): "the word list of captions.py, over one sentence",
    ("_officials/office.py", "pattern"): "abbreviations in one title (a few dozen characters), literal alternatives",
    ("_officials/office.py", "_BRACKETED"): "one body name (a few dozen characters), a negated class between brackets",
    ("_tagger/features.py", "TOKEN"): "a plain alternation that cannot backtrack beyond a token: one pass per block",
    ("_inputs.py", "_XML_DECLARATION"): r"^\s*<\?xml[^>]*\?>: anchored at the start, one pass",
    ("_inputs.py", "_STAMP"): r"fixed-width digits around one \s+: no nested repetition",
    ("_inputs.py", "_TITLE_SEPARATOR"): "splits a page title (alternatives of fixed punctuation around \\s+)",
    ("_gold.py", "_GOLD_ID"): "reads the id field of one line of our own gold files",
    ("_gold.py", "_TAG"): "one BIO tag of our own gold files",
}

_SCANS = {"finditer", "findall", "sub", "subn", "split", "splititer", "scanner"}
_MODULE_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                 "splititer"}


def _is_regex_module(node: ast.expr) -> bool:
    """``re``, ``regex`` or ``_patterns.regex`` (also ``_segment._patterns.regex``)."""
    if isinstance(node, ast.Name):
        return node.id in {"re", "regex"}
    return isinstance(node, ast.Attribute) and node.attr == "regex"


def _is_patterns_module(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "_patterns"
    return isinstance(node, ast.Attribute) and node.attr == "_patterns"


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node


def test_package_is_found() -> None:
    names = {_name(p) for p in MODULES}
    assert {"_text.py", "_pipeline.py", "_reader.py", "_structure/__init__.py", "_dates/rules.py", "_dates/scanner.py",
            "_facts/scan.py"} <= names


def test_no_stdlib_re_outside_patterns() -> None:
    offenders = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if "re" in names and _name(path) not in STDLIB_RE:
                offenders.append(f"{_name(path)}:{node.lineno}")
    assert offenders == []


def test_every_pattern_is_compiled_by_patterns() -> None:
    """No ``regex.compile``/``re.search``/… : patterns come from ``_patterns.compile`` only (``regex.escape``
    and the flags are fine)."""
    offenders = []
    for path in MODULES:
        for call in _calls(path):
            if _is_regex_module(call.func.value) and call.func.attr in _MODULE_CALLS:
                if _name(path) in STDLIB_RE and ast.unparse(call.func.value) == "re":
                    continue
                offenders.append(f"{_name(path)}:{call.lineno}: {ast.unparse(call.func)}")
    assert offenders == []


def _unguarded_scans() -> dict[tuple[str, str], list[int]]:
    found: dict[tuple[str, str], list[int]] = {}
    for path in MODULES:
        for call in _calls(path):
            attr, receiver = call.func.attr, call.func.value
            if _is_patterns_module(receiver) or _is_regex_module(receiver):
                continue
            timed = any(k.arg == "timeout" for k in call.keywords)
            windowed = len(call.args) >= 3
            linear = {n for m, n in LINEAR if m == _name(path)}
            if (attr in _SCANS - {"split"} or (attr == "search" and not timed and not windowed)
                    or (attr == "split" and ast.unparse(receiver) in linear)):
                found.setdefault((_name(path), ast.unparse(receiver)), []).append(call.lineno)
    return found


def test_every_scan_is_timed_or_proven_linear() -> None:
    """A whole-text scan runs through ``_patterns.finditer`` (under the timeout) unless its pattern is listed
    above with the reason it cannot run away."""
    scans = _unguarded_scans()
    unlisted = {k: v for k, v in scans.items() if k not in LINEAR}
    assert unlisted == {}


def test_scan_over_the_limit_raises_pattern_timeout(monkeypatch) -> None:
    monkeypatch.setattr(_patterns, "SCAN_TIMEOUT", 0.01)
    with pytest.raises(PatternTimeout):
        list(_patterns.finditer(_patterns.compile(r"\w"), "a" * 5_000_000))


def test_a_timeout_costs_findings_not_the_article(monkeypatch) -> None:
    """With a tiny scan limit every timed scan gives up: the article still comes back, valid, with warnings."""
    text = "Chiều 2/7/2021, Thành ủy Ninh Bình tổ chức hội nghị với 1.234 đại biểu. " * 400
    monkeypatch.setattr(_patterns, "SCAN_TIMEOUT", 1e-9)
    article = dvextract.extract(text)
    codes = {w.code for w in article.warnings}
    assert "pattern_timeout" in codes and "internal_error" not in codes
    assert article.ok and len(article.sentences) == 400
    # the Reader falls back to words at spaces, the structure to one paragraph; neither loses the article
    stages = {w.message.split(":")[0] for w in article.warnings if w.code == "pattern_timeout"}
    assert {"segmentation", "structure"} <= stages


def test_scan_timeout_does_not_count_the_callers_work() -> None:
    """A caller that works slowly between matches must not trip the scan's own time limit."""
    import time

    from dvextract import _patterns

    lines = _patterns.compile(r"[^\n]+")
    seen = []
    for m in _patterns.finditer(lines, "một\nhai\nba"):
        time.sleep(_patterns.SCAN_TIMEOUT * 0.6)
        seen.append(m.group())
    assert seen == ["một", "hai", "ba"]
