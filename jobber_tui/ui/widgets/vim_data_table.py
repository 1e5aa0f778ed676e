"""A DataTable that also moves with j/k/g/G (keymap.DATA_TABLE), like the queue table."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from .. import keymap


class VimDataTable(DataTable[Any]):
    """Row cursor, zebra stripes; the same binding ids as the queue table, so a remap applies to both."""

    BINDINGS = [*keymap.DATA_TABLE]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
