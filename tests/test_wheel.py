"""The package as a user gets it (issue 19): a wheel built from the checkout carries the one version, the
license, the type marker and every bundled template, theme and font, and installed into a fresh virtual
environment (as `pipx install .` and `uv tool install .` do) it gives a working `jobber`."""

from __future__ import annotations

import email.parser
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import jobber_tui

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip wheel` of the checkout, as pipx and uv build it (isolated build, setuptools from the index)."""
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    (found,) = out.glob("jobber_tui-*.whl")
    return found


def test_the_wheel_carries_the_one_version_the_license_and_its_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        info = f"jobber_tui-{jobber_tui.__version__}.dist-info"
        meta = email.parser.Parser().parsestr(z.read(f"{info}/METADATA").decode())
        license_text = z.read(f"{info}/licenses/LICENSE").decode()
    assert wheel.name == f"jobber_tui-{jobber_tui.__version__}-py3-none-any.whl"
    assert meta["Version"] == jobber_tui.__version__
    assert meta["License-Expression"] == "MIT"
    assert license_text.startswith("MIT License") and license_text == (ROOT / "LICENSE").read_text()
    assert "Programming Language :: Python :: 3.11" in meta.get_all("Classifier", [])
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL", []))
    assert {"Homepage", "Documentation", "Repository", "Issues", "Changelog"} <= set(urls)
    assert "shtab" in " ".join(meta.get_all("Requires-Dist", []))
    assert "jobber_tui/py.typed" in names


def test_the_wheel_carries_every_bundled_template_theme_and_font(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    for folder, package in (("resume_templates", "resume_templates"), ("themes", "themes"), ("fonts", "fonts")):
        files = {
            p.relative_to(ROOT / folder).as_posix()
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        assert files, folder
        missing = {f for f in files if f"jobber_tui/{package}/{f}" not in names}
        assert not missing, (folder, sorted(missing))
    assert "jobber_tui/resume_templates/classic/main.typ" in names
    assert "jobber_tui/themes/jobber-dark.toml" in names


def test_installed_into_a_fresh_venv_it_runs(wheel: Path, tmp_path: Path) -> None:
    """--no-deps: `jobber --version` and `--help` need only the standard library (issue 18), so
    the check needs no index and proves the entry point, the packages and the version; the dependencies
    are the ones `pip install .` resolves everywhere else in the suite."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python, jobber = venv / "bin" / "python", venv / "bin" / "jobber"
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env)

    version = run(str(jobber), "--version")
    assert (version.returncode, version.stdout) == (0, f"jobber {jobber_tui.__version__}\n"), version.stderr
    where = run(
        str(python),
        "-c",
        "import jobber_tui, importlib.resources as r; print(jobber_tui.__file__); "
        "print(r.files('jobber_tui') / 'resume_templates' / 'classic' / 'main.typ')",
    )
    module, template = where.stdout.split()
    assert Path(module).is_relative_to(venv), module  # the installed copy, not the checkout
    assert Path(template).is_file()
    assert "pipeline" in run(str(jobber), "--help").stdout


def test_pipx_install_gives_a_working_jobber_with_its_dependencies(tmp_path: Path) -> None:
    """`pipx install .` as the docs say (pipx is in the test extra; it uses pip and its index settings).
    `uv tool install .` does the same from the same pyproject; uv is not on the test machines."""
    pytest.importorskip("pipx")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        PIPX_HOME=str(tmp_path / "pipx"),
        PIPX_BIN_DIR=str(tmp_path / "bin"),
        PIPX_MAN_DIR=str(tmp_path / "man"),
        USE_EMOJI="0",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pipx", "install", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    jobber, home = str(tmp_path / "bin" / "jobber"), str(tmp_path / "home")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)

    version = run(jobber, "--version")
    assert version.stdout == f"jobber {jobber_tui.__version__}\n", version.stderr
    data = tmp_path / "jobs.json"
    data.write_text(
        '[{"title": "Platform Engineer", "employer": "Acme Robotics", '
        '"jobUrl": "https://acme-robotics.example/jobs/1"}]'
    )
    imported = run(jobber, "--home", home, "import", "file", str(data))
    assert imported.returncode == 0, imported.stderr
    listed = run(jobber, "--home", home, "jobs", "list", "--json")
    assert [job["title"] for job in json.loads(listed.stdout)] == ["Platform Engineer"], listed.stderr
    venv_python = tmp_path / "pipx" / "venvs" / "jobber-tui" / "bin" / "python"
    deps = run(
        str(venv_python), "-c", "import textual, sqlmodel, httpx, typst, watchfiles, tomlkit, shtab, pypdf; print('ok')"
    )
    assert deps.stdout == "ok\n", deps.stderr
