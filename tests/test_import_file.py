"""`jobber import file`: JSON objects, arrays and CSV, with duplicates and bad rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult

Cli = Callable[..., CliResult]


def test_json_array_with_duplicates_and_bad_rows(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "jobs.json"
    path.write_text(
        json.dumps(
            [
                {"title": "SRE", "employer": "Acme", "jobUrl": "https://jobs.example.com/a"},
                {"title": "SRE again", "employer": "Acme", "jobUrl": "https://jobs.example.com/a"},
                {"title": "No employer"},
                {"title": "Data", "employer": "Beta", "deadline": "soon"},
                "not an object",
                {"title": "Platform", "employer": "Gamma", "isRemote": True, "tailoredSkills": [{"name": "Go"}]},
            ]
        )
    )
    result = cli("import", "file", str(path))
    assert result.code == 0
    assert result.out == "imported 2 jobs, 1 duplicate skipped, 3 errors\n"  # one line for people; ids: --json/--ids
    assert "skipped row 2: duplicate jobUrl https://jobs.example.com/a" in result.err
    assert "error in row 3: employer: required" in result.err
    assert "error in row 4: deadline: expected a date" in result.err
    assert "error in row 5: expected a JSON object" in result.err
    jobs = cli("jobs", "list", "--json").json()
    assert [(j["title"], j["status"], j["source"]) for j in jobs] == [
        ("SRE", "discovered", "file"),
        ("Platform", "discovered", "file"),
    ]
    assert jobs[1]["isRemote"] is True and jobs[1]["tailoredSkills"] == [{"name": "Go", "keywords": []}]


def test_single_json_object(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"title": "SRE", "employer": "Acme"}')
    assert cli("import", "file", str(path)).code == 0
    assert len(cli("jobs", "list", "--json").json()) == 1


def test_csv_with_header_bad_rows_and_rerun(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        "title,employer,jobUrl,isRemote,deadline,selectedProjectIds,suitabilityScore\n"
        'Backend,Acme,https://jobs.example.com/1,yes,2030-01-01,"p1,p2",80\n'
        "Frontend,Beta,https://jobs.example.com/2,no,,,\n"
        "Broken,Gamma,https://jobs.example.com/3,maybe,,,\n"
        "Scored,Delta,https://jobs.example.com/4,no,,,300\n"
        "Extra,Eps,https://jobs.example.com/5,no,,,,surplus\n",
        encoding="utf-8",
    )
    result = cli("import", "file", str(path))
    assert result.code == 0
    assert "error in row 3: isRemote: expected true or false" in result.err
    assert "error in row 4: suitabilityScore: expected a whole number 0-100" in result.err
    assert "error in row 5:" in result.err and "more cells than header columns" in result.err
    jobs = cli("jobs", "list", "--json").json()
    assert [j["title"] for j in jobs] == ["Backend", "Frontend"]
    assert jobs[0]["selectedProjectIds"] == ["p1", "p2"] and jobs[0]["isRemote"] is True
    assert jobs[0]["suitabilityScore"] == 80
    again = cli("import", "file", str(path))
    assert again.err.count("duplicate jobUrl") == 2
    assert len(cli("jobs", "list", "--json").json()) == 2


def test_status_on_import_must_be_discovered(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "jobs.json"
    path.write_text('[{"title": "A", "employer": "B", "status": "ready"}]')
    result = cli("import", "file", str(path))
    assert result.code == 2 and "status: new jobs always start in discovered" in result.err


def test_malformed_files_are_clear_errors(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[{"title": "A",\n "employer": }]')
    result = cli("import", "file", str(broken))
    assert result.code == 2
    assert result.err.strip() == f"jobber: error: {broken}: malformed JSON: Expecting value (line 2, column 14)"
    missing = cli("import", "file", str(tmp_path / "nope.csv"))
    assert missing.code == 2 and "nope.csv: no such file" in missing.err
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00title")
    assert "not UTF-8" in cli("import", "file", str(binary)).err
    assert cli("jobs", "list", "--json").json() == []
