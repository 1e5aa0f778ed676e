"""Deterministic, explainable suitability scores (0-100) with a one-line reason.

score = 60 x skills coverage (the share of the skills a job names that your resume has)
      + 25 x title match (best overlap with `scoring.target_titles`, else your resume's label and positions)
      + 15 for place (remote and `remote_ok`, or a location in `scoring.locations`; 8 when you set no
        locations and the job is not remote; 0 when it is outside them)
An excluded company or keyword (`scoring.exclude_companies` / `exclude_keywords`) scores 0.

Fast enough for 10,000 jobs in well under 2 s: the resume's terms are computed once per profile, and a
job costs one tokenising regex pass and a few set operations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..infra.config_model import ScoringConfig
from ..infra.json_values import object_at
from ..resume.skill_terms import ALIASES, AMBIGUOUS, SKILL_TERMS
from .dedup import employer_key, text_key
from .store import save_scores, scoring_rows

if TYPE_CHECKING:
    from ..workspace import Workspace

SKILLS, TITLE, PLACE = 60, 25, 15
NEUTRAL_PLACE = 8
UNKNOWN_SKILLS = 0.4
"""Coverage assumed when a job names none of the known skills: below an even chance, above nothing."""
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")
_SENIORITY = frozenset(
    "senior sr jr junior staff principal lead head chief ii iii iv i mid level entry the a an of and for with".split()
)
MAX_REASON = 240
_LIST_CONTEXT = re.compile(r"\s*(?:[,/)]|$|\n|(?:and|or)\b|\()")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def term_key(term: str) -> str:
    """A skill as the scorer compares it: lower-case tokens joined by spaces, aliases resolved."""
    key = " ".join(tokens(term))
    return ALIASES.get(key, key)


@dataclass(frozen=True)
class Terms:
    """The skill vocabulary, split for speed: single tokens by set lookup, phrases by their tokens."""

    single: dict[str, str]
    """token -> canonical term"""
    phrases: tuple[tuple[frozenset[str], str, str], ...]
    """(its tokens, " a b " to find in the joined text, canonical term)"""
    ambiguous: dict[str, re.Pattern[str]]

    @classmethod
    def build(cls, terms: Iterable[str]) -> Terms:
        single: dict[str, str] = {}
        phrases: dict[str, tuple[frozenset[str], str, str]] = {}
        for term in terms:
            raw = " ".join(tokens(term))
            if not raw:
                continue
            canonical = ALIASES.get(raw, raw)
            if " " in raw:
                phrases[raw] = (frozenset(raw.split()), f" {raw} ", canonical)
            else:
                single[raw] = canonical
        ambiguous = {
            word: _any_of(forms, before="A-Za-z0-9&", after="A-Za-z0-9&+#") for word, forms in AMBIGUOUS.items()
        }
        return cls(single, tuple(phrases.values()), ambiguous)

    def find(self, text: str) -> set[str]:
        """The canonical terms a text names."""
        words = tokens(text)
        present = set(words)
        found = {
            self.single[w]
            for w in present.intersection(self.single)
            if w not in self.ambiguous or _means_skill(self.ambiguous[w], text)
        }
        joined: str | None = None
        for parts, spaced, canonical in self.phrases:
            if parts <= present:
                if joined is None:
                    joined = f" {' '.join(words)} "
                if spaced in joined:
                    found.add(canonical)
        return found


@dataclass(frozen=True)
class ScoringProfile:
    """Everything about you the scorer needs, computed once per run."""

    terms: Terms
    skills: frozenset[str]
    """Canonical terms your resume has."""
    targets: tuple[frozenset[str], ...]
    target_names: tuple[str, ...]
    locations: tuple[str, ...]
    remote_ok: bool
    exclude_companies: tuple[str, ...]
    exclude_keywords: re.Pattern[str] | None


def build_profile(resume: dict[str, Any], settings: ScoringConfig) -> ScoringProfile:
    """From the base resume and the `[scoring]` settings."""
    explicit = [str(k) for group in _dicts(resume.get("skills")) for k in _list(group.get("keywords")) if k]
    explicit += [str(k) for project in _dicts(resume.get("projects")) for k in _list(project.get("keywords")) if k]
    terms = Terms.build([*SKILL_TERMS, *explicit, *ALIASES])
    skills = {term_key(k) for k in explicit} | terms.find(_resume_text(resume))
    basics = object_at(resume, "basics")
    names = list(settings.target_titles)
    if not names:  # your own titles stand in until you configure target titles
        names = [str(basics.get("label") or "")] + [str(w.get("position") or "") for w in _dicts(resume.get("work"))]
    targets = [(frozenset(_title_words(n)), n) for n in names]
    targets = [(words, n) for words, n in targets if words]
    keywords = [str(k).strip().lower() for k in settings.exclude_keywords if str(k).strip()]
    exclude = _any_of(keywords, before="a-z0-9", after="a-z0-9") if keywords else None
    companies = [employer_key(str(c)) for c in settings.exclude_companies if str(c).strip()]
    return ScoringProfile(
        terms=terms,
        skills=frozenset(skills),
        targets=tuple(w for w, _ in targets),
        target_names=tuple(n.strip().lower() for _, n in targets),
        locations=tuple(str(x).strip().lower() for x in settings.locations if str(x).strip()),
        remote_ok=settings.remote_ok,
        exclude_companies=tuple(companies),
        exclude_keywords=exclude,
    )


def score(
    profile: ScoringProfile, title: str, employer: str, location: str | None, is_remote: bool, description: str
) -> tuple[int, str]:
    """(0-100, one-line reason)."""
    company = employer_key(employer)
    for excluded in profile.exclude_companies:
        if excluded and (company == excluded or company.startswith(excluded + " ")):  # Amazon: Amazon Web Services
            return 0, f"excluded company: {employer}"[:MAX_REASON]
    if profile.exclude_keywords is not None:
        hit = profile.exclude_keywords.search(title.lower()) or profile.exclude_keywords.search(description.lower())
        if hit:
            return 0, f"excluded keyword: {hit.group(0)}"
    asked = profile.terms.find(f"{title}\n{description}")
    covered = sorted(asked & profile.skills)
    missing = sorted(asked - profile.skills)
    coverage = len(covered) / len(asked) if asked else UNKNOWN_SKILLS
    title_ratio, title_name = _title_match(profile, title)
    place_points, place_text = _place(profile, location, is_remote)
    total = round(SKILLS * coverage + TITLE * title_ratio + place_points)
    if asked:
        skills_text = f"skills {len(covered)}/{len(asked)}"
        detail = ", ".join(covered[:5]) + ("…" if len(covered) > 5 else "")
        gaps = ", ".join(missing[:3]) + ("…" if len(missing) > 3 else "")
        skills_text += (
            f" ({detail}{'; ' if detail and gaps else ''}{'missing ' + gaps if gaps else ''})" if detail or gaps else ""
        )
    else:
        skills_text = "no known skills named"
    title_text = f"title {round(title_ratio * 100)}% '{title_name}'" if title_name else "no title match"
    reason = f"{skills_text}; {title_text}; {place_text}"
    return max(0, min(100, total)), reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"


def score_rows(
    profile: ScoringProfile, rows: Iterable[tuple[int, str, str, str | None, bool, str]]
) -> list[tuple[int, int, str]]:
    """(id, score, reason) for store rows (id, title, employer, location, isRemote, description)."""
    return [(row[0], *score(profile, row[1], row[2], row[3], row[4], row[5])) for row in rows]


def score_jobs(ws: Workspace, job_ids: list[int] | None = None, *, rescore: bool = False) -> list[tuple[int, int, str]]:
    """Score and store: the given jobs (any status), else every discovered job without a score
    (`rescore`: every discovered job)."""
    from ..infra.errors import BadInput
    from ..resume.base import load_resume

    profile = build_profile(load_resume(ws.home), ws.settings.scoring)
    rows = scoring_rows(ws.store, job_ids, unscored_only=not rescore)
    if job_ids:
        missing = sorted(set(job_ids) - {row[0] for row in rows})
        if missing:
            raise BadInput(f"no job with id {missing[0]}")
    scores = score_rows(profile, rows)
    from .llm_scoring import rescore_with_llm

    scores, warnings = rescore_with_llm(ws, rows, scores)
    for job_id, warning in warnings:  # on the job's timeline; the CLI and the UI show them
        if job_id is not None:
            ws.store.record_event(job_id, "warning", warning)
    save_scores(ws.store, scores)
    return scores


def _title_match(profile: ScoringProfile, title: str) -> tuple[float, str]:
    words = set(_title_words(title))
    best, name = 0.0, ""
    for target, target_name in zip(profile.targets, profile.target_names, strict=True):
        ratio = len(target & words) / len(target)
        if ratio > best:
            best, name = ratio, target_name
    return best, name


def _place(profile: ScoringProfile, location: str | None, is_remote: bool) -> tuple[int, str]:
    where = (location or "").lower()
    match = next((loc for loc in profile.locations if loc in where), None)
    if match:
        return PLACE, f"in {match}"
    if is_remote:
        return (PLACE, "remote") if profile.remote_ok else (0, "remote (remote_ok is false)")
    if not profile.locations:
        return NEUTRAL_PLACE, "location not rated"
    return 0, f"outside your locations ({location or 'none given'})"


def _title_words(title: str) -> list[str]:
    return [w for w in text_key(title).split() if w not in _SENIORITY]


def _means_skill(pattern: re.Pattern[str], text: str) -> bool:
    """ "Go" is the language mid-sentence or in a list ("Go, Python"), not in "Go the extra mile."."""
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()].rstrip(" \t")
        if before and before[-1] not in ".!?:;\n":
            return True
        if _LIST_CONTEXT.match(text, match.end()):
            return True
    return False


def _any_of(words: Iterable[str], *, before: str, after: str) -> re.Pattern[str]:
    """One regex for several literal words, each standing alone (not inside a longer word)."""
    return re.compile(f"(?<![{before}])(?:" + "|".join(map(re.escape, words)) + f")(?![{after}])")


def _resume_text(resume: dict[str, Any]) -> str:
    basics = object_at(resume, "basics")
    parts = [str(basics.get("label") or ""), str(basics.get("summary") or "")]
    for entry in _dicts(resume.get("work")):
        parts += [str(entry.get("position") or ""), str(entry.get("summary") or "")]
        parts += map(str, _list(entry.get("highlights")))
    for project in _dicts(resume.get("projects")):
        parts += [str(project.get("description") or ""), *map(str, _list(project.get("highlights")))]
    return "\n".join(parts)


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
