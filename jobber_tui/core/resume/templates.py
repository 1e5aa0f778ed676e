"""Resume templates: folders with main.typ; user ones under the home override bundled ones."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..infra.errors import BadInput
from ..infra.paths import BUNDLED_TEMPLATES, Home


@dataclass(frozen=True)
class Template:
    name: str
    folder: Path
    origin: str
    """"bundled" or "user"."""
    description: str = ""
    kind: str = "resume"
    """"resume" or "cover-letter" (from template.toml); each kind is offered only where it fits."""
    script_fonts: str = "sans"
    """"serif" or "sans": the style of the fonts Jobber adds for scripts the template's fonts lack."""
    fit_levels: int = 0
    """How many steps of tightening (`meta.fit` 1..N) the template understands to fit its pages."""

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
            found[child.name] = Template(child.name, child, origin, **_meta(child))
    return found


def _meta(folder: Path) -> dict[str, object]:
    meta = folder / "template.toml"
    if not meta.is_file():
        return {}
    try:
        data = tomllib.loads(meta.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        return {"description": f"(template.toml unreadable: {exc})"}
    style = data.get("script-fonts")
    levels = data.get("fit-levels")
    return {
        "description": str(data.get("description", "")),
        "kind": str(data.get("kind", "resume")),
        "script_fonts": style if style in ("serif", "sans") else "sans",
        "fit_levels": min(levels, 8) if isinstance(levels, int) and not isinstance(levels, bool) and levels > 0 else 0,
    }


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
