from __future__ import annotations

from collections.abc import Iterator

import pytest

from .chat_server import ChatServer, running_chat_server


@pytest.fixture
def chat() -> Iterator[tuple[ChatServer, str]]:
    with running_chat_server() as served:
        yield served
