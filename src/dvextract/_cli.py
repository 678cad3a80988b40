"""The command line, a thin layer over the library: ``dvextract extract|schema|batch|eval|render|officials|who``.

All argument parsing and printing lives here; the library modules it calls raise and return. A mistake gives one
line on stderr and never a traceback: exit status 2 for a usage error (a missing input, a bad option value), 1 for
a failure (an unreadable input, a full disk, a crash), 130 when interrupted (Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import BrokenExecutor
from pathlib import Path
from typing import Any

from ._cli_help import add_command
from ._cli_officials import add_officials_commands
from ._extras import MissingExtra, require
from ._version import __version__

__all__ = ["main"]

DESCRIPTION = ("Vietnamese news articles into typed, offset-exact records: people, titles, organisations, places, "
               "dates and numeric facts.")
EPILOG = "Exit status: 0 done, 1 failure, 2 usage error, 130 interrupted. 'dvextract COMMAND --help' for a command."


class UsageError(Exception):
    """A mistake on the command line: exit status 2."""


class Failure(Exception):
    """The command could not do its work: exit status 1."""


# ------------------------------------------------------------------------------------------------ checks


def _date(value: str) -> str:
    """An option's publication date: ISO (``2024-04-05``, ``2024-04-05T08:30``) within the years dates support."""
    from ._pipeline import published_date

    try:
        when = published_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return when.isoformat()


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not a positive number")
    return number


def _existing(paths: Sequence[str], *, stdin: bool = True) -> None:
    """Every local input exists (globs and remote paths are checked when read); ``-`` is standard input."""
    for path in paths:
        if path == "-":
            if not stdin:
                raise UsageError("'-' (standard input) is not supported here: save it to a file")
            continue
        if "://" in path or any(c in path for c in "*?["):
            continue
        if not Path(path).exists():
            raise UsageError(f"{path}: no such file or folder")


def _writable_file(path: str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"--out {path} is a folder; give a file name")
    if not target.parent.is_dir():
        raise UsageError(f"--out {path}: the folder {target.parent} does not exist")
    return target


# ------------------------------------------------------------------------------------------------ extract, schema


def _items(paths: Sequence[str]) -> Iterator[Any]:
    """The items of every input: files, folders (searched for known suffixes) and ``-``."""
    from ._inputs import expand, read_items, read_stdin

    for path in paths:
        if path == "-":
            yield from read_stdin(sys.stdin.buffer)
            continue
        files = expand([path])
        if not files:
            raise UsageError(f"{path}: no input file there")
        for name in files:
            yield from read_items(name)


def _cmd_extract(args: argparse.Namespace) -> int:
    from ._pipeline import extract

    _existing(args.paths)
    records = []
    for item in _items(args.paths):
        fields = item.fields(args.published)
        article = _error_record(item.id, item.error) if item.error else extract(item.text, **fields)
        if args.format == "jsonl":
            print(article.to_json(), flush=True)
        else:
            records.append(article.model_dump(mode="json"))
    if args.format == "json":
        json.dump(records[0] if len(records) == 1 else records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return 0


def _error_record(item_id: str, reason: str) -> Any:
    from ._records import Article, Notice, text_sha1

    return Article(id=item_id, text="", text_sha1=text_sha1(""),
                   warnings=[Notice(code=reason.split(":", 1)[0], message=reason, severity="error")])


def _cmd_schema(args: argparse.Namespace) -> int:
    from ._records import Article

    print(json.dumps(Article.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


# ------------------------------------------------------------------------------------------------ batch


def _cmd_batch(args: argparse.Namespace) -> int:
    from ._batch import OutputInUse, batch

    _existing(args.inputs, stdin=False)
    if args.engine == "dask":
        if not args.scheduler:
            raise UsageError("--engine dask needs --scheduler ADDRESS")
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise UsageError("--engine dask needs dask.distributed: pip install 'dvextract[dask]'") from None
    try:
        manifest = batch(args.inputs, args.out, workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                         shard_size=args.shard_size, overwrite=args.overwrite)
    except OutputInUse as exc:
        raise UsageError(str(exc)) from None
    except BrokenExecutor:
        raise Failure("a worker process died (out of memory?); run the same command again: it resumes where this "
                      "run stopped") from None
    except OSError as exc:
        what = f"no space left on the device ({exc})" if exc.errno == errno.ENOSPC else str(exc)
        raise Failure(f"{what}; fix it and run the same command again: it resumes where this run stopped") from None
    c, r, new = manifest["counts"], manifest["run"], manifest["shards"]["processed"]
    pace = f"{r['articles_per_second']} articles/s over {new} new shards" if new else "every shard was already done"
    print(f"{c['inputs']} inputs: {c['records']} records, {c['errors']} errors ({pace}) -> {args.out}", file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------------------------ render


def _cmd_render(args: argparse.Namespace) -> int:
    from ._inputs import read_items, read_stdin, resolve
    from ._pipeline import extract
    from ._render import render_html

    _existing([args.path])
    target = _writable_file(args.out)
    if Path(args.path).is_dir():
        raise UsageError(f"{args.path} is a folder; render reads one file")
    items = read_stdin(sys.stdin.buffer) if args.path == "-" else read_items(args.path, parse_html=False)
    chosen = None
    for item in items:  # only the chosen page is parsed
        if args.id is None or item.id == args.id:
            if chosen is not None:
                raise UsageError(f"{args.path} holds several articles; choose one with --id")
            chosen = item
            if args.id is not None:
                break
    if chosen is None:
        raise UsageError(f"no article {args.id!r} in {args.path}" if args.id else f"{args.path} holds no article")
    chosen = resolve(chosen)
    if chosen.error:
        raise Failure(f"{chosen.id}: {chosen.error}")
    article = extract(chosen.text, **chosen.fields(args.published))
    target.write_text(render_html(article), encoding="utf-8", errors="backslashreplace")
    print(f"{article.id}: {len(article.entities)} entities, {len(article.dates)} dates, {len(article.facts)} facts, "
          f"{len(article.people)} people -> {args.out}", file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------------------------ eval


def _load_eval(args: argparse.Namespace) -> tuple[list[Any], list[tuple[str, list[Any]]]]:
    from ._gold import load_gold, read_conll, read_records, rehydrate

    if args.conll:
        tag_map = dict(m.split("=", 1) for m in args.tag_map)

        def conll(path: str) -> list[Any]:
            return read_conll(path, level=args.level, tag_map=tag_map, column=args.tag_column)

        # Documents are numbered through the gold files in order; each --pred file holds the same documents.
        gold = [a for path in args.gold for a in conll(path)]
        gold = [a.model_copy(update={"id": str(n)}) for n, a in enumerate(gold, 1)]
        return gold, [(Path(p).stem, conll(p)) for p in args.pred]
    gold = load_gold(args.gold, texts=args.texts, split=args.split)
    known = {g.id: g for g in gold if g.id is not None}
    preds = []
    for path in args.pred:
        try:
            rows = [r for r in read_records([path]) if isinstance(r, dict) and r.get("id") in known]
            preds.append((Path(path).stem, rehydrate(rows, known=known, gold=False)))
        except (ValueError, TypeError, LookupError, AttributeError) as exc:  # a hostile file: one line, no traceback
            raise Failure(f"--pred {path}: not predictions dvextract can read ({type(exc).__name__}: "
                          f"{str(exc).splitlines()[0] if str(exc) else ''})") from None
    return gold, preds


def _cmd_eval(args: argparse.Namespace) -> int:
    from ._cli_tables import render_table
    from ._evaluate import evaluate, plot, run_system
    from ._gold import GoldError

    _existing([*args.gold, *args.pred], stdin=False)
    if args.plot:
        require("matplotlib", "plotting scores")  # before the scoring, which can take minutes
    if any("=" not in m for m in args.tag_map):
        raise UsageError("--tag-map takes LABEL=TYPE")
    try:
        gold, preds = _load_eval(args)
    except (GoldError, OSError) as exc:
        raise UsageError(str(exc)) from None
    if not gold:
        raise UsageError("no gold articles")
    systems = args.system or ([] if preds else ["dvextract"])
    try:
        reports = [evaluate(gold, p, system=name) for name, p in preds]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    reports += [evaluate(gold, run_system(name, gold), system=name) for name in systems]
    if args.json:
        data = json.dumps([r.model_dump(mode="json") for r in reports], ensure_ascii=False, indent=2)
        if args.json == "-":
            print(data)
        else:
            Path(args.json).write_text(data + "\n", encoding="utf-8")
    if args.json != "-":
        render_table(reports)
    if args.plot:
        print(f"plot: {plot(reports, args.plot)}", file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------------------------ the parser


def _add_extract(sub: Any) -> None:
    p = add_command(sub, "extract", "extract records from articles, one JSON record per input",
             "Extract records from articles: .txt files, JSONL lines {id, text, [title, published, url]}, HTML "
             "pages, web archives, or folders of them; '-' reads standard input (JSONL if it starts with '{', "
             "else one text). Unreadable inputs give a record with an error warning, never a stop.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="an article file (.txt, .html, .jsonl[.gz], .warc[.gz]), a folder of them, or '-'")
    p.add_argument("--format", choices=("json", "jsonl"), default="jsonl",
                   help="jsonl: one compact record per line, as each is done; json: one indented document at the end")
    p.add_argument("--published", metavar="YYYY-MM-DD", type=_date, default=None,
                   help="publication date for inputs that carry none (anchors 'hôm qua', 'năm sau') (default: "
                        "none: a day or month the text gives no year for takes the year the article fixes, "
                        "else stays X, as XXXX-10-15)")
    p.set_defaults(run=_cmd_extract)


def _add_batch(sub: Any) -> None:
    from ._batch import SHARD_SIZE

    p = add_command(sub, "batch", "process an archive in parallel into JSONL shards and Parquet tables",
             "Process an archive in parallel into JSONL shards and Parquet tables; resumable: run the same "
             "command again after a kill, a full disk or Ctrl-C.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, folders or globs of .txt, .html, .jsonl[.gz], .warc[.gz] (fsspec paths too)")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output folder, this run's own (an fsspec path for Dask)")
    p.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help="worker processes (default: one per core)")
    p.add_argument("--shard-size", type=_positive, default=SHARD_SIZE, metavar="N",
                   help="articles per shard, the unit of resuming")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local worker processes, or a dask.distributed cluster (needs --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="the dask.distributed scheduler, e.g. tcp://host:8786 (default: none; --engine dask "
                        "needs one)")
    p.add_argument("--overwrite", action="store_true", default=False,
                   help="replace another run's shards in --out (files that are not a run's are left alone)")
    p.set_defaults(run=_cmd_batch)


def _add_render(sub: Any) -> None:
    p = add_command(sub, "render", "render an article's findings as one HTML page",
                    "Render an article's findings as one HTML page: the text with every entity, date and fact "
                    "marked, and the people with their titles.")
    p.add_argument("path", metavar="PATH", help="a .txt or .html article, a JSONL file {id, text, …} (with --id), "
                                                "or '-' for standard input")
    p.add_argument("--out", required=True, metavar="FILE.html", help="where to write the page (its folder must exist)")
    p.add_argument("--id", default=None, help="the article to render from a file holding several (default: none: the "
                   "file must hold one article)")
    p.add_argument("--published", metavar="YYYY-MM-DD", type=_date, default=None,
                   help="publication date for an input that carries none (default: none, as for extract)")
    p.set_defaults(run=_cmd_render)


def _add_eval(sub: Any) -> None:
    from ._evaluate import SYSTEMS

    p = add_command(sub, "eval", "score predictions or a system against gold annotations",
             "Score predictions or a system against gold annotations: strict and lenient P/R/F1 per entity type, "
             "date and fact detection and value accuracy, person-title links.")
    p.add_argument("gold", nargs="+", metavar="GOLD",
                   help="gold JSONL files (guideline or compact format) or folders of them; CoNLL with --conll")
    p.add_argument("--pred", action="append", default=[], metavar="PRED.jsonl",
                   help="predictions to score (dvextract output or guideline format); repeatable "
                        "(default: none)")
    p.add_argument("--system", action="append", default=[], choices=SYSTEMS,
                   help="run a system on the gold texts and score it; repeatable (default: dvextract when "
                        "no --pred is given, else none)")
    p.add_argument("--texts", action="append", metavar="PATH", default=None,
                   help="where gold texts are: a JSONL archive {id, text} by id, or .txt files/folders by SHA-1 "
                        "(default: ../shared/data/archive/articles.jsonl.gz and ../shared/examples)")
    p.add_argument("--split", choices=("dev", "test", "test-general"), default=None,
                   help="score only gold records of this split (default: every split)")
    p.add_argument("--json", metavar="PATH", default=None, help="write the reports as JSON ('-' for standard output) "
                   "(default: none: a table on standard output)")
    p.add_argument("--plot", metavar="PATH.png", default=None,
                   help="write a PNG comparing the systems per type (default: no plot)")
    conll = p.add_argument_group("CoNLL/BIO gold (and --pred) files")
    conll.add_argument("--conll", action="store_true", default=False,
                       help="read GOLD (and --pred) as CoNLL/BIO token files")
    conll.add_argument("--level", choices=("syllable", "word"), default="syllable",
                       help="one syllable per line, or word segmented with '_' (Hà_Nội)")
    conll.add_argument("--tag-map", action="append", default=[], metavar="LABEL=TYPE",
                       help="read a label as PERSON/TITLE/ORGANIZATION/LOCATION (or O to drop it); repeatable "
                            "(default: PER, NAME, ORG, LOC, GPE and the four type names are read; other labels, "
                            "such as MISC, are dropped)")
    conll.add_argument("--tag-column", type=int, default=-1, metavar="N",
                       help="column of the tag, 0-based (-1: the last; VLSP 2016: 3)")
    p.set_defaults(run=_cmd_eval)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dvextract", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"dvextract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_extract(sub)
    p = add_command(sub, "schema", "print the JSON Schema of the Article record",
                    "Print the JSON Schema of the Article record, the record extract prints (made from its "
                    "pydantic model).")
    p.set_defaults(run=_cmd_schema)
    _add_batch(sub)
    _add_eval(sub)
    _add_render(sub)
    add_officials_commands(sub)
    return parser


# ------------------------------------------------------------------------------------------------ main


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit status (argparse exits with 2 itself on a malformed command line)."""
    args = _parser().parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):  # a lone surrogate in an input is written as its JSON escape
        sys.stdout.reconfigure(errors="backslashreplace")
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        return int(args.run(args))
    except (UsageError, MissingExtra) as exc:  # MissingExtra: names the extra to install
        return _fail(args.command, str(exc), 2)
    except Failure as exc:
        return _fail(args.command, str(exc), 1)
    except KeyboardInterrupt:
        hint = ": run the same command to resume" if args.command == "batch" else ""
        return _fail(args.command, f"interrupted{hint}", 130)
    except BrokenPipeError:  # `dvextract extract … | head`: the reader is gone; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        return _fail(args.command, f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), 1)
    except Exception as exc:  # the promise: one line, never a traceback (DVEXTRACT_DEBUG=1 for one)
        if os.environ.get("DVEXTRACT_DEBUG"):
            raise
        return _fail(args.command, f"internal error: {type(exc).__name__}: {exc} (DVEXTRACT_DEBUG=1 shows where)", 1)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _fail(command: str, message: str, status: int) -> int:
    print(f"dvextract {command}: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
