"""The operations that turn a job into a PDF: summarize, process, generate-pdf.

`process` is the seed's "Finalize & Move to Ready": discovered -> processing -> ready, and back to
discovered with `lastError` on any failure. `generate_pdf` rebuilds a ready job's PDF; when it
fails the job stays ready and the last good PDF file is left untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..infra.clock import iso_utc
from ..infra.config import pages_for
from ..infra.errors import BadInput, JobberError, OperationFailed
from ..infra.log_base import log_context
from ..infra.logs import get_logger, log_event
from ..infra.paths import atomic_write
from ..jobs.columns import JobRow, snake_to_camel
from ..jobs.states import JobStatus
from ..workspace import Workspace
from .base import load_resume
from .data import build_resume_data, unknown_project_ids
from .render import CompileSettings, Rendered, Renderer
from .tailoring import deterministic_tailoring
from .templates import Template, find_template, list_templates

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..jobs.models import Job

RENDERER = Renderer()
"""One per process: its compilers (one per template) live as long as the process."""

log = get_logger("processing")


def template_for(ws: Workspace, job: Job | JobRow, templates: dict[str, Template] | None = None) -> Template:
    """The job's template; pass `templates` (from `templates_by_name`) to skip rescanning in a batch."""
    name = job.template or ws.settings.default_template
    if templates is not None and name in templates:
        return templates[name]
    return find_template(ws.home, name)


def templates_by_name(ws: Workspace) -> dict[str, Template]:
    return {t.name: t for t in list_templates(ws.home)}


def tailoring_changes(
    ws: Workspace, resume: dict[str, Any], job: Job | JobRow, *, force: bool
) -> tuple[dict[str, Any], str]:
    """The tailored fields to set (all with force, else only the missing ones), and who made them:
    "model NAME" or "deterministic", for the timeline.

    With a model configured it tailors; if the model is unreachable or keeps answering invalid
    output, the deterministic tailoring runs instead and a warning is put on the job's timeline.
    """
    if not force and not _missing_tailoring(job):
        return {}, "deterministic"
    pinned = list(ws.settings.tailoring.pinned_projects)
    limit = ws.settings.tailoring.max_projects
    proposed, source = _llm_tailoring(ws, resume, job, pinned, limit)
    if proposed is None:
        proposed = deterministic_tailoring(resume, job.title, job.job_description, pinned=pinned, limit=limit)
    if force:
        return {k: v for k, v in proposed.items() if getattr(job, k) != v}, source
    missing = {
        k: v
        for k, v in proposed.items()
        if getattr(job, k) in (None, "") or (k == "tailored_skills" and not getattr(job, k))
    }
    return {k: v for k, v in missing.items() if v not in (None, "")}, source


def tailored_detail(source: str, changes: dict[str, Any]) -> str:
    """The timeline line of a tailoring: who made it ("model gpt-4o" or "deterministic") and which fields."""
    return f"{source}: " + ", ".join(snake_to_camel(k) for k in changes)


def _llm_tailoring(
    ws: Workspace, resume: dict[str, Any], job: Job | JobRow, pinned: list[str], limit: int
) -> tuple[dict[str, Any] | None, str]:
    from ..llm.settings import llm_settings

    settings = llm_settings(ws.config)
    if settings is None:
        return None, "deterministic"
    from ..llm.client import LlmClient
    from ..llm.tailoring import llm_tailoring

    client = LlmClient(settings)
    try:
        return llm_tailoring(
            client, resume, job.title, job.employer, job.job_description, limit=limit, pinned=pinned
        ), f"model {settings.model_for('tailoring')}"
    except JobberError as exc:
        assert job.id is not None
        warning = f"model tailoring failed ({exc}); used the deterministic tailoring instead"
        log_event(log, 30, warning)
        ws.store.record_event(job.id, "warning", warning)
        return None, "deterministic (the model failed)"
    finally:
        client.close()


def _missing_tailoring(job: Job | JobRow) -> bool:
    return not (
        job.tailored_headline and job.tailored_summary and job.tailored_skills and job.selected_project_ids is not None
    )


def summarize_job(ws: Workspace, job_id: int, *, force: bool = False) -> Job:
    """Fill the missing tailored fields (all of them with force), from the resume's facts only."""
    with log_context(job_id=job_id):
        job = ws.store.get(job_id)
        changes, source = tailoring_changes(ws, load_resume(ws.home), job, force=force)
        if not changes:
            return job
        return ws.store.update(job_id, "tailored", detail=tailored_detail(source, changes), **changes)


def compile_settings(ws: Workspace, template: Template) -> CompileSettings:
    """Fonts Jobber may add (`<home>/fonts`, `[fonts] system`) and the pages to fit (`[templates.NAME] pages`)."""
    return CompileSettings(
        user_fonts=ws.home.fonts_dir, system_fonts=ws.settings.fonts.system, pages=pages_for(ws.config, template.name)
    )


def render_job(
    ws: Workspace, job: Job | JobRow, resume: dict[str, Any] | None = None, templates: dict[str, Template] | None = None
) -> tuple[Rendered, Template]:
    rendered, template, _ = render_job_data(ws, job, resume, templates)
    return rendered, template


def render_job_data(
    ws: Workspace, job: Job | JobRow, resume: dict[str, Any] | None = None, templates: dict[str, Template] | None = None
) -> tuple[Rendered, Template, dict[str, Any]]:
    """The job's PDF, its template and the data the template was given (what the ATS check reads against)."""
    resume = load_resume(ws.home) if resume is None else resume
    template = template_for(ws, job, templates)
    data = build_resume_data(resume, job, template.name)
    return RENDERER.render(template, data, compile_settings(ws, template)), template, data


def expected_fingerprint(
    ws: Workspace, job: Job | JobRow, resume: dict[str, Any] | None = None, templates: dict[str, Template] | None = None
) -> str:
    """What the fingerprint of this job's PDF would be now, without compiling."""
    resume = load_resume(ws.home) if resume is None else resume
    template = template_for(ws, job, templates)
    return RENDERER.fingerprint(template, build_resume_data(resume, job, template.name), compile_settings(ws, template))


def _write(ws: Workspace, job_id: int, rendered: Rendered) -> str:
    path = ws.home.pdf_dir / f"resume_{job_id}.pdf"
    try:
        atomic_write(path, rendered.pdf, mode=0o600, durable=False)  # a PDF can always be rebuilt
    except OSError as exc:  # a full disk, a read-only home: the job's lastError says which
        from ..infra.store_file import explain_os_error

        raise OperationFailed(explain_os_error(exc, f"cannot write the PDF {ws.home.stored_path(path)}")) from None
    return ws.home.stored_path(path)


def _pdf_detail(path: str, rendered: Rendered, resume: dict[str, Any], job: Job | JobRow) -> str:
    unknown = unknown_project_ids(resume, job)
    note = f"; unknown project ids ignored: {', '.join(unknown)}" if unknown else ""
    fit = f"; tightened {rendered.fit} step{'s' if rendered.fit != 1 else ''} to fit" if rendered.fit else ""
    fonts = f"; fonts added: {', '.join(rendered.fonts)}" if rendered.fonts else ""
    return f"{path} ({rendered.pages} page{'s' if rendered.pages != 1 else ''}){fit}{fonts}{note}"


def _warnings(rendered: Rendered, data: dict[str, Any]) -> list[str]:
    """What Finalize tells the user about a PDF it did build: overflow and the ATS check."""
    from .ats_check import check_pdf

    warnings = [f"PDF {rendered.overflow}"] if rendered.overflow else []
    try:
        report = check_pdf(rendered.pdf, data)
    except ValueError as exc:
        return [*warnings, f"ATS check could not read the PDF: {exc}"]
    if not report.ok:
        warnings.append(report.summary())
    return warnings


def process_job(ws: Workspace, job_id: int) -> Job:
    """Finalize & Move to Ready. Any failure puts the job back to discovered with lastError."""
    with log_context(job_id=job_id):
        job = ws.store.get(job_id)
        if job.status != JobStatus.DISCOVERED.value:
            hint = f"; use `jobber jobs generate-pdf {job_id}`" if job.status == JobStatus.READY.value else ""
            raise BadInput(f"job {job_id} is {job.status}: only discovered jobs can be processed{hint}")
        ws.store.move(job_id, JobStatus.PROCESSING, by_user=False, detail="process")
        try:
            resume = load_resume(ws.home)
            changes, source = tailoring_changes(ws, resume, job, force=False)
            if changes:
                job = ws.store.update(job_id, "tailored", detail=tailored_detail(source, changes), **changes)
            rendered, _, data = render_job_data(ws, job, resume)
            path = _write(ws, job_id, rendered)
            warnings = _warnings(rendered, data)
        except BaseException as exc:
            message = str(exc) if isinstance(exc, JobberError) else f"{type(exc).__name__}: {exc}"
            if isinstance(exc, KeyboardInterrupt):
                message = "interrupted"
            ws.store.update(job_id, "pdf_failed", detail=message)
            ws.store.move(job_id, JobStatus.DISCOVERED, by_user=False, detail="process failed", last_error=message)
            log_event(log, 40, "process failed", error=message)
            if isinstance(exc, Exception):
                raise OperationFailed(f"job {job_id} stays discovered: {message}") from exc
            raise
        ws.store.record_event(job_id, "pdf_ok", _pdf_detail(path, rendered, resume, job))
        for warning in warnings:
            log_event(log, 30, warning)
            ws.store.record_event(job_id, "warning", warning)
        return ws.store.move(
            job_id,
            JobStatus.READY,
            by_user=False,
            detail="PDF generated",
            pdf_path=path,
            pdf_fingerprint=rendered.fingerprint,
            pdf_generated_at=ws.store.now(),
            last_error=None,
        )


@dataclass
class PdfOutcome:
    job_id: int
    path: str | None = None
    error: str | None = None


def regenerate_pdfs(
    ws: Workspace, job_ids: list[int], on_progress: Callable[[int, int], None] | None = None
) -> list[PdfOutcome]:
    """Rebuild the PDFs of ready jobs as one batch: one read, the compiles, one write.

    A job that fails keeps its status and its last good PDF file; the failure is recorded on it.
    `on_progress(done, total)` is called before each compile and once at the end, for a progress bar.
    """
    jobs = ws.reader.jobs(job_ids)  # read without SQLAlchemy: a one-job rebuild must start fast
    templates = templates_by_name(ws)
    outcomes: list[PdfOutcome] = []
    updates: list[tuple[int, str, str | None, dict[str, Any]]] = []
    try:
        resume: dict[str, Any] | None = load_resume(ws.home)
    except JobberError as exc:
        resume, resume_error = None, str(exc)
    for job_id in job_ids:
        if on_progress is not None:
            on_progress(len(outcomes), len(job_ids))
        job = jobs.get(job_id)
        if job is None:
            outcomes.append(PdfOutcome(job_id, error=f"no job with id {job_id}"))
            continue
        if job.status != JobStatus.READY.value:
            outcomes.append(PdfOutcome(job_id, error=_not_ready(job)))
            continue
        with log_context(job_id=job_id):
            try:
                if resume is None:
                    raise OperationFailed(resume_error)
                changes, _ = tailoring_changes(ws, resume, job, force=False)
                for name, value in changes.items():
                    setattr(job, name, value)
                rendered, _ = render_job(ws, job, resume, templates)
                path = _write(ws, job_id, rendered)
            except JobberError as exc:
                log_event(log, 40, "PDF regeneration failed", error=str(exc))
                outcomes.append(PdfOutcome(job_id, error=str(exc)))
                updates.append((job_id, "pdf_failed", str(exc), {"last_error": str(exc)}))
                continue
        outcomes.append(PdfOutcome(job_id, path=path))
        detail = _pdf_detail(path, rendered, resume, job) + (f"; {rendered.overflow}" if rendered.overflow else "")
        updates.append(
            (
                job_id,
                "pdf_ok",
                detail,
                {
                    **changes,
                    "pdf_path": path,
                    "pdf_fingerprint": rendered.fingerprint,
                    "pdf_generated_at": iso_utc(ws.clock()),
                    "last_error": None,
                },
            )
        )
    from ..jobs.updates import update_jobs

    update_jobs(ws, updates)
    if on_progress is not None:
        on_progress(len(outcomes), len(job_ids))
    return outcomes


def _not_ready(job: Job | JobRow) -> str:
    if job.status == JobStatus.DISCOVERED.value:
        return f"job {job.id} is discovered: use `jobber jobs process {job.id}` to tailor it and build its first PDF"
    return (
        f"job {job.id} is {job.status}: only ready jobs get their PDF regenerated "
        f"(reopen it first with `jobber jobs reopen {job.id}`)"
    )


def generate_pdf(ws: Workspace, job_id: int) -> JobRow:
    """Regenerate the PDF of a ready job. On failure the job stays ready with its last good PDF.

    Reads and writes without SQLAlchemy (store_reader.py, jobs/updates.py): one rebuild from the shell
    costs little more than the Typst compile itself."""
    job = ws.reader.job(job_id)
    if job.status != JobStatus.READY.value:
        raise BadInput(_not_ready(job))
    [outcome] = regenerate_pdfs(ws, [job_id])
    if outcome.error:
        raise OperationFailed(f"job {job_id} keeps its last PDF: {outcome.error}")
    return ws.reader.job(job_id)
