"""The Ghostwriter: a per-job writing assistant (cover letters, application answers) that streams.

Each job has one chat, persisted, with the job, its tailored fields and the minimized profile as
context. The job description goes in as delimited untrusted data. Without a model configured the
Ghostwriter says so plainly; the cover letter PDF still works from a deterministic draft.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlmodel import col, select

from ..infra.errors import BadInput, JobberError
from ..infra.log_base import log_context
from ..infra.logs import get_logger, log_event
from ..infra.safe_text import clean_text
from ..infra.scrub import scrub_personal
from ..jobs.models import GhostwriterMessage, Job
from ..llm.profile import minimized_profile, user_name
from ..llm.prompts import QUICK_ACTIONS, ghostwriter_messages, ghostwriter_system
from ..workspace import Workspace
from .base import load_resume

log = get_logger("ghostwriter")

HISTORY_TURNS = 12
"""Past turns sent back to the model: enough for follow-ups, bounded for cost and privacy."""


def history(ws: Workspace, job_id: int) -> list[GhostwriterMessage]:
    with ws.store.reading() as session:
        query = select(GhostwriterMessage).where(GhostwriterMessage.job_id == job_id)
        return list(session.exec(query.order_by(col(GhostwriterMessage.id))))


def quick_prompt(action: str, text: str = "") -> str:
    if action not in QUICK_ACTIONS:
        raise BadInput(f"unknown quick action {action!r}; use one of: {', '.join(QUICK_ACTIONS)}")
    template = QUICK_ACTIONS[action][1]
    if "{text}" in template and not text.strip():
        raise BadInput(f"the {action!r} action needs the question text")
    return template.replace("{text}", text.strip())


def build_messages(
    job: Job, resume: dict[str, Any], past: list[GhostwriterMessage], prompt: str
) -> list[dict[str, str]]:
    """Instructions and every fact in the one system message, then the chat's turns alternating, then the
    prompt. Strict servers and chat templates refuse two user turns in a row or a system turn later on."""
    name = user_name(resume)

    def clean(value: str | None) -> str | None:  # resume text: scrubbed like the profile
        return scrub_personal(value, name=name) if value else value

    skills = [
        {"name": clean(g["name"]), "keywords": [clean(k) for k in g.get("keywords", [])]}
        for g in job.tailored_skills or []
    ]
    tailored = {
        "headline": clean(job.tailored_headline),
        "summary": clean(job.tailored_summary),
        "skills": skills or None,
        "projectIds": job.selected_project_ids,
    }
    system = ghostwriter_system(
        job.title, job.employer, job.location, job.job_description or "", tailored, minimized_profile(resume)
    )
    turns = [(q.content, a.content, a.status == "complete") for q, a in exchanges(past)[-HISTORY_TURNS // 2 :]]
    return ghostwriter_messages(system, turns, prompt)


def exchanges(past: list[GhostwriterMessage]) -> list[tuple[GhostwriterMessage, GhostwriterMessage]]:
    """(question, answer) pairs worth sending back: an answer that failed or was cancelled before any text
    is left out with its question; a user turn without an answer (written by older versions) is skipped."""
    pairs = []
    for question, answer in zip(past, past[1:], strict=False):
        if question.role == "user" and answer.role == "assistant" and answer.content.strip():
            pairs.append((question, answer))
    return pairs


def ask(
    ws: Workspace,
    job_id: int,
    prompt: str,
    *,
    action: str | None = None,
    cancel: threading.Event | None = None,
    on_chunk: Callable[[str], None] | None = None,
) -> GhostwriterMessage:
    """Send a prompt, stream the answer through `on_chunk`, and store the prompt and its answer together:
    a failed or cancelled answer is kept with its partial text, marked, so the chat never ends in a user
    turn without an answer. A failure is raised after it is stored."""
    from ..llm.client import LlmClient
    from ..llm.settings import llm_settings, missing_model_hint

    if not prompt.strip():
        raise BadInput("the prompt is empty")
    settings = llm_settings(ws.config)
    if settings is None:
        raise BadInput(
            f"the Ghostwriter needs a model; {missing_model_hint(ws.config)}. "
            "`jobber jobs cover-letter` works without one"
        )
    with log_context(job_id=job_id):
        job = ws.store.get(job_id)
        resume = load_resume(ws.home)
        messages = build_messages(job, resume, history(ws, job_id), prompt)
        client = LlmClient(settings)
        parts: list[str] = []
        try:
            for raw in client.stream("ghostwriter", messages, cancel=cancel):
                chunk = clean_text(raw)  # a model's output is untrusted: no ESC ]52 to the terminal or the store
                parts.append(chunk)
                if on_chunk:
                    on_chunk(chunk)
        except JobberError as exc:
            _save_exchange(ws, job_id, prompt, "".join(parts), action, "failed")
            log_event(log, 40, "ghostwriter failed", error=str(exc))
            raise
        except BaseException:  # Ctrl-C in the CLI: keep what was written, marked cancelled
            _save_exchange(ws, job_id, prompt, "".join(parts), action, "cancelled")
            raise
        finally:
            client.close()
        status = "cancelled" if cancel is not None and cancel.is_set() else "complete"
        return _save_exchange(ws, job_id, prompt, "".join(parts), action, status)


def _save_exchange(
    ws: Workspace, job_id: int, prompt: str, answer: str, action: str | None, status: str
) -> GhostwriterMessage:
    """The user turn and its answer in one transaction: never one without the other."""
    now = ws.store.now()
    question = GhostwriterMessage(
        job_id=job_id, at=now, role="user", content=clean_text(prompt), action=action, status="complete"
    )
    reply = GhostwriterMessage(
        job_id=job_id, at=now, role="assistant", content=clean_text(answer), action=action, status=status
    )
    with ws.store.writing() as session:
        session.add(question)
        session.flush()  # ids in order: the question first
        session.add(reply)
    return reply


def clear_history(ws: Workspace, job_id: int) -> int:
    """Forget a job's chat (the user asked for it explicitly); recorded on the timeline."""
    with ws.store.writing() as session:
        turns = list(session.exec(select(GhostwriterMessage).where(GhostwriterMessage.job_id == job_id)))
        for turn in turns:
            session.delete(turn)
    ws.store.record_event(job_id, "ghostwriter_cleared", f"{len(turns)} messages")
    return len(turns)
