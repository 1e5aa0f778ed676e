"""Handlers of `jobber completion SHELL` and `jobber man`: both written from the parser at run time,
so they always match the installed version's commands."""

from __future__ import annotations

import argparse
import sys

FILE_ARGUMENTS = frozenset({"path", "file", "text_file"})
"""Arguments (by dest) whose value is a file: completed with file names."""
FOLDER_ARGUMENTS = frozenset({"home"})
"""Arguments (by dest) whose value is a folder."""


def completion(args: argparse.Namespace) -> int:
    from .command_tree import full_parser

    parser = full_parser()
    if args.shell == "fish":
        from .fish_completion import render_fish

        script = render_fish(parser, FILE_ARGUMENTS, FOLDER_ARGUMENTS)
    else:
        script = _shtab_script(parser, args.shell)
    sys.stdout.write(script if script.endswith("\n") else script + "\n")  # shtab's ends mid-line
    return 0


def _shtab_script(parser: argparse.ArgumentParser, shell: str) -> str:
    import shtab  # only here: it costs ~70 ms of imports that no other command needs

    for action in _all_actions(parser):
        if action.dest in FILE_ARGUMENTS:
            action.complete = shtab.FILE  # type: ignore[attr-defined]
        elif action.dest in FOLDER_ARGUMENTS:
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    return shtab.complete(parser, shell=shell)


def _all_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    found: list[argparse.Action] = []
    for action in parser._actions:
        found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for sub in {id(p): p for p in action.choices.values()}.values():  # built: see full_parser
                found += _all_actions(sub)
    return found


def man(args: argparse.Namespace) -> int:
    from .. import __version__
    from .command_tree import full_parser
    from .manpage import render_man_page

    sys.stdout.write(render_man_page(full_parser(), __version__))
    return 0
