"""Import fidelity for the corpus shapes: legacy JSON Resume keys, Reactive Resume v3/v4/v5 and
their custom sections, order, titles and hidden things; and the import report."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CliResult
from jobber_tui.core.resume.importer import convert_resume, detect_format, parse_resume_bytes
from jobber_tui.core.resume.strings import section_order, visible_sections

CORPUS = Path(__file__).parent / "fixtures" / "resume_corpus"
Cli = Callable[..., CliResult]


def load(name: str) -> tuple[dict[str, Any], str]:
    return parse_resume_bytes((CORPUS / name).read_bytes(), name)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("rxresume_v3.json", "rxresume-v3"),
        ("rxresume_v4_custom.json", "rxresume-v4"),
        ("rxresume_v5_custom.json", "rxresume-v5"),
        ("chinese_simplified_rxresume_v5.json", "rxresume-v5"),
        ("jsonresume_legacy_keys.json", "jsonresume"),
        ("sparse.json", "jsonresume"),
    ],
)
def test_detects_each_export(name: str, fmt: str) -> None:
    assert detect_format(json.loads((CORPUS / name).read_text())) == fmt


def test_legacy_company_and_website_keys_become_name_and_url() -> None:
    resume, _ = load("jsonresume_legacy_keys.json")
    names = [w.get("name") for w in resume["work"]]
    assert names == ["Bilheteira Digital, Lda.", "Agência Lumen", "Freelance", "Escola Técnica de Setúbal"]
    assert resume["work"][0]["url"] == "https://bilheteira.example.pt" and "company" not in resume["work"][0]
    assert resume["basics"]["url"] == "http://tomas.example.net"
    assert resume["basics"]["location"] == {"address": "Lisbon, Portugal"}
    assert (
        resume["basics"]["summary"] == "Full-stack developer building booking systems for small venues.\n"
        "I like fast pages & clear invoices."
    )


def test_legacy_value_shapes_are_normalised() -> None:
    resume, _ = load("jsonresume_legacy_keys.json")
    lumen, freelance, school = resume["work"][1:]
    assert lumen["highlights"] == ["Maintained 40 client sites on a shared deployment pipeline"]
    assert lumen["startDate"] == "2016-01" and lumen["endDate"] == "Present?"  # unparseable: kept as written
    assert (freelance["startDate"], freelance.get("endDate")) == ("Summer 2014 - Dec 2015", None)
    assert (school["startDate"], school["endDate"]) == ("2012", "2014-06-30")
    assert resume["skills"][0]["keywords"] == ["TypeScript", "React", "CSS Grid"]
    assert resume["projects"][0]["keywords"] == ["JavaScript", "Web Components"]
    assert resume["education"][0]["score"] == "16/20"
    assert resume["education"][0]["courses"] == ["Databases", "Distributed Systems", "Human–Computer Interaction"]
    assert [(lang.get("language"), lang.get("fluency")) for lang in resume["languages"]] == [
        ("Portuguese", "Native"),
        ("English", "C1"),
        ("Igbo", "Heritage speaker"),
    ]
    assert resume["publications"][0]["name"] == "Fast Checkout for Tiny Venues"
    assert resume["publications"][0]["releaseDate"] == "2022-10"
    assert resume["awards"][0] == {
        "title": "Best Small-Venue Product",
        "awarder": "Lisbon Tech Awards",
        "date": "2021-11",
    }
    assert len(sum((g["highlights"] for g in resume["work"][0]["highlightGroups"]), [])) == 13  # kept


def test_json_resume_order_is_the_order_of_its_keys() -> None:
    data = {
        "basics": {"name": "A", "summary": "S"},
        "education": [{"institution": "U"}],
        "work": [{"name": "W"}],
        "skills": [{"name": "K"}],
    }
    resume, _ = convert_resume(data)
    assert section_order(resume)[:4] == ["summary", "education", "work", "skills"]
    assert visible_sections(resume) == ["summary", "education", "work", "skills"]


def test_v3_sections_markdown_and_custom_sections() -> None:
    resume, _ = load("rxresume_v3.json")
    assert resume["basics"]["location"]["city"] == "Göteborg"
    assert "image" not in resume["basics"] or not resume["basics"]["image"]  # photo hidden
    assert [p["network"] for p in resume["basics"]["profiles"]] == ["GitHub", "Matrix"]
    first = resume["work"][0]
    assert first["startDate"] == "2020-03" and "endDate" not in first
    assert first["summary"] == "Firmware for residential heat pumps (ARM Cortex-M4, FreeRTOS)."
    assert first["highlights"][0] == "Cut defrost energy use by 11% with a model-based controller"
    assert "**" not in resume["basics"]["summary"] and "Göteborg" in resume["basics"]["summary"]
    assert "certificates" not in resume  # a hidden section
    customs = {c["title"]: c for c in resume["customSections"]}
    assert customs["Patents"]["kind"] == "entries"
    assert customs["Patents"]["items"][0]["description"] == "SE 546 012 C2"
    assert customs["Teaching"]["kind"] == "work"
    assert customs["Teaching"]["items"][0]["position"] == "Guest Lecturer"
    assert resume["sectionTitles"] == {"summary": "Profile", "work": "Work Experience"}
    assert resume["sectionOrder"][:2] == ["work", "custom:b71d90"]
    assert resume["meta"] == {"language": "en"}


def test_v4_custom_sections_in_layout_order_with_their_titles() -> None:
    resume, _ = load("rxresume_v4_custom.json")
    titles = [c["title"] for c in resume["customSections"]]
    assert titles == ["Wystąpienia", "Mentoring"]  # the hidden custom section is dropped
    talks = resume["customSections"][0]["items"]
    assert talks[0] == {
        "name": "Badania bez budżetu",
        "description": "Meet.js Kraków",
        "location": "Kraków",
        "url": "https://meetjs.example.pl/2023/05",
        "keywords": ["UX", "badania"],
        "startDate": "2023-05",
        "endDate": "2023-05",
        "summary": "Jak robić testy użyteczności za 0 zł.",
    }
    assert resume["sectionOrder"] == [
        "summary",
        "work",
        "custom:m3k9x2talks",
        "projects",
        "skills",
        "languages",
        "education",
        "custom:r5w8mentor",
    ]
    assert resume["sectionTitles"]["work"] == "Doświadczenie"
    assert resume["sectionTitles"]["summary"] == "O mnie"
    assert [w["name"] for w in resume["work"]] == ["Żółw Płatności S.A.", "Công ty Sen Vàng"]  # hidden item dropped


def test_v4_project_subtitle_is_its_own_field() -> None:
    (project,) = load("rxresume_v4_custom.json")[0]["projects"]
    assert project["roles"] == ["Projekt społeczny, liderka zespołu"]
    assert project["description"] == "Mapa miejsc dostępnych dla wózków w Krakowie."  # no glued subtitle
    assert project["highlights"] == ["1 800 zweryfikowanych miejsc"]


def test_profiles_and_custom_fields_without_urls_are_kept() -> None:
    v4, _ = load("rxresume_v4_custom.json")
    assert {"network": "Dribbble", "username": "zofia.designs"} in v4["basics"]["profiles"]
    assert {"network": "Prawo jazdy", "username": "kat. B"} in v4["basics"]["profiles"]
    assert {"network": "LinkedIn", "url": "https://www.linkedin.com/in/zofia-wn"} in v4["basics"]["profiles"]
    v5, _ = load("rxresume_v5_custom.json")
    assert {"network": "XING", "username": "Amara_DialloFischer"} in v5["basics"]["profiles"]
    assert {"username": "Französisch, Wolof"} in v5["basics"]["profiles"]


def test_v5_typed_custom_sections_roles_locale_and_cover_letter() -> None:
    resume, _ = load("rxresume_v5_custom.json")
    kinds = {c["title"]: c["kind"] for c in resume["customSections"]}
    assert kinds == {
        "Vorträge": "publications",
        "Beratung": "work",
        "Was mich antreibt": "text",
        "Anschreiben": "cover-letter",
    }  # the hidden one is gone
    talk = resume["customSections"][0]["items"][0]
    assert (talk["name"], talk["publisher"], talk["releaseDate"]) == ("Kräne, Kafka und Kotlin", "JavaLand", "2023-03")
    text = resume["customSections"][2]["items"][0]
    assert text == {
        "summary": "Software, die im Hafen nachts um drei funktioniert.",
        "highlights": ["Ruhige Releases", "Gute Übergaben"],
    }
    roles = [(w["name"], w["position"]) for w in resume["work"][:3]]
    assert roles == [
        ("Elbhafen Logistik GmbH", "Leiterin Softwareentwicklung"),
        ("Elbhafen Logistik GmbH", "Teamleiterin Terminal-Steuerung"),
        ("Elbhafen Logistik GmbH", "Softwareentwicklerin"),
    ]
    assert resume["meta"] == {"language": "de-DE"}
    assert "interests" not in resume  # hidden section
    assert resume["sectionOrder"][:3] == ["summary", "work", "custom:0196a000-0000-7000-8000-0000000000a2"]
    assert "custom:0196a000-0000-7000-8000-0000000000a5" not in visible_sections(resume)  # letter not printed


def test_import_report_counts_and_names_what_no_template_prints(cli: Cli, home: Path) -> None:
    result = cli("resume", "import", str(CORPUS / "jsonresume_legacy_keys.json"))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[1] == (
        "imported jsonresume: 4 work entries, 1 project, 1 education entry, 2 skill groups, "
        "1 award, 1 publication, 3 languages"
    )
    unprinted = re.fullmatch(
        r"kept in resume.json but printed by no template: "
        r"work\[\]\.highlightGroups \((\d+) texts\)",
        lines[2],
    )
    assert unprinted and int(unprinted.group(1)) >= 13  # the 13 bullets (group names may be printed elsewhere)
    assert lines[3] == "template classic: 1 page"
    stored = json.loads((home / "resume.json").read_text())
    assert len(stored["work"][0]["highlightGroups"]) == 3  # the data is kept

    result = cli("resume", "import", str(CORPUS / "rxresume_v5_custom.json"))
    assert "4 custom sections (Vorträge, Beratung, Was mich antreibt, Anschreiben)" in result.out
    assert "printed by no template: custom section Anschreiben" in result.out


def test_import_report_says_when_the_template_cannot_print_a_script(cli: Cli, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[fonts]\nsystem = false\n")
    result = cli("resume", "import", str(CORPUS / "japanese_ja.json"))
    assert result.code == 0  # the resume is imported all the same
    assert "template classic cannot print it yet: no font for Japanese text (" in result.out
    assert "install fonts-noto-cjk or put a font in" in result.out
