"""Where Jobber keeps its files: one folder with --home/JOBBER_HOME, else the platform's dirs."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "jobber"
PACKAGE_DIR = Path(__file__).resolve().parents[2]


def _bundled(name: str) -> Path:
    """A folder shipped with Jobber: inside the package when installed, at the repo root in a checkout."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


BUNDLED_TEMPLATES = _bundled("resume_templates")
BUNDLED_THEMES = _bundled("themes")
BUNDLED_FONTS = _bundled("fonts")
"""Script fonts (Arabic, Hebrew, Devanagari, Thai) added to a compile only when a resume needs them."""


class Home:
    """The folders of one Jobber installation; tests and --demo use a throwaway one.

    Immutable, compared and hashed by its folders: a frozen dataclass would do, but importing
    `dataclasses` (and `inspect` with it) would make `jobber paths` twice as slow to start."""

    __slots__ = ("config_dir", "data_dir", "state_dir")
    config_dir: Path
    data_dir: Path
    state_dir: Path | None
    """Where logs go when the platform has a place for them (XDG_STATE_HOME on Linux); None: the data dir."""

    def __init__(self, config_dir: Path, data_dir: Path, state_dir: Path | None = None) -> None:
        for name, value in (("config_dir", config_dir), ("data_dir", data_dir), ("state_dir", state_dir)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Home is immutable; cannot set {name!r}")

    def _key(self) -> tuple[Path, Path, Path | None]:
        return (self.config_dir, self.data_dir, self.state_dir)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Home) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Home(config_dir={self.config_dir!r}, data_dir={self.data_dir!r}, state_dir={self.state_dir!r})"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def db_file(self) -> Path:
        return self.data_dir / "jobber.db"

    @property
    def resume_file(self) -> Path:
        return self.data_dir / "resume.json"

    @property
    def pdf_dir(self) -> Path:
        return self.data_dir / "pdfs"

    @property
    def log_dir(self) -> Path:
        return self.state_dir / "logs" if self.state_dir else self.data_dir / "logs"

    @property
    def templates_dir(self) -> Path:
        """User templates; a folder here overrides a bundled template of the same name."""
        return self.data_dir / "templates"

    @property
    def fonts_dir(self) -> Path:
        """Fonts the user adds for scripts neither the templates nor the machine cover."""
        return self.data_dir / "fonts"

    @property
    def themes_dir(self) -> Path:
        return self.config_dir / "themes"

    def stored_path(self, path: Path) -> str:
        """How a file under the home is recorded in the store: relative to the data folder, so a home
        copied or moved elsewhere keeps finding its PDFs."""
        try:
            return path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return str(path)

    def resolve_stored(self, stored: str | None) -> Path | None:
        """The file a stored path names (older stores hold absolute paths)."""
        if not stored:
            return None
        path = Path(stored)
        return path if path.is_absolute() else self.data_dir / path

    def ensure(self) -> Home:
        """Create the folders, owner-only (PDFs and logs hold personal data). On a read-only home
        whatever is missing stays missing: reads still work, writes say the home is read-only."""
        for folder in (self.config_dir, self.data_dir, self.pdf_dir, self.log_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError:
                continue
        for folder in (self.pdf_dir, self.log_dir):
            try:
                if folder.stat().st_mode & 0o077:
                    os.chmod(folder, 0o700)
            except OSError:
                pass
        return self


def resolve_home(home: str | os.PathLike[str] | None = None) -> Home:
    """--home wins, then JOBBER_HOME, then platformdirs (config and data apart)."""
    chosen = home or os.environ.get("JOBBER_HOME")
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return Home(config_dir=root, data_dir=root)
    import platformdirs

    return Home(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME)),
        state_dir=Path(platformdirs.user_state_dir(APP_NAME)),
    )


def display_path(path: os.PathLike[str] | str) -> str:
    """A path as people read it: under the user's home it starts with `~`, so messages stay short
    and read the same on every machine (and in every test's temp folder)."""
    text = os.fspath(path)
    user_home = os.path.expanduser("~")
    if user_home not in ("", "/") and (text == user_home or text.startswith(user_home.rstrip("/") + "/")):
        return "~" + text[len(user_home.rstrip("/")) :]
    return text


def atomic_write(path: Path, data: bytes, mode: int | None = None, *, durable: bool = True) -> None:
    """Write via a temp file in the same folder and rename, so readers never see half a file.

    `durable` also fsyncs before the rename; outputs that can be rebuilt (PDFs) skip it. A symlink
    (a config.toml kept with the dotfiles) is written through, not replaced; without `mode` an
    existing file keeps its permissions.
    """
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None and path.exists():
        mode = path.stat().st_mode & 0o777
    # Unique per call: two threads of one process (the watcher and a UI worker) may write one PDF at once.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        with open(tmp, "xb") as handle:
            if mode is not None:
                os.chmod(tmp, mode)
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
