"""The deterministic scorer: explainable, configurable, repeatable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jobber_tui.core.discovery.scoring import build_profile, score
from jobber_tui.core.infra.config_model import ScoringConfig

from .board_server import DEMO_RESUME

RESUME = json.loads(DEMO_RESUME.read_text())
PLATFORM = (
    "We run Kubernetes on AWS with Terraform. You write Go, operate PostgreSQL and Kafka, and own CI/CD "
    "with GitHub Actions. Java is a plus."
)


def test_a_matching_job_scores_high_with_a_reason() -> None:
    profile = build_profile(RESUME, ScoringConfig(target_titles=["Platform Engineer"]))
    value, reason = score(profile, "Senior Platform Engineer", "Acme", "Remote - US", True, PLATFORM)
    assert value >= 90
    assert reason.startswith("skills 9/10 (")
    assert "missing java" in reason and "title 100% 'platform engineer'" in reason and reason.endswith("; remote")
    assert "\n" not in reason and len(reason) <= 240


def test_unrelated_job_scores_low() -> None:
    profile = build_profile(RESUME, ScoringConfig(target_titles=["Platform Engineer"], locations=["Denver"]))
    value, reason = score(profile, "Account Executive", "Acme", "London", False, "Close deals, own a territory.")
    assert value < 30
    assert reason == "no known skills named; no title match; outside your locations (London)"


def test_scores_are_deterministic_and_bounded() -> None:
    profile = build_profile(RESUME, ScoringConfig())
    runs = {score(profile, "Backend Engineer", "X", None, False, PLATFORM) for _ in range(3)}
    assert len(runs) == 1
    assert 0 <= next(iter(runs))[0] <= 100


def test_exclusions_score_zero() -> None:
    profile = build_profile(
        RESUME, ScoringConfig(exclude_companies=["Evil Corp"], exclude_keywords=["security clearance"])
    )
    assert score(profile, "Platform Engineer", "Evil Corp, Inc.", None, True, PLATFORM) == (
        0,
        "excluded company: Evil Corp, Inc.",
    )
    assert score(profile, "Platform Engineer", "Good", None, True, PLATFORM + " Active Security Clearance.")[0] == 0
    assert score(profile, "Platform Engineer", "Evil Corp Europe", None, True, PLATFORM)[0] == 0
    assert score(profile, "Platform Engineer", "Not Evil Co", None, True, PLATFORM)[0] > 0


def test_place_preferences() -> None:
    remote_no = build_profile(RESUME, ScoringConfig(remote_ok=False, locations=["Denver"]))
    _, reason = score(remote_no, "Platform Engineer", "A", "Remote", True, PLATFORM)
    assert reason.endswith("remote (remote_ok is false)")
    assert score(remote_no, "Platform Engineer", "A", "Denver, CO", False, PLATFORM)[1].endswith("in denver")


def test_everyday_words_are_not_skills() -> None:
    profile = build_profile(RESUME, ScoringConfig())
    everyday = "Go the extra mile; rust-proof filing; swift replies."
    _, reason = score(profile, "Office Manager", "A", None, False, everyday)
    assert reason.startswith("no known skills named")
    _, reason = score(profile, "Engineer", "A", None, False, "Services in Golang and Rust.")
    assert reason.startswith("skills 2/2 (go, rust)")


def test_jobs_score_command(board_home: Path, cli: Any, add_job: Any) -> None:
    first = add_job(title="Platform Engineer", jobDescription=PLATFORM)
    second = add_job(title="Barista", jobDescription="Make coffee.")
    result = cli("jobs", "score", "--json")
    assert result.code == 0
    scores = json.loads(result.out)
    assert [s["id"] for s in scores] == [first, second]
    assert scores[0]["score"] > scores[1]["score"]
    shown = json.loads(cli("jobs", "show", str(first), "--json").out)
    assert shown["suitabilityScore"] == scores[0]["score"] and shown["suitabilityReason"] == scores[0]["reason"]
    again = cli("jobs", "score", "--all")  # for people: best first, then one summary line
    assert again.out.splitlines() == [
        f"{scores[0]['score']:>4}  job {first}: {scores[0]['reason']}",
        f"{scores[1]['score']:>4}  job {second}: {scores[1]['reason']}",
        f"scored 2 jobs, best {scores[0]['score']}, lowest {scores[1]['score']}",
    ]
    assert shown["events"][-1]["kind"] == "scored"
    assert cli("jobs", "score").err.strip() == "nothing to score"  # all scored now
    assert cli("jobs", "score", "99").code == 2
