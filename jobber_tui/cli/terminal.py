"""The terminal's width, as shutil.get_terminal_size finds it, without importing shutil (which loads
the zlib, bz2 and lzma modules for its archive functions: a few ms on every start)."""

from __future__ import annotations

import os
import sys


def terminal_columns(fallback: int = 80) -> int:
    """COLUMNS if set, else the width of the terminal on stdout, else `fallback`."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            stdout = sys.__stdout__  # None without a console (pythonw)
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout is not None else 0
        except (ValueError, OSError):
            columns = 0
    return columns or fallback
