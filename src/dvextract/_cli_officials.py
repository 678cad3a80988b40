"""The officials commands: ``dvextract officials RUN_DIR``, ``dvextract who …``, ``dvextract officials-eval GOLD``.

Kept apart from ``_cli.py``: ``add_officials_commands(subparsers)`` adds the three sub-commands to its parser.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ._cli_help import add_command
from ._officials.evaluate import load_officials_gold, score_officials
from ._officials.page import person_page
from ._officials.shards import run_articles
from ._officials.store import Holder, build_officials, who, who_person

__all__ = ["add_officials_commands"]


def _cmd_officials(args: argparse.Namespace) -> int:
    if args.engine == "dask" and not args.scheduler:
        print("dvextract officials: --engine dask needs --scheduler ADDRESS", file=sys.stderr)
        return 2
    started = time.perf_counter()
    counts = build_officials(args.run_dir, args.out, engine=args.engine, scheduler=args.scheduler)
    seconds = round(time.perf_counter() - started, 1)
    print(json.dumps({**counts, "seconds": seconds, "out": str(args.out or args.run_dir)}, ensure_ascii=False))
    return 0


def _print(holders: list[Holder], as_json: bool) -> None:
    if as_json:
        json.dump([asdict(h) for h in holders], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    for h in holders:
        former = " (former only)" if h.former_only else ""
        print(f"{h.first_seen or '?':10}  {h.last_seen or '?':10}  {h.name} [{h.person_id}]  {h.office}{former}"
              f"  ({h.observations} obs.)")
        source = h.sources[0]
        print(f"    {source['article_id']} [{source['start']}:{source['end']}]: {source['sentence'][:160]}")


def _cmd_who(args: argparse.Namespace) -> int:
    if bool(args.office) == bool(args.person):
        print("dvextract who: give an OFFICE or --person NAME", file=sys.stderr)
        return 2
    if args.person:
        holders = who_person(args.run_dir, args.person, args.province)
    else:
        try:
            holders = who(args.run_dir, args.office, args.at)
        except ValueError as error:
            print(f"dvextract who: {error}", file=sys.stderr)
            return 2
    if args.html:
        people = {h.person_id for h in holders}
        if len(people) > 1:
            print(f"dvextract who: {len(people)} people match; the page shows the first", file=sys.stderr)
        first = [h for h in holders if h.person_id == holders[0].person_id] if holders else []
        Path(args.html).write_text(person_page(first), encoding="utf-8")
    _print(holders, args.json)
    return 0 if holders else 1


def _cmd_eval(args: argparse.Namespace) -> int:
    gold = load_officials_gold(args.gold, args.split)
    if args.run_dir:
        found = run_articles(args.run_dir, {g.id for g in gold})
        scores = score_officials(gold, lambda g: found.get(g.id) or {"text": g.text, "people": []})
    else:
        scores = score_officials(gold)
    report: dict[str, Any] = scores.as_dict()
    if args.errors:
        report["errors"] = scores.errors
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def add_officials_commands(subparsers: Any) -> None:
    """Add ``officials``, ``who`` and ``officials-eval`` to the ``dvextract`` parser's sub-commands."""
    p = add_command(subparsers, "officials", "build the officials, offices and observations tables of a run",
                    "Build the officials, offices and observations tables of a batch run: every titled person "
                    "across the archive, one id per person, each office parsed, each title seen with its sentence "
                    "and date. Writes officials.parquet, offices.parquet and observations.parquet.")
    p.add_argument("run_dir", metavar="RUN_DIR", help="the output folder of a dvextract batch run")
    p.add_argument("--out", metavar="DIR", help="where to write the tables (default: RUN_DIR)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="read the shards here, or on a dask.distributed cluster (needs --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="the dask.distributed scheduler, e.g. tcp://host:8786 (default: none; --engine dask needs one)")
    p.set_defaults(run=_cmd_officials)

    p = add_command(subparsers, "who", "who held an office (when), or which offices a person held",
                    "Who held an office, and when, or (--person) which offices a person held, from the tables "
                    "dvextract officials wrote; each answer names the sentence it comes from. Exit status 1 "
                    "when nobody is found.")
    p.add_argument("office", nargs="?", metavar="OFFICE",
                   help="a title as written: 'Bí thư Tỉnh ủy Thanh Hóa' (default: none; give OFFICE or --person)")
    p.add_argument("--person", metavar="NAME",
                   help="list the offices of the person(s) so named (default: none; give OFFICE or --person)")
    p.add_argument("--province", help="with --person: only the namesake tied to this province (default: any)")
    p.add_argument("--at", metavar="YYYY[-MM[-DD]]",
                   help="only holders seen in office around that time (default: any time)")
    p.add_argument("--run", dest="run_dir", default=".", metavar="RUN_DIR",
                   help="the run folder holding the tables")
    p.add_argument("--json", action="store_true", help="print the answer as JSON, with every source")
    p.add_argument("--html", metavar="PATH", help="write the (first) person's page as HTML (default: no page)")
    p.set_defaults(run=_cmd_who)

    p = add_command(subparsers, "officials-eval", "score office parsing and person clustering on officials gold",
                    "Score office parsing (field accuracy) and person clustering (B-cubed) against the officials "
                    "gold; prints the scores as JSON.")
    p.add_argument("gold", metavar="GOLD_DIR", help="a folder of officials gold (corpora/officials)")
    p.add_argument("--split", choices=("dev", "test"), default=None,
                   help="score only gold articles of this split (default: every split)")
    p.add_argument("--errors", action="store_true", help="list the titles whose fields are wrong (dev only!)")
    p.add_argument("--run", dest="run_dir", metavar="RUN_DIR",
                   help="take the system's articles from this batch run (default: none: extract the gold texts)")
    p.set_defaults(run=_cmd_eval)
