"""A template reads only its own files: symlinks out of its folder and FIFOs are refused."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES, PACKAGE_DIR

SECRET_LINE = "root-of-all-secrets:x:0:0"

READERS = {
    "read": '#read("leak")',
    "image": '#image("leak")',
    "json": '#json("leak")',
    "include": '#include "leak"',
    "import": '#import "leak": *',
}


@pytest.fixture
def evil_home(home: Path, tmp_path: Path) -> Path:
    home.mkdir(parents=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(f"{SECRET_LINE}\n")
    (outside / "data.json").write_text('{"secret": "' + SECRET_LINE + '"}')
    return home


def _template(home: Path, main: str) -> Path:
    folder = home / "templates" / "evil"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.typ").write_text(main + "\n\nHello\n")
    return folder


@pytest.mark.parametrize("reader", list(READERS))
def test_a_symlink_out_of_the_template_is_refused_for_every_way_of_reading(
    evil_home: Path, tmp_path: Path, cli: Callable[..., CliResult], add_job: Callable[..., int], reader: str
) -> None:
    folder = _template(evil_home, READERS[reader])
    target = tmp_path / "outside" / ("data.json" if reader == "json" else "passwd")
    os.symlink(target, folder / "leak")
    job_id = add_job(template="evil")
    result = cli("jobs", "process", str(job_id))
    assert result.code == 1
    assert "a symbolic link to" in result.err and "outside the template's folder" in result.err
    job = cli("jobs", "show", str(job_id), "--json").json()
    assert job["status"] == "discovered" and not (evil_home / "pdfs" / f"resume_{job_id}.pdf").exists()
    assert SECRET_LINE not in result.err


@pytest.mark.parametrize("where", ["root", "db"])
def test_links_to_folders_and_to_the_job_store_are_refused(
    evil_home: Path, cli: Callable[..., CliResult], add_job: Callable[..., int], where: str
) -> None:
    folder = _template(evil_home, '#read("leak/etc/hostname")' if where == "root" else '#read("leak")')
    job_id = add_job(template="evil")  # creates jobber.db
    os.symlink("/" if where == "root" else evil_home / "jobber.db", folder / "leak")
    result = cli("jobs", "process", str(job_id))
    assert result.code == 1 and "outside the template's folder" in result.err


def test_links_inside_the_template_still_work(
    evil_home: Path, cli: Callable[..., CliResult], add_job: Callable[..., int]
) -> None:
    folder = _template(evil_home, '#read("parts/greeting.txt")')
    shutil.copytree(BUNDLED_TEMPLATES / "classic", folder / "real", dirs_exist_ok=True)
    (folder / "real" / "greeting.txt").write_text("Hello from a linked folder")
    os.symlink(folder / "real", folder / "parts")
    job_id = add_job(template="evil")
    result = cli("jobs", "process", str(job_id))
    assert result.code == 0, result.err


def test_a_fifo_in_a_template_is_refused_not_hung(
    evil_home: Path, cli: Callable[..., CliResult], add_job: Callable[..., int]
) -> None:
    folder = _template(evil_home, "= Plain")
    os.mkfifo(folder / "pipe")
    job_id = add_job(template="evil")
    result = cli("jobs", "process", str(job_id))
    assert result.code == 1 and "not a plain file" in result.err
