"""The per-source filters on postings, without a network: whole words in any case, titles only for
exclusions, places with "remote", and a dropped posting still counted as listed (so never expired)."""

from __future__ import annotations

from jobber_tui.core.discovery.sources.filters import Filters
from jobber_tui.core.discovery.sources.posting import Listing, Posting


def _job(title: str, text: str = "", location: str | None = None, remote: bool = False, job_id: str = "1") -> Posting:
    return Posting(
        source="greenhouse",
        board="acme",
        source_job_id=job_id,
        title=title,
        employer="Acme",
        location=location,
        is_remote=remote,
        job_description=text,
    )


def test_keywords_are_whole_words_in_any_case() -> None:
    wants_go = Filters(include=("Go", "C++"))
    assert wants_go.reason_to_drop(_job("Backend Engineer", "We write go and Python")) is None
    assert wants_go.reason_to_drop(_job("Google Ads Specialist")) == "none of the keywords"
    assert wants_go.reason_to_drop(_job("C++ Developer")) is None
    assert wants_go.reason_to_drop(_job("C Developer")) == "none of the keywords"


def test_exclusions_read_the_title_only() -> None:
    no_senior = Filters(exclude=("senior",))
    assert no_senior.reason_to_drop(_job("Senior Engineer")) == "title has 'Senior'"
    assert no_senior.reason_to_drop(_job("Engineer", "You will work with senior engineers")) is None


def test_places_and_remote() -> None:
    berlin_or_remote = Filters(locations=("Berlin", "remote"))
    assert berlin_or_remote.reason_to_drop(_job("X", location="Berlin, Germany")) is None
    assert berlin_or_remote.reason_to_drop(_job("X", location="Worldwide", remote=True)) is None
    assert berlin_or_remote.reason_to_drop(_job("X", location="Munich")) == "elsewhere"
    assert Filters(locations=("Berlin",)).reason_to_drop(_job("X", location="Anywhere", remote=True)) == "elsewhere"
    assert Filters(remote_only=True).reason_to_drop(_job("X", location="Berlin")) == "not remote"


def test_a_dropped_posting_stays_listed() -> None:
    listing = Listing("greenhouse", "acme")
    listing.add("1", _job("Senior Engineer", job_id="1"), "job #1")
    listing.add("2", _job("Engineer", job_id="2"), "job #2")
    assert Filters(exclude=("senior",), max_new=5).apply(listing) == 1
    assert [p.source_job_id for p in listing.postings] == ["2"] and listing.present_ids == {"1", "2"}
    assert listing.filtered == 1 and listing.max_new == 5 and listing.complete
    assert Filters(exclude=("senior",), locations=("remote",), max_new=5).describe() == (
        "drops titles with: senior; in: remote; at most 5 new a run"
    )
