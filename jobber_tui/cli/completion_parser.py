"""Sub-commands that describe the CLI itself: `completion bash|zsh|fish` and `man`.

Registered by one call from parser.py; handlers live in completion_commands.py and import their needs.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # see parser.py
if TYPE_CHECKING:
    from typing import Any

SHELLS = ("bash", "zsh", "fish")

INSTALL = """\
install it:
  bash: jobber completion bash > ~/.local/share/bash-completion/completions/jobber
  zsh:  jobber completion zsh > ~/.zfunc/_jobber   (with fpath+=~/.zfunc before compinit)
  fish: jobber completion fish > ~/.config/fish/completions/jobber.fish"""


def add_completion_parsers(sub: Any, *, common: argparse.ArgumentParser) -> None:
    """`sub` is the sub-commands action of `jobber`."""
    from .parser_base import handler

    p = sub.add_parser(
        "completion",
        help="print the tab-completion script for bash, zsh or fish",
        parents=[common],
        epilog=INSTALL,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS)
    p.set_defaults(run=handler("completion_commands", "completion"))

    p = sub.add_parser(
        "man", help="print the jobber(1) man page (roff; e.g. `jobber man | man -l -`)", parents=[common]
    )
    p.set_defaults(run=handler("completion_commands", "man"))
