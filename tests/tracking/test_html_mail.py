"""HTML-only mail through the one HTML-to-text converter (tests/fixtures/html_mail): what the rules and
the model read, and the snippet the store keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobber_tui.core.tracking.classify import Category, classify
from jobber_tui.core.tracking.mail_text import MailMessage, parse_mail

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "html_mail"
FILES = sorted(p.name for p in CORPUS.glob("*.eml"))


def mail(name: str) -> MailMessage:
    header, _, body = (CORPUS / name).read_bytes().partition(b"\r\n\r\n")
    return parse_mail(header, body, fallback_id=f"<{name}>")


@pytest.mark.parametrize("name", FILES)
def test_html_mail_reads_as_tidy_text_without_markup_or_quoted_history(name: str) -> None:
    msg = mail(name)
    assert msg.text.strip()
    for leftover in ("<", ">", "&nbsp;", "&amp;", "\xa0", "href=", "QUOTED-HISTORY-MARKER", "**", "\n\n\n"):
        assert leftover not in msg.text, (leftover, msg.text)
    assert all(line == line.rstrip() and not line.startswith(" " * 8) for line in msg.text.splitlines())
    assert "QUOTED-HISTORY-MARKER" not in msg.snippet


def test_nested_lists_keep_their_items_and_entities_are_decoded_once() -> None:
    text = mail("gmail-reply-nested-lists.eml").text
    assert "Thanks for your patience & for the quick reply! We’d like to invite you to a technical interview." in text
    assert "1. Intro with the hiring manager (30 min)\n2. System design\n" in text
    assert "   - a ledger that never loses a write\n   - on-call & incident review\n3. Q&A with the team" in text
    assert "Best,\nTomasz\nQuayline · Talent" in text
    assert "On Wed, Mar 11" not in text  # Gmail's quote intro goes with the quote


def test_a_table_row_stays_one_line_with_its_cells_apart() -> None:
    text = mail("outlook-table-slots.eml").text
    assert "Date | Time (CET)\nTue 17 March | 10:00 – 11:00\nWed 18 March | 14:30 – 15:30" in text
    assert text.startswith("Dear Mira,\n\nWe would like to invite you to an interview.")
    assert "mso" not in text.lower() and "MsoNormal" not in text


def test_a_gt_sign_inside_an_attribute_leaks_nothing() -> None:
    """The old converter cut tags at the first `>`: the rest of the button's attributes, the tracking
    link with them, became mail text and went into the snippet and the model's prompt."""
    msg = mail("ats-button-attributes.eml")
    assert "Start the exercise" in msg.text
    for leak in ("takes about 2 hours", "data-x", "ats-mail.example/t/c", "9f8e7d"):
        assert leak not in msg.text and leak not in msg.snippet
    assert "Northwind" not in msg.text and "color: #fff" not in msg.text  # <title> and <style> are not text
    assert msg.text == (
        "Your coding exercise is ready\n\nHi Mira,\nThe next step for Backend Developer is a take-home "
        "coding exercise. You have 5 days.\nStart the exercise\nQuestions? Reply to this e-mail."
    )


def test_quoted_history_in_a_blockquote_goes_whatever_its_language() -> None:
    """Apple Mail in French: no rule knows the "a écrit :" intro, so the quoted rejection used to be read
    with the new mail, and the rules saw "Malheureusement ... pas donner suite"."""
    msg = mail("apple-mail-reply-fr.eml")
    assert msg.text == (
        "Bonjour Mira,\n\nBonne nouvelle : nous aimerions vous inviter à un entretien jeudi à 10 h.\n\nCamille"
    )
    assert "Malheureusement" not in msg.text
    assert classify(msg).category is not Category.REJECTION


def test_definition_lists_and_preformatted_signatures() -> None:
    text = mail("thunderbird-reply-cite.eml").text
    assert 'Here are the "offer details" you asked for — salary, start date and the pension plan:' in text
    assert "Start\n1 May 2026\nSalary\nEUR 78,000 / year" in text
    assert "Jonas Berg\nPeople & Culture" in text
    assert "Mira Okafor wrote:" not in text


def test_the_whole_mail_in_a_blockquote_is_still_read() -> None:
    """Some clients wrap a whole new message in a blockquote; then nothing is dropped."""
    header = b"From: a@b.example\r\nSubject: Hi\r\nMessage-ID: <x@b.example>\r\nContent-Type: text/html\r\n\r\n"
    msg = parse_mail(
        header, b"<blockquote><p>We would like to invite you to an interview.</p></blockquote>", fallback_id="x"
    )
    assert msg.text == "We would like to invite you to an interview."
