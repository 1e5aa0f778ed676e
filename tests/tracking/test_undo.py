"""A false close undone from the job, and the replies after it looked at again (real IMAP server on loopback)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import CliResult
from jobber_tui.core.tracking import review
from jobber_tui.core.workspace import open_workspace

from .imap_home import seed
from .imap_server import ImapTestServer
from .mails import build

Cli = Callable[..., CliResult]

MISSENT = build(
    "globex-missent",
    "Globex Talent <no-reply@hire.lever.co>",
    "Your application to Globex",
    "Hi Alex,\n\nThank you for your interest in Globex. Unfortunately, we will not be moving forward with "
    "your application for the Data Engineer position.\n\nThe Globex Recruiting Team",
    days_ago=5,
)
INVITE = build(
    "globex-invite",
    "Rana Obi <rana.obi@globex.com>",
    "Interview invitation: Data Engineer",
    "Hi Alex,\n\nplease ignore the automated note you may have received. We would like to invite you to a "
    "technical interview for the Data Engineer role. Please pick a time: https://calendly.com/globex/de",
    days_ago=3,
    message_id="<invite-77@globex.com>",
)
FOLLOW_UP = build(
    "globex-follow-up",
    "Scheduling Desk <desk@calendar-partner.example>",
    "Re: Interview invitation",
    "Hi Alex, a reminder that your slot is Tuesday 10:00. See you there.",
    days_ago=1,
    in_reply_to="<invite-77@globex.com>",
    references="<invite-77@globex.com>",
)


def test_undo_from_the_job_reevaluates_the_replies_after_it(
    imap: ImapTestServer, tracking_home: Path, seeded_jobs: dict[str, int], cli: Cli
) -> None:
    job = str(seeded_jobs["globex"])
    seed(imap, [MISSENT, INVITE, FOLLOW_UP])
    assert cli("track", "sync").code == 0
    shown = cli("jobs", "show", job, "--json").json()
    assert (shown["stage"], shown["outcome"]) == ("closed", "rejected")  # type: ignore[index]
    ws = open_workspace(tracking_home)
    waiting = {item.subject: item for item in review.pending_reviews(ws)}
    # The follow-up sits in the invitation's thread: it waits with it instead of being ignored for good.
    assert set(waiting) == {"Interview invitation: Data Engineer", "Re: Interview invitation"}
    assert "in the thread of message" in waiting["Re: Interview invitation"].reason
    ws.close()

    replies = cli("jobs", "replies", job)
    assert "rejection: Your application to Globex  [applied -> closed (rejected)]" in replies.out
    assert "(waits in review)" in replies.out
    undone = cli("jobs", "undo-stage", job, "--as", "acknowledgement")
    assert undone.code == 0, undone.err
    assert f"job {job}: undid message" in undone.out and "stage interview" in undone.out
    shown = cli("jobs", "show", job, "--json").json()
    assert (shown["stage"], shown["outcome"]) == ("interview", None)  # type: ignore[index]
    stage_events = [e["detail"] for e in shown["events"] if e["kind"] == "stage"]  # type: ignore[index]
    assert stage_events[0].startswith("applied -> closed (rejected)")
    assert (
        stage_events[1].startswith("closed -> applied: undone by you")
        and "relabelled acknowledgement" in stage_events[1]
    )
    assert stage_events[2] == "applied -> interview: interview mail re-evaluated after an undo"
    ws = open_workspace(tracking_home)
    assert review.pending_reviews(ws) == []
    statuses = {m.subject: (m.status, m.category) for m in review.job_messages(ws, int(job))}
    assert statuses == {
        "Your application to Globex": ("routed", "acknowledgement"),
        "Interview invitation: Data Engineer": ("routed", "interview"),
        "Re: Interview invitation": ("routed", "other"),
    }
    ws.close()
    again = cli("jobs", "undo-stage", job, "--message", "1")
    assert again.code == 2 and "changed no stage" in again.err


def test_undo_refuses_after_a_stage_set_by_hand(
    imap: ImapTestServer, tracking_home: Path, seeded_jobs: dict[str, int], cli: Cli
) -> None:
    job = str(seeded_jobs["globex"])
    seed(imap, [MISSENT])
    assert cli("track", "sync").code == 0
    assert cli("jobs", "stage", job, "closed", "--outcome", "withdrawn").code == 0
    refused = cli("jobs", "undo-stage", job)
    assert refused.code == 2 and "set by hand" in refused.err
    assert cli("jobs", "show", job, "--json").json()["outcome"] == "withdrawn"  # type: ignore[index]
    assert cli("jobs", "undo-stage", str(seeded_jobs["acme"])).code == 2  # nothing to undo there


def test_approving_a_reply_takes_the_replies_in_its_thread_along(
    imap: ImapTestServer, tracking_home: Path, seeded_jobs: dict[str, int], cli: Cli
) -> None:
    seed(imap, [MISSENT, INVITE, FOLLOW_UP])
    assert cli("track", "sync").code == 0
    ws = open_workspace(tracking_home)
    invite = next(i for i in review.pending_reviews(ws) if i.subject == "Interview invitation: Data Engineer")
    ws.close()
    approved = cli("track", "approve", str(invite.id))
    assert approved.code == 0 and "(in its thread)" in approved.out
    ws = open_workspace(tracking_home)
    assert review.pending_reviews(ws) == []
    assert ws.store.get(seeded_jobs["globex"]).stage == "interview"  # the user's approval reopens
    ws.close()
