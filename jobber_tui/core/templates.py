"""Resume templates: folders with main.typ; user ones under the home override bundled ones."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInput
from .paths import BUNDLED_TEMPLATES, Home


@dataclass(frozen=True)
class Template:
    name: str
    folder: Path
    origin: str
    """"bundled" or "user"."""
    description: str = ""
    kind: str = "resume"
    """"resume" or "cover-letter" (from template.toml); each kind is offered only where it fits."""

    @property
    def main(self) -> Path:
        return self.folder / "main.typ"

    @property
    def fonts(self) -> Path:
        return self.folder / "fonts"


def _scan(folder: Path, origin: str) -> dict[str, Template]:
    found: dict[str, Template] = {}
    if not folder.is_dir():
        return found
    for child in sorted(folder.iterdir()):
        if child.is_dir() and (child / "main.typ").is_file():
            description, kind = _meta(child)
            found[child.name] = Template(child.name, child, origin, description, kind)
    return found


def _meta(folder: Path) -> tuple[str, str]:
    meta = folder / "template.toml"
    if not meta.is_file():
        return "", "resume"
    try:
        data = tomllib.loads(meta.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        return f"(template.toml unreadable: {exc})", "resume"
    return str(data.get("description", "")), str(data.get("kind", "resume"))


def list_templates(home: Home, kind: str = "resume") -> list[Template]:
    """Bundled templates, with user templates of the same name taking their place."""
    merged = _scan(BUNDLED_TEMPLATES, "bundled")
    merged.update(_scan(home.templates_dir, "user"))
    return [merged[name] for name in sorted(merged) if merged[name].kind == kind]


def find_template(home: Home, name: str, kind: str = "resume") -> Template:
    for template in list_templates(home, kind):
        if template.name == name:
            return template
    names = ", ".join(t.name for t in list_templates(home, kind)) or "none"
    raise BadInput(f"unknown {kind} template {name!r}; available: {names}")
