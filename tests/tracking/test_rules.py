"""The headless rules without a server: classification, newsletters, matching, stages, parsing, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobber_tui.core.infra.config import parse_config
from jobber_tui.core.infra.errors import BadInput
from jobber_tui.core.tracking.classify import Category, classify, ignore_reason
from jobber_tui.core.tracking.imap_reader import parse_fetch, quote_folder
from jobber_tui.core.tracking.mail_text import parse_mail, snippet
from jobber_tui.core.tracking.match import CONFIDENT, JobIndex, JobRef, employer_tokens
from jobber_tui.core.tracking.settings import tracking_settings
from jobber_tui.core.tracking.stages import change_for, parse_stage

from .mails import INTERVIEW_MUELLER, NEWSLETTER, REJECTION_GLOBEX


def mail(subject: str, body: str, sender: str = "Team <jobs@acme.com>", **headers: str):  # noqa: ANN201
    head = f"From: {sender}\r\nSubject: {subject}\r\nMessage-ID: <{abs(hash(subject + body))}@t>\r\n"
    head += "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in headers.items())
    return parse_mail((head + "\r\n").encode(), body.encode(), fallback_id="<x@t>")


@pytest.mark.parametrize(
    ("subject", "body", "category"),
    [
        (
            "Your application",
            "Thank you for applying. Unfortunately, we have decided to offer the position to another candidate.",
            Category.REJECTION,
        ),
        ("Update", "We regret to inform you that we are unable to offer you a position.", Category.REJECTION),
        (
            "Thanks!",
            "We have received your application. If you are shortlisted we will schedule an interview.",
            Category.ACKNOWLEDGEMENT,
        ),
        ("Next steps", "We'd like to invite you to a technical interview. Please pick a slot.", Category.INTERVIEW),
        ("Offer", "We are delighted to offer you the role; your offer letter is attached.", Category.OFFER),
        ("Challenge", "Please complete the take-home assessment within a week.", Category.ASSESSMENT),
        ("Re: Interview invitation", "Thanks, see you then.", Category.OTHER),  # a reply's subject is old news
    ],
)
def test_rules_sort_replies(subject: str, body: str, category: Category) -> None:
    assert classify(mail(subject, body)).category is category


def test_screening_calls_and_unsure_mixes() -> None:
    first = classify(mail("Quick chat?", "We would love to schedule an intro call with our recruiter."))
    assert first.category is Category.INTERVIEW and first.screening and first.sure
    mixed = classify(mail("Next round", "We'd like to invite you to an interview, which includes a coding challenge."))
    assert mixed.category is Category.ASSESSMENT and not mixed.sure


def test_seeded_edge_cases_parse_and_classify() -> None:
    rejection = parse_mail(*REJECTION_GLOBEX.raw.split(b"\r\n\r\n", 1), fallback_id="<x@t>")
    assert classify(rejection).category is Category.REJECTION  # it mentions "offer"
    german = parse_mail(*INTERVIEW_MUELLER.raw.split(b"\r\n\r\n", 1), fallback_id="<x@t>")
    assert (german.sender_name, german.sender_address) == ("Jürgen Groß", "bewerbung@mueller-soehne.de")
    assert german.subject == "Einladung zum Vorstellungsgespräch – Softwareentwickler (m/w/d)"
    assert "Vorstellungsgespräch" in german.text and classify(german).category is Category.INTERVIEW
    letter = parse_mail(*NEWSLETTER.raw.split(b"\r\n\r\n", 1), fallback_id="<x@t>")
    assert ignore_reason(letter, classify(letter), in_thread=False) == "newsletter"


def test_job_alerts_and_auto_replies_are_ignored() -> None:
    alert = mail("25 new jobs for Platform Engineer", "Acme is hiring", "LinkedIn <jobalerts-noreply@linkedin.com>")
    assert ignore_reason(alert, classify(alert), in_thread=False) == "job alert"
    away = mail("Automatic reply: Interview", "I am out of office until Monday.")
    assert ignore_reason(away, classify(away), in_thread=False) == "auto-reply"
    ats = mail(
        "Thank you for applying",
        "We received your application.",
        "Acme <no-reply@greenhouse.io>",
        Precedence="bulk",
        List_Unsubscribe="<mailto:u@greenhouse.io>",
    )
    assert ignore_reason(ats, classify(ats), in_thread=False) is None


def test_snippets_drop_links_numbers_and_addresses() -> None:
    text = "Call +49 170 1234567 or mail anna@acme.com, test at https://x.example/t?id=99887766 code 123456."
    line = snippet(text)
    assert "1234567" not in line and "anna@" not in line and "https" not in line and "123456" not in line
    assert len(snippet("word " * 100)) <= 160


def test_terminal_control_sequences_in_a_mail_are_dropped() -> None:
    """`track review` prints sender, subject and snippet: an ESC there would drive the user's terminal."""
    osc52 = "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07"
    head = "From: =?utf-8?b?QWNtZRtbMko=?= <jobs@acme.com>\r\nSubject: =?utf-8?q?Interview=1B]0;pwned=07?="
    msg = parse_mail((head + "\r\n").encode(), f"Hi{osc52}, can we talk\x9b31m Monday?".encode(), fallback_id="<x@t>")
    for text in (msg.sender_name, msg.subject, msg.text, msg.snippet):
        assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in text), repr(text)
    assert msg.subject.startswith("Interview") and msg.sender_name.startswith("Acme") and "Monday" in msg.text


def _index() -> JobIndex:
    return JobIndex(
        [
            JobRef(1, "Backend Engineer", "Acme Corp", "applied"),
            JobRef(2, "Data Analyst", "ACME Corporation", "applied"),
            JobRef(3, "Platform Engineer", "Nordlicht Energie GmbH", "applied", "https://nordlicht-energie.de/jobs/1"),
            JobRef(4, "SRE", "Initech", "ready"),
            *[JobRef(100 + i, "Engineer", f"Board Company {i}", "discovered") for i in range(2000)],
        ]
    )


def test_matching_signals() -> None:
    index = _index()
    by_domain = index.match(mail("Hello", "Let us talk.", "Jana <jana@careers.nordlicht-energie.de>"))
    assert (by_domain.job_id, by_domain.confident) == (3, True)
    by_title = index.match(mail("Backend Engineer at Acme Corp", "Thanks", "Acme <no-reply@greenhouse.io>"))
    assert (by_title.job_id, by_title.confident) == (1, True)
    ambiguous = index.match(mail("Your application", "Thanks from Acme", "Acme <no-reply@greenhouse.io>"))
    assert ambiguous.job_id in (1, 2) and not ambiguous.confident
    fuzzy = index.match(mail("Platform Engineer role", "Greetings from Nordlicht Energy!", "x <a@lever.co>"))
    assert fuzzy.job_id == 3 and fuzzy.score >= CONFIDENT
    not_applied = index.match(mail("Initech interview", "Hi", "HR <hr@initech.example>"))
    assert (not_applied.job_id, not_applied.status, not_applied.confident) == (4, "ready", False)
    assert index.match(mail("Dinner", "See you", "Mom <mom@example.net>")).job_id is None
    assert index.match(mail("x", "y"), thread_job=2).job_id == 2
    assert employer_tokens("Müller & Söhne GmbH") == ("mueller", "soehne")


def test_stages_move_forward_and_closed_needs_the_user() -> None:
    assert change_for(None, "interview").stage == "interview"
    assert not change_for("interview", "screening").changes  # never backwards
    assert change_for("offer", "closed").outcome == "rejected"
    late = change_for("closed", "offer", category="offer")
    assert not late.changes and late.review
    assert change_for("closed", "offer", confirmed=True).stage == "offer"
    assert parse_stage("Closed", "offer accepted") == ("closed", "offer-accepted")
    with pytest.raises(BadInput):
        parse_stage("interview", "rejected")


def test_settings_are_validated(tmp_path: Path) -> None:
    def settings(**raw: object):  # noqa: ANN202
        import tomlkit

        return tracking_settings(parse_config(tomlkit.dumps({"tracking": raw}).encode(), tmp_path / "config.toml"))

    assert settings() is None
    ok = settings(host="imap.gmail.com", username="a@gmail.com", password_env="GMAIL_APP_PASSWORD")
    assert ok is not None and (ok.port, ok.tls, ok.folders, ok.days_back) == (993, "ssl", ("INBOX",), 30)
    assert settings(host="h", username="u", password_env="P", tls="starttls").port == 143  # type: ignore[union-attr]
    for bad, key in (
        ({"tls": "maybe"}, "tls"),
        ({"port": 0}, "port"),
        ({"folders": []}, "folders"),
        ({"days_back": 0}, "days_back"),
        ({"interval_minutes": 1}, "interval_minutes"),
    ):
        with pytest.raises(BadInput, match=key):
            settings(host="h", username="u", password_env="P", **bad)
    with pytest.raises(BadInput, match="unencrypted"):
        settings(host="imap.example.com", username="u", password_env="P", tls="none")
    assert settings(host="127.0.0.1", username="u", password_env="P", tls="none") is not None


def test_folder_names_and_fetch_answers() -> None:
    assert quote_folder("INBOX") == '"INBOX"'
    assert quote_folder("Bewerbungen/Rückmeldungen") == '"Bewerbungen/R&APw-ckmeldungen"'
    assert quote_folder('A&B "x"') == '"A&-B \\"x\\""'
    data = [
        (b"1 (UID 7 BODY[HEADER] {5}", b"H: 1\r\n"),
        (b" BODY[TEXT]<0> {2}", b"hi"),
        b")",
        (b"2 (BODY[HEADER] {5}", b"H: 2\r\n"),
        (b" BODY[TEXT]<0> {3}", b"yo!"),
        b" UID 9)",
    ]
    mails = list(parse_fetch(data))
    assert [(m.uid, m.header, m.text) for m in mails] == [(7, b"H: 1\r\n", b"hi"), (9, b"H: 2\r\n", b"yo!")]
