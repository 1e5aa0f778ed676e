"""Resume import must keep what matters (names, dates, bullets, project ids) and drop what's hidden."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.infra.errors import BadInput
from jobber_tui.core.resume.importer import ResumeFormatError, convert_resume, detect_format, parse_resume_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "resumes"
ALL_FORMATS = {"jsonresume.json": "jsonresume", "rxresume_v4.json": "rxresume-v4", "rxresume_v5.json": "rxresume-v5"}
RX_FILES = ["rxresume_v4.json", "rxresume_v5.json"]


def load(name: str) -> tuple[dict[str, Any], str]:
    return parse_resume_bytes((FIXTURES / name).read_bytes(), name)


def raw(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


def v4_with(section: str, item: dict[str, Any], **section_extra: Any) -> dict[str, Any]:
    """A minimal RxResume v4 export with one section holding one item."""
    return {
        "basics": {"name": "Test", "url": {"label": "", "href": ""}},
        "sections": {section: {"id": section, "visible": True, "items": [item], **section_extra}},
    }


# --- detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), sorted(ALL_FORMATS.items()))
def test_detects_each_fixture_format(name: str, fmt: str) -> None:
    assert detect_format(raw(name)) == fmt
    assert load(name)[1] == fmt


def test_v5_detected_by_top_level_keys_even_without_picture() -> None:
    assert detect_format({"basics": {}, "sections": {}, "customSections": []}) == "rxresume-v5"
    assert detect_format({"basics": {"website": {"url": ""}}, "sections": {}}) == "rxresume-v5"
    assert detect_format({"basics": {"url": {"href": ""}}, "sections": {}}) == "rxresume-v4"


def test_json_resume_without_basics_but_with_sections_is_accepted() -> None:
    converted, fmt = convert_resume({"work": [{"name": "Acme", "position": "Dev"}]})
    assert fmt == "jsonresume"
    assert converted["work"] == [{"name": "Acme", "position": "Dev"}]


# --- content round-trip ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL_FORMATS))
def test_basics_survive(name: str) -> None:
    basics = load(name)[0]["basics"]
    assert basics["name"] == "Maya Okafor"
    assert basics["email"] == "maya.okafor@example.com"
    assert basics["label"] == "Senior Backend Engineer"
    assert basics["url"] == "https://maya.example.com"
    assert basics["summary"] == "Backend engineer who likes boring, reliable systems — and good tea."
    assert basics["location"]["city"] == "Berlin"
    assert basics["profiles"] == [
        {"network": "GitHub", "username": "mayaokafor", "url": "https://github.com/mayaokafor"}
    ]


@pytest.mark.parametrize("name", sorted(ALL_FORMATS))
def test_hidden_work_dropped_and_bullets_extracted(name: str) -> None:
    work = load(name)[0]["work"]
    assert [w["name"] for w in work] == ["Northwind Labs", "Globex Corporation"]
    northwind = work[0]
    assert northwind["position"] == "Senior Backend Engineer"
    assert northwind["url"] == "https://northwind.example.com"
    assert northwind["summary"] == "Led the payments platform & on-call rotation."
    assert northwind["highlights"] == ["Cut p99 latency by 40%", "Migrated 12 services to Python 3.11"]


@pytest.mark.parametrize("name", sorted(ALL_FORMATS))
def test_periods_parsed_or_kept_verbatim(name: str) -> None:
    northwind, globex = load(name)[0]["work"]
    assert northwind["startDate"] == "2020-01"
    assert "endDate" not in northwind  # "Present"
    assert globex["startDate"] == "Summer 2017 – sometime in 2018"
    assert "endDate" not in globex


@pytest.mark.parametrize("name", RX_FILES)
def test_rx_education_and_br_line_breaks(name: str) -> None:
    converted = load(name)[0]
    (edu,) = converted["education"]
    assert edu["institution"] == "University of Lagos"
    assert edu["studyType"] == "BSc"
    assert edu["area"] == "Computer Science"
    assert edu["score"] == "First Class"
    assert (edu["startDate"], edu["endDate"]) == ("2013", "2017")
    assert edu["summary"] == "Thesis on distributed caches <3"
    assert edu["highlights"] == ["Teaching assistant for Algorithms"]
    assert converted["work"][1]["summary"] == "Built the order API.\nRan the Postgres upgrade."


@pytest.mark.parametrize("name", sorted(ALL_FORMATS))
def test_skills_languages_and_hidden_skill(name: str) -> None:
    converted = load(name)[0]
    assert converted["skills"][0] == {"name": "Python", "level": "Advanced", "keywords": ["asyncio", "typing"]}
    assert [s["name"] for s in converted["skills"]] == ["Python", "Go"]  # COBOL is hidden in rx files
    assert converted["languages"] == [
        {"language": "English", "fluency": "Native"},
        {"language": "German", "fluency": "B2"},
    ]


@pytest.mark.parametrize("name", RX_FILES)
def test_rx_misc_sections(name: str) -> None:
    converted = load(name)[0]
    assert converted["certificates"][0]["name"] == "AWS Certified Developer"
    assert converted["certificates"][0]["date"] == "2021-06"
    assert converted["references"] == [
        {"name": "Tom Weber", "position": "CTO, Northwind Labs", "reference": "Maya is the person you want on call."}
    ]
    assert converted["interests"] == [{"name": "Cycling", "keywords": ["gravel", "touring"]}]
    assert converted["basics"]["image"] == "https://maya.example.com/me.jpg"


def test_hidden_sections_dropped() -> None:
    v4 = load("rxresume_v4.json")[0]
    assert "publications" not in v4  # section visible: false
    assert v4["awards"][0]["date"] == "2022-12"
    v5 = load("rxresume_v5.json")[0]
    assert "awards" not in v5  # section hidden: true


@pytest.mark.parametrize("name", sorted(ALL_FORMATS))
def test_no_html_left_anywhere(name: str) -> None:
    for text in all_strings(load(name)[0]):
        for marker in ("<p", "<li", "<ul", "<strong", "<br", "&amp;", "&mdash;", "&nbsp;", "\xa0"):
            assert marker not in text, f"{marker!r} left in {text!r}"


# --- project ids -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first_id"),
    [
        ("jsonresume.json", "jobber"),
        ("rxresume_v4.json", "cm0jobber4v4proj1ct9xyz01"),
        ("rxresume_v5.json", "0195f1a2-0000-7000-8000-000000000030"),
    ],
)
def test_project_ids_unique_and_stable(name: str, first_id: str) -> None:
    first, second = load(name)[0], load(name)[0]
    ids = [p["id"] for p in first["projects"]]
    assert ids == [first_id, "cli-tools", "cli-tools-2"]
    assert ids == [p["id"] for p in second["projects"]]
    assert first["projects"][0]["highlights"] == ["Textual UI & headless core"]


def test_slug_never_steals_an_existing_id_and_duplicate_ids_are_fixed() -> None:
    data = {
        "basics": {"name": "X"},
        "projects": [
            {"name": "Café Über"},
            {"id": "cafe-uber", "name": "Other"},
            {"id": "dup", "name": "A"},
            {"id": "dup", "name": "B"},
            {"name": "!!!"},
        ],
    }
    ids = [p["id"] for p in convert_resume(data)[0]["projects"]]
    assert ids == ["cafe-uber-2", "cafe-uber", "dup", "dup-2", "project"]


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("Jan 2020 - Present", {"startDate": "2020-01"}),
        ("2019 - 2021", {"startDate": "2019", "endDate": "2021"}),
        ("2019-2021", {"startDate": "2019", "endDate": "2021"}),
        ("2020-01 - 2021-03", {"startDate": "2020-01", "endDate": "2021-03"}),
        ("September 2018 to Current", {"startDate": "2018-09"}),
        ("Sept. 2018 – Feb 2019", {"startDate": "2018-09", "endDate": "2019-02"}),
        ("03/2017 — now", {"startDate": "2017-03"}),
        # A lone Reactive Resume date is that month or year, not "2016 – Present" (printed once).
        ("2020-01", {"startDate": "2020-01", "endDate": "2020-01"}),
        ("2016", {"startDate": "2016", "endDate": "2016"}),
        ("Summer 2017", {"startDate": "Summer 2017"}),
        ("since forever", {"startDate": "since forever"}),
        ("2020 - whenever", {"startDate": "2020 - whenever"}),
        ("", {}),
    ],
)
def test_period_parsing(period: str, expected: dict[str, str]) -> None:
    item = {"id": "x", "visible": True, "company": "Acme", "date": period, "summary": ""}
    (work,) = convert_resume(v4_with("experience", item))[0]["work"]
    assert {k: v for k, v in work.items() if k in ("startDate", "endDate")} == expected


def test_json_resume_iso_dates_untouched() -> None:
    edu = load("jsonresume.json")[0]["education"][0]
    assert (edu["startDate"], edu["endDate"]) == ("2013-09-01", "2017-07-01")


# --- JSON Resume normalisation -------------------------------------------------------------------


def test_json_resume_keeps_unknown_keys_and_normalises_lists() -> None:
    converted = load("jsonresume.json")[0]
    assert converted["x-jobber-notes"] == "kept as-is"
    assert converted["meta"]["version"] == "v1.0.0"
    assert converted["skills"][1]["keywords"] == ["concurrency"]
    assert converted["work"][1]["highlights"] == ["Ran the Postgres upgrade."]
    assert converted["education"][0]["courses"] == ["Algorithms", "Distributed Systems"]


def test_input_is_not_mutated() -> None:
    for name in ALL_FORMATS:
        data = raw(name)
        before = copy.deepcopy(data)
        convert_resume(data)
        assert data == before


def test_v5_roles_become_separate_work_entries() -> None:
    data = raw("rxresume_v5.json")
    data["sections"]["experience"]["items"] = [
        {
            "id": "e1",
            "hidden": False,
            "company": "Northwind Labs",
            "position": "",
            "location": "Berlin",
            "period": "2018 - Present",
            "website": {"url": "", "label": ""},
            "description": "<p>Payments.</p>",
            "roles": [
                {
                    "id": "r1",
                    "position": "Staff Engineer",
                    "period": "Mar 2022 - Present",
                    "description": "<ul><li>Led 3 teams</li></ul>",
                },
                {"id": "r2", "position": "Engineer", "period": "2018 - 2022", "description": ""},
            ],
        }
    ]
    work = convert_resume(data)[0]["work"]
    assert [(w["name"], w["position"]) for w in work] == [
        ("Northwind Labs", "Staff Engineer"),
        ("Northwind Labs", "Engineer"),
    ]
    assert work[0]["startDate"] == "2022-03"
    assert work[0]["summary"] == "Payments."
    assert work[0]["highlights"] == ["Led 3 teams"]
    assert (work[1]["startDate"], work[1]["endDate"]) == ("2018", "2022")


def test_nested_lists_keep_document_order() -> None:
    html = "<ul><li>Outer<ul><li>Inner</li></ul></li><li>Last &gt; first</li></ul>"
    item = {"id": "x", "visible": True, "company": "Acme", "date": "", "summary": html}
    (work,) = convert_resume(v4_with("experience", item))[0]["work"]
    assert work["highlights"] == ["Outer", "Inner", "Last > first"]


def test_hidden_v4_summary_not_used() -> None:
    data = raw("rxresume_v4.json")
    data["sections"]["summary"]["visible"] = False
    assert "summary" not in convert_resume(data)[0]["basics"]


# --- errors ------------------------------------------------------------------------------------


def test_not_a_resume_names_the_problem() -> None:
    with pytest.raises(ResumeFormatError) as info:
        load("not_a_resume.json")
    message = str(info.value)
    assert "not_a_resume.json" in message
    assert "neither JSON Resume (no 'basics') nor Reactive Resume v3/v4/v5 (no 'sections')" in message
    assert isinstance(info.value, BadInput)
    assert info.value.exit_code == 2


def test_broken_json_names_file_line_and_column() -> None:
    with pytest.raises(ResumeFormatError) as info:
        load("broken.json")
    message = str(info.value)
    assert message.startswith("broken.json: broken JSON at line 5, column 5")
    assert "delimiter" in message


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"[1, 2]", "not a JSON object (the file holds an array)"),
        (b'"just text"', "not a JSON object (the file holds a string)"),
        (b'{"basics": []}', "JSON Resume 'basics' must be an object, not an array"),
        (b'{"basics": {}, "work": {}}', "JSON Resume 'work' must be an array, not an object"),
        (b'{"basics": {}, "work": ["x"]}', "JSON Resume 'work' entry 1 must be an object, not a string"),
        (b'{"basics": {}, "sections": []}', "Reactive Resume 'sections' must be an object, not an array"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"", "broken JSON at line 1, column 1"),
    ],
)
def test_shape_errors_are_specific(payload: bytes, expected: str) -> None:
    with pytest.raises(ResumeFormatError) as info:
        parse_resume_bytes(payload, "upload.json")
    assert str(info.value).startswith("upload.json: ")
    assert expected in str(info.value)


def test_utf8_bom_is_accepted() -> None:
    data = b"\xef\xbb\xbf" + (FIXTURES / "jsonresume.json").read_bytes()
    converted, fmt = parse_resume_bytes(data, "bom.json")
    assert fmt == "jsonresume"
    assert converted["basics"]["name"] == "Maya Okafor"
