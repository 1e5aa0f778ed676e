"""Realistic RFC 5322 replies for the tracking tests: ATS senders, company senders, every category,
a thread reply, a newsletter and a job alert, an unknown company, RFC 2047 encoded headers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

ME = "Alex Doe <alex@example.org>"


@dataclass(frozen=True)
class Mail:
    name: str
    raw: bytes
    when: datetime


def build(
    name: str,
    sender: str,
    subject: str,
    body: str,
    *,
    days_ago: float = 1,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    headers: dict[str, str] | None = None,
    html: str | None = None,
) -> Mail:
    """A message as a mail server stores it (CRLF, encoded words for non-ASCII headers)."""
    when = datetime.now(UTC) - timedelta(days=days_ago)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = ME
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id or f"<{name}@mail.test>"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    return Mail(name, msg.as_bytes(), when)


def raw_mail(name: str, text: str, *, days_ago: float = 1) -> Mail:
    """A message written byte for byte (hand-encoded headers and quoted-printable body)."""
    when = datetime.now(UTC) - timedelta(days=days_ago)
    text = text.replace("{DATE}", format_datetime(when))
    return Mail(name, text.replace("\n", "\r\n").encode("ascii"), when)


ACK_ACME = build(
    "ack-acme",
    "Acme Corp Recruiting <no-reply@us.greenhouse-mail.io>",
    "Thank you for applying to Acme Corp",
    "Hi Alex,\n\nThanks for applying for the Backend Engineer role at Acme Corp. We have received your application "
    "and our team is reviewing it.\n\nIf your experience matches what we are looking for, we will reach out to "
    "schedule an interview.\n\nBest,\nAcme Corp Talent Team\nhttps://boards.greenhouse.io/acme/jobs/4012345",
    days_ago=6,
    headers={"Auto-Submitted": "auto-generated"},
)

INTERVIEW_NORDLICHT = build(
    "interview-nordlicht",
    "Jana Berg <jana.berg@nordlicht-energie.de>",
    "Interview invitation – Platform Engineer",
    "Hello Alex,\n\nthank you for your application. We would like to invite you to a technical interview with two "
    "of our platform engineers (60 minutes, video call).\n\nPlease pick a slot that suits you: "
    "https://calendly.com/nordlicht/platform-interview\n\nKind regards,\nJana Berg\nTalent Acquisition\n"
    "Phone +49 40 1234 5678",
    days_ago=5,
    message_id="<int-8812@nordlicht-energie.de>",
)

REJECTION_GLOBEX = build(
    "rejection-globex",
    "Globex Talent <no-reply@hire.lever.co>",
    "Your application to Globex",
    "Hi Alex,\n\nThank you for your interest in the Data Engineer position at Globex and for the time you "
    "invested.\n\nAfter careful consideration, we have decided to offer the position to another candidate whose "
    "experience more closely matches our current needs. We were impressed by your background and encourage you to "
    "apply for future openings.\n\nWe wish you the best of luck in your search.\n\nThe Globex Recruiting Team",
    days_ago=4,
)

ASSESSMENT_INITECH = build(
    "assessment-initech",
    "Initech Hiring <no-reply@ashbyhq.com>",
    "Next step: coding challenge for Site Reliability Engineer",
    "Hi Alex,\n\nThanks again for your interest in the Site Reliability Engineer role at Initech! As a next step "
    "we'd like you to complete a take-home assessment on CodeSignal. It takes about 90 minutes.\n\nStart here: "
    "https://app.codesignal.com/test/8842197731?invite=alex\n\nThe link expires in 7 days.\n\nInitech Recruiting",
    days_ago=3,
)

OFFER_HOOLI = build(
    "offer-hooli",
    "Gavin Belson <gavin@hooli.com>",
    "Your offer – Frontend Engineer",
    "Dear Alex,\n\nWe are thrilled to extend you an offer to join Hooli as a Frontend Engineer. Your offer letter "
    "with the compensation details is attached; please sign it by Friday.\n\nWelcome aboard (we hope)!\nGavin",
    days_ago=2,
    html="<html><body><p>Dear Alex,</p><p>We are thrilled to extend you an <b>offer</b> to join "
    "Hooli as a Frontend Engineer.</p></body></html>",
)

# Non-ASCII: an encoded sender name and subject, a quoted-printable UTF-8 body, a German interview invitation.
INTERVIEW_MUELLER = raw_mail(
    "interview-mueller",
    """\
From: =?utf-8?q?J=C3=BCrgen_Gro=C3=9F?= <bewerbung@mueller-soehne.de>
To: Alex Doe <alex@example.org>
Subject: =?utf-8?b?RWlubGFkdW5nIHp1bSBWb3JzdGVsbHVuZ3NnZXNwcsOkY2gg4oCTIFNvZnR3YXJlZW50d2lja2xlciAobS93L2Qp?=
Date: {DATE}
Message-ID: <ms-2291@mueller-soehne.de>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Sehr geehrter Herr Doe,

vielen Dank f=C3=BCr Ihre Bewerbung als Softwareentwickler bei M=C3=BCller &=
 S=C3=B6hne. Gerne m=C3=B6chten wir Sie zu einem Vorstellungsgespr=C3=A4ch =
in unserem B=C3=BCro in K=C3=B6ln einladen.

Mit freundlichen Gr=C3=BC=C3=9Fen
J=C3=BCrgen Gro=C3=9F
""",
    days_ago=2,
)

# A reply in the Nordlicht thread from an agency address: only the thread headers tie it to the job.
THREAD_REPLY = build(
    "thread-reply",
    "Sam Lee <sam@talentbridge-partners.example>",
    "Re: Interview invitation – Platform Engineer",
    "Hi Alex,\n\ngreat, Tuesday 10:00 works. The calendar entry follows shortly.\n\nSam\n\n"
    "On Mon, Jana Berg wrote:\n> We would like to invite you to a technical interview with the Acme team",
    days_ago=1,
    in_reply_to="<reply-from-alex-1@example.org>",
    references="<int-8812@nordlicht-energie.de> <reply-from-alex-1@example.org>",
)

JOB_ALERT = build(
    "job-alert",
    "LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>",
    "30 new jobs for Backend Engineer in Berlin",
    "Acme Corp is hiring: Backend Engineer. Globex: Data Engineer. Apply now and get interview tips for your "
    "next job offer.",
    days_ago=3,
    headers={"List-Unsubscribe": "<https://www.linkedin.com/e/unsubscribe>"},
)

NEWSLETTER = build(
    "newsletter",
    "The Pragmatic Engineer <newsletter@pragmaticengineer.example>",
    "The Pulse #112: how to negotiate a job offer",
    "This week: how to negotiate your job offer, why Acme Corp laid off 10% of staff, and what the interview "
    "loop at Hooli looks like.",
    days_ago=2,
    headers={
        "List-Id": "The Pulse <pulse.pragmaticengineer.example>",
        "Precedence": "bulk",
        "List-Unsubscribe": "<mailto:unsubscribe@pragmaticengineer.example>",
    },
)

UNKNOWN_COMPANY = build(
    "unknown-company",
    "Vandelay Careers <careers@vandelay-industries.example>",
    "Application received – Import/Export Analyst",
    "Dear Alex,\n\nThank you for applying to Vandelay Industries. We have received your application for the "
    "Import/Export Analyst position and will get back to you soon.\n\nVandelay Industries HR",
    days_ago=2,
)

NOT_APPLIED_UMBRELLA = build(
    "umbrella",
    "Umbrella Careers <talent@umbrella-corp.example>",
    "Your interview with Umbrella",
    "Hi Alex,\n\nthanks for your interest in the DevOps Engineer role. We would love to speak with you: could you "
    "book a 30 minute call with our recruiter this week?\n\nUmbrella Talent",
    days_ago=1,
)

AMBIGUOUS_ACME = build(
    "ambiguous-acme",
    "Acme Corp <no-reply@greenhouse.io>",
    "Update on your application",
    "Hi Alex,\n\nthank you for your interest in Acme Corp. Unfortunately, we will not be moving forward with your "
    "application at this time.\n\nAcme Corp Talent",
    days_ago=1,
)

PERSONAL = build(
    "personal",
    "Mom <mom@example.net>",
    "Sunday lunch",
    "Are you coming on Sunday? Bring the cake, and good luck with the job search!",
    days_ago=1,
)

OLD_ACK = build(
    "old-ack",
    "Acme Corp Recruiting <no-reply@greenhouse.io>",
    "Thank you for applying to Acme Corp",
    "Thanks for applying for the Backend Engineer role at Acme Corp.",
    days_ago=90,
)

INBOX = [
    ACK_ACME,
    INTERVIEW_NORDLICHT,
    REJECTION_GLOBEX,
    ASSESSMENT_INITECH,
    OFFER_HOOLI,
    INTERVIEW_MUELLER,
    THREAD_REPLY,
    JOB_ALERT,
    NEWSLETTER,
    UNKNOWN_COMPANY,
    NOT_APPLIED_UMBRELLA,
    AMBIGUOUS_ACME,
    PERSONAL,
    OLD_ACK,
]
"""The seeded inbox, in arrival order (the thread reply comes after the message it answers)."""

JOBS = {
    "acme": {
        "title": "Backend Engineer",
        "employer": "Acme Corp",
        "jobUrl": "https://boards.greenhouse.io/acme/jobs/1",
    },
    "acme_data": {
        "title": "Data Analyst",
        "employer": "ACME Corporation",
        "jobUrl": "https://boards.greenhouse.io/acme/jobs/2",
    },
    "nordlicht": {
        "title": "Platform Engineer",
        "employer": "Nordlicht Energie GmbH",
        "jobUrl": "https://karriere.nordlicht-energie.de/jobs/platform",
    },
    "globex": {"title": "Data Engineer", "employer": "Globex", "jobUrl": "https://jobs.lever.co/globex/1"},
    "initech": {
        "title": "Site Reliability Engineer",
        "employer": "Initech",
        "jobUrl": "https://jobs.ashbyhq.com/initech/1",
    },
    "hooli": {"title": "Frontend Engineer", "employer": "Hooli", "jobUrl": "https://hooli.com/careers/fe"},
    "mueller": {
        "title": "Softwareentwickler (m/w/d)",
        "employer": "Müller & Söhne GmbH",
        "jobUrl": "https://mueller-soehne.de/jobs/7",
    },
    "umbrella": {"title": "DevOps Engineer", "employer": "Umbrella", "jobUrl": "https://umbrella-corp.example/jobs/3"},
}
NOT_APPLIED = {"umbrella"}
"""Jobs left in discovered (the user forgot to mark them applied)."""
