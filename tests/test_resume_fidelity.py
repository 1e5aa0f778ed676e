"""Every real-shaped resume, every bundled template: import, Finalize, read the PDF back as an ATS would.

The corpus (tests/fixtures/resume_corpus, see its README) covers legacy JSON Resume keys, Reactive
Resume v3/v4/v5 with custom sections, every script Jobber supports, a two-page career and a sparse
resume. For each file x template the PDF must hold every string the template prints (the ATS
check), in order, without hidden characters or empty boxes, plus the strings named below (checked
with plain substring search, independently of the check's own rules).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from font_support import CJK_FILES, need_families
from pypdf import PdfReader

from conftest import CliResult
from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES
from jobber_tui.core.resume.pdf_text import read_pdf_text

Cli = Callable[..., CliResult]
CORPUS = Path(__file__).parent / "fixtures" / "resume_corpus"
FILES = sorted(p.name for p in CORPUS.glob("*.json"))
TEMPLATES = sorted(
    p.name
    for p in BUNDLED_TEMPLATES.iterdir()
    if (p / "main.typ").is_file() and 'kind = "cover-letter"' not in (p / "template.toml").read_text()
)

# Strings each file's PDF must contain, whatever the template (one line each, so no line break inside).
MUST_SHOW = {
    "jsonresume_full.json": [
        "Priya Raman-Holt",
        "Northgate Transit Data",
        "Kestrel & Finch Retail",
        "Code Club Leeds",
        "Mastodon: @priya@fosstodon.example",
        "LinkedIn: Priya Raman-Holt",
        "MAS370 Time Series",
        "Open Data Impact Award",
        "Late by Design",
        "Fell running",
        "Dr Owen Marsh",
        "gtfs-lint",
        "Open Transport Collective",
        "Happiest when a nightly job",
    ],
    "jsonresume_legacy_keys.json": [
        "Bilheteira Digital, Lda.",
        "Agência Lumen",
        "Escola Técnica de Setúbal",
        "Twitter: tomas_builds",
        "TypeScript, React, CSS Grid",
        "Web Components",
        "16/20",
        "Heritage speaker",
        "Fast Checkout for Tiny Venues",
        "Summer 2014",
    ],
    "rxresume_v3.json": [
        "Jonas Lindqvist",
        "Värmeverket AB",
        "Patents",
        "Adaptive defrost control",
        "SE 546 012 C2",
        "Teaching",
        "Guest Lecturer",
        "Karin Åberg",
        "Matrix: @jonas:example.se",
        "Open-source CAN bus logger",
        "MISRA C and static analysis in CI",
    ],
    "rxresume_v4_custom.json": [
        "Zofia Wiśniewska-Nguyễn",
        "Żółw Płatności S.A.",
        "Công ty Sen Vàng",
        "Wystąpienia",
        "Badania bez budżetu",
        "Meet.js Kraków",
        "Mentoring",
        "Women in Design PL",
        "Projekt społeczny, liderka zespołu",
        "Prawo jazdy: kat. B",
        "Dribbble: zofia.designs",
        "Doświadczenie",
        "tiếng Việt",
    ],
    "rxresume_v5_custom.json": [
        "Amara Diallo-Fischer",
        "Leiterin Softwareentwicklung",
        "Teamleiterin Terminal-Steuerung",
        "Softwareentwicklerin",
        "Vorträge",
        "Kräne, Kafka und Kotlin",
        "Beratung",
        "Interim-CTO",
        "Was mich antreibt",
        "Ruhige Releases",
        "XING: Amara_DialloFischer",
        "Straßenbahn Digital AG",
        "Berufserfahrung",
    ],
    "cyrillic_ru.json": ["Екатерина Смирнова", "ООО «Уральские платёжные системы»", "Студия «Ёлка»"],
    "greek_el.json": ["Νικόλαος Παπαδόπουλος", "Αιγαίο Τηλεπικοινωνίες Α.Ε."],
    "chinese_simplified_rxresume_v5.json": ["王晓明", "长江云计算有限公司", "开源项目：日志采样器"],
    "chinese_traditional_zh_tw.json": ["陳怡君", "長城數位支付股份有限公司", "國立清華大學"],
    "japanese_ja.json": ["河原理安", "株式会社ミナトクラウド", "TypeScript", "HubSpot", "京都大学"],
    "korean_ko.json": ["김서연", "한빛금융 주식회사", "한양대학교"],
    "arabic_ar.json": ["ليلى الحسيني", "شركة النخيل للتقنية المالية", "عمّان", "الجامعة الأردنية"],
    "hebrew_he.json": ["נועה ברגמן", 'גלבוע טכנולוגיות בע"מ', "ל-Kubernetes"],
    "hindi_hi.json": ["अनन्या शर्मा", "गंगा एनालिटिक्स प्राइवेट लिमिटेड", "पूर्वानुमान"],
    "thai_th.json": ["กมลวรรณ ศรีสุข", "บริษัท ดอยเทค จำกัด", "เชียงใหม่"],
    "two_page_career.json": ["Margaret O'Sullivan-Brandt", "Guinness Storehouse IT", "Fionnuala Byrne"],
    "slightly_long.json": ["Dariusz Kowal", "Gdańsk Linux User Group"],
    "sparse.json": ["Lee Park", "Corner Bakery", "Baker"],
}
HIDDEN = {
    "rxresume_v3.json": ["Hidden Certificate"],
    "rxresume_v4_custom.json": ["Ukryta Firma", "Nie pokazuj"],
    "rxresume_v5_custom.json": ["Versteckt", "Nicht drucken", "Sehr geehrte"],
}
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def test_corpus_is_complete() -> None:
    assert len(FILES) >= 12 and set(MUST_SHOW) == set(FILES)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", FILES)
def test_every_printed_string_reaches_the_pdf(cli: Cli, home: Path, name: str, template: str) -> None:
    if name in CJK_FILES:
        need_families(CJK_FILES[name])
    assert cli("resume", "import", str(CORPUS / name)).code == 0
    added = cli(
        "jobs", "add", "--ids", "--data", json.dumps({"title": "Engineer", "employer": "Acme", "template": template})
    )
    job_id = added.out.split()[0]
    result = cli("jobs", "process", job_id)
    assert result.code == 0, result.err
    job = cli("jobs", "show", job_id, "--json").json()
    assert job["status"] == "ready"

    check = cli("resume", "check", job_id, "--json")
    report = check.json()
    assert report["ok"], json.dumps(report, ensure_ascii=False, indent=1)
    assert check.code == 0 and report["checked"] >= 5 and report["missingGlyphs"] == 0

    pdf = Path(job["pdfPath"]).read_bytes()
    meta_rtl = name in ("arabic_ar.json", "hebrew_he.json")
    text = " ".join(read_pdf_text(pdf, rtl=meta_rtl).text.split())
    folded = text.casefold()  # headings may be set in capitals
    for needle in MUST_SHOW[name]:
        assert needle.casefold() in folded, needle
    for needle in HIDDEN.get(name, []):
        assert needle.casefold() not in folded, needle
    # No invisible characters anywhere, read by pypdf too (an independent reader).
    assert not ZERO_WIDTH.search(text)
    assert not ZERO_WIDTH.search("".join(page.extract_text() or "" for page in PdfReader(Path(job["pdfPath"])).pages))
    warnings = [e["detail"] for e in job["events"] if e["kind"] == "warning"]
    if name == "two_page_career.json":
        assert len(warnings) == 1 and warnings[0].startswith("PDF does not fit on 1 page")
    else:
        assert warnings == [] and job["pdf"]["pages"] == 1


@pytest.mark.parametrize("template", TEMPLATES)
def test_sections_follow_the_resume_order_and_empty_ones_leave_no_heading(cli: Cli, home: Path, template: str) -> None:
    """v4 layout: summary, experience, the custom "Wystąpienia", projects, then the sidebar."""
    cli("resume", "import", str(CORPUS / "rxresume_v4_custom.json"))
    cli("jobs", "add", "--ids", "--data", json.dumps({"title": "Designer", "employer": "Acme", "template": template}))
    assert cli("jobs", "process", "1").code == 0
    lines = read_pdf_text((home / "pdfs" / "resume_1.pdf").read_bytes()).text.casefold().splitlines()
    headings = [
        "o mnie",
        "doświadczenie",
        "wystąpienia",
        "projekty",
        "umiejętności",
        "języki",
        "wykształcenie",
        "mentoring",
    ]
    positions = [next(i for i, line in enumerate(lines) if line.strip() == h) for h in headings]
    assert positions == sorted(positions)
    for empty in (
        "awards",
        "certifications",
        "interests",
        "publications",
        "references",
        "volunteering",
        "ukryta sekcja",
    ):
        assert empty not in lines
