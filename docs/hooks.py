"""mkdocs hooks (mkdocs.yml `hooks:`): the reference pages are rewritten from the code before every build,
and the resume templates' README (the one text of the data contract) and the CHANGELOG become pages.

A reference page that was stale is rewritten and reported as a warning, so `mkdocs build --strict` fails
on it (commit the rewritten page) while `mkdocs serve` just shows the fresh one.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.jobber")

_spec = importlib.util.spec_from_file_location("gen_reference", Path(__file__).with_name("gen_reference.py"))
assert _spec and _spec.loader
gen_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_reference)

INCLUDED = {"template-contract.md": ROOT / "resume_templates" / "README.md", "changelog.md": ROOT / "CHANGELOG.md"}
"""Pages of the site whose text lives beside what it describes."""


def on_pre_build(config: Any) -> None:
    stale = gen_reference.stale_pages()
    gen_reference.write_pages(stale)
    for path in stale:
        log.warning("%s was stale and has been rewritten from the code: commit it", path.relative_to(ROOT))


def on_files(files: Files, config: Any) -> Files:
    for name, source in INCLUDED.items():
        files.append(File.generated(config, name, content=source.read_text(encoding="utf-8")))
    return files
