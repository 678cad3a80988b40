"""How every ``dvextract`` sub-command's ``--help`` is laid out: plain text, each option with its default.

argparse's own ``ArgumentDefaultsHelpFormatter`` prints ``(default: None)`` for an option with no default value
and for a required one, which tells a reader nothing. Here an option whose help says ``(default: …)`` in its own
words (``(default: one per core)``) keeps that; a required option and a positional argument say no default (they
have none); a flag says ``(default: off)``; any other option gets ``(default: VALUE)``. ``tests/test_misuse.py``
checks that no option is left with an empty default and that no help holds markup.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_command"]


class _Help(argparse.HelpFormatter):
    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if "(default" in text or action.required or not action.option_strings or action.default == argparse.SUPPRESS:
            return text
        if action.nargs == 0 and action.default is False:  # a flag
            return f"{text} (default: off)"
        if action.default is None or action.default == []:  # "not given": its help says in words what that does
            return text
        return f"{text} (default: %(default)s)"


def add_command(sub: Any, name: str, help_text: str, description: str) -> argparse.ArgumentParser:
    """Add sub-command ``name``: ``help_text`` is its line in ``dvextract --help``, ``description`` its own
    ``--help``'s opening paragraph (sentences: what it does, what it reads and writes)."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=description,
                                                     formatter_class=_Help)
    return parser
