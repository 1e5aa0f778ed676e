"""The PDF tab shows the ATS check of the job's PDF: all found, or what is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ui_helpers import settle

from conftest import add_demo_job
from jobber_tui.core.resume.processing import process_job
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.screens.job_screen import JobScreen

pytestmark = pytest.mark.anyio
SIZE = (140, 40)
CORPUS = Path(__file__).parent.parent / "fixtures" / "resume_corpus"


def ready_job(home: Path, template: str) -> int:
    job_id = add_demo_job(home, template=template)
    ws = open_workspace(home)
    try:
        process_job(ws, job_id)
    finally:
        ws.close()
    return job_id


async def pdf_facts(home: Path, job_id: int) -> str:
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.push_screen(JobScreen(app.workspace, job_id))
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        return str(app.screen.query_one("#pdf-facts").render())


async def test_pdf_tab_says_every_string_was_found(job_home: Path) -> None:
    facts = await pdf_facts(job_home, ready_job(job_home, "classic"))
    assert "ATS check" in facts
    assert "strings found in order" in facts


async def test_pdf_tab_lists_what_the_pdf_lacks(job_home: Path) -> None:
    folder = job_home / "templates" / "bare"
    folder.mkdir(parents=True)
    (folder / "main.typ").write_text('#let data = json("data.json")\n#data.basics.name\n')
    shutil.copyfile(CORPUS / "sparse.json", job_home / "resume.json")
    facts = await pdf_facts(job_home, ready_job(job_home, "bare"))
    assert "strings missing" in facts
    assert "missing work[0].position: Baker" in facts
