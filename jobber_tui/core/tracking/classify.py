"""Rules that sort a reply: acknowledgement, rejection, interview, assessment, offer or other; and the
newsletters and job alerts that are ignored.

Phrases (phrases.py, in English, German, French and Spanish) are checked in a fixed order: rejection
first, because rejections often mention offers ("we have decided to offer the position to another
candidate"), then offer, assessment, interview and acknowledgement. Conditional, hypothetical and generic
sentences ("if you are not selected...", "we cannot answer every application") never decide a category.
A result is `sure` when one rule decided it plainly; unsure ones may go to the model, then to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .mail_text import MailMessage
from .phrases import (
    ACKNOWLEDGEMENT,
    APPLIED,
    ASSESSMENT,
    HEDGES,
    INTERVIEW,
    OFFER,
    OUTREACH,
    REJECTION,
    SCREENING,
    THANKS,
)


class Category(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    REJECTION = "rejection"
    INTERVIEW = "interview"
    ASSESSMENT = "assessment"
    OFFER = "offer"
    OTHER = "other"


@dataclass(frozen=True)
class Classification:
    category: Category
    sure: bool
    reason: str
    """The rule (or "model") that decided, for the review inbox and the log."""
    screening: bool = False
    """An interview invitation for a first call with a recruiter (the stage becomes screening)."""


ATS_DOMAINS = frozenset(
    {
        "greenhouse.io",
        "greenhouse-mail.io",
        "lever.co",
        "ashbyhq.com",
        "ashby.io",
        "workable.com",
        "workablemail.com",
        "smartrecruiters.com",
        "myworkday.com",
        "myworkdayjobs.com",
        "workday.com",
        "icims.com",
        "jobvite.com",
        "bamboohr.com",
        "recruitee.com",
        "teamtailor.com",
        "teamtailor-mail.com",
        "personio.de",
        "personio.com",
        "breezy.hr",
        "applytojob.com",
        "jazzhr.com",
        "successfactors.com",
        "successfactors.eu",
        "taleo.net",
        "pinpointhq.com",
        "comeet.co",
        "join.com",
        "homerun.co",
        "recruiterbox.com",
        "freshteam.com",
        "zohorecruit.com",
        "jobylon.com",
        "rippling-ats.com",
        "dover.com",
        "gem.com",
        "hire.trakstar.com",
        "welcomekit.co",
        "softgarden.io",
        "softgarden.de",
        "d.vinci.de",
        "rexx-systems.com",
    }
)
"""Senders that mail on behalf of many employers: their domain says nothing about which one."""

JOB_BOARD_DOMAINS = frozenset(
    {
        "linkedin.com",
        "indeed.com",
        "glassdoor.com",
        "ziprecruiter.com",
        "monster.com",
        "stepstone.de",
        "xing.com",
        "dice.com",
        "wellfound.com",
        "otta.com",
        "simplyhired.com",
        "careerbuilder.com",
        "hired.com",
        "welcometothejungle.com",
        "builtin.com",
        "weworkremotely.com",
        "remoteok.com",
        "apec.fr",
        "infojobs.net",
        "indeed.fr",
        "indeed.de",
        "indeed.es",
        "jobteaser.com",
        "hellowork.com",
    }
)

_ALERT_SUBJECT = re.compile(
    r"job alert|jobs? for you|new jobs?\b|\d+\+? (?:new |neue |nouvelles |nuevas )?(?:jobs|roles|positions|offres|"
    r"ofertas|stellen)\b|jobs? (?:matching|that match)|recommended (?:jobs|roles)|jobs? you may (?:be interested in|"
    r"like)|weekly digest|newsletter|(?:is|are) hiring\b|top (?:jobs|picks)|stellenangebote|jobempfehlung|jobagent|"
    r"nouvelles offres|nuevas ofertas",
    re.I,
)
_AUTO_REPLY_SUBJECT = re.compile(
    r"^(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|abwesenheit|"
    r"réponse automatique|respuesta automática)",
    re.I,
)
_HIRING_ONLY = re.compile(r"^(?!.*(?:job alert|new jobs?|\d+\+? )).*(?:is|are) hiring\b", re.I)
""""Acme is hiring" from a person (no list headers, no job board) is a recruiter writing, not an alert."""
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|antw|fwd?|wg|tr|rv)\s*:", re.I)


def classify(msg: MailMessage) -> Classification:
    """The rules' verdict on one message (never "ignored": see `ignore_reason` for that).

    Only plain sentences decide: a hedged one (conditional, hypothetical, about applicants in general)
    is read for nothing but an acknowledgement. A rejection is sure only when nothing else in the plain
    sentences points elsewhere ("not this role, but we'd like to interview you for another" goes to review).
    """
    # A reply's subject ("Re: Interview invitation") repeats the earlier message's news, not this one's.
    subject = "" if _REPLY_SUBJECT.match(msg.subject) else msg.subject
    text = _normal(f"{subject}.\n{msg.text}")
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    plain = [s for s in sentences if not HEDGES.search(s)]
    rejection = _first(REJECTION, plain)
    # "we have decided to extend an offer to another candidate": the rejection's own words are no offer.
    rest = [s.replace(rejection, " ") for s in plain] if rejection else plain
    found = {
        cat: hit
        for cat, rules in ((Category.OFFER, OFFER), (Category.ASSESSMENT, ASSESSMENT), (Category.INTERVIEW, INTERVIEW))
        if (hit := _first(rules, rest))
    }
    if rejection:
        also = f" (also {', '.join(found)})" if found else ""
        return Classification(Category.REJECTION, not found, f"rejection phrase {rejection!r}{also}")
    if OUTREACH.search(text) and not APPLIED.search(text):
        return Classification(Category.OTHER, False, "recruiter outreach, not a reply to an application")
    if found:
        category, hit = next(iter(found.items()))  # dict order is the precedence order
        screening = category is Category.INTERVIEW and bool(SCREENING.search(" ".join(plain)))
        sure = len(found) == 1
        why = f"{category.value} phrase {hit!r}" + ("" if sure else f" (also {', '.join(list(found)[1:])})")
        return Classification(category, sure, why, screening=screening)
    ack = _first(ACKNOWLEDGEMENT, sentences)
    thanks = None if ack else _first(THANKS, sentences)
    hedged = _first(REJECTION, [s for s in sentences if s not in plain])
    if ack or thanks:
        note = f"; conditional wording {hedged!r} decides nothing" if hedged else ""
        if ack:
            return Classification(Category.ACKNOWLEDGEMENT, True, f"acknowledgement phrase {ack!r}{note}")
        # Only thanks: a rejection in words the rules do not know reads the same. The model may look.
        return Classification(Category.ACKNOWLEDGEMENT, False, f"only thanks {thanks!r}{note}")
    if hedged:
        return Classification(Category.OTHER, False, f"only conditional wording {hedged!r}")
    return Classification(Category.OTHER, False, "no phrase matched")


def ignore_reason(msg: MailMessage, verdict: Classification, *, in_thread: bool) -> str | None:
    """Why a message is not about an application (job alert, newsletter, auto-reply), or None."""
    if in_thread and verdict.category is not Category.OTHER:
        return None  # a reply in a known thread is never a newsletter
    domain = msg.sender_domain
    bulk = bool(msg.headers.get("List-Id")) or msg.headers.get("Precedence", "").lower() in {"bulk", "list", "junk"}
    unsubscribe = bool(msg.headers.get("List-Unsubscribe"))
    board = sender_in(domain, JOB_BOARD_DOMAINS)
    if (
        _ALERT_SUBJECT.search(msg.subject) and (board or bulk or unsubscribe or not _HIRING_ONLY.search(msg.subject))
    ) or (board and (bulk or unsubscribe)):
        return "job alert"
    if _AUTO_REPLY_SUBJECT.search(msg.subject) or msg.headers.get("Auto-Submitted", "").lower() == "auto-replied":
        return "auto-reply"
    if bulk and not sender_in(domain, ATS_DOMAINS):
        return "newsletter"  # mailing lists talk about offers and interviews too; ATS mail may be sent as bulk
    if unsubscribe and verdict.category is Category.OTHER and not sender_in(domain, ATS_DOMAINS):
        return "newsletter"
    return None


def sender_in(domain: str, domains: frozenset[str]) -> bool:
    """True for the domain itself and its subdomains ("us.greenhouse-mail.io")."""
    parts = domain.lower().split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts) - 1))


def _normal(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text)


def _first(rules: list[re.Pattern[str]], sentences: list[str]) -> str | None:
    for rule in rules:
        for sentence in sentences:
            hit = rule.search(sentence)
            if hit:
                return hit.group(0)
    return None
