"""Sub-commands that describe the CLI itself: `completion bash|zsh|fish` and `man`.

Registered by one call from parser.py; handlers live in completion_commands.py and import their needs.
"""

from __future__ import annotations

import argparse
from typing import Any

SHELLS = ("bash", "zsh", "fish")


def add_completion_parsers(sub: Any, *, common: argparse.ArgumentParser) -> None:
    """`sub` is the sub-parser action of `jobber`."""
    from . import completion_commands as c

    p = sub.add_parser("completion", help="print the tab-completion script for bash, zsh or fish", parents=[common],
                       epilog="install it:\n"
                              "  bash: jobber completion bash > ~/.local/share/bash-completion/completions/jobber\n"
                              "  zsh:  jobber completion zsh > ~/.zfunc/_jobber   (with fpath+=~/.zfunc before "
                              "compinit)\n"
                              "  fish: jobber completion fish > ~/.config/fish/completions/jobber.fish",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("shell", choices=SHELLS)
    p.set_defaults(run=c.completion)

    p = sub.add_parser("man", help="print the jobber(1) man page (roff; e.g. `jobber man | man -l -`)",
                       parents=[common])
    p.set_defaults(run=c.man)
