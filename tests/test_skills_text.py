"""The text form of tailored skills: what the editor shows and parses back."""

from __future__ import annotations

import pytest

from jobber_tui.core.infra.errors import BadInput
from jobber_tui.core.resume.skills_text import format_skills_text, parse_skills_text

GROUPS = [
    {"name": "Languages", "keywords": ["Go", "Python", "SQL"]},
    {"name": "Cloud", "keywords": ["AWS", "Kubernetes"]},
]


def test_round_trip() -> None:
    text = format_skills_text(GROUPS)
    assert text == "Languages: Go, Python, SQL\nCloud: AWS, Kubernetes"
    assert parse_skills_text(text) == GROUPS


def test_none_and_empty_are_empty_text() -> None:
    assert format_skills_text(None) == ""
    assert parse_skills_text("") == []
    assert parse_skills_text("\n  \n") == []


def test_blank_lines_comments_and_spaces_ignored() -> None:
    text = "\n  Languages :  Go ,Python,SQL  \n\n# a note\nCloud:AWS, Kubernetes\n"
    assert parse_skills_text(text) == GROUPS


def test_duplicate_commas_and_repeated_keywords() -> None:
    assert parse_skills_text("Languages: Go,, Python, , SQL, Go,") == [GROUPS[0]]


def test_colon_inside_keywords_is_kept() -> None:
    assert parse_skills_text("Tools: C++, HH:MM parsing") == [{"name": "Tools", "keywords": ["C++", "HH:MM parsing"]}]


def test_line_without_colon_names_its_line() -> None:
    with pytest.raises(BadInput, match=r"^line 3: expected 'Group: keyword, keyword'"):
        parse_skills_text("Languages: Go\n\nkubernetes and friends")


def test_empty_group_name_rejected() -> None:
    with pytest.raises(BadInput, match=r"^line 2: the group name before ':' is empty"):
        parse_skills_text("Languages: Go\n: AWS")


def test_group_without_keywords_rejected() -> None:
    with pytest.raises(BadInput, match=r"^line 1: group 'Cloud' has no keywords"):
        parse_skills_text("Cloud: , ,")


def test_group_named_twice_rejected() -> None:
    with pytest.raises(BadInput, match=r"^line 2: group 'cloud' is already on line 1"):
        parse_skills_text("Cloud: AWS\ncloud: GCP")


def test_parsed_groups_pass_the_store_validator() -> None:
    from jobber_tui.core.jobs.fields import PATCHABLE, validate_fields

    groups = parse_skills_text(format_skills_text(GROUPS))
    assert validate_fields({"tailoredSkills": groups}, PATCHABLE)["tailored_skills"] == GROUPS
