"""The parser read back as plain data: every command with its help, usage and arguments.

The man page, the fish completion and the docs' CLI reference are written from this, so none of them
can drift from what `jobber --help` says. argparse keeps sub-commands and their help in private
attributes (`_actions`, `_choices_actions`); this is the one module that reads them.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Argument:
    """One option or positional of a command, as `--help` shows it."""

    flags: tuple[str, ...]
    """`("--status",)`; empty for a positional."""
    dest: str
    """Where argparse stores it (`text_file` for `--text-file`)."""
    name: str
    """What stands for its value in usage lines: the metavar, else the dest (`ID`, `JSON`, `path`)."""
    help: str
    takes_value: bool
    """False for switches such as `--json` or `--dry-run`."""
    choices: tuple[str, ...] = ()
    required: bool = False
    many: bool = False
    """Takes several values (`ID [ID...]`) or may be repeated (`--include WORD` again and again)."""

    @property
    def is_positional(self) -> bool:
        return not self.flags


@dataclass(frozen=True)
class Command:
    """`jobber` itself or one of its sub-commands, down to the leaves (`jobber jobs add`)."""

    path: tuple[str, ...]
    """`()` for `jobber`, `("jobs", "add")` for `jobber jobs add`."""
    summary: str
    """The one line the parent's `--help` shows for it."""
    description: str
    epilog: str
    usage: str
    """The usage line without its `usage: ` prefix."""
    arguments: tuple[Argument, ...]
    children: tuple[Command, ...] = field(default=())

    @property
    def name(self) -> str:
        return " ".join(("jobber", *self.path))

    def walk(self) -> Iterator[Command]:
        """This command, then every command below it, depth first in the order `--help` lists them."""
        yield self
        for child in self.children:
            yield from child.walk()


def full_parser() -> argparse.ArgumentParser:
    """`build_parser()` with every sub-command's parser made and built.

    The parser is lazy (see parser.py): sub-commands are added when their command is used, and each
    sub-command's parser is a `_Deferred` stand-in until chosen. Completion, the man page and the docs
    walk the whole tree, so they force it all here, and put the real parsers into argparse's `choices`
    (shtab reads them there)."""
    from .parser import build_parser

    parser = build_parser()
    force_built(parser)
    return parser


def force_built(parser: argparse.ArgumentParser) -> None:
    """Make and build every parser under `parser`, in place."""
    from .parser_base import _Deferred, _Parser

    if isinstance(parser, _Parser):
        parser._build()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            made: dict[int, argparse.ArgumentParser] = {}
            for word, sub in list(action.choices.items()):
                if id(sub) not in made:  # aliases share one parser
                    made[id(sub)] = sub.made() if isinstance(sub, _Deferred) else sub
                    force_built(made[id(sub)])
                action.choices[word] = made[id(sub)]


def command_tree(parser: argparse.ArgumentParser, path: tuple[str, ...] = (), summary: str = "") -> Command:
    """The whole tree under `parser` (pass `full_parser()`). Hidden options (help=SUPPRESS), `--help`
    and `--version` are left out; sub-commands without a help line are hidden ones and left out too."""
    arguments: list[Argument] = []
    children: list[Command] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            seen: set[int] = set()
            for word, sub in action.choices.items():
                if word not in helps or id(sub) in seen:  # hidden, or an alias of one already listed
                    continue
                seen.add(id(sub))
                children.append(command_tree(sub, (*path, word), helps[word]))
            continue
        if action.help == argparse.SUPPRESS or isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            continue
        arguments.append(_argument(action))
    usage = parser.format_usage().strip()
    return Command(
        path=path,
        summary=summary,
        description=parser.description or "",
        epilog=parser.epilog or "",
        usage=usage.removeprefix("usage: "),
        arguments=tuple(arguments),
        children=tuple(children),
    )


def _argument(action: argparse.Action) -> Argument:
    takes_value = action.nargs != 0
    metavar = action.metavar if isinstance(action.metavar, str) else None
    name = metavar or (action.dest.upper() if action.option_strings else action.dest)
    many = action.nargs in ("*", "+", argparse.REMAINDER) or isinstance(action, argparse._AppendAction)
    choices = tuple(str(c) for c in action.choices) if action.choices else ()
    return Argument(
        flags=tuple(action.option_strings),
        dest=action.dest,
        name=name,
        help=_help_text(action),
        takes_value=takes_value,
        choices=choices,
        required=bool(action.required),
        many=many,
    )


def _help_text(action: argparse.Action) -> str:
    text = action.help or ""
    if "%(" in text:  # argparse's own placeholders, e.g. %(default)s
        text = text % {**vars(action), "prog": "jobber"}
    return " ".join(text.split())
