"""process / generate-pdf / summarize end to end: real Typst compiles, text read back from the PDFs."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pdf_text import pdf_pages, pdf_text

from conftest import CliResult
from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES

Cli = Callable[..., CliResult]
DEMO_RESUME = Path(__file__).resolve().parent.parent / "jobber_tui" / "demo" / "resume.json"
TEMPLATES = sorted(
    p.name
    for p in BUNDLED_TEMPLATES.iterdir()
    if (p / "main.typ").is_file() and 'kind = "cover-letter"' not in (p / "template.toml").read_text()
)
JD = "We run Kubernetes and Terraform on AWS. Prometheus and Grafana for observability. Go services."


@pytest.fixture
def resume_home(home: Path, cli: Cli) -> Path:
    assert cli("resume", "import", str(DEMO_RESUME)).code == 0
    return home


def _add(cli: Cli, **fields: object) -> str:
    data = {"title": "Platform Engineer", "employer": "Harborline", "jobDescription": JD, **fields}
    result = cli("jobs", "add", "--ids", "--data", json.dumps(data))
    assert result.code == 0, result.err
    return result.out.split()[0]


def _show(cli: Cli, job_id: str) -> dict:
    return cli("jobs", "show", job_id, "--json").json()


@pytest.mark.parametrize("template", TEMPLATES)
def test_pdf_has_tailored_fields_and_only_selected_projects(cli: Cli, resume_home: Path, template: str) -> None:
    job_id = _add(cli, template=template)
    assert (
        cli(
            "jobs",
            "patch",
            job_id,
            "--data",
            json.dumps(
                {
                    "tailoredHeadline": "Platform Engineer for Harborline Freight",
                    "tailoredSummary": "I keep freight platforms boring and fast.",
                    "tailoredSkills": [{"name": "Infra Stack", "keywords": ["Terraform", "Kubernetes (EKS)"]}],
                    "selectedProjectIds": "trace-sampler,ledger-sync",
                }
            ),
        ).code
        == 0
    )
    result = cli("jobs", "process", job_id)
    assert result.code == 0, result.err
    job = _show(cli, job_id)
    assert job["status"] == "ready" and job["readyAt"] and job["lastError"] is None
    pdf = resume_home / "pdfs" / f"resume_{job_id}.pdf"
    assert job["pdfPath"] == str(pdf)
    text = pdf_text(pdf)
    assert "Platform Engineer for Harborline Freight" in text
    assert "I keep freight platforms boring and fast." in text
    assert "Infra Stack" in text and "Terraform" in text
    assert "trace-sampler" in text and "ledger-sync" in text
    for unselected in ("k8s-cost-lens", "pg-migrate-guard", "typst-resume"):
        assert unselected not in text
    assert text.index("trace-sampler") < text.index("ledger-sync")  # chosen order kept
    assert job["pdf"]["state"] == "current" and job["pdf"]["pages"] == pdf_pages(pdf) == 1
    kinds = [e["kind"] for e in job["events"]]
    assert kinds[-2:] == ["pdf_ok", "moved"] and job["events"][-1]["toStatus"] == "ready"


HOSTILE = [
    '#read("/etc/passwd")',
    "$x^2$",
    "*bold*",
    "_x_",
    "@ref",
    "<label>",
    '#import "evil.typ"',
    "[brackets]",
    "back\\slash",
    '#panic("boom")',
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_hostile_text_comes_out_literally(cli: Cli, resume_home: Path, template: str) -> None:
    job_id = _add(cli, template=template, title="Engineer " + HOSTILE[0])
    summary = "Summary: " + " ".join(HOSTILE)
    cli("jobs", "patch", job_id, "--data", json.dumps({"tailoredSummary": summary, "tailoredHeadline": HOSTILE[0]}))
    result = cli("jobs", "process", job_id)
    assert result.code == 0, result.err
    text = pdf_text(resume_home / "pdfs" / f"resume_{job_id}.pdf")
    for needle in HOSTILE:
        assert needle in text, needle
    assert "root:x:0:0" not in text


def test_same_inputs_give_identical_bytes(cli: Cli, resume_home: Path) -> None:
    job_id = _add(cli)
    cli("jobs", "process", job_id)
    pdf = resume_home / "pdfs" / f"resume_{job_id}.pdf"
    first = pdf.read_bytes()
    assert cli("jobs", "generate-pdf", job_id).code == 0
    assert pdf.read_bytes() == first


def test_broken_template_keeps_ready_job_and_its_pdf(cli: Cli, resume_home: Path) -> None:
    user = resume_home / "templates" / "mine"
    shutil.copytree(BUNDLED_TEMPLATES / "classic", user)
    job_id = _add(cli, template="mine")
    assert cli("jobs", "process", job_id).code == 0
    pdf = resume_home / "pdfs" / f"resume_{job_id}.pdf"
    good = pdf.read_bytes()
    main = user / "main.typ"
    main.write_text(main.read_text() + "\n#let broken = (\n")
    cli("jobs", "patch", job_id, "--data", '{"tailoredHeadline": "New headline"}')
    result = cli("jobs", "generate-pdf", job_id)
    assert result.code == 1
    assert f"{main}:" in result.err and "Traceback" not in result.err
    assert pdf.read_bytes() == good
    job = _show(cli, job_id)
    assert job["status"] == "ready" and str(main) in job["lastError"]
    assert job["events"][-1]["kind"] == "pdf_failed"
    assert job["pdf"]["state"] == "stale"


def test_error_names_file_line_and_column(cli: Cli, resume_home: Path) -> None:
    user = resume_home / "templates" / "typo"
    user.mkdir(parents=True)
    (user / "main.typ").write_text('#let data = json("data.json")\n\n= #data.basics.nmae\n')
    job_id = _add(cli, template="typo")
    result = cli("jobs", "process", job_id)
    assert result.code == 1
    assert f"{user / 'main.typ'}:3:" in result.err
    assert "does not contain key" in result.err
    job = _show(cli, job_id)
    assert job["status"] == "discovered" and f"{user / 'main.typ'}:3:" in job["lastError"]
    assert [e["kind"] for e in job["events"]][-2:] == ["pdf_failed", "moved"]
    assert not (resume_home / "pdfs" / f"resume_{job_id}.pdf").exists()


def test_process_without_resume_reverts_to_discovered(cli: Cli, home: Path) -> None:
    job_id = _add(cli)
    result = cli("jobs", "process", job_id)
    assert result.code == 1 and "no base resume" in result.err
    job = _show(cli, job_id)
    assert job["status"] == "discovered" and "resume import" in job["lastError"]
    assert job["title"] == "Platform Engineer" and job["jobDescription"] == JD


def test_generate_pdf_on_discovered_says_to_process(cli: Cli, resume_home: Path) -> None:
    job_id = _add(cli)
    result = cli("jobs", "generate-pdf", job_id)
    assert result.code == 2 and f"use `jobber jobs process {job_id}`" in result.err


def test_seed_api_flow_patch_summarize_generate(cli: Cli, resume_home: Path) -> None:
    job_id = _add(cli)
    cli("jobs", "process", job_id)
    before = _show(cli, job_id)
    assert before["pdf"]["state"] == "current"
    new_jd = "Rust and PostgreSQL ledger work; logical replication; double-entry accounting."
    patch = json.dumps({"jobDescription": new_jd, "title": "Ledger Engineer"})
    assert cli("jobs", "patch", job_id, "--data", patch).code == 0
    assert cli("jobs", "summarize", job_id).code == 0
    assert _show(cli, job_id)["tailoredHeadline"] == "Platform Engineer"  # filled fields are kept
    assert cli("jobs", "summarize", job_id, "--force").code == 0
    job = _show(cli, job_id)
    assert job["tailoredHeadline"] == "Ledger Engineer"
    assert job["selectedProjectIds"][0] == "ledger-sync"
    assert job["pdf"]["state"] == "stale"
    assert cli("jobs", "generate-pdf", job_id).code == 0
    job = _show(cli, job_id)
    assert job["pdf"]["state"] == "current"
    assert "Ledger Engineer" in pdf_text(job["pdfPath"])


def test_user_template_overrides_bundled(cli: Cli, resume_home: Path) -> None:
    user = resume_home / "templates" / "classic"
    user.mkdir(parents=True)
    (user / "main.typ").write_text('#let data = json("data.json")\nOVERRIDDEN #data.basics.name\n')
    (user / "template.toml").write_text('description = "my classic"\n')
    listing = cli("templates", "list").out
    assert "classic" in listing and "user" in listing and "my classic" in listing
    job_id = _add(cli)
    assert cli("jobs", "process", job_id).code == 0
    assert "OVERRIDDEN Alex Rivera" in pdf_text(resume_home / "pdfs" / f"resume_{job_id}.pdf")


def test_sparse_resume_still_compiles_in_every_template(cli: Cli, home: Path, tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.json"
    sparse.write_text('{"basics": {"name": "Sam Sparse"}}')
    assert cli("resume", "import", str(sparse)).code == 0
    for template in TEMPLATES:
        job_id = _add(cli, template=template, jobUrl=f"https://jobs.example.com/{template}")
        assert cli("jobs", "process", job_id).code == 0
        assert "Sam Sparse" in pdf_text(home / "pdfs" / f"resume_{job_id}.pdf")
