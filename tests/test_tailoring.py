"""Deterministic tailoring: reorders the resume's own facts, never invents any."""

from __future__ import annotations

from jobber_tui.core.resume.tailoring import deterministic_tailoring, mentions, rank_projects, rank_skills

RESUME = {
    "basics": {"summary": "Base summary."},
    "skills": [
        {"name": "Languages", "keywords": ["Python", "Go", "C++"]},
        {"name": "Data", "keywords": ["PostgreSQL", "Kafka"]},
        {"name": "Empty", "keywords": []},
    ],
    "projects": [
        {"id": "a", "name": "Alpha", "description": "A Python web app"},
        {"id": "b", "name": "Beta", "description": "Kafka and PostgreSQL pipeline", "keywords": ["Kafka"]},
        {"id": "c", "name": "Gamma", "description": "Go CLI"},
        {"id": "d", "name": "Delta", "description": "Unrelated gardening"},
    ],
}


def test_keyword_mentions_respect_word_edges() -> None:
    assert mentions("Go", "we use go and golang") == 1
    assert mentions("C++", "modern c++ and c") == 1
    assert mentions("CI/CD", "ci/cd pipelines") == 1


def test_skills_reordered_never_invented() -> None:
    ranked = rank_skills(RESUME["skills"], "Kafka, Kafka and PostgreSQL. Some Go. Also Rust.")
    assert [g["name"] for g in ranked] == ["Data", "Languages", "Empty"]
    assert ranked[0]["keywords"] == ["Kafka", "PostgreSQL"]
    assert ranked[1]["keywords"] == ["Go", "Python", "C++"]
    everything = {k for g in ranked for k in g["keywords"]}
    assert everything == {"Python", "Go", "C++", "PostgreSQL", "Kafka"}  # no "Rust"


def test_projects_ranked_pinned_first_and_capped() -> None:
    jd = "Kafka PostgreSQL streaming; some Go tools."
    assert rank_projects(RESUME["projects"], jd, pinned=[], limit=2) == ["b", "c"]
    assert rank_projects(RESUME["projects"], jd, pinned=["d", "zz"], limit=2) == ["d", "b"]
    assert rank_projects(RESUME["projects"], "", pinned=[], limit=3) == ["a", "b", "c"]


def test_all_fields() -> None:
    fields = deterministic_tailoring(RESUME, "Data Engineer", "Kafka", pinned=[], limit=1)
    assert fields["tailored_headline"] == "Data Engineer"
    assert fields["tailored_summary"] == "Base summary."
    assert fields["selected_project_ids"] == ["b"]
