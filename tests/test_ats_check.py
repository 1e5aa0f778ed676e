"""The ATS check and the PDF text reader under it: what it finds, and that it finds real defects."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typst

from conftest import CliResult
from jobber_tui.core.infra.paths import BUNDLED_FONTS
from jobber_tui.core.resume.ats_check import check_pdf, check_text, date_forms
from jobber_tui.core.resume.pdf_text import read_pdf_text

Cli = Callable[..., CliResult]
CORPUS = Path(__file__).parent / "fixtures" / "resume_corpus"
DATA = {
    "basics": {"name": "Maya Okafor", "label": "Backend Engineer"},
    "work": [
        {
            "name": "Northwind Labs",
            "position": "Senior Engineer",
            "startDate": "2020-03",
            "highlights": ["Moved checkout to TypeScript"],
        },
        {"name": "Globex", "position": "Developer", "startDate": "2016"},
    ],
    "skills": [{"name": "Languages", "keywords": ["TypeScript", "Go"]}],
    "sectionOrder": ["work", "skills"],
    "meta": {"lang": "en"},
}


def compile_typst(source: str, fonts: list[str] | None = None) -> bytes:
    compiler = typst.Compiler(root="/", font_paths=fonts or [], ignore_system_fonts=True)
    pdf = compiler.compile(input={"main": source.encode()}, format="pdf")
    assert isinstance(pdf, bytes)
    return pdf


def test_everything_found_in_order() -> None:
    text = (
        "Maya Okafor\nBackend Engineer\nSenior Engineer Mar 2020 – Present\nNorthwind Labs\n"
        "• Moved checkout to\nTypeScript\nDeveloper 2016 – Present\nGlobex\nLanguages TypeScript, Go"
    )
    report = check_text(text, DATA)
    assert report.ok and report.checked == 12 and report.summary() == "ATS check: all 12 strings found in order"


def test_missing_out_of_order_and_hidden_characters_are_named() -> None:
    text = (
        "Maya Okafor\nBackend Engineer\nDeveloper 2016\nGlobex\nSenior Engineer Mar 2020\n"
        "• Moved checkout to TypeS\u200bcript\nLanguages TypeScript, Go"
    )
    report = check_text(text, DATA)
    assert [s.path for s in report.missing] == ["work[0].name", "work[0].highlights[0]"]
    assert [s.path for s in report.out_of_order] == ["work[1].position"]
    assert report.bad_characters == ["to TypeS<U+200B>cript\nLa"]
    assert not report.ok
    summary = report.summary()
    assert summary.startswith(
        'ATS check: 2 of 12 strings missing (work[0].name "Northwind Labs", '
        'work[0].highlights[0] "Moved checkout to TypeScript")'
    )
    assert "1 out of order (work[1].position)" in summary and "1 hidden characters inside words" in summary


def test_short_words_match_whole_words_only() -> None:
    data = {"skills": [{"name": "Languages", "keywords": ["Go", "R"]}], "meta": {}}
    report = check_text("Languages Google, Rust", data)
    assert [s.text for s in report.missing] == ["Go", "R"]


def test_dates_match_as_the_template_writes_them() -> None:
    assert date_forms("2021-03-15", {"lang": "en"})[0] == "Mar 2021"
    assert (
        date_forms("2021-03", {"dates": {"months": [f"{m}月" for m in range(1, 13)], "pattern": "{year}年{month}"}})[0]
        == "2021年3月"
    )
    assert date_forms("Summer 2019", {}) == ["Summer 2019"]


def test_empty_boxes_are_reported() -> None:
    """No font for the script: Typst draws .notdef boxes and says nothing; the check does not."""
    pdf = compile_typst('#set text(font: "Libertinus Serif")\n河原理安 Maya Okafor')
    extracted = read_pdf_text(pdf)
    assert extracted.missing_glyphs == 4
    report = check_pdf(pdf, {"basics": {"name": "Maya Okafor"}, "meta": {}})
    assert report.missing_glyphs == 4 and "4 characters drawn as empty boxes" in report.summary()


def test_the_old_line_break_rule_is_caught() -> None:
    """The templates used to insert U+200B into any 40-character run without spaces, CJK included."""
    old_rule = (
        '#show regex("[^\\s[:punct:]]{40,}"): it => it.text.clusters().chunks(20).map(c => c.join())'
        '.join("\\u{200B}")\n'
    )
    pdf = compile_typst(old_rule + "Moved checkout to TypeScriptAndHubSpotIntegrationsAcrossFortyServices now")
    summary = "Moved checkout to TypeScriptAndHubSpotIntegrationsAcrossFortyServices now"
    report = check_pdf(pdf, {"basics": {"summary": summary}, "meta": {}})
    assert report.bad_characters and "<U+200B>" in report.bad_characters[0]


def test_right_to_left_lines_read_in_logical_order() -> None:
    pdf = compile_typst(
        '#set text(font: "Noto Sans Hebrew", lang: "he")\n'
        "#set page(width: 12cm, height: auto)\n"
        "- העברת 40 שירותים ל-Kubernetes עם Helm ו-Argo CD\n- 02/2020 – היום",
        [str(BUNDLED_FONTS)],
    )
    lines = read_pdf_text(pdf, rtl=True).text.splitlines()
    assert lines == ["• העברת 40 שירותים ל-Kubernetes עם Helm ו-Argo CD", "• 02/2020 – היום"]


def test_shaped_clusters_read_as_written() -> None:
    """Thai and Devanagari clusters come back whole (ActualText), marks drawn apart not doubled."""
    text = "วิศวกรซอฟต์แวร์ที่บริษัทเชียงใหม่ पूर्वानुमान मॉडल बनाया"
    pdf = compile_typst(f'#set text(font: ("Noto Sans Thai", "Noto Sans Devanagari"))\n{text}', [str(BUNDLED_FONTS)])
    assert read_pdf_text(pdf).text == text


def test_finalize_records_what_the_check_found(cli: Cli, home: Path) -> None:
    """A user template that leaves out sections: the job still becomes ready, with a warning naming them."""
    folder = home / "templates" / "bare"
    folder.mkdir(parents=True)
    (folder / "main.typ").write_text('#let data = json("data.json")\n#data.basics.name\n')
    assert cli("resume", "import", str(CORPUS / "jsonresume_full.json")).code == 0
    added = cli(
        "jobs", "add", "--ids", "--data", json.dumps({"title": "Data Engineer", "employer": "Acme", "template": "bare"})
    )
    job_id = added.out.split()[0]
    result = cli("jobs", "process", job_id)
    assert result.code == 0
    job = cli("jobs", "show", job_id, "--json").json()
    assert job["status"] == "ready"
    warnings = [e["detail"] for e in job["events"] if e["kind"] == "warning"]
    assert len(warnings) == 1 and warnings[0].startswith("ATS check: ")
    assert 'strings missing (basics.label "Data Engineer"' in warnings[0]
    # Found: the name, and the LinkedIn profile whose username is the name.
    assert job["pdf"]["ats"]["ok"] is False and job["pdf"]["ats"]["found"] == 2

    check = cli("resume", "check", job_id)
    assert check.code == 1
    assert "missing:\n  basics.label" in check.out and "work[0].name" in check.out
    as_json = cli("resume", "check", job_id, "--json").json()
    assert as_json["template"] == "bare" and as_json["pdf"].endswith(f"resume_{job_id}.pdf")
    assert {"path": "work[0].name", "section": "work", "text": "Northgate Transit Data"} in as_json["missing"]


def test_check_without_a_pdf_or_on_the_base_resume(cli: Cli, home: Path) -> None:
    cli("resume", "import", str(CORPUS / "sparse.json"))
    cli("jobs", "add", "--ids", "--data", '{"title": "Baker", "employer": "Acme"}')
    result = cli("resume", "check", "1")
    assert result.code == 2 and "job 1 has no PDF yet: `jobber jobs process 1` builds it" in result.err
    base = cli("resume", "check", "--template", "modern")
    assert base.code == 0
    assert base.out.splitlines() == [
        "the base resume compiled with template modern: 1 page, template modern",
        "ATS check: all 4 strings found in order",
    ]


@pytest.mark.parametrize("template", ["classic", "modern"])
def test_base_resume_check_passes_for_the_demo(cli: Cli, home: Path, template: str) -> None:
    demo = Path(__file__).parent.parent / "jobber_tui" / "demo" / "resume.json"
    cli("resume", "import", str(demo))
    result = cli("resume", "check", "--template", template, "--json")
    assert result.code == 0 and result.json()["ok"]
