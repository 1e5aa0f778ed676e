"""jobber(1): the man page, written from the argument parser (`jobber man`, and the docs build).

Plain man(7) macros, which groff, mandoc and man-db all read. No date in the page: the same version
gives the same bytes, so a packaged copy never differs from `jobber man` for no reason.
"""

from __future__ import annotations

import argparse

from .command_tree import Argument, Command, command_tree

GLOBAL_FLAGS = {"--home", "--debug"}
"""Options every command takes (the parser's `common` parent): described once, under OPTIONS."""

ENVIRONMENT = (
    ("JOBBER_HOME", "Keep everything under this folder (as --home)."),
    ("EDITOR, VISUAL", "The editor `e` opens in the UI; else sensible-editor, nano or vi, whichever is installed."),
    ("JOBBER_<KIND>_BASE_URL", "Another address for a job board or search provider, e.g. JOBBER_GREENHOUSE_BASE_URL."),
    (
        "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME",
        "Where config.toml, the data and the log live when no home is given.",
    ),
)
"""Variables Jobber reads besides the ones config.toml names (api_key_env, password_env, secret_env)."""

EXIT_STATUS = (
    ("0", "Success."),
    ("1", "An operation failed (a PDF that did not compile, a board that failed, an unreachable server)."),
    ("2", "Bad input: an unknown id, a refused move, malformed JSON or CSV, an unknown option."),
    ("130", "Interrupted (Ctrl-C); every job is left in a valid state."),
)


def render_man_page(parser: argparse.ArgumentParser, version: str) -> str:
    """The whole page as roff source."""
    tree = command_tree(parser)
    out = [
        f'.TH JOBBER 1 "" "jobber {_text(version)}" "User Commands"',
        ".SH NAME",
        rf"jobber \- {_text(_first_lower(tree.description or 'run your job search from the terminal'))}",
        ".SH SYNOPSIS",
        r".B jobber",
        r"[\fB\-\-home\fR \fIDIR\fR] [\fB\-\-debug\fR] [\fB\-\-demo\fR]",
        ".br",
        r".B jobber",
        r"\fICOMMAND\fR [\fIACTION\fR] [\fIOPTIONS\fR]",
        ".SH DESCRIPTION",
        _paragraph(
            "A keyboard-driven terminal app for running a job search end to end. Without a command, jobber "
            "opens the terminal UI on your home; every command below works without it, for scripts and cron."
        ),
        ".SH OPTIONS",
        *_arguments(tree.arguments, keep_global=True),
        ".SH COMMANDS",
    ]
    for command in list(tree.walk())[1:]:
        out += _command(command)
    out += [".SH ENVIRONMENT"]
    for name, text in ENVIRONMENT:
        out += [".TP", rf"\fB{_text(name)}\fR", _text(text)]
    out += [".SH FILES"]
    out += [
        ".TP",
        r"\fIconfig.toml\fR",
        _text("Settings (in ~/.config/jobber, or the home given)."),
        ".TP",
        r"\fIjobber.db\fR",
        _text("The job store (SQLite), in ~/.local/share/jobber or the home."),
        ".TP",
        r"\fIresume.json\fR",
        _text("Your base resume (JSON Resume)."),
        ".TP",
        r"\fIpdfs/\fR",
        _text("The generated PDFs."),
        ".PP",
        _text("`jobber paths` prints where each one is."),
    ]
    out += [".SH EXIT STATUS"]
    for code, text in EXIT_STATUS:
        out += [".TP", rf"\fB{code}\fR", _text(text)]
    out += [".SH SEE ALSO", _text("The full documentation: https://jobber-tui.github.io/jobber/")]
    return "\n".join(out) + "\n"


def _command(command: Command) -> list[str]:
    lines = [".SS " + _quoted(command.name)]
    if command.summary:
        lines.append(_paragraph(_first_upper(command.summary)))
    if command.children:
        lines.append(_paragraph("Actions: " + ", ".join(c.path[-1] for c in command.children) + "."))
        return lines
    lines += [".PP", r".nf", _text("usage: " + command.usage), r".fi"]
    lines += _arguments(command.arguments, keep_global=False)
    if command.epilog:
        lines += [".PP", ".nf", *(_text(line) for line in command.epilog.splitlines()), ".fi"]
    return lines


def _arguments(arguments: tuple[Argument, ...], *, keep_global: bool) -> list[str]:
    lines: list[str] = []
    for argument in arguments:
        if not keep_global and set(argument.flags) & GLOBAL_FLAGS:
            continue
        lines += [".TP", _term(argument), _text(argument.help or "(no description)")]
    return lines


def _term(argument: Argument) -> str:
    if argument.is_positional:
        return rf"\fI{_text(argument.name)}\fR" + (r"\ ..." if argument.many else "")
    flags = ", ".join(rf"\fB{_text(flag)}\fR" for flag in argument.flags)
    if not argument.takes_value:
        return flags
    value = "{" + ",".join(argument.choices) + "}" if argument.choices else argument.name
    return rf"{flags} \fI{_text(value)}\fR"


def _paragraph(text: str) -> str:
    return ".PP\n" + _text(text)


def _quoted(text: str) -> str:
    return '"' + _text(text).replace('"', r"\(dq") + '"'


def _text(text: str) -> str:
    """Text that roff prints as written: backslashes and hyphens escaped, no line read as a request."""
    escaped = text.replace("\\", r"\e").replace("-", r"\-")
    return "\n".join(r"\&" + line if line[:1] in (".", "'") else line for line in escaped.splitlines())


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")
