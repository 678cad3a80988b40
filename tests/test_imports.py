"""The package's modules import each other without cycles and without reaching for each other's private names
(httpx-style: a private module's public names are its interface). Deferred imports inside functions count too,
and so do the modules of the private packages (``_dates.rules``, ``_entities.scan``, …)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import dvextract

PACKAGE = Path(dvextract.__file__).resolve().parent


def _module_name(path: Path) -> str:
    """``_pipeline``, ``_dates.rules``; a package's ``__init__.py`` is the package (``_dates``; ``""`` at the top)."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "__main__.py"}


def _imports(module: str) -> list[tuple[str, str]]:
    """(imported module, imported name or '') for every relative import the module runs, at any depth."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" and module else module.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                   for stmt in block.body for n in ast.walk(stmt)}  # never run: annotations only
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1 and id(node) not in typing_only:
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                found += [(".".join([*base, node.module]), alias.name) for alias in node.names]
            else:  # from . import _x
                found += [(".".join([*base, alias.name]), "") for alias in node.names]
    return found


def _graph() -> dict[str, set[str]]:
    """Which top-level modules and packages import which (a package's own modules may call each other: the
    grammar of names and of organisations are mutually recursive)."""
    graph: dict[str, set[str]] = {}
    for m in MODULES:
        top = m.split(".")[0]
        graph.setdefault(top, set()).update(
            t.split(".")[0] for t, _ in _imports(m) if t in MODULES and t.split(".")[0] != top)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_imports(module: str) -> None:
    importlib.import_module(f"dvextract.{module}" if module else "dvextract")


def test_every_relative_import_names_a_module() -> None:
    unknown = [(m, t) for m in MODULES for t, name in _imports(m) if t not in MODULES and not name]
    assert unknown == []


def test_no_import_cycle() -> None:
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"_a": {"_b"}, "_b": {"_c"}, "_c": {"_a"}}) == ["_a", "_b", "_c", "_a"]
    assert _cycle({"_a": {"_b"}, "_b": set()}) is None


def test_no_private_name_across_modules() -> None:
    """``from ._x import _name`` reaches into another module; a package's own modules may share theirs."""
    private = [
        (m, target, name) for m in MODULES for target, name in _imports(m)
        if name.startswith("_") and not name.startswith("__")
        and target.split(".")[0] != m.split(".")[0]
    ]
    assert private == []


COMMAND_LINE = {m for m in MODULES if m.startswith("_cli")} | {"_train_tagger", "_train_captions"}  # python -m scripts


def _terminal_uses(module: str) -> list[str]:
    """What in a module talks to the terminal: argparse, print, sys.exit/argv/stdout/stderr."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = [f"import {a.name}" for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)
             for a in n.names if "argparse" in (a.name, getattr(n, "module", None))]
    found += ["print()" for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
              and n.func.id == "print"]
    found += [f"sys.{n.attr}" for n in ast.walk(tree) if isinstance(n, ast.Attribute)
              and isinstance(n.value, ast.Name) and n.value.id == "sys" and n.attr in ("exit", "argv", "stdout")]
    return found


def test_command_line_code_only_in_the_cli_modules() -> None:
    """Library modules return values and raise; parsing arguments, printing and exit codes are ``_cli*``'s (a
    progress bar on stderr, asked for by ``batch(progress=...)``, is the library's)."""
    assert {m: uses for m in MODULES if m not in COMMAND_LINE and (uses := _terminal_uses(m))} == {}


README = PACKAGE.parents[1] / "README.md"


def _readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("\n## Layout\n"):text.index("\n## ", text.index("\n## Layout\n") + 1)]


def test_readme_module_map_is_the_import_graph() -> None:
    """README's "what imports what" table is the graph this file checks (regenerate it from ``_graph()``)."""
    rows = re.findall(r"^\| `(_\w+)` \| (.*) \|$", _readme_section(), re.M)
    written = {m: set(re.findall(r"`(_\w+)`", imports)) for m, imports in rows}
    assert written == {m: deps for m, deps in _graph().items() if m}


def test_readme_layout_names_every_module() -> None:
    """Each module has its row (``_segment.py``) or is named in its package's row (``decode.py`` in ``_tagger/``)."""
    layout = _readme_section().split("What imports what")[0]
    rows = layout.splitlines()

    def named(module: str) -> bool:  # in a package, in its package's own row (`context` is _facts' and _officials')
        package, _, name = module.rpartition(".")
        where = [r for r in rows if f"{package}/" in r] if package else rows
        return any(re.search(rf"\b{name}\b", r) for r in where)

    assert [m for m in MODULES if m and not named(m)] == []


LONGEST_FUNCTION = 80
"""Issue 18's bar for rules that are easy to change (the project's style asks for about 60)."""


def _function_lengths() -> list[tuple[int, str]]:
    """(lines, where) of every function and method, nested ones too, decorators included."""
    found = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                found.append((node.end_lineno - start + 1, f"{module or '__init__'}:{node.lineno} {node.name}"))
    return sorted(found, reverse=True)


def test_no_function_is_longer_than_the_bar() -> None:
    assert [f for f in _function_lengths() if f[0] > LONGEST_FUNCTION] == []
    assert len(_function_lengths()) > 500  # the walk sees the whole package


_VIETNAMESE_WORD = re.compile(r"^[\w ]*[À-ỹĐđ][\w ]*$")


def _word_lists() -> list[str]:
    """Module- and class-level collections of three or more Vietnamese words written in the code."""
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in [*tree.body, *(n for c in tree.body if isinstance(c, ast.ClassDef) for n in c.body)]:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if value is None:
                continue
            words = [n.value for n in ast.walk(value) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                     and _VIETNAMESE_WORD.match(n.value) and len(n.value) > 1]
            if len(words) >= 3:
                found.append(f"{module}:{node.lineno} {words[:3]}")
    return found


def test_no_word_list_in_python() -> None:
    """Language knowledge is data (``data/*.tsv``, each row checked by an example), not a tuple in a module."""
    assert _word_lists() == []
    assert _VIETNAMESE_WORD.match("thị xã") and not _VIETNAMESE_WORD.match("(?i)\\bảnh")


def _private_attributes(module: str) -> list[tuple[str, str, str]]:
    """(module, imported module, name) for each ``_mod._name`` use of a module imported with ``from . import _mod``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    modules = {alias: target for target, name in _imports(module) if not name
               for alias in [target.split(".")[-1]]}
    modules.update({name: f"{target}.{name}".lstrip(".") for target, name in _imports(module)
                    if f"{target}.{name}".lstrip(".") in MODULES})
    return [(module, modules[n.value.id], n.attr) for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in modules
            and n.attr.startswith("_") and not n.attr.startswith("__")
            and modules[n.value.id].split(".")[0] != module.split(".")[0]]


def test_no_private_attribute_of_another_module() -> None:
    """``_pipeline._nlp`` reaches into another module as ``from ._pipeline import _nlp`` does."""
    assert [found for m in MODULES for found in _private_attributes(m)] == []


def test_the_private_attribute_finder_finds_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "_fake.py"
    fake.write_text("from . import _segment\n\n\ndef f():\n    return _segment._loaded(), _segment.words\n")
    monkeypatch.setitem(MODULES, "_fake", fake)
    assert _private_attributes("_fake") == [("_fake", "_segment", "_loaded")]
