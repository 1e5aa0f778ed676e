"""The app's own messages leave Textual's `Message` API intact."""

from __future__ import annotations

import threading

from jobber_tui.ui.app import JobberApp


def test_the_watcher_started_message_can_be_stopped_like_any_message() -> None:
    # It carried the watcher's stop event as `stop`, which hid `Message.stop()`: calling it raised TypeError.
    stop_event = threading.Event()
    message = JobberApp.WatchStarted(stop_event)

    assert message.stop() is message  # Textual's: stops the message bubbling up, returns it
    assert message.stop_event is stop_event
    assert not stop_event.is_set()  # stopping the message does not stop the watcher
