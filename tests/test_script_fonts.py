"""Every script gets a real font and its language; no font means a clear Finalize failure, never boxes."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from font_support import need_families

from conftest import CliResult
from jobber_tui.core.infra.paths import BUNDLED_FONTS
from jobber_tui.core.resume.fonts import FontLibrary, MissingFontError
from jobber_tui.core.resume.scripts import script_use

CORPUS = Path(__file__).parent / "fixtures" / "resume_corpus"
Cli = Callable[..., CliResult]


@pytest.mark.parametrize(
    ("text", "declared", "lang", "region", "direction"),
    [
        ("河原理安はTypeScriptとHubSpotを使った", None, "ja", None, "ltr"),
        ("资深后端工程师，负责支付平台的设计与运维", None, "zh", "CN", "ltr"),
        ("資深後端工程師，負責支付平台的設計與維運", None, "zh", "TW", "ltr"),
        ("김서연 모바일 앱 개발자", None, "ko", None, "ltr"),
        ("مهندسة برمجيات أولى باستخدام Java وKotlin", None, "ar", None, "rtl"),
        ("מהנדסת DevOps בכירה", None, "he", None, "rtl"),
        ("वरिष्ठ डेटा वैज्ञानिक", None, "hi", None, "ltr"),
        ("นักพัฒนาซอฟต์แวร์อาวุโส", None, "th", None, "ltr"),
        ("Ведущий инженер по тестированию", None, "ru", None, "ltr"),
        ("Μηχανικός Δικτύων", None, "el", None, "ltr"),
        ("Senior engineer with one Ελληνικά word", None, "en", None, "ltr"),
        ("Ingénieure à Zürich, Łódź", None, "en", None, "ltr"),
        ("Leiterin Softwareentwicklung", "de-DE", "de", "DE", "ltr"),
        ("資深工程師", "zh-Hant", "zh", "TW", "ltr"),
    ],
)
def test_language_from_the_resume_or_its_script(
    text: str, declared: str | None, lang: str, region: str | None, direction: str
) -> None:
    use = script_use([text], declared)
    assert (use.lang, use.region, use.dir) == (lang, region, direction)


@pytest.mark.parametrize(
    ("text", "style", "family"),
    [
        ("מהנדסת", "serif", "Noto Serif Hebrew"),
        ("מהנדסת", "sans", "Noto Sans Hebrew"),
        ("مهندسة", "serif", "Noto Naskh Arabic"),
        ("مهندسة", "sans", "Noto Sans Arabic"),
        ("वरिष्ठ", "serif", "Noto Serif Devanagari"),
        ("นักพัฒนา", "sans", "Noto Sans Thai"),
    ],
)
def test_bundled_fonts_cover_rtl_indic_and_thai_without_the_machine(
    tmp_path: Path, text: str, style: str, family: str
) -> None:
    plan = FontLibrary(tmp_path / "cache.json").plan(
        script_use([text]), template_fonts=tmp_path / "none", style=style, user_fonts=None, system=False
    )
    assert plan.families == (family,)
    assert all(Path(f).parent == BUNDLED_FONTS for f in plan.files)


@pytest.mark.parametrize(
    ("text", "style", "family"),
    [
        ("河原理安です", "serif", "Noto Serif CJK JP"),
        ("河原理安です", "sans", "Noto Sans CJK JP"),
        ("资深后端工程师", "sans", "Noto Sans CJK SC"),
        ("資深後端工程師", "serif", "Noto Serif CJK TC"),
        ("김서연", "sans", "Noto Sans CJK KR"),
    ],
)
def test_cjk_comes_from_the_machine_in_the_region_and_style_wanted(
    tmp_path: Path, text: str, style: str, family: str
) -> None:
    need_families(family)
    plan = FontLibrary(tmp_path / "cache.json").plan(
        script_use([text]), template_fonts=tmp_path / "none", style=style, user_fonts=None, system=True
    )
    assert plan.families == (family,)


def test_latin_greek_cyrillic_need_no_font_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Latin resume compiles exactly as before: no look at the machine's fonts at all."""
    library = FontLibrary(tmp_path / "cache.json")
    monkeypatch.setattr(library, "faces", lambda *a: pytest.fail("font discovery ran for a Latin resume"))
    plan = library.plan(
        script_use(["Zofia Wiśniewska-Nguyễn", "Ελληνικά", "Кириллица", "€ – “quotes”"]),
        template_fonts=tmp_path,
        style="serif",
        user_fonts=None,
        system=True,
    )
    assert plan.empty


def test_a_user_font_covers_a_script_nothing_else_has(tmp_path: Path) -> None:
    need_families("Noto Sans Ethiopic")
    source = next(Path("/usr/share/fonts").rglob("NotoSansEthiopic-Regular.ttf"))
    user_fonts = tmp_path / "fonts"
    user_fonts.mkdir()
    shutil.copy(source, user_fonts)
    library = FontLibrary(tmp_path / "cache.json")
    use = script_use(["ሀበሻ ቴክኖሎጂ"])
    with pytest.raises(MissingFontError, match=r"no font for Ethiopic text \(.*\): install fonts-noto-core"):
        library.plan(use, template_fonts=tmp_path / "none", style="sans", user_fonts=None, system=False)
    plan = library.plan(use, template_fonts=tmp_path / "none", style="sans", user_fonts=user_fonts, system=False)
    assert plan.families == ("Noto Sans Ethiopic",) and plan.files == (str(user_fonts / source.name),)


def _japanese_job(cli: Cli, home: Path, template: str = "classic") -> str:
    assert cli("resume", "import", str(CORPUS / "japanese_ja.json")).code == 0
    added = cli(
        "jobs", "add", "--ids", "--data", json.dumps({"title": "Frontend", "employer": "Acme", "template": template})
    )
    return added.out.split()[0]


def test_finalize_fails_clearly_when_no_font_has_the_script(cli: Cli, home: Path) -> None:
    job_id = _japanese_job(cli, home)
    (home / "config.toml").write_text("[fonts]\nsystem = false\n")
    result = cli("jobs", "process", job_id)
    assert result.code == 1
    assert "no font for Japanese text (" in result.err
    assert "install fonts-noto-cjk or put a font in ~/home/fonts" in result.err
    job = cli("jobs", "show", job_id, "--json").json()
    assert job["status"] == "discovered" and "no font for Japanese text" in job["lastError"]
    assert not (home / "pdfs" / f"resume_{job_id}.pdf").exists()  # no PDF of empty boxes


def test_a_ready_job_keeps_its_last_good_pdf_when_the_font_goes(cli: Cli, home: Path) -> None:
    need_families("Noto Serif CJK JP")
    job_id = _japanese_job(cli, home)
    assert cli("jobs", "process", job_id).code == 0
    pdf = home / "pdfs" / f"resume_{job_id}.pdf"
    before = pdf.read_bytes()
    (home / "config.toml").write_text("[fonts]\nsystem = false\n")
    result = cli("jobs", "generate-pdf", job_id)
    assert result.code == 1 and "no font for Japanese text" in result.err
    job = cli("jobs", "show", job_id, "--json").json()
    assert job["status"] == "ready" and pdf.read_bytes() == before


def test_same_machine_same_bytes_and_the_fonts_are_in_the_fingerprint(cli: Cli, home: Path) -> None:
    need_families("Noto Sans CJK JP")
    job_id = _japanese_job(cli, home, "modern")
    assert cli("jobs", "process", job_id).code == 0
    pdf = home / "pdfs" / f"resume_{job_id}.pdf"
    first = pdf.read_bytes()
    assert cli("jobs", "generate-pdf", job_id).code == 0
    assert pdf.read_bytes() == first
    job = cli("jobs", "show", job_id, "--json").json()
    assert job["pdf"]["state"] == "current"
    assert "fonts added: Noto Sans CJK JP" in " ".join(e["detail"] or "" for e in job["events"])


def test_the_font_files_used_are_part_of_the_fingerprint(tmp_path: Path) -> None:
    """An upgraded font (new size or time on disk) makes the PDFs built with it stale."""
    need_families("Noto Sans Ethiopic")
    from jobber_tui.core.resume.render import CompileSettings, Renderer
    from jobber_tui.core.resume.templates import Template

    user_fonts = tmp_path / "fonts"
    user_fonts.mkdir()
    font = user_fonts / "NotoSansEthiopic-Regular.ttf"
    shutil.copy(next(Path("/usr/share/fonts").rglob(font.name)), font)
    template = Template(
        "classic",
        Path(__file__).parent.parent / "resume_templates" / "classic",
        "bundled",
        script_fonts="serif",
        fit_levels=4,
    )
    data = {"basics": {"name": "ሀበሻ ቴክ"}, "meta": {"lang": "am"}}
    settings = CompileSettings(user_fonts=user_fonts, system_fonts=False)
    renderer = Renderer()
    before = renderer.fingerprint(template, data, settings)
    assert renderer.fingerprint(template, data, settings) == before
    os.utime(font, ns=(font.stat().st_atime_ns, font.stat().st_mtime_ns + 10**9))
    assert renderer.fingerprint(template, data, settings) != before
    assert renderer.render(template, data, settings).fonts == ("Noto Sans Ethiopic",)
