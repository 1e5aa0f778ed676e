"""Fit: a resume a little too long is tightened onto its pages; one that cannot fit says so."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pdf_text import pdf_pages

from conftest import CliResult
from jobber_tui.core.resume.pdf_text import read_pdf_text

Cli = Callable[..., CliResult]
CORPUS = Path(__file__).parent / "fixtures" / "resume_corpus"


def _finalize(cli: Cli, name: str, template: str, config: str = "") -> dict:
    assert cli("resume", "import", str(CORPUS / name)).code == 0
    added = cli(
        "jobs", "add", "--ids", "--data", json.dumps({"title": "Engineer", "employer": "Acme", "template": template})
    )
    job_id = added.out.split()[0]
    result = cli("jobs", "process", job_id)
    assert result.code == 0, result.err
    return cli("jobs", "show", job_id, "--json").json()


def _events(job: dict, kind: str) -> list[str]:
    return [e["detail"] for e in job["events"] if e["kind"] == kind]


@pytest.mark.parametrize(("template", "steps"), [("classic", 3), ("modern", 1)])
def test_a_few_lines_too_long_is_tightened_onto_one_page(cli: Cli, home: Path, template: str, steps: int) -> None:
    job = _finalize(cli, "slightly_long.json", template)
    assert pdf_pages(job["pdfPath"]) == 1 and job["pdf"]["pages"] == 1
    assert f"tightened {steps} step" in _events(job, "pdf_ok")[0]
    assert _events(job, "warning") == []


@pytest.mark.parametrize("template", ["classic", "modern"])
def test_too_long_for_one_page_says_what_spilled_over(cli: Cli, home: Path, template: str) -> None:
    job = _finalize(cli, "two_page_career.json", template)
    (warning,) = _events(job, "warning")
    assert warning.startswith("PDF does not fit on 1 page even at the tightest spacing: 2 pages; page 2 holds: ")
    assert "Education" in warning and "References" in warning
    pages = read_pdf_text(Path(job["pdfPath"]).read_bytes()).pages
    assert len(pages) == 2 and any(line.casefold() == "references" for line in pages[1].lines)
    assert pages[1].bottom > 0.25  # the last page is not nearly empty


@pytest.mark.parametrize(("pages", "expected"), [(2, 2), ('"auto"', 2)])
def test_two_pages_or_auto_take_what_they_need_without_warning(
    cli: Cli, home: Path, pages: object, expected: int
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f"[templates.classic]\npages = {pages}\n")
    job = _finalize(cli, "two_page_career.json", "classic")
    assert job["pdf"]["pages"] == expected and _events(job, "warning") == []
    assert job["pdf"]["pagesWanted"] == (2 if pages == 2 else None)


def test_auto_still_pulls_back_a_nearly_empty_last_page(cli: Cli, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[templates.modern]\npages = "auto"\n')
    job = _finalize(cli, "slightly_long.json", "modern")
    assert job["pdf"]["pages"] == 1 and "tightened 1 step" in _events(job, "pdf_ok")[0]


def test_changing_the_page_setting_makes_the_pdf_stale(cli: Cli, home: Path) -> None:
    job = _finalize(cli, "sparse.json", "classic")
    assert job["pdf"]["state"] == "current"
    (home / "config.toml").write_text("[templates.classic]\npages = 2\n")
    assert cli("jobs", "show", str(job["id"]), "--json").json()["pdf"]["state"] == "stale"


@pytest.mark.parametrize("value", ["3", '"one"', "true", "[1]"])
def test_a_bad_page_setting_is_refused_by_name(cli: Cli, home: Path, value: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f"[templates.classic]\npages = {value}\n")
    result = cli("jobs", "list")
    assert result.code == 2
    assert 'config.toml:2: [templates.classic] pages must be 1, 2 or "auto"' in result.err
