"""The docs' screenshots are the UI snapshot tests' own SVGs: python docs/make_screenshots.py [--check]

tests/ui/test_screens_snapshots.py draws every screen on fixed data and a fixed clock, and its SVGs are
checked on every test run; copying them (dark theme, 120x34) means the pictures in the docs are always
the screens the tests saw. After `pytest tests/ui/test_screens_snapshots.py --snapshot-update`, run this.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
SNAPSHOTS = DOCS.parent / "tests" / "ui" / "__snapshots__" / "test_screens_snapshots"
SHOTS = DOCS / "screenshots"
SCREENS = (
    "queues",
    "queues-search",
    "job-description",
    "job-tailor",
    "job-pdf",
    "job-timeline",
    "job-fields",
    "overview",
    "add-job",
    "base-resume",
    "bulk-progress",
    "review",
    "help",
)
"""The screens the docs show (test ids of test_screens_snapshots.py)."""


def wanted() -> dict[Path, bytes]:
    """docs/screenshots/NAME.svg -> the snapshot's bytes."""
    return {
        SHOTS / f"{name}.svg": (SNAPSHOTS / f"test_screen[{name}-jobber-dark-120x34].svg").read_bytes()
        for name in SCREENS
    }


def main(argv: list[str]) -> int:
    stale = {path: data for path, data in wanted().items() if not path.is_file() or path.read_bytes() != data}
    if "--check" in argv:
        print("stale: " + (", ".join(p.name for p in stale) or "none"))
        return 1 if stale else 0
    SHOTS.mkdir(exist_ok=True)
    for path, data in stale.items():
        path.write_bytes(data)
    print(f"copied {len(stale)} of {len(SCREENS)} screenshots to {SHOTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
