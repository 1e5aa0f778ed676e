"""The labelled corpus (tests/fixtures/tracking_corpus) and the sentences that once closed jobs by mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobber_tui.core.tracking.classify import Category, classify, ignore_reason
from jobber_tui.core.tracking.mail_text import parse_mail

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "tracking_corpus"


def _labels() -> list[tuple[str, str, str]]:
    rows = (CORPUS / "labels.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(row.split("\t")[:3]) for row in rows]  # type: ignore[misc]


def _verdict(name: str) -> tuple[str, bool, bool]:
    raw = (CORPUS / name).read_bytes()
    header, _, body = raw.partition(b"\r\n\r\n")
    msg = parse_mail(header, body, fallback_id=f"<{name}>")
    verdict = classify(msg)
    if ignore_reason(msg, verdict, in_thread=False):
        return "ignored", True, False
    return verdict.category.value, verdict.sure, verdict.screening


def test_the_corpus_has_every_shape_the_issue_asks_for() -> None:
    labels = _labels()
    assert len(labels) >= 80
    assert {name.split("-")[0] for name, _, _ in labels} == {"en", "de", "fr", "es"}
    assert {label for _, label, _ in labels} == {
        "acknowledgement",
        "rejection",
        "interview",
        "assessment",
        "offer",
        "other",
        "ignored",
    }


def test_rules_alone_never_close_or_offer_by_mistake_and_are_right_95_percent() -> None:
    results = [(name, label, *_verdict(name)) for name, label, _ in _labels()]
    wrong_closes = [name for name, label, got, sure, _ in results if got == "rejection" and sure and label != got]
    wrong_offers = [name for name, label, got, sure, _ in results if got == "offer" and sure and label != got]
    assert wrong_closes == [] and wrong_offers == []
    right = sum(label == got for _, label, got, _, _ in results)
    assert right / len(results) >= 0.95, [(n, label, got) for n, label, got, _, _ in results if label != got]


def test_screening_invitations_are_told_apart() -> None:
    for name, label, screening in _labels():
        if label == "interview":
            assert _verdict(name)[2] == (screening == "yes"), name


def _mail(body: str, subject: str = "Your application") -> Category:
    head = f"From: Team <jobs@acme.example>\r\nSubject: {subject}\r\nMessage-ID: <{abs(hash(body))}@t>\r\n\r\n"
    return classify(parse_mail(head.encode(), body.encode(), fallback_id="<x@t>")).category


@pytest.mark.parametrize(
    "body",
    [
        "Thank you for applying. If you are not selected for this position, keep an eye on our jobs page.",
        "We have received your application. Unfortunately we are not able to respond to every applicant.",
        "Thanks for applying! If you do not hear from us within two weeks, we have decided to move forward with other "
        "candidates.",
        "Vielen Dank für Ihre Bewerbung. Leider können wir nicht jede Bewerbung beantworten.",
        "Nous avons bien reçu votre candidature. Sans réponse de notre part sous trois semaines, votre candidature n'a "
        "pas été retenue.",
        "Hemos recibido tu candidatura. En caso de no recibir respuesta en 30 días, tu candidatura no ha sido "
        "seleccionada.",
    ],
)
def test_conditional_and_generic_rejection_wording_is_an_acknowledgement(body: str) -> None:
    assert _mail(body) is Category.ACKNOWLEDGEMENT


def test_a_rejection_offering_another_interview_goes_to_review() -> None:
    head = "From: Team <jobs@acme.example>\r\nSubject: Update\r\nMessage-ID: <mixed@t>\r\n\r\n"
    body = (
        "We will not be moving forward with your application for the Backend role. We would like to invite you to "
        "an interview for our Platform role instead."
    )
    verdict = classify(parse_mail(head.encode(), body.encode(), fallback_id="<x@t>"))
    assert verdict.category is Category.REJECTION and not verdict.sure
