"""The command line, a thin layer over the library: ``dvextract extract|schema|batch|eval|render|officials|who``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from ._cli_officials import add_officials_commands
from ._pipeline import extract
from ._records import Article, Notice, text_sha1
from ._version import __version__

# Sub-commands living in their own modules: each has add_arguments(parser) and run(args) -> exit code.
_DELEGATED = {
    "batch": ("dvextract._batch", "process an archive in parallel into JSONL shards and Parquet tables"),
    "eval": ("dvextract._evaluate", "score predictions or a system against gold annotations"),
    "render": ("dvextract._render", "render an article's findings as HTML"),
}


def _error_record(item_id: str, reason: str) -> Article:
    code = reason.split(":", 1)[0]
    return Article(id=item_id, text="", text_sha1=text_sha1(""),
                   warnings=[Notice(code=code, message=reason, severity="error")])


def _cmd_extract(args: argparse.Namespace) -> int:
    from ._inputs import read_items

    records = []
    for path in args.paths:
        for item in read_items(Path(path)):
            if item.error:
                article = _error_record(item.id, item.error)
            else:
                article = extract(item.text, **item.fields(args.published))
            if args.format == "jsonl":
                print(article.to_json(), flush=True)
            else:
                records.append(article.model_dump(mode="json"))
    if args.format == "json":
        json.dump(records[0] if len(records) == 1 else records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(Article.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dvextract", description=__doc__)
    parser.add_argument("--version", action="version", version=f"dvextract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract records from .txt files or JSONL lines {id, text, [title, published]}")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("json", "jsonl"), default="jsonl")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
    p.set_defaults(run=_cmd_extract)

    p = sub.add_parser("schema", help="print the JSON Schema of the Article record")
    p.set_defaults(run=_cmd_schema)

    for name, (module, help_text) in _DELEGATED.items():
        p = sub.add_parser(name, help=help_text)
        try:
            mod = import_module(module)
        except ImportError:
            continue
        mod.add_arguments(p)
        p.set_defaults(run=mod.run)
    add_officials_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not hasattr(args, "run"):
        print(f"dvextract {args.command}: not available in this installation", file=sys.stderr)
        return 2
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
