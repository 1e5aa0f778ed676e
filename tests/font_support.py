"""Which fonts this machine has: CJK resumes need Debian's fonts-noto-cjk (installed by .ci/run)."""

from __future__ import annotations

import functools
import os

import pytest


@functools.cache
def system_families() -> frozenset[str]:
    import typst

    return frozenset(typst.Fonts(include_system_fonts=True, include_embedded_fonts=False).families())


def need_families(*families: str) -> None:
    """Skip on a developer machine without these fonts; fail in CI, where .ci/run installs them."""
    missing = [f for f in families if f not in system_families()]
    if not missing:
        return
    message = f"fonts not installed: {', '.join(missing)} (apt-get install fonts-noto-cjk fonts-noto-core)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


CJK_FILES = {
    "japanese_ja.json": "Noto Sans CJK JP",
    "chinese_simplified_rxresume_v5.json": "Noto Sans CJK SC",
    "chinese_traditional_zh_tw.json": "Noto Sans CJK TC",
    "korean_ko.json": "Noto Sans CJK KR",
}
"""Corpus files that need a system CJK font (the other scripts use Jobber's bundled fonts)."""
