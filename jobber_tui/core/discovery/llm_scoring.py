"""Scoring with a model: 0-100, a one-line reason, matched and missing skills."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..llm.client import LlmClient
from ..llm.profile import minimized_profile
from ..llm.prompts import scoring_messages

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["score", "reason", "matchedSkills", "missingSkills"],
    "properties": {
        "score": {"type": "integer", "minimum": 0, "maximum": 100},
        "reason": {"type": "string"},
        "matchedSkills": {"type": "array", "items": {"type": "string"}},
        "missingSkills": {"type": "array", "items": {"type": "string"}},
    },
}


def validate_score(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    score = data.get("score")
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 100:
        raise ValueError("'score' must be a number from 0 to 100")
    reason = data.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("'reason' must be one line of text")
    lists = {}
    for key in ("matchedSkills", "missingSkills"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"'{key}' must be a list of text")
        lists[key] = [v.strip() for v in value if v.strip()][:20]
    line = " ".join(reason.split())[:200]
    return {"score": round(score), "reason": line, **lists}


def llm_score(
    client: LlmClient,
    resume: dict[str, Any],
    title: str,
    employer: str,
    location: str | None,
    description: str,
    preferences: dict[str, Any],
) -> dict[str, Any]:
    messages = scoring_messages(minimized_profile(resume), preferences, title, employer, location, description)
    return client.chat_json("scoring", messages, SCHEMA, validate_score, name="score")


"""How many of the best deterministic scores a model re-scores per run: a model call per job is
slow and costs money, and the jobs far below the threshold would not be picked either way."""


def rescore_with_llm(
    ws: Any, rows: list[tuple[int, str, str, str | None, bool, str]], scores: list[tuple[int, int, str]]
) -> tuple[list[tuple[int, int, str]], list[tuple[int | None, str]]]:
    """Re-score the best deterministic candidates with the configured model.

    Returns the scores (model ones where it answered) and (job id or None, warning) pairs. A job
    whose model call fails keeps its deterministic score; after two failures in a row the model is
    not asked again this run.
    """
    from ..infra.errors import JobberError
    from ..llm.client import LlmClient
    from ..llm.settings import llm_settings
    from ..resume.base import load_resume

    settings = llm_settings(ws.config)
    if settings is None or not scores:
        return scores, []
    limit = ws.settings.llm.score_top
    by_id = {row[0]: row for row in rows}
    best = sorted(scores, key=lambda s: (-s[1], s[0]))[:limit]
    resume = load_resume(ws.home)
    preferences = {k: v for k, v in asdict(ws.settings.scoring).items() if v not in (None, [], "")}
    client = LlmClient(settings)
    updated = {job_id: (score, reason) for job_id, score, reason in scores}
    warnings: list[tuple[int | None, str]] = []
    failures = 0
    try:
        for job_id, _, _ in best:
            _, title, employer, location, _, description = by_id[job_id]
            try:
                answer = llm_score(client, resume, title, employer, location, description, preferences)
            except JobberError as exc:
                failures += 1
                warnings.append((job_id, f"model scoring failed ({exc}); kept the deterministic score"))
                if failures >= 2:
                    warnings.append((None, "model scoring stopped for this run after repeated failures"))
                    break
                continue
            failures = 0
            extra = ""
            if answer["matchedSkills"]:
                extra += " · matched: " + ", ".join(answer["matchedSkills"][:6])
            if answer["missingSkills"]:
                extra += " · missing: " + ", ".join(answer["missingSkills"][:6])
            updated[job_id] = (answer["score"], ("model: " + answer["reason"] + extra)[:240])
    finally:
        client.close()
    return [(job_id, *updated[job_id]) for job_id, _, _ in scores], warnings
