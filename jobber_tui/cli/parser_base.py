"""The parser's building blocks: lazy sub-commands, one-line usage errors, checked numbers, `handler`.

Shared by parser.py and the parser files of each domain (discovery_parser.py, tracking_parser.py,
upkeep_parser.py); standard library only, like everything `jobber --help` loads.
"""

from __future__ import annotations

import argparse
import sys

from .. import __version__

TYPE_CHECKING = False  # not typing's, which costs more to import than the rest of `jobber --version`
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn

    Handler = Callable[[argparse.Namespace], int | None]
    Builder = Callable[["_Parser"], None]


def handler(module: str, name: str) -> Handler:
    """The function `name` of `jobber_tui.cli.<module>`, imported when the command runs."""

    def run(args: argparse.Namespace) -> int | None:
        from importlib import import_module

        command: Handler = getattr(import_module(f"jobber_tui.cli.{module}"), name)
        return command(args)

    run.__qualname__ = run.__name__ = name
    return run


class _Parser(argparse.ArgumentParser):
    """Bad usage is one clear line on stderr and exit code 2, never a wall of usage.

    A command's sub-commands are added when it is first used (`build`, `later`), and each sub-command's
    parser is made only when it is chosen (see `_Deferred`): `jobber jobs show 5` makes four parsers, not
    sixty, and each would ask gettext for its titles.
    """

    def __init__(self, *args: Any, build: Builder | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._builders: list[Builder] = [build] if build else []
        self.commands: Any = None
        """The action holding this command's sub-commands, once built (modules add theirs to it)."""

    def later(self, build: Builder) -> None:
        """Run `build(self)` when this parser is first used, after the builders given before it."""
        self._builders.append(build)

    def add_commands(self, *, title: str, metavar: str) -> Any:
        """The sub-commands action, each sub-command's parser made when it is chosen."""
        # `prog` given: argparse would otherwise build a help formatter (and import shutil) to find it.
        return self.add_subparsers(title=title, metavar=metavar, prog=self.prog, parser_class=_Deferred)

    def _build(self) -> None:
        while self._builders:
            self._builders.pop(0)(self)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._build()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._build()
        return super().format_usage()

    def format_help(self) -> str:
        self._build()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        print(f"jobber: error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        sys.exit(2)


class _AnyOrderParser(_Parser):
    """Options and words in any order: `ghostwriter 3 --action answer "Why Go?"` as well as
    `ghostwriter --action answer 3 "Why Go?"` (plain argparse stops taking positionals after an option)."""

    _inside = False

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if self._inside:  # parse_known_intermixed_args calls back in here
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the width (argparse makes one for every argument added, and asks
    shutil for the width, whose import loads three compression modules)."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        if width is None:
            from .terminal import terminal_columns

            width = terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Version(argparse.Action):
    """`--version`, printed as is (argparse's own builds a help formatter, which imports shutil)."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: Any = None) -> None:
        print(f"jobber {__version__}")
        parser.exit()


class _Deferred:
    """A sub-command's parser, made when argparse hands it the command line (or anything asks for more
    than what is recorded): argparse's sub-commands action stores whatever its `parser_class` returns."""

    _RECORDED = ("add_argument", "set_defaults", "later")

    def __init__(self, *, parser_class: type[_Parser] | None = None, **kwargs: Any) -> None:
        self._class = parser_class or _Parser
        """`add_parser(..., parser_class=_AnyOrderParser)` picks another class for one sub-command."""
        self._kwargs = kwargs
        self._calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self._parser: _Parser | None = None

    def __getattr__(self, name: str) -> Any:
        if name in _Deferred._RECORDED and self._parser is None:
            return lambda *args, **kwargs: self._calls.append((name, args, kwargs))
        return getattr(self.made(), name)

    def made(self) -> _Parser:
        if self._parser is None:
            self._parser = self._class(**self._kwargs)
            for name, args, kwargs in self._calls:
                getattr(self._parser, name)(*args, **kwargs)
        return self._parser

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        return self.made().parse_known_args(args, namespace)


MAX_ID = 2**63 - 1
"""SQLite's largest integer: a bigger number is no id (and would crash the query)."""


def whole_number(value: str, *, low: int = 0, what: str = "a whole number") -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {what}, got {value!r}") from None
    if number < low:
        raise argparse.ArgumentTypeError(f"expected {what}, got {number}")
    if number > MAX_ID:
        raise argparse.ArgumentTypeError(f"{value} is too large")
    return number


def job_id(value: str) -> int:
    return whole_number(value, low=1, what="a job id (a positive number)")


def common_options() -> _Parser:
    """--home and --debug, accepted before or after any command."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--home", metavar="DIR", default=argparse.SUPPRESS, help="keep everything under DIR (also: env JOBBER_HOME)"
    )
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on errors")
    return common


def add_group(
    sub: Any,
    name: str,
    *,
    help: str,
    title: str,
    metavar: str,
    common: argparse.ArgumentParser,
    build: Callable[[Any], None],
) -> _Parser:
    """A command with sub-commands (`jobber jobs ACTION`): `build(actions)` adds them when it is first used.
    Bare, the command prints its help."""

    def build_group(parser: _Parser) -> None:
        parser.commands = parser.add_commands(title=title, metavar=metavar)
        build(parser.commands)

    parser: _Parser = sub.add_parser(name, help=help, parents=[common], build=build_group)
    parser.set_defaults(run=lambda _args: parser.print_help())
    return parser
