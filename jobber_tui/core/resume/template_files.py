"""The files of a template, walked safely: a template may read only what lies inside its folder.

Typst keeps `read`, `image`, `json`, `include` and `import` inside the compiler's root, but follows
symbolic links there: `ln -s /etc/passwd leak` in a template folder, and `#read("leak")` put the
file into the PDF. Templates are shared through git, which keeps symlinks, so every entry of a
template folder is checked before each compile (the same walk that fingerprints the files): a link
whose real path leaves the folder is refused, and so is anything that is not a plain file or
folder (a FIFO would hang the build, a device would never end).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..infra.errors import OperationFailed
from ..infra.paths import display_path


class UnsafeTemplate(OperationFailed):
    """A template folder holds a link out of it, or a file that is not a plain file."""


def template_files(folder: Path) -> list[Path]:
    """Every plain file of the template (hidden ones skipped); raises UnsafeTemplate."""
    root = folder.resolve()
    found: list[Path] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in list(dirs):
            if name.startswith("."):
                dirs.remove(name)
                continue
            path = Path(current, name)
            if path.is_symlink():
                _check_link(path, root)
                dirs.remove(name)  # it leads inside the folder, whose files this walk visits anyway
        for name in files:
            if name.startswith("."):
                continue
            path = Path(current, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                _check_link(path, root)
                mode = path.stat().st_mode
            if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
                raise UnsafeTemplate(
                    f"{display_path(path)}: not a plain file (a pipe, socket or device); "
                    "a template may hold only files and folders"
                )
            if stat.S_ISREG(mode):
                found.append(path)
    return found


def _check_link(path: Path, root: Path) -> None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise UnsafeTemplate(f"{display_path(path)}: a symbolic link that leads nowhere (or in a loop)") from None
    if not target.is_relative_to(root):
        raise UnsafeTemplate(
            f"{display_path(path)}: a symbolic link to {display_path(target)}, outside the "
            "template's folder; templates may only read their own files"
        )
