"""Tab completion for fish, written from the argument parser (`jobber completion fish`).

shtab writes the bash and zsh scripts but has no fish; fish's `complete` is simple enough to write
from the command tree: sub-commands at each level, then each command's options with their help,
their choices, and files where an argument names a file.
"""

from __future__ import annotations

import argparse

from .command_tree import Argument, command_tree

HEADER = """\
# fish completion for jobber, written from its argument parser by `jobber completion fish`.
# Install: jobber completion fish > ~/.config/fish/completions/jobber.fish

function __jobber_path --description 'the sub-commands typed so far, e.g. "jobs add"'
    set -l path
    for word in (commandline -opc)[2..-1]
        string match -q -- '-*' $word; and continue
        if contains -- (string join -- ' ' $path $word) $__jobber_commands
            set path $path $word
        end
    end
    string join -- ' ' $path
end

function __jobber_at --description 'true when the sub-commands typed so far are exactly $argv[1]'
    set -l here (__jobber_path)
    test "$here" = "$argv[1]"
end

complete -c jobber -f
"""


def render_fish(parser: argparse.ArgumentParser, file_dests: frozenset[str], dir_dests: frozenset[str]) -> str:
    """The script. `file_dests`/`dir_dests` name the arguments (by dest) whose values are files/folders."""
    tree = command_tree(parser)
    known = " ".join(_quote(" ".join(c.path)) for c in tree.walk() if c.path)
    lines = [HEADER, f"set -g __jobber_commands {known}", ""]
    for command in tree.walk():
        condition = f"-n '__jobber_at \"{' '.join(command.path)}\"'"  # command words are plain: no quoting needed
        for child in command.children:
            word, text = _quote(child.path[-1]), _quote(_short(child.summary))
            lines.append(f"complete -c jobber {condition} -a {word} -d {text}")
        for argument in command.arguments:
            line = _argument_line(condition, argument, file_dests, dir_dests)
            if line:
                lines.append(line)
    return "\n".join(lines) + "\n"


def _argument_line(
    condition: str, argument: Argument, file_dests: frozenset[str], dir_dests: frozenset[str]
) -> str | None:
    if argument.is_positional:
        if argument.choices:
            return f"complete -c jobber {condition} -a {_quote(' '.join(argument.choices))}"
        if argument.dest in file_dests | dir_dests:
            return f"complete -c jobber {condition} -F"
        return None  # free text or an id: nothing to offer
    spec = " ".join(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}" for flag in argument.flags)
    if argument.takes_value:
        if argument.choices:
            spec += f" -x -a {_quote(' '.join(argument.choices))}"
        elif argument.dest in dir_dests:
            spec += " -x -a '(__fish_complete_directories)'"
        elif argument.dest in file_dests:
            spec += " -r -F"
        else:
            spec += " -x"
    return f"complete -c jobber {condition} {spec} -d {_quote(_short(argument.help))}"


def _short(text: str) -> str:
    """fish shows descriptions in one narrow column: the first 70 characters are enough."""
    return text if len(text) <= 70 else text[:67].rsplit(" ", 1)[0] + "..."


def _quote(text: str) -> str:
    """A fish single-quoted string: only \\ and ' are special inside."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
