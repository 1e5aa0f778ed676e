"""Regenerate the README's screenshots (SVG) from the demo data: python docs/make_screenshots.py"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import datetime
from pathlib import Path

from jobber_tui.core.demo import create_demo_home
from jobber_tui.ui import build_app

HERE = Path(__file__).parent


async def main() -> None:
    home = create_demo_home(Path(tempfile.mkdtemp(prefix="jobber-shots-")))
    app = build_app(home, clock=lambda: datetime(2026, 11, 29, 9, 30).astimezone())
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause(0.5)
        app.save_screenshot(str(HERE / "queues.svg"))
        await pilot.press("enter")
        await pilot.pause(0.8)
        await pilot.press("2")
        await pilot.pause(0.8)
        app.save_screenshot(str(HERE / "tailor.svg"))
        await pilot.press("escape", "escape", "O")
        await pilot.pause(0.8)
        app.save_screenshot(str(HERE / "overview.svg"))


if __name__ == "__main__":
    asyncio.run(main())
