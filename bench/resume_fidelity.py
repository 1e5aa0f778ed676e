"""Resume fidelity: the share of printed strings an ATS reads back, per template; compile time per PDF.

For every file of tests/fixtures/resume_corpus and every bundled template: convert it as
`jobber resume import` does, build the template data, render with Jobber (font plan, fit steps,
fingerprint) and check the PDF with the ATS check. Beside it, in the same run, a bare
`typst.Compiler` compiles the same data with the same fonts once (no fit, no checks).
Goal (issue 14): 100% of strings preserved on every template.
Run: python bench/resume_fidelity.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import typst

from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES
from jobber_tui.core.jobs.models import Job
from jobber_tui.core.resume.ats_check import check_pdf
from jobber_tui.core.resume.data import build_resume_data
from jobber_tui.core.resume.importer import parse_resume_bytes
from jobber_tui.core.resume.render import CompileSettings, Renderer, _with_meta, canonical_json
from jobber_tui.core.resume.templates import Template, _scan

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "resume_corpus"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    templates = [t for t in _scan(BUNDLED_TEMPLATES, "bundled").values() if t.kind == "resume"]
    renderer = Renderer()
    settings = CompileSettings()
    totals: dict[str, list[int]] = {t.name: [0, 0] for t in templates}
    ratios: dict[str, list[float]] = {t.name: [] for t in templates}
    print(f"{'file':<38} {'template':<8} {'strings':>9} {'pages':>5} {'jobber ms':>9} {'bare ms':>8} {'ratio':>6}")
    for path in sorted(CORPUS.glob("*.json")):
        resume, _ = parse_resume_bytes(path.read_bytes(), path.name)
        for template in templates:
            data = build_resume_data(resume, Job(id=1, title="Engineer", employer="Acme"), template.name)
            try:
                rendered = renderer.render(template, data, settings)
            except Exception as exc:  # noqa: BLE001 - a missing font is a row, not a crash
                print(f"{path.name:<38} {template.name:<8} failed: {exc}")
                continue
            report = check_pdf(rendered.pdf, data)
            totals[template.name][0] += report.found
            totals[template.name][1] += report.checked
            jobber = _median(lambda t=template, d=data: renderer.render(t, d, settings), args.rounds)
            bare = _bare(renderer, template, data, settings, rendered.fit, args.rounds)
            ratios[template.name].append(jobber / bare)
            print(
                f"{path.name:<38} {template.name:<8} {report.found:>4}/{report.checked:<4} {rendered.pages:>5} "
                f"{jobber * 1000:9.1f} {bare * 1000:8.1f} {jobber / bare:5.2f}x"
            )
    print()
    for name, (found, checked) in totals.items():
        share = found / checked if checked else 0
        verdict = "OK" if found == checked else "MISSING"
        print(
            f"template {name}: {found}/{checked} strings preserved = {share:.1%} (goal 100%) {verdict}; "
            f"median compile vs bare {statistics.median(ratios[name]):.2f}x"
        )


def _median(run: object, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _bare(
    renderer: Renderer, template: Template, data: dict, settings: CompileSettings, fit: int, rounds: int
) -> float:
    """A plain typst.Compiler with the same fonts and data (at the fit step Jobber chose), compiled once."""
    plan = renderer.font_plan(template, data, settings)
    fonts = [str(template.fonts)] if template.fonts.is_dir() else []
    if plan.files:
        from jobber_tui.core.resume.fonts import cache_root

        fonts.append(str(renderer.fonts.fontset_dir(plan.files, Path(cache_root()))))
    compiler = typst.Compiler(root=str(template.folder), font_paths=fonts, ignore_system_fonts=True)
    payload = canonical_json(_with_meta(data, fonts=list(plan.families), fit=fit))
    main = template.main.read_bytes()
    compiler.compile(input={"main": main, "data.json": payload}, format="pdf", timestamp=0)  # warm up
    return _median(
        lambda: compiler.compile(input={"main": main, "data.json": payload}, format="pdf", timestamp=0), rounds
    )


if __name__ == "__main__":
    main()
