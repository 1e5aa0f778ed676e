"""Rules that sort a reply: acknowledgement, rejection, interview, assessment, offer or other; and the
newsletters and job alerts that are ignored.

Phrases are checked in a fixed order: rejection first, because rejections often mention offers ("we
have decided to offer the position to another candidate"), then offer, assessment, interview and
acknowledgement. Conditional sentences ("if selected, we will schedule an interview") never count as
an invitation. A result is `sure` when one rule decided it plainly; unsure ones may go to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .mail_text import MailMessage


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


ATS_DOMAINS = frozenset({
    "greenhouse.io", "greenhouse-mail.io", "lever.co", "ashbyhq.com", "ashby.io", "workable.com",
    "workablemail.com", "smartrecruiters.com", "myworkday.com", "myworkdayjobs.com", "workday.com", "icims.com",
    "jobvite.com", "bamboohr.com", "recruitee.com", "teamtailor.com", "teamtailor-mail.com", "personio.de",
    "personio.com", "breezy.hr", "applytojob.com", "jazzhr.com", "successfactors.com", "successfactors.eu",
    "taleo.net", "pinpointhq.com", "comeet.co", "join.com", "homerun.co", "recruiterbox.com", "freshteam.com",
    "zohorecruit.com", "jobylon.com", "rippling-ats.com", "dover.com", "gem.com", "hire.trakstar.com",
})
"""Senders that mail on behalf of many employers: their domain says nothing about which one."""

JOB_BOARD_DOMAINS = frozenset({
    "linkedin.com", "indeed.com", "glassdoor.com", "ziprecruiter.com", "monster.com", "stepstone.de", "xing.com",
    "dice.com", "wellfound.com", "otta.com", "simplyhired.com", "careerbuilder.com", "hired.com",
    "welcometothejungle.com", "builtin.com", "weworkremotely.com", "remoteok.com",
})

_ALERT_SUBJECT = re.compile(
    r"job alert|jobs? for you|new jobs?\b|\d+\+? (?:new )?(?:jobs|roles|positions)\b|jobs? (?:matching|that match)|"
    r"recommended (?:jobs|roles)|jobs? you may (?:be interested in|like)|weekly digest|newsletter|"
    r"(?:is|are) hiring\b|top (?:jobs|picks)|stellenangebote|jobempfehlung", re.I)
_AUTO_REPLY_SUBJECT = re.compile(r"^(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|abwesenheit)",
                                 re.I)
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|antw|fwd?|wg)\s*:", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|should|once|in case|in the event|whether|may|might|unless|wenn|falls|sollten)\b")

_REJECTION = [re.compile(p) for p in (
    r"\bnot (?:to )?(?:be )?(?:mov(?:e|ing)|progress(?:ing)?|proceed(?:ing)?) (?:forward|further|ahead)",
    r"(?:decided|chosen|opted|elected) to (?:move forward|proceed|go ahead|continue|progress) with (?:other|another|"
    r"a different|different|candidates)",
    r"(?:pursue|pursuing|proceed with|progress with|move forward with) (?:other|another|more qualified) candidates?",
    r"offer(?:ed)? the (?:position|role|job) to (?:another|a different|someone|other)",
    r"\b(?:position|role|vacancy) (?:has (?:now )?been|was|is now) filled",
    r"\bnot (?:been )?(?:selected|shortlisted)\b",
    r"no longer (?:considering|under consideration|being considered)",
    r"regret to (?:inform|let you know|tell you)",
    r"unfortunately[^.!?]{0,160}\b(?:not|unable|won't|cannot|can't|other candidates|no longer)\b",
    r"unable to (?:offer you|move forward|proceed)",
    r"\bnot (?:a|the right) (?:fit|match)\b",
    r"\bleider\b[^.!?]{0,160}\b(?:nicht|keine|absagen|anderen? (?:kandidat|bewerber))",
    r"\babsage\b",
)]
_OFFER = [re.compile(p) for p in (
    r"(?:extend|extending|make|making|present|presenting) (?:you )?(?:an? |our |the )?(?:formal |written |verbal |"
    r"official )?(?:job |employment )?offer\b",
    r"\boffer letter\b", r"\bjob offer\b", r"\boffer of employment\b", r"\bemployment offer\b",
    r"(?:pleased|delighted|happy|thrilled|excited) to (?:offer you|inform you that we would like to offer)",
    r"\b(?:vertragsangebot|arbeitsvertrag|zusage)\b",
)]
_ASSESSMENT = [re.compile(p) for p in (
    r"\b(?:coding|technical|take[- ]home|online|skills?|programming) (?:challenge|assessment|exercise|test|"
    r"assignment|task)\b",
    r"\b(?:complete|take|start|finish|submit) (?:an? |the |our |your |this )?(?:short |brief |online )?(?:\w+ )?"
    r"(?:assessment|challenge|assignment)\b",
    r"\bassessment (?:link|invitation|invite)\b",
    r"\b(?:hackerrank|codility|codesignal|testgorilla|coderbyte|devskiller)\b",
    r"\bcase study\b",
)]
_INTERVIEW = [re.compile(p) for p in (
    r"invit\w* you (?:to|for) (?:an? |the |our |a first |a second |a final )?(?:\w+ ){0,2}(?:interview|call|"
    r"conversation|chat|meeting|on-?site)",
    r"\b(?:schedule|book|arrange|set up|find) (?:an? |the |your |some |our )?(?:\w+ ){0,2}(?:interview|call|"
    r"time to (?:talk|chat|speak)|chat|meeting|conversation)",
    r"\binterview (?:invitation|invite|request|slot)\b",
    r"\b(?:calendly\.com|goodtime\.io|cal\.com/|pick a (?:time|slot)|select a (?:time|slot))",
    r"would (?:love|like) to (?:speak|talk|chat|meet) (?:with|to) you",
    r"\b(?:let us|let me) know your availability\b|\byour availability (?:for|next|this)\b",
    r"\b(?:einladung zu[mr]? |zu einem )(?:\w+ )?(?:vorstellungsgespräch|gespräch|interview|kennenlernen)",
    r"\bvorstellungsgespräch\b",
)]
_SCREENING = re.compile(r"phone screen|screening (?:call|interview)|intro(?:ductory)? (?:call|chat)|initial (?:call|"
                        r"chat|conversation|interview)|recruiter (?:call|screen|chat)|first (?:call|chat)|quick call")
_ACKNOWLEDGEMENT = [re.compile(p) for p in (
    r"thank(?:s| you) for (?:your )?(?:applying|application|interest in)",
    r"(?:received|receipt of|receiving) your application",
    r"\bapplication (?:has been |was |is )?(?:received|submitted|complete)\b",
    r"\bwe(?:'ve| have) (?:received|got) your\b",
    r"(?:eingang ihrer bewerbung|vielen dank für ihre bewerbung|bewerbung (?:ist )?eingegangen)",
)]


def classify(msg: MailMessage) -> Classification:
    """The rules' verdict on one message (never "ignored": see `ignore_reason` for that)."""
    # A reply's subject ("Re: Interview invitation") repeats the earlier message's news, not this one's.
    subject = "" if _REPLY_SUBJECT.match(msg.subject) else msg.subject
    text = _normal(f"{subject}.\n{msg.text}")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    plain = [s for s in sentences if not _CONDITIONAL.search(s)]
    rejection = _first(_REJECTION, sentences)
    if rejection:
        return Classification(Category.REJECTION, True, f"rejection phrase {rejection!r}")
    found = {cat: hit for cat, rules in ((Category.OFFER, _OFFER), (Category.ASSESSMENT, _ASSESSMENT),
                                         (Category.INTERVIEW, _INTERVIEW)) if (hit := _first(rules, plain))}
    if found:
        category, hit = next(iter(found.items()))  # dict order is the precedence order
        screening = category is Category.INTERVIEW and bool(_SCREENING.search(" ".join(plain)))
        sure = len(found) == 1
        why = f"{category.value} phrase {hit!r}" + ("" if sure else f" (also {', '.join(list(found)[1:])})")
        return Classification(category, sure, why, screening=screening)
    ack = _first(_ACKNOWLEDGEMENT, sentences)
    if ack:
        return Classification(Category.ACKNOWLEDGEMENT, True, f"acknowledgement phrase {ack!r}")
    return Classification(Category.OTHER, False, "no phrase matched")


def ignore_reason(msg: MailMessage, verdict: Classification, *, in_thread: bool) -> str | None:
    """Why a message is not about an application (job alert, newsletter, auto-reply), or None."""
    if in_thread and verdict.category is not Category.OTHER:
        return None  # a reply in a known thread is never a newsletter
    domain = msg.sender_domain
    bulk = bool(msg.headers.get("List-Id")) or msg.headers.get("Precedence", "").lower() in {"bulk", "list", "junk"}
    unsubscribe = bool(msg.headers.get("List-Unsubscribe"))
    if _ALERT_SUBJECT.search(msg.subject) or (sender_in(domain, JOB_BOARD_DOMAINS) and (bulk or unsubscribe)):
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
